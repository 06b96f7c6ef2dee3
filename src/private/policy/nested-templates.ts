import { existsSync, readFileSync, statSync } from 'fs';
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
    if (typeof relative !== 'string' || !relative.endsWith('.template.json')) return;
    const path = resolve(dir, relative);
    if (!path.startsWith(dir + sep) || found.has(path) || !existsSync(path)) return;
    found.add(path);
    if (readInTurn) queue.push(path);
  };
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const dir = dirname(next);
    // The default synthesizer's manifest lists the nested templates of every depth, so the template itself need not
    // be read (a second parse of every template of a large app); without a manifest, its resources' metadata tells.
    const manifest = readJson(next.replace(/\.template\.json$/, '.assets.json'), maxBytes);
    if (manifest) {
      for (const file of Object.values(jsonObject(manifest.files) ?? {})) {
        const source = jsonObject(jsonObject(file)?.source);
        if (source?.packaging === undefined || source.packaging === 'file') add(dir, source?.path, false);
      }
      continue;
    }
    for (const resource of Object.values(jsonObject(readJson(next, maxBytes)?.Resources) ?? {})) {
      if (jsonObject(resource)?.Type === 'AWS::CloudFormation::Stack') add(dir, jsonObject(jsonObject(resource)?.Metadata)?.['aws:asset:path'], true);
    }
  }
  return [...found];
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
