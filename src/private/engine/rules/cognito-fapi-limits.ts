import { AuthorizationServerKind } from '../../../authorization-server-kind';
import { Rule } from '../rule';

/**
 * The FAPI 2.0 requirements Amazon Cognito cannot meet, by rule. On a Cognito client the fix of these findings says
 * so, instead of naming a setting that Cognito refuses (COG-005, COG-006) or does not have.
 */
const COGNITO_CANNOT: Readonly<Record<string, string>> = {
  'FAPI-002': 'Cognito authenticates clients with a client secret only (COG-006)',
  'FAPI-003': 'Cognito signs ID tokens with RS256 only (COG-005)',
  'FAPI-005': 'Cognito has no pushed authorization requests (RFC 9126)',
  'FAPI-007': 'Cognito cannot bind access tokens to DPoP or mTLS',
};

/** The rule, with the fix of its findings on a Cognito client replaced when Cognito cannot apply that fix. */
export function withCognitoLimits(rule: Rule): Rule {
  const cannot = COGNITO_CANNOT[rule.id];
  if (cannot === undefined) return rule;
  const fix = `${cannot}: register this client with a server that meets FAPI 2.0 (AuthorizationServer.dynamicRegistration),`
    + ' or validate it with ValidationProfile.DEFAULT.';
  return {
    ...rule,
    check: (c) => {
      const breaches = rule.check(c);
      return c.server === AuthorizationServerKind.COGNITO ? breaches.map(({ problem }) => ({ problem, fix })) : breaches;
    },
  };
}
