import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { GRANT, Rule, when } from '../rule';

const ISSUES_REFRESH_TOKENS = [GRANT.AUTHORIZATION_CODE, GRANT.DEVICE_CODE, GRANT.CIBA, GRANT.PASSWORD, GRANT.PASSWORD_REALM];

export const OAC_008: Rule = {
  id: 'OAC-008',
  severity: Severity.WARNING,
  scope: RuleScope.ALL,
  condition: '`refresh_token` without any grant that issues refresh tokens (authorization_code, device_code, ciba, password)',
  source: 'RFC 6749 §4.4.3, §6',
  acknowledgeable: true,
  check: (c) => when(c.grants.complete && c.hasGrant(GRANT.REFRESH_TOKEN) && !ISSUES_REFRESH_TOKENS.some((g) => c.hasGrant(g)),
    () => `refresh_token is granted, but none of the other grants (${c.grants.values.filter((g) => g !== GRANT.REFRESH_TOKEN).join(', ') || 'none'}) issues refresh tokens, so it can never be used`,
    'Remove GrantType.REFRESH_TOKEN, or add a grant that issues refresh tokens such as GrantType.AUTHORIZATION_CODE.'),
};
