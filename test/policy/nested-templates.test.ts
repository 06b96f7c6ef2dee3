import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { judgeTemplates } from '../../src/private/policy/nested-templates';
import { checkTemplate } from '../../src/private/policy/template-checker';

// Nested templates whose stack CloudFormation never creates, over hand-written assemblies: which templates are judged
// again, as not created, and with what reason.
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

/** Writes the files in a fresh directory and runs judgeTemplates over the given ones; returns the judgements after the first pass. */
function rejudged(files: Record<string, object>, given = Object.keys(files).filter((f) => f.endsWith('.template.json'))): Array<[string, string]> {
  const dir = mkdtempSync(join(tmpdir(), 'oac-nested-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
  const calls: Array<[string, string | undefined]> = [];
  judgeTemplates(given.map((f) => join(dir, f)), (path, notCreated) => {
    calls.push([basename(path), notCreated?.split(dir + '/').join('')]);
    return checkTemplate(JSON.parse(readFileSync(path, 'utf8')), path, { notCreated }).nestedStacks;
  });
  expect(calls.slice(0, given.length)).toEqual(given.map((f) => [f, undefined]));
  return calls.slice(given.length) as Array<[string, string]>;
}

const direct = (id: string, parent: string) => `its stack is the nested stack '${id}' of ${parent}, whose Condition 'Never' is never true: CloudFormation does not create it`;

test('found by the object key the TemplateURL ends with (or is), in any asset manifest beside the parent', () => {
  const files = {
    'P.template.json': { Conditions: NEVER, Resources: { A: never(url('h1.json')), B: never('h2.json'), C: stack(url('h3.json')) } },
    'P.assets.json': manifest({ 'h1.json': 'A.template.json' }),
    'Other.assets.json': manifest({ 'h2.json': 'B.template.json', 'h3.json': 'C.template.json' }),
    'A.template.json': {},
    'B.template.json': {},
    'C.template.json': {},
  };
  expect(rejudged(files)).toEqual([['A.template.json', direct('A', 'P.template.json')], ['B.template.json', direct('B', 'P.template.json')]]);
});

test('found by asset metadata in the parent\'s directory, naming a .template.json; not outside it, not another file', () => {
  const meta = (path: string) => ({ Metadata: { 'aws:asset:path': path } });
  const files = {
    'P.template.json': { Conditions: NEVER, Resources: { A: never({ Ref: 'Url' }, meta('A.template.json')), B: never('x', meta('B.json')) } },
    'A.template.json': {},
    'B.json': {},
  };
  expect(rejudged(files, ['P.template.json', 'A.template.json', 'B.json'])).toEqual([['A.template.json', direct('A', 'P.template.json')]]);
  const root = mkdtempSync(join(tmpdir(), 'oac-nested-'));
  writeFileSync(join(root, 'Outside.template.json'), '{}');
  const outside = { 'P.template.json': { Conditions: NEVER, Resources: { A: never('x', meta(`../${basename(root)}/Outside.template.json`)) } } };
  expect(rejudged(outside)).toEqual([]);
});

test('an object key that is empty, or a TemplateURL without the key (null, numbers, deeper than 32 levels): not found, judged as created', () => {
  let deep: unknown = '/h1.json';
  for (let i = 0; i < 34; i++) deep = [deep];
  const files = {
    'P.template.json': { Conditions: NEVER, Resources: { A: never({ 'Fn::Join': ['', [null, 1, '/']] }), B: never(deep) } },
    'P.assets.json': manifest({ '': 'A.template.json', 'h1.json': 'B.template.json' }),
    'A.template.json': {},
    'B.template.json': {},
  };
  expect(rejudged(files)).toEqual([]);
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
