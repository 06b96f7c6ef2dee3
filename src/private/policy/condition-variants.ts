/**
 * CloudFormation conditions: a resource whose properties use `Fn::If` is a different client for each way its
 * conditions can come out. The policy check judges each of those variants, so that an insecure branch (implicit
 * outside production, say) is reported with the conditions under which it is deployed, instead of being unknown.
 */
import { withLiteralsComputed } from './literal-intrinsics';
import { enumerableParameters, referencedParameters, withValues } from './parameter-values';
import { MAX_VALUE_DEPTH } from './template-values';
import { Assumptions } from './variant-assumptions';
import { jsonObject } from '../engine/wire';


/** At most this many assignments of the parameters and opaque comparisons the conditions depend on are tried. */
const MAX_ASSIGNMENTS = 256;

const NO_VALUE = Symbol('AWS::NoValue');

export interface ConditionVariant {
  /** The resource's properties with every `Fn::If` replaced by the branch taken and `AWS::NoValue` removed. */
  readonly properties: unknown;
  /**
   * What the variant assumes, condition by condition and parameter by parameter (variant-assumptions.ts); absent when
   * the properties depend on neither.
   */
  readonly assumes?: Assumptions;
}

type Expr = unknown;
type Assignment = Map<string, string | boolean>;

/** `{ Fn::If: [name, a, b] }` as its parts, when well formed. */
function fnIf(value: unknown): [string, unknown, unknown] | undefined {
  const r = jsonObject(value);
  const args = r && Object.keys(r).length === 1 ? r['Fn::If'] : undefined;
  return Array.isArray(args) && args.length === 3 && typeof args[0] === 'string' ? [args[0], args[1], args[2]] : undefined;
}

function literal(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

function isNoValue(value: unknown): boolean {
  const r = jsonObject(value);
  return r !== undefined && Object.keys(r).length === 1 && r.Ref === 'AWS::NoValue';
}

/** The names of the conditions `Fn::If` uses in a value. */
function usedConditions(value: unknown, into: Set<string>, depth = 0): Set<string> {
  if (depth > MAX_VALUE_DEPTH) return into;
  const branch = fnIf(value);
  if (branch) into.add(branch[0]);
  if (Array.isArray(value)) value.forEach((v) => usedConditions(v, into, depth + 1));
  else if (jsonObject(value)) Object.values(value as Record<string, unknown>).forEach((v) => usedConditions(v, into, depth + 1));
  return into;
}

/** The value with each `Fn::If` replaced by the branch its condition takes; `AWS::NoValue` becomes NO_VALUE. */
function resolve(value: unknown, truth: ReadonlyMap<string, boolean>, depth = 0): unknown {
  if (depth > MAX_VALUE_DEPTH) return value;
  const branch = fnIf(value);
  if (branch && truth.has(branch[0])) return resolve(truth.get(branch[0]) ? branch[1] : branch[2], truth, depth + 1);
  if (isNoValue(value)) return NO_VALUE;
  if (Array.isArray(value)) return value.map((v) => resolve(v, truth, depth + 1)).filter((v) => v !== NO_VALUE);
  const r = jsonObject(value);
  if (!r) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    const resolved = resolve(v, truth, depth + 1);
    if (resolved !== NO_VALUE) out[k] = resolved;
  }
  return out;
}

/**
 * The parameters (by `Ref`) that conditions compare with literals, with the values that matter: the parameter's
 * AllowedValues when it has them, else each literal it is compared with and one value that is none of them. A
 * comparison of anything else is an opaque atom, true or false.
 */
class ConditionSpace {
  public readonly domains = new Map<string, Array<string | boolean>>();
  private readonly conditions: Record<string, Expr>;
  private readonly parameters: Record<string, unknown>;

  constructor(template: unknown) {
    this.conditions = jsonObject(jsonObject(template)?.Conditions) ?? {};
    this.parameters = jsonObject(jsonObject(template)?.Parameters) ?? {};
  }

  /** Collects the atoms the named conditions depend on; false when a condition is undefined or cyclic. */
  public collect(name: string, seen: Set<string> = new Set()): boolean {
    if (seen.has(name) || !(name in this.conditions)) return false;
    seen.add(name);
    const ok = this.atoms(this.conditions[name], seen);
    seen.delete(name);
    return ok;
  }

  /** How many assignments of the atoms collected so far there are. */
  public get assignmentCount(): number {
    return [...this.domains.values()].reduce((n, d) => n * d.length, 1);
  }

  /** The truth of a condition under an assignment of the atoms. */
  public evaluate(name: string, assignment: Assignment): boolean {
    return this.truth(this.conditions[name], assignment);
  }

  private atoms(expr: Expr, seen: Set<string>): boolean {
    const r = jsonObject(expr);
    if (!r || Object.keys(r).length !== 1) return false;
    const [op, args] = Object.entries(r)[0];
    if (op === 'Condition') return typeof args === 'string' && this.collect(args, seen);
    if (!Array.isArray(args)) return false;
    if (op === 'Fn::Not' || op === 'Fn::And' || op === 'Fn::Or') return args.every((a) => this.atoms(a, seen));
    if (op !== 'Fn::Equals' || args.length !== 2) return false;
    if (args.every(literal)) return true;
    const compared = this.comparison(args);
    if (compared) {
      const [ref, value] = compared;
      const allowed = jsonObject(this.parameters[ref])?.AllowedValues;
      const domain = this.domains.get(ref) ?? (Array.isArray(allowed) ? allowed.map(String) : [`<none of the compared values of ${ref}>`]);
      if (!domain.includes(value) && !Array.isArray(allowed)) domain.unshift(value);
      this.domains.set(ref, domain);
    } else {
      this.domains.set(JSON.stringify(args), [true, false]);
    }
    return true;
  }

  /** `Fn::Equals [{ Ref: P }, 'literal']` (either way round) as [P, literal]. */
  private comparison(args: unknown[]): [string, string] | undefined {
    for (const [a, b] of [[args[0], args[1]], [args[1], args[0]]]) {
      const ref = jsonObject(a)?.Ref;
      if (typeof ref === 'string' && Object.keys(jsonObject(a)!).length === 1 && literal(b)) return [ref, String(b)];
    }
    return undefined;
  }

  private truth(expr: Expr, assignment: Assignment): boolean {
    const [op, args] = Object.entries(jsonObject(expr)!)[0] as [string, unknown[] & string];
    switch (op) {
      case 'Condition': return this.evaluate(args, assignment);
      case 'Fn::Not': return !this.truth(args[0], assignment);
      case 'Fn::And': return args.every((a) => this.truth(a, assignment));
      case 'Fn::Or': return args.some((a) => this.truth(a, assignment));
      default: {
        if (args.every(literal)) return String(args[0]) === String(args[1]);
        const compared = this.comparison(args);
        return compared ? assignment.get(compared[0]) === compared[1] : assignment.get(JSON.stringify(args)) === true;
      }
    }
  }
}

function* assignments(domains: Map<string, Array<string | boolean>>): Generator<Assignment> {
  const keys = [...domains.keys()];
  const index = keys.map(() => 0);
  while (true) {
    yield new Map(keys.map((k, i) => [k, domains.get(k)![index[i]]]));
    let i = 0;
    while (i < keys.length && ++index[i] === domains.get(keys[i])!.length) index[i++] = 0;
    if (i === keys.length) return;
  }
}

/**
 * The resource's own `Condition` when it is false in every way the template's conditions can come out (`Fn::Equals
 * [a, b]` of two literals, a parameter compared with a value its AllowedValues or the value given never is): then
 * CloudFormation does not create the resource. Undefined when it may be created, or when the condition cannot be
 * evaluated.
 */
export function neverTrueCondition(template: unknown, resource: { Condition?: unknown }): string | undefined {
  const own = resource.Condition;
  if (typeof own !== 'string') return undefined;
  const space = new ConditionSpace(template);
  if (!space.collect(own) || space.assignmentCount > MAX_ASSIGNMENTS) return undefined;
  for (const assignment of assignments(space.domains)) {
    if (space.evaluate(own, assignment)) return undefined;
  }
  return own;
}

/**
 * The variants of a resource's properties over the template's conditions: one per way the conditions its `Fn::If`
 * use (and its own `Condition`) can come out together, leaving out those in which the resource is not created.
 * A parameter the properties refer to whose every value the template lists (AllowedValues) is tried with each of
 * them too (`!FindInMap [Env, !Ref Env, Callback]` with Env one of dev, prod), the intrinsics it makes literal
 * computed. Without either, or when the conditions cannot be evaluated (undefined, cyclic, too many combinations),
 * the properties are the one variant, as they are. None when its own `Condition` is never true: it is not created
 * (neverTrueCondition names it, also for a resource without `Fn::If`).
 */
export function conditionVariants(template: unknown, resource: { Properties?: unknown; Condition?: unknown }): ConditionVariant[] {
  const used = [...usedConditions(resource.Properties, new Set())].sort();
  const enumerable = enumerableParameters(template);
  const named = [...referencedParameters(resource.Properties, new Set(enumerable.keys()))].sort();
  const as = [{ properties: resource.Properties }];
  if (used.length === 0 && named.length === 0) return as;
  const space = new ConditionSpace(template);
  const own = typeof resource.Condition === 'string' ? resource.Condition : undefined;
  if (![...used, ...(own ? [own] : [])].every((name) => space.collect(name))) return as;
  named.forEach((name) => space.domains.set(name, enumerable.get(name)!));
  if (space.assignmentCount > MAX_ASSIGNMENTS) return as;

  const mappings = jsonObject(jsonObject(template)?.Mappings) ?? {};
  const variants = new Map<string, ConditionVariant>();
  for (const assignment of assignments(space.domains)) {
    if (own && !space.evaluate(own, assignment)) continue;
    const truth = new Map(used.map((name) => [name, space.evaluate(name, assignment)]));
    const values = new Map(named.map((name) => [name, String(assignment.get(name))]));
    const key = JSON.stringify([used.map((name) => truth.get(name)), [...values.values()]]);
    if (variants.has(key)) continue;
    const assumes: Assumptions = [
      ...used.map((name) => [name, String(truth.get(name))] as const),
      ...named.map((name) => [`parameter ${name}`, values.get(name)!] as const),
    ];
    const properties = resolve(resource.Properties, truth);
    variants.set(key, {
      properties: values.size > 0 ? withLiteralsComputed(withValues(properties, values), mappings) : properties,
      assumes,
    });
  }
  return [...variants.values()];
}
