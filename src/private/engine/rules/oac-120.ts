import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { GRANT, Rule, when } from '../rule';

export const OAC_120: Rule = {
  id: 'OAC-120',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'public client with `refresh_token` and neither refresh-token rotation nor sender-constrained tokens (DPoP / mTLS)',
  source: 'RFC 9700 §2.2.2, §4.14.2',
  acknowledgeable: true,
  check: (c) => when(c.isPublic && c.hasGrant(GRANT.REFRESH_TOKEN) && !c.refreshTokenRotation && !c.senderConstrainedTokens,
    () => 'refresh tokens for public clients MUST be sender-constrained or rotated, but neither is enabled',
    'Set refreshTokenRotation: true.'),
};
