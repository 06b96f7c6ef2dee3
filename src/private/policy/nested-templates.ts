import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, resolve, sep } from 'path';
import { jsonObject } from '../engine/wire';

/**
 * The given stack templates and the templates of their nested stacks. CDK hands a policy-validation plugin the
 * templates of the assembly's stacks only (`assembly.stacks`), and a nested stack's template is a file asset of
 * its parent, so a plugin that judged only what it was given would never see a client in a `NestedStack`. The
 * nested templates are found where the parent's synthesizer recorded them: its asset manifest (`<Stack>.assets.json`,
 * the default synthesizer, which lists every level of nesting), or else the `aws:asset:path` metadata of its
 * `AWS::CloudFormation::Stack` resources (when asset metadata is on), level by level. Only files of the template's own directory,
 * of at most maxBytes each, are read.
 */
export function withNestedTemplates(templatePaths: readonly string[], maxBytes = Infinity): string[] {
  const found = new Set(templatePaths.map((p) => resolve(p)));
  const queue = [...found];
  /** Adds a nested template; one found by metadata is read in turn for its own nested stacks. */
  const add = (dir: string, relative: unknown, readInTurn: boolean) => {
    const path = templateIn(dir, relative);
    if (path === undefined || found.has(path) || !existsSync(path)) return;
    found.add(path);
    if (readInTurn) queue.push(path);
  };
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const dir = dirname(next);
    // The default synthesizer's manifest lists the nested templates of every depth, so the template itself need not
    // be read (a second parse of every template of a large app); without a manifest, its resources' metadata tells.
    const manifest = readJson(next.replace(/\.template\.json$/, '.assets.json'), maxBytes);
    if (manifest) {
      for (const asset of fileAssets(manifest)) add(dir, asset.path, false);
      continue;
    }
    for (const resource of Object.values(jsonObject(readJson(next, maxBytes)?.Resources) ?? {})) {
      if (jsonObject(resource)?.Type === 'AWS::CloudFormation::Stack') add(dir, jsonObject(jsonObject(resource)?.Metadata)?.['aws:asset:path'], true);
    }
  }
  return [...found];
}

/** An `AWS::CloudFormation::Stack` resource of a judged template. */
export interface NestedStackResource {
  readonly logicalId: string;
  /** Its `TemplateURL` property as written. */
  readonly templateUrl: unknown;
  /** Its `aws:asset:path` metadata (when asset metadata is on). */
  readonly assetPath: unknown;
  /** Its own `Condition` when that is never true: CloudFormation does not create the stack. */
  readonly neverTrue?: string;
  /** The values of its `Parameters` that are literal (as the parent is deployed): what its template is deployed with. */
  readonly parameters: Readonly<Record<string, string>>;
}

/** How a nested template is judged again: as not created, or with the parameter values its stack resource gives. */
export interface NestedContext {
  /** Why CloudFormation does not create its stack. */
  readonly notCreated?: string;
  /** The values of its parameters. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** The stack resource that gives them, for an error about one (`the nested stack 'Auth' of Parent.template.json`). */
  readonly parametersGivenBy?: string;
}

/**
 * Runs `judge` over the templates, then once more over each nested template (`judge` returns the stack resources of
 * the template it judged; the caller keeps the last judgement of a path), top down, with what its stack resources
 * make of it:
 * - not created, with the reason, when every stack resource that refers to it has an own Condition that is never true
 *   or is in a template whose stack is not created;
 * - otherwise, with the values of its parameters that the stack resources that create it give as literals, and agree
 *   on. CloudFormation deploys a nested stack with the values its stack resource gives.
 *
 * Nested stacks of the same content refer to one template (the asset manifest lists the first one's file, and both
 * TemplateURLs end with its key). A stack resource's template is found by its asset metadata, or by the object key
 * its TemplateURL ends with in an asset manifest beside its parent; one found neither way, or that is in a cycle of
 * stack resources, keeps its first judgement. Only templates among `paths` are judged again.
 */
export function judgeTemplates(
  paths: readonly string[],
  judge: (path: string, context?: NestedContext) => readonly NestedStackResource[],
  maxBytes = Infinity,
): void {
  const named = new Map(paths.map((p) => [resolve(p), p]));
  const objectKeys: ObjectKeys = new Map();
  const stacksOf = new Map<string, readonly NestedStackResource[]>();
  // Each nested template among the paths: the stack resources that refer to it, by parent and logical ID; and the
  // other way, each template's nested templates (once per stack resource).
  const refs = new Map<string, Array<{ parent: string; logicalId: string }>>();
  const children = new Map<string, string[]>();
  for (const parent of paths) {
    stacksOf.set(parent, judge(parent));
    for (const stack of stacksOf.get(parent)!) {
      const path = named.get(nestedTemplatePath(parent, stack, objectKeys, maxBytes) ?? '');
      if (path === undefined) continue;
      refs.set(path, [...refs.get(path) ?? [], { parent, logicalId: stack.logicalId }]);
      children.set(parent, [...children.get(parent) ?? [], path]);
    }
  }
  // Top down: a template once every template that refers to it has its last judgement.
  const waiting = new Map(paths.map((p) => [p, refs.get(p)?.length ?? 0]));
  const ready = paths.filter((p) => waiting.get(p) === 0);
  // By path, the root cause of a template not created: a stack resource whose own Condition is never true.
  const uncreated = new Map<string, string>();
  for (let path = ready.shift(); path !== undefined; path = ready.shift()) {
    const by = (refs.get(path) ?? []).map(({ parent, logicalId }) => ({
      parent,
      stack: stacksOf.get(parent)!.find((s) => s.logicalId === logicalId),
    }));
    if (by.length > 0 && by.every((r) => r.stack?.neverTrue !== undefined || uncreated.has(r.parent))) {
      const { parent, stack } = by[0];
      const within = uncreated.get(parent);
      const root = within ?? `the nested stack '${stack!.logicalId}' of ${parent}, whose Condition '${stack!.neverTrue}' is never true`;
      uncreated.set(path, root);
      stacksOf.set(path, judge(path, { notCreated: `its stack is ${within ? 'within ' : ''}${root}: CloudFormation does not create it` }));
    } else {
      const creating = by.filter((r) => r.stack !== undefined && r.stack.neverTrue === undefined && !uncreated.has(r.parent));
      const parameters = agreedValues(creating.map((r) => r.stack!.parameters));
      if (Object.keys(parameters).length > 0) {
        const { parent, stack } = creating[0];
        stacksOf.set(path, judge(path, { parameters, parametersGivenBy: `the nested stack '${stack!.logicalId}' of ${parent}` }));
      }
    }
    for (const child of children.get(path) ?? []) {
      waiting.set(child, waiting.get(child)! - 1);
      if (waiting.get(child) === 0) ready.push(child);
    }
  }
}

/** The values that every one of the lists gives alike; none for no lists. */
function agreedValues(lists: ReadonlyArray<Readonly<Record<string, string>>>): Record<string, string> {
  const [first, ...others] = lists;
  return Object.fromEntries(Object.entries(first ?? {}).filter(([name, value]) => others.every((o) => o[name] === value)));
}

/** The template of a nested stack resource, in its parent's directory; undefined when neither way finds it. */
function nestedTemplatePath(parent: string, stack: NestedStackResource, objectKeys: ObjectKeys, maxBytes: number): string | undefined {
  const dir = dirname(resolve(parent));
  const byMetadata = templateIn(dir, stack.assetPath);
  if (byMetadata) return byMetadata;
  // The default synthesizer uploads the template as a file asset, and the stack's TemplateURL ends with its object key.
  const leaves = stringLeaves(stack.templateUrl);
  if (leaves.length === 0) return undefined;
  if (!objectKeys.has(dir)) objectKeys.set(dir, assetObjectKeys(dir, maxBytes));
  const found = objectKeys.get(dir)!.find(([key]) => leaves.some((s) => s === key || s.endsWith(`/${key}`)));
  return found && templateIn(dir, found[1]);
}

/** By directory: the object key and source path of each file asset of its asset manifests, read once. */
type ObjectKeys = Map<string, Array<[string, unknown]>>;

/** The object key and source path of every file asset in the asset manifests of a directory. */
function assetObjectKeys(dir: string, maxBytes: number): Array<[string, unknown]> {
  return readdirSync(dir).filter((f) => f.endsWith('.assets.json'))
    .flatMap((name) => fileAssets(readJson(resolve(dir, name), maxBytes)))
    .flatMap((asset) => asset.objectKeys.map((key): [string, unknown] => [key, asset.path]));
}

/** The file assets of an asset manifest: each one's source path (relative to the manifest) and its object keys. */
function fileAssets(manifest: Record<string, unknown> | undefined): Array<{ path: unknown; objectKeys: string[] }> {
  return Object.values(jsonObject(manifest?.files) ?? {}).flatMap((file) => {
    const source = jsonObject(jsonObject(file)?.source);
    if (source?.packaging !== undefined && source.packaging !== 'file') return [];
    const objectKeys = Object.values(jsonObject(jsonObject(file)?.destinations) ?? {})
      .map((destination) => jsonObject(destination)?.objectKey)
      .filter((key): key is string => typeof key === 'string' && key !== '');
    return [{ path: source?.path, objectKeys }];
  });
}

/** A nested template named relative to a directory: a `.template.json` inside it; undefined for anything else. */
function templateIn(dir: string, relative: unknown): string | undefined {
  if (typeof relative !== 'string' || !relative.endsWith('.template.json')) return undefined;
  const path = resolve(dir, relative);
  return path.startsWith(dir + sep) ? path : undefined;
}

/** Every string in a JSON value, down to 33 levels (a TemplateURL is an `Fn::Join` of a few parts). */
function stringLeaves(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null || depth > 32) return [];
  return Object.values(value).flatMap((v) => stringLeaves(v, depth + 1));
}

/** A JSON object from a file of at most maxBytes; undefined for anything else (the caller reports unusable files). */
export function readJson(path: string, maxBytes = Infinity): Record<string, unknown> | undefined {
  try {
    if (statSync(path).size > maxBytes) return undefined;
    return jsonObject(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return undefined;
  }
}
