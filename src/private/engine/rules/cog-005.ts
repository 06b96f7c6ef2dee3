import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, when } from '../rule';

export const COG_005: Rule = {
  id: 'COG-005',
  severity: Severity.ERROR,
  scope: RuleScope.COGNITO,
  condition: 'ID token alg other than RS256 (Cognito signs with the pool\'s RS256 keys; HS256 is impossible)',
  source: 'Cognito token verification docs',
  acknowledgeable: false,
  check: (c) => when(c.idTokenAlg !== undefined && c.idTokenAlg !== 'RS256',
    () => `Cognito signs ID tokens with RS256 only, but '${c.idTokenAlg}' was given`,
    'Set idTokenSigningAlgorithm: SigningAlgorithm.RS256 (or leave it unset).'),
};
