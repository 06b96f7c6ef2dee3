import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, when } from '../rule';

const AUTH0_METHODS = ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'];

export const A0_004: Rule = {
  id: 'A0-004',
  severity: Severity.ERROR,
  scope: RuleScope.AUTH0,
  condition: 'token endpoint auth method other than none, client_secret_basic, client_secret_post, private_key_jwt',
  source: 'Auth0 application settings',
  acknowledgeable: false,
  check: (c) => when(c.method !== undefined && !AUTH0_METHODS.includes(c.method),
    () => `Auth0 supports the token endpoint auth methods none, client_secret_basic, client_secret_post and private_key_jwt, but '${c.method}' was given`,
    'Use TokenEndpointAuthMethod.PRIVATE_KEY_JWT or CLIENT_SECRET_BASIC.'),
};
