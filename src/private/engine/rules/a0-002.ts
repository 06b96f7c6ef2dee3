import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, when } from '../rule';

const AUTH0_ALGS = ['HS256', 'RS256', 'PS256'];

export const A0_002: Rule = {
  id: 'A0-002',
  severity: Severity.ERROR,
  scope: RuleScope.AUTH0,
  condition: 'ID token alg other than HS256, RS256, PS256',
  source: 'Auth0 signing algorithms',
  acknowledgeable: false,
  check: (c) => when(c.idTokenAlg !== undefined && !AUTH0_ALGS.includes(c.idTokenAlg),
    () => `Auth0 signs ID tokens with HS256, RS256 or PS256 only, but '${c.idTokenAlg}' was given`,
    'Set idTokenSigningAlgorithm: SigningAlgorithm.RS256.'),
};
