import { FAPI_CLIENT, MACHINE_TO_MACHINE, NATIVE_APP, SINGLE_PAGE_APP, TOKEN, WEB_APP } from './fixtures';
import {
  ApplicationType, AuthorizationServerKind, ClientDescription, ClientType, ClientValidator, GrantType, KeyType, PkceMethod,
  Severity, SigningAlgorithm, TokenEndpointAuthMethod, ValidationOptions, ValidationProfile,
} from '../../src';

const COGNITO: ValidationOptions = { authorizationServer: AuthorizationServerKind.COGNITO };
const AUTH0: ValidationOptions = { authorizationServer: AuthorizationServerKind.AUTH0 };
const DCR: ValidationOptions = { authorizationServer: AuthorizationServerKind.DYNAMIC_REGISTRATION };
const FAPI: ValidationOptions = { profile: ValidationProfile.FAPI_2_0 };

/** A Cognito-shaped web client (client_secret_basic; Cognito has no private_key_jwt). */
const COGNITO_WEB: ClientDescription = { ...WEB_APP, tokenEndpointAuthMethod: TokenEndpointAuthMethod.CLIENT_SECRET_BASIC, jwks: undefined };

interface RuleCase {
  readonly id: string;
  readonly severity: Severity;
  readonly options?: ValidationOptions;
  /** Non-compliant: must yield the rule. */
  readonly bad: ClientDescription;
  /** Near miss: the smallest change that makes it compliant; must not yield the rule. */
  readonly good: ClientDescription;
}

const CASES: RuleCase[] = [
  // Grants
  { id: 'OAC-001', severity: Severity.ERROR, bad: { ...NATIVE_APP, grantTypes: [GrantType.CLIENT_CREDENTIALS] }, good: { ...MACHINE_TO_MACHINE } },
  { id: 'OAC-002', severity: Severity.ERROR, bad: { ...WEB_APP, grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.PASSWORD] }, good: WEB_APP },
  { id: 'OAC-004', severity: Severity.WARNING, bad: { ...SINGLE_PAGE_APP, grantTypes: [GrantType.IMPLICIT] }, good: { ...SINGLE_PAGE_APP, grantTypes: [GrantType.IMPLICIT], responseTypes: ['id_token'] } },
  { id: 'OAC-005', severity: Severity.ERROR, bad: { ...NATIVE_APP, grantTypes: [...NATIVE_APP.grantTypes, GrantType.CIBA] }, good: { ...WEB_APP, grantTypes: [...WEB_APP.grantTypes, GrantType.CIBA] } },
  { id: 'OAC-007', severity: Severity.WARNING, bad: { ...NATIVE_APP, grantTypes: [...NATIVE_APP.grantTypes, GrantType.TOKEN_EXCHANGE] }, good: { ...WEB_APP, grantTypes: [...WEB_APP.grantTypes, GrantType.TOKEN_EXCHANGE] } },
  { id: 'OAC-008', severity: Severity.WARNING, bad: { ...MACHINE_TO_MACHINE, grantTypes: [GrantType.CLIENT_CREDENTIALS, GrantType.REFRESH_TOKEN] }, good: { ...NATIVE_APP, grantTypes: [GrantType.DEVICE_CODE, GrantType.REFRESH_TOKEN], redirectUris: [] } },
  { id: 'OAC-009', severity: Severity.ERROR, bad: { ...MACHINE_TO_MACHINE, grantTypes: [] }, good: MACHINE_TO_MACHINE },
  // Client authentication
  { id: 'OAC-020', severity: Severity.ERROR, bad: { ...NATIVE_APP, tokenEndpointAuthMethod: TokenEndpointAuthMethod.CLIENT_SECRET_POST }, good: NATIVE_APP },
  { id: 'OAC-021', severity: Severity.ERROR, bad: { ...MACHINE_TO_MACHINE, tokenEndpointAuthMethod: TokenEndpointAuthMethod.NONE }, good: MACHINE_TO_MACHINE },
  { id: 'OAC-022', severity: Severity.INFO, bad: { ...MACHINE_TO_MACHINE, tokenEndpointAuthMethod: TokenEndpointAuthMethod.CLIENT_SECRET_POST }, good: WEB_APP },
  { id: 'OAC-024', severity: Severity.ERROR, bad: { ...WEB_APP, jwks: [] }, good: { ...WEB_APP, jwks: undefined, jwksUri: 'https://app.example.com/jwks.json' } },
  { id: 'OAC-026', severity: Severity.INFO, options: DCR, bad: { ...NATIVE_APP, tokenEndpointAuthMethod: undefined }, good: NATIVE_APP },
  // ID token signing
  { id: 'OAC-040', severity: Severity.ERROR, bad: { ...SINGLE_PAGE_APP, idTokenSigningAlgorithm: SigningAlgorithm.HS256 }, good: { ...SINGLE_PAGE_APP, idTokenSigningAlgorithm: SigningAlgorithm.ES256 } },
  { id: 'OAC-041', severity: Severity.ERROR, bad: { ...WEB_APP, grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.IMPLICIT], responseTypes: ['code id_token'], idTokenSigningAlgorithm: SigningAlgorithm.NONE }, good: { ...WEB_APP, idTokenSigningAlgorithm: SigningAlgorithm.NONE } },
  { id: 'OAC-042', severity: Severity.ERROR, bad: { ...MACHINE_TO_MACHINE, idTokenSigningAlgorithm: SigningAlgorithm.HS512, clientSecretBytes: 48 }, good: { ...MACHINE_TO_MACHINE, idTokenSigningAlgorithm: SigningAlgorithm.HS384, clientSecretBytes: 48 } },
  { id: 'OAC-043', severity: Severity.ERROR, bad: { ...WEB_APP, idTokenSigningAlgorithm: SigningAlgorithm.HS256 }, good: { ...COGNITO_WEB, idTokenSigningAlgorithm: SigningAlgorithm.HS256 } },
  { id: 'OAC-044', severity: Severity.ERROR, bad: { ...WEB_APP, jwks: [{ keyType: KeyType.RSA, sizeBits: 1024 }] }, good: WEB_APP },
  { id: 'OAC-045', severity: Severity.INFO, bad: { ...WEB_APP, idTokenSigningAlgorithm: undefined }, good: WEB_APP },
  { id: 'OAC-047', severity: Severity.WARNING, bad: { ...WEB_APP, idTokenSigningAlgorithm: SigningAlgorithm.NONE }, good: WEB_APP },
  // PKCE
  { id: 'OAC-060', severity: Severity.ERROR, bad: { ...NATIVE_APP, pkce: undefined }, good: NATIVE_APP },
  { id: 'OAC-061', severity: Severity.WARNING, bad: { ...WEB_APP, pkce: PkceMethod.NONE }, good: WEB_APP },
  { id: 'OAC-062', severity: Severity.WARNING, bad: { ...NATIVE_APP, pkce: PkceMethod.PLAIN }, good: NATIVE_APP },
  // Redirect URIs
  { id: 'OAC-080', severity: Severity.ERROR, bad: { ...WEB_APP, redirectUris: [] }, good: WEB_APP },
  { id: 'OAC-081', severity: Severity.ERROR, bad: { ...MACHINE_TO_MACHINE, redirectUris: ['https://svc.example.com/cb'] }, good: MACHINE_TO_MACHINE },
  { id: 'OAC-082', severity: Severity.ERROR, bad: { ...WEB_APP, redirectUris: ['https://app.example.com/callback#x'] }, good: { ...WEB_APP, redirectUris: ['https://app.example.com/callback?x=1'] } },
  { id: 'OAC-083', severity: Severity.ERROR, bad: { ...WEB_APP, redirectUris: ['/callback'] }, good: WEB_APP },
  { id: 'OAC-084', severity: Severity.ERROR, bad: { ...WEB_APP, redirectUris: ['https://*.example.com/callback'] }, good: WEB_APP },
  { id: 'OAC-085', severity: Severity.ERROR, bad: { ...NATIVE_APP, redirectUris: ['http://localhost.evil.com/callback'] }, good: NATIVE_APP },
  { id: 'OAC-086', severity: Severity.WARNING, bad: { ...NATIVE_APP, redirectUris: ['http://localhost/callback'] }, good: NATIVE_APP },
  { id: 'OAC-087', severity: Severity.WARNING, bad: { ...SINGLE_PAGE_APP, redirectUris: ['http://127.0.0.1/callback'] }, good: { ...NATIVE_APP, redirectUris: ['http://127.0.0.1/callback'] } },
  { id: 'OAC-088', severity: Severity.ERROR, bad: { ...NATIVE_APP, redirectUris: ['myapp:/callback'] }, good: NATIVE_APP },
  { id: 'OAC-089', severity: Severity.ERROR, bad: { ...SINGLE_PAGE_APP, redirectUris: ['com.example.app:/callback'] }, good: { ...NATIVE_APP, redirectUris: ['com.example.app:/callback'] } },
  { id: 'OAC-091', severity: Severity.ERROR, bad: { ...WEB_APP, grantTypes: [GrantType.IMPLICIT], responseTypes: ['id_token'], redirectUris: ['https://localhost/cb'] }, good: { ...WEB_APP, grantTypes: [GrantType.IMPLICIT], responseTypes: ['id_token'], redirectUris: ['https://app.example.com/cb'] } },
  { id: 'OAC-092', severity: Severity.INFO, bad: { ...NATIVE_APP, redirectUris: ['http://127.0.0.1:8080/callback'] }, good: NATIVE_APP },
  // Response types, refresh tokens
  { id: 'OAC-100', severity: Severity.ERROR, bad: { ...WEB_APP, responseTypes: ['code id_token'] }, good: { ...WEB_APP, responseTypes: ['code'] } },
  { id: 'OAC-120', severity: Severity.ERROR, bad: { ...NATIVE_APP, refreshTokenRotation: false }, good: { ...NATIVE_APP, refreshTokenRotation: false, senderConstrainedTokens: true } },
  // FAPI 2.0
  { id: 'FAPI-001', severity: Severity.ERROR, options: FAPI, bad: NATIVE_APP, good: FAPI_CLIENT },
  { id: 'FAPI-002', severity: Severity.ERROR, options: FAPI, bad: { ...FAPI_CLIENT, tokenEndpointAuthMethod: TokenEndpointAuthMethod.CLIENT_SECRET_BASIC }, good: FAPI_CLIENT },
  { id: 'FAPI-003', severity: Severity.ERROR, options: FAPI, bad: { ...FAPI_CLIENT, idTokenSigningAlgorithm: SigningAlgorithm.RS256 }, good: FAPI_CLIENT },
  { id: 'FAPI-004', severity: Severity.ERROR, options: FAPI, bad: { ...FAPI_CLIENT, pkce: PkceMethod.PLAIN }, good: FAPI_CLIENT },
  { id: 'FAPI-005', severity: Severity.ERROR, options: FAPI, bad: { ...FAPI_CLIENT, requirePushedAuthorizationRequests: false }, good: FAPI_CLIENT },
  { id: 'FAPI-006', severity: Severity.ERROR, options: FAPI, bad: { ...FAPI_CLIENT, responseTypes: ['code id_token'], grantTypes: [...FAPI_CLIENT.grantTypes, GrantType.IMPLICIT] }, good: { ...FAPI_CLIENT, responseTypes: ['code'] } },
  { id: 'FAPI-007', severity: Severity.ERROR, options: FAPI, bad: { ...FAPI_CLIENT, senderConstrainedTokens: false }, good: FAPI_CLIENT },
  { id: 'FAPI-008', severity: Severity.WARNING, options: FAPI, bad: { ...FAPI_CLIENT, refreshTokenRotation: true }, good: FAPI_CLIENT },
  // Amazon Cognito
  { id: 'COG-001', severity: Severity.ERROR, options: COGNITO, bad: { ...MACHINE_TO_MACHINE, generateSecret: false }, good: { ...MACHINE_TO_MACHINE, generateSecret: true } },
  { id: 'COG-002', severity: Severity.ERROR, options: COGNITO, bad: { ...COGNITO_WEB, grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.CLIENT_CREDENTIALS] }, good: COGNITO_WEB },
  { id: 'COG-003', severity: Severity.ERROR, options: COGNITO, bad: { ...MACHINE_TO_MACHINE, scopes: ['openid', 'billing/read'] }, good: MACHINE_TO_MACHINE },
  { id: 'COG-004', severity: Severity.ERROR, options: COGNITO, bad: { ...NATIVE_APP, grantTypes: [...NATIVE_APP.grantTypes, GrantType.DEVICE_CODE] }, good: NATIVE_APP },
  { id: 'COG-005', severity: Severity.ERROR, options: COGNITO, bad: { ...COGNITO_WEB, idTokenSigningAlgorithm: SigningAlgorithm.PS256 }, good: COGNITO_WEB },
  { id: 'COG-006', severity: Severity.ERROR, options: COGNITO, bad: WEB_APP, good: COGNITO_WEB },
  { id: 'COG-007', severity: Severity.ERROR, options: COGNITO, bad: { ...NATIVE_APP, redirectUris: ['http://127.0.0.1/callback'] }, good: { ...NATIVE_APP, redirectUris: ['http://localhost/callback'] } },
  { id: 'COG-008', severity: Severity.ERROR, options: COGNITO, bad: { ...COGNITO_WEB, clientName: 'x'.repeat(129) }, good: { ...COGNITO_WEB, clientName: 'x'.repeat(128) } },
  // Auth0
  { id: 'A0-001', severity: Severity.ERROR, options: AUTH0, bad: { ...SINGLE_PAGE_APP, clientType: ClientType.CONFIDENTIAL }, good: SINGLE_PAGE_APP },
  { id: 'A0-002', severity: Severity.ERROR, options: AUTH0, bad: { ...WEB_APP, idTokenSigningAlgorithm: SigningAlgorithm.ES256 }, good: { ...WEB_APP, idTokenSigningAlgorithm: SigningAlgorithm.PS256 } },
  { id: 'A0-004', severity: Severity.ERROR, options: AUTH0, bad: { ...MACHINE_TO_MACHINE, tokenEndpointAuthMethod: TokenEndpointAuthMethod.TLS_CLIENT_AUTH }, good: MACHINE_TO_MACHINE },
  { id: 'A0-005', severity: Severity.WARNING, options: AUTH0, bad: { ...SINGLE_PAGE_APP, applicationType: ApplicationType.WEB }, good: SINGLE_PAGE_APP },
  { id: 'A0-006', severity: Severity.ERROR, options: AUTH0, bad: { ...SINGLE_PAGE_APP, grantTypes: [...SINGLE_PAGE_APP.grantTypes, GrantType.DEVICE_CODE] }, good: { ...NATIVE_APP, grantTypes: [...NATIVE_APP.grantTypes, GrantType.DEVICE_CODE] } },
];

/** More cases of a rule, validated with its case's options. */
interface MoreCases {
  /** Other ways the rule fires, one for each branch of its condition that `bad` does not take; each must yield the rule. */
  readonly yields?: Record<string, ClientDescription>;
  /**
   * More near misses: where the rule has several conditions, each one that `good` leaves true is made false alone here
   * (the others true, as in `bad`); each must not yield the rule.
   */
  readonly misses?: Record<string, ClientDescription>;
  /**
   * Descriptions that yield the rule with a message that says something the plain `bad` case does not (a branch of its
   * wording); each must yield a finding of the rule whose message contains the text.
   */
  readonly says?: Record<string, readonly [description: ClientDescription, text: string]>;
}

/** By rule ID, so that dropping any condition or branch of a rule fails a test here (tried by mutation). */
const MORE: Record<string, MoreCases> = {
  'OAC-001': {
    misses: { 'a public client without client_credentials': NATIVE_APP },
  },
  'OAC-004': {
    says: {
      'a response type given': [{ ...SINGLE_PAGE_APP, grantTypes: [GrantType.IMPLICIT], responseTypes: ['id_token token'] },
        "response type 'id_token token' returns an access token in the front channel"],
      'the implicit grant with no response types': [{ ...SINGLE_PAGE_APP, grantTypes: [GrantType.IMPLICIT], responseTypes: undefined },
        "the implicit grant with no response types implies 'token'"],
    },
  },
  'OAC-005': {
    misses: { 'a public client without CIBA': NATIVE_APP },
  },
  'OAC-008': {
    misses: {
      'a grant given as a token, which may issue refresh tokens': { ...MACHINE_TO_MACHINE, grantTypes: [GrantType.CLIENT_CREDENTIALS, GrantType.REFRESH_TOKEN, GrantType.custom(TOKEN)] },
      'no refresh token grant': MACHINE_TO_MACHINE,
    },
    says: {
      'refresh_token beside client_credentials': [{ ...MACHINE_TO_MACHINE, grantTypes: [GrantType.REFRESH_TOKEN, GrantType.CLIENT_CREDENTIALS] },
        'none of the other grants (client_credentials) issues refresh tokens'],
      'refresh_token alone': [{ ...MACHINE_TO_MACHINE, grantTypes: [GrantType.REFRESH_TOKEN] }, 'none of the other grants (none) issues refresh tokens'],
    },
  },
  'OAC-020': {
    misses: {
      'a confidential client': MACHINE_TO_MACHINE,
      'the method not given': { ...NATIVE_APP, tokenEndpointAuthMethod: undefined },
    },
  },
  'OAC-021': {
    misses: { 'a public client': NATIVE_APP },
  },
  'OAC-022': {
    misses: {
      'a public client (OAC-020 judges its secret)': { ...NATIVE_APP, tokenEndpointAuthMethod: TokenEndpointAuthMethod.CLIENT_SECRET_POST },
      'the method given as a token': { ...MACHINE_TO_MACHINE, tokenEndpointAuthMethod: TokenEndpointAuthMethod.custom(TOKEN) },
    },
    says: { 'no method given': [{ ...MACHINE_TO_MACHINE, tokenEndpointAuthMethod: undefined }, "the shared secret method 'client_secret_basic'"] },
  },
  'OAC-024': {
    misses: {
      'client_secret_basic without a key': COGNITO_WEB,
      'a JWKS beside an empty JWKS URI, which is none': { ...WEB_APP, jwksUri: '' },
    },
    says: {
      'no key': [{ ...WEB_APP, jwks: [] }, 'private_key_jwt was given without a key'],
      'a JWKS and a JWKS URI': [{ ...WEB_APP, jwksUri: 'https://app.example.com/jwks.json' }, 'private_key_jwt was given both a JWKS and a JWKS URI'],
    },
  },
  'OAC-026': {
    misses: {
      'a confidential client': { ...WEB_APP, tokenEndpointAuthMethod: undefined },
      'the method given as a token': { ...NATIVE_APP, tokenEndpointAuthMethod: TokenEndpointAuthMethod.custom(TOKEN) },
    },
  },
  'OAC-040': {
    misses: { 'a confidential client with a secret (OAC-043 judges it)': { ...COGNITO_WEB, idTokenSigningAlgorithm: SigningAlgorithm.HS256 } },
  },
  'OAC-041': {
    misses: {
      'an asymmetric algorithm with an ID token from the authorization endpoint': {
        ...WEB_APP, grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.IMPLICIT], responseTypes: ['code id_token'], idTokenSigningAlgorithm: SigningAlgorithm.RS256,
      },
    },
  },
  'OAC-042': {
    yields: { 'client_secret_jwt beside an asymmetric ID token algorithm': { ...MACHINE_TO_MACHINE, tokenEndpointAuthMethod: TokenEndpointAuthMethod.CLIENT_SECRET_JWT, clientSecretBytes: 16 } },
    misses: { 'a short secret with an asymmetric algorithm and no client_secret_jwt': { ...MACHINE_TO_MACHINE, clientSecretBytes: 16 } },
  },
  'OAC-043': {
    yields: { 'a shared secret method with no secret generated': { ...COGNITO_WEB, idTokenSigningAlgorithm: SigningAlgorithm.HS256, generateSecret: false } },
    misses: {
      'a public client (OAC-040 judges it)': { ...SINGLE_PAGE_APP, idTokenSigningAlgorithm: SigningAlgorithm.HS256 },
      'an asymmetric algorithm': WEB_APP,
    },
  },
  'OAC-045': {
    misses: { 'the algorithm given as a token': { ...WEB_APP, idTokenSigningAlgorithm: SigningAlgorithm.custom(TOKEN) } },
  },
  'OAC-047': {
    misses: {
      'a response type given as a token, which may return an ID token': { ...WEB_APP, idTokenSigningAlgorithm: SigningAlgorithm.NONE, responseTypes: ['code', TOKEN] },
      'an ID token from the authorization endpoint (OAC-041 judges it)': { ...WEB_APP, grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.IMPLICIT], responseTypes: ['code id_token'], idTokenSigningAlgorithm: SigningAlgorithm.NONE },
    },
  },
  'OAC-060': {
    says: {
      'pkce none': [{ ...NATIVE_APP, pkce: PkceMethod.NONE }, "but pkce is 'none'"],
      'pkce not set': [{ ...NATIVE_APP, pkce: undefined }, 'but pkce is not set'],
    },
    misses: {
      'no authorization code grant': { ...NATIVE_APP, grantTypes: [GrantType.DEVICE_CODE, GrantType.REFRESH_TOKEN], redirectUris: [], pkce: undefined },
      'a confidential client (OAC-061 judges it)': { ...WEB_APP, pkce: undefined },
    },
  },
  'OAC-061': {
    says: {
      'pkce not set': [{ ...WEB_APP, pkce: undefined }, 'but pkce is not set'],
      'pkce none': [{ ...WEB_APP, pkce: PkceMethod.NONE }, "but pkce is 'none'"],
    },
    misses: {
      'a public client (OAC-060 judges it)': { ...NATIVE_APP, pkce: PkceMethod.NONE },
      'no authorization code grant': { ...MACHINE_TO_MACHINE, pkce: PkceMethod.NONE },
    },
  },
  'OAC-080': {
    misses: { 'no redirect-based grant': { ...MACHINE_TO_MACHINE, redirectUris: [] } },
  },
  'OAC-081': {
    misses: {
      'a grant given as a token, which may be redirect-based': { ...MACHINE_TO_MACHINE, grantTypes: [GrantType.CLIENT_CREDENTIALS, GrantType.custom(TOKEN)], redirectUris: ['https://svc.example.com/cb'] },
      'a redirect-based grant beside': { ...MACHINE_TO_MACHINE, grantTypes: [GrantType.CLIENT_CREDENTIALS, GrantType.AUTHORIZATION_CODE], redirectUris: ['https://svc.example.com/cb'] },
    },
  },
  'OAC-083': {
    says: { 'a relative URI': [{ ...WEB_APP, redirectUris: ['/callback'] }, "redirect URI '/callback' is not an absolute URI (RFC 6749 §3.1.2)"] },
  },
  'OAC-085': {
    misses: {
      'https on a host': { ...NATIVE_APP, redirectUris: ['https://app.example.com/callback'] },
      'http with no host (OAC-083 judges it)': { ...NATIVE_APP, redirectUris: ['http:/callback'] },
    },
  },
  'OAC-087': {
    yields: { 'http on localhost': { ...SINGLE_PAGE_APP, redirectUris: ['http://localhost/callback'] } },
    misses: {
      'https on localhost': { ...SINGLE_PAGE_APP, redirectUris: ['https://localhost/callback'] },
      'http on a host that is not a loopback one (OAC-085 judges it)': { ...SINGLE_PAGE_APP, redirectUris: ['http://spa.example.com/callback'] },
    },
  },
  'OAC-091': {
    misses: {
      'no implicit grant': { ...WEB_APP, redirectUris: ['https://localhost/cb'] },
      'a native app': { ...NATIVE_APP, grantTypes: [GrantType.IMPLICIT], responseTypes: ['id_token'], redirectUris: ['https://localhost/cb'] },
    },
  },
  'OAC-092': {
    misses: { 'a fixed port on a host that is not a loopback address': { ...NATIVE_APP, redirectUris: ['https://app.example.com:8443/callback'] } },
  },
  'OAC-100': {
    yields: {
      '\'code\' without the authorization_code grant': { ...SINGLE_PAGE_APP, grantTypes: [GrantType.IMPLICIT], responseTypes: ['code', 'id_token'] },
      '\'token\' without the implicit grant': { ...WEB_APP, responseTypes: ['code', 'token'] },
    },
    says: {
      'the authorization_code grant without \'code\'': [{ ...WEB_APP, grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.IMPLICIT], responseTypes: ['id_token', 'id_token token'] },
        "no response type includes 'code' (given: id_token, id_token token)"],
      'the authorization_code grant with no response type': [{ ...WEB_APP, responseTypes: [] }, "no response type includes 'code' (given: none)"],
    },
    misses: {
      'the implicit grant beside': { ...WEB_APP, grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.IMPLICIT], responseTypes: ['code id_token'] },
      'a grant given as a token': { ...WEB_APP, grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.custom(TOKEN)], responseTypes: ['code id_token'] },
      'a response type given as a token, which may include \'code\'': { ...WEB_APP, responseTypes: [TOKEN] },
      'implicit alone, with \'id_token\'': { ...SINGLE_PAGE_APP, grantTypes: [GrantType.IMPLICIT], responseTypes: ['id_token'] },
      'no response types given': WEB_APP,
    },
  },
  'OAC-120': {
    misses: {
      'no refresh token grant': { ...NATIVE_APP, grantTypes: [GrantType.AUTHORIZATION_CODE], refreshTokenRotation: false },
      'a confidential client': { ...WEB_APP, refreshTokenRotation: false },
      'refresh tokens rotated': NATIVE_APP,
    },
  },
  'COG-008': {
    says: {
      'a resolved callback URL of 1025 characters': [{ ...COGNITO_WEB, redirectUris: [`https://app.example.com/${'a'.repeat(1001)}`] },
        'Cognito allows callback URLs of at most 1024 characters, but one of 1025 was given'],
      'a callback URL whose literal text alone is 1025 characters': [{ ...COGNITO_WEB, redirectUris: [`https://app.example.com/${'a'.repeat(1001)}${TOKEN}`] },
        'but one of at least 1025 was given'],
    },
  },
  'FAPI-002': {
    misses: { 'the method given as a token': { ...FAPI_CLIENT, tokenEndpointAuthMethod: TokenEndpointAuthMethod.custom(TOKEN) } },
    says: {
      'client_secret_basic given': [{ ...FAPI_CLIENT, tokenEndpointAuthMethod: TokenEndpointAuthMethod.CLIENT_SECRET_BASIC }, "but 'client_secret_basic' was given"],
      'no method given': [{ ...FAPI_CLIENT, tokenEndpointAuthMethod: undefined }, "but 'client_secret_basic' is the default"],
    },
  },
  'FAPI-003': {
    misses: { 'the algorithm given as a token': { ...FAPI_CLIENT, idTokenSigningAlgorithm: SigningAlgorithm.custom(TOKEN) } },
  },
  'FAPI-004': {
    misses: { 'no authorization code grant': { ...FAPI_CLIENT, grantTypes: [GrantType.CLIENT_CREDENTIALS], redirectUris: [], pkce: PkceMethod.PLAIN } },
    says: {
      'plain PKCE': [{ ...FAPI_CLIENT, pkce: PkceMethod.PLAIN }, "but pkce is 'plain'"],
      'no PKCE': [{ ...FAPI_CLIENT, pkce: undefined }, 'but pkce is not set'],
    },
  },
  'FAPI-005': {
    misses: { 'no authorization code grant': { ...FAPI_CLIENT, grantTypes: [GrantType.CLIENT_CREDENTIALS], redirectUris: [], requirePushedAuthorizationRequests: false } },
  },
  'FAPI-006': {
    misses: { '\'code\' with white space around it': { ...FAPI_CLIENT, responseTypes: [' code '] } },
    says: {
      'a response type given': [{ ...FAPI_CLIENT, responseTypes: ['code id_token'] }, "but 'code id_token' was given"],
      'a response type the implicit grant implies': [{ ...FAPI_CLIENT, responseTypes: undefined, grantTypes: [...FAPI_CLIENT.grantTypes, GrantType.IMPLICIT] },
        "but 'token' is implied"],
    },
  },
  'COG-001': {
    misses: { 'no client_credentials grant': { ...COGNITO_WEB, generateSecret: false } },
  },
  'COG-002': {
    yields: { 'client_credentials with implicit': { ...COGNITO_WEB, grantTypes: [GrantType.IMPLICIT, GrantType.CLIENT_CREDENTIALS], responseTypes: ['id_token'] } },
    misses: { 'client_credentials alone': MACHINE_TO_MACHINE },
  },
  'COG-003': {
    misses: {
      'scopes given as a token, which may be a resource server\'s': { ...MACHINE_TO_MACHINE, scopes: [TOKEN] },
      'a client without client_credentials and with no scope': { ...COGNITO_WEB, scopes: [] },
    },
  },
  'COG-005': {
    misses: { 'the algorithm not given': { ...COGNITO_WEB, idTokenSigningAlgorithm: undefined } },
  },
  'COG-006': {
    misses: {
      'a public client (OAC-020 judges its method)': { ...NATIVE_APP, tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT },
      'the method not given': { ...WEB_APP, tokenEndpointAuthMethod: undefined },
      'the method none (OAC-021 judges it)': { ...WEB_APP, tokenEndpointAuthMethod: TokenEndpointAuthMethod.NONE },
    },
  },
  'COG-007': {
    misses: {
      'https on a host': { ...NATIVE_APP, redirectUris: ['https://app.example.com/callback'] },
      'http with no host (OAC-083 judges it)': { ...NATIVE_APP, redirectUris: ['http:/callback'] },
    },
  },
  'A0-001': {
    says: {
      'a confidential single-page app': [{ ...SINGLE_PAGE_APP, clientType: ClientType.CONFIDENTIAL },
        'Auth0 makes a single_page application public, but the client is confidential'],
      'a public machine-to-machine app': [{ ...MACHINE_TO_MACHINE, clientType: ClientType.PUBLIC },
        'Auth0 makes a machine_to_machine application confidential, but the client is public'],
    },
    misses: {
      'a confidential web app': WEB_APP,
      'a confidential machine-to-machine app': MACHINE_TO_MACHINE,
    },
  },
  'A0-002': {
    misses: { 'the algorithm not given': { ...WEB_APP, idTokenSigningAlgorithm: undefined } },
  },
  'A0-004': {
    misses: { 'the method not given': { ...MACHINE_TO_MACHINE, tokenEndpointAuthMethod: undefined } },
  },
  'A0-005': {
    misses: { 'a confidential web app': WEB_APP },
  },
  'A0-006': {
    misses: { 'no device code grant': SINGLE_PAGE_APP },
  },
};

function idsOf(description: ClientDescription, options?: ValidationOptions): string[] {
  return ClientValidator.validate(description, options).map((f) => f.ruleId);
}

test('every rule of the rule table has a case here, and no case names an unknown rule', () => {
  // GIVEN the rule table WHEN compared with the cases THEN they name the same IDs
  expect(CASES.map((c) => c.id).sort()).toEqual(ClientValidator.rules().map((r) => r.id).sort());
  expect(Object.keys(MORE).filter((id) => !CASES.some((c) => c.id === id))).toEqual([]);
});

describe.each(CASES)('$id', ({ id, severity, options, bad, good }) => {
  test(`non-compliant: yields ${id} with severity ${severity}`, () => {
    // WHEN the non-compliant description is validated
    const findings = ClientValidator.validate(bad, options).filter((f) => f.ruleId === id);
    // THEN the rule fires with its severity and a message that names it
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.severity).toBe(severity);
      expect(f.message.startsWith(`[${id}] `)).toBe(true);
      expect(f.message).toContain(f.source);
    }
  });

  test('near miss: compliant', () => {
    expect(idsOf(good, options)).not.toContain(id);
  });

  const yields = Object.entries(MORE[id]?.yields ?? {});
  if (yields.length > 0) {
    test.each(yields)('non-compliant (%s): yields it', (_change, description) => {
      expect(idsOf(description, options)).toContain(id);
    });
  }

  const misses = Object.entries(MORE[id]?.misses ?? {});
  if (misses.length > 0) {
    test.each(misses)('near miss (%s): compliant', (_change, description) => {
      expect(idsOf(description, options)).not.toContain(id);
    });
  }

  const says = Object.entries(MORE[id]?.says ?? {});
  if (says.length > 0) {
    test.each(says)('non-compliant (%s): the finding says so', (_change, [description, text]) => {
      const messages = ClientValidator.validate(description, options).filter((f) => f.ruleId === id).map((f) => f.message);
      expect(messages).toContainEqual(expect.stringContaining(text));
    });
  }
});

describe('OAC-044 judges RSA keys everywhere, and EC keys in FAPI 2.0', () => {
  const ec = (sizeBits: number): ClientDescription => ({ ...FAPI_CLIENT, jwks: [{ keyType: KeyType.EC, sizeBits }] });

  test('in FAPI 2.0, an EC key under 224 bits yields it; one of 224 bits does not', () => {
    expect(idsOf(ec(192), FAPI)).toContain('OAC-044');
    expect(idsOf(ec(224), FAPI)).not.toContain('OAC-044');
  });

  test('outside FAPI 2.0, the size of an EC key is not judged', () => {
    expect(idsOf(ec(192))).not.toContain('OAC-044');
  });
});

describe('OAC-026 judges dynamic registration only, whose default method is client_secret_basic', () => {
  test.each([
    ['no server given', undefined],
    ['a generic server', { authorizationServer: AuthorizationServerKind.GENERIC }],
    ['Cognito', COGNITO],
    ['Auth0', AUTH0],
  ])('%s: a public client that gives no method is compliant', (_server, options) => {
    expect(idsOf({ ...NATIVE_APP, tokenEndpointAuthMethod: undefined }, options)).not.toContain('OAC-026');
  });
});

describe('FAPI-003 judges the ID tokens a client gets', () => {
  const ids = (d: ClientDescription) => idsOf(d, FAPI);

  test('a client_credentials-only client gets none, so its recorded algorithm is not judged', () => {
    expect(ids(MACHINE_TO_MACHINE)).not.toContain('FAPI-003');
  });

  test('any other grant beside client_credentials may get one, so the algorithm is judged', () => {
    expect(ids({ ...MACHINE_TO_MACHINE, grantTypes: [GrantType.CLIENT_CREDENTIALS, GrantType.CIBA] })).toContain('FAPI-003');
  });

  test('a grant list with a token is not known to be client_credentials only, so the algorithm is judged', () => {
    expect(ids({ ...MACHINE_TO_MACHINE, grantTypes: [GrantType.CLIENT_CREDENTIALS, GrantType.custom(TOKEN)] })).toContain('FAPI-003');
  });

  test('a client that gives no grant registers the default, authorization_code, so the algorithm is judged', () => {
    expect(ids({ ...FAPI_CLIENT, grantTypes: [], idTokenSigningAlgorithm: SigningAlgorithm.RS256 })).toContain('FAPI-003');
    expect(ids({ ...FAPI_CLIENT, grantTypes: [], idTokenSigningAlgorithm: undefined })).toContain('FAPI-003');
  });

  test('an algorithm left unset is the default, RS256, on a client of any grant that gets ID tokens', () => {
    // GIVEN clients without a redirect-based grant that get ID tokens (CIBA), and one with a grant given as a token
    const unset = { ...FAPI_CLIENT, redirectUris: [], idTokenSigningAlgorithm: undefined };
    // THEN each is judged as signed with RS256
    expect(ids({ ...unset, grantTypes: [GrantType.CIBA] })).toContain('FAPI-003');
    expect(ids({ ...unset, grantTypes: [GrantType.CLIENT_CREDENTIALS, GrantType.CIBA] })).toContain('FAPI-003');
    expect(ids({ ...unset, grantTypes: [GrantType.CLIENT_CREDENTIALS, GrantType.custom(TOKEN)] })).toContain('FAPI-003');
    // AND a client_credentials-only one is not
    expect(ids({ ...unset, grantTypes: [GrantType.CLIENT_CREDENTIALS] })).not.toContain('FAPI-003');
  });

  test('the message says whether the algorithm was given or is the default', () => {
    const message = (d: ClientDescription) => ClientValidator.validate(d, FAPI).find((f) => f.ruleId === 'FAPI-003')?.message;
    expect(message({ ...FAPI_CLIENT, idTokenSigningAlgorithm: SigningAlgorithm.ES512 })).toContain("but this client's are signed with 'ES512' (FAPI");
    expect(message({ ...FAPI_CLIENT, idTokenSigningAlgorithm: undefined })).toContain("but this client's are signed with 'RS256' (the default) (FAPI");
  });

  test('on Cognito the fix says Cognito cannot sign otherwise; elsewhere it names the setting', () => {
    const rs256 = { ...FAPI_CLIENT, idTokenSigningAlgorithm: SigningAlgorithm.RS256 };
    const fix = (o: ValidationOptions) => ClientValidator.validate(rs256, { ...FAPI, ...o }).find((f) => f.ruleId === 'FAPI-003')?.fix;
    expect(fix(COGNITO)).toMatch(/^Cognito signs ID tokens with RS256 only \(COG-005\): register this client with a server that meets FAPI 2\.0/);
    expect(fix(DCR)).toBe('Set idTokenSigningAlgorithm: SigningAlgorithm.PS256 (or ES256).');
  });
});

describe('OAC-085 and OAC-086 on Cognito: the fix names no callback URL that Cognito refuses (COG-007)', () => {
  const fixOf = (ruleId: string, redirectUri: string, o: ValidationOptions) =>
    ClientValidator.validate({ ...NATIVE_APP, redirectUris: [redirectUri] }, o).find((f) => f.ruleId === ruleId)?.fix;
  /** The redirect URIs a fix gives as examples (`http://localhost`, `com.example.app:/oauth2redirect`, ...). */
  const examples = (fix: string) => fix.match(/\b[a-z][a-z0-9.+-]*:\/\/?[^\s),]+/g) ?? [];

  test.each([
    ['OAC-085', 'http://app.example.com/callback'],
    ['OAC-086', 'http://localhost/callback'],
  ])('%s: each redirect URI the fix gives is one Cognito takes, and the fix says why 127.0.0.1 is not one', (ruleId, given) => {
    const fix = fixOf(ruleId, given, COGNITO)!;
    expect(fix).toContain('COG-007');
    expect(examples(fix).length).toBeGreaterThan(0);
    for (const uri of examples(fix)) {
      const ids = ClientValidator.validate({ ...NATIVE_APP, redirectUris: [uri] }, COGNITO).map((f) => f.ruleId);
      expect({ uri, refused: ids.filter((id) => id === 'COG-007' || id === 'OAC-085') }).toEqual({ uri, refused: [] });
    }
  });

  test('elsewhere the fixes name the loopback IP literal, as RFC 8252 §8.3 recommends', () => {
    expect(fixOf('OAC-085', 'http://app.example.com/callback', DCR)).toBe('Use https, or a loopback address (http://127.0.0.1) for a native app.');
    expect(fixOf('OAC-086', 'http://localhost/callback', DCR)).toBe('Use the loopback IP literal 127.0.0.1 or [::1].');
  });
});

describe('OAC-022 on Cognito: the fix names no client authentication that Cognito does not have (COG-006)', () => {
  const fixOf = (o: ValidationOptions) => ClientValidator.validate(COGNITO_WEB, o).find((f) => f.ruleId === 'OAC-022')?.fix;

  test('on Cognito it says the secret is the only method and how to live with it', () => {
    expect(fixOf(COGNITO)).toBe('Cognito authenticates app clients with a client secret only (COG-006): rotate it (secretRotation), or use a'
      + ' server that supports private_key_jwt (AuthorizationServer.dynamicRegistration).');
  });

  test('elsewhere it names private_key_jwt', () => {
    expect(fixOf(DCR)).toBe('Consider TokenEndpointAuthMethod.PRIVATE_KEY_JWT with a KMS key where the authorization server supports it.');
  });
});
