import { Duration } from 'aws-cdk-lib';
import { ApplicationType } from '../application-type';
import { AuthorizationServerKind } from '../authorization-server-kind';
import { ClientDescription } from '../client-description';
import { ClientType } from '../client-type';
import { GrantType } from '../grant-type';
import { OAuthClientOptions } from '../oauth-client-options';
import { PkceMethod } from '../pkce-method';
import { SigningAlgorithm } from '../signing-algorithm';
import { TokenEndpointAuthMethod } from '../token-endpoint-auth-method';
import { ValidationProfile } from '../validation-profile';
import { cognitoImpliedGrants } from './cognito/issued-grants';

export const DEFAULT_ACCESS_TOKEN_VALIDITY = Duration.hours(1);
export const DEFAULT_ID_TOKEN_VALIDITY = Duration.hours(1);
export const DEFAULT_REFRESH_TOKEN_VALIDITY = Duration.days(30);

/** The secure default grants of an application type: never implicit, never password. */
function defaultGrants(applicationType: ApplicationType): GrantType[] {
  return applicationType === ApplicationType.MACHINE_TO_MACHINE
    ? [GrantType.CLIENT_CREDENTIALS]
    : [GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN];
}

/**
 * The grants as the server will act on them, so that the client is described, defaulted (refresh-token rotation)
 * and judged with them: on Cognito, those its template mapper records too.
 */
function withImpliedGrants(grantTypes: GrantType[], server: AuthorizationServerKind): GrantType[] {
  if (server !== AuthorizationServerKind.COGNITO) return grantTypes;
  return [...grantTypes, ...cognitoImpliedGrants(grantTypes.map((g) => g.value)).map(GrantType.custom)];
}

/** Turns a construct's props, with the defaults applied, into the engine's description. */
export function describeClient(
  clientType: ClientType,
  applicationType: ApplicationType,
  props: OAuthClientOptions,
  tokenEndpointAuthMethod: TokenEndpointAuthMethod,
): ClientDescription {
  const grantTypes = withImpliedGrants(props.grantTypes ?? defaultGrants(applicationType), props.authorizationServer.kind);
  const values = grantTypes.map((g) => g.value);
  const profile = props.profile ?? ValidationProfile.DEFAULT;
  const signsUsersIn = values.includes('authorization_code') || values.includes('implicit');
  const fapi = fapiDefaults(props);
  return {
    clientType,
    applicationType,
    grantTypes,
    tokenEndpointAuthMethod,
    idTokenSigningAlgorithm: props.idTokenSigningAlgorithm ?? (fapi ? SigningAlgorithm.PS256 : SigningAlgorithm.RS256),
    pkce: props.pkce ?? (values.includes('authorization_code') ? PkceMethod.S256 : undefined),
    redirectUris: props.redirectUris ?? [],
    scopes: props.scopes ?? (signsUsersIn ? ['openid'] : []),
    clientName: props.clientName,
    generateSecret: clientType === ClientType.CONFIDENTIAL,
    refreshTokenRotation: values.includes('refresh_token')
      ? props.refreshTokenRotation ?? profile !== ValidationProfile.FAPI_2_0
      : props.refreshTokenRotation,
    // Set only when on (off is the engine's default), so a client without them records nothing more in its template.
    senderConstrainedTokens: (props.senderConstrainedTokens ?? fapi) || undefined,
    requirePushedAuthorizationRequests: (props.requirePushedAuthorizationRequests ?? (fapi && values.includes('authorization_code'))) || undefined,
  };
}

/**
 * Whether the FAPI 2.0 profile's secure defaults apply: on dynamic registration, which can register them. Cognito
 * cannot (its FAPI findings say so); other servers' kinds are not this library's backends.
 */
export function fapiDefaults(props: OAuthClientOptions): boolean {
  return props.profile === ValidationProfile.FAPI_2_0 && props.authorizationServer.kind === AuthorizationServerKind.DYNAMIC_REGISTRATION;
}
