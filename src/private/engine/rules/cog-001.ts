import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { GRANT, Rule, when } from '../rule';

export const COG_001: Rule = {
  id: 'COG-001',
  severity: Severity.ERROR,
  scope: RuleScope.COGNITO,
  condition: 'client_credentials without a generated client secret',
  source: 'Cognito developer guide, OAuth grants',
  acknowledgeable: false,
  check: (c) => when(c.hasGrant(GRANT.CLIENT_CREDENTIALS) && !c.hasSecret,
    () => 'Cognito allows client_credentials only for app clients with a generated client secret, but this client has none',
    'Use a ConfidentialClient (it generates the secret), or set GenerateSecret: true.'),
};
