/**
 * The PKCE code challenge method a client is required to use.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.2
 */
export enum PkceMethod {
  /** SHA-256 code challenge: the only method that does not expose the verifier. */
  S256 = 'S256',
  /** The verifier itself as the challenge; only for clients that cannot compute SHA-256. */
  PLAIN = 'plain',
  /** PKCE not required. */
  NONE = 'none',
}
