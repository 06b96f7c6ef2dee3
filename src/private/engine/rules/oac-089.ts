import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { isPrivateUseScheme } from '../redirect-uri';
import { BROWSER_APPS, Rule } from '../rule';

export const OAC_089: Rule = {
  id: 'OAC-089',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'private-use scheme on a web or single-page client',
  source: 'OIDC DCR §2 (application_type)',
  acknowledgeable: true,
  check: (c) => c.applicationType === undefined || !BROWSER_APPS.includes(c.applicationType) ? [] :
    c.redirectUris.values.filter(isPrivateUseScheme).map((u) => ({
      problem: `redirect URI '${u.shown}' uses the private-use scheme '${u.scheme}:' on a ${c.applicationType} client, which a browser cannot receive`,
      fix: 'Use an https redirect URI, or declare the client as ApplicationType.NATIVE.',
    })),
};
