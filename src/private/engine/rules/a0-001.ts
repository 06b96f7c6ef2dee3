import { ApplicationType } from '../../../application-type';
import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, when } from '../rule';

const PUBLIC_APPS = [ApplicationType.NATIVE, ApplicationType.SINGLE_PAGE];

export const A0_001: Rule = {
  id: 'A0-001',
  severity: Severity.ERROR,
  scope: RuleScope.AUTH0,
  condition: 'application type and client type disagree (SPA/native must be public, machine-to-machine must be confidential)',
  source: 'Auth0 "Confidential and public applications"',
  acknowledgeable: false,
  check: (c) => {
    const app = c.applicationType;
    const mismatch = app !== undefined && ((PUBLIC_APPS.includes(app) && !c.isPublic) || (app === ApplicationType.MACHINE_TO_MACHINE && c.isPublic));
    return when(mismatch,
      () => `Auth0 makes a ${app} application ${c.isPublic ? 'confidential' : 'public'}, but the client is ${c.isPublic ? 'public' : 'confidential'}`,
      'Use PublicClient for native and single-page apps, ConfidentialClient for machine-to-machine.');
  },
};
