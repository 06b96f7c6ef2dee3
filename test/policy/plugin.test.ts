import { readFileSync } from 'fs';
import { join } from 'path';
import { App, CfnCondition, CfnParameter, Fn, LegacyStackSynthesizer, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  ApplicationType, AuthorizationServer, ConfidentialClient, OAuthClientPolicy, OAuthClientPolicyProps, PkceMethod, PublicClient, Severity,
  ValidationProfile,
} from '../../src';
import { nestedInsecureClient } from '../support/nested-client';
import { synthPolicyCheck } from '../support/policy-check';

interface Violation {
  ruleName: string;
  description: string;
  fix: string;
  ruleMetadata?: Record<string, string>;
  severity: string;
  violatingResources: Array<{ resourceLogicalId: string; templatePath: string; locations: string[]; constructPath?: string }>;
  violatingConstructs: Array<{ constructPath: string }>;
}

/** GIVEN an app with the plugin, WHEN it is synthesized, THEN the policy-validation report JSON it wrote. */
function synthReport(build: (stack: Stack) => void, props?: OAuthClientPolicyProps): { success: boolean; violations: Violation[] } {
  const app = new App({ context: { '@aws-cdk/core:validationReportJson': true } });
  const plugin = new OAuthClientPolicy(props);
  const validate = jest.spyOn(plugin, 'validate');
  Validations.of(app).addPlugins(plugin);
  build(new Stack(app, 'Stack'));
  const { directory } = synthPolicyCheck(app);
  const report = JSON.parse(readFileSync(join(directory, 'policy-validation-report.json'), 'utf8'));
  // The plugin ran over the stack's template...
  expect(validate).toHaveBeenCalledTimes(1);
  expect(validate.mock.calls[0][0].templatePaths).toEqual([expect.stringMatching(/Stack\.template\.json$/)]);
  // ...and the report lists the plugins that found violations.
  const failed = report.pluginReports.find((r: { summary: { pluginName: string } }) => r.summary.pluginName === 'cdk-oauth-clients');
  return failed ? { success: failed.summary.status === 'success', violations: failed.violations } : { success: true, violations: [] };
}

function pool(stack: Stack): cognito.UserPool {
  return new cognito.UserPool(stack, 'Pool');
}

function raw(stack: Stack, id: string, props: Partial<cognito.CfnUserPoolClientProps>): void {
  new cognito.CfnUserPoolClient(stack, id, {
    userPoolId: (stack.node.tryFindChild('Pool') as cognito.UserPool ?? pool(stack)).userPoolId,
    allowedOAuthFlowsUserPoolClient: true,
    ...props,
  });
}

/** The violating resources as the plugin reported them: later aws-cdk-lib versions add the construct path they infer. */
function asReported(resources: Violation['violatingResources']): Array<Omit<Violation['violatingResources'][number], 'constructPath'>> {
  return resources.map(({ constructPath: _inferred, ...reported }) => reported);
}

function rules(report: { violations: Violation[] }): string[] {
  return report.violations.map((v) => v.ruleName).sort();
}

describe('acknowledgements through aws-cdk-lib: Validations.of(scope).acknowledge({ id: \'cdk-oauth-clients::<rule ID>\' })', () => {
  const publicWorker = (s: Stack) => raw(s, 'Worker', { allowedOAuthFlows: ['client_credentials', 'code'], allowedOAuthScopes: ['billing/read'], callbackUrLs: ['https://w.example.com/cb'] });

  test('an error that the constructs let be acknowledged is reported as an error, and an acknowledgement hides it', () => {
    expect(synthReport(publicWorker).violations.find((v) => v.ruleName === 'OAC-120')!.severity).toBe('error');
    const acknowledged = synthReport((s) => {
      publicWorker(s);
      Validations.of(s).acknowledge({ id: 'cdk-oauth-clients::OAC-120', reason: 'the platform team turns rotation on' });
    });
    expect(rules(acknowledged)).toEqual(['COG-001', 'COG-002', 'OAC-001']);
  });

  test('an error that cannot be acknowledged (a contradiction in terms, what Cognito cannot do) is fatal, which no acknowledgement hides', () => {
    const report = synthReport((s) => {
      publicWorker(s);
      for (const id of ['OAC-001', 'COG-001', 'COG-002']) Validations.of(s).acknowledge({ id: `cdk-oauth-clients::${id}`, reason: 'tried' });
    });
    expect(report.success).toBe(false);
    expect(report.violations.map((v) => `${v.ruleName} ${v.severity}`).sort()).toEqual(['COG-001 fatal', 'COG-002 fatal', 'OAC-001 fatal', 'OAC-120 error']);
  });
});

describe('L1 clients, one per rule family expressible in Cognito properties', () => {
  test('grants: a public client with client_credentials and code', () => {
    const report = synthReport((s) => raw(s, 'Worker', { allowedOAuthFlows: ['client_credentials', 'code'], allowedOAuthScopes: ['billing/read'], callbackUrLs: ['https://w.example.com/cb'] }));
    expect(report.success).toBe(false);
    expect(rules(report)).toEqual(['COG-001', 'COG-002', 'OAC-001', 'OAC-120']);
    const [oac001] = report.violations.filter((v) => v.ruleName === 'OAC-001');
    // A contradiction in terms, which cannot be acknowledged: reported as fatal (below).
    expect(oac001.severity).toBe('fatal');
    expect(oac001.description).toMatch(/^\[OAC-001\] AWS::Cognito::UserPoolClient 'Worker' in .*Stack\.template\.json: a public client was given the client_credentials grant/);
    expect(oac001.fix).toBe('Remove client_credentials from AllowedOAuthFlows; a service gets an app client of its own, with GenerateSecret: true.');
    // The report gives the fix apart ("How to fix"): the description does not say it again.
    expect(oac001.description).not.toContain(oac001.fix);
    expect(oac001.description).toMatch(/\(RFC [^)]*\)\.$/);
    expect(asReported(oac001.violatingResources)).toEqual([{ resourceLogicalId: 'Worker', templatePath: expect.stringMatching(/Stack\.template\.json$/), locations: ['Properties'] }]);
    // The report links each finding to its rule's row in the rule reference, as the cfn-guard plugin links its rules.
    expect(oac001.ruleMetadata).toEqual({ DocumentationUrl: 'https://github.com/cdk-oauth-clients/cdk-oauth-clients/blob/main/docs/rules.md#oac-001' });
  });

  test('the description keeps what a condition decides, and the fix is given once, apart', () => {
    const report = synthReport((s) => {
      const isProd = new CfnCondition(s, 'IsProd', { expression: Fn.conditionEquals(new CfnParameter(s, 'Env').valueAsString, 'prod') });
      raw(s, 'Web', {
        generateSecret: true,
        allowedOAuthFlows: ['code'],
        allowedOAuthScopes: ['openid'],
        callbackUrLs: [Fn.conditionIf(isProd.logicalId, 'https://app.example.com/cb', 'http://app.example.com/cb').toString()],
      });
    });
    expect(rules(report)).toEqual(['COG-007', 'OAC-085']);
    const oac085 = report.violations.find((v) => v.ruleName === 'OAC-085')!;
    expect(oac085.description).toMatch(new RegExp("^\\[OAC-085\\] AWS::Cognito::UserPoolClient 'Web' in .*Stack\\.template\\.json: redirect URI "
      + "'http://app\\.example\\.com/cb' uses plain http on host 'app\\.example\\.com'; http is allowed only for loopback redirection "
      + '\\(RFC 9700 §2\\.6\\)\\. \\(when IsProd is false\\)$'));
    expect(oac085.fix).toMatch(/^Use https, or http:\/\/localhost for local development/);
    for (const v of report.violations) {
      expect(v.fix).not.toBe('');
      expect(v.description).not.toContain(v.fix);
      expect(v.description).toMatch(/ \(when IsProd is false\)$/);
    }
  });

  test('redirect URIs: fragment, relative, wildcard, plain http', () => {
    const report = synthReport((s) => raw(s, 'Web', {
      generateSecret: true,
      allowedOAuthFlows: ['code'],
      allowedOAuthScopes: ['openid'],
      callbackUrLs: ['https://a.example.com/cb#x', '/relative', 'https://*.example.com/cb', 'http://b.example.com/cb'],
    }));
    expect(rules(report)).toEqual(['COG-007', 'OAC-082', 'OAC-083', 'OAC-084', 'OAC-085']);
  });

  test('redirect URIs: a code client without callback, and callbacks on a client_credentials client', () => {
    const report = synthReport((s) => {
      raw(s, 'NoCallback', { generateSecret: true, allowedOAuthFlows: ['code'], allowedOAuthScopes: ['openid'] });
      raw(s, 'M2M', { generateSecret: true, allowedOAuthFlows: ['client_credentials'], allowedOAuthScopes: ['api/x'], callbackUrLs: ['https://m.example.com/cb'] });
    });
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0].resourceLogicalId}`).sort())
      .toEqual(['OAC-080 NoCallback', 'OAC-081 M2M']);
  });

  test('refresh tokens: a public code client without rotation (L2 UserPoolClient)', () => {
    const report = synthReport((s) => {
      pool(s).addClient('Spa', { oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: ['https://spa.example.com/cb'] } });
    });
    expect(rules(report)).toEqual(['OAC-120']);
  });

  test('Cognito capabilities: standard scope with client_credentials, client name over 128 characters', () => {
    const report = synthReport((s) => raw(s, 'M2M', {
      generateSecret: true, allowedOAuthFlows: ['client_credentials'], allowedOAuthScopes: ['email'], clientName: 'n'.repeat(129),
    }));
    expect(rules(report)).toEqual(['COG-003', 'COG-008']);
  });

  test('warnings are reported only from the severity threshold: the implicit grant (L2)', () => {
    const build = (s: Stack) => {
      pool(s).addClient('Legacy', { oAuth: { flows: { implicitCodeGrant: true }, callbackUrls: ['https://legacy.example.com/cb'] } });
    };
    expect(synthReport(build).violations).toEqual([]);
    expect(rules(synthReport(build, { minimumSeverity: Severity.WARNING }))).toEqual(['OAC-004']);
  });

  test('disabled rules are not reported', () => {
    const report = synthReport((s) => raw(s, 'Spa', { allowedOAuthFlows: ['code'], callbackUrLs: ['https://spa.example.com/cb'] }),
      { disabledRules: ['OAC-120'] });
    expect(report.success).toBe(true);
  });

  test('PKCE is not judged on raw Cognito clients, which cannot require it', () => {
    const report = synthReport((s) => raw(s, 'Spa', {
      allowedOAuthFlows: ['code'], callbackUrLs: ['https://spa.example.com/cb'], refreshTokenRotation: { feature: 'ENABLED' },
    }));
    expect(report.violations).toEqual([]);
  });

  test('intrinsics are skipped, not misjudged', () => {
    const report = synthReport((s) => {
      const callback = new CfnParameter(s, 'Callback').valueAsString;
      const secret = new CfnParameter(s, 'Secret', { type: 'String' }).valueAsString;
      raw(s, 'Web', { generateSecret: true, allowedOAuthFlows: ['code'], allowedOAuthScopes: ['openid'], callbackUrLs: [callback] });
      raw(s, 'Unknown', { generateSecret: secret as unknown as boolean, allowedOAuthFlows: ['code'], callbackUrLs: ['http://x.example.com'] });
    });
    expect(report.violations).toEqual([]);
  });

  test('FAPI 2.0: a machine-to-machine client is not judged on ID tokens it never gets (FAPI-003)', () => {
    const report = synthReport((s) => {
      raw(s, 'Worker', { allowedOAuthFlows: ['client_credentials'], allowedOAuthScopes: ['api/x'], generateSecret: true });
      raw(s, 'Web', { allowedOAuthFlows: ['code'], allowedOAuthScopes: ['openid'], callbackUrLs: ['https://app.example.com/cb'], generateSecret: true });
    }, { profile: ValidationProfile.FAPI_2_0 });
    const byClient = (id: string) => report.violations
      .filter((v) => v.violatingResources.some((r) => r.resourceLogicalId.startsWith(id))).map((v) => v.ruleName).sort();
    expect(byClient('Worker')).toEqual(['FAPI-002', 'FAPI-007']);
    expect(byClient('Web')).toEqual(['FAPI-002', 'FAPI-003', 'FAPI-005', 'FAPI-007']);
  });

  test('FAPI 2.0: a public app client is judged as one that does not authenticate, not as one with a default secret (FAPI-002)', () => {
    const report = synthReport((s) => raw(s, 'Spa', {
      allowedOAuthFlows: ['code'], allowedOAuthScopes: ['openid'], callbackUrLs: ['https://spa.example.com/cb'], refreshTokenRotation: { feature: 'ENABLED' },
    }), { profile: ValidationProfile.FAPI_2_0 });
    const fapi002 = report.violations.filter((v) => v.ruleName === 'FAPI-002').map((v) => v.description);
    expect(fapi002).toEqual([expect.stringContaining("requires private_key_jwt or mTLS client authentication, but 'none' was given")]);
  });

  test('callback URLs built with Fn::Join or Fn::Sub are judged on their literal text', () => {
    const report = synthReport((s) => {
      const domain = new CfnParameter(s, 'Domain').valueAsString;
      raw(s, 'Joined', { generateSecret: true, allowedOAuthFlows: ['code'], allowedOAuthScopes: ['openid'], callbackUrLs: [`https://${domain}/cb#state`] });
      raw(s, 'Subbed', {
        generateSecret: true,
        allowedOAuthFlows: ['code'],
        allowedOAuthScopes: ['openid'],
        callbackUrLs: [Fn.sub('http://app.example.com/${AWS::Region}/cb'), Fn.sub('https://${Host}/*', { Host: domain })],
      });
      raw(s, 'Unknowable', {
        generateSecret: true,
        allowedOAuthFlows: ['code'],
        allowedOAuthScopes: ['openid'],
        callbackUrLs: [`http://${domain}/cb`, `${domain}/cb`, Fn.sub('https://${Host}.example.com/cb', { Host: domain })],
      });
      // '${!Name}' is Fn::Sub's escape for the literal text '${Name}'.
      raw(s, 'Escaped', { generateSecret: true, allowedOAuthFlows: ['code'], allowedOAuthScopes: ['openid'], callbackUrLs: [Fn.sub('https://app.example.com/${!Name}#x')] });
    });
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0].resourceLogicalId}`).sort())
      .toEqual(['COG-007 Subbed', 'OAC-082 Escaped', 'OAC-082 Joined', 'OAC-084 Subbed', 'OAC-085 Subbed']);
    // A finding names the value deployment decides as Fn::Sub writes it, not as an anonymous intrinsic.
    const described = (rule: string, id: string) => report.violations
      .find((v) => v.ruleName === rule && v.violatingResources[0].resourceLogicalId === id)?.description;
    expect(described('OAC-082', 'Joined')).toContain("redirect URI 'https://${Token[Domain]}/cb#state' includes a fragment");
    expect(described('OAC-085', 'Subbed')).toContain("redirect URI 'http://app.example.com/${Token[AWS::Region]}/cb' uses plain http");
  });
});

describe('nested stacks, whose templates CDK does not hand to plugins', () => {
  /** GIVEN an insecure raw client two nested stacks deep, WHEN the app is synthesized, THEN the report's violations. */
  function nestedReport(stackProps: StackProps = {}, context: Record<string, unknown> = {}) {
    const app = new App({ context: { '@aws-cdk/core:validationReportJson': true, ...context } });
    Validations.of(app).addPlugins(new OAuthClientPolicy());
    nestedInsecureClient(new Stack(app, 'Parent', stackProps));
    const report = JSON.parse(readFileSync(join(synthPolicyCheck(app).directory, 'policy-validation-report.json'), 'utf8'));
    return report.pluginReports.find((r: { summary: { pluginName: string } }) => r.summary.pluginName === 'cdk-oauth-clients')?.violations ?? [];
  }

  test('a client in a nested stack\'s nested stack is reported from its template, with its construct path (asset manifest)', () => {
    const violations = nestedReport();
    expect(violations.map((v: Violation) => v.ruleName)).toEqual(['OAC-082']);
    expect(asReported(violations[0].violatingResources)).toEqual([{
      resourceLogicalId: 'Web', templatePath: expect.stringMatching(/ParentOuterInner[0-9A-F]{8}\.nested\.template\.json$/), locations: ['Properties'],
    }]);
    expect(violations[0].violatingConstructs[0].constructPath).toBe('Parent/Outer/Inner/Web');
  });

  test('with the legacy synthesizer, which writes no asset manifest, the nested stacks\' asset metadata leads to them', () => {
    const violations = nestedReport({ synthesizer: new LegacyStackSynthesizer() }, { 'aws:cdk:enable-asset-metadata': true });
    expect(violations.map((v: Violation) => v.ruleName)).toEqual(['OAC-082']);
    expect(violations[0].violatingResources[0].templatePath).toMatch(/ParentOuterInner[0-9A-F]{8}\.nested\.template\.json$/);
  });
});

describe('clients declared with this library', () => {
  test('are judged by what they recorded: an acknowledged error is not reported again', () => {
    const report = synthReport((s) => {
      new PublicClient(s, 'Tv', {
        authorizationServer: AuthorizationServer.cognito(pool(s)),
        applicationType: ApplicationType.NATIVE,
        redirectUris: ['com.example.tv:/cb'],
        pkce: PkceMethod.NONE,
        acknowledgedRules: { 'OAC-060': 'PKCE is enforced by the gateway' },
      });
    });
    expect(report.success).toBe(true);
  });

  test('agree with the construct: warnings it raised are the warnings the plugin reports', () => {
    const report = synthReport((s) => {
      new PublicClient(s, 'Spa', {
        authorizationServer: AuthorizationServer.cognito(pool(s)),
        applicationType: ApplicationType.SINGLE_PAGE,
        redirectUris: ['https://spa.example.com/cb'],
        pkce: PkceMethod.PLAIN,
      });
    }, { minimumSeverity: Severity.WARNING });
    expect(rules(report)).toEqual(['OAC-062']);
  });

  test('are judged by their template properties too, so an escape hatch cannot slip an insecure value past the check', () => {
    const report = synthReport((s) => {
      const web = new ConfidentialClient(s, 'Web', { authorizationServer: AuthorizationServer.cognito(pool(s)), redirectUris: ['https://app.example.com/cb'] });
      (web.node.defaultChild as cognito.CfnUserPoolClient).addPropertyOverride('CallbackURLs', ['http://app.example.com/cb']);
    });
    expect(rules(report)).toEqual(['COG-007', 'OAC-085']);
    for (const v of report.violations) expect(v.description).toContain('which an escape hatch or override changed after the construct declared the client');
  });

  test('keep the profile they were declared with', () => {
    const report = synthReport((s) => {
      new PublicClient(s, 'Spa', {
        authorizationServer: AuthorizationServer.cognito(pool(s)),
        applicationType: ApplicationType.SINGLE_PAGE,
        redirectUris: ['https://spa.example.com/cb'],
      });
    }, { profile: ValidationProfile.FAPI_2_0 });
    expect(report.violations).toEqual([]);
  });
});

test('the plugin also works through the policyValidationBeta1 App prop', () => {
  // policyValidationBeta1 is deprecated in favour of Validations.of(app).addPlugins(): aws-cdk-lib says so on stderr
  // (and throws where JSII_DEPRECATED=fail, as test/latest/check.sh sets it; this test uses the prop on purpose).
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const deprecated = process.env.JSII_DEPRECATED;
  process.env.JSII_DEPRECATED = 'quiet';
  try {
    const plugin = new OAuthClientPolicy();
    const app = new App({ policyValidationBeta1: [plugin], context: { '@aws-cdk/core:validationReportJson': true } });
    const stack = new Stack(app, 'Stack');
    raw(stack, 'Worker', { allowedOAuthFlows: ['client_credentials'], allowedOAuthScopes: ['api/x'] });
    const report = JSON.parse(readFileSync(join(synthPolicyCheck(app).directory, 'policy-validation-report.json'), 'utf8'));
    const [failed] = report.pluginReports;
    expect(failed.summary.pluginName).toBe('cdk-oauth-clients');
    expect(failed.violations.map((v: Violation) => v.ruleName).sort()).toEqual(['COG-001', 'OAC-001']);
  } finally {
    if (deprecated === undefined) delete process.env.JSII_DEPRECATED;
    else process.env.JSII_DEPRECATED = deprecated;
    warn.mockRestore();
  }
});

test('the plugin names itself, its version and its rule IDs', () => {
  const plugin = new OAuthClientPolicy({ disabledRules: ['OAC-022'] });
  expect(plugin.name).toBe('cdk-oauth-clients');
  expect(plugin.version).toBe(JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
  expect(plugin.ruleIds).toContain('OAC-060');
  expect(plugin.ruleIds).not.toContain('OAC-022');
});

test('a setting that would quietly report less is refused when the plugin is made, naming it (JavaScript has no enum types to stop it)', () => {
  const useIds = "Use IDs of the rule reference (docs/rules.md), e.g. 'OAC-022'.";
  expect(() => new OAuthClientPolicy({ disabledRules: ['OAC-022', 'OAC-22'] })).toThrow(`OAuthClientPolicy: disabledRules: 'OAC-22' is not a rule ID. ${useIds}`);
  expect(() => new OAuthClientPolicy({ disabledRules: ['oac-001', 'COG-9'] })).toThrow(`OAuthClientPolicy: disabledRules: 'oac-001', 'COG-9' are not rule IDs. ${useIds}`);
  expect(() => new OAuthClientPolicy({ disabledRules: 'OAC-022' as unknown as string[] }))
    .toThrow(new Error('OAuthClientPolicy: disabledRules is "OAC-022", not a list. Give a list, even of one: disabledRules: ["OAC-022"].'));
  // An unknown severity ranked below every finding: the plugin reported nothing.
  expect(() => new OAuthClientPolicy({ minimumSeverity: 'warn' as Severity }))
    .toThrow("OAuthClientPolicy: minimumSeverity 'warn' is not a Severity. Give one of Severity.ERROR, Severity.WARNING, Severity.INFO.");
  expect(() => new OAuthClientPolicy({ profile: 'fapi2' as ValidationProfile }))
    .toThrow("OAuthClientPolicy: profile 'fapi2' is not a ValidationProfile. Give one of ValidationProfile.DEFAULT, ValidationProfile.FAPI_2_0.");
});
