import { join } from 'path';
import { parameterFile } from '../../src/private/cli/parameter-file';
import { ParameterValueError, withParameterValues } from '../../src/private/policy/parameter-values';
import { checkTemplate } from '../../src/private/policy/template-checker';
import { ruleAndWhen, runCli, tempFile } from '../support/cli';

const FIXTURE = join(__dirname, 'fixtures', 'parameters.yaml');

const run = runCli;
const tempJson = (content: unknown) => tempFile('params.json', typeof content === 'string' ? content : JSON.stringify(content));

/** Rule ID, logical ID and what the finding says after its detail (its conditions, the loop). */
function findings(r: { out: string }): string[] {
  return JSON.parse(r.out).templates[0].findings.map((f: { ruleId: string; logicalId: string; message: string }) =>
    ruleAndWhen(f).replace(f.ruleId, `${f.ruleId} ${f.logicalId}`));
}

const check = (...argv: string[]) => run('check', '--format', 'json', '--severity', 'warning', ...argv, FIXTURE);

/** A raw Cognito app client of the authorization code grant with these callback URLs. */
const codeClient = (callbackUrls: unknown) => ({
  Type: 'AWS::Cognito::UserPoolClient',
  Properties: {
    UserPoolId: 'p',
    GenerateSecret: true,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthScopes: ['openid'],
    AllowedOAuthFlows: ['code'],
    CallbackURLs: callbackUrls,
  },
});

describe('withParameterValues: the template as a deployment with these values makes it', () => {
  const template = {
    Parameters: {
      Host: { Type: 'String' },
      Env: { Type: 'String', Default: 'dev' },
      Hosts: { Type: 'List<String>' },
      Key: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/host' },
      Hidden: { Type: 'String', NoEcho: true, Default: 'hidden' },
    },
    Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } },
    Resources: {
      C: {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: {
          CallbackURLs: [
            { 'Fn::Sub': 'https://${Host}/cb' },
            { 'Fn::Sub': ['https://${Host}/${Path}', { Host: 'own.example.com', Path: 'x' }] },
            { 'Fn::Sub': ['https://${Host}/${Path}', { Path: 'y' }] },
          ],
          LogoutURLs: { Ref: 'Hosts' },
          ClientName: { 'Fn::Sub': '${Key}-${Hidden}-${AWS::Region}' },
          Other: { Ref: 'Hidden' },
        },
      },
    },
    Metadata: { Untouched: { Ref: 'Host' } },
  };

  test('Ref and ${} become the value given, in a Fn::Sub with variables of its own too, though its own variable wins; lists are split and trimmed', () => {
    const out = withParameterValues(template, { Host: 'app.example.com', Hosts: 'a.example.com, b.example.com', Env: 'prod' }) as any;
    expect(out.Conditions.IsDev).toEqual({ 'Fn::Equals': ['prod', 'dev'] });
    expect(out.Resources.C.Properties.CallbackURLs).toEqual([
      'https://app.example.com/cb',
      { 'Fn::Sub': ['https://${Host}/${Path}', { Host: 'own.example.com', Path: 'x' }] },
      { 'Fn::Sub': ['https://app.example.com/${Path}', { Path: 'y' }] },
    ]);
    expect(out.Resources.C.Properties.LogoutURLs).toEqual(['a.example.com', 'b.example.com']);
    expect(out.Metadata).toBe(template.Metadata);
  });

  test('a parameter given no value stays unknown, Default or not: an update keeps the stack\'s previous value', () => {
    const out = withParameterValues(template, { Host: 'app.example.com' }) as any;
    expect(out.Conditions.IsDev).toEqual({ 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] });
    expect(out.Resources.C.Properties.LogoutURLs).toEqual({ Ref: 'Hosts' });
  });

  test('a parameter named like what every JavaScript object has (toString) is a parameter like any other', () => {
    const t = {
      Parameters: { toString: { Type: 'String', Default: 'x.example.com' } },
      Resources: { C: { Properties: { A: { Ref: 'toString' }, B: { 'Fn::Sub': 'https://${toString}/cb' } } } },
    };
    expect((withParameterValues(t, { toString: 'y.example.com' }) as any).Resources.C.Properties).toEqual({ A: 'y.example.com', B: 'https://y.example.com/cb' });
    expect(withParameterValues(t, {})).toEqual(t);
  });

  test('NoEcho and SSM parameters stay unresolved: a secret never reaches a report, an SSM name is not its value', () => {
    const out = withParameterValues(template, { Host: 'h', Hidden: 'pepper', Key: '/app/other-host' }) as any;
    expect(out.Resources.C.Properties.ClientName).toEqual({ 'Fn::Sub': '${Key}-${Hidden}-${AWS::Region}' });
    expect(out.Resources.C.Properties.Other).toEqual({ Ref: 'Hidden' });
    expect(JSON.stringify(out)).not.toContain('pepper');
    expect(JSON.stringify(out)).not.toContain('/app/other-host');
  });

  test('a value outside AllowedValues is refused, as CloudFormation refuses it; a NoEcho one without repeating it', () => {
    const allowed = { Parameters: { Env: { Type: 'String', AllowedValues: ['dev', 'prod'] }, Pin: { Type: 'String', NoEcho: 'true', AllowedValues: ['1'] } } };
    expect(() => withParameterValues(allowed, { Env: 'qa' })).toThrow(new ParameterValueError(
      "parameter Env: 'qa' is not among its AllowedValues (dev, prod), so CloudFormation would refuse it"));
    expect(() => withParameterValues(allowed, { Pin: '9999' })).toThrow(/^parameter Pin: its value is not among its AllowedValues \(1\)/);
    expect(() => withParameterValues(allowed, { Pin: '9999' })).not.toThrow(/9999/);
    // Each item of a list parameter is one CloudFormation checks.
    const list = { Parameters: { Envs: { Type: 'CommaDelimitedList', AllowedValues: ['dev', 'prod'] } } };
    expect(() => withParameterValues(list, { Envs: 'dev,qa,test' })).toThrow(new ParameterValueError(
      "parameter Envs: 'qa, test' are not among its AllowedValues (dev, prod), so CloudFormation would refuse it"));
  });

  test('in the check: a condition that compares a parameter comes out one way, so the finding has no "when"', () => {
    const client = codeClient([{ 'Fn::If': ['IsDev', 'http://dev.example.com/cb', 'https://app.example.com/cb'] }]);
    const t = { Parameters: template.Parameters, Conditions: template.Conditions, Resources: { Web: client } };
    const messages = (parameters?: Record<string, string>) => checkTemplate(t, 't.json', { parameters }).findings.map((f) => `${f.ruleId}${f.message.includes('(when') ? ' when' : ''}`);
    expect(messages()).toEqual(['OAC-085 when', 'COG-007 when']);
    expect(messages({})).toEqual(['OAC-085 when', 'COG-007 when']);
    expect(messages({ Env: 'dev' })).toEqual(['OAC-085', 'COG-007']);
    expect(messages({ Env: 'prod' })).toEqual([]);
  });

  test('Fn::Split keeps the space after each comma of a String parameter (a List parameter\'s items are trimmed): OAC-083 names it', () => {
    const client = (callbacks: unknown) => ({
      Parameters: { Callbacks: { Type: 'String' }, CallbackList: { Type: 'CommaDelimitedList' } },
      Resources: { Web: codeClient(callbacks) },
    });
    const parameters = { Callbacks: 'https://a.example.com/cb, https://b.example.com/cb', CallbackList: 'https://a.example.com/cb, https://b.example.com/cb' };
    const messages = (callbacks: unknown) => checkTemplate(client(callbacks), 't.json', { parameters }).findings.map((f) => f.message);
    expect(messages({ 'Fn::Split': [',', { Ref: 'Callbacks' }] })).toEqual([
      "[OAC-083] AWS::Cognito::UserPoolClient 'Web' in t.json: redirect URI ' https://b.example.com/cb' is not an absolute URI: it has white space "
      + "(U+0020) at its start, which no URI has (RFC 6749 §3.1.2). Remove it: 'https://b.example.com/cb'.",
    ]);
    expect(messages({ Ref: 'CallbackList' })).toEqual([]);
  });
});

describe('parameterFile: the values of a --parameters file', () => {
  test('a number or a boolean is taken as its text, as CloudFormation\'s tools send it; UsePreviousValue true or \'true\' leaves the parameter out', () => {
    expect(parameterFile(tempJson({ Parameters: { Port: 443, Public: false, Env: 'prod' } }))).toEqual({ Port: '443', Public: 'false', Env: 'prod' });
    expect(parameterFile(tempJson([
      { ParameterKey: 'Port', ParameterValue: 8080 },
      { ParameterKey: 'Public', ParameterValue: true },
      { ParameterKey: 'Env', UsePreviousValue: 'true' },
      { ParameterKey: 'Host', UsePreviousValue: true },
      { ParameterKey: 'Region', UsePreviousValue: false, ParameterValue: 'eu-west-1' },
    ]))).toEqual({ Port: '8080', Public: 'true', Region: 'eu-west-1' });
  });

  test('a value that is no string, number or boolean is refused, naming its key', () => {
    const file = tempJson([{ ParameterKey: 'Hosts', ParameterValue: ['a', 'b'] }]);
    expect(() => parameterFile(file)).toThrow(`--parameters ${file}: the value of Hosts is not a string`);
  });
});

describe('the CLI with parameter values', () => {
  test('without values, parameters are unknown: each way the conditions come out, loops at their Default, hosts unjudged', () => {
    const r = check();
    expect(r.status).toBe(1);
    expect(findings(r)).toEqual(['OAC-004 Web (when IsDev is true) (made by Fn::ForEach::Apps with parameter Apps at its Default (Web))']);
  });

  test('--parameter: the deployment\'s values decide the conditions, the loop and the callback host', () => {
    const prod = check('--parameter', 'Env=prod', '--parameter', 'Host=app.example.com');
    expect(findings(prod)).toEqual(['OAC-085 Web', 'COG-007 Web']);
    const dev = check('--parameter', 'Env=dev', '--parameter', 'Host=localhost:3000', '--parameter', 'Apps=Web, Admin');
    expect(findings(dev)).toEqual(['OAC-004 Web', 'OAC-086 Web', 'OAC-004 Admin', 'OAC-086 Admin']);
  });

  test('a parameter given no value is not taken at its Default (an update keeps its previous value): it stays unknown', () => {
    // Env's Default is dev, but an existing stack may have been deployed with prod: both ways are judged.
    const r = check('--parameter', 'Host=localhost:3000', '--parameter', 'Apps=Web');
    expect(findings(r)).toEqual(['OAC-004 Web (when IsDev is true) (made by Fn::ForEach::Apps)', 'OAC-086 Web']);
  });

  test.each([
    ['create-stack --parameters', [{ ParameterKey: 'Env', ParameterValue: 'prod' }, { ParameterKey: 'Host', ParameterValue: 'app.example.com' }]],
    ['deploy --parameter-overrides', ['Env=prod', 'Host=app.example.com']],
    ['a CodePipeline template configuration', { Parameters: { Env: 'prod', Host: 'app.example.com' } }],
  ])('--parameters FILE in the format of %s', (_, content) => {
    expect(findings(check('--parameters', tempJson(content)))).toEqual(['OAC-085 Web', 'COG-007 Web']);
  });

  test('UsePreviousValue in a file leaves the parameter unknown, as the stack\'s previous value is: judged as if not given', () => {
    const previous = check('--parameters', tempJson([{ ParameterKey: 'Env', UsePreviousValue: true }, { ParameterKey: 'Host', ParameterValue: 'app.example.com' }]));
    expect(previous.status).toBe(1);
    expect(findings(previous)).toEqual(findings(check('--parameter', 'Host=app.example.com')));
    expect(findings(previous)).toContain('OAC-004 Web (when IsDev is true) (made by Fn::ForEach::Apps with parameter Apps at its Default (Web))');
  });

  test('--parameter wins over the file', () => {
    const file = tempJson(['Env=prod', 'Host=app.example.com']);
    expect(findings(check('--parameters', file, '--parameter', 'Host=localhost'))).toEqual(['OAC-086 Web']);
  });

  test('the NoEcho parameter\'s value appears nowhere in the report, in any format', () => {
    for (const format of ['text', 'json', 'sarif']) {
      const r = run('check', '--format', format, '--severity', 'info', '--parameter', 'PepperName=pepper-b', '--parameter', 'Host=app.example.com', FIXTURE);
      expect(r.status).toBe(1);
      expect(`${r.out}\n${r.err}`).not.toContain('pepper-b');
    }
    const refused = run('check', '--parameter', 'PepperName=pepper-secret', FIXTURE);
    expect(refused.status).toBe(2);
    expect(refused.err).toContain('parameter PepperName: its value is not among its AllowedValues (pepper-a, pepper-b)');
    expect(refused.err).not.toContain('pepper-secret');
    // A file the parser cannot read: its message would quote the text around the error, the value.
    const broken = run('check', '--parameters', tempJson('[{"ParameterKey": "PepperName", "ParameterValue": pepper-secret}]'), FIXTURE);
    expect(broken.status).toBe(2);
    expect(broken.err).toContain('is not valid JSON');
    expect(broken.err).not.toContain('pepper-s');
    // Nor an argument written with the wrong separator.
    const miswritten = run('check', '--parameter', 'PepperName:pepper-secret', FIXTURE);
    expect(miswritten.status).toBe(2);
    expect(miswritten.err).not.toContain('pepper-secret');
  });

  test('a parameter file saved with a UTF-8 byte order mark is read as without one', () => {
    const values = JSON.stringify([{ ParameterKey: 'Env', ParameterValue: 'prod' }, { ParameterKey: 'Host', ParameterValue: 'app.example.com' }]);
    expect(findings(check('--parameters', tempJson(values)))).toEqual(['OAC-085 Web', 'COG-007 Web']);
    expect(findings(check('--parameters', tempJson(`\uFEFF${values}`)))).toEqual(['OAC-085 Web', 'COG-007 Web']);
  });

  test.each([
    [['--parameter', 'Env=qa'], "parameters.yaml: parameter Env: 'qa' is not among its AllowedValues (dev, prod), so CloudFormation would refuse it"],
    [['--parameter', 'Nope=1'], 'no template given declares parameter(s) Nope: check the names'],
    [['--parameter', 'Env'], "--parameter must be KEY=VALUE, not 'Env'"],
    [['--parameter', 'Env:prod'], "--parameter must be KEY=VALUE (an argument without a name before '=' is not shown, as it may be a value)"],
    [['--parameters', tempJson(['=prod'])], "each entry must be KEY=VALUE (an argument without a name before '=' is not shown"],
    [['--parameters', '/nonexistent/params.json'], '--parameters /nonexistent/params.json: cannot be read as JSON (ENOENT)'],
    [['--parameters', tempJson('[\n  {"ParameterKey": "Env", "ParameterValue": "prod"}\n  {}]')], 'is not valid JSON: the error is at line 3, column 3 (the parser'],
    [['--parameters', tempJson('{"Env": "prod"}')], 'is neither [{"ParameterKey", "ParameterValue"}], ["KEY=VALUE"] nor {"Parameters": {...}}'],
    [['--parameters', tempJson({ Parameters: { Env: ['prod'] } })], 'the value of Env is not a string'],
  ])('unusable parameter values exit 2 and say why: %j', (argv, message) => {
    const r = run('check', ...argv, FIXTURE);
    expect(r.status).toBe(2);
    expect(r.err).toContain(message);
  });
});
