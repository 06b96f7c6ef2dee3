import { PkceMethod } from '../../../pkce-method';
import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { GRANT, Rule, when } from '../rule';

export const FAPI_004: Rule = {
  id: 'FAPI-004',
  severity: Severity.ERROR,
  scope: RuleScope.FAPI_2_0,
  condition: 'PKCE other than S256 (on a client with authorization_code)',
  source: 'FAPI 2.0 SP §5.3.2.2',
  acknowledgeable: true,
  check: (c) => when(c.hasGrant(GRANT.AUTHORIZATION_CODE) && c.pkce !== PkceMethod.S256,
    () => `FAPI 2.0 requires PKCE with S256, but pkce is ${c.pkce === undefined ? 'not set' : `'${c.pkce}'`}`,
    'Set pkce: PkceMethod.S256.'),
};
