import { readFileSync, statSync } from 'fs';
import { extname } from 'path';
import { CollectionTag, parse as parseYaml, ScalarTag, YAMLMap, YAMLSeq } from 'yaml';

/** CloudFormation accepts templates of at most 1 MB; anything far beyond that is refused unread. */
export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;

/** A template that cannot be used: the message names the file and what is wrong with it. */
export class UnusableTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnusableTemplateError';
  }
}

const FUNCTIONS = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform',
  'And', 'Equals', 'If', 'Not', 'Or', 'ToJsonString', 'Length'];

/** The short forms of CloudFormation's YAML (`!Ref`, `!GetAtt`, `!Sub`, ...) as their long forms. */
function cloudFormationTags(): Array<ScalarTag | CollectionTag> {
  const tags: Array<ScalarTag | CollectionTag> = [];
  const key = (name: string) => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);
  for (const name of ['Ref', 'Condition', 'GetAtt', ...FUNCTIONS]) {
    const wrap = (value: unknown) => ({
      [key(name)]: name === 'GetAtt' && typeof value === 'string' ? value.split('.', 2) : value,
    });
    tags.push({ tag: `!${name}`, resolve: (value: string) => wrap(value) } as ScalarTag);
    tags.push({ tag: `!${name}`, collection: 'seq', resolve: (seq: YAMLSeq) => wrap(seq.toJSON()) } as unknown as CollectionTag);
    tags.push({ tag: `!${name}`, collection: 'map', resolve: (map: YAMLMap) => wrap(map.toJSON()) } as unknown as CollectionTag);
  }
  return tags;
}

function describe(e: unknown): string {
  if (e instanceof RangeError) return 'it is nested too deeply to read';
  return (e as Error).message.split('\n')[0];
}

/**
 * The text without a leading UTF-8 byte order mark, which Windows editors write and CloudFormation takes (aws-cdk#29792:
 * its console accepts such a template), and which JSON.parse refuses.
 */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** Reads a CloudFormation template in JSON or YAML. Throws UnusableTemplateError naming the file. */
export function loadTemplate(path: string): unknown {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new UnusableTemplateError(`${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? describe(e)})`);
  }
  if (size > MAX_TEMPLATE_BYTES) {
    throw new UnusableTemplateError(`${path}: is ${size} bytes, more than the ${MAX_TEMPLATE_BYTES} this tool reads (CloudFormation accepts at most 1 MB)`);
  }
  const text = withoutByteOrderMark(readFileSync(path, 'utf8'));
  const ext = extname(path).toLowerCase();
  let template: unknown;
  try {
    template = ext === '.json' || (ext !== '.yaml' && ext !== '.yml' && text.trimStart().startsWith('{'))
      ? JSON.parse(text)
      : parseYaml(text, { customTags: cloudFormationTags(), maxAliasCount: 100, uniqueKeys: false });
  } catch (e) {
    throw new UnusableTemplateError(`${path}: is not valid ${ext === '.json' ? 'JSON' : 'JSON or YAML'}: ${describe(e)}`);
  }
  const resources = (template as { Resources?: unknown } | null)?.Resources;
  if (typeof template !== 'object' || template === null || Array.isArray(template)
    || typeof resources !== 'object' || resources === null || Array.isArray(resources)) {
    throw new UnusableTemplateError(`${path}: is not a CloudFormation template (it has no Resources object)`);
  }
  return template;
}

