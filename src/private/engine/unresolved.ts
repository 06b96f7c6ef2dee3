/**
 * Detects values that are unresolved CDK tokens by their string form, without importing aws-cdk-lib:
 * the engine also runs inside the Lambda handler bundle and on plain JSON. A CloudFormation dynamic reference
 * (`{{resolve:ssm:/app/callback}}`, in a template or given to a construct) is one too: CloudFormation puts in the
 * value when it deploys, and the custom resources of the provider get it resolved.
 */
const TOKEN_MARKERS = ['${Token[', '#{Token[', '${TOKEN[', '#{TOKEN[', '{{resolve:'];

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

/**
 * A CDK string token as it appears inside a string: `${Token[NAME.123]}` (or a list token's `#{Token[...]}`); or a
 * dynamic reference, `{{resolve:service:key}}`.
 */
const TOKEN_IN_STRING = /[$#]\{(?:Token|TOKEN)\[[^\]]*\]\}|\{\{resolve:[^}]*\}\}/g;

/**
 * A string taken apart into its literal text and the tokens between (`undefined` entries), e.g.
 * `https://${Token[Domain.1]}/cb` → `['https://', undefined, '/cb']`. Undefined when a token marker is
 * malformed, so nothing of the string can be trusted.
 */
export function tokenSegments(value: string): Array<string | undefined> | undefined {
  if (!isUnresolved(value)) return value === '' ? [] : [value];
  const segments: Array<string | undefined> = [];
  let last = 0;
  for (const match of value.matchAll(TOKEN_IN_STRING)) {
    segments.push(value.slice(last, match.index), undefined);
    last = match.index + match[0].length;
  }
  segments.push(value.slice(last));
  return segments.some((s) => s !== undefined && isUnresolved(s)) ? undefined : segments.filter((s) => s !== '');
}
