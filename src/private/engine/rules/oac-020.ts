import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, when } from '../rule';

export const OAC_020: Rule = {
  id: 'OAC-020',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'public client with any method other than `none`',
  source: 'RFC 6749 §2.1, RFC 7591 §2',
  acknowledgeable: false,
  check: (c) => when(c.isPublic && c.method !== undefined && c.method !== 'none',
    () => `a public client cannot hold a credential, but token endpoint auth method '${c.method}' was given`,
    'Use TokenEndpointAuthMethod.NONE, or declare a ConfidentialClient.'),
};
