import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, SHARED_SECRET_METHODS, when } from '../rule';

export const OAC_022: Rule = {
  id: 'OAC-022',
  severity: Severity.INFO,
  scope: RuleScope.ALL,
  condition: 'confidential client with a shared-secret method (`client_secret_basic`, `client_secret_post`, `client_secret_jwt`); unset counts as the registration default `client_secret_basic`',
  source: 'RFC 9700 §2.5',
  acknowledgeable: true,
  check: (c) => {
    const method = c.method ?? (c.methodResolved ? 'client_secret_basic' : undefined);
    return when(!c.isPublic && method !== undefined && SHARED_SECRET_METHODS.includes(method),
      () => `the client authenticates with the shared secret method '${method}'; asymmetric methods are RECOMMENDED`,
      'Consider TokenEndpointAuthMethod.PRIVATE_KEY_JWT with a KMS key where the authorization server supports it.');
  },
};
