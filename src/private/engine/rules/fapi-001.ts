import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, when } from '../rule';

export const FAPI_001: Rule = {
  id: 'FAPI-001',
  severity: Severity.ERROR,
  scope: RuleScope.FAPI_2_0,
  condition: 'public client',
  source: 'FAPI 2.0 SP §5.3.2.1',
  acknowledgeable: true,
  check: (c) => when(c.isPublic,
    () => 'FAPI 2.0 allows confidential clients only, but this client is public',
    'Use a ConfidentialClient with private_key_jwt, or validate with ValidationProfile.DEFAULT.'),
};
