import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ApplicationType } from './application-type';
import { ClientType } from './client-type';
import { IConfidentialClient } from './oauth-client';
import { OAuthClientOptions } from './oauth-client-options';
import {
  DEFAULT_ACCESS_TOKEN_VALIDITY, DEFAULT_ID_TOKEN_VALIDITY, DEFAULT_REFRESH_TOKEN_VALIDITY, describeClient,
} from './private/client-defaults';
import { validateAtSynth } from './private/client-validation';
import { TokenEndpointAuthMethod } from './token-endpoint-auth-method';
import { ValidationProfile } from './validation-profile';

/**
 * Properties of a `ConfidentialClient`.
 */
export interface ConfidentialClientProps extends OAuthClientOptions {
  /**
   * What kind of application the client is: `WEB` (a web app with a backend) or `MACHINE_TO_MACHINE`.
   *
   * @default ApplicationType.WEB
   */
  readonly applicationType?: ApplicationType;

  /**
   * How the client authenticates at the token endpoint.
   *
   * @default TokenEndpointAuthMethod.CLIENT_SECRET_BASIC
   * @see https://www.rfc-editor.org/rfc/rfc7591#section-2
   */
  readonly tokenEndpointAuthMethod?: TokenEndpointAuthMethod;

  /**
   * The KMS key the client secret is encrypted with in Secrets Manager.
   *
   * @default - one customer-managed key per stack, with automatic rotation
   */
  readonly secretEncryptionKey?: kms.IKey;

  /**
   * What happens to the client secret in Secrets Manager when the client is removed.
   *
   * @default RemovalPolicy.DESTROY - deleted with a 7-day recovery window
   */
  readonly secretRemovalPolicy?: RemovalPolicy;
}

const CONFIDENTIAL_TYPES = [ApplicationType.WEB, ApplicationType.MACHINE_TO_MACHINE];

/**
 * A confidential OAuth 2.0 client (RFC 6749 §2.1): a web app with a backend, or a machine-to-machine client.
 *
 * Its secret lives only in AWS Secrets Manager, encrypted with a KMS key: read it with `grantRead()`.
 * The client is validated at synth against every rule of the rule reference.
 */
export class ConfidentialClient extends Construct implements IConfidentialClient {
  /**
   * The client ID.
   */
  public readonly clientId: string;

  /**
   * The client's credentials in Secrets Manager, as JSON `{ client_id, client_secret, issuer, token_endpoint? }`.
   * Absent when the client authenticates without a secret.
   */
  public readonly clientSecret?: secretsmanager.ISecret;

  /** The application type the client was declared with. */
  public readonly applicationType: ApplicationType;

  constructor(scope: Construct, id: string, props: ConfidentialClientProps) {
    super(scope, id);
    this.applicationType = props.applicationType ?? ApplicationType.WEB;
    if (!CONFIDENTIAL_TYPES.includes(this.applicationType)) {
      throw new Error(`ConfidentialClient '${this.node.path}': applicationType ${this.applicationType} is a public client (RFC 6749 §2.1): `
        + 'native and single-page apps cannot keep a secret. Use PublicClient for them.');
    }
    const description = describeClient(ClientType.CONFIDENTIAL, this.applicationType, props,
      props.tokenEndpointAuthMethod ?? TokenEndpointAuthMethod.CLIENT_SECRET_BASIC);

    const registration = props.authorizationServer.registerClient(this, {
      description,
      logoutUris: props.logoutUris,
      accessTokenValidity: props.accessTokenValidity ?? DEFAULT_ACCESS_TOKEN_VALIDITY,
      idTokenValidity: props.idTokenValidity ?? DEFAULT_ID_TOKEN_VALIDITY,
      refreshTokenValidity: props.refreshTokenValidity ?? DEFAULT_REFRESH_TOKEN_VALIDITY,
      identityProviders: props.identityProviders,
      secretEncryptionKey: props.secretEncryptionKey,
      secretRemovalPolicy: props.secretRemovalPolicy,
    });
    this.clientId = registration.clientId;
    this.clientSecret = registration.clientSecret;

    validateAtSynth({
      construct: this,
      constructName: 'ConfidentialClient',
      description,
      server: props.authorizationServer.kind,
      profile: props.profile ?? ValidationProfile.DEFAULT,
      acknowledgedRules: props.acknowledgedRules,
      resource: registration.resource,
    });
  }

  /**
   * Lets the grantee read the client's credentials (the secret, and decrypt with its key).
   *
   * @param grantee who may read them
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    if (!this.clientSecret) {
      throw new Error(`ConfidentialClient '${this.node.path}' has no client secret to read.`);
    }
    return this.clientSecret.grantRead(grantee);
  }
}
