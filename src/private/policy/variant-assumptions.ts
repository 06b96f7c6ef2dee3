/**
 * What a variant of a resource's properties assumes (condition-variants.ts): the truth of each condition its
 * `Fn::If` use and the value of each parameter tried, in that order. A finding that only some variants have says
 * which, as briefly as is still exact.
 */

/** Each condition or parameter a variant assumes, with its value: `['IsProd', 'false']`, `['parameter Env', 'dev']`. */
export type Assumptions = ReadonlyArray<readonly [subject: string, value: string]>;

/** `IsProd is false and parameter Env is dev`. */
export function describeAssumptions(assumptions: Assumptions): string {
  return assumptions.map(([subject, value]) => `${subject} is ${value}`).join(' and ');
}

type Row = ReadonlyMap<string, string>;

function key(row: Row, subjects: readonly string[]): string {
  return JSON.stringify(subjects.map((s) => row.get(s)));
}

/** The rows with only these subjects, each once. */
function project(rows: readonly Row[], subjects: readonly string[]): Row[] {
  const seen = new Map<string, Row>();
  for (const row of rows) seen.set(key(row, subjects), new Map(subjects.map((s) => [s, row.get(s)!])));
  return [...seen.values()];
}

/**
 * The variants in which a finding holds, said as briefly as is still exact, or undefined when it holds in every
 * variant. A subject (a condition or a parameter) is left out when the finding holds alike for each of its values
 * wherever the others are the same, so `IsShared is true` is said instead of listing each value of a parameter
 * beside it. Subjects are tried from the last: parameters before conditions, whose names the template's author chose.
 *
 * @param holding what each variant in which the finding holds assumes
 * @param every what each variant of the properties assumes, whether it is judged or not
 */
export function whenHolding(holding: readonly Assumptions[], every: readonly Assumptions[]): string | undefined {
  let subjects = (every[0] ?? []).map(([subject]) => subject);
  let rows: Row[] = holding.map((a) => new Map(a));
  let all: Row[] = every.map((a) => new Map(a));
  for (const subject of [...subjects].reverse()) {
    const rest = subjects.filter((s) => s !== subject);
    const held = new Set(rows.map((row) => key(row, subjects)));
    const alike = rows.every((row) => all.filter((other) => key(other, rest) === key(row, rest)).every((other) => held.has(key(other, subjects))));
    if (!alike) continue;
    subjects = rest;
    rows = project(rows, subjects);
    all = project(all, subjects);
  }
  if (subjects.length === 0) return undefined;
  return rows.map((row) => describeAssumptions(subjects.map((s) => [s, row.get(s)!]))).join(', or when ');
}
