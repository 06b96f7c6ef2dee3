import { deleteSecret, readCognitoClientSecret, secretArnOf, tagSecret } from './aws';
import { CfnRequest, HandlerResult, NOTHING_CREATED, ProviderError, ResourceHandler, secretTags, stringProperty } from './cfn-event';
import { readClientCredentials, storeClientCredentials } from './client-credentials';

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

/** A secret of the app client: its value, and Cognito's ID of it when a rotation wrote it. */
interface AppClientSecret {
  readonly value: string;
  readonly id?: string;
}

/**
 * The app client's secret to store. An app client can hold two secrets (AddUserPoolClientSecret), and Cognito returns
 * only the one it was created with, while it has it (AWS documents nothing else of DescribeUserPoolClient's ClientSecret;
 * this is the behaviour reported in floci-io/floci#345). So an Update keeps the secret a copy of this same app client
 * holds: after a rotation by hand (a secret added, written into the copy, the first one deleted), a deployment must
 * neither put the first one back nor fail. A copy of another app client, or none, is written from Cognito.
 */
async function appClientSecret(request: CfnRequest, userPoolId: string, clientId: string, secretName: string): Promise<AppClientSecret> {
  if (request.RequestType === 'Update') {
    const copy = await readClientCredentials(secretName);
    if (copy?.clientId === clientId) return { value: copy.clientSecret, id: copy.clientSecretId };
  }
  const secret = await readCognitoClientSecret(userPoolId, clientId);
  if (secret) return { value: secret };
  throw new ProviderError(`Cognito returns no client secret for app client ${clientId} of user pool ${userPoolId}: it was created `
    + 'without one (GenerateSecret must be true), or the secret it was created with was deleted (DeleteUserPoolClientSecret), and '
    + `secret ${secretName} holds no copy of this app client to keep. If the app client has another secret (AddUserPoolClientSecret), `
    + `store it there as client_secret, with client_id ${clientId}, and deploy again; otherwise replace the client (give it another construct ID).`);
}

async function write(request: CfnRequest): Promise<HandlerResult> {
  const userPoolId = stringProperty(request, 'UserPoolId');
  const clientId = stringProperty(request, 'ClientId');
  const secretName = stringProperty(request, 'SecretName');
  const secret = await appClientSecret(request, userPoolId, clientId, secretName);
  const arn = await storeClientCredentials(secretName, stringProperty(request, 'KmsKeyArn'), {
    clientId,
    clientSecret: secret.value,
    clientSecretId: secret.id,
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

