import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { components, Rule } from '../rule';

export const OAC_041: Rule = {
  id: 'OAC-041',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'ID token alg `none` while a response type returns an ID token from the authorization endpoint (`id_token`, `code id_token`, ...)',
  source: 'OIDC Core §2, OIDC DCR §2',
  acknowledgeable: true,
  check: (c) => c.idTokenAlg !== 'none' ? [] : c.responseTypes.values.filter((r) => components(r).includes('id_token')).map((r) => ({
    problem: `ID token algorithm 'none' was given while response type '${r}' returns an ID token in the front channel, unsigned`,
    fix: 'Use SigningAlgorithm.RS256 for the ID token.',
  })),
};
