import { Construct } from 'constructs';
import { ApplicationType } from './application-type';
import { ClientType } from './client-type';
import { IOAuthClient, PublicClientAttributes } from './oauth-client';
import { OAuthClientOptions } from './oauth-client-options';
import { describeClient } from './private/client-defaults';
import { assertApplicationType } from './private/client-type-of';
import { declareClient } from './private/declare-client';
import { refuseIgnoredSettings } from './private/ignored-settings';
import { importedClientId, importedIssuer } from './private/imported-attributes';
import { preflightClient } from './private/preflight';
import { TokenEndpointAuthMethod } from './token-endpoint-auth-method';

/**
 * Properties of a `PublicClient`.
 */
export interface PublicClientProps extends OAuthClientOptions {
  /**
   * What kind of application the client is: `NATIVE` (desktop or mobile) or `SINGLE_PAGE`.
   *
   * @see https://www.rfc-editor.org/rfc/rfc8252
   */
  readonly applicationType: ApplicationType;
}


class ImportedPublicClient extends Construct implements IOAuthClient {
  public readonly clientId: string;
  public readonly issuer?: string;

  constructor(scope: Construct, id: string, attrs: PublicClientAttributes) {
    super(scope, id);
    const where = `PublicClient '${this.node.path}'`;
    this.clientId = importedClientId(where, attrs.clientId);
    this.issuer = importedIssuer(where, attrs.issuer);
  }
}

/**
 * A public OAuth 2.0 client (RFC 6749 §2.1): a native or single-page app. It has no secret, by type.
 *
 * Defaults: authorization_code with PKCE S256 and refresh tokens with rotation; no implicit grant.
 * The client is validated at synth against every rule of the rule reference.
 *
 * @example
 * new PublicClient(stack, 'Mobile', {
 *   authorizationServer: AuthorizationServer.cognito(userPool),
 *   applicationType: ApplicationType.NATIVE,
 *   redirectUris: ['com.example.app:/oauth2redirect'],
 * });
 */
export class PublicClient extends Construct implements IOAuthClient {
  /**
   * Imports a public client declared elsewhere, by its ID alone: its `issuer` is undefined
   * (`fromPublicClientAttributes` takes one).
   *
   * @param scope the scope
   * @param id the construct ID
   * @param clientId the client ID
   */
  public static fromClientId(scope: Construct, id: string, clientId: string): IOAuthClient {
    return new ImportedPublicClient(scope, id, { clientId });
  }

  /**
   * Imports a public client declared elsewhere, with its issuer.
   *
   * @param scope the scope
   * @param id the construct ID
   * @param attrs the client ID and its issuer
   */
  public static fromPublicClientAttributes(scope: Construct, id: string, attrs: PublicClientAttributes): IOAuthClient {
    return new ImportedPublicClient(scope, id, attrs);
  }

  /**
   * The client ID.
   */
  public readonly clientId: string;

  /** The application type the client was declared with. */
  public readonly applicationType: ApplicationType;

  /**
   * The issuer URL of the client's authorization server, for the app's OpenID Connect configuration (its discovery
   * document is at `<issuer>/.well-known/openid-configuration`, and ID tokens carry it as `iss`). With Amazon Cognito
   * it is `https://cognito-idp.<region>.amazonaws.com/<user pool ID>`.
   *
   * Undefined only with a backend of one's own that does not name it.
   */
  public readonly issuer?: string;

  /**
   * Declares the client, with the resources that register it with its authorization server. An invalid or insecure
   * client fails here, or at synth with its rule IDs, before anything of it is deployed.
   *
   * @param scope the scope of the client
   * @param id the client's construct ID: with the scope's path, it names the client in findings and errors
   * @param props the client's settings
   */
  constructor(scope: Construct, id: string, props: PublicClientProps) {
    super(scope, id);
    this.applicationType = props.applicationType;
    assertApplicationType(this, 'PublicClient', this.applicationType);
    preflightClient(this, 'PublicClient', props);
    const description = describeClient(ClientType.PUBLIC, this.applicationType, props, TokenEndpointAuthMethod.NONE);
    refuseIgnoredSettings(this, 'PublicClient', props, description);

    const registration = declareClient(this, 'PublicClient', props, description);
    this.clientId = registration.clientId;
    this.issuer = registration.issuer;
  }
}
