/**
 * What CloudFormation does with values that the policy check's template rewrites share (parameter values,
 * `Fn::ForEach` expansion): where intrinsics are resolved, how a list parameter's value splits, and what an `Fn::Sub`
 * becomes once names in its string are replaced.
 */
import { jsonObject } from '../engine/wire';

/** The sections of a template whose values CloudFormation resolves (and in which the transform expands loops). */
export const RESOLVED_SECTIONS: readonly string[] = ['Resources', 'Conditions', 'Outputs'];

/**
 * The template with each of its RESOLVED_SECTIONS rewritten (the other sections as they are); a template that is
 * not a JSON object as it is.
 */
export function withSectionsRewritten(template: unknown, rewrite: (section: Record<string, unknown>) => unknown): unknown {
  const t = jsonObject(template);
  if (!t) return template;
  const out: Record<string, unknown> = { ...t };
  for (const name of RESOLVED_SECTIONS) {
    const section = jsonObject(t[name]);
    if (section) out[name] = rewrite(section);
  }
  return out;
}

/** How deep a template value is walked; deeper values are left as they are. */
export const MAX_VALUE_DEPTH = 64;

/** Whether the object has the key as its own: not `toString` or `constructor`, which every object has. */
export function has(object: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Whether a parameter type takes a list: `CommaDelimitedList` or `List<...>` (not the SSM types). */
export function isListParameter(type: unknown): boolean {
  return type === 'CommaDelimitedList' || (typeof type === 'string' && /^List<.*>$/.test(type));
}

/** A list parameter's value as its items: split at the commas, each trimmed, as CloudFormation does. */
export function listItems(value: string): string[] {
  return value.split(',').map((v) => v.trim());
}

/**
 * An `Fn::Sub` after names in its string were replaced: the plain string when no variable is left (its `${!Literal}`
 * escapes then read `${Literal}`), else the `Fn::Sub` with the new string and, when it had one, its variable map.
 */
export function rewrittenSub(text: string, variables: unknown): unknown {
  const left = [...text.matchAll(/\$\{([^}]*)\}/g)].some((m) => !m[1].startsWith('!'));
  if (!left) return text.replace(/\$\{!/g, '${');
  return { 'Fn::Sub': variables === undefined ? text : [text, variables] };
}

/** The `Fn::Sub` arguments as its string and variable map (undefined when it is the short form). */
export function subArguments(args: unknown): { text: unknown; variables?: Record<string, unknown> } {
  if (!Array.isArray(args)) return { text: args };
  return { text: args[0], variables: jsonObject(args[1]) ?? {} };
}
