import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, SECRETLESS_METHODS, when } from '../rule';

export const FAPI_002: Rule = {
  id: 'FAPI-002',
  severity: Severity.ERROR,
  scope: RuleScope.FAPI_2_0,
  condition: 'client authentication other than `private_key_jwt`, `tls_client_auth`, `self_signed_tls_client_auth` (unset counts as `client_secret_basic`)',
  source: 'FAPI 2.0 SP §5.3.2.1',
  acknowledgeable: true,
  check: (c) => {
    const method = c.method ?? 'client_secret_basic';
    return when(c.methodResolved && !SECRETLESS_METHODS.includes(method),
      () => `FAPI 2.0 requires private_key_jwt or mTLS client authentication, but '${method}' ${c.method ? 'was given' : 'is the default'}`,
      'Use TokenEndpointAuthMethod.PRIVATE_KEY_JWT.');
  },
};
