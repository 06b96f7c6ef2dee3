/**
 * The security controls a client asks for in its RFC 7591 registration: the client metadata, and the field of the
 * description that asks for it. Pure, so that the construct layer registers them and the provider checks that the
 * server registered them from one table. Each is false when omitted (RFC 9449 §5.2, RFC 9126 §6).
 */
export const REGISTRATION_CONTROLS = [
  { metadata: 'dpop_bound_access_tokens', field: 'senderConstrainedTokens', what: 'DPoP-bound access tokens (RFC 9449)' },
  { metadata: 'require_pushed_authorization_requests', field: 'requirePushedAuthorizationRequests', what: 'pushed authorization requests (RFC 9126)' },
] as const;
