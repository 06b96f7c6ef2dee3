import * as http from 'http';
import * as https from 'https';
import { AddressInfo } from 'net';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as jose from 'jose';
import * as client from 'openid-client';
import {
  ApplicationType, AuthorizationServer, ConfidentialClient, ConfidentialClientProps, GrantType, IAuthorizationServer, PublicClient, SigningAlgorithm,
  TokenEndpointAuthMethod, ValidationProfile,
} from '../../src';
import { CfnRequest } from '../../src/private/handler/cfn-event';
import { handler, LambdaContext } from '../../src/private/handler/provider.lambda';
import { withLiteralsComputed } from '../../src/private/policy/literal-intrinsics';
import { KmsClientAssertionSigner } from '../../src/runtime/kms-client-assertion-signer';
import { asCloudFormationSends, CfnResponseServer } from '../support/cfn-response-server';
import { FakeCloudFormation, TEST_STACK_ID } from '../support/fake-cloudformation';
import { FakeKms } from '../support/fake-kms';
import { awsError, FakeSecretsManager } from '../support/fake-secrets-manager';
import { onLoopback } from '../support/loopback';
import { FaultProxy, OidcServer } from '../support/oidc-server';
import { makePki, selfSignedServer, TestPki } from '../support/pki';

jest.setTimeout(30000);

const SECRET_KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/secrets-key';
const NEW_SECRET_KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/new-secrets-key';

let server: OidcServer;
let proxy: FaultProxy;
let responses: CfnResponseServer;
let secretsManager: FakeSecretsManager;
let fakeKms: FakeKms;
let cloudFormation: FakeCloudFormation;
const logged: string[] = [];
const assertions: string[] = [];
const sensitive = new Set<string>();

beforeAll(async () => {
  server = await OidcServer.start({ interactions: true });
  proxy = await FaultProxy.start(server.issuer);
  responses = await CfnResponseServer.start();
  for (const method of ['log', 'error', 'warn', 'info'] as const) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => { logged.push(args.map(String).join(' ')); });
  }
});

afterAll(async () => {
  await Promise.all([server.stop(), proxy.stop(), responses.stop()]);
  jest.restoreAllMocks();
});

beforeEach(() => {
  secretsManager = new FakeSecretsManager();
  fakeKms = new FakeKms();
  cloudFormation = new FakeCloudFormation();
  proxy.faults.length = 0;
  proxy.lostAnswers.length = 0;
  proxy.refusals.length = 0;
  server.rotatesRegistrationAccessToken = true;
  proxy.rewrite = undefined;
  proxy.rewriteResponse = undefined;
  responses.faults.length = 0;
});

afterEach(() => {
  // Every secret value and token the handler stored, for the leak check at the end.
  for (const value of secretsManager.allValues()) {
    let json: any;
    try {
      json = JSON.parse(value);
    } catch {
      // A value put there by hand, not by the provider: all of it counts as secret.
      sensitive.add(value);
      continue;
    }
    for (const field of ['client_secret', 'registration_access_token']) if (json[field]) sensitive.add(json[field]);
  }
  secretsManager.restore();
  fakeKms.restore();
  cloudFormation.restore();
});

interface ClientProps {
  readonly applicationType?: ApplicationType;
  readonly grantTypes?: GrantType[];
  readonly redirectUris?: string[];
  readonly method?: TokenEndpointAuthMethod;
  readonly assertionAlg?: SigningAlgorithm;
  readonly signingKeyArn?: string;
}

/**
 * The properties the construct gives the custom resource of the one client `declare` adds on dynamic registration:
 * the stack is synthesized, and the deploy-time values CloudFormation would resolve are filled in.
 */
function registrationProperties(
  declare: (stack: Stack, authorizationServer: IAuthorizationServer) => void,
  serverOf: (stack: Stack) => IAuthorizationServer = () => AuthorizationServer.dynamicRegistration({ issuer: server.issuer, registrationEndpoint: `${proxy.url}/reg` }),
): Record<string, unknown> {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  declare(stack, serverOf(stack));
  const template = Template.fromStack(stack);
  const [resource] = Object.values(template.findResources('Custom::OAuthClientRegistration'));
  return {
    // As CloudFormation sends them: each Fn::FindInMap (a caBundle) computed from the template's Mappings.
    ...withLiteralsComputed(resource.Properties, template.toJSON().Mappings ?? {}) as Record<string, unknown>,
    ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:provider',
    KmsKeyArn: SECRET_KEY_ARN,
  };
}

/** The machine-to-machine client of `propertiesFor({})` as a later deployment asks for it: one more scope. */
function propertiesWithWriteScope(): Record<string, unknown> {
  const changed = propertiesFor({});
  (changed.ClientMetadata as any).scope = 'api:read api:write';
  return changed;
}

/** A confidential client (machine-to-machine unless told otherwise). */
function propertiesFor(props: ClientProps): Record<string, unknown> {
  return registrationProperties((stack, authorizationServer) => new ConfidentialClient(stack, 'Api', {
    authorizationServer,
    applicationType: props.applicationType ?? ApplicationType.MACHINE_TO_MACHINE,
    grantTypes: props.grantTypes,
    redirectUris: props.redirectUris,
    scopes: ['api:read'],
    tokenEndpointAuthMethod: props.method,
    tokenEndpointAuthSigningAlgorithm: props.assertionAlg,
    signingKey: props.signingKeyArn ? kms.Key.fromKeyArn(stack, 'Key', props.signingKeyArn) : undefined,
  }));
}

async function send(
  requestType: CfnRequest['RequestType'], properties: Record<string, unknown>, extra: Partial<CfnRequest> = {}, context?: LambdaContext,
): Promise<any> {
  await handler({
    RequestType: requestType,
    ResponseURL: responses.url,
    StackId: TEST_STACK_ID,
    RequestId: `req-${Math.random()}`,
    ResourceType: 'Custom::OAuthClientRegistration',
    LogicalResourceId: 'ApiRegistration',
    ResourceProperties: asCloudFormationSends(properties),
    ...extra,
    ...(extra.OldResourceProperties ? { OldResourceProperties: asCloudFormationSends(extra.OldResourceProperties) } : {}),
  }, context);
  return responses.last();
}

function stored(name: string): any {
  return JSON.parse(secretsManager.current(name)!);
}

async function configuration(clientId: string, auth: client.ClientAuth): Promise<client.Configuration> {
  return client.discovery(new URL(server.issuer), clientId, {}, auth, { execute: [client.allowInsecureRequests] });
}

function kmsAssertionAuth(signer: KmsClientAssertionSigner, tamper = false): client.ClientAuth {
  return async (_as, c, body) => {
    let assertion = await signer.sign();
    assertions.push(assertion);
    if (tamper) assertion = `${assertion.slice(0, -6)}${assertion.slice(-6) === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'}`;
    body.set('client_id', c.client_id);
    body.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    body.set('client_assertion', assertion);
  };
}

/** Sends RFC 7592 calls through the proxy, so that it can see and refuse them. */
function manageThroughProxy(): void {
  proxy.rewriteResponse = (json) => (typeof json?.registration_client_uri === 'string'
    ? { ...json, registration_client_uri: json.registration_client_uri.replace(server.issuer, proxy.url) }
    : json);
}

/** Makes the server's answers to requests of this method carry no client_secret, as a server that never returns it again does. */
function withholdSecret(method: string): void {
  const through = proxy.rewriteResponse ?? ((json: any) => json);
  proxy.rewriteResponse = (json, requestMethod) => {
    const answer = through(json, requestMethod);
    if (requestMethod !== method) return answer;
    const { client_secret: _withheld, ...rest } = answer;
    return rest;
  };
}

/** The provider's log entries (its JSON lines) since the given count of lines. */
function loggedSince(from: number): any[] {
  return logged.slice(from).map((line) => JSON.parse(line));
}

/** What the server answers to a registration's RFC 7592 read with its registration access token. */
async function readRegistration(registration: { registration_client_uri: string; registration_access_token: string }): Promise<number> {
  const res = await fetch(registration.registration_client_uri, { headers: { authorization: `Bearer ${registration.registration_access_token}` } });
  return res.status;
}

/**
 * Both of a client's secrets, read as a reader granted the key alone (the app, or the provider once the grants on other
 * keys are deleted), after checking that the key is the secrets' and encrypts their current versions.
 *
 * @param ids the secrets to read, by ARN (as the app reads them) or name; the names of the client's secrets by default
 */
async function readUnderKeyAlone(key: string, secretName: string, ids = { credentials: secretName, registration: `${secretName}/registration` }) {
  for (const name of [secretName, `${secretName}/registration`]) {
    expect(secretsManager.secrets.get(name)!.kmsKeyId).toBe(key);
    expect(secretsManager.keysOfCurrent(name)).toEqual([key]);
  }
  secretsManager.usableKeys = new Set([key]);
  const reader = new SecretsManagerClient({ region: 'eu-west-1' });
  const read = async (id: string) => JSON.parse((await reader.send(new GetSecretValueCommand({ SecretId: id }))).SecretString!);
  return { credentials: await read(ids.credentials), registration: await read(ids.registration) };
}

describe('client_secret_basic machine-to-machine client', () => {
  test('is registered, its secret is stored, and openid-client gets an access token with it', async () => {
    const properties = propertiesFor({});
    const before = logged.length;
    const response = await send('Create', properties);

    expect(response.Status).toBe('SUCCESS');
    // Sent once: no other client may exist, and the log says nothing of one.
    expect(loggedSince(before).map((entry) => entry.event)).toEqual(['request', 'response']);
    const clientId = response.PhysicalResourceId;
    expect(response.Data).toEqual({ ClientId: clientId, SecretArn: expect.stringMatching(/^arn:aws:secretsmanager:/), RegistrationSecretArn: expect.any(String), Issuer: server.issuer });
    const credentials = stored(properties.SecretName as string);
    expect(credentials).toEqual({ client_id: clientId, client_secret: expect.any(String), issuer: server.issuer, token_endpoint: `${server.issuer}/token` });
    expect(secretsManager.secrets.get(properties.SecretName as string)!.kmsKeyId).toBe(SECRET_KEY_ARN);

    const config = await configuration(clientId, client.ClientSecretBasic(credentials.client_secret));
    const tokens = await client.clientCredentialsGrant(config, { scope: 'api:read' });
    expect(tokens.access_token).toEqual(expect.any(String));
    expect(tokens.scope).toBe('api:read');
  });
});

describe('a secret the server says expires (client_secret_expires_at)', () => {
  test('is stored with its expiry, which is logged; a later secret that does not expire is stored without one', async () => {
    manageThroughProxy();
    const expiresAt = Math.floor(Date.now() / 1000) + 30 * 86400;
    const through = proxy.rewriteResponse!;
    proxy.rewriteResponse = (json, method) => (method === 'POST' ? { ...through(json, method), client_secret_expires_at: expiresAt } : through(json, method));
    const properties = propertiesFor({});
    const lines = logged.length;
    const created = await send('Create', properties);

    expect(created.Status).toBe('SUCCESS');
    expect(stored(properties.SecretName as string))
      .toEqual(expect.objectContaining({ client_id: created.PhysicalResourceId, client_secret_expires_at: expiresAt }));
    expect(loggedSince(lines).filter((entry) => entry.event === 'client-secret-expires'))
      .toEqual([expect.objectContaining({ physicalResourceId: created.PhysicalResourceId, status: new Date(expiresAt * 1000).toISOString() })]);

    // The server answers the update with the secret and client_secret_expires_at 0: it no longer expires.
    const changed = propertiesWithWriteScope();
    const updated = await send('Update', changed, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties });
    expect(updated.Status).toBe('SUCCESS');
    expect(stored(properties.SecretName as string)).not.toHaveProperty('client_secret_expires_at');
  });
});

describe.each([
  ['RSA', 'RSA_2048', SigningAlgorithm.RS256],
  ['RSA-PSS', 'RSA_2048', SigningAlgorithm.PS256],
  ['ECC P-256', 'ECC_NIST_P256', SigningAlgorithm.ES256],
  ['RSA-PSS with SHA-512', 'RSA_2048', SigningAlgorithm.PS512],
  ['RSA with SHA-384', 'RSA_2048', SigningAlgorithm.RS384],
  ['ECC P-384', 'ECC_NIST_P384', SigningAlgorithm.ES384],
  ['ECC P-521', 'ECC_NIST_P521', SigningAlgorithm.ES512],
] as const)('private_key_jwt with a KMS %s key', (_name, spec, alg) => {
  test('registers the KMS public key as a JWK and gets a token with an assertion signed in KMS; a tampered one fails', async () => {
    const keyArn = fakeKms.createKey(spec);
    const properties = propertiesFor({ method: TokenEndpointAuthMethod.PRIVATE_KEY_JWT, assertionAlg: alg, signingKeyArn: keyArn });
    const response = await send('Create', properties);
    expect(response.Status).toBe('SUCCESS');
    const clientId = response.PhysicalResourceId;
    expect(response.Data.SecretArn).toBe('');

    // The server holds the public key, with kid = its RFC 7638 thumbprint.
    const registration = stored(`${properties.SecretName}/registration`);
    const read = await fetch(registration.registration_client_uri, { headers: { authorization: `Bearer ${registration.registration_access_token}` } });
    const metadata = await read.json() as any;
    expect(metadata.token_endpoint_auth_method).toBe('private_key_jwt');
    const [jwk] = metadata.jwks.keys;
    expect(jwk.alg).toBe(alg.value);
    expect(jwk).not.toHaveProperty('d');
    expect(jwk.kid).toBe(await jose.calculateJwkThumbprint(jwk));

    const signer = new KmsClientAssertionSigner({ keyId: keyArn, clientId, audience: server.issuer, algorithm: alg.value });
    const tokens = await client.clientCredentialsGrant(await configuration(clientId, kmsAssertionAuth(signer)), { scope: 'api:read' });
    expect(tokens.access_token).toEqual(expect.any(String));
    expect(fakeKms.signatures).toBe(1);

    // The assertion verifies with the registered key.
    const publicKey = await jose.importJWK(jwk, alg.value);
    const verified = await jose.jwtVerify(assertions[assertions.length - 1], publicKey, { issuer: clientId, audience: server.issuer });
    expect(verified.payload.sub).toBe(clientId);

    await expect(client.clientCredentialsGrant(await configuration(clientId, kmsAssertionAuth(signer, true)), { scope: 'api:read' }))
      .rejects.toMatchObject({ error: 'invalid_client' });
  });
});

/**
 * Signs in as `accountId` and consents on node-oidc-provider's development pages, with plain HTTP and a cookie jar
 * (as a browser would); returns where the server finally redirects: the client's redirect URI with the answer.
 */
async function signIn(authorizationUrl: URL, accountId: string): Promise<URL> {
  const cookies = new Map<string, string>();
  const cookie = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  let url = authorizationUrl.href;
  for (let step = 0; step < 8; step++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: cookie() } });
    remember(res);
    const location = res.headers.get('location');
    if (location === null) throw new Error(`no redirect from ${url}: HTTP ${res.status} ${await res.text()}`);
    const next = new URL(location, url);
    // Back at the client; or on to the server's next step.
    if (next.origin !== server.issuer) return next;
    if (!next.pathname.startsWith('/interaction/')) {
      url = next.href;
      continue;
    }
    const page = await fetch(next, { headers: { cookie: cookie() } });
    const [, prompt] = /name="prompt" value="(\w+)"/.exec(await page.text()) ?? [];
    const submitted = await fetch(next, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'cookie': cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt, login: accountId, password: 'any' }),
    });
    remember(submitted);
    url = new URL(submitted.headers.get('location')!, next).href;
  }
  throw new Error('the sign-in did not come back to the client');
}

/** Authorization code with PKCE S256 and state, as openid-client runs it; the user signs in and consents. */
async function codeFlow(config: client.Configuration, redirectUri: string, accountId: string) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const redirect = await signIn(client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    state,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }), accountId);
  return { redirect, tokens: await client.authorizationCodeGrant(config, redirect, { pkceCodeVerifier: verifier, expectedState: state }) };
}

describe('authorization code with PKCE, by a client the provider registered', () => {
  test('a native app (public): code + PKCE S256 to its reverse-domain redirect; without PKCE the server refuses it', async () => {
    const properties = registrationProperties((stack, authorizationServer) => new PublicClient(stack, 'Mobile', {
      authorizationServer, applicationType: ApplicationType.NATIVE, redirectUris: ['com.example.app:/oauth2redirect'], scopes: ['openid'],
    }));
    const response = await send('Create', properties);
    expect(response.Reason).toBeUndefined();
    const clientId = response.PhysicalResourceId;
    // A public client has no secret to store.
    expect(response.Data.SecretArn).toBe('');
    expect(secretsManager.current(properties.SecretName as string)).toBeUndefined();

    const config = await configuration(clientId, client.None());
    const { redirect, tokens } = await codeFlow(config, 'com.example.app:/oauth2redirect', 'alice');
    expect(`${redirect.protocol}${redirect.pathname}`).toBe('com.example.app:/oauth2redirect');
    expect(tokens.claims()).toMatchObject({ sub: 'alice', aud: clientId, iss: server.issuer });
    // Its ID tokens are signed asymmetrically (OAC-040), as registered.
    expect(jose.decodeProtectedHeader(tokens.id_token!).alg).toBe('RS256');

    // The same request without a code challenge: the server refuses a public client that skips PKCE.
    const withoutPkce = await fetch(client.buildAuthorizationUrl(config, { redirect_uri: 'com.example.app:/oauth2redirect', scope: 'openid', state: client.randomState() }), { redirect: 'manual' });
    const refused = new URL(withoutPkce.headers.get('location')!);
    expect(refused.searchParams.get('error')).toBe('invalid_request');
    expect(refused.searchParams.get('error_description')).toBe('Authorization Server policy requires PKCE to be used for this request');
  });

  test('a web app (confidential): its name and logout URI are registered; code + PKCE, then the code is redeemed with its stored secret', async () => {
    const properties = registrationProperties((stack, authorizationServer) => new ConfidentialClient(stack, 'Web', {
      authorizationServer,
      clientName: 'Invoices web',
      redirectUris: ['https://app.example.com/callback'],
      logoutUris: ['https://app.example.com/signed-out'],
      scopes: ['openid'],
    }));
    const response = await send('Create', properties);
    expect(response.Reason).toBeUndefined();
    const clientId = response.PhysicalResourceId;
    const registration = stored(`${properties.SecretName}/registration`);
    const metadata = await (await fetch(registration.registration_client_uri, { headers: { authorization: `Bearer ${registration.registration_access_token}` } })).json() as any;
    expect(metadata).toMatchObject({
      client_name: 'Invoices web',
      application_type: 'web',
      post_logout_redirect_uris: ['https://app.example.com/signed-out'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    });

    const credentials = stored(properties.SecretName as string);
    const config = await configuration(clientId, client.ClientSecretBasic(credentials.client_secret));
    const { tokens } = await codeFlow(config, 'https://app.example.com/callback', 'bob');
    expect(tokens.claims()).toMatchObject({ sub: 'bob', aud: clientId });
    // The logout URI is one the server accepts for this client.
    const logout = await fetch(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'https://app.example.com/signed-out' }));
    expect(logout.status).toBe(200);
    const unknown = await fetch(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'https://evil.example.com/' }));
    expect(unknown.status).toBe(400);
  });
});

describe('the FAPI 2.0 profile, end to end: what its defaults registered is enforced by the server', () => {
  /** A private_key_jwt client under the FAPI 2.0 profile, with a key of the KMS double. */
  function fapiClient(keyArn: string, declare: Partial<ConfidentialClientProps> = {}) {
    return registrationProperties((stack, authorizationServer) => new ConfidentialClient(stack, 'Payments', {
      authorizationServer,
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      scopes: ['api:read'],
      profile: ValidationProfile.FAPI_2_0,
      tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
      signingKey: kms.Key.fromKeyArn(stack, 'Key', keyArn),
      ...declare,
    }));
  }

  test('machine to machine: PS256 assertions, and access tokens only with a DPoP proof', async () => {
    const keyArn = fakeKms.createKey('RSA_2048');
    const response = await send('Create', fapiClient(keyArn));
    expect(response.Reason).toBeUndefined();
    const clientId = response.PhysicalResourceId;
    const config = await configuration(clientId, kmsAssertionAuth(new KmsClientAssertionSigner({ keyId: keyArn, clientId, audience: server.issuer, algorithm: 'PS256' })));

    const dpop = client.getDPoPHandle(config, await client.randomDPoPKeyPair());
    const tokens = await client.clientCredentialsGrant(config, { scope: 'api:read' }, { DPoP: dpop });
    expect(tokens.token_type.toLowerCase()).toBe('dpop');
    // Without the proof: refused, and the server says why (in its event; its answer is only 'invalid_grant').
    const why = new Promise<string>((resolve) => server.provider.once('grant.error', (_ctx, err) => resolve(String(err.error_detail))));
    const withoutProof = await client.clientCredentialsGrant(config, { scope: 'api:read' }).then(() => undefined, (e) => e);
    expect(withoutProof).toBeInstanceOf(client.ResponseBodyError);
    expect(withoutProof.error).toBe('invalid_grant');
    expect(await why).toMatch(/DPoP/);
  });

  test('a web app: the authorization request only through PAR, PS256 ID tokens, DPoP-bound tokens', async () => {
    const keyArn = fakeKms.createKey('RSA_2048');
    const properties = fapiClient(keyArn, { applicationType: ApplicationType.WEB, redirectUris: ['https://bank.example.com/cb'], scopes: ['openid'] });
    const response = await send('Create', properties);
    expect(response.Reason).toBeUndefined();
    const clientId = response.PhysicalResourceId;
    const config = await configuration(clientId, kmsAssertionAuth(new KmsClientAssertionSigner({ keyId: keyArn, clientId, audience: server.issuer, algorithm: 'PS256' })));
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const params = {
      redirect_uri: 'https://bank.example.com/cb',
      scope: 'openid',
      state,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    };

    // Straight to the authorization endpoint: refused.
    const direct = await fetch(client.buildAuthorizationUrl(config, params), { redirect: 'manual' });
    const refused = new URL(direct.headers.get('location')!);
    expect(refused.searchParams.get('error')).toBe('invalid_request');
    expect(refused.searchParams.get('error_description')).toBe('Pushed Authorization Request must be used');
    // Pushed first: the user signs in, and the code is redeemed with a DPoP proof.
    const dpop = client.getDPoPHandle(config, await client.randomDPoPKeyPair());
    const redirect = await signIn(await client.buildAuthorizationUrlWithPAR(config, params, { DPoP: dpop }), 'carol');
    const checks = { pkceCodeVerifier: verifier, expectedState: state };
    const tokens = await client.authorizationCodeGrant(config, redirect, checks, undefined, { DPoP: dpop });
    expect(tokens.token_type.toLowerCase()).toBe('dpop');
    expect(jose.decodeProtectedHeader(tokens.id_token!).alg).toBe('PS256');
  });

  test('outside the profile too, a control the server drops fails the deployment, and the client is removed', async () => {
    const properties = registrationProperties((stack, authorizationServer) => new ConfidentialClient(stack, 'Web', {
      authorizationServer, redirectUris: ['https://app.example.com/cb'], requirePushedAuthorizationRequests: true,
    }));
    proxy.rewrite = { method: 'POST', body: (json) => ({ ...json, require_pushed_authorization_requests: undefined }) };
    const response = await send('Create', properties);
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
    expect(response.Reason).toMatch(new RegExp('^The authorization server registered client \\S+ without a control: require_pushed_authorization_requests '
      + '\\(pushed authorization requests \\(RFC 9126\\)\\) was asked and not registered; enable it at the server, or set requirePushedAuthorizationRequests: false\\.$'));
    expect(secretsManager.current(properties.SecretName as string)).toBeUndefined();
    expect(secretsManager.secrets.get(`${properties.SecretName}/registration`)?.deletedDate).toBeDefined();
  });

  test('a server that drops the DPoP binding: the deployment fails with FAPI-007, and the client is removed', async () => {
    const keyArn = fakeKms.createKey('RSA_2048');
    const properties = fapiClient(keyArn);
    proxy.rewrite = { method: 'POST', body: (json) => ({ ...json, dpop_bound_access_tokens: undefined }) };
    const response = await send('Create', properties);
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
    expect(response.Reason).toMatch(/^\[FAPI-007\] the authorization server registered client \S+ differently than asked: FAPI 2\.0 requires sender-constrained access tokens/);
    expect(secretsManager.secrets.get(`${properties.SecretName}/registration`)?.deletedDate).toBeDefined();
  });
});

describe('a server that takes registrations only with an initial access token (RFC 7591 §3)', () => {
  let guarded: OidcServer;
  beforeAll(async () => {
    guarded = await OidcServer.start({ initialAccessToken: true });
  });
  afterAll(() => guarded.stop());

  /** A machine-to-machine client at that server, with the token secret of the ARN (none when not given). */
  function guardedProperties(tokenArn?: string, registrationEndpoint?: string): Record<string, unknown> {
    return registrationProperties(
      (stack, authorizationServer) => new ConfidentialClient(stack, 'Api', {
        authorizationServer, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'],
      }),
      (stack) => AuthorizationServer.dynamicRegistration({
        issuer: guarded.issuer,
        registrationEndpoint,
        initialAccessToken: tokenArn ? secretsmanager.Secret.fromSecretCompleteArn(stack, 'Iat', tokenArn) : undefined,
      }),
    );
  }

  test('the token is read from Secrets Manager and sent with the registration; it reaches no log and no response', async () => {
    const token = await guarded.issueInitialAccessToken();
    sensitive.add(token);
    const tokenArn = secretsManager.seed('registration-token', token);
    const properties = guardedProperties(tokenArn);
    expect(properties.InitialAccessTokenArn).toBe(tokenArn);

    const created = await send('Create', properties);

    expect(created.Reason).toBeUndefined();
    expect(created.Status).toBe('SUCCESS');
    const credentials = stored(properties.SecretName as string);
    expect(credentials.issuer).toBe(guarded.issuer);
    const config = await client.discovery(new URL(guarded.issuer), credentials.client_id, {}, client.ClientSecretBasic(credentials.client_secret),
      { execute: [client.allowInsecureRequests] });
    expect((await client.clientCredentialsGrant(config, { scope: 'api:read' })).scope).toBe('api:read');
  });

  test('without one, the server refuses the registration: the deployment fails with its error, and nothing is stored', async () => {
    const created = await send('Create', guardedProperties());

    expect(created.Status).toBe('FAILED');
    expect(created.Reason).toMatch(new RegExp(`^registration at ${guarded.issuer}/reg was refused: HTTP 401 invalid_token.*\\. The server may `
      + 'take registrations only with an initial access token \\(RFC 7591 §3\\): store one in a secret, and give it as initialAccessToken$'));
    expect(secretsManager.secrets.size).toBe(0);
  });

  test('a token under a KMS key the provider may not use: the Create fails naming the secret and the fix, and nothing is registered', async () => {
    const token = await guarded.issueInitialAccessToken();
    sensitive.add(token);
    const tokenArn = secretsManager.seed('registration-token', token);
    secretsManager.secrets.get('registration-token')!.kmsKeyId = 'arn:aws:kms:eu-west-1:123456789012:key/token-key';
    secretsManager.usableKeys = new Set([SECRET_KEY_ARN]);
    // As in AWS: the provider may read the user's token, not describe it.
    secretsManager.denials.push({ action: 'DescribeSecret', name: 'registration-token' });

    const created = await send('Create', guardedProperties(tokenArn));

    expect(created.Status).toBe('FAILED');
    expect(created.Reason).toBe(`Secrets Manager could not decrypt secret ${tokenArn}: it is encrypted with a KMS key, which the `
      + 'provider\'s role may not use (kms:Decrypt). The provider is granted the keys the app names: each client\'s secretEncryptionKey '
      + '(or the stack\'s key) until the clients that used it are updated or deleted, and the encryptionKey of an imported initial '
      + 'access token. Name the key the secret is encrypted with, or put the secret under the key named (UpdateSecret with KmsKeyId, '
      + 'as a principal that may use both), and deploy again.');
    expect([...secretsManager.secrets.keys()]).toEqual(['registration-token']);
  });

  test('a token the server no longer takes (expired, or used up): the deployment fails, naming the secret to store a new one in', async () => {
    const token = await guarded.issueInitialAccessToken();
    sensitive.add(token);
    const tokenArn = secretsManager.seed('registration-token', token);
    await (await guarded.provider.InitialAccessToken.find(token))!.destroy();

    const created = await send('Create', guardedProperties(tokenArn));

    expect(created.Status).toBe('FAILED');
    expect(created.Reason).toMatch(new RegExp(`^registration at ${guarded.issuer}/reg was refused: HTTP 401 invalid_token.*\\. The initial access `
      + `token in secret ${tokenArn} was not taken: servers give such tokens an expiry and a number of uses \\(Keycloak does\\); store a new one there$`));
    expect([...secretsManager.secrets.keys()]).toEqual(['registration-token']);
  });

  test('a token good for one registration, spent by an attempt whose answer was lost: the failure says a client may exist', async () => {
    const token = await guarded.issueInitialAccessToken(true);
    sensitive.add(token);
    const tokenArn = secretsManager.seed('registration-token', token);
    const front = await FaultProxy.start(guarded.issuer);
    try {
      front.faults.push({ method: 'POST', fault: 'drop-answer' });

      const created = await send('Create', guardedProperties(tokenArn, `${front.url}/reg`));

      expect(created.Status).toBe('FAILED');
      expect(created.Reason).toMatch(new RegExp(`^registration at ${front.url}/reg was refused: HTTP 401 invalid_token.*; store a new one there; `
        + `an earlier attempt of this registration, whose answer was lost, may have used it up and registered a client: look at ${guarded.issuer} `
        + 'for it, and delete it$'));
      const [lost] = front.lostAnswers;
      sensitive.add(lost.client_secret).add(lost.registration_access_token);
      expect(await guarded.provider.Client.find(lost.client_id)).toBeDefined();
    } finally {
      await front.stop();
    }
  });

  test('a token secret scheduled for deletion fails the Create, stores nothing, and says what to store', async () => {
    const tokenArn = secretsManager.seed('registration-token', await guarded.issueInitialAccessToken());
    secretsManager.secrets.get('registration-token')!.deletedDate = new Date();

    const created = await send('Create', guardedProperties(tokenArn));

    expect(created).toMatchObject({
      Status: 'FAILED',
      Reason: `initial access token secret ${tokenArn} has no value, or is scheduled for deletion: `
      + 'restore it, or store in it an initial access token the server\'s administrator issued',
    });
    expect([...secretsManager.secrets.keys()]).toEqual(['registration-token']);
  });
});

describe('a server whose certificate an internal certificate authority issued (caBundle)', () => {
  let pki: TestPki;
  let internal: OidcServer;
  beforeAll(async () => {
    pki = makePki();
    internal = await OidcServer.start({ tls: pki.server });
  });
  afterAll(() => internal.stop());

  /** A machine-to-machine client at the https server, whose provider trusts the CA bundle given (none when not given). */
  function internalProperties(caBundle?: string, issuer = internal.issuer, id = 'Api'): Record<string, unknown> {
    return registrationProperties(
      (stack, authorizationServer) => new ConfidentialClient(stack, id, {
        authorizationServer, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'],
      }),
      () => AuthorizationServer.dynamicRegistration({ issuer, caBundle }),
    );
  }

  const refusal = (issuer: string, code: string, trusts: string) => `GET ${issuer}/.well-known/openid-configuration failed: the server's `
    + `TLS certificate was refused (${code}). The provider trusts the public certificate authorities Node.js knows${trusts}, and checks `
    + 'the host name: give the server a certificate from one of them that names its host, or give the certificate authority that issued it as caBundle';

  test('with its CA as caBundle, the client is registered, updated and deleted over TLS', async () => {
    const properties = internalProperties(pki.caPem);
    expect(properties.CaBundle).toBe(pki.caPem);

    const created = await send('Create', properties);
    expect(created.Reason).toBeUndefined();
    const clientId = created.PhysicalResourceId;
    expect(stored(properties.SecretName as string)).toMatchObject({ client_id: clientId, token_endpoint: `${internal.issuer}/token` });
    expect((await internal.provider.Client.find(clientId))?.scope).toBe('api:read');

    const changed = internalProperties(pki.caPem);
    (changed.ClientMetadata as any).scope = 'api:read api:write';
    const updated = await send('Update', changed, { PhysicalResourceId: clientId, OldResourceProperties: properties });
    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: clientId });
    expect((await internal.provider.Client.find(clientId))?.scope).toBe('api:read api:write');

    expect(await send('Delete', changed, { PhysicalResourceId: clientId })).toMatchObject({ Status: 'SUCCESS' });
    expect(await internal.provider.Client.find(clientId)).toBeUndefined();
  });

  test('the trust is per server: without caBundle, or with another CA\'s, the certificate is refused at once', async () => {
    // The same provider process registers a client with the CA first.
    expect((await send('Create', internalProperties(pki.caPem))).Status).toBe('SUCCESS');
    const secrets = secretsManager.secrets.size;
    const other = makePki('Another CA').caPem;
    for (const [caBundle, trusts] of [[undefined, ''], [other, ' and those of caBundle']] as const) {
      const response = await send('Create', internalProperties(caBundle, internal.issuer, 'Other'));
      expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
      expect(response.Reason).toBe(refusal(internal.issuer, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', trusts));
    }
    expect(secretsManager.secrets.size).toBe(secrets);
  });

  test('a caBundle changed alone is tried on the server before it is kept: one that does not trust it fails at once', async () => {
    // GIVEN a client registered over TLS with its server's CA
    const properties = internalProperties(pki.caPem);
    const created = await send('Create', properties);
    const clientId = created.PhysicalResourceId;
    const other = makePki('Another CA').caPem;

    // WHEN an update gives only another CA's bundle, THEN it fails with the refusal, and the client stays as it was
    const wrong = await send('Update', internalProperties(other), { PhysicalResourceId: clientId, OldResourceProperties: properties });
    expect(wrong).toMatchObject({ Status: 'FAILED', PhysicalResourceId: clientId });
    expect(wrong.Reason).toBe(refusal(internal.issuer, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', ' and those of caBundle'));
    expect((await internal.provider.Client.find(clientId))?.scope).toBe('api:read');

    // WHEN the bundle adds the other CA to the server's, THEN the same client is kept, and deleted over TLS with it
    const renewed = internalProperties(`${other}${pki.caPem}`);
    expect(await send('Update', renewed, { PhysicalResourceId: clientId, OldResourceProperties: properties }))
      .toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: clientId, Data: created.Data });
    expect(await send('Delete', renewed, { PhysicalResourceId: clientId })).toMatchObject({ Status: 'SUCCESS' });
    expect(await internal.provider.Client.find(clientId)).toBeUndefined();
  });

  test('the host name is still checked: a certificate the CA issued for another host is refused', async () => {
    const elsewhere = makePki('Test Internal CA', 'DNS:login.internal.example');
    await onLoopback(https.createServer(elsewhere.server, (_req, res) => res.end('{}')), async (issuer) => {
      const response = await send('Create', internalProperties(elsewhere.caPem, issuer));
      expect(response.Reason).toBe(refusal(issuer, 'ERR_TLS_CERT_ALTNAME_INVALID', ' and those of caBundle'));
    });
  });
});

describe('update and delete (RFC 7592)', () => {
  test('PUT changes grants and redirect URIs in place; DELETE removes the client and the token endpoint rejects it', async () => {
    const created = await send('Create', propertiesFor({}));
    const clientId = created.PhysicalResourceId;
    const webProps = propertiesFor({
      applicationType: ApplicationType.WEB,
      grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN],
      redirectUris: ['https://app.example.com/callback'],
    });
    const logs = logged.length;
    const updated = await send('Update', webProps, { PhysicalResourceId: clientId, OldResourceProperties: propertiesFor({}) });
    expect(updated.Reason).toBeUndefined();
    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: clientId });
    // Nothing was missing: nothing was restored.
    expect(loggedSince(logs).map((entry) => entry.event)).toEqual(['request', 'response']);

    const registration = stored(`${webProps.SecretName}/registration`);
    const metadata = await (await fetch(registration.registration_client_uri, { headers: { authorization: `Bearer ${registration.registration_access_token}` } })).json() as any;
    expect(metadata.grant_types.sort()).toEqual(['authorization_code', 'refresh_token']);
    expect(metadata.redirect_uris).toEqual(['https://app.example.com/callback']);
    expect(metadata.response_types).toEqual(['code']);
    expect(proxy.count('POST', '/reg')).toBeGreaterThan(0);

    const secret = stored(webProps.SecretName as string).client_secret;
    // The updated client still works with its secret...
    const before = await client.clientCredentialsGrant(await configuration(clientId, client.ClientSecretBasic(secret)), { scope: 'api:read' })
      .then(() => 'token', (e) => e);
    // The server authenticated the client, and refuses client_credentials, which the update removed.
    expect(before).toBeInstanceOf(client.ResponseBodyError);
    expect(before.error_description).toBe('requested grant type is not allowed for this client');
    // ...until it is deleted.
    const deleted = await send('Delete', webProps, { PhysicalResourceId: clientId });
    expect(deleted).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: clientId });
    // With HTTP Basic the server answers 401 with a WWW-Authenticate challenge naming the error.
    const rejected = await client.clientCredentialsGrant(await configuration(clientId, client.ClientSecretBasic(secret)), { scope: 'api:read' })
      .then(() => undefined, (e) => e);
    expect(rejected).toBeInstanceOf(client.WWWAuthenticateChallengeError);
    expect(rejected.status).toBe(401);
    expect(rejected.cause[0].parameters.error).toBe('invalid_client');
    expect(secretsManager.secrets.get(webProps.SecretName as string)!.deletedDate).toBeDefined();
  });
});

describe('tags (the CDK tags of the resource, property Tags)', () => {
  test('both secrets carry them; an Update of the tags alone retags them and sends nothing to the server', async () => {
    manageThroughProxy();
    const properties: Record<string, unknown> = { ...propertiesFor({}), Tags: [{ Key: 'team', Value: 'identity' }, { Key: 'cost-center', Value: '42' }] };
    const secretName = properties.SecretName as string;
    const created = await send('Create', properties);
    expect(created.Status).toBe('SUCCESS');
    for (const name of [secretName, `${secretName}/registration`]) {
      expect(secretsManager.tagsOf(name)).toEqual({ 'managed-by': 'cdk-oauth-clients', 'team': 'identity', 'cost-center': '42' });
    }

    const seen = proxy.seen.length;
    const retagged = { ...properties, Tags: [{ Key: 'team', Value: 'platform' }] };
    const updated = await send('Update', retagged, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties });

    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId, Data: created.Data });
    expect(proxy.seen.slice(seen)).toEqual([]);
    for (const name of [secretName, `${secretName}/registration`]) {
      expect(secretsManager.tagsOf(name)).toEqual({ 'managed-by': 'cdk-oauth-clients', 'team': 'platform' });
      expect(secretsManager.secrets.get(name)!.versions).toHaveLength(1);
    }
  });
  test('an Update that only sets ServiceTimeout (the first with a library version that sets it) sends nothing to the server, writes nothing', async () => {
    manageThroughProxy();
    const properties = propertiesFor({});
    const secretName = properties.SecretName as string;
    const created = await send('Create', properties);
    const seen = proxy.seen.length;
    const updated = await send('Update', { ...properties, ServiceTimeout: '1500' }, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties });

    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId, Data: created.Data });
    expect(proxy.seen.slice(seen)).toEqual([]);
    for (const name of [secretName, `${secretName}/registration`]) expect(secretsManager.secrets.get(name)!.versions).toHaveLength(1);
  });

  test('an Update of the tags alone of a private_key_jwt client (no secret of its own) retags its registration and sends nothing to the server', async () => {
    manageThroughProxy();
    const keyArn = fakeKms.createKey('RSA_2048');
    const properties: Record<string, unknown> = {
      ...propertiesFor({ method: TokenEndpointAuthMethod.PRIVATE_KEY_JWT, signingKeyArn: keyArn }), Tags: [{ Key: 'team', Value: 'identity' }],
    };
    const secretName = properties.SecretName as string;
    const created = await send('Create', properties);
    const seen = proxy.seen.length;

    const updated = await send('Update', { ...properties, Tags: [{ Key: 'team', Value: 'platform' }] }, {
      PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties,
    });

    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId, Data: { ...created.Data, SecretArn: '' } });
    expect(proxy.seen.slice(seen)).toEqual([]);
    expect(secretsManager.secrets.has(secretName)).toBe(false);
    expect(secretsManager.tagsOf(`${secretName}/registration`)).toEqual({ 'managed-by': 'cdk-oauth-clients', 'team': 'platform' });
  });

  test('an Update of the tags alone of a client that moved from client_secret_basic to private_key_jwt: its deleted secret stays deleted', async () => {
    manageThroughProxy();
    const basic = propertiesFor({});
    const keyed = propertiesFor({ method: TokenEndpointAuthMethod.PRIVATE_KEY_JWT, signingKeyArn: fakeKms.createKey('RSA_2048') });
    const secretName = basic.SecretName as string;
    const created = await send('Create', basic);
    await send('Update', keyed, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: basic });
    expect(secretsManager.secrets.get(secretName)!.deletedDate).toBeDefined();

    const retagged = { ...keyed, Tags: [{ Key: 'team', Value: 'platform' }] };
    const updated = await send('Update', retagged, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: keyed });

    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId, Data: { SecretArn: '' } });
    expect(secretsManager.secrets.get(secretName)!.deletedDate).toBeDefined();
  });

  test('an Update of the tags alone after the registration secret was deleted for good registers a new client', async () => {
    const properties: Record<string, unknown> = { ...propertiesFor({}), Tags: [{ Key: 'team', Value: 'identity' }] };
    const secretName = properties.SecretName as string;
    const created = await send('Create', properties);
    secretsManager.secrets.delete(`${secretName}/registration`);

    const updated = await send('Update', { ...properties, Tags: [{ Key: 'team', Value: 'platform' }] }, {
      PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties,
    });

    // Without its registration the client can be neither updated nor deleted: a new one takes its place.
    expect(updated.Status).toBe('SUCCESS');
    expect(updated.PhysicalResourceId).not.toBe(created.PhysicalResourceId);
    expect(stored(`${secretName}/registration`).client_id).toBe(updated.PhysicalResourceId);
    expect(secretsManager.tagsOf(`${secretName}/registration`)).toEqual({ 'managed-by': 'cdk-oauth-clients', 'team': 'platform' });
  });

  test('an Update of the tags alone after the secret was deleted restores it, and sends nothing to the server', async () => {
    manageThroughProxy();
    const properties: Record<string, unknown> = { ...propertiesFor({}), Tags: [{ Key: 'team', Value: 'identity' }] };
    const secretName = properties.SecretName as string;
    const created = await send('Create', properties);
    secretsManager.secrets.get(secretName)!.deletedDate = new Date();
    const seen = proxy.seen.length;

    const updated = await send('Update', { ...properties, Tags: [{ Key: 'team', Value: 'platform' }] }, {
      PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties,
    });

    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId, Data: created.Data });
    expect(proxy.seen.slice(seen)).toEqual([]);
    expect(secretsManager.secrets.get(secretName)!.deletedDate).toBeUndefined();
    expect(secretsManager.tagsOf(secretName)).toEqual({ 'managed-by': 'cdk-oauth-clients', 'team': 'platform' });
  });

  test('an Update of the tags alone after the secret was deleted for good asks the server, which returns the secret again', async () => {
    manageThroughProxy();
    const properties: Record<string, unknown> = { ...propertiesFor({}), Tags: [{ Key: 'team', Value: 'identity' }] };
    const secretName = properties.SecretName as string;
    const created = await send('Create', properties);
    secretsManager.secrets.delete(secretName);
    const path = new URL(stored(`${secretName}/registration`).registration_client_uri).pathname;
    const puts = proxy.count('PUT', path);

    const updated = await send('Update', { ...properties, Tags: [{ Key: 'team', Value: 'platform' }] }, {
      PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties,
    });

    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId });
    expect(proxy.count('PUT', path)).toBe(puts + 1);
    expect(updated.Data.SecretArn).toBe(secretsManager.secrets.get(secretName)!.arn);
    expect(stored(secretName).client_id).toBe(created.PhysicalResourceId);
  });

  test('an Update of the metadata and the tags, on a server that keeps the secret (no client_secret in the answer), retags the stored secret', async () => {
    manageThroughProxy();
    const properties: Record<string, unknown> = { ...propertiesFor({}), Tags: [{ Key: 'team', Value: 'identity' }] };
    const secretName = properties.SecretName as string;
    const created = await send('Create', properties);
    const secret = stored(secretName).client_secret;
    withholdSecret('PUT');

    const changed: Record<string, unknown> = { ...propertiesWithWriteScope(), Tags: [{ Key: 'team', Value: 'platform' }] };
    const before = logged.length;
    const updated = await send('Update', changed, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties });

    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId, Data: { SecretArn: created.Data.SecretArn } });
    // The secret was there: nothing was restored.
    expect(loggedSince(before).map((entry) => entry.event)).toEqual(['request', 'response']);
    expect(proxy.count('PUT', new URL(stored(`${secretName}/registration`).registration_client_uri).pathname)).toBe(1);
    expect(secretsManager.tagsOf(secretName)).toEqual({ 'managed-by': 'cdk-oauth-clients', 'team': 'platform' });
    expect(secretsManager.tagsOf(`${secretName}/registration`)).toEqual({ 'managed-by': 'cdk-oauth-clients', 'team': 'platform' });
    expect(stored(secretName).client_secret).toBe(secret);
  });
});

/**
 * Creates the machine-to-machine client, managed through the proxy, at a server that leaves the secret out of its
 * answers to updates (RFC 7592 allows it).
 */
async function createOnServerThatWithholdsSecret(): Promise<{ properties: Record<string, unknown>; secretName: string; created: any }> {
  manageThroughProxy();
  withholdSecret('PUT');
  const properties = propertiesFor({});
  return { properties, secretName: properties.SecretName as string, created: await send('Create', properties) };
}

describe('updates the server cannot make', () => {

  test('a server that cannot update in place (405): a new client replaces the old one, which CloudFormation then deletes', async () => {
    const { before, secretName, oldId, newId } = await replacedOn405();
    const oldSecret = JSON.parse(secretsManager.stage(secretName, 'AWSPREVIOUS')!).client_secret;

    // CloudFormation deletes the replaced resource: the old client is deregistered, the new one works.
    expect(await send('Delete', before, { PhysicalResourceId: oldId })).toMatchObject({ Status: 'SUCCESS' });
    const oldRejected = await client.clientCredentialsGrant(await configuration(oldId, client.ClientSecretBasic(oldSecret)), { scope: 'api:read' })
      .then(() => undefined, (e) => e);
    expect(oldRejected?.cause?.[0]?.parameters?.error).toBe('invalid_client');
    const fresh = stored(secretName);
    expect(fresh.client_id).toBe(newId);
    const tokens = await client.clientCredentialsGrant(await configuration(fresh.client_id, client.ClientSecretBasic(fresh.client_secret)), { scope: 'api:write' });
    expect(tokens.scope).toBe('api:write');
  });

  test('what the server does not hold changes, on a server that cannot update in place: the client stays, and nothing is sent', async () => {
    // GIVEN a client at a server that refuses updates (405), which would make any update a new client
    manageThroughProxy();
    const properties = propertiesFor({});
    const secretName = properties.SecretName as string;
    const created = await send('Create', properties);
    proxy.refusals.push({ method: 'PUT', status: 405 });
    const seen = proxy.seen.length;

    // WHEN the team retains its secret, renews the CA bundle, gives another initial access token and acknowledges a rule
    const changed = {
      ...properties,
      RemovalPolicy: 'retain',
      CaBundle: makePki().caPem,
      InitialAccessTokenArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:registration-token-2-AbCdEf',
      AcknowledgedRules: ['OAC-120'],
    };
    const updated = await send('Update', changed, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties });

    // THEN the same client answers, the server heard nothing, and the stored secrets are as they were
    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId, Data: created.Data });
    expect(proxy.seen.slice(seen)).toEqual([]);
    for (const name of [secretName, `${secretName}/registration`]) expect(secretsManager.secrets.get(name)!.versions).toHaveLength(1);
    const secret = stored(secretName).client_secret;
    const tokens = await client.clientCredentialsGrant(await configuration(created.PhysicalResourceId, client.ClientSecretBasic(secret)), { scope: 'api:read' });
    expect(tokens.access_token).toEqual(expect.any(String));
    // ...and a change of the client itself still reaches the server, which makes it a new client
    const rescoped = { ...propertiesWithWriteScope(), RemovalPolicy: 'retain' };
    const replaced = await send('Update', rescoped, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: changed });
    expect(replaced.Status).toBe('SUCCESS');
    expect(replaced.PhysicalResourceId).not.toBe(created.PhysicalResourceId);
  });

  test('a new secretEncryptionKey alone, on a server that cannot update in place: the client stays, and its secrets move to the key', async () => {
    // GIVEN a client updated in place once (its registration records that metadata), at a server that now refuses updates (405)
    manageThroughProxy();
    const created = await send('Create', propertiesFor({}));
    const properties = propertiesWithWriteScope();
    const secretName = properties.SecretName as string;
    const rescoped = await send('Update', properties, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: propertiesFor({}) });
    expect(rescoped).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId });
    const secret = stored(secretName).client_secret;
    proxy.refusals.push({ method: 'PUT', status: 405 }, { method: 'PUT', status: 405 });
    secretsManager.usableKeys = new Set([SECRET_KEY_ARN, NEW_SECRET_KEY_ARN]);
    const [posts, from] = [proxy.count('POST', '/reg'), logged.length];

    // WHEN a deployment puts the client's secrets under another key, which the server knows nothing of
    const rekeyed = { ...properties, KmsKeyArn: NEW_SECRET_KEY_ARN };
    const updated = await send('Update', rekeyed, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties });

    // THEN the same client answers with the same secret, now under the new key; no client was registered
    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId, Data: created.Data });
    expect(proxy.count('POST', '/reg')).toBe(posts);
    expect(loggedSince(from)).toContainEqual(expect.objectContaining({ event: 'client-unchanged-at-server', physicalResourceId: created.PhysicalResourceId, status: '405' }));
    for (const name of [secretName, `${secretName}/registration`]) expect(secretsManager.secrets.get(name)!.kmsKeyId).toBe(NEW_SECRET_KEY_ARN);
    expect(stored(secretName).client_secret).toBe(secret);
    expect(stored(`${secretName}/registration`)).not.toHaveProperty('unconfirmed_update');
    const tokens = await client.clientCredentialsGrant(await configuration(created.PhysicalResourceId, client.ClientSecretBasic(secret)), { scope: 'api:write' });
    expect(tokens.scope).toBe('api:write');
    // ...and a change of the metadata still makes a new client there
    const narrowed = { ...propertiesFor({}), KmsKeyArn: NEW_SECRET_KEY_ARN };
    const replaced = await send('Update', narrowed, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: rekeyed });
    expect(replaced.Status).toBe('SUCCESS');
    expect(replaced.PhysicalResourceId).not.toBe(created.PhysicalResourceId);
  });

  test('an acknowledgement withdrawn alone fails the Update with the rule ID, as the Create would, and sends nothing', async () => {
    // GIVEN a web client whose redirect URI breaks a rule that was acknowledged
    manageThroughProxy();
    const declare = (acknowledgedRules?: Record<string, string>) => registrationProperties((stack, authorizationServer) => new ConfidentialClient(stack, 'Api', {
      authorizationServer, redirectUris: ['http://app.example.com/cb'], acknowledgedRules,
    }));
    const acknowledged = declare({ 'OAC-085': 'the staging app has no TLS yet' });
    const created = await send('Create', acknowledged);
    expect(created.Status).toBe('SUCCESS');
    const seen = proxy.seen.length;

    // WHEN a deployment withdraws the acknowledgement and changes nothing else
    const withdrawn = { ...acknowledged, AcknowledgedRules: [] };
    const updated = await send('Update', withdrawn, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: acknowledged });

    // THEN it fails with the rule, before the server hears of it
    expect(updated.Status).toBe('FAILED');
    expect(updated.Reason).toMatch(/^\[OAC-085\] /);
    expect(proxy.seen.slice(seen)).toEqual([]);
  });

  test('a client whose stored secret was deleted, on a server that never returns it again: restored while Secrets Manager keeps it', async () => {
    const { properties, secretName, created } = await createOnServerThatWithholdsSecret();
    const secret = stored(secretName).client_secret;
    secretsManager.secrets.get(secretName)!.deletedDate = new Date();

    const changed = propertiesWithWriteScope();
    const updated = await send('Update', changed, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties });

    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId, Data: { SecretArn: created.Data.SecretArn } });
    expect(secretsManager.secrets.get(secretName)!.deletedDate).toBeUndefined();
    expect(stored(secretName).client_secret).toBe(secret);
    const tokens = await client.clientCredentialsGrant(await configuration(created.PhysicalResourceId, client.ClientSecretBasic(secret)), { scope: 'api:write' });
    expect(tokens.scope).toBe('api:write');
  });

  test('a new secretEncryptionKey, on a server that never returns the secret again: both secrets move to the new key, and the old one is needed no more', async () => {
    const { properties, secretName, created } = await createOnServerThatWithholdsSecret();
    const secret = stored(secretName).client_secret;
    const registrationArn = created.Data.RegistrationSecretArn;
    // While the update runs, the provider holds the grants on both keys (the old one is deleted after it).
    secretsManager.usableKeys = new Set([SECRET_KEY_ARN, NEW_SECRET_KEY_ARN]);

    const changed = { ...propertiesWithWriteScope(), KmsKeyArn: NEW_SECRET_KEY_ARN };
    const updated = await send('Update', changed, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties });
    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId, Data: { SecretArn: created.Data.SecretArn } });

    // Then the old key's grant is gone, and a reader is granted the new key only: both secrets read as before.
    const read = await readUnderKeyAlone(NEW_SECRET_KEY_ARN, secretName, { credentials: created.Data.SecretArn, registration: registrationArn });
    expect(read.credentials).toMatchObject({ client_id: created.PhysicalResourceId, client_secret: secret });
    expect(read.registration).toMatchObject({ client_id: created.PhysicalResourceId });
    const tokens = await client.clientCredentialsGrant(await configuration(created.PhysicalResourceId, client.ClientSecretBasic(secret)), { scope: 'api:write' });
    expect(tokens.scope).toBe('api:write');
    // The provider updates and deletes the client under the new key alone.
    const again = await send('Update', { ...changed, Tags: [{ Key: 'team', Value: 'platform' }] }, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: changed });
    expect(again.Status).toBe('SUCCESS');
    const registration = stored(`${secretName}/registration`);
    expect(await send('Delete', changed, { PhysicalResourceId: created.PhysicalResourceId })).toMatchObject({ Status: 'SUCCESS' });
    expect(await readRegistration(registration)).toBe(401);
  });

  test('a secret under a key the provider may not use: the Update fails naming the secret, its key and the fix, and sends nothing to the server', async () => {
    const { properties, secretName, created } = await createOnServerThatWithholdsSecret();
    const registration = stored(`${secretName}/registration`);
    secretsManager.usableKeys = new Set([NEW_SECRET_KEY_ARN]);

    const changed = { ...propertiesWithWriteScope(), KmsKeyArn: NEW_SECRET_KEY_ARN };
    const updated = await send('Update', changed, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties });

    expect(updated.Status).toBe('FAILED');
    expect(updated.Reason).toContain(`Secrets Manager could not decrypt secret ${secretName}/registration: it is encrypted with KMS key `
      + `${SECRET_KEY_ARN}, which the provider's role may not use (kms:Decrypt).`);
    expect(updated.Reason).toContain('put the secret under the key named (UpdateSecret with KmsKeyId');
    expect(proxy.count('PUT', new URL(registration.registration_client_uri).pathname)).toBe(0);
    expect(secretsManager.secrets.get(secretName)!.kmsKeyId).toBe(SECRET_KEY_ARN);
  });

  test('a deleted secret that holds another client\'s credentials is not taken for this client\'s: a new client replaces it', async () => {
    const { properties, secretName, created } = await createOnServerThatWithholdsSecret();
    const held = secretsManager.secrets.get(secretName)!;
    held.versions.push(JSON.stringify({ ...stored(secretName), client_id: 'another-client' }));
    held.deletedDate = new Date();

    const changed = propertiesWithWriteScope();
    const updated = await send('Update', changed, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties });

    expect(updated.Status).toBe('SUCCESS');
    expect(updated.PhysicalResourceId).not.toBe(created.PhysicalResourceId);
    expect(stored(secretName).client_id).toBe(updated.PhysicalResourceId);
  });

  test('a client whose stored secret is gone for good, on a server that never returns it again: a new client replaces it on the next Update', async () => {
    const { properties, secretName, created } = await createOnServerThatWithholdsSecret();
    // Deleted without a recovery window.
    secretsManager.secrets.delete(secretName);

    const changed = propertiesWithWriteScope();
    const updated = await send('Update', changed, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties });

    expect(updated.Status).toBe('SUCCESS');
    // Kept for the Delete of the replaced resource, with the token the server issued when the PUT found the secret gone.
    const old = stored(`${secretName}/registration/${created.PhysicalResourceId}`);
    expect(old.client_id).toBe(created.PhysicalResourceId);
    expect(updated.PhysicalResourceId).not.toBe(created.PhysicalResourceId);
    const credentials = stored(secretName);
    expect(credentials.client_id).toBe(updated.PhysicalResourceId);
    const tokens = await client.clientCredentialsGrant(await configuration(credentials.client_id, client.ClientSecretBasic(credentials.client_secret)), { scope: 'api:write' });
    expect(tokens.scope).toBe('api:write');
    // The old client stays until CloudFormation deletes the replaced resource (a rollback would still find it).
    expect(await readRegistration(old)).toBe(200);
    expect(await send('Delete', properties, { PhysicalResourceId: created.PhysicalResourceId })).toMatchObject({ Status: 'SUCCESS' });
    expect(await readRegistration(old)).toBe(401);
    expect(stored(secretName).client_id).toBe(updated.PhysicalResourceId);
  });

  test('a private_key_jwt client at a server that issues a secret to every client: the secret is not kept', async () => {
    const keyArn = fakeKms.createKey('RSA_2048');
    proxy.rewriteResponse = (json, method) => (method === 'POST' && json?.client_id ? { ...json, client_secret: 'issued-to-every-client-0123456789' } : json);
    const properties = propertiesFor({ method: TokenEndpointAuthMethod.PRIVATE_KEY_JWT, signingKeyArn: keyArn });
    const created = await send('Create', properties);

    expect(created).toMatchObject({ Status: 'SUCCESS', Data: { SecretArn: '' } });
    expect(secretsManager.secrets.has(properties.SecretName as string)).toBe(false);
    expect(secretsManager.allValues().join()).not.toContain('issued-to-every-client');
  });

  test('client_secret_basic to private_key_jwt deletes the stored secret; the rollback restores it, also where the server does not return it', async () => {
    manageThroughProxy();
    const keyArn = fakeKms.createKey('RSA_2048');
    const basic = propertiesFor({});
    const keyed = propertiesFor({ method: TokenEndpointAuthMethod.PRIVATE_KEY_JWT, signingKeyArn: keyArn });
    const secretName = basic.SecretName as string;
    const created = await send('Create', basic);
    const secret = stored(secretName).client_secret;

    const moved = await send('Update', keyed, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: basic });
    expect(moved).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId, Data: { SecretArn: '' } });
    expect(secretsManager.secrets.get(secretName)!.deletedDate).toBeDefined();

    // CloudFormation rolls the stack back, and the server keeps the secret without returning it.
    withholdSecret('PUT');
    const back = await send('Update', basic, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: keyed });
    expect(back).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId, Data: { SecretArn: created.Data.SecretArn } });
    expect(secretsManager.secrets.get(secretName)!.deletedDate).toBeUndefined();
    expect(stored(secretName).client_secret).toBe(secret);
    const tokens = await client.clientCredentialsGrant(await configuration(created.PhysicalResourceId, client.ClientSecretBasic(secret)), { scope: 'api:read' });
    expect(tokens.access_token).toEqual(expect.any(String));
  });

  test('another registration endpoint at the same issuer: a client registered there replaces the old one, which CloudFormation then deletes', async () => {
    manageThroughProxy();
    const properties = propertiesFor({});
    const oldId = (await send('Create', properties)).PhysicalResourceId;
    const old = stored(`${properties.SecretName}/registration`);
    const before = proxy.count('POST', '/reg');

    const moved = { ...properties, RegistrationEndpoint: `${server.issuer}/reg` };
    const updated = await send('Update', moved, { PhysicalResourceId: oldId, OldResourceProperties: properties });

    expect(updated.Status).toBe('SUCCESS');
    expect(updated.PhysicalResourceId).not.toBe(oldId);
    // Registered at the new endpoint, not through the old one.
    expect(proxy.count('POST', '/reg')).toBe(before);
    expect(stored(`${properties.SecretName}/registration/${oldId}`).client_id).toBe(oldId);
    expect(await send('Delete', properties, { PhysicalResourceId: oldId })).toMatchObject({ Status: 'SUCCESS' });
    expect(await readRegistration(old)).toBe(401);
  });

  test('another issuer: a client registered at the new server replaces the old one, which CloudFormation then deletes', async () => {
    const other = await OidcServer.start({});
    try {
      // Both find their registration endpoint in the issuer's metadata: only the issuer changes.
      const properties: Record<string, unknown> = { ...propertiesFor({}), RegistrationEndpoint: undefined };
      const created = await send('Create', properties);
      const moved: Record<string, unknown> = { ...properties, Issuer: other.issuer };

      const updated = await send('Update', moved, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties });

      expect(updated.Status).toBe('SUCCESS');
      expect(updated.PhysicalResourceId).not.toBe(created.PhysicalResourceId);
      expect(await other.provider.Client.find(updated.PhysicalResourceId)).toBeDefined();
      expect(stored(properties.SecretName as string))
        .toEqual(expect.objectContaining({ client_id: updated.PhysicalResourceId, issuer: other.issuer }));
      // The old client stays at the old server until CloudFormation deletes the replaced resource.
      expect(await server.provider.Client.find(created.PhysicalResourceId)).toBeDefined();
      expect(await send('Delete', properties, { PhysicalResourceId: created.PhysicalResourceId })).toMatchObject({ Status: 'SUCCESS' });
      expect(await server.provider.Client.find(created.PhysicalResourceId)).toBeUndefined();
    } finally {
      await other.stop();
    }
  });

  test('an update the server refuses fails, and leaves the old client working', async () => {
    const properties = propertiesFor({});
    const created = await send('Create', properties);
    const bad = propertiesFor({});
    (bad.ClientMetadata as any).redirect_uris = ['not a uri'];
    (bad.ClientMetadata as any).grant_types = ['authorization_code'];
    (bad.ClientMetadata as any).response_types = ['code'];

    const updated = await send('Update', bad, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties });
    expect(updated.Status).toBe('FAILED');
    expect(updated.Reason).toMatch(/^update of client \S+ at http:\/\/127\.0\.0\.1:\d+\/reg\/\S+ was refused: HTTP 400 invalid_/);

    const credentials = stored(properties.SecretName as string);
    const tokens = await client.clientCredentialsGrant(await configuration(credentials.client_id, client.ClientSecretBasic(credentials.client_secret)), { scope: 'api:read' });
    expect(tokens.access_token).toEqual(expect.any(String));
  });
});

/** Creates the machine-to-machine client at a server that cannot update in place, and has an Update replace it (405). */
async function replacedOn405(before: Record<string, unknown> = propertiesFor({}), after: Record<string, unknown> = propertiesWithWriteScope()) {
  manageThroughProxy();
  const created = await send('Create', before);
  proxy.refusals.push({ method: 'PUT', status: 405 });
  const updated = await send('Update', after, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: before });
  expect(updated.Status).toBe('SUCCESS');
  expect(updated.PhysicalResourceId).not.toBe(created.PhysicalResourceId);
  const [oldId, newId]: string[] = [created.PhysicalResourceId, updated.PhysicalResourceId];
  return { before, after, secretName: before.SecretName as string, oldId, newId };
}

describe('a rollback of the deployment that replaced a client', () => {
  test('the replaced client is the resource\'s again, with its secret and registration; the new one is deregistered', async () => {
    // GIVEN a deployment that replaced client X with Y (405), then failed elsewhere
    const { after, secretName, oldId, newId } = await replacedOn405();
    const oldSecret = secretsManager.stage(secretName, 'AWSPREVIOUS');
    const newRegistration = stored(`${secretName}/registration`);
    cloudFormation.statuses.set(TEST_STACK_ID, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
    const from = logged.length;

    // WHEN CloudFormation keeps X and deletes Y in the rollback's cleanup
    expect(await send('Delete', after, { PhysicalResourceId: newId })).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: newId });
    expect(loggedSince(from)).toContainEqual(expect.objectContaining({ event: 'client-put-back', physicalResourceId: oldId }));

    // THEN the secret holds X's credentials again (the version it had), which get tokens; Y is gone at the server
    expect(secretsManager.secrets.get(secretName)!.deletedDate).toBeUndefined();
    expect(secretsManager.current(secretName)).toBe(oldSecret);
    const { client_id: clientId, client_secret: clientSecret } = stored(secretName);
    expect(clientId).toBe(oldId);
    const tokens = await client.clientCredentialsGrant(await configuration(oldId, client.ClientSecretBasic(clientSecret)), { scope: 'api:read' });
    expect(tokens.access_token).toEqual(expect.any(String));
    expect(await readRegistration(newRegistration)).toBe(401);
    expect(stored(`${secretName}/registration`).client_id).toBe(oldId);
    expect(secretsManager.secrets.get(`${secretName}/registration/${oldId}`)!.deletedDate).toBeDefined();
    // ...and X's registration access token manages it again: the next deployment updates X in place
    const rescoped = await send('Update', after, { PhysicalResourceId: oldId, OldResourceProperties: propertiesFor({}) });
    expect(rescoped).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: oldId });
    const rescopedTokens = await client.clientCredentialsGrant(await configuration(oldId, client.ClientSecretBasic(clientSecret)), { scope: 'api:write' });
    expect(rescopedTokens.scope).toBe('api:write');
  });

  test('a retained client (RemovalPolicy retain): the replaced one is put back, and the new one stays at its server', async () => {
    // GIVEN a deployment that replaced retained client X with Y (405), then failed elsewhere
    const retained = (properties: Record<string, unknown>) => ({ ...properties, RemovalPolicy: 'retain' });
    const { before, after, secretName, oldId, newId } = await replacedOn405(retained(propertiesFor({})), retained(propertiesWithWriteScope()));
    const oldSecret = secretsManager.stage(secretName, 'AWSPREVIOUS');
    const newRegistration = stored(`${secretName}/registration`);
    cloudFormation.statuses.set(TEST_STACK_ID, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
    const from = logged.length;

    // WHEN CloudFormation keeps X and deletes Y in the rollback's cleanup
    expect(await send('Delete', after, { PhysicalResourceId: newId })).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: newId });

    // THEN the secrets are X's again, Y stays registered (retained), and the log says where Y's token is
    expect(secretsManager.current(secretName)).toBe(oldSecret);
    expect(stored(`${secretName}/registration`).client_id).toBe(oldId);
    expect(await readRegistration(newRegistration)).toBe(200);
    expect(loggedSince(from)).toContainEqual(expect.objectContaining({
      event: 'client-put-back',
      physicalResourceId: oldId,
      reason: `the deployment that replaced it with ${newId} rolled back; client ${newId} is retained at its server (RemovalPolicy retain), `
        + `with its registration access token in the previous version (AWSPREVIOUS) of secret ${secretName}/registration`,
    }));
    expect(JSON.parse(secretsManager.stage(`${secretName}/registration`, 'AWSPREVIOUS')!).client_id).toBe(newId);
    // ...and the next deployment updates X in place, not a third client
    const rescoped = await send('Update', after, { PhysicalResourceId: oldId, OldResourceProperties: before });
    expect(rescoped).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: oldId });
  });

  test('the deployment also moved the secrets to a new secretEncryptionKey: the rollback puts them back under the old key', async () => {
    // GIVEN a deployment that replaced client X with Y and put the secrets under a new key, then failed elsewhere
    secretsManager.usableKeys = new Set([SECRET_KEY_ARN, NEW_SECRET_KEY_ARN]);
    const rekeyed = { ...propertiesWithWriteScope(), KmsKeyArn: NEW_SECRET_KEY_ARN };
    const { before, secretName, oldId, newId } = await replacedOn405(propertiesFor({}), rekeyed);
    for (const name of [secretName, `${secretName}/registration`]) expect(secretsManager.secrets.get(name)!.kmsKeyId).toBe(NEW_SECRET_KEY_ARN);
    cloudFormation.statuses.set(TEST_STACK_ID, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');

    // WHEN CloudFormation deletes Y in the rollback's cleanup, before the grant on the new key Y depended on
    expect(await send('Delete', rekeyed, { PhysicalResourceId: newId })).toMatchObject({ Status: 'SUCCESS' });

    // THEN both secrets are under the old key again, and readers granted the old key alone (the rolled-back app, the
    // provider once the new key's grant is deleted) read X's credentials and registration
    const { credentials: { client_id: clientId, client_secret: clientSecret }, registration } = await readUnderKeyAlone(SECRET_KEY_ARN, secretName);
    expect(clientId).toBe(oldId);
    expect(registration.client_id).toBe(oldId);
    const tokens = await client.clientCredentialsGrant(await configuration(oldId, client.ClientSecretBasic(clientSecret)), { scope: 'api:read' });
    expect(tokens.access_token).toEqual(expect.any(String));
    // ...and the next deployment, with the old key, updates X in place
    const rescoped = await send('Update', propertiesWithWriteScope(), { PhysicalResourceId: oldId, OldResourceProperties: before });
    expect(rescoped).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: oldId });
  });

  test('a client whose secret was lost, replaced in a deployment that also moved to a new key: the rollback puts its registration under the old key', async () => {
    // GIVEN a client whose stored secret is gone for good, on a server that never returns it again
    secretsManager.usableKeys = new Set([SECRET_KEY_ARN, NEW_SECRET_KEY_ARN]);
    const { properties, secretName, created } = await createOnServerThatWithholdsSecret();
    secretsManager.secrets.delete(secretName);
    // ...and a deployment with a new key, whose update in place (200) moves the registration to the new key before it
    // finds the secret lost and replaces the client, then fails elsewhere
    const rekeyed = { ...propertiesWithWriteScope(), KmsKeyArn: NEW_SECRET_KEY_ARN };
    const updated = await send('Update', rekeyed, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties });
    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: expect.not.stringMatching(created.PhysicalResourceId) });
    cloudFormation.statuses.set(TEST_STACK_ID, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');

    // WHEN CloudFormation deletes the new client in the rollback's cleanup
    expect(await send('Delete', rekeyed, { PhysicalResourceId: updated.PhysicalResourceId })).toMatchObject({ Status: 'SUCCESS' });

    // THEN the old client's registration is current again, under the old key alone, which the rolled-back app and the
    // provider (once the new key's grant is deleted) are granted; its token still manages the client
    const name = `${secretName}/registration`;
    expect(secretsManager.secrets.get(name)!.kmsKeyId).toBe(SECRET_KEY_ARN);
    expect(secretsManager.keysOfCurrent(name)).toEqual([SECRET_KEY_ARN]);
    secretsManager.usableKeys = new Set([SECRET_KEY_ARN]);
    const registration = stored(name);
    expect(registration.client_id).toBe(created.PhysicalResourceId);
    expect(await readRegistration(registration)).toBe(200);
  });

  test('a retained client whose secrets cannot be read (their key is no longer granted): its Delete keeps everything, and succeeds', async () => {
    const properties: Record<string, unknown> = { ...propertiesFor({}), RemovalPolicy: 'retain' };
    const created = await send('Create', properties);
    secretsManager.usableKeys = new Set([NEW_SECRET_KEY_ARN]);
    expect(await send('Delete', properties, { PhysicalResourceId: created.PhysicalResourceId })).toMatchObject({ Status: 'SUCCESS' });
    expect(cloudFormation.calls()).toBe(0);
    secretsManager.usableKeys = undefined;
    expect(await readRegistration(stored(`${properties.SecretName}/registration`))).toBe(200);
  });

  test.each([
    ['the stack is deleted (DELETE_IN_PROGRESS)', 'DELETE_IN_PROGRESS', false],
    ['the client is removed in a later update', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', false],
    ['the provider may not read the stack\'s status', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', true],
  ])('the replaced client\'s registration still archived (its deletion failed), and %s: the new client is deleted, nothing put back', async (_, status, denied) => {
    const { after, secretName, oldId, newId } = await replacedOn405();
    const newRegistration = stored(`${secretName}/registration`);
    cloudFormation.statuses.set(TEST_STACK_ID, status);
    cloudFormation.denied = denied;
    const from = logged.length;

    expect(await send('Delete', after, { PhysicalResourceId: newId })).toMatchObject({ Status: 'SUCCESS' });

    expect(cloudFormation.calls()).toBe(1);
    expect(await readRegistration(newRegistration)).toBe(401);
    for (const name of [secretName, `${secretName}/registration`]) expect(secretsManager.secrets.get(name)!.deletedDate).toBeDefined();
    expect(stored(`${secretName}/registration/${oldId}`).client_id).toBe(oldId);
    expect(loggedSince(from).map((entry) => entry.event)).not.toContain('client-put-back');
    const unknown = loggedSince(from).filter((entry) => entry.event === 'stack-status-unknown');
    expect(unknown).toEqual(denied ? [expect.objectContaining({ physicalResourceId: newId, reason: expect.stringMatching(/^AccessDenied: .*cloudformation:DescribeStacks/) })] : []);
  });

  test('a Delete of a client that replaced none, or whose replaced one was deleted: the stack\'s status is not asked', async () => {
    const { after, secretName, oldId, newId } = await replacedOn405();
    // CloudFormation deletes X once the update is complete: its archived registration goes with it
    expect(await send('Delete', propertiesFor({}), { PhysicalResourceId: oldId })).toMatchObject({ Status: 'SUCCESS' });
    cloudFormation.statuses.set(TEST_STACK_ID, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');

    expect(await send('Delete', after, { PhysicalResourceId: newId })).toMatchObject({ Status: 'SUCCESS' });

    expect(cloudFormation.calls()).toBe(0);
    expect(secretsManager.secrets.get(secretName)!.deletedDate).toBeDefined();
  });

  test.each([
    ['private_key_jwt to client_secret_basic: the new client\'s secret is deleted', true],
    ['client_secret_basic to private_key_jwt: the replaced client\'s secret stays current', false],
  ])('%s', async (_, fromKeyed) => {
    const keyed = propertiesFor({ method: TokenEndpointAuthMethod.PRIVATE_KEY_JWT, signingKeyArn: fakeKms.createKey('RSA_2048') });
    const basic = propertiesFor({});
    const { secretName, oldId, newId } = await replacedOn405(fromKeyed ? keyed : basic, fromKeyed ? basic : keyed);
    const kept = secretsManager.current(secretName);
    cloudFormation.statuses.set(TEST_STACK_ID, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');

    expect(await send('Delete', fromKeyed ? basic : keyed, { PhysicalResourceId: newId })).toMatchObject({ Status: 'SUCCESS' });

    const oldRegistration = stored(`${secretName}/registration`);
    expect(oldRegistration.client_id).toBe(oldId);
    expect(await readRegistration(oldRegistration)).toBe(200);
    if (fromKeyed) {
      expect(secretsManager.secrets.get(secretName)!.deletedDate).toBeDefined();
    } else {
      expect(secretsManager.secrets.get(secretName)!.deletedDate).toBeUndefined();
      expect(secretsManager.current(secretName)).toBe(kept);
      expect(stored(secretName).client_id).toBe(oldId);
    }
  });

  test('the credentials secret deleted behind the stack\'s back before the rollback: it is restored, with the replaced client\'s credentials', async () => {
    const { after, secretName, oldId, newId } = await replacedOn405();
    const oldSecret = secretsManager.stage(secretName, 'AWSPREVIOUS');
    secretsManager.secrets.get(secretName)!.deletedDate = new Date();
    cloudFormation.statuses.set(TEST_STACK_ID, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');

    expect(await send('Delete', after, { PhysicalResourceId: newId })).toMatchObject({ Status: 'SUCCESS' });

    expect(secretsManager.secrets.get(secretName)!.deletedDate).toBeUndefined();
    expect(secretsManager.current(secretName)).toBe(oldSecret);
    expect(stored(secretName).client_id).toBe(oldId);
  });

  test('client_secret_basic replaced by a private_key_jwt client, and the update complete: the Delete of the old client deletes its secret too', async () => {
    const keyed = propertiesFor({ method: TokenEndpointAuthMethod.PRIVATE_KEY_JWT, signingKeyArn: fakeKms.createKey('RSA_2048') });
    const { before, secretName, oldId, newId } = await replacedOn405(propertiesFor({}), keyed);
    // The old client's secret stays while the deployment may still roll back...
    expect(stored(secretName).client_id).toBe(oldId);

    // ...and goes with the old client once CloudFormation deletes it
    expect(await send('Delete', before, { PhysicalResourceId: oldId })).toMatchObject({ Status: 'SUCCESS' });
    expect(secretsManager.secrets.get(secretName)!.deletedDate).toBeDefined();
    expect(stored(`${secretName}/registration`).client_id).toBe(newId);
    expect(secretsManager.secrets.get(`${secretName}/registration`)!.deletedDate).toBeUndefined();
  });

  test('the server refuses to delete the new client: the replaced one is back all the same, and the failure says where the new one\'s token is', async () => {
    const { after, secretName, oldId, newId } = await replacedOn405();
    cloudFormation.statuses.set(TEST_STACK_ID, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
    proxy.refusals.push({ method: 'DELETE', status: 400 });

    const deleted = await send('Delete', after, { PhysicalResourceId: newId });

    expect(deleted.Status).toBe('FAILED');
    expect(deleted.Reason).toContain(`client ${oldId} is the resource's client again, but deleting client ${newId}`);
    expect(deleted.Reason).toContain(`previous version (AWSPREVIOUS) of secret ${secretName}/registration`);
    expect(JSON.parse(secretsManager.stage(`${secretName}/registration`, 'AWSPREVIOUS')!).client_id).toBe(newId);
    expect(stored(secretName).client_id).toBe(oldId);
    expect(stored(`${secretName}/registration`).client_id).toBe(oldId);
  });

  test.each([
    ['refuses in-place updates once: the rollback updates it in place', 1, 'PUT'],
    ['never updates in place: the rollback finds it has the old metadata, and keeps it', 2, 'kept'],
  ])('a replacing registration that the server registers worse: the Update fails, the replaced client is found, and a server that %s', async (_, refusals, rollback) => {
    // GIVEN a private_key_jwt client at a server that refuses in-place updates, and downgrades the next registration
    manageThroughProxy();
    const keyArn = fakeKms.createKey('RSA_2048');
    const before = propertiesFor({ method: TokenEndpointAuthMethod.PRIVATE_KEY_JWT, signingKeyArn: keyArn });
    const after = { ...before, ClientMetadata: { ...(before.ClientMetadata as object), scope: 'api:read api:write' } };
    const secretName = before.SecretName as string;
    const oldId = (await send('Create', before)).PhysicalResourceId;
    for (let i = 0; i < refusals; i++) proxy.refusals.push({ method: 'PUT', status: 405 });
    proxy.rewrite = {
      method: 'POST',
      body: (json) => ({ ...json, token_endpoint_auth_method: 'client_secret_basic', token_endpoint_auth_signing_alg: undefined, jwks: undefined }),
    };

    // WHEN the Update fails with the rule
    const updated = await send('Update', after, { PhysicalResourceId: oldId, OldResourceProperties: before });
    expect(updated.Status).toBe('FAILED');
    expect(updated.Reason).toMatch(/^\[OAC-022\] /);

    // THEN the registration secret holds the replaced client (not deleted), its archive is gone, and the rollback's
    // Update brings that very client back to the old properties
    expect(secretsManager.secrets.get(`${secretName}/registration`)!.deletedDate).toBeUndefined();
    expect(stored(`${secretName}/registration`).client_id).toBe(oldId);
    expect(secretsManager.secrets.get(`${secretName}/registration/${oldId}`)!.deletedDate).toBeDefined();
    proxy.rewrite = undefined;
    const [posts, from] = [proxy.count('POST', '/reg'), logged.length];
    const rolledBack = await send('Update', before, { PhysicalResourceId: oldId, OldResourceProperties: after });
    expect(rolledBack).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: oldId });
    // No third client: the server's one is the resource's, and its registration access token manages it
    expect(proxy.count('POST', '/reg')).toBe(posts);
    const unchanged = loggedSince(from).filter((line) => line.event === 'client-unchanged-at-server').map((line) => line.physicalResourceId);
    expect(unchanged).toEqual(rollback === 'kept' ? [oldId] : []);
    expect(await readRegistration(stored(`${secretName}/registration`))).toBe(200);
  });
});

describe('values that were tokens at synth', () => {
  test('are judged at deploy time, before anything is registered', async () => {
    // A redirect URI given as a CloudFormation parameter: synth skipped it; CloudFormation resolved it to plain http.
    const properties = propertiesFor({
      applicationType: ApplicationType.WEB,
      grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN],
      redirectUris: ['https://placeholder.example.com/cb'],
    });
    (properties.Description as any).redirectUris = ['http://app.example.com/callback'];
    (properties.ClientMetadata as any).redirect_uris = ['http://app.example.com/callback'];
    const before = proxy.count('POST', '/reg');

    const response = await send('Create', properties);
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(/^\[OAC-085\] redirect URI 'http:\/\/app\.example\.com\/callback' uses plain http/);
    expect(response.PhysicalResourceId).toBe('nothing-created');
    expect(proxy.count('POST', '/reg')).toBe(before);
  });

  test('an acknowledged rule stays acknowledged at deploy time', async () => {
    const properties = propertiesFor({
      applicationType: ApplicationType.WEB,
      grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN],
      redirectUris: ['https://app.example.com/cb'],
    });
    (properties.Description as any).pkce = 'none';
    (properties.Description as any).clientType = 'public';
    (properties.Description as any).tokenEndpointAuthMethod = 'none';
    (properties.Description as any).refreshTokenRotation = 'true';
    (properties.ClientMetadata as any).token_endpoint_auth_method = 'none';
    const refused = await send('Create', properties);
    expect(refused.Reason).toMatch(/^\[OAC-060\]/);

    const response = await send('Create', { ...properties, AcknowledgedRules: ['OAC-060'] });
    expect(response.Reason).toBeUndefined();
    expect(response.Status).toBe('SUCCESS');
  });
});

describe('the server\'s metadata and capabilities', () => {
  /** A plain HTTP server on 127.0.0.1 that answers the given paths with JSON, and 404 otherwise. */
  interface StaticServer {
    readonly origin: string;
    readonly seen: string[];
    stop(): Promise<void>;
  }

  async function staticServer(routes: (origin: string) => Record<string, unknown>): Promise<StaticServer> {
    const seen: string[] = [];
    let origin = '';
    const plain = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const body = routes(origin)[req.url ?? ''];
      if (body === undefined) res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    return {
      origin,
      seen,
      stop: async () => {
        plain.closeAllConnections();
        await new Promise<void>((resolve) => plain.close(() => resolve()));
      },
    };
  }

  test('an issuer with a path whose metadata is only at the RFC 8414 location (inserted before the path)', async () => {
    const metadata = await staticServer((origin) => ({
      '/.well-known/oauth-authorization-server/tenants/a': {
        issuer: `${origin}/tenants/a`, registration_endpoint: `${server.issuer}/reg`, token_endpoint: `${server.issuer}/token`,
      },
    }));
    try {
      const properties: Record<string, unknown> = { ...propertiesFor({}), Issuer: `${metadata.origin}/tenants/a`, RegistrationEndpoint: undefined };
      const response = await send('Create', properties);
      expect(response.Reason).toBeUndefined();
      expect(metadata.seen).toEqual(['GET /tenants/a/.well-known/openid-configuration', 'GET /.well-known/oauth-authorization-server/tenants/a']);
      // The client is registered at the advertised endpoint, and its token endpoint is the advertised one.
      const credentials = stored(properties.SecretName as string);
      expect(credentials).toMatchObject({ client_id: response.PhysicalResourceId, issuer: `${metadata.origin}/tenants/a`, token_endpoint: `${server.issuer}/token` });
      const tokens = await client.clientCredentialsGrant(await configuration(credentials.client_id, client.ClientSecretBasic(credentials.client_secret)), { scope: 'api:read' });
      expect(tokens.access_token).toEqual(expect.any(String));
    } finally {
      await metadata.stop();
    }
  });

  test('metadata that names another issuer is not used: nothing is registered', async () => {
    // The proxy serves the real server's discovery document, which names the server's issuer, not the proxy's URL.
    const before = proxy.count('POST', '/reg');
    const response = await send('Create', { ...propertiesFor({}), Issuer: proxy.url });
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
    expect(response.Reason).toBe(`the metadata at ${proxy.url}/.well-known/openid-configuration names the issuer ${server.issuer}, `
      + `not ${proxy.url} (RFC 8414 §3.3); give the issuer exactly as the server names it`);
    expect(proxy.count('POST', '/reg')).toBe(before);
  });

  test.each([
    ['null', null],
    ['a JSON string', 'metadata'],
  ])('a discovery document that is %s is passed over for the RFC 8414 location', async (_, document) => {
    const metadata = await staticServer((origin) => ({
      '/.well-known/openid-configuration': document,
      '/.well-known/oauth-authorization-server': { issuer: origin, registration_endpoint: `${server.issuer}/reg`, token_endpoint: `${server.issuer}/token` },
    }));
    try {
      const response = await send('Create', { ...propertiesFor({}), Issuer: metadata.origin, RegistrationEndpoint: undefined });
      expect(response.Reason).toBeUndefined();
      expect(metadata.seen).toEqual(['GET /.well-known/openid-configuration', 'GET /.well-known/oauth-authorization-server']);
      expect(response).toMatchObject({ Status: 'SUCCESS', Data: { ClientId: response.PhysicalResourceId, Issuer: metadata.origin } });
    } finally {
      await metadata.stop();
    }
  });

  test('metadata that names no issuer is not used: the failure says so, and nothing is registered', async () => {
    const metadata = await staticServer(() => ({ '/.well-known/openid-configuration': { registration_endpoint: `${proxy.url}/reg` } }));
    try {
      const before = proxy.count('POST', '/reg');
      const response = await send('Create', { ...propertiesFor({}), Issuer: metadata.origin, RegistrationEndpoint: undefined });
      expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
      expect(response.Reason).toBe(`the metadata at ${metadata.origin}/.well-known/openid-configuration names the issuer (none), `
        + `not ${metadata.origin} (RFC 8414 §3.3); give the issuer exactly as the server names it`);
      expect(proxy.count('POST', '/reg')).toBe(before);
    } finally {
      await metadata.stop();
    }
  });

  test('metadata that advertises no registration_endpoint, and none given: the failure says to give one', async () => {
    const metadata = await staticServer((origin) => ({ '/.well-known/openid-configuration': { issuer: origin, token_endpoint: `${server.issuer}/token` } }));
    try {
      const response = await send('Create', { ...propertiesFor({}), Issuer: metadata.origin, RegistrationEndpoint: undefined });
      expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
      expect(response.Reason).toBe(`${metadata.origin} advertises no registration_endpoint; give registrationEndpoint`);
      expect(metadata.seen).toEqual(['GET /.well-known/openid-configuration']);
    } finally {
      await metadata.stop();
    }
  });

  test('an issuer that resolved to plain http at deploy time is refused before any request', async () => {
    const response = await send('Create', { ...propertiesFor({}), Issuer: 'http://login.example.com' });
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
    expect(response.Reason).toBe("issuer 'http://login.example.com' is not an https URL: the client's credentials would cross the network "
      + 'unprotected. Use the server\'s https URL, e.g. https://login.example.com/realms/main (plain http only for a server on 127.0.0.1 or localhost).');
  });

  test('a registrationEndpoint that resolved to plain http at deploy time is refused, naming the property, before anything is sent', async () => {
    const before = proxy.count('POST', '/reg');
    const response = await send('Create', { ...propertiesFor({}), RegistrationEndpoint: 'http://login.example.com/reg' });
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
    expect(response.Reason).toBe("registrationEndpoint 'http://login.example.com/reg' is not an https URL: the client's credentials would cross "
      + "the network unprotected. Use the server's https URL, e.g. https://login.example.com/register (plain http only for a server on 127.0.0.1 or localhost).");
    expect(proxy.count('POST', '/reg')).toBe(before);
  });

  test.each([
    ['token_endpoint', (origin: string) => ({ issuer: origin, registration_endpoint: `${proxy.url}/reg`, token_endpoint: 'http://login.example.com/token' }),
      (origin: string) => `token_endpoint of ${origin}/.well-known/openid-configuration 'http://login.example.com/token' is not an https URL`],
    ['registration_endpoint', (origin: string) => ({ issuer: origin, registration_endpoint: 'http://login.example.com/reg', token_endpoint: `${server.issuer}/token` }),
      (origin: string) => `registration_endpoint of ${origin}'s metadata 'http://login.example.com/reg' is not an https URL`],
  ])('metadata with a plain http %s is not used: nothing is registered', async (_, doc, reason) => {
    const metadata = await staticServer((origin) => ({ '/.well-known/openid-configuration': doc(origin) }));
    try {
      const before = proxy.count('POST', '/reg');
      const response = await send('Create', { ...propertiesFor({}), Issuer: metadata.origin, RegistrationEndpoint: undefined });
      expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
      expect(response.Reason).toBe(`${reason(metadata.origin)}: the client's credentials would cross the network unprotected. `
        + 'Configure the server to publish its https URLs (plain http only for a server on 127.0.0.1 or localhost).');
      expect(proxy.count('POST', '/reg')).toBe(before);
    } finally {
      await metadata.stop();
    }
  });

  test('a failure with many findings: the reason is shortened to fit the 4096 bytes CloudFormation takes, and logged whole', async () => {
    const properties = propertiesFor({});
    const redirectUris = Array.from({ length: 30 }, (_, i) => `https://app.example.com/callback-${i}#fragment`);
    const response = await send('Create', { ...properties, Description: { ...(properties.Description as object), redirectUris } });
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
    expect(Buffer.byteLength(responses.bodies[responses.bodies.length - 1])).toBeLessThanOrEqual(4096);
    // (a machine-to-machine client: its redirect URIs are OAC-081, then each fragment is OAC-082)
    expect(response.Reason).toMatch(/^\[OAC-081\] .* \[OAC-082\] redirect URI 'https:\/\/app\.example\.com\/callback-0#fragment' includes a fragment/);
    expect(response.Reason).toMatch(/ … \(shortened to fit the response CloudFormation takes; the whole reason is in the provider's log\)$/);
    const failure = logged.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line))
      .find((entry) => entry.status === 'FAILED' && entry.reason.includes('callback-29#fragment'));
    expect(failure.reason.match(/\[OAC-082\]/g)).toHaveLength(30);
  });

  test('a registration endpoint that redirects: the Create fails at once and names where to, and nothing is sent there', async () => {
    const requests: string[] = [];
    const redirector = http.createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(307, { location: 'https://login.example.com/realms/main/clients-registrations/openid-connect' }).end();
    });
    await onLoopback(redirector, async (origin) => {
      const endpoint = `${origin}/reg`;
      const response = await send('Create', { ...propertiesFor({}), RegistrationEndpoint: endpoint });

      expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
      expect(response.Reason).toBe(`POST ${endpoint} failed: HTTP 307, a redirect to https://login.example.com/realms/main/clients-registrations/`
        + 'openid-connect. The provider follows no redirect, which could take the request and its credentials elsewhere: give the URL it redirects to');
      expect(requests).toEqual(['POST /reg']);
      expect(secretsManager.secrets.size).toBe(0);
    });
  });

  test('a server whose TLS certificate is not trusted (self-signed): the Create fails at once and says so', async () => {
    let connections = 0;
    const tls = https.createServer(selfSignedServer(), (_req, res) => res.end('{}'));
    tls.on('connection', () => connections++);
    await onLoopback(tls, async (issuer) => {
      const response = await send('Create', { ...propertiesFor({}), Issuer: issuer, RegistrationEndpoint: undefined });

      expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
      expect(response.Reason).toBe(`GET ${issuer}/.well-known/openid-configuration failed: the server's TLS certificate was refused `
        + '(DEPTH_ZERO_SELF_SIGNED_CERT). The provider trusts the public certificate authorities Node.js knows, and checks the host name: '
        + 'give the server a certificate from one of them that names its host, or give the certificate authority that issued it as caBundle');
      expect(connections).toBe(1);
    });
  });

  test('an issuer without metadata fails and names both locations it tried', async () => {
    const response = await send('Create', { ...propertiesFor({}), Issuer: `${server.issuer}/nowhere` });
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
    expect(response.Reason).toBe(`no authorization server metadata at ${server.issuer}/nowhere/.well-known/openid-configuration or `
      + `${server.issuer}/.well-known/oauth-authorization-server/nowhere; check the issuer URL`);
  });

  test('a server without RFC 7592 management: the Create fails, names the client to remove and stores nothing', async () => {
    const unmanaged = await OidcServer.start({ registrationManagement: false });
    try {
      const properties: Record<string, unknown> = { ...propertiesFor({}), Issuer: unmanaged.issuer, RegistrationEndpoint: undefined };
      const response = await send('Create', properties);
      expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
      const [, clientId] = /registered client (\S+) but/.exec(response.Reason) ?? [];
      expect(response.Reason).toBe(`${unmanaged.issuer} registered client ${clientId} but returned no registration_client_uri and `
        + 'registration_access_token: the server does not offer RFC 7592 client management, which the provider needs to update '
        + `and delete the client. Enable RFC 7592 at the server, remove client ${clientId} there, and deploy again.`);
      // The client it names does exist at the server.
      expect(await unmanaged.provider.Client.find(clientId)).toBeDefined();
      expect(secretsManager.secrets.size).toBe(0);
    } finally {
      await unmanaged.stop();
    }
  });

  test.each(['registration_client_uri', 'registration_access_token'])('a registration answered without %s alone: the Create fails naming it, and stores nothing', async (field) => {
    proxy.rewriteResponse = (json, method) => {
      if (method !== 'POST') return json;
      const { [field]: _dropped, ...answer } = json;
      return answer;
    };
    const response = await send('Create', propertiesFor({}));
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
    expect(response.Reason).toMatch(new RegExp(`^${server.issuer} registered client \\S+ but returned no ${field}: the server does not offer RFC 7592 `));
    expect(secretsManager.secrets.size).toBe(0);
  });

  test('a server that answers a registration with 200 instead of 201 (RFC 7591 §3.2.1): the client is taken', async () => {
    const properties = propertiesFor({});
    sensitive.add('secret-of-c200').add('rat-of-c200');
    const metadata = await staticServer((origin) => ({
      '/.well-known/openid-configuration': { issuer: origin, registration_endpoint: `${origin}/reg`, token_endpoint: `${origin}/token` },
      '/reg': {
        ...(properties.ClientMetadata as object),
        client_id: 'c200',
        client_secret: 'secret-of-c200',
        registration_client_uri: `${origin}/reg/c200`,
        registration_access_token: 'rat-of-c200',
      },
    }));
    try {
      const response = await send('Create', { ...properties, Issuer: metadata.origin, RegistrationEndpoint: undefined });
      expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'c200', Data: { ClientId: 'c200', Issuer: metadata.origin } });
      expect(metadata.seen).toEqual(['GET /.well-known/openid-configuration', 'POST /reg']);
      expect(stored(properties.SecretName as string)).toMatchObject({ client_id: 'c200', client_secret: 'secret-of-c200' });
    } finally {
      await metadata.stop();
    }
  });

  test('a registration_client_uri on plain http (a server behind a proxy it does not know of): nothing is sent there, nothing stored', async () => {
    proxy.rewriteResponse = (json, method) => (method === 'POST' && typeof json?.registration_client_uri === 'string'
      ? { ...json, registration_client_uri: json.registration_client_uri.replace(server.issuer, 'http://login.example.com') }
      : json);
    const requests = jest.spyOn(globalThis, 'fetch');
    try {
      const response = await send('Create', propertiesFor({}));

      expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
      const [, clientId] = /registered client (\S+) with/.exec(response.Reason) ?? [];
      expect(response.Reason).toBe(`${server.issuer} registered client ${clientId} with the registration_client_uri `
        + `'http://login.example.com/reg/${clientId}' is not an https URL: the client's credentials would cross the network unprotected, `
        + 'so the provider cannot send it the registration access token to update or delete the client. Configure the server to publish '
        + `its https URLs (plain http only for a server on 127.0.0.1 or localhost). Then remove client ${clientId} there, and deploy again.`);
      expect(requests.mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith('http://login.example.com'))).toEqual([]);
      expect(await server.provider.Client.find(clientId)).toBeDefined();
      expect(secretsManager.secrets.size).toBe(0);
    } finally {
      requests.mockRestore();
    }
  });

  test('a KMS key that cannot sign the asked algorithm fails before anything is registered', async () => {
    const keyArn = fakeKms.createKey('ECC_NIST_P256');
    const before = proxy.count('POST', '/reg');
    const response = await send('Create', propertiesFor({ method: TokenEndpointAuthMethod.PRIVATE_KEY_JWT, assertionAlg: SigningAlgorithm.RS256, signingKeyArn: keyArn }));
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
    expect(response.Reason).toBe('a KMS key of spec ECC_NIST_P256 cannot sign RS256; use ES256');
    expect(proxy.count('POST', '/reg')).toBe(before);
  });
});

describe('the client changed at the server', () => {
  test('an Update after the client was deleted at the server registers a new one; the Delete of the old one keeps it', async () => {
    const properties = propertiesFor({});
    const oldId = (await send('Create', properties)).PhysicalResourceId;
    const registration = stored(`${properties.SecretName}/registration`);
    const removed = await fetch(registration.registration_client_uri, { method: 'DELETE', headers: { authorization: `Bearer ${registration.registration_access_token}` } });
    expect(removed.status).toBe(204);

    const updatedProps = propertiesWithWriteScope();
    const updated = await send('Update', updatedProps, { PhysicalResourceId: oldId, OldResourceProperties: properties });
    expect(updated.Reason).toBeUndefined();
    expect(updated.PhysicalResourceId).not.toBe(oldId);

    // CloudFormation deletes the old physical resource: the new client's credentials stay, and work.
    expect(await send('Delete', properties, { PhysicalResourceId: oldId })).toMatchObject({ Status: 'SUCCESS' });
    expect(secretsManager.secrets.get(updatedProps.SecretName as string)!.deletedDate).toBeUndefined();
    const fresh = stored(updatedProps.SecretName as string);
    expect(fresh.client_id).toBe(updated.PhysicalResourceId);
    const tokens = await client.clientCredentialsGrant(await configuration(fresh.client_id, client.ClientSecretBasic(fresh.client_secret)), { scope: 'api:write' });
    expect(tokens.scope).toBe('api:write');
  });

  test.each([
    ['into something not JSON', () => 'rat_0123456789abcdef pasted by hand'],
    ['to lose its registration_client_uri', (clientId: string) => JSON.stringify({ client_id: clientId, registration_access_token: 'rat_0123456789abcdef' })],
  ])('a registration secret edited by hand %s is never quoted: the Update registers a new client', async (_, edit) => {
    const properties = propertiesFor({});
    const oldId = (await send('Create', properties)).PhysicalResourceId;
    secretsManager.secrets.get(`${properties.SecretName}/registration`)!.versions.push(edit(oldId));
    const before = logged.length;

    const updatedProps = propertiesWithWriteScope();
    const updated = await send('Update', updatedProps, { PhysicalResourceId: oldId, OldResourceProperties: properties });

    expect(updated.Status).toBe('SUCCESS');
    expect(updated.PhysicalResourceId).not.toBe(oldId);
    expect(stored(`${properties.SecretName}/registration`).client_id).toBe(updated.PhysicalResourceId);
    // CloudFormation then deletes the old resource: with no registration to use, it sends nothing to the server.
    const deleted = await send('Delete', properties, { PhysicalResourceId: oldId });
    expect(deleted).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: oldId });
    expect(stored(properties.SecretName as string).client_id).toBe(updated.PhysicalResourceId);
    for (const line of [...logged.slice(before), JSON.stringify(updated), JSON.stringify(deleted)]) expect(line).not.toContain('rat_0123456789');
  });

  test('an Update after the registration secret was deleted behind the stack\'s back restores it: the client keeps its ID', async () => {
    manageThroughProxy();
    const properties = propertiesFor({});
    const created = await send('Create', properties);
    const name = `${properties.SecretName}/registration`;
    const path = new URL(stored(name).registration_client_uri).pathname;
    secretsManager.secrets.get(name)!.deletedDate = new Date();
    const before = { posts: proxy.count('POST', '/reg'), puts: proxy.count('PUT', path), logged: logged.length };

    const changed = propertiesWithWriteScope();
    const updated = await send('Update', changed, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties });

    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId });
    expect(loggedSince(before.logged).map((entry) => entry.event)).toEqual(['request', 'registration-restored', 'response']);
    expect(secretsManager.secrets.get(name)!.deletedDate).toBeUndefined();
    expect(proxy.count('POST', '/reg')).toBe(before.posts);
    expect(proxy.count('PUT', path)).toBe(before.puts + 1);
  });

  /**
   * Creates a private_key_jwt client managed through the proxy, then updates it to a scope more. The server applies
   * that update with a shared secret instead of the key; `onFirstPut` decides what happens to the PUTs after it (the
   * put-back).
   */
  async function updateDowngraded(
    onFirstPut: () => void = () => undefined, context?: LambdaContext, old = (properties: Record<string, unknown>) => properties,
  ) {
    manageThroughProxy();
    const keyArn = fakeKms.createKey('RSA_2048');
    const properties = propertiesFor({ method: TokenEndpointAuthMethod.PRIVATE_KEY_JWT, signingKeyArn: keyArn });
    const clientId: string = (await send('Create', properties)).PhysicalResourceId;
    const updatedProps = propertiesFor({ method: TokenEndpointAuthMethod.PRIVATE_KEY_JWT, signingKeyArn: keyArn });
    (updatedProps.ClientMetadata as any).scope = 'api:read api:write';
    let puts = 0;
    proxy.rewrite = {
      method: 'PUT',
      body: (json) => {
        if (puts++ > 0) return json;
        onFirstPut();
        return { ...json, token_endpoint_auth_method: 'client_secret_basic', token_endpoint_auth_signing_alg: undefined, jwks: undefined };
      },
    };
    const updated = await send('Update', updatedProps, { PhysicalResourceId: clientId, OldResourceProperties: old(properties) }, context);
    return { keyArn, properties, updatedProps, clientId, updated, puts };
  }

  test('an update the server registers worse than asked fails, and the client is put back as it was', async () => {
    const { keyArn, properties, updatedProps, clientId, updated, puts } = await updateDowngraded();
    expect(updated.Status).toBe('FAILED');
    expect(updated.Reason).toMatch(new RegExp(`^\\[OAC-022\\] the authorization server registered client ${clientId} differently than asked`));
    expect(puts).toBe(2);

    // The registration is as before the update: the KMS key, the old scope; and the client still gets tokens with it.
    const registration = stored(`${properties.SecretName}/registration`);
    const metadata = await (await fetch(registration.registration_client_uri, { headers: { authorization: `Bearer ${registration.registration_access_token}` } })).json() as any;
    expect(metadata).toMatchObject({ token_endpoint_auth_method: 'private_key_jwt', scope: 'api:read' });
    expect(metadata.jwks.keys).toHaveLength(1);
    const signer = new KmsClientAssertionSigner({ keyId: keyArn, clientId, audience: server.issuer, algorithm: 'RS256' });
    const tokens = await client.clientCredentialsGrant(await configuration(clientId, kmsAssertionAuth(signer)), { scope: 'api:read' });
    expect(tokens.access_token).toEqual(expect.any(String));
    // The registration records the metadata put back: were the server to refuse updates now (405), the rollback's
    // Update to the old properties would find the client has them, and keep it
    proxy.refusals.push({ method: 'PUT', status: 405 });
    const from = logged.length;
    const rolledBack = await send('Update', properties, { PhysicalResourceId: clientId, OldResourceProperties: updatedProps });
    expect(rolledBack).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: clientId });
    expect(loggedSince(from)).toContainEqual(expect.objectContaining({ event: 'client-unchanged-at-server', physicalResourceId: clientId }));
  });

  test('when putting the client back fails too, the message says so', async () => {
    const { clientId, updated } = await updateDowngraded(() => proxy.refusals.push({ method: 'PUT', status: 400 }));
    expect(updated.Status).toBe('FAILED');
    expect(updated.Reason).toMatch(new RegExp(`^\\[OAC-022\\] .* Putting client ${clientId} back as it was failed too: HTTP 400 invalid_request: `
      + 'refused by the test proxy; check its registration at the server\\.$'));
  });

  test('an update registered worse, whose old properties this version cannot read, fails with the rule; nothing is put back', async () => {
    const another = (properties: Record<string, unknown>) => ({ ...properties, Description: { version: 'another' } });
    const { clientId, updated, puts } = await updateDowngraded(undefined, undefined, another);
    expect(updated.Status).toBe('FAILED');
    expect(updated.Reason).toMatch(new RegExp(`^\\[OAC-022\\] the authorization server registered client ${clientId} differently than asked`));
    expect(updated.Reason).not.toContain('Putting client');
    expect(puts).toBe(1);
  });

  test('when the server cannot be reached to put the client back, the message says so', async () => {
    // The Lambda has 17 s left: 15 s are kept back for the answer, so the retries of the dropped put-back stop after 2 s.
    const drops = () => Array.from({ length: 5 }, () => proxy.faults.push({ method: 'PUT', fault: 'drop' }));
    const { clientId, updated } = await updateDowngraded(drops, { getRemainingTimeInMillis: () => 17000 });
    expect(updated.Status).toBe('FAILED');
    expect(updated.Reason).toMatch(new RegExp(`^\\[OAC-022\\] .* Putting client ${clientId} back as it was failed too: PUT ${proxy.url}/reg/${clientId} failed: `
      + '.*stopped to answer CloudFormation before the provider Lambda times out; check its registration at the server\\.$'));
    proxy.faults.length = 0;
  });

  test('a DELETE the server refuses fails the Delete and keeps the credentials of the client that still exists', async () => {
    manageThroughProxy();
    const properties = propertiesFor({});
    const clientId = (await send('Create', properties)).PhysicalResourceId;
    proxy.refusals.push({ method: 'DELETE', status: 400 });
    const response = await send('Delete', properties, { PhysicalResourceId: clientId });
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(new RegExp(`^DELETE ${proxy.url}/reg/${clientId} was refused: HTTP 400 invalid_request: refused by the test proxy$`));
    expect(secretsManager.secrets.get(properties.SecretName as string)!.deletedDate).toBeUndefined();
    expect(secretsManager.secrets.get(`${properties.SecretName}/registration`)!.deletedDate).toBeUndefined();
    // CloudFormation retries the Delete: now it goes through.
    expect(await send('Delete', properties, { PhysicalResourceId: clientId })).toMatchObject({ Status: 'SUCCESS' });
    expect(secretsManager.secrets.get(properties.SecretName as string)!.deletedDate).toBeDefined();
  });
});

describe('a server that issues a new registration access token with each update (RFC 7592 §2.2), as Keycloak does', () => {
  /** A client_secret_basic client managed through the proxy, and its registration secret's name. */
  async function createManaged() {
    manageThroughProxy();
    const properties = propertiesFor({});
    const clientId: string = (await send('Create', properties)).PhysicalResourceId;
    return { properties, clientId, name: `${properties.SecretName}/registration`, posts: proxy.count('POST', '/reg') };
  }

  test('each update saves the token the server issued; the one it replaced is refused from then on', async () => {
    const { properties, clientId, name, posts } = await createManaged();
    let previous = properties;
    let before = stored(name);
    for (const scope of ['api:read api:write', 'api:write']) {
      const changed = propertiesFor({});
      (changed.ClientMetadata as any).scope = scope;
      const updated = await send('Update', changed, { PhysicalResourceId: clientId, OldResourceProperties: previous });
      expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: clientId });
      const after = stored(name);
      expect(after.registration_access_token).not.toBe(before.registration_access_token);
      expect(after.unconfirmed_update).toBeUndefined();
      expect(await readRegistration(after)).toBe(200);
      expect(await readRegistration(before)).toBe(401);
      [previous, before] = [changed, after];
    }
    expect(proxy.count('POST', '/reg')).toBe(posts);
  });

  test('a server that does not (its answers carry no new token): the stored token is kept, and the next update uses it', async () => {
    server.rotatesRegistrationAccessToken = false;
    const { properties, clientId, name, posts } = await createManaged();
    const through = proxy.rewriteResponse!;
    proxy.rewriteResponse = (json, method) => {
      const { registration_access_token: _none, ...answer } = through(json, method);
      return method === 'PUT' ? answer : through(json, method);
    };
    const token = stored(name).registration_access_token;
    const changed = propertiesWithWriteScope();
    expect(await send('Update', changed, { PhysicalResourceId: clientId, OldResourceProperties: properties })).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: clientId });
    expect(await send('Update', properties, { PhysicalResourceId: clientId, OldResourceProperties: changed })).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: clientId });
    expect(stored(name)).toMatchObject({ client_id: clientId, registration_access_token: token });
    expect(stored(name).unconfirmed_update).toBeUndefined();
    expect(proxy.count('POST', '/reg')).toBe(posts);
  });

  test('an update whose answer is lost after the server replaced the token: no second client, and the failure says how to go on', async () => {
    const { properties, clientId, name, posts } = await createManaged();
    proxy.faults.push({ method: 'PUT', fault: 'drop-answer' });
    const changed = propertiesWithWriteScope();

    const updated = await send('Update', changed, { PhysicalResourceId: clientId, OldResourceProperties: properties });

    expect(updated.Status).toBe('FAILED');
    expect(updated.Reason).toBe(`${proxy.url}/reg/${clientId} refused the registration access token of client ${clientId} after a PUT of `
      + 'this deployment sent again after it got no answer: a server that issues a new token with each update (Keycloak does) may have '
      + 'issued one the provider never saved, so the client may still exist, and no second client is registered in its place. If it '
      + `exists, have the server issue it a new registration access token and store that as registration_access_token in secret ${name}; `
      + 'if it does not, remove the field unconfirmed_update from that secret. Then deploy again (or continue the rollback).');
    expect(proxy.count('POST', '/reg')).toBe(posts);
    // The server did carry out the update, and issued the token that was lost with its answer.
    expect(proxy.lostAnswers).toEqual([expect.objectContaining({ client_id: clientId, scope: 'api:read api:write', registration_access_token: expect.any(String) })]);
    sensitive.add(proxy.lostAnswers[0].registration_access_token);

    // CloudFormation rolls back: the mark the update left stops the rollback the same way.
    const rollback = await send('Update', properties, { PhysicalResourceId: clientId, OldResourceProperties: changed });
    expect(rollback.Status).toBe('FAILED');
    expect(rollback.Reason).toMatch(new RegExp(`of client ${clientId} after an update begun at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z whose answer was not saved: `));
    expect(proxy.count('POST', '/reg')).toBe(posts);

    // The operator does as the message says; the rollback, continued, updates the same client in place.
    const token = await server.issueRegistrationAccessToken(clientId);
    sensitive.add(token);
    secretsManager.secrets.get(name)!.versions.push(JSON.stringify({ ...stored(name), registration_access_token: token }));
    const continued = await send('Update', properties, { PhysicalResourceId: clientId, OldResourceProperties: changed });
    expect(continued).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: clientId });
    expect(stored(name).unconfirmed_update).toBeUndefined();
    const res = await fetch(stored(name).registration_client_uri, { headers: { authorization: `Bearer ${stored(name).registration_access_token}` } });
    expect(((await res.json()) as any).scope).toBe('api:read');
    expect(proxy.count('POST', '/reg')).toBe(posts);
  });

  test('the new token could not be saved: the rollback registers no second client; once the client is gone and the mark removed, a new one is', async () => {
    const { properties, clientId, name, posts } = await createManaged();
    const first = stored(name).registration_access_token;
    const unavailable = awsError('InternalServiceError', 'An error occurred on the server side.');
    secretsManager.putFailures.push({ name, when: (value) => JSON.parse(value).registration_access_token !== first, error: unavailable });
    const changed = propertiesWithWriteScope();

    const updated = await send('Update', changed, { PhysicalResourceId: clientId, OldResourceProperties: properties });
    expect(updated).toMatchObject({ Status: 'FAILED', Reason: 'InternalServiceError: An error occurred on the server side.' });
    const rollback = await send('Update', properties, { PhysicalResourceId: clientId, OldResourceProperties: changed });
    expect(rollback.Status).toBe('FAILED');
    expect(rollback.Reason).toContain(`refused the registration access token of client ${clientId} after an update begun at `);
    expect(proxy.count('POST', '/reg')).toBe(posts);

    // The operator deletes the client at the server, and removes the mark: the rollback registers a new client.
    const token = await server.issueRegistrationAccessToken(clientId);
    sensitive.add(token);
    expect((await fetch(stored(name).registration_client_uri, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status).toBe(204);
    const { unconfirmed_update: _removed, ...unmarked } = stored(name);
    secretsManager.secrets.get(name)!.versions.push(JSON.stringify(unmarked));
    const continued = await send('Update', properties, { PhysicalResourceId: clientId, OldResourceProperties: changed });
    expect(continued.Status).toBe('SUCCESS');
    expect(continued.PhysicalResourceId).not.toBe(clientId);
    expect(proxy.count('POST', '/reg')).toBe(posts + 1);
  });

  test('a Delete while the token may have been replaced succeeds, and logs that the client may remain at the server', async () => {
    const { properties, clientId, name } = await createManaged();
    proxy.faults.push({ method: 'PUT', fault: 'drop-answer' });
    expect((await send('Update', propertiesWithWriteScope(), { PhysicalResourceId: clientId, OldResourceProperties: properties })).Status).toBe('FAILED');
    sensitive.add(proxy.lostAnswers[0].registration_access_token);
    const before = logged.length;

    const deleted = await send('Delete', properties, { PhysicalResourceId: clientId });

    expect(deleted).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: clientId });
    expect(loggedSince(before)).toContainEqual(expect.objectContaining({ event: 'client-may-remain', physicalResourceId: clientId, status: '401' }));
    expect(secretsManager.secrets.get(name)!.deletedDate).toBeDefined();
  });

  test.each([
    ['an update unconfirmed, on a server that kept the token: the client is deleted (204)', async (properties: Record<string, unknown>, clientId: string, name: string) => {
      server.rotatesRegistrationAccessToken = false;
      // The answer of the update is not saved: the mark stays, with a token the server still takes.
      const unavailable = awsError('InternalServiceError', 'An error occurred on the server side.');
      secretsManager.putFailures.push({ name, when: (value) => JSON.parse(value).unconfirmed_update === undefined, error: unavailable });
      expect(await send('Update', propertiesWithWriteScope(), { PhysicalResourceId: clientId, OldResourceProperties: properties })).toMatchObject({ Status: 'FAILED' });
      expect(stored(name).unconfirmed_update).toEqual(expect.any(String));
    }],
    ['no update unconfirmed, and the client deleted at the server already (401)', async (_: Record<string, unknown>, _clientId: string, name: string) => {
      const registration = stored(name);
      expect((await fetch(registration.registration_client_uri, { method: 'DELETE', headers: { authorization: `Bearer ${registration.registration_access_token}` } })).status).toBe(204);
    }],
  ])('a Delete with %s logs nothing of a client that may remain', async (_, before) => {
    const { properties, clientId, name } = await createManaged();
    await before(properties, clientId, name);
    const registration = stored(name);
    const deletes = proxy.count('DELETE', new URL(registration.registration_client_uri).pathname);
    const from = logged.length;

    const deleted = await send('Delete', properties, { PhysicalResourceId: clientId });

    expect(deleted).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: clientId });
    expect(proxy.count('DELETE', new URL(registration.registration_client_uri).pathname)).toBe(deletes + 1);
    expect(await readRegistration(registration)).toBe(401);
    expect(loggedSince(from).map((entry) => entry.event)).toEqual(['request', 'response']);
    expect(secretsManager.secrets.get(name)!.deletedDate).toBeDefined();
  });
});

describe('faults', () => {
  test('the server answers 503 twice, then registers', async () => {
    proxy.faults.push({ method: 'POST', fault: '503' }, { method: 'POST', fault: '503' });
    const before = proxy.count('POST', '/reg');
    const response = await send('Create', propertiesFor({}));
    expect(response.Status).toBe('SUCCESS');
    expect(proxy.count('POST', '/reg') - before).toBe(3);
  });

  test('the server drops the connection, then registers', async () => {
    proxy.faults.push({ method: 'POST', fault: 'drop' });
    const response = await send('Create', propertiesFor({}));
    expect(response.Status).toBe('SUCCESS');
  });

  test('a registration whose answer is lost is sent again: the client the first attempt registered is logged for the operator to delete', async () => {
    proxy.faults.push({ method: 'POST', fault: 'drop-answer' });
    const before = logged.length;

    const properties = propertiesFor({});
    (properties.ClientMetadata as any).client_name = 'Orders API';
    const created = await send('Create', properties);

    expect(created.Status).toBe('SUCCESS');
    // RFC 7591 has no way to find the client of the lost answer: it exists, and nothing manages it.
    const [lost] = proxy.lostAnswers;
    sensitive.add(lost.client_secret).add(lost.registration_access_token);
    expect(lost.client_id).not.toBe(created.PhysicalResourceId);
    expect(await readRegistration(lost)).toBe(200);
    const entry = loggedSince(before).find((e) => e.event === 'client-may-be-duplicated');
    expect(entry).toMatchObject({ physicalResourceId: created.PhysicalResourceId });
    expect(entry.reason).toMatch(new RegExp(`^the registration was sent 2 times, .* look at ${server.issuer} for a client named Orders API registered just before \\S+ `
      + `other than ${created.PhysicalResourceId}, and delete it$`));
    await fetch(lost.registration_client_uri, { method: 'DELETE', headers: { authorization: `Bearer ${lost.registration_access_token}` } });
  });

  test('an answer cut off in the middle counts as lost: the registration is sent again, and the first client is logged', async () => {
    proxy.faults.push({ method: 'POST', fault: 'cut-answer' });
    const before = logged.length;

    const created = await send('Create', propertiesFor({}));

    expect(created.Status).toBe('SUCCESS');
    const [lost] = proxy.lostAnswers;
    sensitive.add(lost.client_secret).add(lost.registration_access_token);
    expect(lost.client_id).not.toBe(created.PhysicalResourceId);
    expect(loggedSince(before)).toContainEqual(expect.objectContaining({
      event: 'client-may-be-duplicated', physicalResourceId: created.PhysicalResourceId, reason: expect.stringMatching(/^the registration was sent 2 times/),
    }));
    await fetch(lost.registration_client_uri, { method: 'DELETE', headers: { authorization: `Bearer ${lost.registration_access_token}` } });
  });

  test('a retried Create does not register a second client', async () => {
    const properties = propertiesFor({});
    const before = proxy.count('POST', '/reg');
    const first = await send('Create', properties);
    const second = await send('Create', properties);
    expect(second).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: first.PhysicalResourceId });
    expect(proxy.count('POST', '/reg') - before).toBe(1);
  });

  test('a Create that finds the registration of a client at another server (one retained, then declared again) registers at its own', async () => {
    const properties = propertiesFor({});
    const retained = await send('Create', { ...properties, RemovalPolicy: 'retain' });
    const registration = stored(`${properties.SecretName}/registration`);
    expect(await send('Delete', { ...properties, RemovalPolicy: 'retain' }, { PhysicalResourceId: retained.PhysicalResourceId })).toMatchObject({ Status: 'SUCCESS' });
    // Retained: the client stays at the server, and both secrets stay.
    expect(await readRegistration(registration)).toBe(200);
    for (const name of [properties.SecretName as string, `${properties.SecretName}/registration`]) expect(secretsManager.secrets.get(name)!.deletedDate).toBeUndefined();
    const other = await OidcServer.start({});
    try {
      const created = await send('Create', { ...properties, Issuer: other.issuer, RegistrationEndpoint: undefined });
      expect(created).toMatchObject({ Status: 'SUCCESS', Data: { Issuer: other.issuer } });
      expect(created.PhysicalResourceId).not.toBe(retained.PhysicalResourceId);
      expect(await other.provider.Client.find(created.PhysicalResourceId)).toBeDefined();
      expect(stored(`${properties.SecretName}/registration`)).toMatchObject({ client_id: created.PhysicalResourceId, issuer: other.issuer });
    } finally {
      await other.stop();
    }
  });

  // IAM refusing a call (past the provider's retries while a new grant spreads) is not the secret's absence: taken for
  // it, a Create would register a second client, an Update would replace one that exists, and a Delete would report
  // success and leave the secrets behind.
  test('a read of the registration that IAM denies fails the Create with the denial; nothing is registered or stored', async () => {
    const properties = propertiesFor({});
    const secretName = properties.SecretName as string;
    secretsManager.denials.push({ action: 'GetSecretValue', name: `${secretName}/registration` });
    const before = proxy.count('POST', '/reg');

    const failed = await send('Create', properties);

    expect(failed).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
    expect(failed.Reason).toBe('AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/provider/fn is not authorized to perform: '
      + `secretsmanager:GetSecretValue on resource: ${secretName}/registration`);
    expect(proxy.count('POST', '/reg') - before).toBe(0);
    expect(secretsManager.secrets.size).toBe(0);
  });

  test('an Update of the tags alone whose DescribeSecret IAM denies fails with the denial, and asks nothing of the server', async () => {
    manageThroughProxy();
    const properties: Record<string, unknown> = { ...propertiesFor({}), Tags: [{ Key: 'team', Value: 'identity' }] };
    const secretName = properties.SecretName as string;
    const created = await send('Create', properties);
    const seen = proxy.seen.length;
    secretsManager.denials.push({ action: 'DescribeSecret', name: secretName });

    const failed = await send('Update', { ...properties, Tags: [{ Key: 'team', Value: 'platform' }] }, {
      PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties,
    });

    expect(failed).toMatchObject({ Status: 'FAILED', PhysicalResourceId: created.PhysicalResourceId });
    expect(failed.Reason).toContain(`secretsmanager:DescribeSecret on resource: ${secretName}`);
    expect(proxy.seen.slice(seen)).toEqual([]);
    expect(secretsManager.secrets.get(secretName)!.versions).toHaveLength(1);
    expect(stored(secretName).client_id).toBe(created.PhysicalResourceId);
  });

  test('an Update whose registration secret is gone, and whose DescribeSecret IAM denies, fails instead of registering a second client', async () => {
    const properties = propertiesFor({});
    const secretName = properties.SecretName as string;
    const created = await send('Create', properties);
    const before = proxy.count('POST', '/reg');
    secretsManager.secrets.get(`${secretName}/registration`)!.deletedDate = new Date();
    secretsManager.denials.push({ action: 'DescribeSecret', name: `${secretName}/registration` });

    const failed = await send('Update', propertiesWithWriteScope(), { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties });

    expect(failed).toMatchObject({ Status: 'FAILED', PhysicalResourceId: created.PhysicalResourceId });
    expect(failed.Reason).toContain(`secretsmanager:DescribeSecret on resource: ${secretName}/registration`);
    expect(proxy.count('POST', '/reg') - before).toBe(0);
  });

  test('a Delete whose DeleteSecret IAM denies fails and keeps the registration; the Delete retried finishes', async () => {
    const properties = propertiesFor({});
    const secretName = properties.SecretName as string;
    const created = await send('Create', properties);
    const registration = stored(`${secretName}/registration`);
    secretsManager.denials.push({ action: 'DeleteSecret', name: secretName });

    const failed = await send('Delete', properties, { PhysicalResourceId: created.PhysicalResourceId });

    expect(failed.Status).toBe('FAILED');
    expect(failed.Reason).toContain(`secretsmanager:DeleteSecret on resource: ${secretName}`);
    // The client is gone from the server; both secrets remain, the registration for the retry to find.
    expect(await readRegistration(registration)).toBe(401);
    expect(secretsManager.secrets.get(secretName)!.deletedDate).toBeUndefined();
    expect(secretsManager.secrets.get(`${secretName}/registration`)!.deletedDate).toBeUndefined();

    secretsManager.denials.length = 0; // the operator adds the grant
    const retried = await send('Delete', properties, { PhysicalResourceId: created.PhysicalResourceId });

    expect(retried.Status).toBe('SUCCESS');
    expect(secretsManager.secrets.get(secretName)!.deletedDate).toBeDefined();
    expect(secretsManager.secrets.get(`${secretName}/registration`)!.deletedDate).toBeDefined();
  });

  test('a Create retried after storing the secret failed, on a server that never returns it again: a new client replaces the first', async () => {
    manageThroughProxy();
    withholdSecret('PUT');
    const properties = propertiesFor({});
    const secretName = properties.SecretName as string;
    secretsManager.createFailures.set(secretName, awsError('EncryptionFailure', 'Secrets Manager can\'t encrypt the protected secret text using the provided KMS key.'));
    const failed = await send('Create', properties);
    expect(failed).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
    const first = stored(`${secretName}/registration`);
    expect(await readRegistration(first)).toBe(200);

    const retried = await send('Create', properties);

    expect(retried.Status).toBe('SUCCESS');
    expect(retried.PhysicalResourceId).not.toBe(first.client_id);
    expect(retried.Data.SecretArn).toBe(secretsManager.secrets.get(secretName)!.arn);
    const credentials = stored(secretName);
    expect(credentials.client_id).toBe(retried.PhysicalResourceId);
    const tokens = await client.clientCredentialsGrant(await configuration(credentials.client_id, client.ClientSecretBasic(credentials.client_secret)), { scope: 'api:read' });
    expect(tokens.access_token).toEqual(expect.any(String));
    // The first client, whose secret nobody has, is gone from the server.
    expect(await readRegistration(first)).toBe(401);
    expect(stored(`${secretName}/registration`).client_id).toBe(retried.PhysicalResourceId);
  });

  test('CloudFormation\'s response URL answers 503, then drops the connection: the SUCCESS is sent again until it is taken', async () => {
    responses.faults.push(503, 'drop');
    const attempts = responses.attempts.length;
    const response = await send('Create', propertiesFor({}));
    expect(response.Status).toBe('SUCCESS');
    expect(responses.attempts.slice(attempts).map((body) => JSON.parse(body).Status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
  });

  test('a response URL that does not answer is given up on after 2.5 s, so that every attempt fits in the time kept for answering', async () => {
    responses.faults.push('hang');
    const attempts = responses.attempts.length;
    const lines = logged.length;
    const started = Date.now();
    const response = await send('Delete', propertiesFor({}), { PhysicalResourceId: 'nothing-created' });
    expect(response.Status).toBe('SUCCESS');
    expect(responses.attempts.length - attempts).toBe(2);
    // 2.5 s, then 0.5 s before the next attempt. Not Node's own agent, which closes an idle socket only after 4 to 5 s:
    // four attempts of that would not fit in the 15 s the handler keeps for answering.
    expect(Date.now() - started).toBeLessThan(4000);
    expect(loggedSince(lines).filter((entry) => entry.event === 'response-retry'))
      .toEqual([expect.objectContaining({ status: 'SUCCESS', reason: 'CloudFormation response was not sent: no answer within 2500 ms' })]);
  });

  test('a response URL that refuses the SUCCESS (403): the invocation fails for Lambda to retry, never with a FAILED for a registered client', async () => {
    responses.faults.push(403);
    const properties = propertiesFor({});
    const attempts = responses.attempts.length;
    await expect(send('Create', properties)).rejects.toThrow('CloudFormation response was rejected with HTTP 403');
    expect(responses.attempts.slice(attempts).map((body) => JSON.parse(body).Status)).toEqual(['SUCCESS']);
    // Lambda invokes the handler again with the same request: the client it registered is answered, not a second one.
    const registered = stored(`${properties.SecretName}/registration`).client_id;
    const before = proxy.count('POST', '/reg');
    expect(await send('Create', properties)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: registered });
    expect(proxy.count('POST', '/reg')).toBe(before);
  });

  test.each([
    ['never answers', () => undefined],
    ['begins its answer and then stalls (the time limit is for the whole answer)', (_req: http.IncomingMessage, res: http.ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"issuer":');
    }],
  ])('a server that %s: CloudFormation gets a FAILED answer before the Lambda times out', async (_, listener) => {
    await onLoopback(http.createServer(listener), async (issuer) => {
      const started = Date.now();
      // The Lambda has 16.5 s left: 15 s are kept back for the answer, so the network gets 1.5 s.
      const response = await send('Create', { ...propertiesFor({}), Issuer: issuer }, {}, { getRemainingTimeInMillis: () => 16500 });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
      expect(response.Reason).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/\.well-known\/openid-configuration failed: no answer within \d+ ms; stopped to answer CloudFormation before the provider Lambda times out$/);
    });
  });

  test('a server that is down (the connection refused): the FAILED answer names the network error, and is given in time', async () => {
    let issuer = '';
    // A port that was just closed: nothing listens there.
    await onLoopback(http.createServer(), async (origin) => { issuer = origin; });
    const response = await send('Create', { ...propertiesFor({}), Issuer: issuer }, {}, { getRemainingTimeInMillis: () => 16500 });
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
    expect(response.Reason).toBe(`GET ${issuer}/.well-known/openid-configuration failed: ECONNREFUSED; stopped to answer CloudFormation `
      + 'before the provider Lambda times out');
  });

  test('a Delete reads only the secret\'s name and removal policy: properties of another version of the library do not block it', async () => {
    manageThroughProxy();
    const properties = propertiesFor({});
    const created = await send('Create', properties);
    const registration = stored(`${properties.SecretName}/registration`);
    const { Description: _d, ClientMetadata: _m, ...rest } = properties;

    const deleted = await send('Delete', { ...rest, Description: { version: 'another' } }, { PhysicalResourceId: created.PhysicalResourceId });

    expect(deleted).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId });
    expect(await readRegistration(registration)).toBe(401);
    expect(secretsManager.secrets.get(properties.SecretName as string)!.deletedDate).toBeDefined();
    expect(secretsManager.secrets.get(`${properties.SecretName}/registration`)!.deletedDate).toBeDefined();
  });

  test.each([
    ['a Description', { Description: { version: 'another' } }, 'property Description is not a client description'],
    ['no ClientMetadata', { ClientMetadata: undefined }, 'property ClientMetadata must be an object'],
    ['ClientMetadata as JSON text', { ClientMetadata: '{"scope":"api:read"}' }, 'property ClientMetadata must be an object'],
    ['a null ClientMetadata', { ClientMetadata: null }, 'property ClientMetadata must be an object'],
  ])('a Create with %s this version cannot read fails naming the property; nothing is registered or stored', async (_, change, reason) => {
    const before = proxy.count('POST', '/reg');
    const response = await send('Create', { ...propertiesFor({}), ...change });
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created', Reason: reason });
    expect(proxy.count('POST', '/reg')).toBe(before);
    expect(secretsManager.secrets.size).toBe(0);
  });

  test('a Create without AcknowledgedRules acknowledges nothing: the client is registered, or refused with the rule ID', async () => {
    const { AcknowledgedRules: _none, ...properties } = propertiesFor({});
    expect(await send('Create', properties)).toMatchObject({ Status: 'SUCCESS', Data: { ClientId: expect.any(String) } });
    const description = { ...(properties.Description as object), redirectUris: ['https://app.example.com/callback'] };
    const refused = await send('Create', { ...properties, SecretName: `${properties.SecretName}-2`, Description: description });
    expect(refused).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
    expect(refused.Reason).toMatch(/^\[OAC-081\] /);
  });

  test('an Update whose old properties this version cannot read still updates the client in place', async () => {
    manageThroughProxy();
    const properties = propertiesFor({});
    const created = await send('Create', properties);
    const changed = propertiesWithWriteScope();
    const registration = stored(`${properties.SecretName}/registration`);
    const puts = proxy.count('PUT', new URL(registration.registration_client_uri).pathname);

    const updated = await send('Update', changed, {
      PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: { ...properties, Description: { version: 'another' } },
    });

    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId });
    expect(proxy.count('PUT', new URL(registration.registration_client_uri).pathname)).toBe(puts + 1);
    const credentials = stored(properties.SecretName as string);
    const tokens = await client.clientCredentialsGrant(await configuration(credentials.client_id, client.ClientSecretBasic(credentials.client_secret)), { scope: 'api:write' });
    expect(tokens.scope).toBe('api:write');
  });

  test('Delete after the client is gone succeeds', async () => {
    const properties = propertiesFor({});
    const created = await send('Create', properties);
    await send('Delete', properties, { PhysicalResourceId: created.PhysicalResourceId });
    const again = await send('Delete', properties, { PhysicalResourceId: created.PhysicalResourceId });
    expect(again).toMatchObject({ Status: 'SUCCESS' });
    // And the Delete after a failed Create touches nothing.
    expect(await send('Delete', properties, { PhysicalResourceId: 'nothing-created' })).toMatchObject({ Status: 'SUCCESS' });
  });

  test('the server downgrades the auth method: the deployment fails with the rule ID, and the client is removed', async () => {
    const keyArn = fakeKms.createKey('RSA_2048');
    const properties = propertiesFor({ method: TokenEndpointAuthMethod.PRIVATE_KEY_JWT, signingKeyArn: keyArn });
    proxy.rewrite = {
      method: 'POST',
      body: (json) => ({ ...json, token_endpoint_auth_method: 'client_secret_basic', token_endpoint_auth_signing_alg: undefined, jwks: undefined }),
    };
    const response = await send('Create', properties);

    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(/^\[OAC-022\] the authorization server registered client \S+ differently than asked: the client authenticates with the shared secret method 'client_secret_basic'/);
    expect(response.PhysicalResourceId).toBe('nothing-created');
    // Nothing is left half-created: no credentials, and the registration is gone at the server.
    expect(secretsManager.current(properties.SecretName as string)).toBeUndefined();
    expect(secretsManager.secrets.get(`${properties.SecretName}/registration`)?.deletedDate).toBeDefined();
  });

  test('a server that registers a client_secret_basic client without a secret: the deployment fails with the fix, and the client is removed', async () => {
    manageThroughProxy();
    withholdSecret('POST');
    const properties = propertiesFor({});
    const response = await send('Create', properties);

    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
    expect(response.Reason).toMatch(/^http:\/\/127\.0\.0\.1:\d+ registered client \S+ for token_endpoint_auth_method client_secret_basic but returned no client_secret \(RFC 7591 §3\.2\.1\).* Configure the server to issue secrets/);
    expect(secretsManager.current(properties.SecretName as string)).toBeUndefined();
    const registration = stored(`${properties.SecretName}/registration`);
    expect(secretsManager.secrets.get(`${properties.SecretName}/registration`)!.deletedDate).toBeDefined();
    expect(await readRegistration(registration)).toBe(401);
  });

  test('a refused registration fails with the server\'s error code, never a secret', async () => {
    proxy.rewrite = { method: 'POST', body: (json) => ({ ...json, redirect_uris: ['not a uri'], grant_types: ['authorization_code'], response_types: ['code'] }) };
    const response = await send('Create', propertiesFor({}));
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(/^registration at http:\/\/127\.0\.0\.1:\d+\/reg was refused: HTTP 400 invalid_(redirect_uri|client_metadata)/);
    // Not an authentication failure: nothing points at an initial access token.
    expect(response.Reason).not.toContain('initial access token');
  });

  test('a registration refused with 403 points at the initial access token the server may need', async () => {
    proxy.refusals.push({ method: 'POST', status: 403 });
    const response = await send('Create', propertiesFor({}));
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
    expect(response.Reason).toBe(`registration at ${proxy.url}/reg was refused: HTTP 403 invalid_request: refused by the test proxy. The server may `
      + 'take registrations only with an initial access token (RFC 7591 §3): store one in a secret, and give it as initialAccessToken');
  });
});

test('no client secret, registration access token or client assertion appears in any log line or response', () => {
  for (const assertion of assertions) sensitive.add(assertion);
  // GIVEN the suite stored secrets and tokens and signed assertions...
  expect(sensitive.size).toBeGreaterThan(10);
  expect(logged.length).toBeGreaterThan(10);
  // THEN none of them was logged or returned to CloudFormation.
  for (const value of sensitive) {
    for (const line of logged) expect(line).not.toContain(value);
    for (const body of responses.bodies) expect(body).not.toContain(value);
  }
  // A response carries the client ID and ARNs only.
  for (const body of responses.bodies) {
    expect(Object.keys(JSON.parse(body).Data ?? {}).every((k) => ['ClientId', 'SecretArn', 'RegistrationSecretArn', 'Issuer'].includes(k))).toBe(true);
  }
});
