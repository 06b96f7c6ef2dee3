/**
 * The grants a Cognito app client acts on beyond those it names: Cognito issues refresh tokens with the
 * authorization code grant whether or not refresh_token is asked for. Wire values in, wire values out.
 */
export function cognitoImpliedGrants(grants: readonly string[]): string[] {
  return grants.includes('authorization_code') && !grants.includes('refresh_token') ? ['refresh_token'] : [];
}
