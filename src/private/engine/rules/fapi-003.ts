import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { hasRedirectGrant, Rule, when } from '../rule';

const FAPI_ALGS = ['PS256', 'ES256', 'EdDSA'];

export const FAPI_003: Rule = {
  id: 'FAPI-003',
  severity: Severity.ERROR,
  scope: RuleScope.FAPI_2_0,
  condition: 'ID token alg other than PS256, ES256, EdDSA (RS256 included; unset counts as RS256 on a client that gets ID tokens)',
  source: 'FAPI 2.0 SP §5.4.1',
  acknowledgeable: true,
  check: (c) => {
    const alg = c.idTokenAlg ?? (c.idTokenAlgResolved && hasRedirectGrant(c) ? 'RS256' : undefined);
    return when(alg !== undefined && !FAPI_ALGS.includes(alg),
      () => `FAPI 2.0 allows ID tokens signed with PS256, ES256 or EdDSA only, but '${alg}' ${c.idTokenAlg ? 'was given' : 'is the default'}`,
      'Set idTokenSigningAlgorithm: SigningAlgorithm.PS256 (or ES256).');
  },
};
