import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { isPrivateUseScheme } from '../redirect-uri';
import { Rule } from '../rule';

export const OAC_088: Rule = {
  id: 'OAC-088',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'private-use scheme without a `.` (e.g. `myapp:`)',
  source: 'RFC 8252 §7.1, §8.4',
  acknowledgeable: true,
  check: (c) => c.redirectUris.values.filter((u) => isPrivateUseScheme(u) && !u.scheme!.includes('.')).map((u) => ({
    problem: `redirect URI '${u.shown}' uses the private-use scheme '${u.scheme}:', which is not a reverse domain name`,
    fix: 'Use a reverse-domain scheme you control, e.g. \'com.example.app:/oauth2redirect\'.',
  })),
};
