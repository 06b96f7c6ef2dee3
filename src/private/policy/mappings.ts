/**
 * `Fn::FindInMap` whose names are literal: CloudFormation looks it up in the template's Mappings, so the policy check
 * judges the value it finds. That happens when the names are written out, or once parameter values or a loop's
 * identifier made them literal (`!FindInMap [Clients, !Ref Env, Flows]` with Env given).
 */
import { has, MAX_VALUE_DEPTH, RESOLVED_SECTIONS } from './template-values';
import { jsonObject } from '../engine/wire';

/** The object's own entry of that name (not `constructor`, which every object has). */
function entry(object: Record<string, unknown> | undefined, key: string): unknown {
  return object && has(object, key) ? object[key] : undefined;
}

/**
 * The value an `Fn::FindInMap` with these (already resolved) arguments finds: the mapping's entry, or its
 * `DefaultValue` (a LanguageExtensions option) when the entry is missing; undefined when the names are not literal
 * or nothing is found.
 */
export function lookUp(mappings: Record<string, unknown>, args: unknown): unknown {
  if (!Array.isArray(args) || args.length < 3 || args.length > 4) return undefined;
  const [map, top, second, options] = args;
  if (![map, top, second].every((v) => typeof v === 'string')) return undefined;
  const found = entry(jsonObject(entry(jsonObject(entry(mappings, map)), top)), second);
  if (found !== undefined) return found;
  return entry(jsonObject(options), 'DefaultValue');
}

function resolve(value: unknown, mappings: Record<string, unknown>, depth: number): unknown {
  if (depth > MAX_VALUE_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => resolve(v, mappings, depth + 1));
  const r = jsonObject(value);
  if (!r) return value;
  const keys = Object.keys(r);
  const out = Object.fromEntries(keys.map((k) => [k, resolve(r[k], mappings, depth + 1)]));
  if (keys.length === 1 && keys[0] === 'Fn::FindInMap') return lookUp(mappings, out['Fn::FindInMap']) ?? out;
  return out;
}

/** The template with each `Fn::FindInMap` whose names are literal replaced by what it finds; as it is without Mappings. */
export function withMappingsResolved(template: unknown): unknown {
  const t = jsonObject(template);
  const mappings = jsonObject(t?.Mappings);
  if (!t || !mappings) return template;
  const out: Record<string, unknown> = { ...t };
  for (const section of RESOLVED_SECTIONS) {
    if (jsonObject(t[section])) out[section] = resolve(t[section], mappings, 0);
  }
  return out;
}
