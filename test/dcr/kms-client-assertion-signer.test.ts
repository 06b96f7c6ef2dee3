import { createPublicKey, generateKeyPairSync, sign, verify } from 'crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { calculateJwkThumbprint, decodeProtectedHeader, exportJWK, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { ClientAssertionType, derToJose, KmsClientAssertionSigner } from '../../src/runtime/kms-client-assertion-signer';
import { FakeKms } from '../support/fake-kms';
import { OidcServer } from '../support/oidc-server';

describe('derToJose: KMS ECDSA signatures (DER) as JWS R‖S', () => {
  test.each([['P-256', 32], ['P-384', 48], ['P-521', 66]] as const)('%s: verifies as an IEEE P1363 signature of %d-byte integers', (curve, size) => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
    for (let i = 0; i < 20; i++) {
      const message = Buffer.from(`message ${i}`);
      const der = sign(null, message, { key: privateKey, dsaEncoding: 'der' });
      const raw = derToJose(der, size);
      expect(raw).toHaveLength(2 * size);
      expect(verify(null, message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
    }
  });

  test('a signature that is not DER is refused', () => {
    expect(() => derToJose(Buffer.alloc(64, 1), 32)).toThrow('not a DER ECDSA signature');
  });
});

describe('KmsClientAssertionSigner', () => {
  let kms: FakeKms;
  beforeEach(() => { kms = new FakeKms(); });
  afterEach(() => kms.restore());

  const signer = (keyId: string, algorithm?: string) =>
    new KmsClientAssertionSigner({ keyId, clientId: 'client-1', audience: 'https://login.example.com', algorithm, kms: new KMSClient({ region: 'eu-west-1' }) });

  test('an assertion verifies with the key and carries the RFC 7523 claims and the thumbprint kid', async () => {
    const keyArn = kms.createKey('ECC_NIST_P384');
    const jwt = await signer(keyArn, 'ES384').sign();
    const publicKey = createPublicKey(kms.keys.get(keyArn)!.privateKey);
    const { payload, protectedHeader } = await jwtVerify(jwt, publicKey, { algorithms: ['ES384'] });
    expect(protectedHeader).toEqual({ alg: 'ES384', typ: 'JWT', kid: await calculateJwkThumbprint(await exportJWK(publicKey)) });
    expect(payload).toMatchObject({ iss: 'client-1', sub: 'client-1', aud: 'https://login.example.com', jti: expect.any(String) });
    expect(payload.exp! - payload.iat!).toBe(60);
  });

  test('a throttled read of the public key is not remembered: the next assertion asks KMS again', async () => {
    const keyArn = kms.createKey('RSA_2048');
    const s = signer(keyArn, 'PS256');
    kms.throttle = 1;
    await expect(s.sign()).rejects.toThrow('Rate exceeded');
    const jwt = await s.sign();
    expect(decodeProtectedHeader(jwt).kid).toEqual(expect.any(String));
    // The key is read once after that.
    await s.sign();
    expect(kms.mock.commandCalls(GetPublicKeyCommand)).toHaveLength(2);
  });

  test.each([
    ['ES256', 'RSA_2048', 'RS256, RS384, RS512, PS256, PS384, PS512'],
    ['ES256', 'ECC_NIST_P384', 'ES384'],
    ['RS256', 'ECC_NIST_P256', 'ES256'],
  ] as const)('%s with a %s key is refused before KMS is asked to sign, naming what the key signs', async (algorithm, spec, usable) => {
    const keyArn = kms.createKey(spec);
    await expect(signer(keyArn, algorithm).sign()).rejects.toThrow(
      `KMS key ${keyArn} (${spec}) cannot sign ${algorithm} client assertions: it signs ${usable}. Give the algorithm the client was registered with.`);
    expect(kms.mock.commandCalls(SignCommand)).toHaveLength(0);
  });

  test('an algorithm KMS cannot sign is refused when the signer is made', () => {
    expect(() => signer('arn:aws:kms:eu-west-1:123456789012:key/k', 'HS256'))
      .toThrow('unsupported client assertion algorithm HS256: KMS signs RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512');
  });

  test('an assertion typed as RFC 7523bis defines carries that typ; any other type is refused when the signer is made', async () => {
    const keyArn = kms.createKey('RSA_2048');
    const make = (type: string) => new KmsClientAssertionSigner({
      keyId: keyArn, clientId: 'client-1', audience: 'https://login.example.com', type: type as ClientAssertionType, kms: new KMSClient({ region: 'eu-west-1' }),
    });
    expect(decodeProtectedHeader(await make('client-authentication+jwt').sign()).typ).toBe('client-authentication+jwt');
    expect(() => make('at+jwt')).toThrow('unsupported client assertion type at+jwt: use JWT or client-authentication+jwt');
  });

  test('an assertion is valid for lifetimeSeconds; a lifetime that is not a whole number of seconds, 1 or more, is refused when the signer is made', async () => {
    const keyArn = kms.createKey('ECC_NIST_P256');
    const make = (lifetimeSeconds: number) => new KmsClientAssertionSigner({
      keyId: keyArn, clientId: 'client-1', audience: 'https://login.example.com', algorithm: 'ES256', lifetimeSeconds, kms: new KMSClient({ region: 'eu-west-1' }),
    });
    const { payload } = await jwtVerify(await make(300).sign(), createPublicKey(kms.keys.get(keyArn)!.privateKey), { algorithms: ['ES256'] });
    expect(payload.exp! - payload.iat!).toBe(300);
    for (const lifetime of [0, -60, 1.5, Number.NaN]) {
      expect(() => make(lifetime)).toThrow(`client assertion lifetimeSeconds is ${lifetime}: give a whole number of seconds, 1 or more (for example 60)`);
    }
  });

  test.each([
    ['keyId', 'KMS key (ID, ARN or alias) the client was registered with'],
    ['clientId', 'client ID, which the assertion carries as iss and sub'],
    ['audience', "server's issuer identifier (or token endpoint URL), which the assertion carries as aud"],
  ] as const)('an empty or missing %s (read from an unset environment variable, say) is refused when the signer is made', (name, what) => {
    const options = { keyId: 'alias/client', clientId: 'client-1', audience: 'https://login.example.com', kms: new KMSClient({ region: 'eu-west-1' }) };
    expect(() => new KmsClientAssertionSigner({ ...options, [name]: '' })).toThrow(`client assertion ${name} is "": give the ${what}`);
    expect(() => new KmsClientAssertionSigner({ ...options, [name]: undefined as unknown as string })).toThrow(`client assertion ${name} is undefined: give the ${what}`);
  });
});

describe('KmsClientAssertionSigner at a server that enforces RFC 7523bis (node-oidc-provider on 127.0.0.1)', () => {
  let server: OidcServer;
  let kms: FakeKms;
  beforeAll(async () => {
    // node-oidc-provider's notices for development setups (its in-memory adapter, default token lifetimes).
    for (const method of ['warn', 'info'] as const) jest.spyOn(console, method).mockImplementation(() => undefined);
    server = await OidcServer.start({ strictClientAssertions: true });
  });
  afterAll(async () => {
    await server.stop();
    jest.restoreAllMocks();
  });
  beforeEach(() => { kms = new FakeKms(); });
  afterEach(() => kms.restore());

  /** Registers a private_key_jwt client with the KMS key's public half (RFC 7591), as the provider would. */
  async function register(keyArn: string): Promise<string> {
    const jwk = await exportJWK(createPublicKey(kms.keys.get(keyArn)!.privateKey));
    const res = await fetch(`${server.issuer}/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        scope: 'api:read',
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'PS256',
        jwks: { keys: [{ ...jwk, alg: 'PS256', use: 'sig', kid: await calculateJwkThumbprint(jwk) }] },
      }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { client_id: string }).client_id;
  }

  /** A client credentials grant with the signer's assertion, by openid-client. */
  async function clientCredentials(clientId: string, signer: KmsClientAssertionSigner): Promise<client.TokenEndpointResponse> {
    const config = await client.discovery(new URL(server.issuer), clientId, {}, async (_as, c, body) => {
      body.set('client_id', c.client_id);
      body.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      body.set('client_assertion', await signer.sign());
    }, { execute: [client.allowInsecureRequests] });
    return client.clientCredentialsGrant(config, { scope: 'api:read' });
  }

  test('an assertion typed client-authentication+jwt gets a token; one typed JWT (the default) is refused', async () => {
    const keyArn = kms.createKey('RSA_2048');
    const clientId = await register(keyArn);
    const signer = (type?: ClientAssertionType) => new KmsClientAssertionSigner({
      keyId: keyArn, clientId, audience: server.issuer, algorithm: 'PS256', type, kms: new KMSClient({ region: 'eu-west-1' }),
    });

    const tokens = await clientCredentials(clientId, signer('client-authentication+jwt'));
    expect(tokens).toMatchObject({ access_token: expect.any(String), token_type: 'bearer' });
    await expect(clientCredentials(clientId, signer())).rejects.toMatchObject({ error: 'invalid_client' });
  });
});
