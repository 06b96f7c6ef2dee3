import { ClientType, GrantType, SigningAlgorithm, TokenEndpointAuthMethod, ValidationProfile } from '../../src';
import { registeredDescription } from '../../src/private/dynamic-registration/registered-client';
import { worseThanAsked } from '../../src/private/handler/deploy-time-check';

const ASKED = {
  clientType: ClientType.CONFIDENTIAL,
  grantTypes: [GrantType.CLIENT_CREDENTIALS],
  tokenEndpointAuthMethod: TokenEndpointAuthMethod.CLIENT_SECRET_BASIC,
  idTokenSigningAlgorithm: SigningAlgorithm.HS256,
  redirectUris: [],
};

describe('deploy-time check of what the server registered', () => {
  test('an HS256 client given a secret shorter than 32 bytes fails with OAC-042, naming the length only', () => {
    const worse = worseThanAsked(ASKED, { client_secret: 'short-secret-16b' }, ValidationProfile.DEFAULT);
    expect(worse.map((f) => f.ruleId)).toEqual(['OAC-042']);
    expect(worse[0].detail).toContain('needs a client secret of at least 32 bytes, but the secret has 16');
    expect(worse[0].detail).not.toContain('short-secret-16b');
  });

  test('a secret of 32 bytes is fine', () => {
    expect(worseThanAsked(ASKED, { client_secret: 'x'.repeat(32) }, ValidationProfile.DEFAULT)).toEqual([]);
  });

  test('an added grant that breaks a rule is worse (a public client given client_credentials)', () => {
    const publicAsked = { ...ASKED, clientType: ClientType.PUBLIC, grantTypes: [GrantType.custom('urn:ietf:params:oauth:grant-type:device_code')], tokenEndpointAuthMethod: TokenEndpointAuthMethod.NONE, idTokenSigningAlgorithm: SigningAlgorithm.RS256 };
    const worse = worseThanAsked(publicAsked, { grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'client_credentials'] }, ValidationProfile.DEFAULT);
    expect(worse.map((f) => f.ruleId)).toEqual(['OAC-001']);
  });

  test('fields the server did not return are taken as asked', () => {
    expect(registeredDescription(ASKED, {})).toMatchObject({ grantTypes: ASKED.grantTypes, tokenEndpointAuthMethod: ASKED.tokenEndpointAuthMethod });
    expect(worseThanAsked(ASKED, {}, ValidationProfile.DEFAULT)).toEqual([]);
  });

  test.each([
    ['a text', 'client_credentials authorization_code'],
    ['null', null],
    ['a list with a number', ['client_credentials', 7]],
  ])('a list field the server answered with %s (not a list of strings) is taken as asked', (_, answered) => {
    const registered = { grant_types: answered, response_types: answered, redirect_uris: answered } as any;
    expect(registeredDescription({ ...ASKED, responseTypes: ['code'], redirectUris: ['https://app.example.com/cb'] }, registered)).toMatchObject({
      grantTypes: ASKED.grantTypes, responseTypes: ['code'], redirectUris: ['https://app.example.com/cb'],
    });
  });

  test('an auth method or ID token algorithm the server answered with a number is taken as asked', () => {
    expect(registeredDescription(ASKED, { token_endpoint_auth_method: 7, id_token_signed_response_alg: 7 } as any)).toMatchObject({
      tokenEndpointAuthMethod: ASKED.tokenEndpointAuthMethod, idTokenSigningAlgorithm: ASKED.idTokenSigningAlgorithm,
    });
  });

  test('an ID token algorithm the server registered instead of the one asked is judged: HS256 for a private_key_jwt client is OAC-043', () => {
    const keyed = {
      ...ASKED,
      grantTypes: [GrantType.AUTHORIZATION_CODE],
      tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
      idTokenSigningAlgorithm: SigningAlgorithm.RS256,
      redirectUris: ['https://app.example.com/cb'],
      jwksUri: 'https://app.example.com/jwks',
    };
    expect(worseThanAsked(keyed, { id_token_signed_response_alg: 'HS256' }, ValidationProfile.DEFAULT).map((f) => f.ruleId)).toEqual(['OAC-043']);
  });

  test('under FAPI 2.0, a downgrade from private_key_jwt is FAPI-002', () => {
    const fapi = { ...ASKED, tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT, idTokenSigningAlgorithm: SigningAlgorithm.PS256, jwks: [], jwksUri: 'https://x.example.com/jwks', senderConstrainedTokens: true };
    const worse = worseThanAsked(fapi, { token_endpoint_auth_method: 'client_secret_post', client_secret: 'y'.repeat(48) }, ValidationProfile.FAPI_2_0).map((f) => f.ruleId);
    expect(worse).toEqual(expect.arrayContaining(['FAPI-002', 'OAC-022']));
  });
});
