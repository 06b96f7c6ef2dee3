/**
 * What is wrong with a value given for an enum setting by a caller without TypeScript's checks (JavaScript): another
 * string (`'fapi2'`, `'s256'`) that the library would otherwise take as none of the enum's values, and judge or report
 * less. Undefined when the value is one of the enum's, or not given.
 */
export function enumValueProblem(name: string, value: unknown, type: string, values: Record<string, string>): string | undefined {
  if (value === undefined || Object.values(values).includes(value as string)) return undefined;
  return `${name} '${String(value)}' is not ${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}. Give one of ${Object.keys(values).map((key) => `${type}.${key}`).join(', ')}.`;
}
