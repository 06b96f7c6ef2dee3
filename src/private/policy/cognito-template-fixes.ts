import { COGNITO_CANNOT, cognitoFix } from '../engine/rules/cognito-limits';

/**
 * The fix of a finding on a Cognito app client judged by its template properties (a raw `CfnUserPoolClient`, an L2
 * `UserPoolClient`, or an override of a construct's app client), in the words of those properties.
 *
 * The rules say their fix in the constructs' terms (`Set refreshTokenRotation: true.`, `Remove
 * GrantType.CLIENT_CREDENTIALS ...`), which is right for a client declared with `ConfidentialClient` or
 * `PublicClient`, but names props that the author of an `AWS::Cognito::UserPoolClient` does not have. Each fix that a
 * rule gives in the constructs' terms and can give on such a client is said here again with the resource's
 * CloudFormation properties (and the L2 prop where its name is not the property's). A fix in neither's terms (`Use
 * https, ...`) is not listed and stays as the rule says it.
 */

/** For the FAPI rules whose remedy Cognito does not have: how the check is told not to judge a client by FAPI 2.0. */
const OTHER_SERVER_OR_PROFILE = 'register this client with an authorization server that meets FAPI 2.0, or check the'
  + ' template with the default profile (`profile` of OAuthClientPolicy, `--profile default` of the CLI).';

/** The L2 way to the code flow alone: an L2 `UserPoolClient` given no flows has the implicit grant too. */
const L2_CODE_ONLY = ' (L2 UserPoolClient: oAuth.flows: { authorizationCodeGrant: true }, as its default flows have implicitCodeGrant)';

/** The rule's fix (as the engine gives it) → the fix in terms of the app client's CloudFormation properties. */
export const COGNITO_TEMPLATE_FIXES: ReadonlyMap<string, string> = new Map([
  ['Use a ConfidentialClient (it generates the secret), or set GenerateSecret: true.',
    'Set GenerateSecret: true, or remove client_credentials from AllowedOAuthFlows.'],
  ['Declare two clients: one MACHINE_TO_MACHINE client for client_credentials and one for the user-facing grants.',
    'Declare two app clients: one with AllowedOAuthFlows [client_credentials] (and GenerateSecret: true) for the'
    + ' service, and one with [code] for the users.'],
  ['Use scopes of a resource server (UserPoolResourceServer), e.g. scopes: [\'billing/read\'].',
    'Use scopes of a resource server (AWS::Cognito::UserPoolResourceServer) in AllowedOAuthScopes, e.g.'
    + ' \'billing/read\'.'],
  ['Use authorization_code, client_credentials or refresh_token, or another authorization server.',
    'Use code or client_credentials in AllowedOAuthFlows, or another authorization server.'],
  ['Shorten clientName.', 'Shorten ClientName.'],
  // The FAPI 2.0 requirements Cognito cannot meet: what Cognito cannot do, and the way out in a template's terms.
  ...Object.entries(COGNITO_CANNOT).map(([ruleId, cannot]) => [cognitoFix(ruleId)!, `${cannot}: ${OTHER_SERVER_OR_PROFILE}`] as const),
  ['Use response type \'code\' only.', `Remove implicit from AllowedOAuthFlows: use code${L2_CODE_ONLY}.`],
  ['Set refreshTokenRotation: false.',
    'Remove RefreshTokenRotation, or set its Feature to DISABLED (L2 UserPoolClient: no refreshTokenRotationGracePeriod).'],
  ['Remove GrantType.CLIENT_CREDENTIALS, or declare a ConfidentialClient of type MACHINE_TO_MACHINE.',
    'Remove client_credentials from AllowedOAuthFlows; a service gets an app client of its own, with GenerateSecret:'
    + ' true.'],
  ['Use GrantType.AUTHORIZATION_CODE with PKCE (users) or GrantType.CLIENT_CREDENTIALS (services).',
    'Use code with PKCE (users) or client_credentials (services) in AllowedOAuthFlows.'],
  ['Use the authorization code grant with PKCE (response type \'code\') instead of the implicit grant.',
    `Replace implicit with code in AllowedOAuthFlows, and use PKCE${L2_CODE_ONLY}.`],
  [cognitoFix('OAC-022')!,
    'Cognito authenticates app clients with a client secret only (COG-006): rotate it, or use an authorization server'
    + ' that supports private_key_jwt.'],
  ['Add the exact callback URL(s) to redirectUris.', 'Add the exact callback URL(s) to CallbackURLs.'],
  ['Remove redirectUris, or add GrantType.AUTHORIZATION_CODE.', 'Remove CallbackURLs, or add code to AllowedOAuthFlows.'],
  [cognitoFix('OAC-086')!,
    'Cognito accepts http callback URLs on localhost only, not on 127.0.0.1 (COG-007): give a native app a'
    + ' reverse-domain scheme (com.example.app:/oauth2redirect) or a claimed https URI, or keep localhost in an app'
    + ' client for local development only.'],
  ['Set refreshTokenRotation: true.',
    'Set RefreshTokenRotation: { Feature: ENABLED } (L2 UserPoolClient: refreshTokenRotationGracePeriod).'],
]);

/** The fix of a finding on a Cognito app client judged by its template properties. */
export function cognitoTemplateFix(fix: string): string {
  return COGNITO_TEMPLATE_FIXES.get(fix) ?? fix;
}
