import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { isLocalhost, isLoopback } from '../redirect-uri';
import { Rule } from '../rule';

export const OAC_085: Rule = {
  id: 'OAC-085',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: '`http` scheme on a host other than loopback or `localhost` (note `localhost.evil.com` is not localhost)',
  source: 'RFC 9700 §2.6',
  acknowledgeable: true,
  check: (c) => c.redirectUris.values.filter((u) => u.scheme === 'http' && u.host && !isLoopback(u) && !isLocalhost(u)).map((u) => ({
    problem: `redirect URI '${u.shown}' uses plain http on host '${u.host}'; http is allowed only for loopback redirection`,
    fix: 'Use https, or a loopback address (http://127.0.0.1) for a native app.',
  })),
};
