import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, when } from '../rule';

export const OAC_045: Rule = {
  id: 'OAC-045',
  severity: Severity.INFO,
  scope: RuleScope.ALL,
  condition: 'ID token alg not set',
  source: 'OIDC DCR §2',
  acknowledgeable: true,
  check: (c) => when(c.idTokenAlg === undefined && c.idTokenAlgResolved,
    () => 'the ID token signing algorithm is not set, so it defaults to RS256',
    'Set idTokenSigningAlgorithm explicitly.'),
};
