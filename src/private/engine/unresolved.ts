/**
 * Detects values that are unresolved CDK tokens by their string form, without importing aws-cdk-lib:
 * the engine also runs inside the Lambda handler bundle and on plain JSON.
 */
const TOKEN_MARKERS = ['${Token[', '#{Token[', '${TOKEN[', '#{TOKEN['];

/** The magnitude CDK encodes number tokens at (about -1.8881545897087626e+289). */
const NUMBER_TOKEN_MAGNITUDE = 1e288;

export function isUnresolved(value: unknown): boolean {
  if (typeof value === 'string') {
    return TOKEN_MARKERS.some((marker) => value.includes(marker));
  }
  if (typeof value === 'number') {
    return Math.abs(value) > NUMBER_TOKEN_MAGNITUDE;
  }
  return false;
}
