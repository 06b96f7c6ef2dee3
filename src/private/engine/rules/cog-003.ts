import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { GRANT, Rule } from '../rule';

/** Cognito's built-in scopes; every other scope is a resource server's (`identifier/name`). */
export const COGNITO_STANDARD_SCOPES = ['openid', 'email', 'profile', 'phone', 'aws.cognito.signin.user.admin'];

export const COG_003: Rule = {
  id: 'COG-003',
  severity: Severity.ERROR,
  scope: RuleScope.COGNITO,
  condition: 'client_credentials with a non-custom scope (openid, email, profile, phone, aws.cognito.signin.user.admin), or with no scope at all (Cognito needs a resource-server scope)',
  source: 'Cognito resource servers page',
  acknowledgeable: false,
  check: (c) => {
    if (!c.hasGrant(GRANT.CLIENT_CREDENTIALS)) return [];
    const fix = 'Use scopes of a resource server (UserPoolResourceServer), e.g. scopes: [\'billing/read\'].';
    if (c.scopes.complete && c.scopes.values.length === 0) {
      return [{ problem: 'Cognito needs at least one custom resource-server scope with client_credentials, but no scope was given', fix }];
    }
    return c.scopes.values.filter((s) => COGNITO_STANDARD_SCOPES.includes(s)).map((s) => ({
      problem: `Cognito allows only custom resource-server scopes with client_credentials, but scope '${s}' was given`,
      fix,
    }));
  },
};
