import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, when } from '../rule';

export const FAPI_008: Rule = {
  id: 'FAPI-008',
  severity: Severity.WARNING,
  scope: RuleScope.FAPI_2_0,
  condition: 'refresh-token rotation enabled',
  source: 'FAPI 2.0 SP §5.3.2.1',
  acknowledgeable: true,
  check: (c) => when(c.refreshTokenRotation,
    () => 'FAPI 2.0 recommends against refresh-token rotation (sender-constrained refresh tokens are used instead), but it is enabled',
    'Set refreshTokenRotation: false.'),
};
