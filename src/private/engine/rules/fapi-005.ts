import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { GRANT, Rule, when } from '../rule';

export const FAPI_005: Rule = {
  id: 'FAPI-005',
  severity: Severity.ERROR,
  scope: RuleScope.FAPI_2_0,
  condition: 'pushed authorization requests (RFC 9126) not required (on a client with authorization_code)',
  source: 'FAPI 2.0 SP §5.3.2.2',
  acknowledgeable: true,
  check: (c) => when(c.hasGrant(GRANT.AUTHORIZATION_CODE) && !c.requirePushedAuthorizationRequests,
    () => 'FAPI 2.0 requires pushed authorization requests, but they are not required',
    'Set requirePushedAuthorizationRequests: true.'),
};
