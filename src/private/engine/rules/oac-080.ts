import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { hasRedirectGrant, Rule, when } from '../rule';

export const OAC_080: Rule = {
  id: 'OAC-080',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'redirect-based grant without any redirect URI',
  source: 'RFC 6749 §3.1.2.2',
  acknowledgeable: true,
  check: (c) => when(hasRedirectGrant(c) && c.redirectUris.complete && c.redirectUris.values.length === 0,
    () => 'a redirect-based grant (authorization_code or implicit) needs a registered redirect URI, but none was given',
    'Add the exact callback URL(s) to redirectUris.'),
};
