/**
 * A template's intrinsics as the text the engine reads: what the template already decides stays literal, and each
 * value only deployment decides becomes an unresolved token named for the intrinsic that decides it. The handler
 * never sees an intrinsic (CloudFormation resolved them), so this stays on the template side.
 */
import { has, MAX_VALUE_DEPTH, subArguments } from './template-values';
import { jsonObject } from '../engine/wire';

/** The token of a value that deployment decides and that cannot be named. */
const UNNAMED = '${Token[cloudformation-intrinsic]}';

/** `{ Ref }`, `{ Fn::GetAtt }`, `{ Fn::Sub }`, ... */
export function isIntrinsic(value: unknown): boolean {
  const r = jsonObject(value);
  if (!r) return false;
  const keys = Object.keys(r);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::') || keys[0] === 'Condition');
}

/**
 * The value with every intrinsic in it replaced by its text (`intrinsicText`), for `fromWire`, `wireString` and
 * `wireList`: an intrinsic that gives a list becomes one token, which `wireList` reads as a list of unknown length.
 */
export function withIntrinsicsAsText(value: unknown, depth = 0): unknown {
  if (isIntrinsic(value)) return intrinsicText(value as Record<string, unknown>);
  if (depth > MAX_VALUE_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => withIntrinsicsAsText(v, depth + 1));
  const r = jsonObject(value);
  return r ? Object.fromEntries(Object.entries(r).map(([k, v]) => [k, withIntrinsicsAsText(v, depth + 1)])) : value;
}

/**
 * `Fn::Join` and `Fn::Sub` keep their literal text (`https://` + a domain + `/callback`), so a rule can judge
 * what the template already decides. A value known only at deployment becomes a token named as `Fn::Sub` writes it
 * (`${Token[Callbacks]}`, `${Token[Distribution.DomainName]}`), or by its function (`${Token[Fn::ImportValue]}`).
 */
function intrinsicText(value: Record<string, unknown>): string {
  const join = value['Fn::Join'];
  if (Array.isArray(join) && join.length === 2 && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((part) => (typeof part === 'string' ? part : isIntrinsic(part) ? intrinsicText(part) : UNNAMED)).join(join[0]);
  }
  const { text, variables = {} } = subArguments(value['Fn::Sub']);
  if (typeof text === 'string') {
    return text.replace(/\$\{([^}]*)\}/g, (_, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (!has(variables, name)) return token(name);
      const variable = variables[name];
      return typeof variable === 'string' ? variable : isIntrinsic(variable) ? intrinsicText(variable as Record<string, unknown>) : UNNAMED;
    });
  }
  const [fn, arg] = Object.entries(value)[0];
  return token(fn === 'Ref' ? arg : fn === 'Fn::GetAtt' ? (Array.isArray(arg) ? arg.join('.') : arg) : fn);
}

/** The token named so; unnamed when the name could end it early. */
function token(name: unknown): string {
  return typeof name === 'string' && /^[\w:.-]+$/.test(name) ? `\${Token[${name}]}` : UNNAMED;
}
