import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule } from '../rule';

export const OAC_083: Rule = {
  id: 'OAC-083',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'redirect URI that is not absolute',
  source: 'RFC 6749 §3.1.2',
  acknowledgeable: true,
  check: (c) => c.redirectUris.values.filter((u) => u.absolute === false).map((u) => ({
    problem: `redirect URI '${u.raw}' is not an absolute URI`,
    fix: 'Give the full URI with scheme and host, e.g. \'https://app.example.com/callback\'.',
  })),
};
