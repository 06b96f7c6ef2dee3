import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Breach, GRANT, Rule } from '../rule';

export const FAPI_006: Rule = {
  id: 'FAPI-006',
  severity: Severity.ERROR,
  scope: RuleScope.FAPI_2_0,
  condition: 'any response type other than `code`, or implicit / password grants',
  source: 'FAPI 2.0 SP §5.3.2.1–2',
  acknowledgeable: true,
  check: (c) => {
    const breaches: Breach[] = c.responseTypes.values.filter((r) => r !== 'code').map((r) => ({
      problem: `FAPI 2.0 allows response type 'code' only, but '${r}' ${c.responseTypesGiven ? 'was given' : 'is implied'}`,
      fix: 'Use response type \'code\' only.',
    }));
    for (const g of [GRANT.IMPLICIT, GRANT.PASSWORD, GRANT.PASSWORD_REALM].filter((grant) => c.hasGrant(grant))) {
      breaches.push({ problem: `FAPI 2.0 forbids the '${g}' grant`, fix: 'Remove the grant; use authorization_code with PKCE and PAR.' });
    }
    return breaches;
  },
};
