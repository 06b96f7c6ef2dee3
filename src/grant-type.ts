/**
 * An OAuth 2.0 grant type, carrying its wire value (the `grant_types` registration value).
 *
 * @see https://www.rfc-editor.org/rfc/rfc7591#section-2
 */
export class GrantType {
  /** Authorization code grant (RFC 6749 §4.1). */
  public static readonly AUTHORIZATION_CODE = new GrantType('authorization_code');
  /** Implicit grant (RFC 6749 §4.2); legacy, see RFC 9700 §2.1.2. */
  public static readonly IMPLICIT = new GrantType('implicit');
  /** Resource owner password credentials grant (RFC 6749 §4.3); MUST NOT be used (RFC 9700 §2.4). */
  public static readonly PASSWORD = new GrantType('password');
  /** Auth0's password-realm grant; a password grant, so MUST NOT be used either. */
  public static readonly PASSWORD_REALM = new GrantType('http://auth0.com/oauth/grant-type/password-realm');
  /** Client credentials grant (RFC 6749 §4.4). */
  public static readonly CLIENT_CREDENTIALS = new GrantType('client_credentials');
  /** Refresh token grant (RFC 6749 §6). */
  public static readonly REFRESH_TOKEN = new GrantType('refresh_token');
  /** Device authorization grant (RFC 8628). */
  public static readonly DEVICE_CODE = new GrantType('urn:ietf:params:oauth:grant-type:device_code');
  /** JWT bearer assertion grant (RFC 7523 §2.1). */
  public static readonly JWT_BEARER = new GrantType('urn:ietf:params:oauth:grant-type:jwt-bearer');
  /** Token exchange (RFC 8693). */
  public static readonly TOKEN_EXCHANGE = new GrantType('urn:ietf:params:oauth:grant-type:token-exchange');
  /** Client-initiated backchannel authentication (OpenID CIBA Core). */
  public static readonly CIBA = new GrantType('urn:openid:params:grant-type:ciba');

  /**
   * A grant type this library has no constant for.
   *
   * @param value the wire value, for example an extension grant URI
   */
  public static custom(value: string): GrantType {
    return new GrantType(value);
  }

  /**
   * @param value the wire value of the grant type
   */
  private constructor(public readonly value: string) {}

  /** The wire value. */
  public toString(): string {
    return this.value;
  }
}
