import { PkceMethod } from '../../../pkce-method';
import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, when } from '../rule';

export const OAC_062: Rule = {
  id: 'OAC-062',
  severity: Severity.WARNING,
  scope: RuleScope.ALL,
  condition: 'PKCE method `plain`',
  source: 'RFC 7636 §4.2, RFC 9700 §2.1.1',
  acknowledgeable: true,
  check: (c) => when(c.pkce === PkceMethod.PLAIN,
    () => 'PKCE method \'plain\' exposes the code verifier; only S256 does not',
    'Set pkce: PkceMethod.S256.'),
};
