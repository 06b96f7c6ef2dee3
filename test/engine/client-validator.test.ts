import { readFileSync } from 'fs';
import { join } from 'path';
import { LIST_TOKEN, MACHINE_TO_MACHINE, NATIVE_APP, NUMBER_TOKEN, SEED_CLIENTS, SINGLE_PAGE_APP, TOKEN, WEB_APP } from './fixtures';
import {
  AuthorizationServerKind, ClientDescription, ClientType, ClientValidator, GrantType, KeyType, PkceMethod, RuleScope, Severity, SigningAlgorithm,
  TokenEndpointAuthMethod, ValidationProfile,
} from '../../src';
import { renderRuleReference, ruleDocUrl } from '../../src/private/engine/rule-reference';

describe('the seed\'s four application types in their recommended configuration', () => {
  test.each(Object.entries(SEED_CLIENTS))('%s: no error and no warning', (_name, description) => {
    const loud = ClientValidator.validate(description).filter((f) => f.severity !== Severity.INFO);
    expect(loud).toEqual([]);
  });
});

describe('findings', () => {
  test('every finding is returned, not only the first', () => {
    // GIVEN a public client that breaks three independent rules
    const findings = ClientValidator.validate({
      ...NATIVE_APP,
      pkce: undefined,
      idTokenSigningAlgorithm: SigningAlgorithm.HS256,
      redirectUris: ['myapp:/cb'],
    });
    // THEN all three are reported
    expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['OAC-040', 'OAC-060', 'OAC-088']));
  });

  test('options that are none of their enum\'s values (from JavaScript) are refused, naming the values to give', () => {
    // Taken as given, profile 'fapi2' judged without FAPI 2.0's rules, and authorizationServer 'Cognito' without Cognito's.
    expect(() => ClientValidator.validate(WEB_APP, { profile: 'fapi2' as ValidationProfile }))
      .toThrow(new Error("ClientValidator.validate: options.profile 'fapi2' is not a ValidationProfile. Give one of ValidationProfile.DEFAULT, ValidationProfile.FAPI_2_0."));
    expect(() => ClientValidator.validate(WEB_APP, { authorizationServer: 'Cognito' as AuthorizationServerKind })).toThrow(new Error(
      "ClientValidator.validate: options.authorizationServer 'Cognito' is not an AuthorizationServerKind. Give one of AuthorizationServerKind.COGNITO, "
      + 'AuthorizationServerKind.DYNAMIC_REGISTRATION, AuthorizationServerKind.AUTH0, AuthorizationServerKind.GENERIC.'));
    expect(ClientValidator.validate(WEB_APP, { profile: ValidationProfile.FAPI_2_0 }).map((f) => f.ruleId)).toEqual(['FAPI-003', 'FAPI-005', 'FAPI-007']);
  });

  test('a description that TypeScript\'s types would have stopped (from JavaScript) is refused, naming what to give', () => {
    const asIf = (d: unknown) => d as ClientDescription;
    const refused = (d: unknown) => () => ClientValidator.validate(asIf(d));
    // Judged as given, 'Public' was a confidential client (OAC-022), and a redirect URI as a string was none (OAC-080).
    expect(refused({ ...SINGLE_PAGE_APP, clientType: 'Public' }))
      .toThrow(new Error("ClientValidator.validate: description.clientType 'Public' is not a ClientType. Give one of ClientType.CONFIDENTIAL, ClientType.PUBLIC."));
    expect(refused({ ...SINGLE_PAGE_APP, clientType: undefined }))
      .toThrow(new Error('ClientValidator.validate: description.clientType is missing. Give one of ClientType.CONFIDENTIAL, ClientType.PUBLIC.'));
    expect(refused({ ...SINGLE_PAGE_APP, pkce: 'S-256' }))
      .toThrow(new Error("ClientValidator.validate: description.pkce 'S-256' is not a PkceMethod. Give one of PkceMethod.S256, PkceMethod.PLAIN, PkceMethod.NONE."));
    expect(refused({ ...SINGLE_PAGE_APP, applicationType: 'spa' })).toThrow("description.applicationType 'spa' is not an ApplicationType. Give one of ApplicationType.WEB,");
    expect(refused({ ...SINGLE_PAGE_APP, redirectUris: 'https://app.example.com/cb' })).toThrow(new Error('ClientValidator.validate: '
      + 'description.redirectUris is "https://app.example.com/cb", not a list. Give a list, even of one: redirectUris: ["https://app.example.com/cb"].'));
    for (const missing of [undefined, null]) expect(refused(missing)).toThrow('ClientValidator.validate: the description is missing. Give a ClientDescription');
    // What the shape allows is for the rules to judge: no grant type at all is OAC-009.
    expect(ClientValidator.validate(asIf({ clientType: ClientType.PUBLIC })).map((f) => f.ruleId)).toContain('OAC-009');
  });

  test('a message says what is wrong, the value given, how to fix it and the spec section', () => {
    const [finding] = ClientValidator.validate({ ...NATIVE_APP, pkce: PkceMethod.NONE }).filter((f) => f.ruleId === 'OAC-060');
    expect(finding.message).toBe(
      "[OAC-060] public clients MUST use PKCE with authorization_code, but pkce is 'none' (RFC 9700 §2.1.1). Set pkce: PkceMethod.S256.");
    expect(finding.detail).toBe(finding.message.slice('[OAC-060] '.length));
    expect(finding.source).toBe('RFC 9700 §2.1.1');
  });

  test('one finding per offending redirect URI, each naming the URI', () => {
    const findings = ClientValidator.validate({ ...WEB_APP, redirectUris: ['http://a.example.com/cb', 'http://b.example.com/cb'] })
      .filter((f) => f.ruleId === 'OAC-085');
    expect(findings.map((f) => f.detail)).toEqual([
      expect.stringContaining("'http://a.example.com/cb'"),
      expect.stringContaining("'http://b.example.com/cb'"),
    ]);
  });

  test('contradictions in terms and backend capability rules cannot be acknowledged', () => {
    const rules = ClientValidator.rules();
    const locked = rules.filter((r) => !r.acknowledgeable).map((r) => r.id);
    expect(locked).toEqual(expect.arrayContaining(['OAC-001', 'OAC-020', 'OAC-021', 'OAC-040', 'OAC-043']));
    expect(rules.filter((r) => r.scope === RuleScope.COGNITO || r.scope === RuleScope.AUTH0).every((r) => !r.acknowledgeable)).toBe(true);
    expect(rules.find((r) => r.id === 'OAC-061')?.acknowledgeable).toBe(true);
  });
});

describe('scopes', () => {
  const cognitoBreaker = { ...WEB_APP, idTokenSigningAlgorithm: SigningAlgorithm.PS256 };

  test('COG-* rules apply only on Cognito', () => {
    expect(ClientValidator.validate(cognitoBreaker).map((f) => f.ruleId).filter((id) => id.startsWith('COG-'))).toEqual([]);
    expect(ClientValidator.validate(cognitoBreaker, { authorizationServer: AuthorizationServerKind.COGNITO }).map((f) => f.ruleId))
      .toEqual(expect.arrayContaining(['COG-005', 'COG-006']));
  });

  test('A0-* rules apply only on Auth0', () => {
    const bad = { ...SINGLE_PAGE_APP, clientType: ClientType.CONFIDENTIAL };
    expect(ClientValidator.validate(bad, { authorizationServer: AuthorizationServerKind.COGNITO }).map((f) => f.ruleId)).not.toContain('A0-001');
    expect(ClientValidator.validate(bad, { authorizationServer: AuthorizationServerKind.AUTH0 }).map((f) => f.ruleId)).toContain('A0-001');
  });

  test('FAPI-* rules apply only under the FAPI 2.0 profile', () => {
    expect(ClientValidator.validate(NATIVE_APP).some((f) => f.ruleId.startsWith('FAPI-'))).toBe(false);
    expect(ClientValidator.validate(NATIVE_APP, { profile: ValidationProfile.FAPI_2_0 }).map((f) => f.ruleId)).toContain('FAPI-001');
  });
});

describe('unresolved CDK tokens are skipped, never misjudged', () => {
  test('a redirect URI that is a token is not judged', () => {
    const ids = ClientValidator.validate({ ...WEB_APP, redirectUris: [TOKEN] }).map((f) => f.ruleId);
    expect(ids).not.toEqual(expect.arrayContaining(['OAC-083']));
    expect(ids.filter((id) => id.startsWith('OAC-08'))).toEqual([]);
  });

  test('a token in the host leaves the host unjudged', () => {
    const ids = ClientValidator.validate({ ...WEB_APP, redirectUris: [`http://${TOKEN}/cb`] }).map((f) => f.ruleId);
    expect(ids).not.toContain('OAC-085');
  });

  test('a grant list that is a token does not count as empty', () => {
    const ids = ClientValidator.validate({ ...MACHINE_TO_MACHINE, grantTypes: [GrantType.custom(LIST_TOKEN)] }).map((f) => f.ruleId);
    expect(ids).not.toContain('OAC-009');
  });

  test('redirect URIs given as a list token do not count as missing', () => {
    const ids = ClientValidator.validate({ ...WEB_APP, redirectUris: [LIST_TOKEN] }).map((f) => f.ruleId);
    expect(ids).not.toContain('OAC-080');
  });

  test('redirect URIs given as a list token do not count as given either: the list may be empty', () => {
    const ids = ClientValidator.validate({ ...MACHINE_TO_MACHINE, redirectUris: [LIST_TOKEN] }).map((f) => f.ruleId);
    expect(ids).not.toContain('OAC-081');
  });

  test('a method that is a token is neither none nor a secret method', () => {
    const ids = ClientValidator.validate({ ...NATIVE_APP, tokenEndpointAuthMethod: TokenEndpointAuthMethod.custom(TOKEN) }).map((f) => f.ruleId);
    expect(ids).not.toContain('OAC-020');
  });

  test('a secret length that is a number token is not compared', () => {
    const ids = ClientValidator.validate({ ...MACHINE_TO_MACHINE, idTokenSigningAlgorithm: SigningAlgorithm.HS512, clientSecretBytes: NUMBER_TOKEN })
      .map((f) => f.ruleId);
    expect(ids).not.toContain('OAC-042');
  });

  test('a key whose size is a number token is neither measured nor missing', () => {
    const ids = ClientValidator.validate({ ...WEB_APP, jwks: [{ keyType: KeyType.RSA, sizeBits: NUMBER_TOKEN }] }).map((f) => f.ruleId);
    expect(ids).not.toContain('OAC-044');
    expect(ids).not.toContain('OAC-024');
  });
});

describe('a CloudFormation dynamic reference ({{resolve:...}}) is decided at deployment, as a token is', () => {
  const messages = (redirectUris: string[]) => ClientValidator.validate({ ...WEB_APP, redirectUris }).map((f) => `${f.ruleId} ${f.detail}`);

  test('a redirect URI that is one, or whose host is one, is not judged where the reference decides', () => {
    expect(messages(['{{resolve:ssm:/app/callback}}'])).toEqual([]);
    expect(messages(['http://{{resolve:ssm:/app/host}}/cb'])).toEqual([]);
    expect(messages(['https://{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:app:SecretString:host}}/cb'])).toEqual([]);
  });

  test('the text around it is judged, and a finding quotes the reference as written', () => {
    expect(messages(['https://{{resolve:ssm:/app/host}}/cb#done'])).toEqual([
      expect.stringMatching(/^OAC-082 .*'https:\/\/\{\{resolve:ssm:\/app\/host\}\}\/cb#done'/),
    ]);
    expect(messages(['http://app.example.com/{{resolve:ssm:/app/path}}'])).toEqual([expect.stringMatching(/^OAC-085 /)]);
  });

  test('an unclosed one leaves the whole URI unjudged, as a malformed token marker does', () => {
    expect(messages(['http://app.example.com/{{resolve:ssm:/x#y'])).toEqual([]);
  });
});

describe('a JavaScript caller\'s plain { value } objects in place of the constants', () => {
  test('are read as the constants they spell: the same findings', () => {
    const withConstants: ClientDescription = {
      ...SINGLE_PAGE_APP,
      grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.IMPLICIT],
      responseTypes: undefined,
      tokenEndpointAuthMethod: TokenEndpointAuthMethod.CLIENT_SECRET_BASIC,
      idTokenSigningAlgorithm: SigningAlgorithm.HS256,
    };
    const plain = {
      ...withConstants,
      grantTypes: [{ value: 'authorization_code' }, { value: 'implicit' }],
      tokenEndpointAuthMethod: { value: 'client_secret_basic' },
      idTokenSigningAlgorithm: { value: 'HS256' },
    } as unknown as ClientDescription;
    const findings = ClientValidator.validate(plain);
    expect(findings.map((f) => f.ruleId)).toEqual(['OAC-004', 'OAC-020', 'OAC-040']);
    expect(findings).toEqual(ClientValidator.validate(withConstants));
  });
});

describe('Cognito limits (COG-008)', () => {
  const cognito = (redirectUris: string[]) => ClientValidator
    .validate({ ...WEB_APP, redirectUris }, { authorizationServer: AuthorizationServerKind.COGNITO })
    .filter((f) => f.ruleId === 'COG-008').map((f) => f.detail);
  const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://app.example.com/cb/${i}`);
  const ofLength = (n: number) => `https://app.example.com/${'a'.repeat(n - 'https://app.example.com/'.length)}`;

  test('at most 100 callback URLs', () => {
    expect(cognito(urls(100))).toEqual([]);
    expect(cognito(urls(101))).toEqual([expect.stringMatching(/^Cognito allows at most 100 callback URLs, but 101 were given/)]);
  });

  test('callback URLs of at most 1024 characters, each one too long named', () => {
    expect(cognito([ofLength(1024)])).toEqual([]);
    expect(cognito([ofLength(1024), ofLength(1025)])).toEqual([
      expect.stringMatching(/^Cognito allows callback URLs of at most 1024 characters, but one of 1025 was given \('https:\/\/app\.example\.com\/a+\.\.\.'\)/),
    ]);
  });

  test('other servers have no such limits', () => {
    const ids = ClientValidator.validate({ ...WEB_APP, redirectUris: [...urls(101), ofLength(2000)] }).map((f) => f.ruleId);
    expect(ids).not.toContain('COG-008');
  });
});

describe('a redirect URI that embeds a token is judged on what its literal text decides', () => {
  const T = '${Token[Distribution.DomainName.123]}';
  const ids = (redirectUris: string[], base = WEB_APP, server = AuthorizationServerKind.DYNAMIC_REGISTRATION) =>
    ClientValidator.validate({ ...base, redirectUris }, { authorizationServer: server }).map((f) => f.ruleId);

  test.each([
    [`https://${T}/callback#state`, 'OAC-082'],
    [`https://${T}/*`, 'OAC-084'],
    [`https://*.${T}/callback`, 'OAC-084'],
    [`/callback/${T}`, 'OAC-083'],
    [`1${T}://cb`, 'OAC-083'],
    [`http://app.example.com/${T}`, 'OAC-085'],
    [`http://localhost/${T}`, 'OAC-086'],
    [`http://127.0.0.1:8080/${T}`, 'OAC-087'],
    [`myapp:/${T}`, 'OAC-089'],
  ])('%s yields %s on a web client', (uri, id) => {
    expect(ids([uri])).toContain(id);
  });

  test.each([
    [`myapp:/${T}`, 'OAC-088'],
    [`http://127.0.0.1:8080/${T}`, 'OAC-092'],
  ])('%s yields %s on a native client', (uri, id) => {
    expect(ids([uri], NATIVE_APP)).toContain(id);
  });

  test('COG-007 judges a literal host with a token in the path', () => {
    expect(ids([`http://127.0.0.1/${T}`], NATIVE_APP, AuthorizationServerKind.COGNITO)).toContain('COG-007');
  });

  test('OAC-081 counts a URI with a token as a redirect URI', () => {
    expect(ids([`https://${T}/callback`], MACHINE_TO_MACHINE)).toContain('OAC-081');
  });

  test.each([
    // The token may hold the scheme, the '//', or the authority (it may even be '80@evil.example').
    `${T}/callback`,
    `app${T}:/callback`,
    `https:/${T}`,
    `https:${T}`,
    `http://localhost:${T}/cb`,
    `http://${T}`,
    `http://${T}.example.com/cb`,
  ])('%s: nothing the token decides is judged', (uri) => {
    const redirectRules = (list: string[]) => list.filter((id) => /^OAC-08[2-9]|^OAC-09|^COG-00[78]/.test(id));
    expect(redirectRules(ids([uri]))).toEqual([]);
    expect(redirectRules(ids([uri], NATIVE_APP, AuthorizationServerKind.COGNITO))).toEqual([]);
  });

  test('COG-008 judges the length of a URI with a token by its literal text, which the resolved URI can only exceed', () => {
    // 'https://' + '/' + 1016 = 1025 literal characters: too long whatever the token resolves to.
    expect(ids([`https://${T}/${'a'.repeat(1016)}`], WEB_APP, AuthorizationServerKind.COGNITO)).toContain('COG-008');
    // 1024 literal characters: the token decides.
    expect(ids([`https://${T}/${'a'.repeat(1015)}`], WEB_APP, AuthorizationServerKind.COGNITO)).not.toContain('COG-008');
  });

  test('a malformed token marker leaves the whole URI unjudged', () => {
    expect(ids(['http://app.example.com/${Token[unclosed#x'])).toEqual(ids(['${Token[TOKEN.1]}']));
  });
});

describe('redirect URIs are judged as registered, not as a URL parser normalizes them', () => {
  test.each([
    ['http://127.1/cb', 'OAC-085'],
    ['http://0x7f.0.0.1/cb', 'OAC-085'],
    ['http://LOCALHOST/cb', 'OAC-086'],
    ['http://[::1]:8080/cb', 'OAC-092'],
    ['http://user@127.0.0.1:9000/cb', 'OAC-092'],
    ['https:app.example.com/cb', 'OAC-083'],
    ['', 'OAC-083'],
    // No scheme, though the text starts as one could: the host and path alone, or a ':' with no name before it.
    ['app.example.com/cb', 'OAC-083'],
    [':/cb', 'OAC-083'],
    // A scheme and nothing after it; http with an empty authority, so no host.
    ['com.example.app:', 'OAC-083'],
    ['http:///cb', 'OAC-083'],
  ])('%s yields %s', (uri, id) => {
    expect(ClientValidator.validate({ ...NATIVE_APP, redirectUris: [uri] }).map((f) => f.ruleId)).toContain(id);
  });

  test.each(['http://[::1]/cb', 'http://[::1]:/cb', 'http://127.0.0.1:/cb'])('%s has no fixed port (an empty port is the default one, RFC 3986 §6.2.3): no OAC-092', (uri) => {
    expect(ClientValidator.validate({ ...NATIVE_APP, redirectUris: [uri] }).map((f) => f.ruleId)).not.toContain('OAC-092');
  });

  test.each(['http://127.0.0.1/cb', 'http://[::1]/cb', 'com.example.app:/cb', 'com.example.app://cb'])('%s is a fine native redirect', (uri) => {
    const loud = ClientValidator.validate({ ...NATIVE_APP, redirectUris: [uri] }).filter((f) => f.severity !== Severity.INFO);
    expect(loud).toEqual([]);
  });
});

describe('an http(s) URI whose host or port is none (RFC 3986 §3.2.2, §3.2.3) is not absolute (OAC-083), and the finding says why', () => {
  const loud = (uri: string) => ClientValidator.validate({ ...NATIVE_APP, redirectUris: [uri] }).filter((f) => f.severity !== Severity.INFO)
    .map((f) => f.message);

  test.each([
    // An unclosed IP literal is no loopback address either: only OAC-083 judges it.
    ['http://[::1/cb', "its host '[::1' opens an IP literal with '[' and does not close it with ']'"],
    ['http://[::1]x/cb', "'x' follows its host '[::1]', where only ':' and a port may"],
    ['https://exa<mple.com/cb', "its host 'exa<mple.com' has '<', which no host name has"],
    ['https://app|example.com/cb', "its host 'app|example.com' has '|', which no host name has"],
    ['http://127.0.0.1:80a/cb', "its port '80a' is not a number"],
    ['http://[::1]:-1/cb', "its port '-1' is not a number"],
    // What an IP literal holds: an IPv6 address (RFC 4291 §2.2), with a zone ID after '%25' (RFC 6874), or an IPvFuture.
    ['http://[::g]/cb', "its host '[::g]' is no IPv6 address: 'g' is not a group of one to four hex digits"],
    ['http://[12345::1]/cb', "its host '[12345::1]' is no IPv6 address: '12345' is not a group of one to four hex digits"],
    ['http://[1::2::3]/cb', "its host '[1::2::3]' is no IPv6 address: '::' comes twice, and stands for one run of zero groups only"],
    ['http://[::1:]/cb', "its host '[::1:]' is no IPv6 address: it has a ':' with no group on one side"],
    ['http://[:1:2:3:4:5:6:7]/cb', "its host '[:1:2:3:4:5:6:7]' is no IPv6 address: it has a ':' with no group on one side"],
    ['http://[1:2:3:4:5:6:7]/cb', "its host '[1:2:3:4:5:6:7]' is no IPv6 address: it has 7 groups, where an address has eight, or fewer and "
      + "'::' in place of zeros"],
    ['http://[1:2:3:4:5:6:7:8:9]/cb', "its host '[1:2:3:4:5:6:7:8:9]' is no IPv6 address: it has 9 groups, where an address has eight, or "
      + "fewer and '::' in place of zeros"],
    ['http://[1:2:3:4::5:6:7:8]/cb', "its host '[1:2:3:4::5:6:7:8]' is no IPv6 address: it has 8 groups and '::', where an address has "
      + "eight, or fewer and '::' in place of zeros"],
    ['http://[1:2:3:4:5:6:7:1.2.3.4]/cb', "its host '[1:2:3:4:5:6:7:1.2.3.4]' is no IPv6 address: it has 9 groups, where an address has "
      + "eight, or fewer and '::' in place of zeros"],
    ['http://[::ffff:1.2.3.256]/cb', "its host '[::ffff:1.2.3.256]' is no IPv6 address: its last part '1.2.3.256' is no IPv4 address"],
    ['http://[::ffff:1.2.03.4]/cb', "its host '[::ffff:1.2.03.4]' is no IPv6 address: its last part '1.2.03.4' is no IPv4 address"],
    ['http://[1.2.3.4::1]/cb', "its host '[1.2.3.4::1]' is no IPv6 address: '1.2.3.4' is not a group of one to four hex digits"],
    ['http://[127.0.0.1]/cb', "its host '[127.0.0.1]' is no IPv6 address: an IPv4 address is written without '[' and ']'"],
    ['http://[]/cb', "its host '[]' is an empty IP literal"],
    ['http://[fe80::1%en0]/cb', "its host '[fe80::1%en0]' has a zone ID that is not '%25' (an encoded '%') and then unreserved or "
      + "percent-encoded characters, as in '[fe80::1%25en0]'"],
    ['http://[fe80::1%25]/cb', "its host '[fe80::1%25]' has a zone ID that is not '%25' (an encoded '%') and then unreserved or "
      + "percent-encoded characters, as in '[fe80::1%25en0]'"],
    ['http://[fe80::g%25en0]/cb', "its host '[fe80::g%25en0]' is no IPv6 address: 'g' is not a group of one to four hex digits"],
    ['http://[v1]/cb', "its host '[v1]' is no IP literal: after 'v' come the version in hex digits, '.', and the address"],
    ['http://[vx.a]/cb', "its host '[vx.a]' is no IP literal: after 'v' come the version in hex digits, '.', and the address"],
  ])('%s: %s', (uri, why) => {
    expect(loud(uri)).toEqual([`[OAC-083] redirect URI '${uri}' is not an absolute URI: ${why} (RFC 6749 §3.1.2). Give the full URI with scheme `
      + "and host, e.g. 'https://app.example.com/callback'."]);
  });

  test.each(['http://127.0.0.1:8080/cb', 'http://[::1]:8080/cb', 'http://[fe80::1%25en0]:8080/cb', 'https://a-b_c~d.example.com/cb', "https://a!$&'()*+,;=.example/cb",
    'http://[::]/cb', 'http://[2001:DB8::1]/cb', 'http://[1:2:3:4:5:6:7:8]/cb', 'http://[1:2:3:4:5:6:7::]/cb', 'http://[::2:3:4:5:6:7:8]/cb',
    'http://[::ffff:127.0.0.1]:8080/cb', 'http://[::1.2.3.4]/cb', 'http://[1:2:3:4:5:6:255.255.255.255]/cb', 'http://[fe80::1%25en%2D0]/cb', 'http://[v1F.a-b:c+d]/cb'])(
    '%s has a host and port RFC 3986 allows: no OAC-083', (uri) => {
      expect(ClientValidator.validate({ ...NATIVE_APP, redirectUris: [uri] }).map((f) => f.ruleId)).not.toContain('OAC-083');
    });
});

describe('a redirect URI with white space or an invisible character is not absolute (OAC-083): no URI has them', () => {
  const oac083 = (uri: string, server?: AuthorizationServerKind) => ClientValidator.validate({ ...WEB_APP, redirectUris: [uri] },
    { authorizationServer: server }).filter((f) => /^OAC-08|^COG-00[78]/.test(f.ruleId)).map((f) => f.message);

  test.each([
    ['https://app.example.com/cb ', "'https://app.example.com/cb ' is not an absolute URI: it has white space (U+0020) at its end, which no URI "
      + "has (RFC 6749 §3.1.2). Remove it: 'https://app.example.com/cb'."],
    [' https://app.example.com/cb', "' https://app.example.com/cb' is not an absolute URI: it has white space (U+0020) at its start, which no "
      + "URI has (RFC 6749 §3.1.2). Remove it: 'https://app.example.com/cb'."],
    ['\thttps://app.example.com/cb\r\n', "'\\u0009https://app.example.com/cb\\u000D\\u000A' is not an absolute URI: it has white space "
      + "(U+0009) at its start and end, which no URI has (RFC 6749 §3.1.2). Remove it: 'https://app.example.com/cb'."],
    ['https://app.example.com/my cb', "'https://app.example.com/my cb' is not an absolute URI: it has white space (U+0020) inside it, which no "
      + 'URI has (RFC 6749 §3.1.2). Remove it, or percent-encode it (a space is %20).'],
    ['https://app.example.com/\u200Bcb', "'https://app.example.com/\\u200Bcb' is not an absolute URI: it has the invisible character U+200B "
      + 'inside it, which no URI has (RFC 6749 §3.1.2). Remove it.'],
    ['https://app.example.com/cb\u00A0', "'https://app.example.com/cb\u00A0' is not an absolute URI: it has white space (U+00A0) at its end, "
      + "which no URI has (RFC 6749 §3.1.2). Remove it: 'https://app.example.com/cb'."],
    ['\n', "'\\u000A' is not an absolute URI: it is only white space (U+000A) (RFC 6749 §3.1.2). Give the full URI with scheme and host."],
  ])('%j: the one finding says which character and where, and the fix', (uri, message) => {
    expect(oac083(uri, AuthorizationServerKind.COGNITO)).toEqual([`[OAC-083] redirect URI ${message}`]);
  });

  test('white space next to a token is judged: no value of the token removes it', () => {
    expect(oac083('https://${Token[Distribution.DomainName.123]}/cb ')).toEqual([expect.stringMatching(
      /^\[OAC-083\] redirect URI 'https:\/\/\$\{Token\[Distribution\.DomainName\.123\]\}\/cb ' is not an absolute URI: it has white space/)]);
  });

  test('the letters of an internationalized host or path are not stray characters', () => {
    expect(oac083('https://bücher.example/straße', AuthorizationServerKind.COGNITO)).toEqual([]);
  });

  describe('the parts the text around a stray character decides are still judged, as around a token', () => {
    const ids = (uri: string) => ClientValidator.validate({ ...NATIVE_APP, redirectUris: [uri] }).map((f) => f.ruleId)
      .filter((id) => /^OAC-08|^OAC-09/.test(id));

    test.each([
      // The scheme is before the stray character: a token in its place would not hide OAC-088 either.
      ['myapp:/cb ', ['OAC-083', 'OAC-088']],
      ['zTU:ATQ  P', ['OAC-083', 'OAC-088']],
      // Plain http on a host the stray character is not in.
      ['http://evil.example/my cb', ['OAC-083', 'OAC-085']],
      ['http://localhost/cb\u200B', ['OAC-083', 'OAC-086']],
      // A stray character in the host: the host is not judged (no OAC-085 for 'local host').
      ['http://local host/cb', ['OAC-083']],
      [' http://evil.example/cb', ['OAC-083']],
    ])('%j yields %j', (uri, expected) => {
      expect(ids(uri)).toEqual(expected);
    });

    test('Cognito\'s http rule judges the host before a stray character in the path (COG-007)', () => {
      const cognito = ClientValidator.validate({ ...WEB_APP, redirectUris: ['http://app.example.com/my cb'] },
        { authorizationServer: AuthorizationServerKind.COGNITO }).map((f) => f.ruleId);
      expect(cognito).toEqual(expect.arrayContaining(['OAC-083', 'OAC-085', 'COG-007']));
    });

    test('every finding shows an invisible character escaped, so its message stays on one line', () => {
      const messages = ClientValidator.validate({ ...NATIVE_APP, redirectUris: ['myapp:/cb\n'] }).map((f) => f.message)
        .filter((m) => /^\[OAC-08[38]\]/.test(m));
      expect(messages).toEqual([
        expect.stringContaining("redirect URI 'myapp:/cb\\u000A' is not an absolute URI"),
        expect.stringContaining("redirect URI 'myapp:/cb\\u000A' uses the private-use scheme 'myapp:'"),
      ]);
    });
  });
});

describe('rule reference', () => {
  test('docs/rules.md is current (run `npx projen rules-doc` when this fails)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
    expect(committed).toBe(renderRuleReference());
  });

  test('lists every rule ID of the rule table, each on a row that its link in reports (ruleDocUrl) leads to', () => {
    const doc = renderRuleReference();
    const ids = new Set<string>();
    for (const rule of ClientValidator.rules()) {
      const url = new URL(ruleDocUrl(rule.id));
      expect(`${url.origin}${url.pathname}`).toBe('https://github.com/cdk-oauth-clients/cdk-oauth-clients/blob/main/docs/rules.md');
      const fragment = url.hash.slice(1);
      expect(doc).toContain(`| <a id="${fragment}"></a>${rule.id} | ${rule.severity} |`);
      ids.add(fragment);
    }
    // One anchor per rule: no two links lead to the same row.
    expect(ids.size).toBe(ClientValidator.rules().length);
  });
});
