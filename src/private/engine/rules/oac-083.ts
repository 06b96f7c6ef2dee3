import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { strayCharacterProblem } from '../redirect-uri';
import { Rule } from '../rule';

export const OAC_083: Rule = {
  id: 'OAC-083',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'redirect URI that is not absolute',
  source: 'RFC 6749 §3.1.2',
  acknowledgeable: true,
  check: (c) => c.redirectUris.values.filter((u) => u.absolute === false).map((u) => {
    if (!u.stray) {
      return {
        problem: `redirect URI '${u.shown}' is not an absolute URI${u.malformed ? `: ${u.malformed}` : ''}`,
        fix: 'Give the full URI with scheme and host, e.g. \'https://app.example.com/callback\'.',
      };
    }
    // White space or an invisible character: the URI is not absolute because it is no URI at all (RFC 3986 §2).
    const { problem, fix } = strayCharacterProblem(u.raw, u.stray);
    return { problem: `redirect URI '${u.shown}' is not an absolute URI: it ${problem}`, fix };
  }),
};
