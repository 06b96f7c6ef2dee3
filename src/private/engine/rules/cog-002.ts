import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { GRANT, Rule, when } from '../rule';

export const COG_002: Rule = {
  id: 'COG-002',
  severity: Severity.ERROR,
  scope: RuleScope.COGNITO,
  condition: 'client_credentials together with authorization_code or implicit in one app client',
  source: 'Cognito developer guide, OAuth grants',
  acknowledgeable: false,
  check: (c) => when(c.hasGrant(GRANT.CLIENT_CREDENTIALS) && (c.hasGrant(GRANT.AUTHORIZATION_CODE) || c.hasGrant(GRANT.IMPLICIT)),
    () => 'Cognito cannot combine client_credentials with authorization_code or implicit in one app client',
    'Declare two clients: one MACHINE_TO_MACHINE client for client_credentials and one for the user-facing grants.'),
};
