import {
  ApplicationType, ClientDescription, ClientType, GrantType, KeyType, PkceMethod, SigningAlgorithm, TokenEndpointAuthMethod,
} from '../../src';

/** A string value given as an unresolved CDK token, as the engine sees one. */
export const TOKEN = '${Token[TOKEN.123]}';
/** A list given as an unresolved CDK list token: one entry that may stand for any number of values, none included. */
export const LIST_TOKEN = '#{Token[TOKEN.456]}';
/** A number given as an unresolved CDK token (as CDK encodes one). */
export const NUMBER_TOKEN = -1.8881545897087626e+289;

/** The seed's four application types in their recommended configuration. */
export const WEB_APP: ClientDescription = {
  clientType: ClientType.CONFIDENTIAL,
  applicationType: ApplicationType.WEB,
  grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN],
  tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
  jwks: [{ keyType: KeyType.RSA, sizeBits: 2048 }],
  idTokenSigningAlgorithm: SigningAlgorithm.RS256,
  pkce: PkceMethod.S256,
  redirectUris: ['https://app.example.com/callback'],
  scopes: ['openid', 'email'],
};

export const MACHINE_TO_MACHINE: ClientDescription = {
  clientType: ClientType.CONFIDENTIAL,
  applicationType: ApplicationType.MACHINE_TO_MACHINE,
  grantTypes: [GrantType.CLIENT_CREDENTIALS],
  tokenEndpointAuthMethod: TokenEndpointAuthMethod.CLIENT_SECRET_BASIC,
  idTokenSigningAlgorithm: SigningAlgorithm.RS256,
  scopes: ['billing/read'],
};

export const NATIVE_APP: ClientDescription = {
  clientType: ClientType.PUBLIC,
  applicationType: ApplicationType.NATIVE,
  grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN],
  tokenEndpointAuthMethod: TokenEndpointAuthMethod.NONE,
  idTokenSigningAlgorithm: SigningAlgorithm.RS256,
  pkce: PkceMethod.S256,
  refreshTokenRotation: true,
  redirectUris: ['com.example.app:/oauth2redirect', 'http://127.0.0.1/callback'],
  scopes: ['openid'],
};

export const SINGLE_PAGE_APP: ClientDescription = {
  clientType: ClientType.PUBLIC,
  applicationType: ApplicationType.SINGLE_PAGE,
  grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN],
  tokenEndpointAuthMethod: TokenEndpointAuthMethod.NONE,
  idTokenSigningAlgorithm: SigningAlgorithm.RS256,
  pkce: PkceMethod.S256,
  refreshTokenRotation: true,
  redirectUris: ['https://spa.example.com/callback'],
  scopes: ['openid'],
};

/** A FAPI 2.0 compliant confidential client. */
export const FAPI_CLIENT: ClientDescription = {
  ...WEB_APP,
  idTokenSigningAlgorithm: SigningAlgorithm.PS256,
  requirePushedAuthorizationRequests: true,
  senderConstrainedTokens: true,
};

export const SEED_CLIENTS: Record<string, ClientDescription> = {
  'web app with a backend': WEB_APP,
  'machine-to-machine': MACHINE_TO_MACHINE,
  'native app': NATIVE_APP,
  'single-page app': SINGLE_PAGE_APP,
};
