import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative } from 'path';
import { judgeTemplates } from '../../src/private/policy/nested-templates';
import { ParameterValueError } from '../../src/private/policy/parameter-values';
import { checkTemplate } from '../../src/private/policy/template-checker';

// Nested templates over hand-written assemblies: which are judged again, as not created (with what reason) or with the
// parameter values their stack resources give.
const NEVER = { Never: { 'Fn::Equals': ['a', 'b'] } };
/** A TemplateURL as the default synthesizer writes it, ending with the object key. */
const url = (key: string) => ({
  'Fn::Join': ['', ['https://s3.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { 'Fn::Sub': 'cdk-assets-${AWS::AccountId}' }, `/${key}`]],
});
const stack = (templateUrl: unknown, extra: object = {}) => ({ Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: templateUrl }, ...extra });
const never = (templateUrl: unknown, extra: object = {}) => stack(templateUrl, { Condition: 'Never', ...extra });
/** An asset manifest: object key to template file. */
const manifest = (keys: Record<string, string>) => ({
  version: '48.0.0',
  files: Object.fromEntries(Object.entries(keys).map(([key, path], i) => [`a${i}`, {
    source: { path, packaging: 'file' }, destinations: { d: { bucketName: 'b', objectKey: key } },
  }])),
});

/**
 * Writes the files in a fresh directory and runs judgeTemplates over the given ones; returns the judgements after the
 * first pass: the file, and the reason it is not created or the values it is judged with.
 */
function rejudged(files: Record<string, object>, given = Object.keys(files).filter((f) => f.endsWith('.template.json'))): Array<[string, unknown]> {
  const dir = mkdtempSync(join(tmpdir(), 'oac-nested-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), JSON.stringify(content));
  }
  const calls: Array<[string, unknown]> = [];
  judgeTemplates(given.map((f) => join(dir, f)), (path, context) => {
    calls.push([relative(dir, path), context?.notCreated?.split(dir + '/').join('') ?? context?.parameters]);
    return checkTemplate(JSON.parse(readFileSync(path, 'utf8')), path, context).nestedStacks;
  });
  expect(calls.slice(0, given.length)).toEqual(given.map((f) => [f, undefined]));
  return calls.slice(given.length);
}

const direct = (id: string, parent: string) => `its stack is the nested stack '${id}' of ${parent}, whose Condition 'Never' is never true: CloudFormation does not create it`;

test('found by the object key the TemplateURL ends with (or is), in any asset manifest beside the parent, of a file asset', () => {
  const asset = (path: string, objectKey: string, packaging?: string) => ({ source: { path, packaging }, destinations: { d: { objectKey } } });
  const files = {
    'P.template.json': {
      Conditions: NEVER,
      Resources: { A: never(url('h1.json')), B: never('h2.json'), C: stack(url('h3.json')), D: never(url('h4.json')), E: never(url('h5.json')) },
    },
    'P.assets.json': manifest({ 'h1.json': 'A.template.json' }),
    'Other.assets.json': manifest({ 'h2.json': 'B.template.json', 'h3.json': 'C.template.json' }),
    // A file asset need not say its packaging; a zip asset is no template, whatever its name.
    'Third.assets.json': { files: { d: asset('D.template.json', 'h4.json'), e: asset('E.template.json', 'h5.json', 'zip') } },
    'A.template.json': {},
    'B.template.json': {},
    'C.template.json': {},
    'D.template.json': {},
    'E.template.json': {},
  };
  expect(rejudged(files)).toEqual([
    ['A.template.json', direct('A', 'P.template.json')], ['B.template.json', direct('B', 'P.template.json')], ['D.template.json', direct('D', 'P.template.json')],
  ]);
});

test('found by asset metadata in the parent\'s directory, naming a .template.json; not outside it, not another file', () => {
  const meta = (path: string) => ({ Metadata: { 'aws:asset:path': path } });
  const files = {
    'P.template.json': { Conditions: NEVER, Resources: { A: never({ Ref: 'Url' }, meta('A.template.json')), B: never('x', meta('B.json')) } },
    'A.template.json': {},
    'B.json': {},
  };
  expect(rejudged(files, ['P.template.json', 'A.template.json', 'B.json'])).toEqual([['A.template.json', direct('A', 'P.template.json')]]);
  // A template given beside it, outside its directory.
  const outside = { 'out/P.template.json': { Conditions: NEVER, Resources: { A: never('x', meta('../Outside.template.json')) } }, 'Outside.template.json': {} };
  expect(rejudged(outside)).toEqual([]);
});

test('an object key that is empty or no string, or a TemplateURL without the key (null, numbers, deeper than 33 levels): not found, judged as created', () => {
  const deep = (levels: number) => {
    let wrapped: unknown = '/h1.json';
    for (let i = 0; i < levels; i++) wrapped = [wrapped];
    return wrapped;
  };
  const files = (levels: number) => ({
    'P.template.json': { Conditions: NEVER, Resources: { A: never({ 'Fn::Join': ['', [null, 1, '/']] }), B: never(deep(levels)), C: never('/7') } },
    'P.assets.json': manifest({ '': 'A.template.json', 'h1.json': 'B.template.json' }),
    'Numbered.assets.json': { files: { c: { source: { path: 'C.template.json' }, destinations: { d: { objectKey: 7 } } } } },
    'A.template.json': {},
    'B.template.json': {},
    'C.template.json': {},
  });
  expect(rejudged(files(34))).toEqual([]);
  expect(rejudged(files(33))).toEqual([['B.template.json', direct('B', 'P.template.json')]]);
});

test('three levels down: the reason names the stack resource whose Condition is never true', () => {
  const files = {
    'P.template.json': { Conditions: NEVER, Resources: { A: never(url('a.json')) } },
    'P.assets.json': manifest({ 'a.json': 'A.template.json', 'b.json': 'B.template.json', 'c.json': 'C.template.json' }),
    'A.template.json': { Resources: { B: stack(url('b.json')) } },
    'B.template.json': { Resources: { C: stack(url('c.json')) } },
    'C.template.json': {},
  };
  const within = 'its stack is within the nested stack \'A\' of P.template.json, whose Condition \'Never\' is never true: CloudFormation does not create it';
  expect(rejudged(files, ['C.template.json', 'B.template.json', 'A.template.json', 'P.template.json'])).toEqual([
    ['A.template.json', direct('A', 'P.template.json')], ['B.template.json', within], ['C.template.json', within],
  ]);
});

test('a template two stack resources refer to is created if either is; not created when neither is', () => {
  const files = (second: object) => ({
    'P.template.json': { Conditions: NEVER, Resources: { A: never(url('same.json')), B: second } },
    'P.assets.json': manifest({ 'same.json': 'A.template.json' }),
    'A.template.json': {},
  });
  expect(rejudged(files(stack(url('same.json'))))).toEqual([]);
  expect(rejudged(files(never(url('same.json'))))).toEqual([['A.template.json', direct('A', 'P.template.json')]]);
});

test('stack resources that refer to each other\'s templates in a cycle: judged as created, once', () => {
  const files = {
    'P.template.json': { Conditions: NEVER, Resources: { A: never(url('a.json')) } },
    'P.assets.json': manifest({ 'a.json': 'A.template.json', 'b.json': 'B.template.json' }),
    'A.template.json': { Resources: { B: stack(url('b.json')) } },
    'B.template.json': { Resources: { A: stack(url('a.json')) } },
  };
  expect(rejudged(files)).toEqual([]);
});

describe('the values a nested stack\'s stack resource gives its parameters', () => {
  const ENV = { Env: { Type: 'String', AllowedValues: ['dev', 'prod'] } };

  test('its literal values, as strings; not a value an intrinsic or a dynamic reference makes', () => {
    const parameters = { Env: 'prod', Count: 3, On: true, Vpc: { Ref: 'Vpc' }, Stage: '{{resolve:ssm:/app/stage}}' };
    const files = {
      'P.template.json': { Resources: { A: { ...stack(url('a.json')), Properties: { TemplateURL: url('a.json'), Parameters: parameters } } } },
      'P.assets.json': manifest({ 'a.json': 'A.template.json' }),
      'A.template.json': {},
    };
    expect(rejudged(files)).toEqual([['A.template.json', { Env: 'prod', Count: '3', On: 'true' }]]);
  });

  test('top down: the values a parent is judged with decide its own stack resources\' Condition and values', () => {
    const files = {
      'P.template.json': { Resources: { A: { ...stack(url('a.json')), Properties: { TemplateURL: url('a.json'), Parameters: { Env: 'dev' } } } } },
      'P.assets.json': manifest({ 'a.json': 'A.template.json', 'b.json': 'B.template.json', 'c.json': 'C.template.json' }),
      'A.template.json': {
        Parameters: ENV,
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
        Resources: {
          B: stack(url('b.json'), { Condition: 'IsProd' }),
          C: { ...stack(url('c.json')), Properties: { TemplateURL: url('c.json'), Parameters: { Stage: { 'Fn::Sub': '${Env}-1' } } } },
        },
      },
      'B.template.json': {},
      'C.template.json': {},
    };
    expect(rejudged(files, ['C.template.json', 'B.template.json', 'A.template.json', 'P.template.json'])).toEqual([
      ['A.template.json', { Env: 'dev' }],
      ['B.template.json', 'its stack is the nested stack \'B\' of A.template.json, whose Condition \'IsProd\' is never true: CloudFormation does not create it'],
      ['C.template.json', { Stage: 'dev-1' }],
    ]);
  });

  test('two stack resources on one template: the values they agree on; a stack resource never created gives none', () => {
    const given = (env: string, other: string, extra: object = {}) => ({ ...stack(url('a.json'), extra), Properties: { TemplateURL: url('a.json'), Parameters: { Env: env, Other: other } } });
    const files = (second: object) => ({
      'P.template.json': { Conditions: NEVER, Resources: { A: given('prod', 'x'), B: second } },
      'P.assets.json': manifest({ 'a.json': 'A.template.json' }),
      'A.template.json': {},
    });
    expect(rejudged(files(given('prod', 'y')))).toEqual([['A.template.json', { Env: 'prod' }]]);
    expect(rejudged(files(given('dev', 'y', { Condition: 'Never' })))).toEqual([['A.template.json', { Env: 'prod', Other: 'x' }]]);
    expect(rejudged(files(stack(url('a.json'))))).toEqual([]);
  });

  test('a stack resource in a template that is not created gives no values', () => {
    const giving = (env: string, extra: object = {}) => ({ ...stack(url('t.json'), extra), Properties: { TemplateURL: url('t.json'), Parameters: { Env: env } } });
    const files = {
      'P.template.json': { Conditions: NEVER, Resources: { A: giving('prod'), N: never(url('u.json')) } },
      'P.assets.json': manifest({ 't.json': 'T.template.json', 'u.json': 'U.template.json' }),
      'U.template.json': { Resources: { T: giving('dev') } },
      'T.template.json': {},
    };
    expect(rejudged(files)).toEqual([['U.template.json', direct('N', 'P.template.json')], ['T.template.json', { Env: 'prod' }]]);
  });

  test('a value its parameter does not allow: CloudFormation would refuse the nested stack, and the error names its stack resource', () => {
    const files = {
      'P.template.json': { Resources: { A: { ...stack(url('a.json')), Properties: { TemplateURL: url('a.json'), Parameters: { Env: 'test' } } } } },
      'P.assets.json': manifest({ 'a.json': 'A.template.json' }),
      'A.template.json': { Parameters: ENV },
    };
    let thrown: unknown;
    try {
      rejudged(files);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ParameterValueError);
    expect((thrown as Error).message).toMatch(
      /^parameter Env: 'test' is not among its AllowedValues \(dev, prod\), so CloudFormation would refuse it; the nested stack 'A' of \/.*\/P\.template\.json gives it$/);
  });
});
