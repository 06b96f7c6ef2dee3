// The provider's Amazon Cognito call (one file per AWS service; see aws-secrets-manager.ts). The SDK v3 is provided by the Lambda runtime.
import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ProviderError } from './cfn-event';

let cognito: CognitoIdentityProviderClient | undefined;

function cognitoClient(): CognitoIdentityProviderClient {
  return (cognito ??= new CognitoIdentityProviderClient({}));
}

/** Reads a Cognito app client's secret. */
export async function readCognitoClientSecret(userPoolId: string, clientId: string): Promise<string> {
  const out = await cognitoClient().send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
  const secret = out.UserPoolClient?.ClientSecret;
  if (!secret) {
    throw new ProviderError(`app client ${clientId} of user pool ${userPoolId} has no client secret (GenerateSecret must be true)`);
  }
  return secret;
}
