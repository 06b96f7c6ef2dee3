// Every AWS call of the provider, behind one narrow module. The SDK v3 is provided by the Lambda runtime.
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  AddUserPoolClientSecretCommand, CognitoIdentityProviderClient, DeleteUserPoolClientSecretCommand, DescribeUserPoolClientCommand,
  ListUserPoolClientSecretsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, DescribeSecretCommandOutput, GetSecretValueCommand, PutSecretValueCommand,
  RestoreSecretCommand, SecretsManagerClient, TagResourceCommand, UntagResourceCommand, UpdateSecretCommand, UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { ProviderError, SecretTags, Tag } from './cfn-event';
import { jsonObject } from '../engine/wire';

let cognito: CognitoIdentityProviderClient | undefined;
let secretsManager: SecretsManagerClient | undefined;
let kms: KMSClient | undefined;
let cloudFormation: CloudFormationClient | undefined;

/**
 * How the provider's AWS clients retry. CloudFormation runs the custom resources of a stack side by side, each in an
 * invocation of its own, and the calls add up against the account's request rates: Cognito reads app clients at 15
 * requests per second per account, and 5 per user pool, and cannot be raised. The SDK's default of 3 attempts gives
 * up after 3 seconds at the most, which a deployment of a few dozen clients on one pool can exceed. With 10 attempts
 * it backs off on throttling for a minute on average, two at the most (a random part of 1, 2, 4, 8, 16 s, then of 20 s
 * four times), within an invocation's five.
 */
const MAX_ATTEMPTS = 10;

/**
 * How long the provider waits for a connection to an AWS endpoint, each attempt. A provider in a VPC with no way to a
 * service (no NAT gateway, no interface endpoint) never gets one: without this limit the call would wait until the
 * invocation times out, and the step would fail only after Lambda's retries, 25 minutes later, with no reason given.
 * A request that was sent and gets no answer is not timed out: the calls that write (CreateSecret,
 * AddUserPoolClientSecret) would then be sent twice.
 */
const CONNECTION_TIMEOUT_MS = 3000;

const CLIENT_CONFIG = { maxAttempts: MAX_ATTEMPTS, requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS } };

/**
 * How long the provider waits before it sends a call that IAM refused again (1, 2, 3, then 4 seconds). IAM takes a
 * moment to apply a new or changed policy everywhere (it is eventually consistent), and CloudFormation calls the
 * provider as soon as the policy that grants a new user pool or key reports complete. A call still refused after
 * these 10 seconds fails, as it would have at once.
 */
const GRANT_DELAYS_MS = [1000, 2000, 3000, 4000];

/** The middleware stack of an AWS SDK client, as far as adding one around all the others goes. */
interface MiddlewareStackOf {
  add(middleware: (next: (args: object) => Promise<object>) => (args: object) => Promise<object>, options: { step: 'initialize'; name: string }): void;
}

/** A service the provider calls: its name, and the name of its VPC endpoint service (com.amazonaws.<region>.<name>). */
interface Service {
  readonly title: string;
  readonly endpointService: string;
}

/**
 * The client, whose calls IAM refuses (AccessDeniedException) are sent again after GRANT_DELAYS_MS, and whose calls
 * that never got a connection fail with what to do about it.
 */
function providerClient<C extends { middlewareStack: object }>(client: C, service: Service): C {
  (client.middlewareStack as MiddlewareStackOf).add((next) => async (args) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await next(args);
      } catch (e) {
        if (errorName(e) === 'TimeoutError') throw unreachable(service, e);
        if (errorName(e) !== 'AccessDeniedException' || attempt >= GRANT_DELAYS_MS.length) throw e;
        await new Promise((resolve) => setTimeout(resolve, GRANT_DELAYS_MS[attempt]));
      }
    }
  }, { step: 'initialize', name: 'cdkOAuthClientsProviderClient' });
  return client;
}

/** Why a call got no connection to its service (the SDK's TimeoutError, after its attempts), and what to do. */
function unreachable(service: Service, e: unknown): ProviderError {
  const attempts = (e as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? MAX_ATTEMPTS;
  const region = process.env.AWS_REGION ?? '<region>';
  return new ProviderError(`no connection to ${service.title} within ${CONNECTION_TIMEOUT_MS / 1000} s, in ${attempts} `
    + `attempts. A provider in a VPC reaches ${service.title} through a NAT gateway or an interface VPC endpoint `
    + `(com.amazonaws.${region}.${service.endpointService}) with private DNS: give its subnets one, and deploy again.`);
}

function kmsClient(): KMSClient {
  return (kms ??= providerClient(new KMSClient(CLIENT_CONFIG), { title: 'AWS KMS', endpointService: 'kms' }));
}

function cognitoClient(): CognitoIdentityProviderClient {
  return (cognito ??= providerClient(new CognitoIdentityProviderClient(CLIENT_CONFIG),
    { title: 'Amazon Cognito', endpointService: 'cognito-idp' }));
}

function secretsClient(): SecretsManagerClient {
  return (secretsManager ??= providerClient(new SecretsManagerClient(CLIENT_CONFIG),
    { title: 'AWS Secrets Manager', endpointService: 'secretsmanager' }));
}

/**
 * CloudFormation, asked only whether a Delete comes from a rollback: a provider in a VPC with no way to CloudFormation
 * (no NAT gateway, no interface endpoint) learns it in seconds, not after its invocation's five minutes, and goes on
 * without the answer.
 */
function cloudFormationClient(): CloudFormationClient {
  // SDK versions differ in which of these ends a request that gets no answer: the runtime's may be older than ours.
  const timeouts = { connectionTimeout: 3000, requestTimeout: 3000, socketTimeout: 3000, throwOnRequestTimeout: true };
  return (cloudFormation ??= new CloudFormationClient({ maxAttempts: 3, requestHandler: timeouts }));
}

/** The status of the stack (StackStatus, UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS say), by its ID. */
export async function stackStatus(stackId: string): Promise<string | undefined> {
  const out = await cloudFormationClient().send(new DescribeStacksCommand({ StackName: stackId }));
  return out.Stacks?.[0]?.StackStatus;
}

/** How Secrets Manager words "the caller may not use the secret's KMS key" in an AccessDeniedException. */
const KMS_REFUSED = /Access to KMS is not allowed/i;

/** Why a secret the provider may read could not be decrypted: which key it is under, and what to do. */
async function undecryptable(secretId: string): Promise<ProviderError> {
  let key = 'a KMS key';
  try {
    const out = await secretsClient().send(new DescribeSecretCommand({ SecretId: secretId }));
    key = `KMS key ${out.KmsKeyId ?? 'aws/secretsmanager'}`;
  } catch {
    // The provider may describe the secrets it stores, not a user's (an initial access token): the key is not named.
  }
  return new ProviderError(`Secrets Manager could not decrypt secret ${secretId}: it is encrypted with ${key}, which `
    + 'the provider\'s role may not use (kms:Decrypt). The provider is granted the keys the app names: each client\'s '
    + 'secretEncryptionKey (or the stack\'s key) until the clients that used it are updated or deleted, and the '
    + 'encryptionKey of an imported initial access token. Name the key the secret is encrypted with, or put the secret '
    + 'under the key named (UpdateSecret with KmsKeyId, as a principal that may use both), and deploy again.');
}

/** How Secrets Manager words "this secret is scheduled for deletion" in an InvalidRequestException. */
const DELETION_PENDING = /scheduled for deletion|marked for deletion/i;

function errorName(e: unknown): string {
  return (e as { name?: string }).name ?? '';
}

/**
 * The secret Cognito returns for an app client (DescribeUserPoolClient): the one it was created with; undefined when
 * it has none, or that one was deleted (DeleteUserPoolClientSecret). A secret added since is never returned.
 */
export async function readCognitoClientSecret(userPoolId: string, clientId: string): Promise<string | undefined> {
  const out = await cognitoClient().send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
  return out.UserPoolClient?.ClientSecret || undefined;
}

/** The IDs of an app client's secrets (at most two), oldest first; Cognito never lists their values. */
export async function listCognitoClientSecretIds(userPoolId: string, clientId: string): Promise<string[]> {
  const out = await cognitoClient().send(new ListUserPoolClientSecretsCommand({ UserPoolId: userPoolId, ClientId: clientId }));
  return (out.ClientSecrets ?? [])
    .slice().sort((a, b) => Number(a.ClientSecretCreateDate ?? 0) - Number(b.ClientSecretCreateDate ?? 0))
    .map((s) => s.ClientSecretId ?? '').filter((id) => id !== '');
}

/** Has Cognito generate another secret for the app client; returns its ID and value. */
export async function addCognitoClientSecret(userPoolId: string, clientId: string): Promise<{ id: string; value: string }> {
  const out = await cognitoClient().send(new AddUserPoolClientSecretCommand({ UserPoolId: userPoolId, ClientId: clientId }));
  const id = out.ClientSecretDescriptor?.ClientSecretId;
  const value = out.ClientSecretDescriptor?.ClientSecretValue;
  if (!id || !value) throw new ProviderError(`Cognito added a secret to app client ${clientId} of user pool ${userPoolId} but returned no ID or value`);
  return { id, value };
}

export async function deleteCognitoClientSecret(userPoolId: string, clientId: string, clientSecretId: string): Promise<void> {
  await cognitoClient().send(new DeleteUserPoolClientSecretCommand({ UserPoolId: userPoolId, ClientId: clientId, ClientSecretId: clientSecretId }));
}

/** A secret's versions and their staging labels. */
export async function secretVersionStages(secretId: string): Promise<Record<string, string[]>> {
  const out = await secretsClient().send(new DescribeSecretCommand({ SecretId: secretId }));
  return out.VersionIdsToStages ?? {};
}

/** The version that is AWSCURRENT among a secret's versions and their labels (secretVersionStages). */
export function currentVersionOf(stages: Record<string, string[]>): string | undefined {
  return Object.keys(stages).find((id) => stages[id].includes('AWSCURRENT'));
}

/** Writes the value as the version of the token, labelled AWSPENDING (AWSCURRENT stays where it is). */
export async function putPendingSecretValue(secretId: string, token: string, value: string): Promise<void> {
  await secretsClient().send(new PutSecretValueCommand({ SecretId: secretId, ClientRequestToken: token, SecretString: value, VersionStages: ['AWSPENDING'] }));
}

/** Moves AWSCURRENT from one version to another (Secrets Manager moves AWSPREVIOUS to the one it leaves). */
export async function moveCurrentStage(secretId: string, toVersionId: string, fromVersionId: string | undefined): Promise<void> {
  await secretsClient().send(new UpdateSecretVersionStageCommand({
    SecretId: secretId, VersionStage: 'AWSCURRENT', MoveToVersionId: toVersionId, RemoveFromVersionId: fromVersionId,
  }));
}

export interface StoreSecretRequest {
  readonly name: string;
  readonly kmsKeyId: string;
  readonly description: string;
  readonly value: string;
  readonly tags: SecretTags;
}

/** The tag every secret of the provider carries; the user's tags cannot replace or remove it. */
const MANAGED_BY: Tag = { Key: 'managed-by', Value: 'cdk-oauth-clients' };

function userTags(tags: Tag[]): Tag[] {
  return tags.filter((t) => t.Key !== MANAGED_BY.Key);
}

/** Gives the secret the resource's tags, and removes those the resource no longer has. */
export async function tagSecret(secretId: string, tags: SecretTags): Promise<void> {
  const add = userTags(tags.tags);
  const remove = tags.removedKeys.filter((k) => k !== MANAGED_BY.Key);
  if (remove.length > 0) await secretsClient().send(new UntagResourceCommand({ SecretId: secretId, TagKeys: remove }));
  if (add.length > 0) await secretsClient().send(new TagResourceCommand({ SecretId: secretId, Tags: add }));
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
      Tags: [...userTags(request.tags.tags), MANAGED_BY],
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
  await tagSecret(request.name, request.tags);
  return existing.ARN!;
}

/**
 * Moves a secret to the key (a client's new secretEncryptionKey), if it is under another: Secrets Manager re-encrypts
 * its labelled versions with the new key as well, and the current value is written again, as a version under the new
 * key alone. The old key must still be usable: the provider's grant on it lasts until the deployment is complete.
 */
export async function moveToKey(secretId: string, kmsKeyId: string): Promise<void> {
  const sm = secretsClient();
  const existing = await sm.send(new DescribeSecretCommand({ SecretId: secretId }));
  if (existing.KmsKeyId === kmsKeyId) return;
  const current = await readSecret(secretId);
  await sm.send(new UpdateSecretCommand({ SecretId: secretId, KmsKeyId: kmsKeyId }));
  if (current !== undefined) await writeSecretValue(secretId, current);
}

/** Writes a new version of a secret that exists. */
export async function writeSecretValue(secretId: string, value: string): Promise<void> {
  await secretsClient().send(new PutSecretValueCommand({ SecretId: secretId, SecretString: value }));
}

/** A secret's description (DescribeSecret), by name or ARN; undefined when there is no such secret. */
async function describedSecret(secretId: string): Promise<DescribeSecretCommandOutput | undefined> {
  try {
    return await secretsClient().send(new DescribeSecretCommand({ SecretId: secretId }));
  } catch (e) {
    if (errorName(e) === 'ResourceNotFoundException') return undefined;
    throw e;
  }
}

/** The KMS key a secret is encrypted with (its KmsKeyId); undefined for the AWS managed key, or no such secret. */
export async function secretKeyOf(name: string): Promise<string | undefined> {
  return (await describedSecret(name))?.KmsKeyId;
}

/** The ARN of a secret that exists (and is not scheduled for deletion), by name. */
export async function secretArnOf(name: string): Promise<string | undefined> {
  const out = await describedSecret(name);
  return out?.DeletedDate === undefined ? out?.ARN : undefined;
}

/**
 * Restores the named secret if it is scheduled for deletion; returns its ARN, or undefined when there is no such
 * secret (never stored, or deleted without a recovery window).
 */
export async function restoreSecret(name: string): Promise<string | undefined> {
  const out = await describedSecret(name);
  if (out?.DeletedDate !== undefined) await secretsClient().send(new RestoreSecretCommand({ SecretId: name }));
  return out?.ARN;
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

/** Which version of a secret to read: by default the current one (AWSCURRENT). */
export interface SecretVersion {
  readonly stage?: string;
  /** With a stage too, the version must have that label. */
  readonly versionId?: string;
}

/**
 * Reads a secret's string value (the initial access token, a registration or a client's credentials this provider
 * stored, or a rotation's version); undefined when there is none, no version with a value has the label, or the
 * secret is scheduled for deletion.
 */
export async function readSecret(secretId: string, version: SecretVersion = {}): Promise<string | undefined> {
  try {
    const { stage: VersionStage, versionId: VersionId } = version;
    const out = await secretsClient().send(new GetSecretValueCommand({ SecretId: secretId, VersionStage, VersionId }));
    return out.SecretString;
  } catch (e) {
    if (errorName(e) === 'ResourceNotFoundException') return undefined;
    if (errorName(e) === 'AccessDeniedException' && KMS_REFUSED.test((e as Error).message)) throw await undecryptable(secretId);
    // A secret scheduled for deletion cannot be read: treat it as gone.
    if (errorName(e) === 'InvalidRequestException' && DELETION_PENDING.test((e as Error).message)) return undefined;
    throw e;
  }
}

/**
 * A stored secret's JSON object; undefined when there is none, or it is not one (edited by hand, say). No error
 * carries the value: JSON.parse's message quotes what it cannot read.
 */
export async function readSecretJson(secretId: string, version: SecretVersion = {}): Promise<Record<string, unknown> | undefined> {
  const text = await readSecret(secretId, version);
  try {
    return text ? jsonObject(JSON.parse(text)) : undefined;
  } catch {
    return undefined;
  }
}

/** A KMS public key: SPKI DER, its key spec. */
export async function getPublicKey(keyId: string): Promise<{ spki: Uint8Array; keySpec: string }> {
  const out = await kmsClient().send(new GetPublicKeyCommand({ KeyId: keyId }));
  if (!out.PublicKey || !out.KeySpec) throw new ProviderError(`KMS key ${keyId} returned no public key`);
  if (out.KeyUsage !== 'SIGN_VERIFY') throw new ProviderError(`KMS key ${keyId} is not a signing key (KeyUsage ${out.KeyUsage})`);
  return { spki: out.PublicKey, keySpec: out.KeySpec };
}
