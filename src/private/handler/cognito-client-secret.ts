import { deleteSecret, readCognitoClientSecret, secretArnOf, tagSecret } from './aws';
import { CfnRequest, HandlerResult, NOTHING_CREATED, ProviderError, ResourceHandler, secretTags, stringProperty } from './cfn-event';
import { storeClientCredentials } from './client-credentials';

/**
 * The token endpoint of the user pool's domain: the one given, or that of an imported domain's name. A Cognito
 * prefix cannot contain a dot and a custom domain always does.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain.html
 */
function tokenEndpoint(request: CfnRequest): string {
  const given = stringProperty(request, 'TokenEndpoint', false);
  const domain = stringProperty(request, 'DomainName', false);
  if (given || !domain) return given;
  if (domain.includes('.')) return `https://${domain}/oauth2/token`;
  // The provider runs in the client's stack, so in the region of its user pool and domain.
  const region = process.env.AWS_REGION;
  if (!region) throw new ProviderError(`AWS_REGION is not set, so the token endpoint of Cognito domain prefix '${domain}' cannot be named`);
  return `https://${domain}.auth.${region}.amazoncognito.com/oauth2/token`;
}

async function write(request: CfnRequest): Promise<HandlerResult> {
  const userPoolId = stringProperty(request, 'UserPoolId');
  const clientId = stringProperty(request, 'ClientId');
  const clientSecret = await readCognitoClientSecret(userPoolId, clientId);
  const arn = await storeClientCredentials(stringProperty(request, 'SecretName'), stringProperty(request, 'KmsKeyArn'), {
    clientId,
    clientSecret,
    issuer: stringProperty(request, 'Issuer'),
    tokenEndpoint: tokenEndpoint(request),
  }, `Cognito app client ${clientId}`, secretTags(request));
  return { physicalResourceId: arn, data: { SecretArn: arn } };
}

export const cognitoClientSecret: ResourceHandler = {
  create: write,
  // A new secret name is a new physical resource (CloudFormation then deletes the old one);
  // the same name gets a new version with the current client ID and secret.
  update: write,
  async retag(request: CfnRequest): Promise<HandlerResult> {
    const arn = request.PhysicalResourceId ?? '';
    // A secret deleted behind the stack's back (or scheduled for deletion) is written again, as by an Update.
    if (!arn.startsWith('arn:') || !(await secretArnOf(arn))) return write(request);
    await tagSecret(arn, secretTags(request));
    return { physicalResourceId: arn, data: { SecretArn: arn } };
  },
  async delete(request: CfnRequest): Promise<HandlerResult> {
    const physicalResourceId = request.PhysicalResourceId ?? NOTHING_CREATED;
    const retain = request.ResourceProperties.RemovalPolicy === 'retain';
    if (!retain && physicalResourceId.startsWith('arn:')) {
      await deleteSecret(physicalResourceId);
    }
    return { physicalResourceId };
  },
};

