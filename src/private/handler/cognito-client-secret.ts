import { deleteSecret, readCognitoClientSecret, tagSecret } from './aws';
import { CfnRequest, HandlerResult, NOTHING_CREATED, ResourceHandler, secretTags, stringProperty } from './cfn-event';
import { storeClientCredentials } from './client-credentials';

async function write(request: CfnRequest): Promise<HandlerResult> {
  const userPoolId = stringProperty(request, 'UserPoolId');
  const clientId = stringProperty(request, 'ClientId');
  const clientSecret = await readCognitoClientSecret(userPoolId, clientId);
  const arn = await storeClientCredentials(stringProperty(request, 'SecretName'), stringProperty(request, 'KmsKeyArn'), {
    clientId,
    clientSecret,
    issuer: stringProperty(request, 'Issuer'),
    tokenEndpoint: stringProperty(request, 'TokenEndpoint', false),
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
    if (!arn.startsWith('arn:')) return write(request);
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

