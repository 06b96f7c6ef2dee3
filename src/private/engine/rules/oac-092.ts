import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { isLoopback } from '../redirect-uri';
import { Rule } from '../rule';

export const OAC_092: Rule = {
  id: 'OAC-092',
  severity: Severity.INFO,
  scope: RuleScope.ALL,
  condition: 'loopback URI registered with a fixed port',
  source: 'RFC 8252 §7.3',
  acknowledgeable: true,
  check: (c) => c.redirectUris.values.filter((u) => isLoopback(u) && u.port !== undefined).map((u) => ({
    problem: `loopback redirect URI '${u.shown}' is registered with the fixed port ${u.port}; native apps may use any port at request time`,
    fix: 'Register the loopback URI without a port where the server allows any port.',
  })),
};
