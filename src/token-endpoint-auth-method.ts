/**
 * How a client authenticates at the token endpoint (the `token_endpoint_auth_method` registration value).
 *
 * @see https://www.rfc-editor.org/rfc/rfc7591#section-2
 */
export class TokenEndpointAuthMethod {
  /** No authentication: the method of public clients. */
  public static readonly NONE = new TokenEndpointAuthMethod('none');
  /** The client secret in an HTTP Basic header. */
  public static readonly CLIENT_SECRET_BASIC = new TokenEndpointAuthMethod('client_secret_basic');
  /** The client secret in the request body. */
  public static readonly CLIENT_SECRET_POST = new TokenEndpointAuthMethod('client_secret_post');
  /** A JWT assertion MACed with the client secret (RFC 7523, OIDC Core §9). */
  public static readonly CLIENT_SECRET_JWT = new TokenEndpointAuthMethod('client_secret_jwt');
  /** A JWT assertion signed with the client's private key (RFC 7523, OIDC Core §9). */
  public static readonly PRIVATE_KEY_JWT = new TokenEndpointAuthMethod('private_key_jwt');
  /** Mutual TLS with a PKI certificate (RFC 8705 §2.1). */
  public static readonly TLS_CLIENT_AUTH = new TokenEndpointAuthMethod('tls_client_auth');
  /** Mutual TLS with a self-signed certificate (RFC 8705 §2.2). */
  public static readonly SELF_SIGNED_TLS_CLIENT_AUTH = new TokenEndpointAuthMethod('self_signed_tls_client_auth');

  /**
   * A method this library has no constant for.
   *
   * @param value the wire value
   */
  public static custom(value: string): TokenEndpointAuthMethod {
    return new TokenEndpointAuthMethod(value);
  }

  /**
   * @param value the wire value of the method
   */
  private constructor(public readonly value: string) {}

  /** The wire value. */
  public toString(): string {
    return this.value;
  }
}
