import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { ClientContext } from '../client-context';
import { GRANT, Rule, when } from '../rule';

const FAPI_ALGS = ['PS256', 'ES256', 'EdDSA'];

/**
 * A client whose grants are all known and are all client_credentials gets no ID token: OpenID Connect issues
 * ID tokens for an end-user, and this grant has none. Any other grant (or an unknown one) may get one.
 */
function getsNoIdToken(c: ClientContext): boolean {
  return c.grants.complete && c.grants.values.length > 0 && c.grants.values.every((g) => g === GRANT.CLIENT_CREDENTIALS);
}

export const FAPI_003: Rule = {
  id: 'FAPI-003',
  severity: Severity.ERROR,
  scope: RuleScope.FAPI_2_0,
  condition: 'ID token alg other than PS256, ES256, EdDSA (RS256 included; unset counts as RS256 on a client that gets ID tokens;'
    + ' a client_credentials-only client gets none and is not judged)',
  source: 'FAPI 2.0 SP §5.4.1',
  acknowledgeable: true,
  check: (c) => {
    if (getsNoIdToken(c)) return [];
    const alg = c.idTokenAlg ?? (c.idTokenAlgResolved ? 'RS256' : undefined);
    return when(alg !== undefined && !FAPI_ALGS.includes(alg),
      () => `FAPI 2.0 allows ID tokens signed with PS256, ES256 or EdDSA only, but this client's are signed with '${alg}'${c.idTokenAlg ? '' : ' (the default)'}`,
      'Set idTokenSigningAlgorithm: SigningAlgorithm.PS256 (or ES256).');
  },
};
