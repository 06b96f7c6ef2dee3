import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { hasRedirectGrant, Rule, when } from '../rule';

export const OAC_081: Rule = {
  id: 'OAC-081',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'redirect URIs on a client with no redirect-based grant (e.g. client_credentials only)',
  source: 'RFC 7591 §2',
  acknowledgeable: true,
  check: (c) => when(c.grants.complete && !hasRedirectGrant(c) && c.redirectUris.values.length > 0,
    () => `redirect URIs (${c.redirectUris.values.map((u) => u.shown).join(', ')}) were given, but the client has no redirect-based grant`,
    'Remove redirectUris, or add GrantType.AUTHORIZATION_CODE.'),
};
