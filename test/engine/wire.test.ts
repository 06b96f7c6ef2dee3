import { NUMBER_TOKEN, TOKEN } from './fixtures';
import {
  ApplicationType, ClientDescription, ClientType, GrantType, KeyType, PkceMethod, SigningAlgorithm, TokenEndpointAuthMethod,
} from '../../src';
import { fromWire, jsonObject, toWire, wireBoolean, wireList } from '../../src/private/engine/wire';

// The wire form is what metadata and a custom resource's properties hold: a template's JSON, or what CloudFormation
// sends (every scalar a string). What is not of the expected shape is read as absent, never as another value.
describe('reading the wire form', () => {
  test('jsonObject: an object, not an array or null', () => {
    expect(jsonObject({ a: 1 })).toEqual({ a: 1 });
    expect(jsonObject([1])).toBeUndefined();
    expect(jsonObject(null)).toBeUndefined();
    expect(jsonObject('{}')).toBeUndefined();
  });

  test('wireList: a list of strings (others dropped), or one string token standing for a list; not a number token', () => {
    expect(wireList(['a', 1, null, 'b'])).toEqual(['a', 'b']);
    expect(wireList(TOKEN)).toEqual([TOKEN]);
    expect(wireList('a')).toBeUndefined();
    expect(wireList(NUMBER_TOKEN)).toBeUndefined();
  });

  test('wireBoolean: a boolean, or CloudFormation\'s \'true\' and \'false\'; nothing else', () => {
    expect([true, false, 'true', 'false', 'False', 'yes', 1, undefined].map(wireBoolean)).toEqual([true, false, true, false, undefined, undefined, undefined, undefined]);
  });

  test('fromWire: undefined for what is no description (not an object, no client type, no grant list)', () => {
    const grants = { clientType: ClientType.CONFIDENTIAL, grantTypes: ['client_credentials'] };
    expect(fromWire(grants)).toMatchObject({ clientType: ClientType.CONFIDENTIAL, grantTypes: [GrantType.custom('client_credentials')] });
    expect(fromWire(null)).toBeUndefined();
    expect(fromWire(JSON.stringify(grants))).toBeUndefined();
    expect(fromWire({ ...grants, clientType: 'secret' })).toBeUndefined();
    expect(fromWire({ ...grants, grantTypes: 'client_credentials' })).toBeUndefined();
  });

  test('fromWire reads back every field toWire writes, and a field not written as absent', () => {
    const full: ClientDescription = {
      clientType: ClientType.CONFIDENTIAL,
      applicationType: ApplicationType.WEB,
      grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN],
      responseTypes: ['code'],
      tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
      idTokenSigningAlgorithm: SigningAlgorithm.PS256,
      pkce: PkceMethod.S256,
      redirectUris: ['https://app.example.com/cb'],
      scopes: ['openid'],
      clientName: 'Web',
      generateSecret: false,
      clientSecretBytes: 48,
      jwks: [{ keyType: KeyType.EC, sizeBits: 256 }, { keyType: KeyType.RSA, sizeBits: 3072 }],
      jwksUri: 'https://app.example.com/jwks.json',
      refreshTokenRotation: true,
      senderConstrainedTokens: true,
      requirePushedAuthorizationRequests: true,
    };
    expect(fromWire(toWire(full))).toEqual(full);
    const least = fromWire({ clientType: ClientType.PUBLIC, grantTypes: ['authorization_code'] })!;
    expect(Object.entries(least).filter(([, v]) => v !== undefined).map(([k]) => k)).toEqual(['clientType', 'grantTypes']);
  });

  test('fromWire: a key of jwks without a known type or a numeric size is dropped; a size as CloudFormation sends it (a string) is read', () => {
    const jwks = [{ keyType: 'RSA', sizeBits: '2048' }, { keyType: 'DSA', sizeBits: 2048 }, { sizeBits: 256 }, { keyType: 'EC', sizeBits: 'large' }, { keyType: 'EC' }, null];
    expect(fromWire({ clientType: 'confidential', grantTypes: ['client_credentials'], jwks })!.jwks).toEqual([{ keyType: KeyType.RSA, sizeBits: 2048 }]);
    expect(fromWire({ clientType: 'confidential', grantTypes: ['client_credentials'], clientSecretBytes: 'many' })!.clientSecretBytes).toBeUndefined();
  });
});
