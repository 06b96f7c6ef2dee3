import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { components, Rule } from '../rule';

export const OAC_004: Rule = {
  id: 'OAC-004',
  severity: Severity.WARNING,
  scope: RuleScope.ALL,
  condition: 'a response type that returns an access token from the authorization endpoint (`token`, `id_token token`, `code token`, `code id_token token`), or the implicit grant with no response types given (then `token` is implied). Implicit with `id_token` alone does not fire',
  source: 'RFC 9700 §2.1.2',
  acknowledgeable: true,
  check: (c) => c.responseTypes.values.filter((r) => components(r).includes('token')).map((r) => ({
    problem: c.responseTypesGiven
      ? `response type '${r}' returns an access token in the front channel, where it can leak or be injected`
      : 'the implicit grant with no response types implies \'token\', which returns an access token in the front channel',
    fix: 'Use the authorization code grant with PKCE (response type \'code\') instead of the implicit grant.',
  })),
};
