import * as http from 'http';
import { AddressInfo } from 'net';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as jose from 'jose';
import * as client from 'openid-client';
import {
  ApplicationType, AuthorizationServer, ConfidentialClient, GrantType, SigningAlgorithm, TokenEndpointAuthMethod,
} from '../../src';
import { CfnRequest } from '../../src/private/handler/cfn-event';
import { handler, LambdaContext } from '../../src/private/handler/provider.lambda';
import { KmsClientAssertionSigner } from '../../src/runtime/kms-client-assertion-signer';
import { CfnResponseServer } from '../support/cfn-response-server';
import { FakeKms } from '../support/fake-kms';
import { FakeSecretsManager } from '../support/fake-secrets-manager';
import { FaultProxy, OidcServer } from '../support/oidc-server';

jest.setTimeout(30000);

const SECRET_KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/secrets-key';

let server: OidcServer;
let proxy: FaultProxy;
let responses: CfnResponseServer;
let secretsManager: FakeSecretsManager;
let fakeKms: FakeKms;
const logged: string[] = [];
const assertions: string[] = [];
const sensitive = new Set<string>();

beforeAll(async () => {
  server = await OidcServer.start();
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
  proxy.faults.length = 0;
  proxy.refusals.length = 0;
  proxy.rewrite = undefined;
  proxy.rewriteResponse = undefined;
});

afterEach(() => {
  // Every secret value and token the handler stored, for the leak check at the end.
  for (const value of secretsManager.allValues()) {
    const json = JSON.parse(value);
    for (const field of ['client_secret', 'registration_access_token']) if (json[field]) sensitive.add(json[field]);
  }
  secretsManager.restore();
  fakeKms.restore();
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
 * The properties the construct gives the custom resource: a real ConfidentialClient on dynamic registration is
 * synthesized, and the deploy-time values CloudFormation would resolve are filled in.
 */
function propertiesFor(props: ClientProps): Record<string, unknown> {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const signingKey = props.signingKeyArn ? kms.Key.fromKeyArn(stack, 'Key', props.signingKeyArn) : undefined;
  new ConfidentialClient(stack, 'Api', {
    authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: server.issuer, registrationEndpoint: `${proxy.url}/reg` }),
    applicationType: props.applicationType ?? ApplicationType.MACHINE_TO_MACHINE,
    grantTypes: props.grantTypes,
    redirectUris: props.redirectUris,
    scopes: ['api:read'],
    tokenEndpointAuthMethod: props.method,
    tokenEndpointAuthSigningAlgorithm: props.assertionAlg,
    signingKey,
  });
  const [resource] = Object.values(Template.fromStack(stack).findResources('Custom::OAuthClientRegistration'));
  return { ...resource.Properties, ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:provider', KmsKeyArn: SECRET_KEY_ARN };
}

async function send(
  requestType: CfnRequest['RequestType'], properties: Record<string, unknown>, extra: Partial<CfnRequest> = {}, context?: LambdaContext,
): Promise<any> {
  await handler({
    RequestType: requestType,
    ResponseURL: responses.url,
    StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Stack/guid',
    RequestId: `req-${Math.random()}`,
    ResourceType: 'Custom::OAuthClientRegistration',
    LogicalResourceId: 'ApiRegistration',
    ResourceProperties: properties,
    ...extra,
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

describe('client_secret_basic machine-to-machine client', () => {
  test('is registered, its secret is stored, and openid-client gets an access token with it', async () => {
    const properties = propertiesFor({});
    const response = await send('Create', properties);

    expect(response.Status).toBe('SUCCESS');
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

describe.each([
  ['RSA', 'RSA_2048', SigningAlgorithm.RS256],
  ['RSA-PSS', 'RSA_2048', SigningAlgorithm.PS256],
  ['ECC P-256', 'ECC_NIST_P256', SigningAlgorithm.ES256],
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

describe('update and delete (RFC 7592)', () => {
  test('PUT changes grants and redirect URIs in place; DELETE removes the client and the token endpoint rejects it', async () => {
    const created = await send('Create', propertiesFor({}));
    const clientId = created.PhysicalResourceId;
    const webProps = propertiesFor({
      applicationType: ApplicationType.WEB,
      grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN],
      redirectUris: ['https://app.example.com/callback'],
    });
    const updated = await send('Update', webProps, { PhysicalResourceId: clientId, OldResourceProperties: propertiesFor({}) });
    expect(updated.Reason).toBeUndefined();
    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: clientId });

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
  test('an Update of the metadata and the tags, on a server that keeps the secret (no client_secret in the answer), retags the stored secret', async () => {
    manageThroughProxy();
    const properties: Record<string, unknown> = { ...propertiesFor({}), Tags: [{ Key: 'team', Value: 'identity' }] };
    const secretName = properties.SecretName as string;
    const created = await send('Create', properties);
    const secret = stored(secretName).client_secret;
    const through = proxy.rewriteResponse!;
    proxy.rewriteResponse = (json) => {
      const { client_secret: _kept, ...rest } = through(json);
      return rest;
    };

    const changed: Record<string, unknown> = { ...propertiesFor({}), Tags: [{ Key: 'team', Value: 'platform' }] };
    (changed.ClientMetadata as any).scope = 'api:read api:write';
    const updated = await send('Update', changed, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: properties });

    expect(updated).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: created.PhysicalResourceId, Data: { SecretArn: created.Data.SecretArn } });
    expect(proxy.count('PUT', new URL(stored(`${secretName}/registration`).registration_client_uri).pathname)).toBe(1);
    expect(secretsManager.tagsOf(secretName)).toEqual({ 'managed-by': 'cdk-oauth-clients', 'team': 'platform' });
    expect(secretsManager.tagsOf(`${secretName}/registration`)).toEqual({ 'managed-by': 'cdk-oauth-clients', 'team': 'platform' });
    expect(stored(secretName).client_secret).toBe(secret);
  });
});

describe('updates the server cannot make', () => {

  test('a server that cannot update in place (405): a new client replaces the old one, which CloudFormation then deletes', async () => {
    manageThroughProxy();
    const properties = propertiesFor({});
    const created = await send('Create', properties);
    const oldId = created.PhysicalResourceId;
    const oldSecret = stored(properties.SecretName as string).client_secret;

    proxy.refusals.push({ method: 'PUT', status: 405 });
    const updatedProps = propertiesFor({ applicationType: ApplicationType.MACHINE_TO_MACHINE });
    (updatedProps.ClientMetadata as any).scope = 'api:read api:write';
    const updated = await send('Update', updatedProps, { PhysicalResourceId: oldId, OldResourceProperties: properties });
    expect(updated.Status).toBe('SUCCESS');
    expect(updated.PhysicalResourceId).not.toBe(oldId);

    // CloudFormation deletes the replaced resource: the old client is deregistered, the new one works.
    expect(await send('Delete', properties, { PhysicalResourceId: oldId })).toMatchObject({ Status: 'SUCCESS' });
    const oldRejected = await client.clientCredentialsGrant(await configuration(oldId, client.ClientSecretBasic(oldSecret)), { scope: 'api:read' })
      .then(() => undefined, (e) => e);
    expect(oldRejected?.cause?.[0]?.parameters?.error).toBe('invalid_client');
    const fresh = stored(updatedProps.SecretName as string);
    expect(fresh.client_id).toBe(updated.PhysicalResourceId);
    const tokens = await client.clientCredentialsGrant(await configuration(fresh.client_id, client.ClientSecretBasic(fresh.client_secret)), { scope: 'api:write' });
    expect(tokens.scope).toBe('api:write');
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

  test('a retried Create does not register a second client', async () => {
    const properties = propertiesFor({});
    const before = proxy.count('POST', '/reg');
    const first = await send('Create', properties);
    const second = await send('Create', properties);
    expect(second).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: first.PhysicalResourceId });
    expect(proxy.count('POST', '/reg') - before).toBe(1);
  });

  test('a server that never answers: CloudFormation gets a FAILED answer before the Lambda times out', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const properties = { ...propertiesFor({}), Issuer: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` };
      const started = Date.now();
      // The Lambda has 16.5 s left: 15 s are kept back for the answer, so the network gets 1.5 s.
      const response = await send('Create', properties, {}, { getRemainingTimeInMillis: () => 16500 });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
      expect(response.Reason).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/\.well-known\/openid-configuration failed: no answer within \d+ ms; stopped to answer CloudFormation before the provider Lambda times out$/);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
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

  test('a refused registration fails with the server\'s error code, never a secret', async () => {
    proxy.rewrite = { method: 'POST', body: (json) => ({ ...json, redirect_uris: ['not a uri'], grant_types: ['authorization_code'], response_types: ['code'] }) };
    const response = await send('Create', propertiesFor({}));
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(/^registration at http:\/\/127\.0\.0\.1:\d+\/reg was refused: HTTP 400 invalid_(redirect_uri|client_metadata)/);
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
