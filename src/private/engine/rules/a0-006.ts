import { ApplicationType } from '../../../application-type';
import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { GRANT, Rule, when } from '../rule';

export const A0_006: Rule = {
  id: 'A0-006',
  severity: Severity.ERROR,
  scope: RuleScope.AUTH0,
  condition: 'device_code grant on an application that is not native',
  source: 'Auth0 application grant types',
  acknowledgeable: false,
  check: (c) => when(c.hasGrant(GRANT.DEVICE_CODE) && c.applicationType !== ApplicationType.NATIVE,
    () => `Auth0 allows the device_code grant for native applications only, but the application type is ${c.applicationType ?? 'not set'}`,
    'Declare the client as ApplicationType.NATIVE, or remove GrantType.DEVICE_CODE.'),
};
