import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { AuthorizationServerKind } from './authorization-server-kind';
import { ClientRegistration, ClientRegistrationRequest } from './client-registration';
import { CognitoAuthorizationServer } from './private/cognito/cognito-authorization-server';

/**
 * An authorization server backend: it states its kind (which selects the backend capability rules)
 * and creates the resources that register a client with it.
 */
export interface IAuthorizationServer {
  /** The kind of server, for the validator. */
  readonly kind: AuthorizationServerKind;

  /**
   * Creates the resources that register a client, inside `scope`.
   *
   * @param scope the client construct
   * @param request the validated client and its settings
   */
  registerClient(scope: Construct, request: ClientRegistrationRequest): ClientRegistration;
}

/**
 * Options for an Amazon Cognito authorization server.
 */
export interface CognitoAuthorizationServerOptions {
  /**
   * The user pool's domain, so the stored client credentials include the token endpoint.
   *
   * @default - the stored credentials name the issuer only
   */
  readonly domain?: cognito.UserPoolDomain;
}

/**
 * Authorization server backends.
 */
export abstract class AuthorizationServer {
  /**
   * An Amazon Cognito user pool: clients become user pool app clients, and a confidential client's secret is
   * copied into Secrets Manager.
   *
   * @param userPool the user pool
   * @param options the pool's domain
   */
  public static cognito(userPool: cognito.IUserPool, options: CognitoAuthorizationServerOptions = {}): IAuthorizationServer {
    return new CognitoAuthorizationServer(userPool, options.domain);
  }
}
