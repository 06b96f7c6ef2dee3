import { readFileSync } from 'fs';
import { join } from 'path';
import { App, CfnParameter, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AuthorizationServer, ConfidentialClient, OAuthClientPolicy } from '../../src';
import { synthPolicyCheck } from '../support/policy-check';
import { devHttpClient, rawWebClient } from '../support/raw-client';

interface Report {
  readonly status: string;
  readonly error?: string;
  /** Each violation as rule ID, logical ID (hash removed) and what its message says after the detail. */
  readonly violations: string[];
  /** Everything the report and the printed output say, to look for values that must not be there. */
  readonly everything: string;
}

/** A raw Cognito app client whose callback's scheme is the stack's Scheme parameter (AllowedValues https, http). */
function schemeClient(stack: Stack, options: { noEcho?: boolean } = {}): void {
  const scheme = new CfnParameter(stack, 'Scheme', { allowedValues: ['https', 'http'], noEcho: options.noEcho });
  rawWebClient(stack, `${scheme.valueAsString}://app.example.com/cb`);
}

/** GIVEN an app built with the plugin, WHEN it is synthesized, THEN what the plugin's part of the report says. */
function synthReport(plugin: OAuthClientPolicy, build: (app: App) => void): Report {
  const app = new App({ context: { '@aws-cdk/core:validationReportJson': true } });
  Validations.of(app).addPlugins(plugin);
  build(app);
  const { directory, printed } = synthPolicyCheck(app);
  const json = readFileSync(join(directory, 'policy-validation-report.json'), 'utf8');
  const ours = JSON.parse(json).pluginReports.find((r: { summary: { pluginName: string } }) => r.summary.pluginName === 'cdk-oauth-clients');
  type Violation = { ruleName: string; description: string; violatingResources: Array<{ resourceLogicalId: string }> };
  const violations = (ours?.violations ?? []).map((v: Violation) => {
    const detail = v.description.split(' (when ')[1];
    return `${v.ruleName} ${v.violatingResources[0].resourceLogicalId.replace(/[0-9A-F]{8}$/, '')}${detail ? ` (when ${detail}` : ''}`;
  });
  return { status: ours?.summary.status ?? 'success', error: ours?.summary.metadata?.error, violations, everything: `${json}\n${printed}` };
}

const http = ['OAC-085 Web', 'COG-007 Web'];

describe('OAuthClientPolicy parameters: each stack judged as deployed with the values cdk deploy --parameters gives it', () => {
  test('without parameters, a parameter with AllowedValues is tried with each; with one, the finding is the deployment\'s', () => {
    const build = (app: App) => schemeClient(new Stack(app, 'Auth'));
    expect(synthReport(new OAuthClientPolicy(), build).violations).toEqual(http.map((v) => `${v} (when parameter Scheme is http)`));
    expect(synthReport(new OAuthClientPolicy({ parameters: { Scheme: 'http' } }), build).violations).toEqual(http);
    const https = synthReport(new OAuthClientPolicy({ parameters: { Scheme: 'https' } }), build);
    expect(https.status).toBe('success');
    expect(https.violations).toEqual([]);
  });

  test('Stack:Name is for the stack of that CloudFormation name only (a stage\'s stack too), and wins over Name', () => {
    const plugin = new OAuthClientPolicy({ parameters: { 'Scheme': 'https', 'Prod-Api:Scheme': 'http' } });
    const report = synthReport(plugin, (app) => {
      schemeClient(new Stack(app, 'Auth'));
      schemeClient(new Stack(new Stage(app, 'Prod'), 'Api'));
      schemeClient(new Stack(app, 'Admin', { stackName: 'admin-console' }));
    });
    expect(report.violations).toEqual(http);
    expect(report.everything).toMatch(/'Web' in [^ ]*assembly-Prod[/\\]ProdApi[0-9A-F]*\.template\.json/);

    const byStackName = synthReport(new OAuthClientPolicy({ parameters: { 'Scheme': 'https', 'admin-console:Scheme': 'http' } }), (app) => {
      schemeClient(new Stack(app, 'Auth'));
      schemeClient(new Stack(app, 'Admin', { stackName: 'admin-console' }));
    });
    expect(byStackName.violations).toEqual(http);
    expect(byStackName.everything).toMatch(/'Web' in [^ ]*Admin\.template\.json/);
  });

  test('a parameter given no value stays unknown (cdk deploy keeps an existing stack\'s previous value), Default or not', () => {
    const report = synthReport(new OAuthClientPolicy({ parameters: { Env: 'prod' } }), (app) => {
      const stack = new Stack(app, 'Auth');
      new CfnParameter(stack, 'Env');
      schemeClient(stack);
      (stack.node.findChild('Scheme') as CfnParameter).default = 'https';
    });
    expect(report.violations).toEqual(http.map((v) => `${v} (when parameter Scheme is http)`));
  });

  test('a client declared with this library: its deploy-time value is the deployment\'s, and the finding is the declaration\'s', () => {
    const report = synthReport(new OAuthClientPolicy({ parameters: { Scheme: 'http' } }), (app) => {
      const stack = new Stack(app, 'Auth');
      const scheme = new CfnParameter(stack, 'Scheme', { allowedValues: ['https', 'http'] });
      new ConfidentialClient(stack, 'Web', {
        authorizationServer: AuthorizationServer.cognito(new cognito.UserPool(stack, 'Pool')),
        redirectUris: [`${scheme.valueAsString}://app.example.com/cb`],
      });
    });
    expect(report.violations).toEqual(['OAC-085 Web', 'COG-007 Web']);
    expect(report.everything).not.toContain('escape hatch');
  });

  test('a NoEcho parameter is never resolved, so its value reaches no report, not even when it is refused', () => {
    const given = synthReport(new OAuthClientPolicy({ parameters: { Scheme: 'http' } }), (app) => schemeClient(new Stack(app, 'Auth'), { noEcho: true }));
    expect(given.violations).toEqual([]);
    const refused = synthReport(new OAuthClientPolicy({ parameters: { Scheme: 'gopher-secret' } }), (app) => schemeClient(new Stack(app, 'Auth'), { noEcho: true }));
    expect(refused.error).toContain("stack 'Auth': parameter Scheme: its value is not among its AllowedValues (https, http)");
    expect(refused.everything).not.toContain('gopher-secret');
  });
});

describe('OAuthClientPolicy parameters that no deployment could have fail the policy check, naming the key', () => {
  const twoStacks = (app: App) => {
    schemeClient(new Stack(app, 'Auth'));
    new CfnParameter(new Stack(app, 'Api'), 'Host');
  };

  test.each([
    [{ Scheme: 'ftp' }, "stack 'Auth': parameter Scheme: 'ftp' is not among its AllowedValues (https, http), so CloudFormation would refuse it"],
    [{ Shceme: 'https' }, "no stack's template declares parameter(s) Shceme: check the names"],
    [{ 'Api:Scheme': 'https' }, "stack 'Api' declares no parameter Scheme (it declares: BootstrapVersion, Host), so CloudFormation would refuse it"],
    [{ 'Auht:Scheme': 'https' }, "no stack of the assembly is named 'Auht' (stacks: Api, Auth); a key's stack is its CloudFormation name"],
  ])('%j', (parameters, message) => {
    const report = synthReport(new OAuthClientPolicy({ parameters }), twoStacks);
    expect(report.status).toBe('failure');
    expect(report.error).toBe(`Validation plugin 'cdk-oauth-clients' failed: OAuthClientPolicy parameters: ${message}`);
    expect(report.violations).toEqual([]);
  });

  test('a nested stack\'s parameters are its parent\'s to give, so a name only a nested stack declares is unknown', () => {
    const report = synthReport(new OAuthClientPolicy({ parameters: { Tier: 'gold' } }), (app) => {
      const nested = new NestedStack(new Stack(app, 'Parent'), 'Child');
      new CfnParameter(nested, 'Tier');
    });
    expect(report.error).toContain("no stack's template declares parameter(s) Tier");
  });

  test.each([
    [{ 'Auth:': 'x' }, "'Auth:' is not a parameter key"],
    [{ ':Scheme': 'x' }, "':Scheme' is not a parameter key"],
    [{ 'A:B:C': 'x' }, "'A:B:C' is not a parameter key: use 'Name' for every stack that declares it, or 'Stack:Name' for one stack"],
    [{ 'Auth: Scheme': 'x' }, "'Auth: Scheme' is not a parameter key"],
    [{ Scheme: 443 }, "the value of 'Scheme' is number: give a string, as cdk deploy --parameters does"],
    [{ Scheme: null }, "the value of 'Scheme' is null: give a string"],
  ])('a malformed key or value is refused when the plugin is made: %j', (parameters, message) => {
    expect(() => new OAuthClientPolicy({ parameters: parameters as unknown as Record<string, string> })).toThrow(`OAuthClientPolicy parameters: ${message}`);
  });
});

test('a key named like what every JavaScript object has (__proto__, toString) is a name like any other', () => {
  const unknown = synthReport(new OAuthClientPolicy({ parameters: JSON.parse('{"__proto__": "x", "Auth:toString": "y"}') }), (app) => {
    schemeClient(new Stack(app, 'Auth'));
  });
  expect(unknown.error).toContain("stack 'Auth' declares no parameter toString");
  expect(unknown.error).toContain("no stack's template declares parameter(s) __proto__");
});

describe('a nested stack is judged with the values its stack resource gives its parameters, as CloudFormation deploys it', () => {
  /**
   * GIVEN Parent/Auth, a nested stack whose parameter Env (dev or prod) Parent gives, and in it a raw client whose
   * callback is http:// when Env is dev.
   */
  const nested = (env: (parent: Stack) => string) => (app: App) => {
    const parent = new Stack(app, 'Parent');
    const auth = new NestedStack(parent, 'Auth', { parameters: { Env: env(parent) } });
    devHttpClient(auth);
  };

  test('a literal value (NestedStack parameters): the client is judged as deployed with it', () => {
    expect(synthReport(new OAuthClientPolicy(), nested(() => 'prod')).violations).toEqual([]);
    expect(synthReport(new OAuthClientPolicy(), nested(() => 'dev')).violations).toEqual(http);
  });

  test('a parameter of the parent: unknown without values, each way tried; with the deployment\'s values, the one given', () => {
    const parentEnv = nested((parent) => new CfnParameter(parent, 'Env').valueAsString);
    expect(synthReport(new OAuthClientPolicy(), parentEnv).violations).toEqual(http.map((v) => `${v} (when IsDev is true)`));
    expect(synthReport(new OAuthClientPolicy({ parameters: { Env: 'prod' } }), parentEnv).violations).toEqual([]);
    expect(synthReport(new OAuthClientPolicy({ parameters: { Env: 'dev' } }), parentEnv).violations).toEqual(http);
  });

  test('a value the nested stack\'s parameter does not allow fails the policy check, naming the stack resource', () => {
    const refused = synthReport(new OAuthClientPolicy(), nested(() => 'test'));
    expect(refused.status).toBe('failure');
    expect(refused.error).toMatch(new RegExp("stack '.*ParentAuth[0-9A-F]{8}\\.nested\\.template\\.json': parameter Env: 'test' is not among its AllowedValues "
      + "\\(dev, prod\\), so CloudFormation would refuse it; the nested stack 'AuthNestedStackAuthNestedStackResource[0-9A-F]{8}' of .*Parent\\.template\\.json gives it$"));
  });
});
