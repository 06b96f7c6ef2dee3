// What is wrong with a value given by a caller without TypeScript's checks (JavaScript), said with what to give. Each
// is a value the library would otherwise take as another one, or fail on with a TypeError. Each function returns
// undefined for a value of the right kind, or none.
import { Duration } from 'aws-cdk-lib';

/** Each enum's values, gathered once: the validator asks for every description it judges. */
const ENUM_VALUES = new WeakMap<object, ReadonlySet<unknown>>();

function valuesOf(values: Record<string, string>): ReadonlySet<unknown> {
  let found = ENUM_VALUES.get(values);
  if (!found) ENUM_VALUES.set(values, found = new Set(Object.values(values)));
  return found;
}

/**
 * An enum setting given another string (`'fapi2'`, `'s256'`): the library would take it as none of the enum's values,
 * and judge or report less.
 */
export function enumValueProblem(name: string, value: unknown, type: string, values: Record<string, string>): string | undefined {
  if (value === undefined || valuesOf(values).has(value)) return undefined;
  return `${name} '${String(value)}' is not ${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}. Give one of ${Object.keys(values).map((key) => `${type}.${key}`).join(', ')}.`;
}

/** A value class of the library (GrantType, SigningAlgorithm, TokenEndpointAuthMethod): its constants and custom(). */
type ValueClass = { readonly name: string } & object;

/**
 * A setting of a value class given a plain string (`'client_credentials'`) instead of the class's constant. The library
 * reads the constant's `value`, so a string would register nothing (a Cognito app client with no OAuth flow).
 */
export function valueObjectProblem(name: string, given: unknown, type: ValueClass): string | undefined {
  if (given === undefined || (typeof given === 'object' && given !== null && typeof (given as { value?: unknown }).value === 'string')) {
    return undefined;
  }
  const constant = Object.entries(type).find(([, c]) => (c as { value?: unknown } | undefined)?.value === given)?.[0];
  const fix = constant ? `${type.name}.${constant}` : typeof given === 'string' ? `${type.name}.custom('${given}')` : `a ${type.name}`;
  return `${name} ${typeof given === 'string' ? `'${given}' is a string` : `is ${JSON.stringify(given)}`}, not a ${type.name}. Give ${fix}.`;
}

/** Lists given as one value each (`redirectUris: 'https://...'`), all named in one sentence. */
export function notListProblem(given: ReadonlyArray<readonly [name: string, value: unknown]>): string | undefined {
  const notLists = given.filter(([, value]) => value !== undefined && !Array.isArray(value));
  if (notLists.length === 0) return undefined;
  return `${notLists.map(([name, value]) => `${name} is ${JSON.stringify(value)}`).join(', ')}, not a list. Give a list, even of one: `
    + `${notLists.map(([name, value]) => `${name.replace(/^.*\./, '')}: [${JSON.stringify(value)}]`).join(', ')}.`;
}

/** A duration given as what is no Duration (a number of unknown unit, a string). */
export function durationProblem(name: string, value: unknown): string | undefined {
  if (value === undefined || typeof (value as Partial<Duration> | null)?.toSeconds === 'function') return undefined;
  const fix = typeof value === 'number' ? `Duration.seconds(${value}), or the unit meant (Duration.minutes, Duration.hours, Duration.days)` : 'a Duration, e.g. Duration.hours(1)';
  return `${name} is ${JSON.stringify(value)}, not a Duration. Give ${fix}.`;
}

/** A boolean given as a string (`'false'` is truthy). */
export function booleanProblem(name: string, value: unknown): string | undefined {
  return value === undefined || typeof value === 'boolean' ? undefined : `${name} is ${JSON.stringify(value)}, not a boolean. Give true or false.`;
}

/**
 * A grantee that is no iam.IGrantable (`grantRead(undefined)`, a role's ARN): aws-cdk-lib's grants would fail on it
 * with a TypeError that names neither the client nor the fix.
 */
export function granteeProblem(given: unknown): string | undefined {
  if (typeof given === 'object' && given !== null && typeof (given as { grantPrincipal?: unknown }).grantPrincipal === 'object') return undefined;
  const shown = typeof given === 'string' ? `'${given}'` : String(given);
  return `grantRead takes an iam.IGrantable (a role, a user, a Lambda function), and was given ${shown}. For a role made outside `
    + 'this app, give iam.Role.fromRoleArn(scope, id, arn).';
}
