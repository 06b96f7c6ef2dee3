import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Breach, components, GRANT, Rule } from '../rule';

export const OAC_100: Rule = {
  id: 'OAC-100',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'response types disagree with grants (`code` needs authorization_code; `token` / `id_token` need implicit; authorization_code given response types needs one with `code`)',
  source: 'RFC 7591 §2.1, OIDC DCR §2',
  acknowledgeable: true,
  check: (c) => {
    const given = c.responseTypesGiven;
    if (!given || !c.grants.complete) return [];
    const breaches: Breach[] = [];
    for (const r of given.values) {
      const parts = components(r);
      if (parts.includes('code') && !c.hasGrant(GRANT.AUTHORIZATION_CODE)) {
        breaches.push({ problem: `response type '${r}' needs the authorization_code grant, which was not given`, fix: 'Add GrantType.AUTHORIZATION_CODE, or remove the response type.' });
      }
      if ((parts.includes('token') || parts.includes('id_token')) && !c.hasGrant(GRANT.IMPLICIT)) {
        breaches.push({ problem: `response type '${r}' needs the implicit grant, which was not given`, fix: 'Use response type \'code\' only, or add GrantType.IMPLICIT (not recommended).' });
      }
    }
    if (given.complete && c.hasGrant(GRANT.AUTHORIZATION_CODE) && !given.values.some((r) => components(r).includes('code'))) {
      breaches.push({ problem: `authorization_code is granted, but no response type includes 'code' (given: ${given.values.join(', ') || 'none'})`, fix: 'Add response type \'code\'.' });
    }
    return breaches;
  },
};
