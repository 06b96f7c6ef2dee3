import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { IConstruct } from 'constructs';

/**
 * An OAuth 2.0 client registered with an authorization server.
 */
export interface IOAuthClient extends IConstruct {
  /**
   * The client ID.
   *
   * @attribute
   */
  readonly clientId: string;

  /**
   * The issuer URL of the client's authorization server, for the app's OpenID Connect configuration (its discovery
   * document is at `<issuer>/.well-known/openid-configuration`, and ID tokens carry it as `iss`).
   *
   * @default - not known: a backend of one's own that does not name it, or an imported client given none
   */
  readonly issuer?: string;
}

/**
 * A confidential client: it can read its credentials.
 */
export interface IConfidentialClient extends IOAuthClient {
  /**
   * Lets the grantee read the client's credentials.
   *
   * @param grantee who may read them
   */
  grantRead(grantee: iam.IGrantable): iam.Grant;
}

/**
 * Attributes of a confidential client declared elsewhere (another stack, or outside CDK).
 */
export interface ConfidentialClientAttributes {
  /** The client ID. */
  readonly clientId: string;

  /**
   * The issuer URL of the client's authorization server (the `issuer` of the client that declared it).
   *
   * @default - not known: the imported client's `issuer` is undefined
   */
  readonly issuer?: string;

  /**
   * The client's credentials in Secrets Manager.
   *
   * @default - the client has no secret (e.g. private_key_jwt)
   */
  readonly clientSecret?: secretsmanager.ISecret;

  /**
   * The KMS key the client signs its `private_key_jwt` assertions with. An alias that knows its target key stands
   * for that key; one imported by name is refused, as IAM grants key operations on key ARNs only.
   *
   * @default - the client has no signing key
   */
  readonly signingKey?: kms.IKey;
}

/**
 * Attributes of a public client declared elsewhere (another stack, or outside CDK).
 */
export interface PublicClientAttributes {
  /** The client ID. */
  readonly clientId: string;

  /**
   * The issuer URL of the client's authorization server (the `issuer` of the client that declared it).
   *
   * @default - not known: the imported client's `issuer` is undefined
   */
  readonly issuer?: string;
}
