import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule } from '../rule';

export const OAC_082: Rule = {
  id: 'OAC-082',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'redirect URI with a fragment (`#`)',
  source: 'RFC 6749 §3.1.2',
  acknowledgeable: true,
  check: (c) => c.redirectUris.values.filter((u) => u.fragment).map((u) => ({
    problem: `redirect URI '${u.shown}' includes a fragment, which a redirection endpoint MUST NOT include`,
    fix: 'Remove the \'#...\' part of the redirect URI.',
  })),
};
