/**
 * The kind of authorization server a client is registered with. It selects the backend capability rules
 * (`COG-*` for Cognito, `A0-*` for Auth0).
 */
export enum AuthorizationServerKind {
  /** An Amazon Cognito user pool. */
  COGNITO = 'cognito',
  /** Any server that supports RFC 7591/7592 dynamic client registration. */
  DYNAMIC_REGISTRATION = 'dynamic_registration',
  /** Auth0 (Management API). */
  AUTH0 = 'auth0',
  /** A server the library knows nothing special about: only the `OAC-*` rules apply. */
  GENERIC = 'generic',
}
