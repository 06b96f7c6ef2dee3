import { FAPI_CLIENT, MACHINE_TO_MACHINE, NATIVE_APP, SINGLE_PAGE_APP, WEB_APP } from './fixtures';
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

function idsOf(description: ClientDescription, options?: ValidationOptions): string[] {
  return ClientValidator.validate(description, options).map((f) => f.ruleId);
}

test('every rule of the rule table has a case here, and no case names an unknown rule', () => {
  // GIVEN the rule table WHEN compared with the cases THEN they name the same IDs
  expect(CASES.map((c) => c.id).sort()).toEqual(ClientValidator.rules().map((r) => r.id).sort());
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
    expect(ids({ ...MACHINE_TO_MACHINE, grantTypes: [GrantType.CLIENT_CREDENTIALS, GrantType.custom('${Token[GRANT.1]}')] })).toContain('FAPI-003');
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
