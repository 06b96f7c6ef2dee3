import { readFileSync } from 'fs';
import { join } from 'path';
import '@microsoft/jest-sarif';
import * as fc from 'fast-check';
import { expandLanguageExtensions } from '../../src/private/policy/language-extensions';
import { withLiteralIntrinsicsResolved } from '../../src/private/policy/literal-intrinsics';
import { checkTemplate } from '../../src/private/policy/template-checker';
import { runCli } from '../support/cli';

const TRANSFORM = { Transform: 'AWS::LanguageExtensions' };
const FIXTURE = join(__dirname, 'fixtures', 'for-each.yaml');

function client(properties: Record<string, unknown>) {
  return {
    Type: 'AWS::Cognito::UserPoolClient',
    Properties: { UserPoolId: 'eu-west-1_p', GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['openid'], ...properties },
  };
}

/** A confidential client per value of the collection, whose callback's scheme is a variable (or with the callbacks given). */
function stages(collection: unknown, extra: Record<string, unknown> = {}, callbacks: unknown = [{ 'Fn::Sub': '${Scheme}://${Stage}.example.com/cb' }]) {
  return {
    ...TRANSFORM,
    ...extra,
    Resources: {
      'Fn::ForEach::Stages': ['Stage', collection, {
        'Web${Stage}': client({
          AllowedOAuthFlows: ['code'],
          CallbackURLs: callbacks,
        }),
      }],
    },
    Mappings: { Schemes: {} },
  };
}

const run = runCli;

const ids = (check: ReturnType<typeof checkTemplate>) => check.findings.map((f) => `${f.ruleId} ${f.logicalId}`);

describe('expandLanguageExtensions: Fn::ForEach as the AWS::LanguageExtensions transform expands it', () => {
  test('one entry per value: ${Id} and &{Id} in keys, Ref to the identifier, Fn::Sub left with no variable is the plain string', () => {
    const { template, origins, problems } = expandLanguageExtensions({
      ...TRANSFORM,
      Resources: {
        'Fn::ForEach::Hosts': ['Host', ['app.example.com', 'admin.example.com'], {
          'Web&{Host}': client({ ClientName: { Ref: 'Host' }, CallbackURLs: [{ 'Fn::Sub': 'https://${Host}/cb?r=${!Literal}' }] }),
        }],
        'Other': client({ CallbackURLs: [{ 'Fn::Sub': 'https://${Host}/cb' }] }),
      },
    });
    expect(problems).toEqual([]);
    const resources = (template as any).Resources;
    expect(Object.keys(resources)).toEqual(['Webappexamplecom', 'Webadminexamplecom', 'Other']);
    expect(resources.Webappexamplecom.Properties).toMatchObject({ ClientName: 'app.example.com', CallbackURLs: ['https://app.example.com/cb?r=${Literal}'] });
    expect(resources.Webadminexamplecom.Properties.ClientName).toBe('admin.example.com');
    // Outside the loop ${Host} is a parameter or resource of the template, not the identifier: left as it is.
    expect(resources.Other.Properties.CallbackURLs).toEqual([{ 'Fn::Sub': 'https://${Host}/cb' }]);
    expect(origins.get('Webappexamplecom')).toEqual({ loop: 'Fn::ForEach::Hosts', note: 'made by Fn::ForEach::Hosts' });
    expect(origins.has('Other')).toBe(false);
  });

  test('a Fn::Sub that still has a variable stays a Fn::Sub, with the identifier replaced, in its variables too', () => {
    const { template } = expandLanguageExtensions(stages(['dev']));
    expect((template as any).Resources.Webdev.Properties.CallbackURLs).toEqual([{ 'Fn::Sub': '${Scheme}://dev.example.com/cb' }]);
    const { template: withVariables } = expandLanguageExtensions(stages(['dev'], {}, [{ 'Fn::Sub': ['https://${Host}/${Path}', { Host: { Ref: 'Stage' } }] }]));
    expect((withVariables as any).Resources.Webdev.Properties.CallbackURLs).toEqual([{ 'Fn::Sub': ['https://${Host}/${Path}', { Host: 'dev' }] }]);
  });

  test('nested loops multiply, and the origin names the innermost loop first', () => {
    const { template, origins } = expandLanguageExtensions({
      ...TRANSFORM,
      Resources: {
        'Fn::ForEach::Stages': ['Stage', ['Dev', 'Prod'], {
          'Fn::ForEach::Apps': ['App', ['Web', 'Admin'], { '${App}${Stage}': client({ ClientName: { 'Fn::Sub': '${App}-${Stage}' } }) }],
        }],
      },
    });
    const resources = (template as any).Resources;
    expect(Object.keys(resources).sort()).toEqual(['AdminDev', 'AdminProd', 'WebDev', 'WebProd']);
    expect(resources.AdminProd.Properties.ClientName).toBe('Admin-Prod');
    expect(origins.get('WebDev')).toEqual({ loop: 'Fn::ForEach::Apps', note: 'made by Fn::ForEach::Apps in Fn::ForEach::Stages' });
  });

  test('loops in Conditions and in a resource\'s properties are expanded too', () => {
    const { template } = expandLanguageExtensions({
      ...TRANSFORM,
      Parameters: { Stage: { Type: 'String' } },
      Conditions: { 'Fn::ForEach::Is': ['S', ['Dev', 'Prod'], { 'Is${S}': { 'Fn::Equals': [{ Ref: 'Stage' }, { Ref: 'S' }] } }] },
      Resources: { Web: { Type: 'AWS::Cognito::UserPool', Properties: { 'Fn::ForEach::Tags': ['T', ['a', 'b'], { 'Tag${T}': { Ref: 'T' } }] } } },
    });
    expect((template as any).Conditions).toEqual({
      IsDev: { 'Fn::Equals': [{ Ref: 'Stage' }, 'Dev'] },
      IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'Prod'] },
    });
    expect((template as any).Resources.Web.Properties).toEqual({ Taga: 'a', Tagb: 'b' });
  });

  test('the Fn::FindInMap a loop makes literal is looked up by the literal pass after it (as the checker runs them), with its DefaultValue', () => {
    const { template: expanded } = expandLanguageExtensions({
      ...TRANSFORM,
      Mappings: { Flows: { Dev: { Value: ['code', 'implicit'] } } },
      Resources: {
        'Fn::ForEach::S': ['S', ['Dev', 'Prod'], {
          'W${S}': client({ AllowedOAuthFlows: { 'Fn::FindInMap': ['Flows', { Ref: 'S' }, 'Value', { DefaultValue: ['code'] }] } }),
        }],
        'Region': client({ AllowedOAuthFlows: { 'Fn::FindInMap': ['Flows', { Ref: 'AWS::Region' }, 'Value'] } }),
      },
    });
    const resources = (withLiteralIntrinsicsResolved(expanded) as any).Resources;
    expect(resources.WDev.Properties.AllowedOAuthFlows).toEqual(['code', 'implicit']);
    expect(resources.WProd.Properties.AllowedOAuthFlows).toEqual(['code']);
    expect(resources.Region.Properties.AllowedOAuthFlows).toEqual({ 'Fn::FindInMap': ['Flows', { Ref: 'AWS::Region' }, 'Value'] });
  });

  test('a collection of literal intrinsics is computed: a mapping\'s list, a Split string', () => {
    const made = (collection: unknown) => Object.keys((expandLanguageExtensions({
      ...TRANSFORM,
      Mappings: { Stages: { All: { Names: ['dev', 'prod'] } } },
      Resources: { 'Fn::ForEach::S': ['S', collection, { 'W${S}': client({}) }] },
    }).template as any).Resources);
    expect(made({ 'Fn::FindInMap': ['Stages', 'All', 'Names'] })).toEqual(['Wdev', 'Wprod']);
    expect(made({ 'Fn::Split': [',', 'a,b'] })).toEqual(['Wa', 'Wb']);
  });

  test('a collection of numbers (YAML\'s [1, 2]) is expanded with their text', () => {
    const { template, problems } = expandLanguageExtensions({ ...TRANSFORM, Resources: { 'Fn::ForEach::N': ['N', [1, 2], { 'W${N}': { Type: 'X' } }] } });
    expect(problems).toEqual([]);
    expect(Object.keys((template as any).Resources)).toEqual(['W1', 'W2']);
  });

  test('without the transform the template is returned as it is: CloudFormation would not expand the loop either', () => {
    const template = { Resources: stages(['dev']).Resources };
    expect(expandLanguageExtensions(template).template).toBe(template);
    expect(expandLanguageExtensions({ Transform: ['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions'], Resources: template.Resources })
      .origins.has('Webdev')).toBe(true);
  });

  test.each([
    ['not three parts', ['S', ['a']], 'it is not [identifier, collection, { key: value }]'],
    ['no identifier', [{ Ref: 'x' }, ['a'], {}], 'the identifier must be a string'],
    ['an empty identifier', ['', ['a'], { 'W${S}': {} }], 'the identifier must be a string'],
    ['a fragment that is not an object', ['S', ['a'], 'W${S}'], 'the fragment an object'],
    ['a Ref to no parameter', ['S', { Ref: 'Missing' }, { 'W${S}': {} }], 'neither a list nor a Ref to a list parameter'],
    ['a collection known only at deployment', ['S', { 'Fn::Split': [',', { Ref: 'AWS::StackName' }] }, { 'W${S}': {} }], 'neither a list nor a Ref to a list parameter'],
    ['a list of objects', ['S', [{ a: 1 }], { 'W${S}': {} }], 'values that are not strings'],
    ['a String parameter', ['S', { Ref: 'Name' }, { 'W${S}': {} }], 'parameter Name of type String, not CommaDelimitedList'],
    ['keys made twice', ['S', ['a', 'b'], { Web: {} }], "it makes 'Web', which the template already has (or the loop makes twice)"],
    ['a key the template has', ['S', ['Pool'], { '${S}': {} }], "it makes 'Pool', which the template already has"],
    ['keys of one body made alike', ['S', ['a'], { 'W${S}': {}, 'Wa': {} }], "it makes 'Wa' twice"],
  ])('a loop with %s is left out and named, the rest of the template kept', (_, loop, reason) => {
    const { template, problems } = expandLanguageExtensions({
      ...TRANSFORM,
      Parameters: { Name: { Type: 'String' } },
      Resources: { 'Pool': { Type: 'AWS::Cognito::UserPool' }, 'Fn::ForEach::Bad': loop },
    });
    expect(Object.keys((template as any).Resources)).toEqual(['Pool']);
    expect(problems).toHaveLength(1);
    expect(problems[0].key).toBe('Fn::ForEach::Bad');
    expect(problems[0].reason).toContain('Fn::ForEach::Bad cannot be expanded: ');
    expect(problems[0].reason).toContain(reason);
  });

  test('keys that every JavaScript object has, or that assignment would not set, are entries like any other', () => {
    const { template, problems } = expandLanguageExtensions({
      ...TRANSFORM,
      Resources: { 'Fn::ForEach::Odd': ['K', ['constructor', 'toString', '__proto__'], { '${K}': { Type: 'X' } }] },
    });
    expect(problems).toEqual([]);
    expect(Object.keys((template as any).Resources)).toEqual(['constructor', 'toString', '__proto__']);
  });

  test('loops nested more than five deep are refused, as CloudFormation refuses them', () => {
    let body: Record<string, unknown> = { 'R${L5}': client({}) };
    for (let i = 5; i >= 0; i--) body = { [`Fn::ForEach::L${i}`]: [`L${i}`, ['x'], body] };
    const { problems } = expandLanguageExtensions({ ...TRANSFORM, Resources: body });
    expect(problems).toEqual([{ key: 'Fn::ForEach::L0', reason: 'Fn::ForEach::L5 cannot be expanded: loops are nested more than 5 deep, which CloudFormation refuses' }]);
  });
});

describe('the policy check judges each client a loop makes', () => {
  test('a literal collection: each client under its own logical ID, the finding naming the loop', () => {
    const check = checkTemplate(stages(['dev', 'prod']), 't.json');
    expect(check.clients).toBe(2);
    // Both callbacks are http in the template (the scheme is a variable), so neither is judged insecure...
    expect(ids(check)).toEqual([]);
    // ...but a literal one is, per value.
    const literal = checkTemplate({
      ...TRANSFORM,
      Mappings: { Scheme: { dev: { Value: 'http' }, prod: { Value: 'https' } } },
      Resources: {
        'Fn::ForEach::Stages': ['Stage', ['dev', 'prod'], {
          'Web${Stage}': client({
            AllowedOAuthFlows: ['code'],
            CallbackURLs: [{ 'Fn::Join': ['', [{ 'Fn::FindInMap': ['Scheme', { Ref: 'Stage' }, 'Value'] }, { 'Fn::Sub': '://${Stage}.example.com/cb' }]] }],
          }),
        }],
      },
    }, 't.json');
    expect(literal.clients).toBe(2);
    expect(ids(literal)).toEqual(['OAC-085 Webdev', 'COG-007 Webdev']);
    expect(literal.findings[0].message).toMatch(/'Webdev' in t\.json: .*http:\/\/dev\.example\.com\/cb.* \(made by Fn::ForEach::Stages\)$/);
    expect(literal.findings[0].declaredBy).toBe('Fn::ForEach::Stages');
  });

  // A Default as text, or as the list CDK's CfnParameter writes for a CommaDelimitedList.
  test.each([['dev, prod'], [['dev', ' prod']]])('a collection from a parameter is expanded with its Default (%j), and the finding says so', (given) => {
    const check = checkTemplate({
      ...TRANSFORM,
      Parameters: { Stages: { Type: 'CommaDelimitedList', Default: given } },
      Resources: {
        'Fn::ForEach::Stages': ['Stage', { Ref: 'Stages' }, {
          'Web${Stage}': client({ AllowedOAuthFlows: ['code'], CallbackURLs: [{ 'Fn::Sub': 'http://${Stage}.example.com/cb' }] }),
        }],
      },
    }, 't.json');
    expect(ids(check)).toEqual(['OAC-085 Webdev', 'COG-007 Webdev', 'OAC-085 Webprod', 'COG-007 Webprod']);
    expect(check.findings[0].message).toContain('(made by Fn::ForEach::Stages with parameter Stages at its Default (dev, prod))');
  });

  test('a parameter without a Default: the client is judged once on what does not depend on the identifier', () => {
    const check = checkTemplate({
      ...TRANSFORM,
      Parameters: { Stages: { Type: 'List<String>' } },
      Resources: {
        'Fn::ForEach::Stages': ['Stage', { Ref: 'Stages' }, {
          'Web${Stage}': client({ AllowedOAuthFlows: ['code', 'client_credentials'], GenerateSecret: true, CallbackURLs: [{ 'Fn::Sub': 'https://${Stage}.example.com/cb' }] }),
        }],
      },
    }, 't.json');
    expect(check.clients).toBe(1);
    expect(ids(check)).toEqual(['COG-002 Web${Stage}', 'COG-003 Web${Stage}']);
    expect(check.findings[0].message).toContain('(made by Fn::ForEach::Stages for any value of parameter Stages (it has no Default))');
  });

  test('a NoEcho parameter\'s Default is not used: it would become logical IDs and notes in the report', () => {
    const check = checkTemplate({
      ...TRANSFORM,
      Parameters: { Stages: { Type: 'CommaDelimitedList', NoEcho: true, Default: 'hush' } },
      Resources: {
        'Fn::ForEach::Stages': ['Stage', { Ref: 'Stages' }, {
          'Web${Stage}': client({ AllowedOAuthFlows: ['code'], CallbackURLs: ['http://app.example.com/cb'] }),
        }],
      },
    }, 't.json');
    expect(ids(check)).toEqual(['OAC-085 Web${Stage}', 'COG-007 Web${Stage}']);
    expect(check.findings[0].message).toContain('(made by Fn::ForEach::Stages for any value of parameter Stages (NoEcho))');
    expect(JSON.stringify(check)).not.toContain('hush');
  });

  test('conditions made by a loop decide the client\'s variants', () => {
    const check = checkTemplate({
      ...TRANSFORM,
      Parameters: { Stage: { Type: 'String', AllowedValues: ['Dev', 'Prod'] } },
      Conditions: { 'Fn::ForEach::Is': ['S', ['Dev', 'Prod'], { 'Is${S}': { 'Fn::Equals': [{ Ref: 'Stage' }, { Ref: 'S' }] } }] },
      Resources: {
        Web: client({ AllowedOAuthFlows: ['code'], CallbackURLs: [{ 'Fn::If': ['IsDev', 'http://dev.example.com/cb', 'https://app.example.com/cb'] }] }),
      },
    }, 't.json');
    expect(check.findings.map((f) => `${f.ruleId} ${f.message.replace(/^.*\(when /, '(when ')}`)).toEqual([
      'OAC-085 (when IsDev is true)',
      'COG-007 (when IsDev is true)',
    ]);
  });

  test('a loop that cannot be expanded is reported as skipped, not silently passed', () => {
    const check = checkTemplate(stages({ 'Fn::Split': [',', { 'Fn::ImportValue': 'Stages' }] }), 't.json');
    expect(check.clients).toBe(0);
    expect(check.skipped).toEqual([{
      logicalId: 'Fn::ForEach::Stages',
      templatePath: 't.json',
      reason: 'Fn::ForEach::Stages cannot be expanded: its collection is neither a list nor a Ref to a list parameter, so its values are not known at synth',
    }]);
  });
});

describe('a loop is judged as the same clients written out one by one', () => {
  const settings = fc.record({
    flows: fc.subarray(['code', 'implicit', 'client_credentials'], { minLength: 1 }),
    callback: fc.constantFrom('http://localhost/cb', 'http://app.example.com/cb', 'https://app.example.com/cb#x', 'https://app.example.com/cb'),
    secret: fc.constantFrom('true', 'false'),
    rotation: fc.constantFrom('ENABLED', 'DISABLED'),
  });
  const clients = fc.uniqueArray(fc.tuple(fc.stringMatching(/^[A-Za-z0-9]{1,6}$/), settings), { minLength: 1, maxLength: 4, selector: ([v]) => v });
  const properties = (s: { flows: unknown; callback: unknown; secret: unknown; rotation: unknown }) => client({
    AllowedOAuthFlows: s.flows, CallbackURLs: [s.callback], GenerateSecret: s.secret, RefreshTokenRotation: { Feature: s.rotation },
  });

  test('the same findings (rule, logical ID, message) over 200 random loops, the loop\'s saying which loop made them', () => {
    fc.assert(fc.property(clients, (list) => {
      const find = (key: string) => ({ 'Fn::FindInMap': ['Clients', { Ref: 'V' }, key] });
      const loop = checkTemplate({
        ...TRANSFORM,
        Mappings: {
          Clients: Object.fromEntries(list.map(([v, s]) => [v, { Flows: s.flows, Callback: s.callback, Secret: s.secret, Rotation: s.rotation }])),
        },
        Resources: {
          'Fn::ForEach::Clients': ['V', list.map(([v]) => v), {
            'Web${V}': properties({ flows: find('Flows'), callback: find('Callback'), secret: find('Secret'), rotation: find('Rotation') }),
          }],
        },
      }, 't.json');
      const written = checkTemplate({ Resources: Object.fromEntries(list.map(([v, s]) => [`Web${v}`, properties(s)])) }, 't.json');
      expect(loop.clients).toBe(list.length);
      const unmade = (text: string) => text.replace(/ \(made by Fn::ForEach::Clients\)$/, '');
      expect(loop.findings.map(({ declaredBy, ...f }) => ({ ...f, message: unmade(f.message), problem: unmade(f.problem) })))
        .toEqual(written.findings);
      for (const f of loop.findings) {
        expect(f.message).toMatch(/ \(made by Fn::ForEach::Clients\)$/);
        expect(f.problem).toMatch(/ \(made by Fn::ForEach::Clients\)$/);
        expect(f.declaredBy).toBe('Fn::ForEach::Clients');
      }
    }), { numRuns: 200 });
  });
});

describe('the CLI over a YAML template with a loop', () => {
  test('text: the loop\'s client is reported; SARIF puts it at the line of the loop', () => {
    const text = run('check', FIXTURE);
    expect(text.status).toBe(1);
    expect(text.out).toContain("[COG-007] AWS::Cognito::UserPoolClient 'WebDev'");
    expect(text.out).not.toContain("'WebProd'");

    const sarif = JSON.parse(run('check', '--format', 'sarif', FIXTURE).out);
    expect(sarif).toBeValidSarifLog();
    const results = sarif.runs[0].results;
    const lines = readFileSync(FIXTURE, 'utf8').split('\n');
    expect(results.map((r: any) => `${r.ruleId} ${r.locations[0].logicalLocations[0].name}`)).toEqual(['OAC-085 WebDev', 'COG-007 WebDev']);
    for (const r of results) expect(lines[r.locations[0].physicalLocation.region.startLine - 1]).toBe("  'Fn::ForEach::Stages':");
  });
});
