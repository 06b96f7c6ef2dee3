import { PkceMethod } from '../../../pkce-method';
import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { GRANT, Rule, when } from '../rule';

export const OAC_060: Rule = {
  id: 'OAC-060',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'public client, authorization_code, PKCE not required',
  source: 'RFC 9700 §2.1.1',
  acknowledgeable: true,
  check: (c) => when(c.isPublic && c.hasGrant(GRANT.AUTHORIZATION_CODE) && (c.pkce === undefined || c.pkce === PkceMethod.NONE),
    () => `public clients MUST use PKCE with authorization_code, but pkce is ${c.pkce === undefined ? 'not set' : "'none'"}`,
    'Set pkce: PkceMethod.S256.'),
};
