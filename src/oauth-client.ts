import * as iam from 'aws-cdk-lib/aws-iam';
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
