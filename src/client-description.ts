import { ApplicationType } from './application-type';
import { ClientType } from './client-type';
import { GrantType } from './grant-type';
import { KeyType } from './key-type';
import { PkceMethod } from './pkce-method';
import { SigningAlgorithm } from './signing-algorithm';
import { TokenEndpointAuthMethod } from './token-endpoint-auth-method';

/**
 * A public key registered for a client (one entry of its JWKS).
 */
export interface KeyDescription {
  /** The JWK key type. */
  readonly keyType: KeyType;
  /** The key size in bits (RSA modulus length, or the curve size for EC/OKP). */
  readonly sizeBits: number;
}

/**
 * A plain description of an OAuth 2.0 client: the one input of the validator.
 *
 * The constructs, the policy-validation plugin and the deploy-time handler all build one of these and
 * run the same rules over it. A field whose value is an unresolved CDK token, or holds a CloudFormation dynamic
 * reference (`{{resolve:ssm:/app/callback}}`), is skipped, never misjudged; a redirect URI that embeds one is judged
 * on its literal text.
 */
export interface ClientDescription {
  /**
   * Confidential or public.
   *
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.1
   */
  readonly clientType: ClientType;

  /**
   * The kind of application.
   *
   * @default - unknown: rules that depend on it do not apply
   */
  readonly applicationType?: ApplicationType;

  /**
   * The grant types the client may use.
   *
   * @see https://www.rfc-editor.org/rfc/rfc7591#section-2
   */
  readonly grantTypes: GrantType[];

  /**
   * The response types the client may use at the authorization endpoint (`code`, `id_token token`, ...).
   *
   * @default - derived from the grants: `code` for authorization_code, `token` for implicit
   */
  readonly responseTypes?: string[];

  /**
   * How the client authenticates at the token endpoint.
   *
   * @default - not set (the registration default is client_secret_basic)
   */
  readonly tokenEndpointAuthMethod?: TokenEndpointAuthMethod;

  /**
   * The algorithm ID tokens issued to the client are signed with.
   *
   * @default - not set (the registration default is RS256)
   */
  readonly idTokenSigningAlgorithm?: SigningAlgorithm;

  /**
   * The PKCE method the client is required to use.
   *
   * @default - PKCE is not used
   */
  readonly pkce?: PkceMethod;

  /**
   * The registered redirect URIs.
   *
   * @default - none
   */
  readonly redirectUris?: string[];

  /**
   * The scopes the client may request.
   *
   * @default - none
   */
  readonly scopes?: string[];

  /**
   * The client's display name.
   *
   * @default - none
   */
  readonly clientName?: string;

  /**
   * Whether the authorization server generates a client secret.
   *
   * @default - true for confidential clients, false for public clients
   */
  readonly generateSecret?: boolean;

  /**
   * The length of the client secret in bytes, when known.
   *
   * @default - unknown: the key-length rule (OAC-042) is checked at deploy time
   */
  readonly clientSecretBytes?: number;

  /**
   * The client's public keys (for private_key_jwt), e.g. one entry for a KMS key.
   *
   * @default - none
   */
  readonly jwks?: KeyDescription[];

  /**
   * The URL the client publishes its JWKS at.
   *
   * @default - none
   */
  readonly jwksUri?: string;

  /**
   * Whether refresh tokens are rotated on use.
   *
   * @default false
   */
  readonly refreshTokenRotation?: boolean;

  /**
   * Whether tokens are sender-constrained (DPoP or mutual TLS).
   *
   * @default false
   */
  readonly senderConstrainedTokens?: boolean;

  /**
   * Whether pushed authorization requests (RFC 9126) are required.
   *
   * @default false
   */
  readonly requirePushedAuthorizationRequests?: boolean;
}
