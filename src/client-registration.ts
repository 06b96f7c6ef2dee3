import { CfnResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { ClientDescription } from './client-description';
import { SigningAlgorithm } from './signing-algorithm';
import { ValidationProfile } from './validation-profile';

/**
 * What a client construct asks an authorization server backend to register. The construct has already
 * applied its defaults and validated the description.
 */
export interface ClientRegistrationRequest {
  /** The client, as validated. */
  readonly description: ClientDescription;

  /**
   * Where users may be sent after logout.
   *
   * @default - none
   */
  readonly logoutUris?: string[];

  /**
   * Lifetime of access tokens.
   *
   * @default - the server's default
   */
  readonly accessTokenValidity?: Duration;

  /**
   * Lifetime of ID tokens.
   *
   * @default - the server's default
   */
  readonly idTokenValidity?: Duration;

  /**
   * Lifetime of refresh tokens.
   *
   * @default - the server's default
   */
  readonly refreshTokenValidity?: Duration;

  /**
   * How long a rotated-out refresh token stays valid, for client retries.
   *
   * @default - none: a rotated-out refresh token is invalid at once
   */
  readonly refreshTokenRotationGracePeriod?: Duration;

  /**
   * Identity providers users may sign in with (Cognito: `COGNITO`, or the name of a federated provider).
   *
   * @default - the server's own user directory only
   */
  readonly identityProviders?: string[];

  /**
   * The KMS key the client secret is encrypted with in Secrets Manager.
   *
   * @default - one customer-managed key per stack, with rotation enabled
   */
  readonly secretEncryptionKey?: kms.IKey;

  /**
   * The KMS key the client signs its `private_key_jwt` assertions with (only its public half is registered).
   *
   * @default - none
   */
  readonly signingKey?: kms.IKey;

  /**
   * The algorithm of the client's `private_key_jwt` assertions.
   *
   * @default - none
   */
  readonly tokenEndpointAuthSigningAlgorithm?: SigningAlgorithm;

  /**
   * The profile the client was validated with; a backend that checks the registered client at deploy time uses it.
   *
   * @default ValidationProfile.DEFAULT
   */
  readonly profile?: ValidationProfile;

  /**
   * The rule IDs the user acknowledged; a backend that checks the client at deploy time (when values that were
   * tokens at synth are known) honours them.
   *
   * @default - none
   */
  readonly acknowledgedRules?: string[];

  /**
   * What happens to the client secret in Secrets Manager when the client is removed from the stack: RETAIN and
   * RETAIN_ON_UPDATE_OR_DELETE keep it. With dynamic registration, they also keep the client registered.
   *
   * @default RemovalPolicy.DESTROY (deleted with a 7-day recovery window)
   */
  readonly secretRemovalPolicy?: RemovalPolicy;

  /**
   * How often to rotate the client secret. A backend that cannot rotate it refuses the client; one that rotates it
   * says so with `rotatesSecret` in its `ClientRegistration`.
   *
   * @default - no rotation
   */
  readonly secretRotation?: Duration;
}

/**
 * What a backend created for a client.
 */
export interface ClientRegistration {
  /** The client ID. */
  readonly clientId: string;

  /**
   * The client secret in Secrets Manager, as JSON `{ client_id, client_secret, issuer, token_endpoint?,
   * client_secret_expires_at? }`.
   *
   * @default - the client has no secret
   */
  readonly clientSecret?: secretsmanager.ISecret;

  /** The CloudFormation resource that represents the client, for metadata and dependencies. */
  readonly resource: CfnResource;

  /**
   * The issuer URL of the server the client is registered with: a relying party discovers the server's endpoints
   * from it (`<issuer>/.well-known/openid-configuration`) and checks the `iss` of ID tokens against it.
   *
   * @default - not known: the client construct's `issuer` is undefined
   */
  readonly issuer?: string;

  /**
   * Whether the backend rotates the client secret as the request's `secretRotation` asks. A client that asked for
   * a rotation is refused when this is not `true`, so a backend that ignores `secretRotation` cannot leave the
   * secret unrotated without a word.
   *
   * @default false
   */
  readonly rotatesSecret?: boolean;
}
