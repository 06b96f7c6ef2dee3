/** A value class of the library (GrantType, SigningAlgorithm, TokenEndpointAuthMethod): its constants and custom(). */
type ValueClass = { readonly name: string } & object;

/**
 * What is wrong with a setting of a value class given by a caller without TypeScript's checks (JavaScript): a plain
 * string (`'client_credentials'`) instead of the class's constant. The library reads the constant's `value`, so a string
 * would register nothing (a Cognito app client with no OAuth flow). Undefined for one of the class's values, or none.
 */
export function valueObjectProblem(name: string, given: unknown, type: ValueClass): string | undefined {
  if (given === undefined || (typeof given === 'object' && given !== null && typeof (given as { value?: unknown }).value === 'string')) {
    return undefined;
  }
  const constant = Object.entries(type).find(([, c]) => (c as { value?: unknown } | undefined)?.value === given)?.[0];
  const fix = constant ? `${type.name}.${constant}` : typeof given === 'string' ? `${type.name}.custom('${given}')` : `a ${type.name}`;
  return `${name} ${typeof given === 'string' ? `'${given}' is a string` : `is ${JSON.stringify(given)}`}, not a ${type.name}. Give ${fix}.`;
}
