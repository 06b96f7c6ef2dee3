import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { pathToFileURL } from 'url';
// The OASIS SARIF 2.1.0 JSON schema (sarif-2.1.0-rtm.5), which code-scanning services read: expect(log).toBeValidSarifLog().
import '@microsoft/jest-sarif';
import { App, CfnParameter, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import { ExampleStack } from '../../examples/example-stack';
import { ClientValidator } from '../../src';
import { MAX_TEMPLATE_BYTES } from '../../src/private/policy/template-loader';
import { ruleAndWhen, runCli, tempFile, webClientYaml } from '../support/cli';
import { nestedInsecureClient } from '../support/nested-client';
import { devHttpClient } from '../support/raw-client';

const FIXTURES = join(__dirname, 'fixtures');
const fixture = (name: string) => join(FIXTURES, name);

const run = runCli;

describe('exit status', () => {
  test('0 when no client breaks a rule', () => {
    const r = run('check', fixture('clean.json'));
    expect(r.status).toBe(0);
    expect(r.out).toContain('clean.json: 2 OAuth client(s) checked');
    expect(r.out).toContain('0 violation(s) in 1 template(s)');
  });

  test('1 with violations, each with rule ID, resource, file and fix', () => {
    const r = run('check', fixture('machine.json'));
    expect(r.status).toBe(1);
    expect(r.out).toContain(`error   [COG-002] AWS::Cognito::UserPoolClient 'Worker' in ${fixture('machine.json')}: Cognito cannot combine client_credentials`);
    expect(r.out).toContain('6 violation(s) in 1 template(s)');
  });

  test('2 for unusable input, naming the file and never printing a stack trace', () => {
    const r = run('check', fixture('malformed.json'));
    expect(r.status).toBe(2);
    expect(r.err).toMatch(new RegExp(`^cdk-oauth-clients: ${fixture('malformed.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: is not valid JSON: `));
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  test.each([
    ['an empty Resources: (YAML\'s null)', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n'],
    ['Resources given as text', 'Resources: none\n'],
    ['an empty file', ''],
  ])('2 for a template with %s: it has no Resources object', (_, text) => {
    const path = tempFile('t.yaml', text);
    const r = run('check', path);
    expect(r.status).toBe(2);
    expect(r.err).toBe(`cdk-oauth-clients: ${path}: is not a CloudFormation template (it has no Resources object)`);
  });

  test('a template saved with a UTF-8 byte order mark (as Windows editors save it; CloudFormation takes it) is judged as without one', () => {
    const json = readFileSync(fixture('machine.json'), 'utf8');
    const plain = run('check', '--format', 'json', fixture('machine.json'));
    const findingsOf = (r: { out: string }) => JSON.parse(r.out).templates.flatMap((t: { findings: { ruleId: string; logicalId: string }[] }) =>
      t.findings.map((f) => `${f.ruleId} ${f.logicalId}`));
    expect(plain.status).toBe(1);
    for (const name of ['machine.json', 'machine.template']) {
      const r = run('check', '--format', 'json', tempFile(name, `\uFEFF${json}`));
      expect({ name, status: r.status, err: r.err }).toEqual({ name, status: 1, err: '' });
      expect(findingsOf(r)).toEqual(findingsOf(plain));
    }
    const yaml = run('check', tempFile('web.yaml', `\uFEFF${webClientYaml('["http://app.example.com/cb"]')}`));
    expect(yaml.status).toBe(1);
    expect(yaml.out).toContain('[COG-007]');
  });

  test('2 for bad arguments, with the usage', () => {
    expect(run('check').status).toBe(2);
    expect(run('lint', fixture('clean.json')).err).toContain("unknown command 'lint'");
    const r = run('check', '--format', 'xml', fixture('clean.json'));
    expect(r.status).toBe(2);
    expect(r.err).toContain("--format must be one of text, json, sarif, not 'xml'");
    expect(r.err).toContain('usage: cdk-oauth-clients check');
    // A misspelt rule ID would disable nothing.
    const disabled = run('check', '--disable', 'OAC-082,OAC-22', '--disable', 'cog-007', fixture('clean.json'));
    expect(disabled.status).toBe(2);
    expect(disabled.err).toContain("cdk-oauth-clients: --disable: 'OAC-22', 'cog-007' are not rule IDs. Use IDs of the rule reference (docs/rules.md), e.g. 'OAC-022'\nusage:");
  });

  test('--version (or version) prints the package\'s version and succeeds', () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    for (const argv of [['--version'], ['version']]) expect(run(...argv)).toEqual({ status: 0, out: version, err: '' });
  });

  test('--help (or help, -h) prints the usage to stdout and succeeds', () => {
    for (const argv of [['--help'], ['help'], ['-h'], ['check', '--help'], ['check', fixture('machine.json'), '-h']]) {
      const r = run(...argv);
      expect({ argv, status: r.status, err: r.err }).toEqual({ argv, status: 0, err: '' });
      expect(r.out).toMatch(/^usage: cdk-oauth-clients check \[options\] TEMPLATE/);
    }
  });

  test.each([
    [[], 'no command'],
    [['check', '--severity'], '--severity needs a value'],
    [['check', '--fail-fast', 'x.json'], "unknown option '--fail-fast'"],
    [['check', '--profile', 'fapi'], "--profile must be one of default, fapi_2_0, not 'fapi'"],
    [['check', '--format', 'json'], 'no template given'],
  ])('%j: 2, saying what is wrong, then the usage', (argv, message) => {
    const r = run(...argv);
    expect(r.status).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n').slice(0, 2)).toEqual([`cdk-oauth-clients: ${message}`, expect.stringMatching(/^usage: /)]);
  });

  test('2 when any template is unusable, while the others are still reported', () => {
    const r = run('check', fixture('machine.json'), fixture('wrong-types.yaml'));
    expect(r.status).toBe(2);
    expect(r.out).toContain('[OAC-001]');
    expect(r.out.split('\n').pop()).toBe('6 violation(s) in 1 template(s), 1 unusable');
    expect(run('check', fixture('machine.json')).out.split('\n').pop()).toBe('6 violation(s) in 1 template(s)');
    expect(r.err).toContain('wrong-types.yaml: is not a CloudFormation template (it has no Resources object)');
    // A parameter name is checked against the templates that could be read; with none, the template's error is what is said.
    const unread = run('check', '--parameter', 'Nope=1', fixture('wrong-types.yaml'));
    expect(unread.status).toBe(2);
    expect(unread.err).toBe(`cdk-oauth-clients: ${fixture('wrong-types.yaml')}: is not a CloudFormation template (it has no Resources object)`);
  });
});

describe('formats', () => {
  test('YAML with short-form intrinsics: only the literal text of !Sub and !Join is judged, SDK-only clients are not OAuth clients', () => {
    const r = run('check', '--format', 'json', fixture('clients.yaml'));
    expect(r.status).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.violations).toBe(4);
    const [template] = report.templates;
    expect(template.clients).toBe(2);
    expect(template.findings.map((f: { ruleId: string; logicalId: string }) => `${f.ruleId} ${f.logicalId}`).sort())
      .toEqual(['COG-007 Spa', 'OAC-082 Web', 'OAC-085 Spa', 'OAC-120 Spa']);
    // A finding as the text output says it: its message, which ends with the fix, and the fix apart.
    const web = template.findings.find((f: { logicalId: string }) => f.logicalId === 'Web');
    expect(Object.keys(web).sort()).toEqual(['fix', 'logicalId', 'message', 'resourceType', 'ruleId', 'severity', 'templatePath']);
    expect(web.message.endsWith(web.fix)).toBe(true);
    expect(template.skipped).toEqual([{
      logicalId: 'Sdk', templatePath: fixture('clients.yaml'), reason: 'not an OAuth client (no AllowedOAuthFlows)', notAClient: true,
    }]);
  });

  test('a client is an OAuth client only with AllowedOAuthFlowsUserPoolClient true: not set, false or unknown, it is not judged', () => {
    // Cognito keeps the flows of an app client whose flag is not true, but the client cannot use them (invalid_grant).
    const implicit = (flag: Record<string, unknown>) => ({
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: { ...flag, AllowedOAuthFlows: ['implicit'], AllowedOAuthScopes: ['openid'], CallbackURLs: ['https://a.example.com/cb'] },
    });
    const path = tempFile('flag.json', JSON.stringify({
      Parameters: { OAuth: { Type: 'String' }, Toggle: { Type: 'String', AllowedValues: ['true', 'false'] } },
      Resources: {
        On: implicit({ AllowedOAuthFlowsUserPoolClient: true }),
        OnAsText: implicit({ AllowedOAuthFlowsUserPoolClient: 'true' }),
        NotSet: implicit({}),
        Off: implicit({ AllowedOAuthFlowsUserPoolClient: false }),
        Unknown: implicit({ AllowedOAuthFlowsUserPoolClient: { Ref: 'OAuth' } }),
        Toggled: implicit({ AllowedOAuthFlowsUserPoolClient: { Ref: 'Toggle' } }),
      },
    }));
    const [template] = JSON.parse(run('check', '--format', 'json', '--severity', 'warning', path).out).templates;
    expect(template.findings.map((f: { ruleId: string; logicalId: string }) => `${f.ruleId} ${f.logicalId}`).sort())
      .toEqual(['OAC-004 On', 'OAC-004 OnAsText', 'OAC-004 Toggled']);
    expect(template.findings.find((f: { logicalId: string }) => f.logicalId === 'Toggled').message).toContain('(when parameter Toggle is true)');
    expect(template.skipped).toEqual([
      {
        logicalId: 'NotSet',
        templatePath: path,
        reason: 'AllowedOAuthFlowsUserPoolClient is not set, which Cognito takes as false: the client '
          + 'cannot use its AllowedOAuthFlows (its token requests fail with invalid_grant). Set AllowedOAuthFlowsUserPoolClient: true',
      },
      { logicalId: 'Off', templatePath: path, reason: 'not an OAuth client (AllowedOAuthFlowsUserPoolClient is false)', notAClient: true },
      {
        logicalId: 'Unknown',
        templatePath: path,
        reason: 'AllowedOAuthFlowsUserPoolClient is an intrinsic, so whether the client uses OAuth 2.0 is not known at synth',
      },
    ]);
    // Given the deployment's value, the client is judged as deployed.
    const deployed = JSON.parse(run('check', '--format', 'json', '--severity', 'warning', '--parameter', 'OAuth=true', path).out).templates[0];
    expect(deployed.findings.map((f: { logicalId: string }) => f.logicalId)).toContain('Unknown');
  });

  test('YAML with conditions: each branch of !If is judged, and a finding of some branches names their conditions', () => {
    const path = tempFile('conditional.yaml', [
      'Parameters:',
      '  Env: { Type: String, AllowedValues: [prod, staging, dev] }',
      'Conditions:',
      '  IsProd: !Equals [!Ref Env, prod]',
      '  IsDev: !Equals [dev, !Ref Env]',
      '  IsShared: !Not [!Or [!Condition IsProd, !Condition IsDev]]',
      'Resources:',
      '  Spa:',
      '    Type: AWS::Cognito::UserPoolClient',
      '    Properties:',
      '      UserPoolId: eu-west-1_p',
      '      GenerateSecret: false',
      '      AllowedOAuthFlowsUserPoolClient: true',
      '      AllowedOAuthFlows: !If [IsDev, [code, implicit], [code]]',
      '      AllowedOAuthScopes: [openid]',
      '      RefreshTokenRotation: { Feature: ENABLED }',
      '      CallbackURLs:',
      '        - https://spa.example.com/cb',
      '        - !If [IsShared, "https://*.staging.example.com/cb", !Ref AWS::NoValue]',
    ].join('\n'));
    const r = run('check', '--format', 'json', '--severity', 'warning', path);
    expect(r.status).toBe(1);
    const [template] = JSON.parse(r.out).templates;
    expect(template.findings.map((f: { ruleId: string; message: string }) => `${f.ruleId} ${f.message.replace(/^.*\(when /, '(when ')}`)).toEqual([
      'OAC-084 (when IsShared is true)',
      'OAC-004 (when IsDev is true)',
    ]);
  });

  test('SARIF 2.1.0 for code scanning: the rules, a result per finding at the line declaring its resource, levels', () => {
    const r = run('check', '--format', 'sarif', '--severity', 'info', fixture('clients.yaml'));
    expect(r.status).toBe(1);
    const sarif = JSON.parse(r.out);
    expect(sarif).toBeValidSarifLog();
    expect(sarif.version).toBe('2.1.0');
    const [run0] = sarif.runs;
    const rules = ClientValidator.rules();
    expect(run0.tool.driver.name).toBe('cdk-oauth-clients');
    expect(run0.tool.driver.version).toBe(JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
    expect(run0.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(rules.map((rule) => rule.id));
    // Each rule's help leads to its own row of the rule reference.
    const DOC = 'https://github.com/cdk-oauth-clients/cdk-oauth-clients/blob/main/docs/rules.md';
    expect(run0.tool.driver.informationUri).toBe(DOC);
    expect(run0.tool.driver.rules.find((rule: { id: string }) => rule.id === 'OAC-060').helpUri).toBe(`${DOC}#oac-060`);
    expect(new Set(run0.tool.driver.rules.map((rule: { helpUri: string }) => rule.helpUri)).size).toBe(rules.length);
    expect(run0.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);

    // The same findings as the JSON report, each where its resource is declared in the YAML.
    const json = JSON.parse(run('check', '--format', 'json', '--severity', 'info', fixture('clients.yaml')).out).templates[0].findings;
    const lines = readFileSync(fixture('clients.yaml'), 'utf8').split('\n');
    const lineOf = (id: string) => lines.indexOf(`  ${id}:`) + 1;
    expect(run0.results).toHaveLength(json.length);
    run0.results.forEach((result: any, i: number) => {
      const finding = json[i];
      expect(result).toEqual({
        ruleId: finding.ruleId,
        ruleIndex: rules.findIndex((rule) => rule.id === finding.ruleId),
        level: { error: 'error', warning: 'warning', info: 'note' }[finding.severity as string],
        message: { text: finding.message },
        locations: [{
          physicalLocation: { artifactLocation: { uri: 'test/policy/fixtures/clients.yaml' }, region: { startLine: lineOf(finding.logicalId) } },
          logicalLocations: [{ name: finding.logicalId, kind: 'resource', fullyQualifiedName: `AWS::Cognito::UserPoolClient/${finding.logicalId}` }],
        }],
      });
    });
    expect(run0.results.map((result: any) => `${result.level} ${result.locations[0].physicalLocation.region.startLine}`)).toContain(`note ${lineOf('Web')}`);
  });

  test('SARIF: a resource that may be a client but was not judged is a warning at its line; a resource that is no client is not', () => {
    const path = tempFile('unjudged.yaml', [
      'Transform: AWS::LanguageExtensions',
      'Parameters:',
      '  Secret: { Type: String }',
      'Resources:',
      '  Sdk:',
      '    Type: AWS::Cognito::UserPoolClient',
      '    Properties: { UserPoolId: p }',
      '  Web:',
      '    Type: AWS::Cognito::UserPoolClient',
      '    Properties: { UserPoolId: p, GenerateSecret: !Ref Secret, AllowedOAuthFlows: [code] }',
      '  Flagless:',
      '    Type: AWS::Cognito::UserPoolClient',
      '    Properties: { UserPoolId: p, AllowedOAuthFlows: [code], CallbackURLs: [https://a.example.com/cb] }',
      "  'Fn::ForEach::Apps':",
      '    - App',
      '    - !Split [",", !Ref AWS::StackName]',
      "    - '${App}': { Type: AWS::Cognito::UserPoolClient }",
    ].join('\n'));
    const sarif = JSON.parse(run('check', '--format', 'sarif', path).out);
    expect(sarif).toBeValidSarifLog();
    const [invocation] = sarif.runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications.map((n: any) => `${n.level} ${n.locations[0].physicalLocation.region.startLine} ${n.message.text}`)).toEqual([
      "warning 14 'Fn::ForEach::Apps' was not judged: Fn::ForEach::Apps cannot be expanded: its collection is neither a list nor a Ref to a list parameter,"
        + ' so its values are not known at synth',
      "warning 8 'Web' was not judged: GenerateSecret is an intrinsic, so the client type is not known at synth",
      "warning 11 'Flagless' was not judged: AllowedOAuthFlowsUserPoolClient is not set, which Cognito takes as false: the client cannot use its "
        + 'AllowedOAuthFlows (its token requests fail with invalid_grant). Set AllowedOAuthFlowsUserPoolClient: true',
    ]);
  });

  test('SARIF: a finding is at the line that declares its resource under Resources, not at a key of that name before it', () => {
    const path = tempFile('named-twice.yaml', [
      'Mappings:',
      '  Web:',
      '    prod: { Callback: https://app.example.com/cb }',
      'Resources:',
      '  Web:',
      '    Type: AWS::Cognito::UserPoolClient',
      '    Properties: { UserPoolId: p, GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: [code],',
      '      AllowedOAuthScopes: [openid], CallbackURLs: [http://app.example.com/cb] }',
    ].join('\n'));
    const sarif = JSON.parse(run('check', '--format', 'sarif', path).out);
    expect(sarif.runs[0].results.map((result: any) => `${result.ruleId} ${result.locations[0].physicalLocation.region.startLine}`)).toEqual(['OAC-085 5', 'COG-007 5']);
  });

  test('SARIF: a template path is a URI reference: a space or a # in a folder name is percent-encoded', () => {
    // GIVEN a repository with templates under 'infra templates/c#/' (a # unencoded would start a URI fragment) and
    // under '..shared/' (a folder of the repository, whatever its name starts with)
    const repository = mkdtempSync(join(tmpdir(), 'oac-repo-'));
    const paths = [join(repository, 'infra templates', 'c#', 'stack.yaml'), join(repository, '..shared', 'stack.yaml')];
    for (const path of paths) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, webClientYaml('[http://app.example.com/cb]'));
    }
    // WHEN the CLI runs in that repository
    const cwd = jest.spyOn(process, 'cwd').mockReturnValue(repository);
    let sarif: any;
    try {
      sarif = JSON.parse(run('check', '--format', 'sarif', ...paths).out);
    } finally {
      cwd.mockRestore();
    }
    // THEN each result names its file by the relative path, encoded as a URI reference
    expect(sarif).toBeValidSarifLog();
    const uris = sarif.runs[0].results.map((result: any) => result.locations[0].physicalLocation.artifactLocation.uri);
    expect(new Set(uris)).toEqual(new Set(['infra%20templates/c%23/stack.yaml', '..shared/stack.yaml']));
  });

  test('SARIF: an unusable template is a failed execution with its error, beside the results of the others', () => {
    const broken = tempFile('broken.json', '{ not json');
    const r = run('check', '--format', 'sarif', fixture('clients.yaml'), broken);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.out)).toBeValidSarifLog();
    const [run0] = JSON.parse(r.out).runs;
    expect(run0.invocations[0].executionSuccessful).toBe(false);
    expect(run0.invocations[0].toolExecutionNotifications).toEqual([{
      level: 'error',
      message: { text: expect.stringContaining('broken.json') },
      locations: [{ physicalLocation: { artifactLocation: { uri: pathToFileURL(broken).href } } }],
    }]);
    expect(run0.results.length).toBeGreaterThan(0);
  });

  test('--severity and --disable', () => {
    expect(run('check', '--disable', 'OAC-082,OAC-085,OAC-120,COG-007', fixture('clients.yaml')).status).toBe(0);
    const r = run('check', '--severity', 'info', '--format', 'json', fixture('clean.json'));
    expect(JSON.parse(r.out).templates[0].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['OAC-022']);
  });

  test('--profile fapi_2_0 adds the FAPI rules for clients that record no profile', () => {
    const findings = (argv: string[]) => JSON.parse(run('check', '--format', 'json', ...argv, fixture('clean.json')).out).templates[0].findings
      .map((f: { ruleId: string; logicalId: string }) => `${f.ruleId} ${f.logicalId}`);
    expect(findings([])).toEqual([]);
    const fapi = findings(['--profile', 'fapi_2_0']);
    expect(fapi).toEqual(expect.arrayContaining(['FAPI-001 Mobile', 'FAPI-002 Billing', 'FAPI-007 Billing']));
    expect(fapi.every((f: string) => f.startsWith('FAPI-'))).toBe(true);
  });

  test('JSON output names an unusable template with its error, beside the reports of the others', () => {
    const r = run('check', '--format', 'json', fixture('clean.json'), fixture('malformed.json'));
    expect(r.status).toBe(2);
    const report = JSON.parse(r.out);
    expect(report.templates.map((t: { path: string }) => t.path)).toEqual([fixture('clean.json'), fixture('malformed.json')]);
    expect(report.templates[0].clients).toBe(2);
    expect(report.templates[1]).toEqual({ path: fixture('malformed.json'), error: expect.stringMatching(/malformed\.json: is not valid JSON: /) });
  });

  test('a template made by this library is judged by what its clients recorded', () => {
    const app = new App();
    new ExampleStack(app, 'Example');
    const path = join(app.synth().directory, 'Example.template.json');
    const r = run('check', '--severity', 'warning', path);
    expect(r.out).toContain('5 OAuth client(s) checked');
    expect(r.status).toBe(0);
  });
});

describe('a template that cdk synth wrote brings its nested stacks\' templates, as in the plugin', () => {
  function synthNested(): string {
    const app = new App();
    nestedInsecureClient(new Stack(app, 'Parent'));
    return app.synth().directory;
  }

  test('the root template alone: the nested client is reported from its own template', () => {
    const dir = synthNested();
    const r = run('check', '--format', 'json', join(dir, 'Parent.template.json'));
    expect(r.status).toBe(1);
    const templates: Array<{ path: string; findings: Array<{ ruleId: string; logicalId: string }> }> = JSON.parse(r.out).templates;
    expect(templates.map((t) => t.path.replace(dir, '<out>')).sort()).toEqual([
      '<out>/Parent.template.json', expect.stringMatching(/^<out>\/ParentOuter[0-9A-F]{8}\.nested\.template\.json$/),
      expect.stringMatching(/^<out>\/ParentOuterInner[0-9A-F]{8}\.nested\.template\.json$/),
    ]);
    const inner = templates.find((t) => /ParentOuterInner/.test(t.path))!;
    expect(inner.findings.map((f) => `${f.ruleId} ${f.logicalId}`)).toEqual(['OAC-082 Web']);
  });

  test('every template given (cdk.out/*.template.json): each is judged once', () => {
    const dir = synthNested();
    const all = readdirSync(dir).filter((f) => f.endsWith('.template.json')).map((f) => join(dir, f));
    const r = run('check', '--format', 'json', ...all);
    const templates = JSON.parse(r.out).templates;
    expect(templates).toHaveLength(3);
    expect(JSON.parse(r.out).violations).toBe(1);
  });

  test('a template named twice (its cdk.out and itself, another spelling of its path) is judged once, under its first name', () => {
    const dir = synthNested();
    const once = JSON.parse(run('check', '--format', 'json', dir).out);
    const twice = JSON.parse(run('check', '--format', 'json', dir, join(dir, 'Parent.template.json'), `${dir}/./Parent.template.json`).out);
    expect(once.templates).toHaveLength(3);
    expect(twice).toEqual(once);
    const sameFile = JSON.parse(run('check', '--format', 'json', fixture('machine.json'), `${FIXTURES}/./machine.json`).out);
    expect(sameFile.templates.map((t: { path: string }) => t.path)).toEqual([fixture('machine.json')]);
    expect(sameFile.violations).toBe(6);
  });

  test('an asset manifest brings only the templates in the template\'s own directory: not one outside it, not another file, not a missing one', () => {
    const root = mkdtempSync(join(tmpdir(), 'oac-test-'));
    const out = join(root, 'cdk.out');
    mkdirSync(out);
    const insecure = readFileSync(fixture('machine.json'), 'utf8');
    writeFileSync(join(root, 'Outside.template.json'), insecure);
    writeFileSync(join(out, 'asset.0123.json'), insecure);
    writeFileSync(join(out, 'Parent.template.json'), '{"Resources":{}}');
    const file = (path: string) => ({ source: { path, packaging: 'file' }, destinations: {} });
    writeFileSync(join(out, 'Parent.assets.json'), JSON.stringify({
      version: '48.0.0',
      files: { a: file('../Outside.template.json'), b: file('asset.0123.json'), c: file('Missing.template.json') },
    }));
    const report = JSON.parse(run('check', '--format', 'json', join(out, 'Parent.template.json')).out);
    expect(report.templates.map((t: { path: string }) => t.path)).toEqual([join(out, 'Parent.template.json')]);
    expect(report.violations).toBe(0);
  });

  test('a nested template is judged with the literal values its stack resource gives its parameters', () => {
    const judged = (env: string) => {
      const app = new App();
      const auth = new NestedStack(new Stack(app, 'Parent'), 'Auth', { parameters: { Env: env } });
      devHttpClient(auth);
      const r = run('check', '--format', 'json', app.synth().directory);
      const templates: Array<{ findings: Array<{ ruleId: string; message: string }> }> = JSON.parse(r.out).templates;
      return { status: r.status, findings: templates.flatMap((t) => t.findings.map(ruleAndWhen)) };
    };
    expect(judged('prod')).toEqual({ status: 0, findings: [] });
    expect(judged('dev')).toEqual({ status: 1, findings: ['OAC-085', 'COG-007'] });
  });

  test('an oversized .template.json is still refused unread, and brings nothing', () => {
    const path = tempFile('Huge.template.json', `{"Resources":{},"Padding":"${'x'.repeat(MAX_TEMPLATE_BYTES)}"}`);
    const r = run('check', '--format', 'json', path);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.out).templates).toEqual([{ path, error: expect.stringContaining('more than the') }]);
  });
});

describe('a directory that cdk synth wrote (cdk.out) stands for its stacks\' templates', () => {
  test('every stack\'s template, a stage\'s and the nested stacks\' are judged, each once; other files are not', () => {
    const app = new App();
    nestedInsecureClient(new Stack(app, 'Parent'));
    new ExampleStack(app, 'Example');
    new ExampleStack(new Stage(app, 'Prod'), 'Example');
    const dir = app.synth().directory;
    // A file asset's directory is no stage's assembly, whatever it holds.
    mkdirSync(join(dir, 'asset.0123'));
    writeFileSync(join(dir, 'asset.0123', 'Stray.template.json'), readFileSync(fixture('machine.json')));
    const r = run('check', '--format', 'json', dir);

    const report = JSON.parse(r.out);
    const paths: string[] = report.templates.map((t: { path: string }) => t.path.replace(dir, '<out>'));
    expect(paths).toHaveLength(5);
    expect(paths).toEqual(expect.arrayContaining([
      '<out>/Example.template.json',
      '<out>/Parent.template.json',
      expect.stringMatching(/^<out>\/ParentOuter[0-9A-F]{8}\.nested\.template\.json$/),
      expect.stringMatching(/^<out>\/ParentOuterInner[0-9A-F]{8}\.nested\.template\.json$/),
      expect.stringMatching(/^<out>\/assembly-Prod\/ProdExample[0-9A-F]{8}\.template\.json$/),
    ]));
    expect(report.violations).toBe(1);
    expect(r.status).toBe(1);
  });

  test('parameter values are for the stacks\' templates: a nested stack\'s come from its stack resource, so it keeps a parameter unknown that its parent does not give', () => {
    const app = new App();
    const parent = new Stack(app, 'Parent');
    new CfnParameter(parent, 'Env');
    const auth = new NestedStack(parent, 'Auth');
    devHttpClient(auth);
    const r = run('check', '--format', 'json', '--parameter', 'Env=prod', app.synth().directory);
    expect(r.status).toBe(1);
    const templates: Array<{ findings: Array<{ ruleId: string; message: string }> }> = JSON.parse(r.out).templates;
    expect(templates.flatMap((t) => t.findings.map(ruleAndWhen))).toEqual(['OAC-085 (when IsDev is true)', 'COG-007 (when IsDev is true)']);
  });

  test('a directory without templates is unusable input: exit 2, naming it, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oac-empty-'));
    const r = run('check', dir);
    expect(r.status).toBe(2);
    expect(r.err).toBe(`cdk-oauth-clients: ${dir}: is a directory without CloudFormation templates (*.template.json, as cdk synth writes them)`);
  });
});

describe('hostile input', () => {
  test('a file over the size limit is refused unread', () => {
    const path = tempFile('huge.json', `{"Resources":{},"Padding":"${'x'.repeat(MAX_TEMPLATE_BYTES)}"}`);
    const r = run('check', path);
    expect(r.status).toBe(2);
    expect(r.err).toContain(`${path}: is ${MAX_TEMPLATE_BYTES + 29} bytes, more than the ${MAX_TEMPLATE_BYTES} this tool reads`);
  });

  test('deep nesting', () => {
    const deep = tempFile('deep.json', `{"Resources":{"C":{"Type":"AWS::Cognito::UserPoolClient","Properties":{"AllowedOAuthFlowsUserPoolClient":true,"AllowedOAuthFlows":["code"],"CallbackURLs":${'['.repeat(100000)}${']'.repeat(100000)}}}}}`);
    // JSON: parsed; the nested lists hold no URI, so the code client is judged on an empty callback list.
    const r = run('check', '--format', 'json', deep);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.out).templates[0].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['OAC-080', 'OAC-120']);
    // YAML: the parser gives up; a clear error, exit 2, no stack trace.
    const deepYaml = tempFile('deep.yaml', `Resources:\n  C: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    const y = run('check', deepYaml);
    expect(y.status).toBe(2);
    expect(y.err).toContain('deep.yaml: is not valid JSON or YAML: Maximum call stack size exceeded');
    expect(y.err).not.toMatch(/\n\s+at /);
  });

  test('a Fn::ForEach bomb (nested loops of large bodies) is refused within bounds, the rest of the template judged', () => {
    const body = { Type: 'AWS::Cognito::UserPoolClient', Properties: { Tags: Array.from({ length: 2000 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) } };
    const values = Array.from({ length: 100 }, (_, i) => `v${i}`);
    const path = tempFile('loops.json', JSON.stringify({
      Transform: 'AWS::LanguageExtensions',
      Resources: {
        'Fn::ForEach::A': ['A', values, { 'Fn::ForEach::B': ['B', values, { 'Fn::ForEach::C': ['C', values, { 'R${A}${B}${C}': body }] }] }],
        'Web': { Type: 'AWS::Cognito::UserPoolClient', Properties: { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], CallbackURLs: ['http://a.example.com/cb'] } },
      },
    }));
    const r = run('check', '--format', 'json', path);
    const [template] = JSON.parse(r.out).templates;
    expect(template.skipped).toEqual([{
      logicalId: 'Fn::ForEach::A',
      templatePath: path,
      reason: expect.stringMatching(/^Fn::ForEach::A cannot be expanded: the loops make more than \d+ values, far beyond what CloudFormation deploys$/),
    }]);
    expect(template.clients).toBe(1);
    expect(template.findings.map((f: { ruleId: string; logicalId: string }) => `${f.ruleId} ${f.logicalId}`)).toContain('COG-007 Web');
  });

  test('a YAML alias bomb is refused', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    lines.push('Resources: { X: { Type: AWS::Cognito::UserPoolClient, Properties: { CallbackURLs: *m } } }');
    const r = run('check', tempFile('bomb.yaml', lines.join('\n')));
    expect(r.status).toBe(2);
    expect(r.err).toContain('bomb.yaml: is not valid JSON or YAML');
  });

  test('wrong types inside resources are skipped, not crashed on', () => {
    const path = tempFile('types.json', JSON.stringify({
      Resources: {
        A: 'not a resource',
        B: { Type: 'AWS::Cognito::UserPoolClient', Properties: 'not an object' },
        C: { Type: 'AWS::Cognito::UserPoolClient', Properties: { AllowedOAuthFlows: 5 } },
        D: { Type: 'AWS::Cognito::UserPoolClient', Properties: { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code', 7], CallbackURLs: [null, { a: 1 }, 'https://d.example.com/cb'], RefreshTokenRotation: 'x', GenerateSecret: 'true' } },
        E: { Type: 'AWS::Cognito::UserPoolClient', Metadata: { 'cdk-oauth-clients': { description: 'nope' } } },
        // No properties at all, or none in YAML's way (`Properties:` with nothing after it is null).
        F: { Type: 'AWS::Cognito::UserPoolClient' },
        G: { Type: 'AWS::Cognito::UserPoolClient', Properties: null },
        // An empty resource (YAML's 'H:'), and this library's metadata key with nothing under it.
        H: null,
        I: { Type: 'AWS::Cognito::UserPoolClient', Metadata: { 'cdk-oauth-clients': null } },
      },
    }));
    const r = run('check', '--format', 'json', path);
    const [template] = JSON.parse(r.out).templates;
    expect(template.clients).toBe(1);
    expect(template.skipped.map((s: { logicalId: string }) => s.logicalId).sort()).toEqual(['B', 'C', 'E', 'F', 'G', 'I']);
    expect(r.status).toBe(0);
  });

  test('a missing file', () => {
    const r = run('check', join(FIXTURES, 'nope.json'));
    expect(r.status).toBe(2);
    expect(r.err).toContain('nope.json: cannot be read (ENOENT)');
  });
});
