import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { GRANT, Rule } from '../rule';

export const OAC_002: Rule = {
  id: 'OAC-002',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: '`password` grant, or Auth0\'s password-realm grant (`http://auth0.com/oauth/grant-type/password-realm`)',
  source: 'RFC 9700 §2.4',
  acknowledgeable: true,
  check: (c) => [GRANT.PASSWORD, GRANT.PASSWORD_REALM].filter((g) => c.hasGrant(g)).map((g) => ({
    problem: `the resource owner password credentials grant MUST NOT be used, but '${g}' was given`,
    fix: 'Use GrantType.AUTHORIZATION_CODE with PKCE (users) or GrantType.CLIENT_CREDENTIALS (services).',
  })),
};
