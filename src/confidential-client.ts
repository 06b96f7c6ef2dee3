import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ApplicationType } from './application-type';
import { ClientType } from './client-type';
import { ConfidentialClientAttributes, IConfidentialClient } from './oauth-client';
import { OAuthClientOptions } from './oauth-client-options';
import { describeClient, fapiDefaults } from './private/client-defaults';
import { assertApplicationType } from './private/client-type-of';
import { credentialProps } from './private/credential-props';
import { declareClient } from './private/declare-client';
import { grantKeySign, grantSecretRead } from './private/grant-credentials';
import { refuseIgnoredSettings } from './private/ignored-settings';
import { importedClientId, importedIssuer } from './private/imported-attributes';
import { kmsKeyOf } from './private/kms-key-of';
import { preflightClient } from './private/preflight';
import { rotationScheduleExpression } from './private/secret-rotation';
import { signingKeyFor } from './private/signing-key';
import { granteeProblem } from './private/untyped-values';
import { SigningAlgorithm } from './signing-algorithm';
import { TokenEndpointAuthMethod } from './token-endpoint-auth-method';

/**
 * Properties of a `ConfidentialClient`.
 */
export interface ConfidentialClientProps extends OAuthClientOptions {
  /**
   * What kind of application the client is: `WEB` (a web app with a backend) or `MACHINE_TO_MACHINE`.
   *
   * @default ApplicationType.WEB
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.1
   */
  readonly applicationType?: ApplicationType;

  /**
   * How the client authenticates at the token endpoint. The mutual-TLS methods (RFC 8705) cannot be registered
   * with this library yet: it has no prop for the client's certificate, so they are refused at synth (Cognito
   * allows the client secret methods only, COG-006).
   *
   * @default TokenEndpointAuthMethod.CLIENT_SECRET_BASIC (PRIVATE_KEY_JWT, with a new KMS key, under the FAPI 2.0
   * profile with dynamic registration)
   * @see https://www.rfc-editor.org/rfc/rfc7591#section-2
   */
  readonly tokenEndpointAuthMethod?: TokenEndpointAuthMethod;

  /**
   * The KMS key the client secret is encrypted with in Secrets Manager. The library's provider and `grantRead()`
   * grant on IAM policies, so the key policy must let the account's IAM policies grant access to it (as the default
   * policy of every key the CDK creates does). A grantee of another account also needs a statement in the key
   * policy: `grantRead()` adds it to a key declared in this app, and for a key imported by ARN warns with the statement
   * to add. An alias that knows its target key stands for that key; one imported by name is refused, as IAM grants
   * key operations on key ARNs only. A deployment that changes it moves the client's secrets to the new key, and the
   * provider keeps its grant on the old key until that is done.
   *
   * @default - one customer-managed key per stack, with automatic rotation
   * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html
   */
  readonly secretEncryptionKey?: kms.IKey;

  /**
   * The KMS key the client signs its `private_key_jwt` assertions with. Only its public half is registered
   * (as a JWK); the private half never leaves KMS. An asymmetric `SIGN_VERIFY` key whose spec fits the algorithm
   * (RSA for RS* and PS*, the NIST curve of the same size for ES*): a key declared in this app is checked at synth,
   * one imported by ARN at deploy time. Only with `TokenEndpointAuthMethod.PRIVATE_KEY_JWT`. An alias that knows its
   * target key stands for that key; one imported by name is refused, as IAM grants key operations on key ARNs only.
   *
   * @default - with private_key_jwt, a new KMS key: RSA_2048 for RS* and PS*, ECC_NIST_P256 / P384 / P521 for
   * ES256 / ES384 / ES512
   * @see https://www.rfc-editor.org/rfc/rfc7523#section-2.2
   */
  readonly signingKey?: kms.IKey;

  /**
   * The algorithm of the client's `private_key_jwt` assertions: one a KMS key signs (RS*, PS*, ES*). Only with
   * `TokenEndpointAuthMethod.PRIVATE_KEY_JWT`.
   *
   * @default SigningAlgorithm.RS256 (PS256 under the FAPI 2.0 profile with dynamic registration)
   * @see https://www.rfc-editor.org/rfc/rfc7523
   */
  readonly tokenEndpointAuthSigningAlgorithm?: SigningAlgorithm;

  /**
   * What happens to the client secret in Secrets Manager when the client is removed. RETAIN and
   * RETAIN_ON_UPDATE_OR_DELETE keep it, and the client it is the secret of: the Cognito app client, or the
   * registration at the server. SNAPSHOT is refused, as Secrets Manager keeps no snapshots.
   *
   * @default RemovalPolicy.DESTROY - deleted with a 7-day recovery window
   * @see https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
   */
  readonly secretRemovalPolicy?: RemovalPolicy;

  /**
   * Rotates the client secret on this schedule, with no downtime: Secrets Manager runs the stack's provider, which has
   * Cognito add a new secret to the app client and makes it the secret's current version. The secret it replaces stays
   * valid until the next rotation (Cognito keeps two per app client), so a service that read it before keeps working
   * meanwhile; the next rotation deletes it. The first rotation comes one period after deployment. Amazon Cognito only:
   * RFC 7591 and 7592 define no second secret, and dynamic registration refuses it. Every 4 to 23 hours, or every 1 to
   * 1,000 days, in whole hours or days.
   *
   * @default - no rotation: to replace the secret, declare a second client, move the services to it, then remove the first
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddUserPoolClientSecret.html
   */
  readonly secretRotation?: Duration;
}

/** What the client's credentials allow: read the secret, or sign with the key. */
type WithCredentials = IConfidentialClient & { clientSecret?: secretsmanager.ISecret; signingKey?: kms.IKey };

function grantCredentials(client: WithCredentials, grantee: iam.IGrantable): iam.Grant {
  const where = `ConfidentialClient '${client.node.path}'`;
  const problem = granteeProblem(grantee);
  if (problem) throw new Error(`${where}: ${problem}`);
  if (client.clientSecret) return grantSecretRead(where, client.clientSecret, grantee);
  if (client.signingKey) return grantKeySign(where, client.signingKey, grantee);
  throw new Error(`${where} has neither a client secret nor a signing key to grant. Import it with its clientSecret (its credentials `
    + 'in Secrets Manager) or its signingKey (the KMS key of its private_key_jwt assertions).');
}

class ImportedConfidentialClient extends Construct implements IConfidentialClient {
  public readonly clientId: string;
  public readonly issuer?: string;
  public readonly clientSecret?: secretsmanager.ISecret;
  public readonly signingKey?: kms.IKey;

  constructor(scope: Construct, id: string, attrs: ConfidentialClientAttributes) {
    super(scope, id);
    const where = `ConfidentialClient '${this.node.path}'`;
    this.clientId = importedClientId(where, attrs.clientId);
    this.issuer = importedIssuer(where, attrs.issuer);
    this.clientSecret = attrs.clientSecret;
    this.signingKey = attrs.signingKey && kmsKeyOf(where, 'signingKey', attrs.signingKey);
  }

  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return grantCredentials(this, grantee);
  }
}

/**
 * A confidential OAuth 2.0 client (RFC 6749 §2.1): a web app with a backend, or a machine-to-machine client.
 *
 * Its secret lives only in AWS Secrets Manager, encrypted with a KMS key: read it with `grantRead()`.
 * The client is validated at synth against every rule of the rule reference.
 *
 * @example
 * // A web app with a backend: authorization code with PKCE, its secret in Secrets Manager, read by the backend's role.
 * const web = new ConfidentialClient(stack, 'Web', {
 *   authorizationServer: AuthorizationServer.cognito(userPool),
 *   redirectUris: ['https://app.example.com/callback'],
 * });
 * web.grantRead(backendRole);
 */
export class ConfidentialClient extends Construct implements IConfidentialClient {
  /**
   * Imports a confidential client declared elsewhere, to grant access to its credentials.
   *
   * @param scope the scope
   * @param id the construct ID
   * @param attrs the client ID, its secret or signing key, and its issuer
   */
  public static fromConfidentialClientAttributes(scope: Construct, id: string, attrs: ConfidentialClientAttributes): IConfidentialClient {
    return new ImportedConfidentialClient(scope, id, attrs);
  }

  /**
   * The client ID.
   */
  public readonly clientId: string;

  /**
   * The client's credentials in Secrets Manager, as JSON `{ client_id, client_secret, issuer, token_endpoint?,
   * client_secret_expires_at?, client_secret_id? }`. Absent when the client authenticates without a secret.
   * `client_secret_expires_at` (seconds since the epoch, RFC 7591) is there only when a registration server issued a
   * secret that expires: the library does not rotate it. `client_secret_id` (Cognito's ID of the secret) is there once
   * `secretRotation` rotated it.
   *
   * Its `grantRead` grants as the client's `grantRead()` does, on the grantee's own policy, so aws-cdk-lib
   * integrations that grant on the secret themselves (`ecs.Secret.fromSecretsManager`) work from another stack too.
   * Its `addToResourcePolicy` adds to a resource policy of the secret's own (`AWS::SecretsManager::ResourcePolicy`,
   * public policies blocked), created with the first statement. Its `addRotationSchedule` is refused, and a rotation
   * schedule declared on it directly fails `cdk synth`: the server issued the secret, and a Secrets Manager rotation
   * would change the copy only. With Amazon Cognito, `secretRotation` rotates it.
   */
  public readonly clientSecret?: secretsmanager.ISecret;

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
   * The KMS key the client signs its `private_key_jwt` assertions with. Absent for other methods.
   */
  public readonly signingKey?: kms.IKey;

  /**
   * Declares the client, with the resources that register it with its authorization server. An invalid or insecure
   * client fails here, or at synth with its rule IDs, before anything of it is deployed.
   *
   * @param scope the scope of the client
   * @param id the client's construct ID: with the scope's path, it names the client in findings and errors
   * @param props the client's settings
   */
  constructor(scope: Construct, id: string, props: ConfidentialClientProps) {
    super(scope, id);
    this.applicationType = props.applicationType ?? ApplicationType.WEB;
    assertApplicationType(this, 'ConfidentialClient', this.applicationType);
    preflightClient(this, 'ConfidentialClient', props);
    // The props as the backends take them: keys as keys, and a removal policy Secrets Manager honours.
    const declared = credentialProps(`ConfidentialClient '${this.node.path}'`, props);
    const fapi = fapiDefaults(declared);
    // FAPI 2.0 allows private_key_jwt or mTLS only (FAPI-002); this library registers private_key_jwt.
    const method = declared.tokenEndpointAuthMethod ?? (fapi ? TokenEndpointAuthMethod.PRIVATE_KEY_JWT : TokenEndpointAuthMethod.CLIENT_SECRET_BASIC);
    rotationScheduleExpression(`ConfidentialClient '${this.node.path}'`, declared.secretRotation, method);
    const described = describeClient(ClientType.CONFIDENTIAL, this.applicationType, declared, method);
    refuseIgnoredSettings(this, 'ConfidentialClient', declared, described);
    const signing = signingKeyFor(this, 'ConfidentialClient', declared, method, fapi);
    this.signingKey = signing?.key;
    const description = { ...described, jwks: signing ? [signing.description] : undefined };

    const registration = declareClient(this, 'ConfidentialClient', declared, description, {
      secretEncryptionKey: declared.secretEncryptionKey,
      secretRemovalPolicy: declared.secretRemovalPolicy,
      secretRotation: declared.secretRotation,
      signingKey: signing?.key,
      tokenEndpointAuthSigningAlgorithm: signing?.algorithm,
    });
    this.clientId = registration.clientId;
    this.clientSecret = registration.clientSecret;
    this.issuer = registration.issuer;
  }

  /**
   * Lets the grantee authenticate as the client: read its secret (and decrypt it through Secrets Manager), or, with
   * `private_key_jwt`, sign client assertions with its KMS key (`kms:Sign`, `kms:GetPublicKey`).
   *
   * A grantee of this account gets the grant on its own policy, never on the key policy, so it may be in a stack
   * that depends on this one. A grantee of another account (a role imported by ARN, an `AccountPrincipal`) is let in
   * by the secret's resource policy and the key policy as well, through Secrets Manager only; its account grants the
   * role on its own side, on the client imported there.
   *
   * @param grantee who may use the credentials
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return grantCredentials(this, grantee);
  }
}
