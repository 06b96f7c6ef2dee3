import * as fc from 'fast-check';
import {
  ApplicationType, AuthorizationServerKind, ClientDescription, ClientType, ClientValidator, GrantType, KeyType, PkceMethod,
  RuleScope, Severity, SigningAlgorithm, TokenEndpointAuthMethod, ValidationProfile,
} from '../../src';
import { runRules } from '../../src/private/engine/engine';
import { SERVER_NEUTRAL_RULES } from '../../src/private/engine/rules/server-neutral-rules';

const GRANTS = [
  GrantType.AUTHORIZATION_CODE, GrantType.IMPLICIT, GrantType.PASSWORD, GrantType.PASSWORD_REALM, GrantType.CLIENT_CREDENTIALS,
  GrantType.REFRESH_TOKEN, GrantType.DEVICE_CODE, GrantType.JWT_BEARER, GrantType.TOKEN_EXCHANGE, GrantType.CIBA,
];
const METHODS = [
  TokenEndpointAuthMethod.NONE, TokenEndpointAuthMethod.CLIENT_SECRET_BASIC, TokenEndpointAuthMethod.CLIENT_SECRET_POST,
  TokenEndpointAuthMethod.CLIENT_SECRET_JWT, TokenEndpointAuthMethod.PRIVATE_KEY_JWT, TokenEndpointAuthMethod.TLS_CLIENT_AUTH,
  TokenEndpointAuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH,
];
const ALGS = [
  SigningAlgorithm.HS256, SigningAlgorithm.HS384, SigningAlgorithm.HS512, SigningAlgorithm.RS256, SigningAlgorithm.RS384,
  SigningAlgorithm.RS512, SigningAlgorithm.PS256, SigningAlgorithm.PS384, SigningAlgorithm.PS512, SigningAlgorithm.ES256,
  SigningAlgorithm.ES384, SigningAlgorithm.ES512, SigningAlgorithm.EDDSA, SigningAlgorithm.NONE,
];
const HMAC = [SigningAlgorithm.HS256, SigningAlgorithm.HS384, SigningAlgorithm.HS512];

/** URIs: well-formed, malformed and hostile. */
const uri = fc.oneof(
  fc.webUrl({ withFragments: true, withQueryParameters: true }),
  fc.constantFrom('http://127.0.0.1/cb', 'http://[::1]:1234/cb', 'http://localhost/cb', 'http://localhost.evil.com/cb',
    'com.example.app:/cb', 'myapp:/cb', 'https://*.example.com/', '/relative', '', 'http://', 'http://[::1', 'https://a:b@c/',
    'javascript:alert(1)', 'http://\u0000/', '${Token[TOKEN.1]}', '#{Token[TOKEN.2]}', 'x'.repeat(5000)),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

const description: fc.Arbitrary<ClientDescription> = fc.record({
  clientType: fc.constantFrom(ClientType.CONFIDENTIAL, ClientType.PUBLIC),
  applicationType: fc.option(fc.constantFrom(...Object.values(ApplicationType)), { nil: undefined }),
  grantTypes: fc.uniqueArray(fc.oneof(fc.constantFrom(...GRANTS), fc.string({ maxLength: 30 }).map(GrantType.custom)), { maxLength: 6 }),
  responseTypes: fc.option(fc.array(fc.oneof(
    fc.constantFrom('code', 'token', 'id_token', 'code id_token', 'id_token token', 'code id_token token', 'none'),
    fc.string({ maxLength: 20 })), { maxLength: 4 }), { nil: undefined }),
  tokenEndpointAuthMethod: fc.option(fc.constantFrom(...METHODS), { nil: undefined }),
  idTokenSigningAlgorithm: fc.option(fc.constantFrom(...ALGS), { nil: undefined }),
  pkce: fc.option(fc.constantFrom(PkceMethod.S256, PkceMethod.PLAIN, PkceMethod.NONE), { nil: undefined }),
  redirectUris: fc.option(fc.array(uri, { maxLength: 5 }), { nil: undefined }),
  scopes: fc.option(fc.array(fc.oneof(fc.constantFrom('openid', 'email', 'api/read'), fc.string({ maxLength: 20 })), { maxLength: 4 }), { nil: undefined }),
  clientName: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
  generateSecret: fc.option(fc.boolean(), { nil: undefined }),
  clientSecretBytes: fc.option(fc.integer({ min: 0, max: 128 }), { nil: undefined }),
  jwks: fc.option(fc.array(fc.record({
    keyType: fc.constantFrom(KeyType.RSA, KeyType.EC, KeyType.OKP),
    sizeBits: fc.integer({ min: 0, max: 8192 }),
  }), { maxLength: 3 }), { nil: undefined }),
  jwksUri: fc.option(fc.webUrl(), { nil: undefined }),
  refreshTokenRotation: fc.option(fc.boolean(), { nil: undefined }),
  senderConstrainedTokens: fc.option(fc.boolean(), { nil: undefined }),
  requirePushedAuthorizationRequests: fc.option(fc.boolean(), { nil: undefined }),
});

const options = fc.record({
  authorizationServer: fc.constantFrom(...Object.values(AuthorizationServerKind)),
  profile: fc.constantFrom(ValidationProfile.DEFAULT, ValidationProfile.FAPI_2_0),
});

const RULE_IDS = new Map(ClientValidator.rules().map((r) => [r.id, r]));
const RUNS = { numRuns: 2000 };

describe('validate over random descriptions', () => {
  test('never throws, and no rule fails to evaluate', () => {
    fc.assert(fc.property(description, options, (d, o) => {
      const findings = ClientValidator.validate(d, o);
      return findings.every((f) => !f.detail.startsWith('the rule could not be evaluated'));
    }), RUNS);
  });

  test('is deterministic', () => {
    fc.assert(fc.property(description, options, (d, o) => {
      expect(ClientValidator.validate(d, o)).toEqual(ClientValidator.validate(d, o));
    }), RUNS);
  });

  test('every finding names a rule of the rule table, with that rule\'s severity', () => {
    fc.assert(fc.property(description, options, (d, o) => {
      for (const f of ClientValidator.validate(d, o)) {
        const rule = RULE_IDS.get(f.ruleId);
        expect(rule).toBeDefined();
        expect(f.severity).toBe(rule!.severity);
        expect(f.message.startsWith(`[${f.ruleId}] `)).toBe(true);
      }
    }), RUNS);
  });

  test('a public client with any HS* ID token algorithm always yields OAC-040', () => {
    fc.assert(fc.property(description, options, fc.constantFrom(...HMAC), (d, o, alg) => {
      const ids = ClientValidator.validate({ ...d, clientType: ClientType.PUBLIC, idTokenSigningAlgorithm: alg }, o).map((f) => f.ruleId);
      expect(ids).toContain('OAC-040');
    }), RUNS);
  });

  test('a public client with authorization_code and no PKCE always yields OAC-060 as an error', () => {
    fc.assert(fc.property(description, options, (d, o) => {
      const findings = ClientValidator.validate({
        ...d, clientType: ClientType.PUBLIC, pkce: undefined, grantTypes: [...d.grantTypes, GrantType.AUTHORIZATION_CODE],
      }, o);
      expect(findings.find((f) => f.ruleId === 'OAC-060')?.severity).toBe(Severity.ERROR);
    }), RUNS);
  });

  test('backend and profile rules appear only for their server kind and profile', () => {
    fc.assert(fc.property(description, options, (d, o) => {
      for (const f of ClientValidator.validate(d, o)) {
        if (f.ruleId.startsWith('COG-')) expect(o.authorizationServer).toBe(AuthorizationServerKind.COGNITO);
        if (f.ruleId.startsWith('A0-')) expect(o.authorizationServer).toBe(AuthorizationServerKind.AUTH0);
        if (f.ruleId.startsWith('FAPI-')) expect(o.profile).toBe(ValidationProfile.FAPI_2_0);
      }
    }), RUNS);
  });

  test('a confidential client never yields the public-only rules', () => {
    fc.assert(fc.property(description, options, (d, o) => {
      const ids = ClientValidator.validate({ ...d, clientType: ClientType.CONFIDENTIAL }, o).map((f) => f.ruleId);
      for (const id of ['OAC-001', 'OAC-005', 'OAC-007', 'OAC-020', 'OAC-040', 'OAC-060', 'OAC-120', 'FAPI-001']) {
        expect(ids).not.toContain(id);
      }
    }), RUNS);
  });

  test('the server-neutral rules are exactly the rules of scope ALL and FAPI_2_0, in rule-table order', () => {
    const neutral = ClientValidator.rules().filter((r) => r.scope === RuleScope.ALL || r.scope === RuleScope.FAPI_2_0).map((r) => r.id);
    expect(SERVER_NEUTRAL_RULES.map((r) => r.id)).toEqual(neutral);
  });

  test('the server-neutral rules judge a dynamically registered client as the full engine does', () => {
    fc.assert(fc.property(description, options, (d, o) => {
      const dcr = { authorizationServer: AuthorizationServerKind.DYNAMIC_REGISTRATION, profile: o.profile };
      expect(runRules(SERVER_NEUTRAL_RULES, d, dcr)).toEqual(ClientValidator.validate(d, dcr));
    }), RUNS);
  });
});

describe('a redirect URI with a token is judged soundly', () => {
  /** A concrete URI without token markers, and a part of it (possibly empty) that a token stands for. */
  const tokenized = uri
    .filter((u) => !u.includes('{Token[') && !u.includes('{TOKEN['))
    .chain((u) => fc.tuple(fc.constant(u), fc.nat({ max: u.length }), fc.nat({ max: u.length }))
      .map(([concrete, a, b]) => ({
        concrete,
        withToken: `${concrete.slice(0, Math.min(a, b))}\${Token[TOKEN.42]}${concrete.slice(Math.max(a, b))}`,
      })));

  test('every rule that fires with the token also fires when the token resolves to the text it stands for', () => {
    fc.assert(fc.property(description, options, tokenized, (d, o, { concrete, withToken }) => {
      const others = d.redirectUris ?? [];
      const resolved = new Set(ClientValidator.validate({ ...d, redirectUris: [...others, concrete] }, o).map((f) => f.ruleId));
      for (const f of ClientValidator.validate({ ...d, redirectUris: [...others, withToken] }, o)) {
        expect(resolved).toContain(f.ruleId);
      }
    }), { numRuns: 5000 });
  });
});
