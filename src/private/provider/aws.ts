// Every AWS call of the provider, behind one narrow module. The SDK v3 is provided by the Lambda runtime.
import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, PutSecretValueCommand, RestoreSecretCommand,
  SecretsManagerClient, UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { ProviderError } from './cfn-event';

let cognito: CognitoIdentityProviderClient | undefined;
let secretsManager: SecretsManagerClient | undefined;

function cognitoClient(): CognitoIdentityProviderClient {
  return (cognito ??= new CognitoIdentityProviderClient({}));
}

function secretsClient(): SecretsManagerClient {
  return (secretsManager ??= new SecretsManagerClient({}));
}

/** How Secrets Manager words "this secret is scheduled for deletion" in an InvalidRequestException. */
const DELETION_PENDING = /scheduled for deletion|marked for deletion/i;

function errorName(e: unknown): string {
  return (e as { name?: string }).name ?? '';
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

export interface StoreSecretRequest {
  readonly name: string;
  readonly kmsKeyId: string;
  readonly description: string;
  readonly value: string;
}

/**
 * Creates the secret, or writes a new version when it exists already (a retried Create, or an Update);
 * a secret scheduled for deletion under the same name is restored first. Returns the secret's ARN.
 */
export async function storeSecret(request: StoreSecretRequest): Promise<string> {
  const sm = secretsClient();
  try {
    const created = await sm.send(new CreateSecretCommand({
      Name: request.name,
      KmsKeyId: request.kmsKeyId,
      Description: request.description,
      SecretString: request.value,
      Tags: [{ Key: 'managed-by', Value: 'cdk-oauth-clients' }],
    }));
    return created.ARN!;
  } catch (e) {
    const scheduledForDeletion = errorName(e) === 'InvalidRequestException' && DELETION_PENDING.test((e as Error).message);
    if (errorName(e) !== 'ResourceExistsException' && !scheduledForDeletion) throw e;
  }
  const existing = await sm.send(new DescribeSecretCommand({ SecretId: request.name }));
  if (existing.DeletedDate !== undefined) {
    await sm.send(new RestoreSecretCommand({ SecretId: request.name }));
  }
  if (existing.KmsKeyId !== request.kmsKeyId) {
    await sm.send(new UpdateSecretCommand({ SecretId: request.name, KmsKeyId: request.kmsKeyId, Description: request.description }));
  }
  await sm.send(new PutSecretValueCommand({ SecretId: request.name, SecretString: request.value }));
  return existing.ARN!;
}

/** Deletes the secret with a recovery window; a secret that is already gone is success. */
export async function deleteSecret(secretId: string): Promise<void> {
  try {
    await secretsClient().send(new DeleteSecretCommand({ SecretId: secretId, RecoveryWindowInDays: 7 }));
  } catch (e) {
    if (errorName(e) === 'ResourceNotFoundException') return;
    // Already scheduled for deletion: nothing left to do.
    if (errorName(e) === 'InvalidRequestException' && DELETION_PENDING.test((e as Error).message)) return;
    throw e;
  }
}
