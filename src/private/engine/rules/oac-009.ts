import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, when } from '../rule';

export const OAC_009: Rule = {
  id: 'OAC-009',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'empty grant list',
  source: 'RFC 7591 §2',
  acknowledgeable: true,
  check: (c) => when(c.grants.complete && c.grants.values.length === 0,
    () => 'the grant list is empty, so the client could never obtain a token',
    'Give at least one grant, e.g. GrantType.AUTHORIZATION_CODE or GrantType.CLIENT_CREDENTIALS.'),
};
