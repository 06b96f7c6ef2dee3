import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, when } from '../rule';

export const FAPI_007: Rule = {
  id: 'FAPI-007',
  severity: Severity.ERROR,
  scope: RuleScope.FAPI_2_0,
  condition: 'access tokens not sender-constrained (DPoP or mTLS)',
  source: 'FAPI 2.0 SP §5.3.2.1',
  acknowledgeable: true,
  check: (c) => when(!c.senderConstrainedTokens,
    () => 'FAPI 2.0 requires sender-constrained access tokens, but neither DPoP nor mTLS binding is enabled',
    'Set senderConstrainedTokens: true and bind tokens with DPoP or mTLS.'),
};
