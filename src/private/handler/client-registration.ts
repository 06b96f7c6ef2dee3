// Custom::OAuthClientRegistration: RFC 7591 dynamic client registration and RFC 7592 management.
import { createHash } from 'crypto';
import {
  currentVersionOf, deleteSecret, getPublicKey, moveCurrentStage, moveToKey, readSecret, readSecretJson, restoreSecret, secretArnOf, secretKeyOf,
  secretVersionStages, stackStatus, storeSecret, tagSecret, writeSecretValue,
} from './aws';
import {
  CfnRequest, HandlerResult, NOTHING_CREATED, ProviderError, reasonOf, ResourceHandler, SecretTags, secretTags, stringProperty,
} from './cfn-event';
import { readClientCredentials, storeClientCredentials } from './client-credentials';
import { droppedControls, errorsAsAsked, worseThanAsked } from './deploy-time-check';
import { errorCode, HttpResponse, requestJson } from './http';
import { kmsPublicJwk } from './kms-jwk';
import { log } from './log';
import { ClientDescription } from '../../client-description';
import { ValidationProfile } from '../../validation-profile';
import { REGISTRATION_CONTROLS } from '../dynamic-registration/registration-controls';
import { sharedSecretMethod } from '../dynamic-registration/shared-secret-method';
import { fromWire, wireBoolean } from '../engine/wire';
import { serverUrlProblem } from '../server-url';


interface Props {
  readonly issuer: string;
  readonly registrationEndpoint: string;
  readonly initialAccessTokenArn: string;
  readonly metadata: Record<string, unknown>;
  readonly signingKeyArn: string;
  readonly signingAlgorithm: string;
  readonly description: ClientDescription;
  readonly profile: ValidationProfile;
  readonly acknowledged: string[];
  readonly secretName: string;
  readonly kmsKeyArn: string;
  readonly tags: SecretTags;
  /** PEM certificates of the certificate authorities trusted for the server, besides the public ones; '' for none. */
  readonly caBundle: string;
}

/** What the provider keeps to manage a registration (RFC 7592): never returned, never logged. */
interface Registration {
  readonly client_id: string;
  readonly registration_access_token: string;
  readonly registration_client_uri: string;
  readonly issuer: string;
  readonly token_endpoint?: string;
  /**
   * When an update of the client began whose answer was not saved (ISO 8601). A server may issue a new registration
   * access token with every update and take the old one no longer (Keycloak does; RFC 7592 §2.2 allows it): while
   * this is set, the stored token may be one the server has replaced.
   */
  readonly unconfirmed_update?: string;
  /**
   * The client this one replaced, in the deployment that registered it: should that deployment roll back, CloudFormation
   * keeps the replaced client, and the provider makes it the resource's client again.
   */
  readonly replaces?: string;
  /**
   * The SHA-256 (hex) of the metadata the server last accepted for the client, as the provider sent it (keys sorted,
   * without client_id). A server that cannot update a client in place still holds it: an Update that asks for that
   * very metadata (a new key for the secrets, say, or a rollback's Update of a client whose update failed) needs no
   * new client.
   */
  readonly metadata_sha256?: string;
}

/** A replaced client's registration, kept until CloudFormation deletes the client, or keeps it in a rollback. */
interface ArchivedRegistration extends Registration {
  /** The version of the credentials secret that held the client's credentials when it was replaced (their AWSCURRENT). */
  readonly credentials_version?: string;
  /**
   * The KMS key the client's secrets were encrypted with when it was replaced: a deployment that also changed the
   * secretEncryptionKey moved them to the new one, and its rollback gives the app the old one's grant again.
   */
  readonly kms_key_id?: string;
}

/**
 * The client metadata as the server must get it. CloudFormation hands every boolean of a custom resource's
 * properties to its function as a string, and servers refuse `"true"` for a boolean metadata field (RFC 9449 §5.2,
 * RFC 9126 §6), so the boolean fields this library registers are turned back into booleans.
 */
function withBooleans(metadata: Record<string, unknown>): Record<string, unknown> {
  const booleans = Object.fromEntries(REGISTRATION_CONTROLS.filter((control) => control.metadata in metadata)
    .map((control) => [control.metadata, wireBoolean(metadata[control.metadata]) ?? false]));
  return { ...metadata, ...booleans };
}

function props(request: CfnRequest, which: 'ResourceProperties' | 'OldResourceProperties' = 'ResourceProperties'): Props {
  const r = { ...request, ResourceProperties: request[which] ?? {} };
  const description = fromWire(r.ResourceProperties.Description);
  if (!description) throw new ProviderError('property Description is not a client description');
  const metadata = r.ResourceProperties.ClientMetadata;
  if (typeof metadata !== 'object' || metadata === null) throw new ProviderError('property ClientMetadata must be an object');
  return {
    issuer: stringProperty(r, 'Issuer').replace(/\/$/, ''),
    registrationEndpoint: stringProperty(r, 'RegistrationEndpoint', false),
    initialAccessTokenArn: stringProperty(r, 'InitialAccessTokenArn', false),
    metadata: withBooleans(metadata as Record<string, unknown>),
    signingKeyArn: stringProperty(r, 'SigningKeyArn', false),
    signingAlgorithm: stringProperty(r, 'SigningAlgorithm', false),
    description,
    profile: r.ResourceProperties.Profile === ValidationProfile.FAPI_2_0 ? ValidationProfile.FAPI_2_0 : ValidationProfile.DEFAULT,
    acknowledged: Array.isArray(r.ResourceProperties.AcknowledgedRules)
      ? r.ResourceProperties.AcknowledgedRules.filter((id): id is string => typeof id === 'string') : [],
    secretName: stringProperty(r, 'SecretName'),
    kmsKeyArn: stringProperty(r, 'KmsKeyArn'),
    tags: secretTags(request),
    caBundle: stringProperty(r, 'CaBundle', false),
  };
}

const registrationName = (p: Pick<Props, 'secretName'>) => `${p.secretName}/registration`;
const archivedName = (p: Pick<Props, 'secretName'>, clientId: string) => `${p.secretName}/registration/${clientId}`;

/** The registration stored under the name, or undefined when there is none or the secret holds no registration. */
async function loadRegistration(name: string): Promise<Registration | undefined> {
  const value = await readSecretJson(name);
  return typeof value?.client_id === 'string' && typeof value.registration_client_uri === 'string' ? value as unknown as Registration : undefined;
}

async function saveRegistration(p: Props, name: string, registration: Registration): Promise<string> {
  return storeSecret({
    name,
    kmsKeyId: p.kmsKeyArn,
    description: `RFC 7592 registration access of OAuth client ${registration.client_id} (managed by cdk-oauth-clients)`,
    value: JSON.stringify(registration),
    tags: p.tags,
  });
}

/**
 * The server's metadata: OpenID Connect Discovery appends its well-known path to the issuer; RFC 8414 §3.1 inserts
 * its own between the host and the issuer's path. A document counts only if it names this very issuer (RFC 8414 §3.3,
 * OIDC Discovery §4.3): the provider must never send a client's credentials to another server's endpoints.
 */
async function discover({ issuer, caBundle }: Props): Promise<{ registration_endpoint?: string; token_endpoint?: string }> {
  assertServerUrl('issuer', issuer, 'issuer');
  const { origin, pathname } = new URL(issuer);
  const path = pathname.replace(/\/$/, '');
  const urls = [`${origin}${path}/.well-known/openid-configuration`, `${origin}/.well-known/oauth-authorization-server${path}`];
  for (const url of urls) {
    const res = await requestJson({ method: 'GET', url, ca: caBundle });
    if (res.status !== 200 || typeof res.json !== 'object' || res.json === null) continue;
    const named = typeof res.json.issuer === 'string' ? res.json.issuer.replace(/\/$/, '') : undefined;
    if (named !== issuer) {
      throw new ProviderError(`the metadata at ${url} names the issuer ${named ?? '(none)'}, not ${issuer} (RFC 8414 §3.3); `
        + 'give the issuer exactly as the server names it');
    }
    if (typeof res.json.token_endpoint === 'string') assertServerUrl(`token_endpoint of ${url}`, res.json.token_endpoint, 'endpoint', SERVER_FIX);
    return res.json;
  }
  throw new ProviderError(`no authorization server metadata at ${urls.join(' or ')}; check the issuer URL`);
}

/** How to fix an endpoint the server's own metadata names. */
const SERVER_FIX = 'Configure the server to publish its https URLs (plain http only for a server on 127.0.0.1 or localhost).';

/** The provider sends and receives credentials only over TLS (plain http only on a loopback host). */
function assertServerUrl(name: string, url: string, kind: 'issuer' | 'endpoint', fix?: string): void {
  const found = serverUrlProblem(url, kind);
  if (found) throw new ProviderError(`${name} ${found.problem}. ${fix ?? found.fix}`);
}

/** What synth could not judge (values that were tokens) is judged before anything is sent to the server. */
function assertAsAsked(p: Props): void {
  const errors = errorsAsAsked(p.description, p.profile, p.acknowledged);
  if (errors.length > 0) throw new ProviderError(errors.map((f) => f.message).join(' '));
}

async function clientMetadata(p: Props, clientId?: string): Promise<Record<string, unknown>> {
  assertAsAsked(p);
  const body: Record<string, unknown> = { ...(clientId ? { client_id: clientId } : {}), ...p.metadata };
  if (p.signingKeyArn) {
    const { spki, keySpec } = await getPublicKey(p.signingKeyArn);
    const jwk = await kmsPublicJwk(spki, keySpec, p.signingAlgorithm);
    body.jwks = { keys: [jwk] };
  }
  return body;
}

/** The metadata_sha256 of a body of client metadata (see Registration). */
function metadataDigest(body: Record<string, unknown>): string {
  const { client_id: _clientId, ...metadata } = body;
  const sorted = (value: unknown): unknown => Array.isArray(value) ? value.map(sorted)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Record<string, unknown>)[key])]))
      : value;
  return createHash('sha256').update(JSON.stringify(sorted(metadata))).digest('hex');
}

/** Fails when the server registered something worse than asked; the message names the rule. */
function assertNotWorse(p: Props, registered: Record<string, unknown>, clientId: string): void {
  const worse = worseThanAsked(p.description, registered, p.profile)
    .map((f) => `[${f.ruleId}] the authorization server registered client ${clientId} differently than asked: ${f.detail}`);
  const dropped = droppedControls(p.description, registered)
    .map((control) => `The authorization server registered client ${clientId} without a control: ${control}.`);
  if (worse.length > 0 || dropped.length > 0) throw new ProviderError([...worse, ...dropped].join(' '));
}

/** When the secret of the answer expires (RFC 7591 §3.2.1, seconds since the epoch); undefined when it does not (0). */
function secretExpiry(answer: Record<string, unknown>): number | undefined {
  const at = Number(answer.client_secret_expires_at);
  return Number.isFinite(at) && at > 0 ? at : undefined;
}

/**
 * Stores the secret of the answer, for a client that authenticates with it; returns the ARN ('' when none is stored).
 * A secret some servers issue to every client (to one with private_key_jwt, say) authenticates nothing, and is not kept.
 */
async function storeCredentials(p: Props, registration: Registration, answer: Record<string, unknown>): Promise<string> {
  if (typeof answer.client_secret !== 'string' || !sharedSecretMethod(p.description)) return '';
  const expiresAt = secretExpiry(answer);
  // The provider does not rotate secrets: one that expires is stored with its expiry, for the readers to see.
  if (expiresAt) log({ event: 'client-secret-expires', physicalResourceId: registration.client_id, status: new Date(expiresAt * 1000).toISOString() });
  return storeClientCredentials(p.secretName, p.kmsKeyArn, {
    clientId: registration.client_id,
    clientSecret: answer.client_secret,
    issuer: p.issuer,
    tokenEndpoint: registration.token_endpoint,
    clientSecretExpiresAt: expiresAt,
  }, `${registration.client_id} at ${p.issuer}`, p.tags);
}

async function deregister(registration: Registration, caBundle: string): Promise<void> {
  const res = await requestJson({ method: 'DELETE', url: registration.registration_client_uri, bearer: registration.registration_access_token, ca: caBundle });
  // 401/403/404: the client (and with it its registration access token) is gone already.
  if (![200, 204, 401, 403, 404].includes(res.status)) {
    throw new ProviderError(`DELETE ${registration.registration_client_uri} was refused: HTTP ${res.status}${errorCode(res.json)}`);
  }
  // Or the token was replaced by an update whose answer was lost: the client may remain at the server.
  if (registration.unconfirmed_update && res.status !== 200 && res.status !== 204) {
    log({ event: 'client-may-remain', physicalResourceId: registration.client_id, status: String(res.status) });
  }
}

function result(registration: Registration, secretArn: string, registrationArn: string): HandlerResult {
  return {
    physicalResourceId: registration.client_id,
    data: { ClientId: registration.client_id, SecretArn: secretArn, RegistrationSecretArn: registrationArn, Issuer: registration.issuer },
  };
}

/** What an authentication failure of a registration most likely means (RFC 7591 §3: the initial access token). */
function refusalHint(p: Props, res: HttpResponse): string {
  if (res.status !== 401 && res.status !== 403) return '';
  if (!p.initialAccessTokenArn) {
    return '. The server may take registrations only with an initial access token (RFC 7591 §3): store one in a secret, and give it as initialAccessToken';
  }
  // A token good for one registration is spent by an attempt whose answer was lost, which registered a client.
  const spent = res.attempts > 1 ? '; an earlier attempt of this registration, whose answer was lost, may have used it up and '
    + `registered a client: look at ${p.issuer} for it, and delete it` : '';
  return `. The initial access token in secret ${p.initialAccessTokenArn} was not taken: servers give such tokens an expiry and a `
    + `number of uses (Keycloak does); store a new one there${spent}`;
}

/**
 * Registers a new client for the resource; when it replaces one (`replaced`), the registration secret holds the
 * replaced client again should the new one fail.
 */
async function register(p: Props, replaced?: Registration): Promise<HandlerResult> {
  const discovered = await discover(p);
  const endpoint = p.registrationEndpoint || discovered.registration_endpoint;
  if (!endpoint) throw new ProviderError(`${p.issuer} advertises no registration_endpoint; give registrationEndpoint`);
  if (p.registrationEndpoint) assertServerUrl('registrationEndpoint', endpoint, 'endpoint');
  else assertServerUrl(`registration_endpoint of ${p.issuer}'s metadata`, endpoint, 'endpoint', SERVER_FIX);
  const initialAccessToken = p.initialAccessTokenArn ? await readSecret(p.initialAccessTokenArn) : undefined;
  if (p.initialAccessTokenArn && !initialAccessToken) {
    throw new ProviderError(`initial access token secret ${p.initialAccessTokenArn} has no value, or is scheduled for deletion: `
      + 'restore it, or store in it an initial access token the server\'s administrator issued');
  }

  const body = await clientMetadata(p);
  const res = await requestJson({ method: 'POST', url: endpoint, bearer: initialAccessToken, body, ca: p.caBundle });
  if (res.status !== 201 && res.status !== 200) {
    throw new ProviderError(`registration at ${endpoint} was refused: HTTP ${res.status}${errorCode(res.json)}${refusalHint(p, res)}`);
  }
  const answer = res.json as Record<string, unknown>;
  if (typeof answer?.client_id !== 'string') throw new ProviderError(`registration at ${endpoint} returned no client_id (RFC 7591 §3.2.1)`);
  if (res.attempts > 1) {
    // An attempt whose answer was lost may have registered a client too, and RFC 7591 gives no way to find it.
    const name = typeof p.metadata.client_name === 'string' ? ` named ${p.metadata.client_name}` : '';
    log({
      event: 'client-may-be-duplicated',
      physicalResourceId: answer.client_id,
      reason: `the registration was sent ${res.attempts} times, and an earlier attempt may have registered a client too, which nothing `
        + `manages: look at ${p.issuer} for a client${name} registered just before ${new Date().toISOString()} other than ${answer.client_id}, and delete it`,
    });
  }
  if (typeof answer.registration_client_uri !== 'string' || typeof answer.registration_access_token !== 'string') {
    // Without RFC 7592 the client could never be updated or deleted: it is not used, and the operator removes it.
    const missing = ['registration_client_uri', 'registration_access_token'].filter((field) => typeof answer[field] !== 'string');
    throw new ProviderError(`${p.issuer} registered client ${answer.client_id} but returned no ${missing.join(' and ')}: `
      + 'the server does not offer RFC 7592 client management, which the provider needs to update '
      + `and delete the client. Enable RFC 7592 at the server, remove client ${answer.client_id} there, and deploy again.`);
  }
  const managementProblem = serverUrlProblem(answer.registration_client_uri, 'endpoint');
  if (managementProblem) {
    // The registration access token goes there with every update and delete: never over plain http, not even once.
    throw new ProviderError(`${p.issuer} registered client ${answer.client_id} with the registration_client_uri `
      + `${managementProblem.problem}, so the provider cannot send it the registration access token to update or delete the client. `
      + `${SERVER_FIX} Then remove client ${answer.client_id} there, and deploy again.`);
  }
  const registration: Registration = {
    client_id: answer.client_id,
    registration_access_token: answer.registration_access_token,
    registration_client_uri: answer.registration_client_uri,
    issuer: p.issuer,
    token_endpoint: discovered.token_endpoint,
    ...(replaced ? { replaces: replaced.client_id } : {}),
    metadata_sha256: metadataDigest(body),
  };
  // Kept at once, so that a retried Create finds this client instead of registering a second one.
  const registrationArn = await saveRegistration(p, registrationName(p), registration);
  try {
    assertNotWorse(p, answer, registration.client_id);
    assertSecretIssued(p, answer, registration.client_id);
  } catch (e) {
    await deregister(registration, p.caBundle);
    if (replaced) {
      // The Update fails, and CloudFormation's rollback updates the replaced client, which must still be found.
      await writeSecretValue(registrationArn, JSON.stringify(replaced));
      await deleteSecret(archivedName(p, replaced.client_id));
    } else {
      await deleteSecret(registrationArn);
    }
    throw e;
  }
  const secretArn = await storeCredentials(p, registration, answer);
  return result(registration, secretArn, registrationArn);
}

/** A client that authenticates with a shared secret is of no use without one: the server must issue it (RFC 7591 §3.2.1). */
function assertSecretIssued(p: Props, answer: Record<string, unknown>, clientId: string): void {
  const method = sharedSecretMethod(p.description);
  if (method && typeof answer.client_secret !== 'string') {
    throw new ProviderError(`${p.issuer} registered client ${clientId} for token_endpoint_auth_method ${method} but returned no `
      + 'client_secret (RFC 7591 §3.2.1), so the client could never authenticate; the client was removed. Configure the server '
      + 'to issue secrets to dynamically registered clients, or use TokenEndpointAuthMethod.PRIVATE_KEY_JWT.');
  }
}

/** Why the client is brought to the asked metadata: an Update (with what it replaces), or a Create that an earlier attempt began. */
type InPlace = { readonly previous?: Props } | 'retried-create';

async function updateInPlace(p: Props, current: Registration, why: InPlace): Promise<HandlerResult> {
  const previous = why === 'retried-create' ? undefined : why.previous;
  const { unconfirmed_update: unconfirmed, ...confirmed } = current;
  const body = await clientMetadata(p, current.client_id);
  const res = await putMetadata(p, confirmed, body);
  if ([401, 404].includes(res.status)) {
    // The server refuses the token: the client was deleted (RFC 7592 §2), or the token is one it replaced.
    if (unconfirmed || res.attempts > 1) throw tokenMayBeReplaced(p, current, unconfirmed);
    log({ event: 'registration-gone', physicalResourceId: current.client_id, status: String(res.status) });
    return register(p);
  }
  if ([403, 405, 501].includes(res.status)) {
    // The server cannot update the client in place, so it still holds the metadata it last accepted: a client that
    // has what is asked stays (only its secrets follow the properties), and any other is replaced.
    if (confirmed.metadata_sha256 !== metadataDigest(body)) return replace(p, confirmed, previous);
    log({ event: 'client-unchanged-at-server', physicalResourceId: current.client_id, status: String(res.status) });
    return withCredentials(p, confirmed, {}, await saveRegistration(p, registrationName(p), confirmed), why);
  }
  if (res.status !== 200) {
    throw new ProviderError(`update of client ${current.client_id} at ${current.registration_client_uri} was refused: HTTP ${res.status}${errorCode(res.json)}`);
  }
  const answer = res.json as Record<string, unknown>;
  const registration = { ...withIssuedToken(confirmed, answer), metadata_sha256: metadataDigest(body) };
  const registrationArn = await saveRegistration(p, registrationName(p), registration);
  try {
    assertNotWorse(p, answer, registration.client_id);
  } catch (e) {
    // Leave the client as it was before this update.
    const failed = previous ? await putBack(p, registration, previous) : undefined;
    if (failed) {
      throw new ProviderError(`${(e as Error).message} Putting client ${registration.client_id} back as it was failed too: ${failed}; `
        + 'check its registration at the server.');
    }
    throw e;
  }
  return withCredentials(p, registration, answer, registrationArn, why);
}

/** The result of an update the server answered (answer: what it returned; {} when it was sent nothing), with the client's secret. */
async function withCredentials(p: Props, registration: Registration, answer: Record<string, unknown>, registrationArn: string,
  why: InPlace): Promise<HandlerResult> {
  if (!sharedSecretMethod(p.description)) {
    // The client authenticates without a secret (it moved to private_key_jwt, say): a secret stored for the method it
    // had authenticates nothing now, and is deleted. A rollback to that method stores the one the server returns.
    await deleteSecret(p.secretName);
    return result(registration, '', registrationArn);
  }
  // A server that keeps the client secret on update does not return it again: the stored one stays (retagged).
  if (typeof answer.client_secret === 'string') {
    return result(registration, await storeCredentials(p, registration, answer), registrationArn);
  }
  const secretArn = await keptCredentials(p, registration.client_id);
  if (!secretArn) {
    // No secret of this client is stored (an earlier Create registered it and failed to store it, or it was deleted
    // for good) and the server does not return it again: nobody has it, and the client could never authenticate. A new
    // client takes its place: on an Update, CloudFormation then deletes the old one; on a Create, nothing would, so it goes now.
    log({ event: 'client-secret-lost', physicalResourceId: registration.client_id });
    if (why !== 'retried-create') return replace(p, registration, why.previous);
    await deregister(registration, p.caBundle);
    return register(p);
  }
  return result(registration, secretArn, registrationArn);
}

/**
 * The client's stored secret, retagged, or restored while Secrets Manager keeps it, under the asked key (moved there
 * when the client's key changed); '' when there is none of this client.
 */
async function keptCredentials(p: Props, clientId: string): Promise<string> {
  const arn = await retagStored(p.secretName, p.tags) || await restoreCredentials(p, clientId);
  if (arn) await moveToKey(arn, p.kmsKeyArn);
  return arn;
}

/**
 * Restores the client's stored secret while Secrets Manager still keeps it (deleted when the client moved to a method
 * without a secret and now moves back, say, or deleted behind the stack's back); returns its ARN, or '' when there is
 * none of this client, whose ID it checks.
 */
async function restoreCredentials(p: Props, clientId: string): Promise<string> {
  const arn = await restoreSecret(p.secretName);
  if (!arn || (await readClientCredentials(arn))?.clientId !== clientId) return '';
  log({ event: 'client-secret-restored', physicalResourceId: clientId });
  await tagSecret(arn, p.tags);
  return arn;
}

/** Registers the previous metadata again; returns why that failed, or undefined. */
async function putBack(p: Props, registration: Registration, previous: Props): Promise<string | undefined> {
  try {
    const body = await clientMetadata(previous, registration.client_id);
    const res = await putMetadata(p, registration, body);
    if (res.status !== 200) return `HTTP ${res.status}${errorCode(res.json)}`;
    await saveRegistration(p, registrationName(p), { ...withIssuedToken(registration, res.json), metadata_sha256: metadataDigest(body) });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * PUTs the client's metadata (RFC 7592 §2.2). The stored registration is marked unconfirmed first: should the server
 * issue a new registration access token whose answer is lost, or not saved, a later refusal of the stored token is
 * then not taken for a deleted client. Saving the answer's registration clears the mark.
 */
async function putMetadata(p: Props, registration: Registration, body: Record<string, unknown>): Promise<HttpResponse> {
  const marked: Registration = { ...registration, unconfirmed_update: new Date().toISOString() };
  await writeSecretValue(registrationName(p), JSON.stringify(marked));
  return requestJson({ method: 'PUT', url: registration.registration_client_uri, bearer: registration.registration_access_token, body, ca: p.caBundle });
}

/** The registration after a server's 200 answer to a PUT: with the token it issued, if it issued one. */
function withIssuedToken(registration: Registration, answer: Record<string, unknown> | undefined): Registration {
  const issued = answer?.registration_access_token;
  return typeof issued === 'string' ? { ...registration, registration_access_token: issued } : registration;
}

/**
 * The server refused the stored token while an update's answer is unknown: it may have replaced the token then, and
 * the client may exist. Registering another client would leave this one behind, so the deployment stops with the way on.
 */
function tokenMayBeReplaced(p: Props, current: Registration, unconfirmed: string | undefined): ProviderError {
  const when = unconfirmed ? `an update begun at ${unconfirmed} whose answer was not saved` : 'a PUT of this deployment sent again after it got no answer';
  const name = registrationName(p);
  return new ProviderError(`${current.registration_client_uri} refused the registration access token of client ${current.client_id} `
    + `after ${when}: a server that issues a new token with each update (Keycloak does) may have issued one the provider never `
    + 'saved, so the client may still exist, and no second client is registered in its place. If it exists, have the server issue '
    + `it a new registration access token and store that as registration_access_token in secret ${name}; if it does not, remove `
    + 'the field unconfirmed_update from that secret. Then deploy again (or continue the rollback).');
}

/** Gives a stored secret, if it exists, the resource's tags; returns its ARN ('' when there is none). */
async function retagStored(name: string, tags: SecretTags): Promise<string> {
  const arn = await secretArnOf(name);
  if (arn) await tagSecret(arn, tags);
  return arn ?? '';
}

/**
 * A new client replaces the old one; CloudFormation then deletes the old physical resource, or, should the deployment
 * roll back, the new one. The old one's registration is archived, with the version of the credentials secret that
 * holds its credentials: the new client's become its current version, and the old one's stay in it as the previous.
 * With them goes the key a rollback puts the secrets back under: that of the old properties, which the rolled-back app
 * is granted (this update may have moved a secret to the new key already); else the registration secret's own.
 */
async function replace(p: Props, current: Registration, previous: Props | undefined): Promise<HandlerResult> {
  const archived: ArchivedRegistration = {
    ...current,
    credentials_version: await credentialsVersion(p.secretName, current.client_id),
    kms_key_id: previous?.kmsKeyArn ?? await secretKeyOf(registrationName(p)),
  };
  await saveRegistration(p, archivedName(p, current.client_id), archived);
  return register(p, current);
}

/** The ID of the current version of the credentials secret when it holds the client's credentials; undefined otherwise. */
async function credentialsVersion(name: string, clientId: string): Promise<string | undefined> {
  if (!await secretArnOf(name)) return undefined;
  const version = currentVersionOf(await secretVersionStages(name));
  return version && (await readClientCredentials(name, { versionId: version }))?.clientId === clientId ? version : undefined;
}

/** Deletes the credentials secret if it holds the client's credentials, and not another client's. */
async function deleteCredentialsOf(secretName: string, clientId: string): Promise<void> {
  if ((await readClientCredentials(secretName))?.clientId === clientId) await deleteSecret(secretName);
}

/**
 * Whether CloudFormation deletes the resource in the cleanup of a rolled back update, which keeps the client the
 * resource had before it. False when the stack's status cannot be read (logged, with why).
 */
async function inRollbackCleanup(stackId: string, clientId: string): Promise<boolean> {
  try {
    return await stackStatus(stackId) === 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS';
  } catch (e) {
    log({
      event: 'stack-status-unknown',
      physicalResourceId: clientId,
      reason: `${reasonOf(e)}; the client it replaced is not put back, should this be the rollback of the deployment that replaced it`,
    });
    return false;
  }
}

/**
 * A rolled back deployment replaced the client: CloudFormation keeps the replaced one, and deletes the new one. The
 * replaced client's credentials become the current version of the secret again, its registration the current one,
 * and then the new client is deregistered. Should the server refuse that, the replaced client is back all the same.
 * A retained new client (RemovalPolicy retain) stays at its server, as CloudFormation keeps a retained resource that a
 * rolled-back operation created (RetainExceptOnCreate is the policy that does not); the secrets are the replaced client's.
 */
async function putBackReplaced(p: { secretName: string; caBundle: string; retain: boolean }, current: Registration,
  replaced: ArchivedRegistration): Promise<void> {
  const { credentials_version: version, kms_key_id: key, ...registration } = replaced;
  if (version && await restoreSecret(p.secretName)) {
    const currentVersion = currentVersionOf(await secretVersionStages(p.secretName));
    if (currentVersion !== version) await moveCurrentStage(p.secretName, version, currentVersion);
    // CloudFormation deletes the new client before the grant on a new key it depended on, so both keys are granted.
    if (key) await moveToKey(p.secretName, key);
  } else {
    // The replaced client had no stored secret (it authenticates without one): the new client's is of no use.
    await deleteCredentialsOf(p.secretName, current.client_id);
  }
  if (key) await moveToKey(registrationName(p), key);
  await writeSecretValue(registrationName(p), JSON.stringify(registration));
  await deleteSecret(archivedName(p, replaced.client_id));
  const retained = p.retain ? `; client ${current.client_id} is retained at its server (RemovalPolicy retain), with its `
    + `registration access token in the previous version (AWSPREVIOUS) of secret ${registrationName(p)}` : '';
  log({ event: 'client-put-back', physicalResourceId: replaced.client_id, reason: `the deployment that replaced it with ${current.client_id} rolled back${retained}` });
  if (p.retain) return;
  try {
    await deregister(current, p.caBundle);
  } catch (e) {
    throw new ProviderError(`client ${replaced.client_id} is the resource's client again, but deleting client ${current.client_id}, `
      + `which replaced it in the deployment that rolled back, failed: ${(e as Error).message}. Delete client ${current.client_id} `
      + `at its server; its registration access token is in the previous version (AWSPREVIOUS) of secret ${registrationName(p)}.`);
  }
}

/**
 * The stored registration of the resource's client; one deleted behind the stack's back is restored while Secrets
 * Manager keeps it, so that the client keeps its ID and stays manageable. Undefined when there is none of this client.
 */
async function registrationOf(p: Props, clientId: string | undefined): Promise<Registration | undefined> {
  const name = registrationName(p);
  let current = await loadRegistration(name);
  if (!current && await restoreSecret(name)) {
    current = await loadRegistration(name);
    if (current?.client_id === clientId) log({ event: 'registration-restored', physicalResourceId: clientId });
  }
  return current?.client_id === clientId ? current : undefined;
}

/**
 * The properties the resource had, or undefined when another version of the library wrote them in a form this one
 * cannot read: an Update then goes ahead without putting the client back should the server make it worse.
 */
function previousProps(request: CfnRequest): Props | undefined {
  if (!request.OldResourceProperties) return undefined;
  try {
    return props(request, 'OldResourceProperties');
  } catch (e) {
    if (e instanceof ProviderError) return undefined;
    throw e;
  }
}

/**
 * The properties that change nothing the server holds: how the provider treats the registration (kept on removal,
 * the CAs it trusts for the server, the initial access token, which only a new registration uses) and which findings
 * are acknowledged. An Update of these alone sends nothing to the server. A server that cannot update a client in
 * place (405) would otherwise get a new client for them, with a new client ID, when a team retains a client's
 * secret, renews the CA bundle or acknowledges a finding.
 */
const PROVIDER_SIDE_PROPERTIES = ['RemovalPolicy', 'CaBundle', 'InitialAccessTokenArn', 'AcknowledgedRules'];

export const clientRegistration: ResourceHandler = {
  providerSideProperties: PROVIDER_SIDE_PROPERTIES,

  async create(request) {
    const p = props(request);
    const current = await loadRegistration(registrationName(p));
    if (current && current.issuer === p.issuer) {
      // A retried Create: an earlier attempt registered this client. Bring it to the asked metadata.
      return updateInPlace(p, current, 'retried-create');
    }
    return register(p);
  },

  async update(request) {
    const p = props(request);
    const old = previousProps(request);
    const current = await registrationOf(p, request.PhysicalResourceId);
    if (!current) return register(p);
    // The registration knows its server; the old properties (when this version can read them) its endpoint.
    if (current.issuer !== p.issuer || (old && old.registrationEndpoint !== p.registrationEndpoint)) return replace(p, current, old);
    return updateInPlace(p, current, { previous: old });
  },

  async retag(request) {
    const p = props(request);
    // A withdrawn acknowledgement fails as it would with a change sent to the server.
    assertAsAsked(p);
    // A new CA bundle must trust the server now, not at the next update or the deletion, which need it.
    if (previousProps(request)?.caBundle !== p.caBundle) await discover(p);
    const current = await registrationOf(p, request.PhysicalResourceId);
    if (!current) return clientRegistration.update(request);
    const secretBased = sharedSecretMethod(p.description) !== undefined;
    const secretArn = secretBased ? await keptCredentials(p, current.client_id) : await retagStored(p.secretName, p.tags);
    // A secret-based client whose secret is gone for good needs the server: the Update finds it a new client.
    if (secretBased && !secretArn) return clientRegistration.update(request);
    return result(current, secretArn, await retagStored(registrationName(p), p.tags));
  },

  async delete(request) {
    const clientId = request.PhysicalResourceId ?? NOTHING_CREATED;
    if (clientId === NOTHING_CREATED) return { physicalResourceId: clientId };
    // Only what names the secrets and reaches the server: a Delete must not fail on properties it does not need (written
    // by another version).
    const caBundle = request.ResourceProperties.CaBundle;
    const p = {
      secretName: stringProperty(request, 'SecretName'),
      retain: request.ResourceProperties.RemovalPolicy === 'retain',
      caBundle: typeof caBundle === 'string' ? caBundle : '',
    };
    // A retained client keeps its registration and secrets, and a Delete of it must not fail on reading them: all it
    // does is put back the client it replaced, in the rollback of the deployment that replaced it.
    const load = (name: string) => (p.retain ? loadRegistration(name).catch(() => undefined) : loadRegistration(name));
    const current = await load(registrationName(p));
    const isCurrent = current?.client_id === clientId;
    const replaced = isCurrent && current.replaces ? await load(archivedName(p, current.replaces)) : undefined;
    if (replaced && await inRollbackCleanup(request.StackId, clientId)) {
      await putBackReplaced(p, current!, replaced);
      return { physicalResourceId: clientId };
    }
    if (p.retain) return { physicalResourceId: clientId };
    const registration = isCurrent ? current : await loadRegistration(archivedName(p, clientId));
    if (registration) await deregister(registration, p.caBundle);
    if (isCurrent) {
      await deleteSecret(p.secretName);
      await deleteSecret(registrationName(p));
    } else {
      await deleteSecret(archivedName(p, clientId));
      // A client that replaced this one and authenticates without a secret (private_key_jwt) left this one's in the
      // credentials secret, kept there for a rollback: with this client gone, it authenticates nothing.
      await deleteCredentialsOf(p.secretName, clientId);
    }
    return { physicalResourceId: clientId };
  },
};

