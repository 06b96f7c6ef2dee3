import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { isLocalhost } from '../redirect-uri';
import { BROWSER_APPS, GRANT, Rule } from '../rule';

export const OAC_091: Rule = {
  id: 'OAC-091',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'implicit grant on a web client (application_type `web`: WEB or SINGLE_PAGE) with host `localhost`',
  source: 'OIDC DCR §2',
  acknowledgeable: true,
  check: (c) => !c.hasGrant(GRANT.IMPLICIT) || c.applicationType === undefined || !BROWSER_APPS.includes(c.applicationType) ? [] :
    c.redirectUris.values.filter(isLocalhost).map((u) => ({
      problem: `web clients using the implicit grant MUST NOT use localhost, but redirect URI '${u.shown}' was given`,
      fix: 'Use authorization code with PKCE, and an https redirect URI.',
    })),
};
