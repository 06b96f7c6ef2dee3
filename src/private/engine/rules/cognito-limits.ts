import { AuthorizationServerKind } from '../../../authorization-server-kind';
import { Rule } from '../rule';

/**
 * The FAPI 2.0 requirements Amazon Cognito cannot meet, by rule. On a Cognito client the fix of these findings says
 * so, instead of naming a setting that Cognito refuses (COG-005, COG-006) or does not have.
 */
export const COGNITO_CANNOT: Readonly<Record<string, string>> = {
  'FAPI-001': 'FAPI 2.0 needs a confidential client with private_key_jwt or mTLS, which Cognito does not have (COG-006)',
  'FAPI-002': 'Cognito authenticates clients with a client secret only (COG-006)',
  'FAPI-003': 'Cognito signs ID tokens with RS256 only (COG-005)',
  'FAPI-005': 'Cognito has no pushed authorization requests (RFC 9126)',
  'FAPI-007': 'Cognito cannot bind access tokens to DPoP or mTLS',
};

/**
 * The rules whose fix names what Cognito does not have: a client authentication other than the secret (COG-006), or
 * a callback URL it refuses (COG-007: http on a host other than `localhost`, so not the loopback IP literal
 * 127.0.0.1). With the fix on a Cognito client.
 */
const COGNITO_INSTEAD: Readonly<Record<string, string>> = {
  'OAC-022': 'Cognito authenticates app clients with a client secret only (COG-006): rotate it (secretRotation), or use a'
    + ' server that supports private_key_jwt (AuthorizationServer.dynamicRegistration).',
  'OAC-085': 'Use https, or http://localhost for local development of a native app (Cognito refuses http on any other'
    + ' host, 127.0.0.1 included: COG-007).',
  'OAC-086': 'Cognito accepts http callback URLs on localhost only, not on 127.0.0.1 (COG-007): give a native app a'
    + ' reverse-domain scheme (com.example.app:/oauth2redirect) or a claimed https URI, or keep localhost for local'
    + ' development only and acknowledge this warning.',
};

/** The fix of the rule's findings on a Cognito client, when Cognito cannot apply the rule's own. */
export function cognitoFix(ruleId: string): string | undefined {
  const cannot = COGNITO_CANNOT[ruleId];
  if (cannot !== undefined) {
    return `${cannot}: register this client with a server that meets FAPI 2.0 (AuthorizationServer.dynamicRegistration),`
      + ' or validate it with ValidationProfile.DEFAULT.';
  }
  return COGNITO_INSTEAD[ruleId];
}

/** The rule, with the fix of its findings on a Cognito client replaced when Cognito cannot apply that fix. */
export function withCognitoLimits(rule: Rule): Rule {
  const fix = cognitoFix(rule.id);
  if (fix === undefined) return rule;
  return {
    ...rule,
    check: (c) => {
      const breaches = rule.check(c);
      return c.server === AuthorizationServerKind.COGNITO ? breaches.map(({ problem }) => ({ problem, fix })) : breaches;
    },
  };
}
