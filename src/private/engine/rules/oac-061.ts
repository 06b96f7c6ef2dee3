import { PkceMethod } from '../../../pkce-method';
import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { GRANT, Rule, when } from '../rule';

export const OAC_061: Rule = {
  id: 'OAC-061',
  severity: Severity.WARNING,
  scope: RuleScope.ALL,
  condition: 'confidential client, authorization_code, PKCE not required',
  source: 'RFC 9700 §2.1.1',
  acknowledgeable: true,
  check: (c) => when(!c.isPublic && c.hasGrant(GRANT.AUTHORIZATION_CODE) && (c.pkce === undefined || c.pkce === PkceMethod.NONE),
    () => `PKCE is RECOMMENDED for confidential clients using authorization_code, but pkce is ${c.pkce === undefined ? 'not set' : "'none'"}`,
    'Set pkce: PkceMethod.S256.'),
};
