/**
 * The JWK key type of a client's public key.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7518#section-6.1
 */
export enum KeyType {
  /** RSA. */
  RSA = 'RSA',
  /** Elliptic curve (P-256, P-384, P-521). */
  EC = 'EC',
  /** Octet key pair (Ed25519, Ed448). */
  OKP = 'OKP',
}
