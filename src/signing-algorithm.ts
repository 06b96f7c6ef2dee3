/**
 * A JWS signing algorithm, for ID tokens and client assertions.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7518#section-3.1
 */
export class SigningAlgorithm {
  /** HMAC with SHA-256, keyed with the client secret. */
  public static readonly HS256 = new SigningAlgorithm('HS256');
  /** HMAC with SHA-384, keyed with the client secret. */
  public static readonly HS384 = new SigningAlgorithm('HS384');
  /** HMAC with SHA-512, keyed with the client secret. */
  public static readonly HS512 = new SigningAlgorithm('HS512');
  /** RSASSA-PKCS1-v1_5 with SHA-256. */
  public static readonly RS256 = new SigningAlgorithm('RS256');
  /** RSASSA-PKCS1-v1_5 with SHA-384. */
  public static readonly RS384 = new SigningAlgorithm('RS384');
  /** RSASSA-PKCS1-v1_5 with SHA-512. */
  public static readonly RS512 = new SigningAlgorithm('RS512');
  /** RSASSA-PSS with SHA-256. */
  public static readonly PS256 = new SigningAlgorithm('PS256');
  /** RSASSA-PSS with SHA-384. */
  public static readonly PS384 = new SigningAlgorithm('PS384');
  /** RSASSA-PSS with SHA-512. */
  public static readonly PS512 = new SigningAlgorithm('PS512');
  /** ECDSA on P-256 with SHA-256. */
  public static readonly ES256 = new SigningAlgorithm('ES256');
  /** ECDSA on P-384 with SHA-384. */
  public static readonly ES384 = new SigningAlgorithm('ES384');
  /** ECDSA on P-521 with SHA-512. */
  public static readonly ES512 = new SigningAlgorithm('ES512');
  /** EdDSA (Ed25519 / Ed448). */
  public static readonly EDDSA = new SigningAlgorithm('EdDSA');
  /** No signature at all (`alg: none`). */
  public static readonly NONE = new SigningAlgorithm('none');

  /**
   * An algorithm this library has no constant for.
   *
   * @param value the JWS `alg` value
   */
  public static custom(value: string): SigningAlgorithm {
    return new SigningAlgorithm(value);
  }

  /**
   * @param value the JWS `alg` value
   */
  private constructor(public readonly value: string) {}

  /** The JWS `alg` value. */
  public toString(): string {
    return this.value;
  }
}
