import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { components, Rule, when } from '../rule';

export const OAC_047: Rule = {
  id: 'OAC-047',
  severity: Severity.WARNING,
  scope: RuleScope.ALL,
  condition: 'ID token alg `none` on code-only flows',
  source: 'OIDC Core §2',
  acknowledgeable: true,
  check: (c) => when(c.idTokenAlg === 'none' && c.responseTypes.complete && !c.responseTypes.values.some((r) => components(r).includes('id_token')),
    () => 'ID token algorithm \'none\' was given: unsigned ID tokens are allowed on code-only flows only when explicitly registered',
    'Use SigningAlgorithm.RS256 for the ID token.'),
};
