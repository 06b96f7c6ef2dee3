import { readSecretJson, SecretVersion, storeSecret } from './aws';
import { SecretTags } from './cfn-event';

/** A client's credentials, as every backend stores them: the JSON the secret's readers rely on. */
export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly issuer: string;
  readonly tokenEndpoint?: string;
  /** When the server said the secret expires (RFC 7591 `client_secret_expires_at`, seconds since the epoch); never when 0. */
  readonly clientSecretExpiresAt?: number;
  /** Cognito's ID of the secret, once a rotation added it (an app client can hold two). */
  readonly clientSecretId?: string;
}

/** The stored JSON: `{ client_id, client_secret, issuer, token_endpoint?, client_secret_expires_at?, client_secret_id? }`. */
export function credentialsJson(credentials: ClientCredentials): string {
  return JSON.stringify({
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    issuer: credentials.issuer,
    ...(credentials.tokenEndpoint ? { token_endpoint: credentials.tokenEndpoint } : {}),
    ...(credentials.clientSecretExpiresAt ? { client_secret_expires_at: credentials.clientSecretExpiresAt } : {}),
    ...(credentials.clientSecretId ? { client_secret_id: credentials.clientSecretId } : {}),
  });
}

/**
 * Stores the credentials' JSON in the named secret (created, or a new version), encrypted with the key and tagged with
 * the resource's tags. Returns the secret's ARN.
 */
export async function storeClientCredentials(
  name: string, kmsKeyId: string, credentials: ClientCredentials, about: string, tags: SecretTags,
): Promise<string> {
  return storeSecret({
    name,
    kmsKeyId,
    tags,
    description: `OAuth client credentials of ${about} (managed by cdk-oauth-clients)`,
    value: credentialsJson(credentials),
  });
}

/**
 * The credentials a secret holds (its current version, or the one asked for); undefined when there is no such
 * version, or it holds no client ID and non-empty client secret (a secret edited by hand, say). An issuer that is not
 * a string reads as ''. An expiry is not read: the one reader that writes the credentials again, the Cognito rotation,
 * writes a new secret, which Cognito never expires.
 */
export async function readClientCredentials(secretId: string, version: SecretVersion = {}): Promise<ClientCredentials | undefined> {
  const json = await readSecretJson(secretId, version);
  if (typeof json?.client_id !== 'string' || typeof json.client_secret !== 'string' || json.client_secret === '') return undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    clientId: json.client_id,
    clientSecret: json.client_secret,
    issuer: text(json.issuer) ?? '',
    tokenEndpoint: text(json.token_endpoint),
    clientSecretId: text(json.client_secret_id),
  };
}
