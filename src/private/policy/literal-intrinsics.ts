/**
 * Intrinsics whose arguments are literal are what CloudFormation computes for them, so the policy check judges that
 * value: `Fn::FindInMap` with literal names finds its entry in the Mappings; `Fn::Join`, `Fn::Split` and `Fn::Select`
 * of literals are their string or list. Arguments become literal when written out, or once parameter values or a
 * loop's identifier replaced what they referred to (`!FindInMap [Clients, !Ref Env, Flows]` with Env given,
 * `!Split [',', !Ref Callbacks]` of a String parameter).
 */
import { has, MAX_VALUE_DEPTH, withSectionsRewritten } from './template-values';
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

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/**
 * What CloudFormation computes for an intrinsic whose arguments are (already) literal; undefined for any other
 * value, or arguments that are not literal or not valid.
 */
function computed(name: string, args: unknown, mappings: Record<string, unknown>): unknown {
  switch (name) {
    case 'Fn::FindInMap': return lookUp(mappings, args);
    case 'Fn::Join': {
      if (!Array.isArray(args) || args.length !== 2 || !isString(args[0]) || !Array.isArray(args[1])) return undefined;
      return args[1].every(isString) ? args[1].join(args[0]) : undefined;
    }
    case 'Fn::Split': {
      if (!Array.isArray(args) || args.length !== 2 || !isString(args[0]) || args[0] === '' || !isString(args[1])) return undefined;
      return args[1].split(args[0]);
    }
    case 'Fn::Select': {
      if (!Array.isArray(args) || args.length !== 2 || !Array.isArray(args[1])) return undefined;
      const index = Number(args[0]);
      return (isString(args[0]) || typeof args[0] === 'number') && Number.isInteger(index) && index >= 0 && index < args[1].length
        ? args[1][index] : undefined;
    }
    default: return undefined;
  }
}

function resolve(value: unknown, mappings: Record<string, unknown>, depth: number): unknown {
  if (depth > MAX_VALUE_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => resolve(v, mappings, depth + 1));
  const r = jsonObject(value);
  if (!r) return value;
  const keys = Object.keys(r);
  const out = Object.fromEntries(keys.map((k) => [k, resolve(r[k], mappings, depth + 1)]));
  return (keys.length === 1 ? computed(keys[0], out[keys[0]], mappings) : undefined) ?? out;
}

/** A value with the intrinsics whose arguments are literal computed, with the template's Mappings. */
export function withLiteralsComputed(value: unknown, mappings: Record<string, unknown>): unknown {
  return resolve(value, mappings, 0);
}

/**
 * The template with each `Fn::FindInMap`, `Fn::Join`, `Fn::Split` and `Fn::Select` whose arguments are literal
 * replaced by what CloudFormation computes. Run where parameter values or a loop may have made them literal.
 */
export function withLiteralIntrinsicsResolved(template: unknown): unknown {
  const mappings = jsonObject(jsonObject(template)?.Mappings) ?? {};
  return withSectionsRewritten(template, (section) => resolve(section, mappings, 0));
}
