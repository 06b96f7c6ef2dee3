import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { isLocalhost, isLoopback } from '../redirect-uri';
import { BROWSER_APPS, Rule } from '../rule';

export const OAC_087: Rule = {
  id: 'OAC-087',
  severity: Severity.WARNING,
  scope: RuleScope.ALL,
  condition: 'http loopback URI (127.0.0.1, [::1] or localhost) on a web or single-page client',
  source: 'RFC 9700 §2.6',
  acknowledgeable: true,
  check: (c) => c.applicationType === undefined || !BROWSER_APPS.includes(c.applicationType) ? [] :
    c.redirectUris.values.filter((u) => u.scheme === 'http' && (isLoopback(u) || isLocalhost(u))).map((u) => ({
      problem: `redirect URI '${u.shown}' is an http loopback URI on a ${c.applicationType} client; the loopback exception is for native apps`,
      fix: 'Use the application\'s https URL; keep local development redirect URIs in a separate development client.',
    })),
};
