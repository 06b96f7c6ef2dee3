/**
 * Parameter values for the policy check: a template deployed with a parameter file is judged as that deployment
 * makes it. Each `Ref` to a given parameter, and each `${Parameter}` of an `Fn::Sub`, in Resources, Conditions and
 * Outputs becomes the given value. Conditions that compare it then come out one way, and loops over a list parameter
 * make the deployment's clients.
 *
 * Left unresolved: parameters given no value, which are as unknown as without values (an update keeps the stack's
 * previous value, as `cdk deploy` and `aws cloudformation deploy` ask, and only a new stack takes the Default);
 * parameters with `NoEcho` (their value must not reach a report); SSM parameter types (the value given is the name
 * of an SSM parameter, not the value deployed).
 */
import { has, isListParameter, listItems, MAX_VALUE_DEPTH, rewrittenSub, subArguments, withSectionsRewritten } from './template-values';
import { jsonObject } from '../engine/wire';

/** A value that CloudFormation would refuse for the template: the deployment could not happen. */
export class ParameterValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParameterValueError';
  }
}

/** A NoEcho parameter: its value must not reach a report, not even in an error. */
export function isNoEcho(parameter: Record<string, unknown>): boolean {
  return parameter.NoEcho === true || parameter.NoEcho === 'true';
}

/** An SSM parameter type: the value given is the name of an SSM parameter, not the value deployed. */
function isSsmParameter(parameter: Record<string, unknown>): boolean {
  return String(parameter.Type ?? '').startsWith('AWS::SSM::Parameter::');
}

/** The values given for the template's parameters, checked against their AllowedValues. */
function deployedValues(parameters: Record<string, unknown>, given: Readonly<Record<string, string>>): Map<string, string | string[]> {
  const values = new Map<string, string | string[]>();
  for (const [name, declaration] of Object.entries(parameters)) {
    const p = jsonObject(declaration) ?? {};
    const list = isListParameter(p.Type);
    if (!has(given, name) || isSsmParameter(p)) continue;
    const value = given[name];
    const items = list ? listItems(value) : [value];
    const allowed = Array.isArray(p.AllowedValues) ? p.AllowedValues.map(String) : undefined;
    const refused = allowed ? items.filter((v) => !allowed.includes(v)) : [];
    if (refused.length > 0) {
      const shown = isNoEcho(p) ? 'its value is' : `'${refused.join(', ')}' ${refused.length > 1 ? 'are' : 'is'}`;
      throw new ParameterValueError(`parameter ${name}: ${shown} not among its AllowedValues (${allowed!.join(', ')}), so CloudFormation would refuse it`);
    }
    if (isNoEcho(p)) continue;
    values.set(name, list ? items : value);
  }
  return values;
}

function substitute(value: unknown, values: ReadonlyMap<string, string | string[]>, depth: number): unknown {
  if (depth > MAX_VALUE_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => substitute(v, values, depth + 1));
  const r = jsonObject(value);
  if (!r) return value;
  const keys = Object.keys(r);
  if (keys.length === 1 && keys[0] === 'Ref' && typeof r.Ref === 'string' && values.has(r.Ref)) return values.get(r.Ref);
  if (keys.length === 1 && keys[0] === 'Fn::Sub') return sub(r['Fn::Sub'], values, depth);
  return Object.fromEntries(keys.map((k) => [k, substitute(r[k], values, depth + 1)]));
}

/** `${Parameter}` replaced in an `Fn::Sub` string (a variable of its own map of the same name wins); plain when none is left. */
function sub(args: unknown, values: ReadonlyMap<string, string | string[]>, depth: number): unknown {
  const { text, variables } = subArguments(args);
  if (typeof text !== 'string') return { 'Fn::Sub': substitute(args, values, depth + 1) };
  const replaced = text.replace(/\$\{([^}!]*)\}/g, (whole, name: string) => {
    const value = values.get(name);
    return (variables && has(variables, name)) || typeof value !== 'string' ? whole : value;
  });
  return rewrittenSub(replaced, variables && substitute(variables, values, depth + 1));
}

/** A value with the parameters of `values` replaced (`Ref`, `${Param}` in `Fn::Sub`), as in withParameterValues. */
export function withValues(value: unknown, values: ReadonlyMap<string, string | string[]>): unknown {
  return substitute(value, values, 0);
}

/**
 * The parameters whose every value the template lists: a string parameter with AllowedValues (not NoEcho, whose
 * values must not reach a report; not an SSM type, whose value is not the one deployed). Their values can be tried
 * one by one, as the values of parameters that conditions compare are.
 */
export function enumerableParameters(template: unknown): Map<string, string[]> {
  const enumerable = new Map<string, string[]>();
  for (const [name, declaration] of Object.entries(jsonObject(jsonObject(template)?.Parameters) ?? {})) {
    const p = jsonObject(declaration) ?? {};
    if (!Array.isArray(p.AllowedValues) || p.AllowedValues.length === 0 || isNoEcho(p) || isSsmParameter(p) || isListParameter(p.Type)) continue;
    enumerable.set(name, p.AllowedValues.map(String));
  }
  return enumerable;
}

/** The names among `candidates` that a value refers to: by `Ref`, or as `${Name}` in an `Fn::Sub` string. */
export function referencedParameters(value: unknown, candidates: ReadonlySet<string>, into = new Set<string>(), depth = 0): Set<string> {
  if (depth > MAX_VALUE_DEPTH || candidates.size === 0) return into;
  if (Array.isArray(value)) {
    value.forEach((v) => referencedParameters(v, candidates, into, depth + 1));
    return into;
  }
  const r = jsonObject(value);
  if (!r) return into;
  if (typeof r.Ref === 'string' && candidates.has(r.Ref)) into.add(r.Ref);
  const { text, variables } = subArguments(r['Fn::Sub']);
  if (typeof text === 'string') {
    for (const [, name] of text.matchAll(/\$\{([^}!]*)\}/g)) {
      if (candidates.has(name) && !(variables && has(variables, name))) into.add(name);
    }
  }
  Object.values(r).forEach((v) => referencedParameters(v, candidates, into, depth + 1));
  return into;
}

/**
 * The template as deployed with the given parameter values (the others unknown). Throws
 * ParameterValueError for a value CloudFormation would refuse (not among the parameter's AllowedValues).
 */
export function withParameterValues(template: unknown, given: Readonly<Record<string, string>>): unknown {
  const values = deployedValues(jsonObject(jsonObject(template)?.Parameters) ?? {}, given);
  if (values.size === 0) return template;
  return withSectionsRewritten(template, (section) => substitute(section, values, 0));
}

/** The names of the parameters a template declares. */
export function declaredParameters(template: unknown): string[] {
  return Object.keys(jsonObject(jsonObject(template)?.Parameters) ?? {});
}
