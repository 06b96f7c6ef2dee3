import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, when } from '../rule';

export const OAC_021: Rule = {
  id: 'OAC-021',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'confidential client with `none`',
  source: 'RFC 6749 §2.3',
  acknowledgeable: false,
  check: (c) => when(!c.isPublic && c.method === 'none',
    () => 'a confidential client must authenticate at the token endpoint, but token endpoint auth method \'none\' was given',
    'Use TokenEndpointAuthMethod.PRIVATE_KEY_JWT or CLIENT_SECRET_BASIC, or declare a PublicClient.'),
};
