/**
 * The `AWS::LanguageExtensions` transform's `Fn::ForEach`: a template that declares its clients in a loop has them
 * only after the transform. The policy check expands the loops as CloudFormation does, so that each client the loop
 * makes is judged under the logical ID it will have, instead of not being seen at all.
 *
 * What the transform does, and this expansion with it:
 * - `"Fn::ForEach::Name": [Identifier, Collection, { OutputKey: OutputValue }]` in Resources, Conditions, Outputs or
 *   a resource's properties makes one `OutputKey: OutputValue` per value of the collection, merged into the object
 *   that holds the loop; loops may nest;
 * - in OutputKey, and in any key inside OutputValue, `${Identifier}` is the value and `&{Identifier}` the value
 *   without its non-alphanumeric characters;
 * - in OutputValue, `{ Ref: Identifier }` is the value, and so is `${Identifier}` (or `&{Identifier}`) in an
 *   `Fn::Sub` string; a `Fn::Sub` left with no variable is the plain string;
 * - the intrinsics this makes literal (`!FindInMap [Clients, !Ref Stage, Flows]`) are computed afterwards, by the
 *   checker's one pass over the expanded template (literal-intrinsics.ts); a collection, which must be known to expand
 *   at all, is computed here with the same pass (`!FindInMap [Stages, All, Names]`, `!Split [',', 'a,b']`).
 *
 * A collection is a literal list or a `Ref` to a list parameter. Its values are known at synth only from the
 * parameter's `Default`: the expansion uses that, and says so; a parameter without one (or with NoEcho) is expanded
 * once with the identifier left open (`Client${Env}`), which judges every property that does not depend on it.
 */
import { withLiteralsComputed } from './literal-intrinsics';
import { isNoEcho } from './parameter-values';
import { has, isListParameter, listItems, MAX_VALUE_DEPTH, RESOLVED_SECTIONS, rewrittenSub, subArguments } from './template-values';
import { jsonObject } from '../engine/wire';

/** The transform that makes `Fn::ForEach` valid; templates without it are left as they are. */
const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

/** CloudFormation allows loops nested five deep; deeper loops are refused, as the transform refuses them. */
const MAX_LOOP_DEPTH = 5;

/** At most this many entries are made by the loops of one template (CloudFormation allows 500 resources). */
const MAX_ENTRIES = 10_000;

/** At most this many values are made by the loops of one template: a few large loop bodies could make gigabytes. */
const MAX_LOOP_VALUES = 2_000_000;

const FOR_EACH = /^Fn::ForEach::/;

/** A resource that a loop made: the loop's key (where the template declares it) and how its values were chosen. */
export interface LoopOrigin {
  /** The key of the innermost loop that made the resource, as written in the template (`Fn::ForEach::Clients`). */
  readonly loop: string;
  /** Said after each finding: the loops, and the parameter defaults they were expanded with. */
  readonly note: string;
}

export interface Expansion {
  /** The template with its loops expanded (the template itself when it has none). */
  readonly template: unknown;
  /** The resources made by loops, by logical ID. */
  readonly origins: ReadonlyMap<string, LoopOrigin>;
  /**
   * Entries of a section that could not be expanded, by their key in the template, with the reason: what they
   * would make is left out.
   */
  readonly problems: ReadonlyArray<{ readonly key: string; readonly reason: string }>;
}

class LoopError extends Error {
  constructor(readonly loop: string, reason: string) {
    super(reason);
  }
}

/** Whether the template declares the LanguageExtensions transform (`Transform` is a name or a list of them). */
export function usesLanguageExtensions(template: unknown): boolean {
  const transform = jsonObject(template)?.Transform;
  return transform === LANGUAGE_EXTENSIONS || (Array.isArray(transform) && transform.includes(LANGUAGE_EXTENSIONS));
}

/** `${Identifier}` and `&{Identifier}` of each bound identifier replaced by its value. */
function substitute(text: string, bound: ReadonlyMap<string, string>): string {
  if (bound.size === 0 || !/[$&]\{/.test(text)) return text;
  return text.replace(/([$&])\{([^}!]*)\}/g, (whole, sigil: string, name: string) => {
    const value = bound.get(name);
    if (value === undefined) return whole;
    return sigil === '$' ? value : value.replace(/[^0-9a-zA-Z]/g, '');
  });
}

/** Sets an entry as an own property, also one named `__proto__`, which assignment would not make. */
function put(object: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

interface Scope {
  /** Identifiers with a known value. */
  readonly bound: ReadonlyMap<string, string>;
  /** Loops around this point, outermost first, each with what its note says. */
  readonly loops: ReadonlyArray<{ readonly key: string; readonly note?: string }>;
}

class Expander {
  public readonly origins = new Map<string, LoopOrigin>();
  public readonly problems: Array<{ key: string; reason: string }> = [];
  private entries = 0;
  private made = 0;
  private readonly parameters: Record<string, unknown>;
  private readonly mappings: Record<string, unknown>;

  constructor(template: Record<string, unknown>) {
    this.parameters = jsonObject(template.Parameters) ?? {};
    this.mappings = jsonObject(template.Mappings) ?? {};
  }

  /**
   * The entries of an object with its loops expanded. `section` is true for the Resources object (and the loop
   * bodies merged into it), whose new keys are logical IDs whose origin is recorded.
   */
  public object(value: Record<string, unknown>, scope: Scope, depth: number, section = false): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (FOR_EACH.test(key)) {
        this.loop(key, v, scope, depth, out, section);
        continue;
      }
      const name = substitute(key, scope.bound);
      if (has(out, name)) throw new LoopError(scope.loops[scope.loops.length - 1]?.key ?? key, `it makes '${name}' twice`);
      put(out, name, this.value(v, scope, depth + 1));
      if (section && scope.loops.length > 0) this.record(name, scope);
    }
    return out;
  }

  public value(value: unknown, scope: Scope, depth: number): unknown {
    if (depth > MAX_VALUE_DEPTH) return value;
    if (scope.loops.length > 0 && ++this.made > MAX_LOOP_VALUES) {
      throw new LoopError(scope.loops[0].key, `the loops make more than ${MAX_LOOP_VALUES} values, far beyond what CloudFormation deploys`);
    }
    if (Array.isArray(value)) return value.map((v) => this.value(v, scope, depth + 1));
    const r = jsonObject(value);
    if (!r) return value;
    const keys = Object.keys(r);
    if (keys.length === 1 && scope.bound.size > 0) {
      if (keys[0] === 'Ref') return this.ref(r.Ref, scope, depth);
      if (keys[0] === 'Fn::Sub') return this.sub(r['Fn::Sub'], scope, depth);
    }
    return this.object(r, scope, depth);
  }

  private record(logicalId: string, scope: Scope) {
    const notes = scope.loops.map((l) => (l.note ? `${l.key} ${l.note}` : l.key)).reverse();
    this.origins.set(logicalId, { loop: scope.loops[scope.loops.length - 1].key, note: `made by ${notes.join(' in ')}` });
  }

  private loop(key: string, declaration: unknown, scope: Scope, depth: number, into: Record<string, unknown>, section: boolean) {
    if (scope.loops.length >= MAX_LOOP_DEPTH) throw new LoopError(key, `loops are nested more than ${MAX_LOOP_DEPTH} deep, which CloudFormation refuses`);
    if (!Array.isArray(declaration) || declaration.length !== 3) {
      throw new LoopError(key, 'it is not [identifier, collection, { key: value }]');
    }
    const [identifier, collection, fragment] = declaration;
    const body = jsonObject(fragment);
    if (typeof identifier !== 'string' || identifier === '' || !body) {
      throw new LoopError(key, 'it is not [identifier, collection, { key: value }]: the identifier must be a string and the fragment an object');
    }
    const { values, note } = this.collection(key, collection, scope, depth);
    for (const item of values ?? [undefined]) {
      const bound = new Map(scope.bound);
      if (item === undefined) bound.delete(identifier);
      else bound.set(identifier, item);
      const inner: Scope = { bound, loops: [...scope.loops, { key, note }] };
      const made = this.object(body, inner, depth + 1, section);
      for (const [name, v] of Object.entries(made)) {
        if (has(into, name)) throw new LoopError(key, `it makes '${name}', which the template already has (or the loop makes twice)`);
        if (++this.entries > MAX_ENTRIES) throw new LoopError(key, `the loops make more than ${MAX_ENTRIES} entries`);
        put(into, name, v);
      }
    }
  }

  /** The collection's values; undefined (one pass, the identifier left open) for a parameter without a default. */
  private collection(loop: string, collection: unknown, scope: Scope, depth: number): { values?: string[]; note?: string } {
    const resolved = withLiteralsComputed(this.value(collection, scope, depth + 1), this.mappings);
    if (Array.isArray(resolved)) {
      if (resolved.every((v) => typeof v === 'string' || typeof v === 'number')) return { values: resolved.map(String) };
      throw new LoopError(loop, 'its collection is a list with values that are not strings; only a list of strings can be expanded at synth');
    }
    const ref = jsonObject(resolved)?.Ref;
    const parameter = typeof ref === 'string' ? jsonObject(this.parameters[ref]) : undefined;
    if (typeof ref !== 'string' || !parameter) {
      throw new LoopError(loop, 'its collection is neither a list nor a Ref to a list parameter, so its values are not known at synth');
    }
    if (!isListParameter(parameter.Type)) {
      throw new LoopError(loop, `its collection is parameter ${ref} of type ${String(parameter.Type ?? '(none)')}, not CommaDelimitedList or List<...>`);
    }
    // A NoEcho default must not become logical IDs and notes in a report.
    if (isNoEcho(parameter)) return { note: `for any value of parameter ${ref} (NoEcho)` };
    const given = parameter.Default;
    if (typeof given !== 'string' && !Array.isArray(given)) return { note: `for any value of parameter ${ref} (it has no Default)` };
    const values = Array.isArray(given) ? given.map((v) => String(v).trim()) : listItems(given);
    return { values, note: `with parameter ${ref} at its Default (${values.join(', ')})` };
  }

  private ref(target: unknown, scope: Scope, depth: number): unknown {
    const name = typeof target === 'string' ? target : this.value(target, scope, depth + 1);
    if (typeof name === 'string' && scope.bound.has(name)) return scope.bound.get(name);
    return { Ref: name };
  }

  /** `Fn::Sub` with the bound identifiers replaced; the plain string when no variable is left. */
  private sub(args: unknown, scope: Scope, depth: number): unknown {
    const { text, variables } = subArguments(args);
    if (typeof text !== 'string') return { 'Fn::Sub': this.value(args, scope, depth + 1) };
    return rewrittenSub(substitute(text, scope.bound), variables && this.value(variables, scope, depth + 1));
  }
}

/**
 * The template as the LanguageExtensions transform makes it, as far as synth can know: its `Fn::ForEach` loops
 * expanded. A template without the transform is returned as it is. A loop that cannot be expanded (malformed, a
 * collection not known at synth, keys made twice) is left out and named in `problems`.
 */
export function expandLanguageExtensions(template: unknown): Expansion {
  const t = jsonObject(template);
  if (!t || !usesLanguageExtensions(t)) return { template, origins: new Map(), problems: [] };
  const expander = new Expander(t);
  const out: Record<string, unknown> = { ...t };
  for (const section of RESOLVED_SECTIONS) {
    const entries = jsonObject(t[section]);
    if (!entries) continue;
    const expanded: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entries)) {
      try {
        const made = expander.object({ [key]: value }, { bound: new Map(), loops: [] }, 0, section === 'Resources');
        for (const [name, v] of Object.entries(made)) {
          if (has(expanded, name)) throw new LoopError(key, `it makes '${name}', which the template already has`);
          put(expanded, name, v);
        }
      } catch (e) {
        if (!(e instanceof LoopError)) throw e;
        expander.problems.push({ key, reason: `${e.loop} cannot be expanded: ${e.message}` });
      }
    }
    out[section] = expanded;
  }
  return { template: out, origins: expander.origins, problems: expander.problems };
}
