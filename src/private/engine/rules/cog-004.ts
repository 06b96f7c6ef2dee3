import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { GRANT, Rule } from '../rule';

const COGNITO_GRANTS: string[] = [GRANT.AUTHORIZATION_CODE, GRANT.IMPLICIT, GRANT.CLIENT_CREDENTIALS, GRANT.REFRESH_TOKEN];

export const COG_004: Rule = {
  id: 'COG-004',
  severity: Severity.ERROR,
  scope: RuleScope.COGNITO,
  condition: 'any grant other than authorization_code, implicit, client_credentials, refresh_token (Cognito has no password, device, CIBA, token-exchange grants at /oauth2/token)',
  source: 'Cognito token endpoint page',
  acknowledgeable: false,
  check: (c) => c.grants.values.filter((g) => !COGNITO_GRANTS.includes(g)).map((g) => ({
    problem: `Cognito's token endpoint does not support the '${g}' grant`,
    fix: 'Use authorization_code, client_credentials or refresh_token, or another authorization server.',
  })),
};
