import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { GRANT, Rule } from '../rule';

export const OAC_007: Rule = {
  id: 'OAC-007',
  severity: Severity.WARNING,
  scope: RuleScope.ALL,
  condition: 'public client with `jwt-bearer` or `token-exchange`',
  source: 'RFC 7523 §3.1, RFC 8693 §2.1',
  acknowledgeable: true,
  check: (c) => !c.isPublic ? [] : [GRANT.JWT_BEARER, GRANT.TOKEN_EXCHANGE].filter((g) => c.hasGrant(g)).map((g) => ({
    problem: `a public client was given '${g}', so the assertion or exchange is made unauthenticated`,
    fix: 'Remove the grant, or perform the exchange from a ConfidentialClient.',
  })),
};
