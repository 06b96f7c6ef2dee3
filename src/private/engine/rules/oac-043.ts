import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { HMAC_ALGS, Rule, SECRETLESS_METHODS, when } from '../rule';

export const OAC_043: Rule = {
  id: 'OAC-043',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'HS* ID tokens on a confidential client that has no client secret (`private_key_jwt`, mTLS, or no generated secret)',
  source: 'OIDC Core §10.1',
  acknowledgeable: false,
  check: (c) => {
    const noSecret = (c.method !== undefined && SECRETLESS_METHODS.includes(c.method)) || !c.hasSecret;
    return when(!c.isPublic && c.idTokenAlg !== undefined && HMAC_ALGS.includes(c.idTokenAlg) && noSecret,
      () => `ID token algorithm '${c.idTokenAlg}' is keyed with the client secret, but the client has none (method '${c.method ?? 'unset'}')`,
      'Use SigningAlgorithm.RS256 (or another asymmetric algorithm) for the ID token.');
  },
};
