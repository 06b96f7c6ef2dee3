import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { GRANT, Rule, when } from '../rule';

export const OAC_005: Rule = {
  id: 'OAC-005',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'public client with CIBA (`urn:openid:params:grant-type:ciba`)',
  source: 'OpenID CIBA Core §7.1',
  acknowledgeable: true,
  check: (c) => when(c.isPublic && c.hasGrant(GRANT.CIBA),
    () => 'a public client was given the CIBA grant, which requires client authentication',
    'Remove GrantType.CIBA, or use a ConfidentialClient.'),
};
