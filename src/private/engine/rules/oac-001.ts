import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { GRANT, Rule, when } from '../rule';

export const OAC_001: Rule = {
  id: 'OAC-001',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'public client with `client_credentials`',
  source: 'RFC 6749 §4.4',
  acknowledgeable: false,
  check: (c) => when(c.isPublic && c.hasGrant(GRANT.CLIENT_CREDENTIALS),
    () => 'a public client was given the client_credentials grant, which is for confidential clients only',
    'Remove GrantType.CLIENT_CREDENTIALS, or declare a ConfidentialClient of type MACHINE_TO_MACHINE.'),
};
