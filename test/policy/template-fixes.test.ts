import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { ApplicationType, AuthorizationServer, PublicClient, Severity, ValidationProfile } from '../../src';
import { COGNITO_TEMPLATE_FIXES } from '../../src/private/policy/cognito-template-fixes';
import { checkTemplate, TemplateFinding } from '../../src/private/policy/template-checker';

/** The findings of the policy check on one raw app client with these properties. */
function findings(properties: Record<string, unknown>, profile?: ValidationProfile): TemplateFinding[] {
  const template = {
    Resources: {
      Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: 'eu-west-1_pool', AllowedOAuthFlowsUserPoolClient: true, ...properties } },
    },
  };
  return checkTemplate(template, 'Stack.template.json', { minimumSeverity: Severity.INFO, profile }).findings;
}

/** What a rule the construct layer knows by its props looks like in a template's words. */
const CONSTRUCT_WORDS = new RegExp([
  'GrantType\\.', 'TokenEndpointAuthMethod\\.', 'SigningAlgorithm\\.', 'PkceMethod\\.', 'ApplicationType\\.', 'ValidationProfile\\.',
  'AuthorizationServer\\.', 'ConfidentialClient', 'PublicClient', 'MACHINE_TO_MACHINE', '\\bredirectUris\\b', '\\brefreshTokenRotation\\b',
  '\\bclientName\\b', '\\bscopes:', '\\bpkce\\b', 'acknowledge',
].join('|'));

const HTTPS = ['https://app.example.com/cb'];
const PUBLIC_CODE = { AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'], CallbackURLs: HTTPS, GenerateSecret: false };
const ROTATION = { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } };
const DEFAULT = ValidationProfile.DEFAULT;
const M2M = { AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['billing/read'], GenerateSecret: true };

/** The findings of the policy check on the app client of one L2 UserPoolClient with these props. */
function l2Findings(props: cognito.UserPoolClientOptions, minimumSeverity?: Severity, profile?: ValidationProfile): TemplateFinding[] {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  new cognito.UserPool(stack, 'Pool').addClient('Spa', props);
  return checkTemplate(app.synth().getStackByName('Stack').template, 'Stack.template.json', { minimumSeverity, profile }).findings;
}

describe('a raw Cognito app client\'s findings give the fix in its CloudFormation properties', () => {
  // GIVEN a client that breaks the rule; WHEN its properties are changed as the fix says; THEN the rule holds.
  test.each<[string, Record<string, unknown>, string, Record<string, unknown>, ValidationProfile]>([
    ['OAC-120', PUBLIC_CODE, 'Set RefreshTokenRotation: { Feature: ENABLED } (L2 UserPoolClient: refreshTokenRotationGracePeriod).',
      { ...PUBLIC_CODE, ...ROTATION }, DEFAULT],
    ['COG-001', { ...M2M, GenerateSecret: false }, 'Set GenerateSecret: true, or remove client_credentials from AllowedOAuthFlows.', M2M, DEFAULT],
    ['OAC-001', { ...M2M, GenerateSecret: false },
      'Remove client_credentials from AllowedOAuthFlows; a service gets an app client of its own, with GenerateSecret: true.', M2M, DEFAULT],
    ['COG-003', { ...M2M, AllowedOAuthScopes: ['openid'] },
      "Use scopes of a resource server (AWS::Cognito::UserPoolResourceServer) in AllowedOAuthScopes, e.g. 'billing/read'.", M2M, DEFAULT],
    ['OAC-080', { ...PUBLIC_CODE, ...ROTATION, CallbackURLs: [] }, 'Add the exact callback URL(s) to CallbackURLs.', { ...PUBLIC_CODE, ...ROTATION }, DEFAULT],
    ['OAC-081', { ...M2M, CallbackURLs: HTTPS }, 'Remove CallbackURLs, or add code to AllowedOAuthFlows.', M2M, DEFAULT],
    ['OAC-004', { ...PUBLIC_CODE, ...ROTATION, AllowedOAuthFlows: ['implicit'] },
      'Replace implicit with code in AllowedOAuthFlows, and use PKCE (L2 UserPoolClient: oAuth.flows: { authorizationCodeGrant: true }, as its default flows have implicitCodeGrant).',
      { ...PUBLIC_CODE, ...ROTATION }, DEFAULT],
    ['COG-008', { ...M2M, ClientName: 'n'.repeat(129) }, 'Shorten ClientName.', { ...M2M, ClientName: 'n'.repeat(128) }, DEFAULT],
    ['FAPI-008', { ...M2M, ...ROTATION }, 'Remove RefreshTokenRotation, or set its Feature to DISABLED (L2 UserPoolClient: no refreshTokenRotationGracePeriod).',
      { ...M2M, RefreshTokenRotation: { Feature: 'DISABLED' } }, ValidationProfile.FAPI_2_0],
  ])('%s', (ruleId, bad, fix, fixed, profile) => {
    const found = findings(bad, profile).filter((f) => f.ruleId === ruleId);
    expect(found.map((f) => f.fix)).toEqual([fix]);
    // The report's text ends with the same fix, in place of the construct's.
    expect(found[0].message.endsWith(`). ${fix}`)).toBe(true);
    expect(findings(fixed, profile).map((f) => f.ruleId)).not.toContain(ruleId);
  });

  test('an L2 UserPoolClient: the fix names the L2 prop, and the prop it names clears the finding', () => {
    const oAuth = { flows: { authorizationCodeGrant: true }, callbackUrls: HTTPS };
    expect(l2Findings({ oAuth }).map((f) => `${f.ruleId} ${f.fix}`))
      .toEqual(['OAC-120 Set RefreshTokenRotation: { Feature: ENABLED } (L2 UserPoolClient: refreshTokenRotationGracePeriod).']);
    expect(l2Findings({ oAuth, refreshTokenRotationGracePeriod: Duration.seconds(0) })).toEqual([]);
  });

  test('an L2 UserPoolClient given no flows has the implicit grant too: the fix names the L2 flows that leave it out', () => {
    const rotation = { refreshTokenRotationGracePeriod: Duration.seconds(0) };
    expect(l2Findings({ oAuth: { callbackUrls: HTTPS }, ...rotation }, Severity.WARNING).map((f) => `${f.ruleId} ${f.fix}`)).toEqual([
      'OAC-004 Replace implicit with code in AllowedOAuthFlows, and use PKCE'
        + ' (L2 UserPoolClient: oAuth.flows: { authorizationCodeGrant: true }, as its default flows have implicitCodeGrant).',
    ]);
    expect(l2Findings({ oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: HTTPS }, ...rotation }, Severity.WARNING)).toEqual([]);
    // FAPI 2.0 refuses the implicit grant outright, with the same way out.
    expect(l2Findings({ oAuth: { callbackUrls: HTTPS }, ...rotation }, Severity.ERROR, ValidationProfile.FAPI_2_0)
      .filter((f) => f.fix.startsWith('Remove implicit')).map((f) => `${f.ruleId} ${f.fix}`)).toEqual([
      'FAPI-006 Remove implicit from AllowedOAuthFlows: use code'
        + ' (L2 UserPoolClient: oAuth.flows: { authorizationCodeGrant: true }, as its default flows have implicitCodeGrant).',
    ]);
  });

  // Every app client of a grid of properties (every rule a raw app client can break is among them).
  const FLOWS = [['code'], ['implicit'], ['client_credentials'], ['code', 'implicit'], ['code', 'client_credentials'], ['code', 'implicit', 'client_credentials'], ['password']];
  const CALLBACKS = [
    [], HTTPS, ['http://app.example.com/cb'], ['https://*.example.com/cb'], ['https://app.example.com/cb#x'], ['/cb'], ['http://localhost/cb'],
    ['http://127.0.0.1:8080/cb'], ['myapp:/cb'], [`https://app.example.com/${'x'.repeat(1100)}`], Array.from({ length: 101 }, (_, i) => `https://app.example.com/${i}`),
  ];
  const everyFinding: TemplateFinding[] = [];
  beforeAll(() => {
    for (const profile of [ValidationProfile.DEFAULT, ValidationProfile.FAPI_2_0]) {
      for (const flows of FLOWS) {
        for (const callbacks of CALLBACKS) {
          for (const secret of [true, false]) {
            for (const rotation of [ROTATION, {}]) {
              for (const scopes of [['openid'], ['billing/read'], []]) {
                everyFinding.push(...findings({
                  AllowedOAuthFlows: flows, CallbackURLs: callbacks, GenerateSecret: secret, AllowedOAuthScopes: scopes, ClientName: 'n'.repeat(secret ? 10 : 129), ...rotation,
                }, profile));
              }
            }
          }
        }
      }
    }
  });

  test('no fix on a raw app client names a construct\'s prop or enum, or an acknowledgement it cannot have', () => {
    const inConstructWords = [...new Set(everyFinding.filter((f) => CONSTRUCT_WORDS.test(f.fix)).map((f) => `${f.ruleId}: ${f.fix}`))];
    expect(inConstructWords).toEqual([]);
    // The grid reaches the rules whose fix the table rewrites, and more.
    expect(new Set(everyFinding.map((f) => f.ruleId)).size).toBeGreaterThanOrEqual(25);
  });

  test('every fix the table rewrites is one that a rule gives on a raw app client (no entry is left behind by a rule\'s change)', () => {
    const given = new Set(everyFinding.map((f) => f.fix));
    const rewritten = new Set(COGNITO_TEMPLATE_FIXES.values());
    const reached = [...rewritten].filter((fix) => given.has(fix));
    expect(reached).toEqual([...rewritten]);
  });
});

describe('a client declared with the construct', () => {
  function check(override?: (client: cognito.CfnUserPoolClient) => void): TemplateFinding[] {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const spa = new PublicClient(stack, 'Spa', {
      authorizationServer: AuthorizationServer.cognito(new cognito.UserPool(stack, 'Pool')),
      applicationType: ApplicationType.SINGLE_PAGE,
      redirectUris: HTTPS,
      refreshTokenRotation: false,
      acknowledgedRules: {},
    });
    override?.(spa.node.defaultChild as cognito.CfnUserPoolClient);
    return checkTemplate(app.synth({ skipValidation: true }).getStackByName('Stack').template, 'Stack.template.json').findings;
  }

  test('keeps the fix in the construct\'s props for what it declared', () => {
    expect(check().map((f) => `${f.ruleId} ${f.fix}`)).toEqual(['OAC-120 Set refreshTokenRotation: true.']);
  });

  test('an override of its app client is fixed in the properties the override changed', () => {
    const found = check((client) => client.addPropertyOverride('CallbackURLs', [])).filter((f) => f.ruleId === 'OAC-080');
    expect(found.map((f) => f.fix)).toEqual(['Add the exact callback URL(s) to CallbackURLs.']);
    expect(found[0].message).toContain('Add the exact callback URL(s) to CallbackURLs. (found in the template\'s properties, which an escape hatch');
  });
});
