import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { HMAC_ALGS, Rule, when } from '../rule';

export const OAC_040: Rule = {
  id: 'OAC-040',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'public client with HS256 / HS384 / HS512 ID tokens',
  source: 'OIDC Core §10.1',
  acknowledgeable: false,
  check: (c) => when(c.isPublic && c.idTokenAlg !== undefined && HMAC_ALGS.includes(c.idTokenAlg),
    () => `symmetric signatures MUST NOT be used by public clients, but ID token algorithm '${c.idTokenAlg}' was given`,
    'Use SigningAlgorithm.RS256 (or another asymmetric algorithm) for the ID token.'),
};
