import { ApplicationType } from '../../../application-type';
import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, when } from '../rule';

export const A0_005: Rule = {
  id: 'A0-005',
  severity: Severity.WARNING,
  scope: RuleScope.AUTH0,
  condition: 'a regular web application registered as public',
  source: 'Auth0 "Confidential and public applications"',
  acknowledgeable: false,
  check: (c) => when(c.applicationType === ApplicationType.WEB && c.isPublic,
    () => 'a regular web application has a backend that can keep a secret, but it is registered as public',
    'Use a ConfidentialClient for a web application with a backend.'),
};
