/**
 * The security profile a client is validated against.
 */
export enum ValidationProfile {
  /** OAuth 2.0 Security Best Current Practice (RFC 9700): the `OAC-*` rules. */
  DEFAULT = 'default',
  /** FAPI 2.0 Security Profile: the `OAC-*` rules plus the `FAPI-*` rules. */
  FAPI_2_0 = 'fapi_2_0',
}
