import { Duration } from 'aws-cdk-lib';
import { IAuthorizationServer } from './authorization-server';
import { GrantType } from './grant-type';
import { PkceMethod } from './pkce-method';
import { SigningAlgorithm } from './signing-algorithm';
import { ValidationProfile } from './validation-profile';

/**
 * Properties common to `ConfidentialClient` and `PublicClient`.
 */
export interface OAuthClientOptions {
  /**
   * The authorization server the client is registered with, e.g. `AuthorizationServer.cognito(userPool)`.
   */
  readonly authorizationServer: IAuthorizationServer;

  /**
   * The grants the client may use.
   *
   * @default - per application type: WEB, NATIVE and SINGLE_PAGE get authorization_code + refresh_token;
   * MACHINE_TO_MACHINE gets client_credentials
   * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.1
   */
  readonly grantTypes?: GrantType[];

  /**
   * The exact redirect URIs (callback URLs). Required with a redirect-based grant; no placeholder is ever added.
   *
   * A URI may embed tokens (`https://${distribution.distributionDomainName}/callback`): at synth it is judged on what
   * its literal text decides (a fragment, a wildcard, a literal scheme or host), whatever the tokens resolve to.
   *
   * @default - none
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2
   */
  readonly redirectUris?: string[];

  /**
   * Where users may be sent after logout (Cognito `LogoutURLs`; registered as `post_logout_redirect_uris`): absolute
   * URIs, without white space. Amazon Cognito takes at most 100, each at most 1024 characters; more is refused at
   * synth there. A client without authorization_code or implicit signs no user in through the browser, so logout URIs
   * on it are refused.
   *
   * @default - none
   * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html#ClientMetadata
   */
  readonly logoutUris?: string[];

  /**
   * The scopes the client may request, one scope token per entry (`['openid', 'email']`, not `['openid email']`).
   *
   * On Cognito, the app client waits for the user pool's resource servers (in its stack) that define its custom
   * scopes (`billing/read`), since Cognito refuses scopes that do not exist yet. A client that signs users in names
   * `openid` with `email`, `phone` or `profile`, which Cognito takes only together with it. Amazon Cognito takes at most
   * 50 scopes, each at most 256 characters; more is refused at synth there.
   *
   * @default - `openid` for clients that sign users in; MACHINE_TO_MACHINE clients must name their resource-server scopes
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.3
   */
  readonly scopes?: string[];

  /**
   * The client's display name. Amazon Cognito takes at most 128 characters (COG-008) of letters, digits, spaces and
   * `_ + = , . @ -`; other ASCII characters are refused at synth there.
   *
   * @default - none
   * @see https://www.rfc-editor.org/rfc/rfc7591#section-2
   */
  readonly clientName?: string;

  /**
   * The algorithm ID tokens for this client are signed with.
   *
   * @default SigningAlgorithm.RS256 (PS256 under the FAPI 2.0 profile with dynamic registration)
   * @see https://openid.net/specs/openid-connect-core-1_0.html#Signing
   */
  readonly idTokenSigningAlgorithm?: SigningAlgorithm;

  /**
   * The PKCE method the client must use with authorization_code. Amazon Cognito accepts PKCE but cannot require it
   * per client, and RFC 7591 has no metadata for it: the setting states the client's contract and is validated.
   * Without authorization_code there is no code to protect, so a method other than `NONE` is refused.
   *
   * @default PkceMethod.S256 when authorization_code is granted
   * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1
   */
  readonly pkce?: PkceMethod;

  /**
   * Whether refresh tokens are rotated on use. On Amazon Cognito it is the app client's refresh-token rotation. RFC 7591
   * has no metadata for it, so with dynamic registration it states the client's contract with the server (which RFC
   * 9700 requires to rotate or sender-constrain a public client's refresh tokens) and is validated (OAC-120).
   * `true` on a client without refresh tokens (no refresh_token grant, which Cognito implies with authorization_code)
   * is refused.
   *
   * @default true when refresh_token is granted (false under the FAPI 2.0 profile)
   * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2
   */
  readonly refreshTokenRotation?: boolean;

  /**
   * How long a refresh token that was rotated out stays valid, so that a client may retry a refresh whose answer it
   * lost (Cognito's RetryGracePeriodSeconds: 0 to 60 seconds, in whole seconds). Only with refresh-token rotation.
   * Dynamic client registration cannot set it (RFC 7591 has no such metadata): with that server it is an error.
   *
   * @default Duration.seconds(0) - a rotated-out refresh token is invalid at once
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html
   */
  readonly refreshTokenRotationGracePeriod?: Duration;

  /**
   * Bind the client's access tokens to a DPoP key (RFC 9449): the server issues them only with a DPoP proof, so a
   * token that leaks is useless without the key. Dynamic registration registers `dpop_bound_access_tokens`; Amazon
   * Cognito has no DPoP, so there `true` is an error.
   *
   * @default - true under the FAPI 2.0 profile with dynamic registration (FAPI-007), else false
   * @see https://www.rfc-editor.org/rfc/rfc9449#section-5.2
   */
  readonly senderConstrainedTokens?: boolean;

  /**
   * Require pushed authorization requests (RFC 9126): the server takes an authorization request only after the
   * client pushed it to its PAR endpoint. Dynamic registration registers `require_pushed_authorization_requests`;
   * Amazon Cognito has no PAR, so there `true` is an error. A client without authorization_code or implicit does not
   * use the authorization endpoint, so `true` is refused there.
   *
   * @default - true under the FAPI 2.0 profile with dynamic registration for a client with authorization_code
   * (FAPI-005), else false
   * @see https://www.rfc-editor.org/rfc/rfc9126#section-6
   */
  readonly requirePushedAuthorizationRequests?: boolean;

  /**
   * Lifetime of access tokens. On Cognito: 5 minutes to 1 day in whole seconds, and at most `refreshTokenValidity`. Dynamic client
   * registration cannot set it (RFC 7591 has no such metadata): with that server it is an error, and the server's
   * own lifetime applies.
   *
   * @default Duration.hours(1) on Cognito; the server's own with dynamic registration
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html
   */
  readonly accessTokenValidity?: Duration;

  /**
   * Lifetime of ID tokens. On Cognito: 5 minutes to 1 day in whole seconds, and at most `refreshTokenValidity`. Dynamic client
   * registration cannot set it (RFC 7591 has no such metadata): with that server it is an error, and the server's
   * own lifetime applies.
   * A client that signs no user in (client_credentials only) gets no ID tokens, so it is refused there.
   *
   * @default Duration.hours(1) on Cognito; the server's own with dynamic registration
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html
   */
  readonly idTokenValidity?: Duration;

  /**
   * Lifetime of refresh tokens. On Cognito: 60 minutes to 3650 days in whole seconds. Dynamic client registration cannot set it
   * (RFC 7591 has no such metadata): with that server it is an error, and the server's own lifetime applies.
   * A client without refresh tokens (no refresh_token grant) is refused it.
   *
   * @default Duration.days(30) on Cognito; the server's own with dynamic registration
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html
   */
  readonly refreshTokenValidity?: Duration;

  /**
   * Identity providers users may sign in with (Cognito: `COGNITO` or the name of a federated provider). Dynamic client
   * registration cannot set them (RFC 7591 has no such metadata): with that server it is an error.
   * A client without authorization_code or implicit signs no user in through the browser, so it is refused them.
   * On a user pool of the app, a name that none of the pool's identity providers in the app has is a warning
   * (`cdk-oauth-clients:undefined-identity-provider`), as Cognito would refuse the app client.
   *
   * @default - the server's own user directory (`COGNITO`)
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation.html
   */
  readonly identityProviders?: string[];

  /**
   * The security profile the client is validated against. With dynamic registration, the FAPI 2.0 profile also
   * makes its secure defaults the client's: PS256 ID tokens and client assertions, DPoP-bound access tokens and
   * pushed authorization requests.
   *
   * @default ValidationProfile.DEFAULT
   * @see https://openid.net/specs/fapi-security-profile-2_0-final.html
   */
  readonly profile?: ValidationProfile;

  /**
   * Findings to acknowledge, by rule ID, with the reason: an acknowledged warning or error becomes info and the
   * reason is recorded in the template metadata. Backend capability rules (`COG-*`, `A0-*`) and contradictions in
   * terms (OAC-001, OAC-020, OAC-021, OAC-040, OAC-043) cannot be acknowledged.
   *
   * @default - none
   * @see https://github.com/cdk-oauth-clients/cdk-oauth-clients/blob/main/docs/rules.md
   */
  readonly acknowledgedRules?: { [ruleId: string]: string };
}
