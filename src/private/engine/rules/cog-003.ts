import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { GRANT, Rule } from '../rule';

const STANDARD_SCOPES = ['openid', 'email', 'profile', 'phone', 'aws.cognito.signin.user.admin'];

export const COG_003: Rule = {
  id: 'COG-003',
  severity: Severity.ERROR,
  scope: RuleScope.COGNITO,
  condition: 'client_credentials with a non-custom scope (openid, email, profile, phone, aws.cognito.signin.user.admin)',
  source: 'Cognito resource servers page',
  acknowledgeable: false,
  check: (c) => !c.hasGrant(GRANT.CLIENT_CREDENTIALS) ? [] : c.scopes.values.filter((s) => STANDARD_SCOPES.includes(s)).map((s) => ({
    problem: `Cognito allows only custom resource-server scopes with client_credentials, but scope '${s}' was given`,
    fix: 'Use scopes of a resource server, e.g. ResourceServerScope via OAuthScope.resourceServer(...).',
  })),
};
