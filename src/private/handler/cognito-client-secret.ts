import { deleteSecret, readCognitoClientSecret, storeSecret } from './aws';
import { CfnRequest, HandlerResult, NOTHING_CREATED, ResourceHandler, stringProperty } from './cfn-event';


async function write(request: CfnRequest): Promise<HandlerResult> {
  const userPoolId = stringProperty(request, 'UserPoolId');
  const clientId = stringProperty(request, 'ClientId');
  const clientSecret = await readCognitoClientSecret(userPoolId, clientId);
  const issuer = stringProperty(request, 'Issuer');
  const tokenEndpoint = stringProperty(request, 'TokenEndpoint', false);
  const value = JSON.stringify({
    client_id: clientId,
    client_secret: clientSecret,
    issuer,
    ...(tokenEndpoint ? { token_endpoint: tokenEndpoint } : {}),
  });
  const arn = await storeSecret({
    name: stringProperty(request, 'SecretName'),
    kmsKeyId: stringProperty(request, 'KmsKeyArn'),
    description: `OAuth client credentials of Cognito app client ${clientId} (managed by cdk-oauth-clients)`,
    value,
  });
  return { physicalResourceId: arn, data: { SecretArn: arn } };
}

export const cognitoClientSecret: ResourceHandler = {
  create: write,
  // A new secret name is a new physical resource (CloudFormation then deletes the old one);
  // the same name gets a new version with the current client ID and secret.
  update: write,
  async delete(request: CfnRequest): Promise<HandlerResult> {
    const physicalResourceId = request.PhysicalResourceId ?? NOTHING_CREATED;
    const retain = request.ResourceProperties.RemovalPolicy === 'retain';
    if (!retain && physicalResourceId.startsWith('arn:')) {
      await deleteSecret(physicalResourceId);
    }
    return { physicalResourceId };
  },
};

