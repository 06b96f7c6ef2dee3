import * as fc from 'fast-check';
import { Assumptions, whenHolding } from '../../src/private/policy/variant-assumptions';

/** Every combination of the values of independent subjects. */
function product(subjects: Array<[string, string[]]>): Assumptions[] {
  return subjects.reduce<Assumptions[]>((rows, [subject, values]) => rows.flatMap((row) => values.map((v) => [...row, [subject, v] as const])), [[]]);
}

const row = (...pairs: Array<[string, string]>): Assumptions => pairs;

describe('whenHolding: the variants in which a finding holds, as briefly as is exact', () => {
  const every = product([['IsShared', ['true', 'false']], ['parameter Env', ['dev', 'staging', 'prod']]]);

  test('a subject whose every value holds alike is left out', () => {
    const holding = every.filter((a) => a[0][1] === 'true');
    expect(whenHolding(holding, every)).toBe('IsShared is true');
  });

  test('subjects that matter are all said, each combination once', () => {
    const holding = [row(['IsShared', 'true'], ['parameter Env', 'dev']), row(['IsShared', 'false'], ['parameter Env', 'prod'])];
    expect(whenHolding(holding, every)).toBe('IsShared is true and parameter Env is dev, or when IsShared is false and parameter Env is prod');
  });

  test('holding in every variant: nothing to say', () => {
    expect(whenHolding(every, every)).toBeUndefined();
  });

  test('dependent subjects (IsDev is Env = dev): the parameter is left out before the condition the author named', () => {
    const dependent = ['dev', 'staging', 'prod'].map((env) => row(['IsDev', String(env === 'dev')], ['parameter Env', env]));
    expect(whenHolding([dependent[0]], dependent)).toBe('IsDev is true');
    expect(whenHolding(dependent.slice(1), dependent)).toBe('IsDev is false');
  });

  test('property: what is said holds exactly in the variants given (no more, no fewer), over 500 random sets', () => {
    const subjects = fc.uniqueArray(fc.constantFrom('A', 'B', 'parameter P', 'parameter Q'), { minLength: 1, maxLength: 4 })
      .chain((names) => fc.tuple(...names.map((n) => fc.uniqueArray(fc.constantFrom('x', 'y', 'z'), { minLength: 1, maxLength: 3 }).map((vs) => [n, vs] as [string, string[]]))));
    const cases = subjects.chain((dims) => {
      const all = product(dims);
      return fc.tuple(fc.constant(all), fc.subarray(all, { minLength: 1 }), fc.subarray(all, { minLength: 0 }));
    });
    fc.assert(fc.property(cases, ([all, holding, dropped]) => {
      // Some combinations may not exist (dependent subjects): the ones dropped, unless they hold.
      const existing = all.filter((a) => holding.includes(a) || !dropped.includes(a));
      const said = whenHolding(holding, existing);
      const matches = (a: Assumptions) => said === undefined
        || said.split(', or when ').some((clause) => clause.split(' and ').every((part) => a.some(([s, v]) => `${s} is ${v}` === part)));
      for (const a of existing) expect(matches(a)).toBe(holding.includes(a));
    }), { numRuns: 500 });
  });
});
