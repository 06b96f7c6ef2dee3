import { lookUp, withLiteralIntrinsicsResolved } from '../../src/private/policy/literal-intrinsics';
import { ruleAndWhen, runCli, tempFile, webClientYaml } from '../support/cli';

const MAPPINGS = { Env: { dev: { Flows: ['code', 'implicit'], Callback: 'http://dev.example.com/cb' }, prod: { Flows: ['code'], Callback: 'https://app.example.com/cb' } } };

describe('intrinsics whose arguments are literal are what CloudFormation computes', () => {
  test('lookUp: the entry; the DefaultValue when it is missing; nothing for names that are not literal or not found', () => {
    expect(lookUp(MAPPINGS, ['Env', 'dev', 'Flows'])).toEqual(['code', 'implicit']);
    expect(lookUp(MAPPINGS, ['Env', 'qa', 'Flows', { DefaultValue: ['code'] }])).toEqual(['code']);
    expect(lookUp(MAPPINGS, ['Env', 'qa', 'Flows'])).toBeUndefined();
    expect(lookUp(MAPPINGS, ['Env', { Ref: 'AWS::Region' }, 'Flows', { DefaultValue: ['code'] }])).toBeUndefined();
    expect(lookUp(MAPPINGS, ['Env', 'dev'])).toBeUndefined();
    // Names every JavaScript object has are not entries of a mapping.
    expect(lookUp(MAPPINGS, ['Env', 'dev', 'constructor'])).toBeUndefined();
    expect(lookUp(MAPPINGS, ['toString', 'dev', 'Flows'])).toBeUndefined();
  });

  test('withLiteralIntrinsicsResolved: in Resources, Conditions and Outputs, nested in other intrinsics; the rest left as it is', () => {
    const template = {
      Mappings: MAPPINGS,
      Conditions: { Open: { 'Fn::Equals': [{ 'Fn::FindInMap': ['Env', 'dev', 'Callback'] }, 'x'] } },
      Resources: {
        C: {
          Type: 'AWS::Cognito::UserPoolClient',
          Properties: {
            AllowedOAuthFlows: { 'Fn::FindInMap': ['Env', 'prod', 'Flows'] },
            CallbackURLs: [{ 'Fn::Join': ['', [{ 'Fn::FindInMap': ['Env', 'dev', 'Callback'] }, '?x=1']] }],
            ClientName: { 'Fn::FindInMap': ['Env', { Ref: 'Stage' }, 'Name'] },
          },
        },
      },
    };
    const out = withLiteralIntrinsicsResolved(template) as any;
    expect(out.Resources.C.Properties).toEqual({
      AllowedOAuthFlows: ['code'],
      CallbackURLs: ['http://dev.example.com/cb?x=1'],
      ClientName: { 'Fn::FindInMap': ['Env', { Ref: 'Stage' }, 'Name'] },
    });
    expect(out.Conditions.Open).toEqual({ 'Fn::Equals': ['http://dev.example.com/cb', 'x'] });
  });

  test.each([
    [{ 'Fn::Split': [',', 'https://a.example.com/cb,http://b.example.com/cb'] }, ['https://a.example.com/cb', 'http://b.example.com/cb']],
    [{ 'Fn::Select': ['1', { 'Fn::Split': [',', 'a,b,c'] }] }, 'b'],
    [{ 'Fn::Select': [0, ['x', 'y']] }, 'x'],
    [{ 'Fn::Join': ['/', ['https://a.example.com', 'cb']] }, 'https://a.example.com/cb'],
    // Not literal, or not valid: left for deployment to decide (or refuse).
    [{ 'Fn::Join': ['', ['https://', { Ref: 'Host' }]] }, { 'Fn::Join': ['', ['https://', { Ref: 'Host' }]] }],
    [{ 'Fn::Join': [',', { Ref: 'Callbacks' }] }, { 'Fn::Join': [',', { Ref: 'Callbacks' }] }],
    [{ 'Fn::Select': [0, { Ref: 'Callbacks' }] }, { 'Fn::Select': [0, { Ref: 'Callbacks' }] }],
    [{ 'Fn::Select': ['3', ['a']] }, { 'Fn::Select': ['3', ['a']] }],
    [{ 'Fn::Select': ['-1', ['a']] }, { 'Fn::Select': ['-1', ['a']] }],
    [{ 'Fn::Split': ['', 'abc'] }, { 'Fn::Split': ['', 'abc'] }],
    [{ 'Fn::Split': [',', { Ref: 'List' }] }, { 'Fn::Split': [',', { Ref: 'List' }] }],
  ])('%j is %j', (value, expected) => {
    expect((withLiteralIntrinsicsResolved({ Resources: { R: { Properties: { V: value } } } }) as any).Resources.R.Properties.V).toEqual(expected);
  });

  test('the CLI judges the mapping\'s value for each allowed value, or the one --parameter gives', () => {
    const path = tempFile('t.yaml', webClientYaml('[!FindInMap [Env, !Ref Env, Callback]]', [
      'Parameters:',
      '  Env: { Type: String, AllowedValues: [dev, prod] }',
      'Mappings:',
      '  Env:',
      '    dev: { Callback: "http://dev.example.com/cb" }',
      '    prod: { Callback: "https://app.example.com/cb" }',
    ]));
    const ruleIds = (...argv: string[]) => JSON.parse(runCli('check', '--format', 'json', ...argv, path).out).templates[0].findings.map(ruleAndWhen);
    // Without a value, each of Env's AllowedValues is tried.
    expect(ruleIds()).toEqual(['OAC-085 (when parameter Env is dev)', 'COG-007 (when parameter Env is dev)']);
    expect(ruleIds('--parameter', 'Env=dev')).toEqual(['OAC-085', 'COG-007']);
    expect(ruleIds('--parameter', 'Env=prod')).toEqual([]);
  });

  test('the CLI judges the mapping\'s value that literal keys look up, in a template with no parameters to give', () => {
    const path = tempFile('t.yaml', webClientYaml('[!FindInMap [Env, dev, Callback]]', [
      'Mappings:',
      '  Env:',
      '    dev: { Callback: "http://dev.example.com/cb" }',
    ]));
    const findings = JSON.parse(runCli('check', '--format', 'json', path).out).templates[0].findings;
    expect(findings.map(ruleAndWhen)).toEqual(['OAC-085', 'COG-007']);
    expect(findings[0].message).toContain("'http://dev.example.com/cb'");
  });

  test('the CLI judges a String parameter split into callbacks once its value is given', () => {
    const path = tempFile('t.yaml', webClientYaml("!Split [',', !Ref Callbacks]", ['Parameters:', '  Callbacks: { Type: String }']));
    const r = runCli('check', '--format', 'json', '--parameter', 'Callbacks=https://app.example.com/cb,http://app.example.com/cb', path);
    const [finding, ...rest] = JSON.parse(r.out).templates[0].findings;
    expect(finding.ruleId).toBe('OAC-085');
    expect(finding.message).toContain("'http://app.example.com/cb'");
    expect(rest.map((f: { ruleId: string }) => f.ruleId)).toEqual(['COG-007']);
  });
});
