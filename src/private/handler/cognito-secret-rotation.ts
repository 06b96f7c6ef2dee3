import {
  addCognitoClientSecret, currentVersionOf, deleteCognitoClientSecret, listCognitoClientSecretIds, moveCurrentStage, putPendingSecretValue,
  readCognitoClientSecret, readSecret, secretVersionStages,
} from './aws';
import { ProviderError } from './cfn-event';
import { ClientCredentials, credentialsJson, readClientCredentials } from './client-credentials';

/** What Secrets Manager sends a rotation function (the fields the provider reads). */
export interface RotationEvent {
  readonly Step: string;
  readonly SecretId: string;
  readonly ClientRequestToken: string;
}

export function isRotationEvent(event: object): event is RotationEvent {
  const e = event as Partial<RotationEvent>;
  return typeof e.Step === 'string' && typeof e.SecretId === 'string' && typeof e.ClientRequestToken === 'string';
}

/** A Cognito client's stored credentials, with the user pool its issuer names. */
interface StoredCopy {
  readonly credentials: ClientCredentials;
  readonly userPoolId: string;
}

/** Cognito's issuer, `https://cognito-idp.<region>.<suffix>/<user pool ID>`. */
const COGNITO_ISSUER = /^https:\/\/cognito-idp\.[a-z0-9.-]+\/([\w-]+_[0-9a-zA-Z]+)$/;

function storedCopy(credentials: ClientCredentials | undefined, secretId: string, stage: string): StoredCopy {
  const pool = credentials && COGNITO_ISSUER.exec(credentials.issuer)?.[1];
  if (!credentials || !pool) {
    throw new ProviderError(`the ${stage} version of secret ${secretId} is not the credentials of a Cognito app client `
      + '(JSON with client_id, client_secret and a Cognito issuer): the provider rotates only the client secrets it stores');
  }
  return { credentials, userPoolId: pool };
}

/**
 * Cognito's ID of the secret the current copy holds. Before the first rotation the copy does not say: it holds the
 * secret the app client was created with when Cognito has that one only, or returns it as the copy's.
 */
async function idOfCurrent(copy: StoredCopy, ids: string[], secretId: string): Promise<string> {
  const { clientId, clientSecret, clientSecretId } = copy.credentials;
  const client = `app client ${clientId} of user pool ${copy.userPoolId}`;
  if (clientSecretId) {
    if (ids.includes(clientSecretId)) return clientSecretId;
    throw new ProviderError(`secret ${secretId} holds client secret ${clientSecretId} of ${client}, which Cognito no longer has `
      + '(deleted with DeleteUserPoolClientSecret?), so the services that read it cannot authenticate. Write a secret the app client '
      + 'has into it (client_secret, and its ID as client_secret_id), then rotate it again.');
  }
  if (ids.length === 1) return ids[0];
  // Two secrets: the older is the one the app client was created with (Cognito lists them with their creation dates).
  if (ids.length === 2 && await readCognitoClientSecret(copy.userPoolId, clientId) === clientSecret) return ids[0];
  throw new ProviderError(`${client} has ${ids.length} secrets, and secret ${secretId} does not say which it holds (no client_secret_id): `
    + 'delete the one the services do not use (DeleteUserPoolClientSecret), or add its ID to the secret as client_secret_id, then rotate it again.');
}

/**
 * createSecret: deletes the app client's secret that the copy does not hold (the one the last rotation replaced, which
 * the services had a whole rotation period to stop using; or one an interrupted createSecret added), has Cognito add a
 * new one, and stores it as the AWSPENDING version. Both stay valid until the next rotation.
 */
async function createSecret(secretId: string, token: string): Promise<void> {
  if (await readSecret(secretId, { stage: 'AWSPENDING', versionId: token }) !== undefined) return;
  const copy = storedCopy(await readClientCredentials(secretId, { stage: 'AWSCURRENT' }), secretId, 'AWSCURRENT');
  const { clientId } = copy.credentials;
  const ids = await listCognitoClientSecretIds(copy.userPoolId, clientId);
  const current = await idOfCurrent(copy, ids, secretId);
  for (const id of ids) {
    if (id !== current) await deleteCognitoClientSecret(copy.userPoolId, clientId, id);
  }
  const added = await addCognitoClientSecret(copy.userPoolId, clientId);
  await putPendingSecretValue(secretId, token, credentialsJson({ ...copy.credentials, clientSecret: added.value, clientSecretId: added.id }));
}

/** testSecret: Cognito has the pending secret (no token request: the app client's grants may allow none without a user). */
async function testSecret(secretId: string, token: string): Promise<void> {
  const pending = storedCopy(await readClientCredentials(secretId, { stage: 'AWSPENDING', versionId: token }), secretId, 'AWSPENDING');
  const { clientId, clientSecretId } = pending.credentials;
  const ids = await listCognitoClientSecretIds(pending.userPoolId, clientId);
  if (!clientSecretId || !ids.includes(clientSecretId)) {
    throw new ProviderError(`the AWSPENDING version of secret ${secretId} holds a client secret that app client ${clientId} `
      + `of user pool ${pending.userPoolId} does not have (${clientSecretId ?? 'no client_secret_id'})`);
  }
}

/**
 * Rotates a Cognito client's copy in Secrets Manager, step by step as Secrets Manager asks (createSecret, setSecret,
 * testSecret, finishSecret). Cognito holds two secrets of an app client at most, and both are valid: the rotation
 * keeps the one it replaces until the next, so a service that read the secret before keeps working meanwhile.
 * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html
 */
export async function rotateCognitoClientSecret(event: RotationEvent): Promise<void> {
  const { Step: step, SecretId: secretId, ClientRequestToken: token } = event;
  const stages = await secretVersionStages(secretId);
  const labels = stages[token];
  if (!labels) throw new ProviderError(`secret ${secretId} has no version ${token} to rotate to`);
  // Finished already (finishSecret sent again): nothing to do at any step.
  if (labels.includes('AWSCURRENT')) return;
  if (!labels.includes('AWSPENDING')) throw new ProviderError(`version ${token} of secret ${secretId} is not AWSPENDING`);
  switch (step) {
    case 'createSecret': return createSecret(secretId, token);
    // Cognito made the secret valid as it added it: there is nothing to set.
    case 'setSecret': return;
    case 'testSecret': return testSecret(secretId, token);
    case 'finishSecret': return moveCurrentStage(secretId, token, currentVersionOf(stages));
    default: throw new ProviderError(`unknown rotation step ${step}`);
  }
}
