import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule } from '../rule';

export const OAC_084: Rule = {
  id: 'OAC-084',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'wildcard or pattern (`*`) in a redirect URI',
  source: 'RFC 9700 §2.1, §4.1.3',
  acknowledgeable: true,
  check: (c) => c.redirectUris.values.filter((u) => u.wildcard).map((u) => ({
    problem: `redirect URI '${u.shown}' contains a wildcard; the server must match redirect URIs by exact string comparison`,
    fix: 'Register every exact redirect URI instead of a pattern.',
  })),
};
