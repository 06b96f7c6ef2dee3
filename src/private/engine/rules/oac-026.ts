import { AuthorizationServerKind } from '../../../authorization-server-kind';
import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, when } from '../rule';

export const OAC_026: Rule = {
  id: 'OAC-026',
  severity: Severity.INFO,
  scope: RuleScope.ALL,
  condition: 'dynamic registration of a public client with the method left unset',
  source: 'RFC 7591 §2',
  acknowledgeable: true,
  check: (c) => when(c.server === AuthorizationServerKind.DYNAMIC_REGISTRATION && c.isPublic && c.method === undefined && c.methodResolved,
    () => 'the token endpoint auth method of a public client is unset, and the registration default is client_secret_basic',
    'Send TokenEndpointAuthMethod.NONE explicitly.'),
};
