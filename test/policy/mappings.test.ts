import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/private/cli/main';
import { lookUp, withMappingsResolved } from '../../src/private/policy/mappings';

const MAPPINGS = { Env: { dev: { Flows: ['code', 'implicit'], Callback: 'http://dev.example.com/cb' }, prod: { Flows: ['code'], Callback: 'https://app.example.com/cb' } } };

describe('Fn::FindInMap whose names are literal is what it finds', () => {
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

  test('withMappingsResolved: in Resources, Conditions and Outputs, nested in other intrinsics; the rest left as it is', () => {
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
    const out = withMappingsResolved(template) as any;
    expect(out.Resources.C.Properties).toEqual({
      AllowedOAuthFlows: ['code'],
      CallbackURLs: [{ 'Fn::Join': ['', ['http://dev.example.com/cb', '?x=1']] }],
      ClientName: { 'Fn::FindInMap': ['Env', { Ref: 'Stage' }, 'Name'] },
    });
    expect(out.Conditions.Open).toEqual({ 'Fn::Equals': ['http://dev.example.com/cb', 'x'] });
    const none = { Resources: template.Resources };
    expect(withMappingsResolved(none)).toBe(none);
  });

  test('the CLI judges the mapping\'s value once --parameter makes the names literal', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'oac-map-')), 't.yaml');
    writeFileSync(path, [
      'Parameters:',
      '  Env: { Type: String, AllowedValues: [dev, prod] }',
      'Mappings:',
      '  Env:',
      '    dev: { Callback: "http://dev.example.com/cb" }',
      '    prod: { Callback: "https://app.example.com/cb" }',
      'Resources:',
      '  Web:',
      '    Type: AWS::Cognito::UserPoolClient',
      '    Properties:',
      '      UserPoolId: p',
      '      GenerateSecret: true',
      '      AllowedOAuthFlowsUserPoolClient: true',
      '      AllowedOAuthFlows: [code]',
      '      AllowedOAuthScopes: [openid]',
      '      CallbackURLs: [!FindInMap [Env, !Ref Env, Callback]]',
    ].join('\n'));
    const ruleIds = (...argv: string[]) => {
      const out: string[] = [];
      main(['check', '--format', 'json', ...argv, path], { out: (l) => out.push(l), err: () => undefined });
      return JSON.parse(out.join('\n')).templates[0].findings.map((f: { ruleId: string }) => f.ruleId);
    };
    expect(ruleIds()).toEqual([]);
    expect(ruleIds('--parameter', 'Env=dev')).toEqual(['OAC-085', 'COG-007']);
    expect(ruleIds('--parameter', 'Env=prod')).toEqual([]);
  });
});
