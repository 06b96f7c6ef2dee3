import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { isLocalhost } from '../redirect-uri';
import { Rule } from '../rule';

export const OAC_086: Rule = {
  id: 'OAC-086',
  severity: Severity.WARNING,
  scope: RuleScope.ALL,
  condition: 'host `localhost`',
  source: 'RFC 8252 §8.3',
  acknowledgeable: true,
  check: (c) => c.redirectUris.values.filter(isLocalhost).map((u) => ({
    problem: `redirect URI '${u.shown}' uses the host name 'localhost', which is NOT RECOMMENDED`,
    fix: 'Use the loopback IP literal 127.0.0.1 or [::1].',
  })),
};
