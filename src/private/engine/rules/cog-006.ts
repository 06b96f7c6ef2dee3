import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, when } from '../rule';

const COGNITO_METHODS = ['client_secret_basic', 'client_secret_post'];

export const COG_006: Rule = {
  id: 'COG-006',
  severity: Severity.ERROR,
  scope: RuleScope.COGNITO,
  condition: 'confidential method other than `client_secret_basic` / `client_secret_post` (no private_key_jwt, client_secret_jwt, mTLS)',
  source: 'Cognito token endpoint page',
  acknowledgeable: false,
  check: (c) => when(!c.isPublic && c.method !== undefined && c.method !== 'none' && !COGNITO_METHODS.includes(c.method),
    () => `Cognito authenticates confidential clients with client_secret_basic or client_secret_post only, but '${c.method}' was given`,
    'Use TokenEndpointAuthMethod.CLIENT_SECRET_BASIC, or AuthorizationServer.dynamicRegistration(...) for private_key_jwt.'),
};
