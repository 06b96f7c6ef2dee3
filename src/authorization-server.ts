import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { AuthorizationServerKind } from './authorization-server-kind';
import { ClientRegistration, ClientRegistrationRequest } from './client-registration';
import { CognitoAuthorizationServer } from './private/cognito/cognito-authorization-server';
import { assertCaBundle } from './private/dynamic-registration/ca-bundle';
import { assertOptionKinds, assertServerUrls, DynamicRegistrationServer, providerPlacement } from './private/dynamic-registration/dynamic-registration-server';

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
   * The user pool's domain, on which Cognito serves the OAuth 2.0 endpoints, so the stored client credentials
   * include the token endpoint.
   *
   * A `UserPoolDomain` gives its own base URL. A domain imported with `UserPoolDomain.fromDomainName` (its name
   * may be a token, an export or a parameter) is resolved at deploy time: a name with a dot is a custom domain
   * (`https://<name>/oauth2/token`), one without is a Cognito prefix domain of the stack's region
   * (`https://<prefix>.auth.<region>.amazoncognito.com/oauth2/token`). For a FIPS endpoint, pass the
   * `UserPoolDomain` itself. A domain of another user pool of the app is refused. A domain with managed login
   * (`ManagedLoginVersion` 2) asks a style of each client that signs users in: a warning names the ones without
   * (`cdk-oauth-clients:managed-login-without-style`).
   *
   * @default - the stored credentials name the issuer only; a client of a user pool of this app with no domain in
   * the app is warned about (`cdk-oauth-clients:user-pool-without-domain`), as it could get no token
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
   */
  readonly domain?: cognito.IUserPoolDomain;
}

/**
 * Options for an authorization server with RFC 7591 dynamic client registration.
 */
export interface DynamicRegistrationOptions {
  /**
   * The issuer URL: https, no query or fragment (plain http only on 127.0.0.1 or localhost). Its metadata
   * (`/.well-known/openid-configuration`, or RFC 8414's `/.well-known/oauth-authorization-server`) names the
   * endpoints, and must name this issuer.
   *
   * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
   */
  readonly issuer: string;

  /**
   * The registration endpoint (https; plain http only on 127.0.0.1 or localhost).
   *
   * @default - the `registration_endpoint` of the discovery document
   */
  readonly registrationEndpoint?: string;

  /**
   * The initial access token for a protected registration endpoint (its secret string is the bearer token).
   *
   * It is sent with every registration: the first, and any later one that replaces the client (a move to another
   * server, say). Servers give such tokens an expiry and a number of uses (Keycloak does): a registration refused
   * for it fails with the secret to store a new one in.
   *
   * @default - open registration
   * @see https://www.rfc-editor.org/rfc/rfc7591#section-3
   */
  readonly initialAccessToken?: secretsmanager.ISecret;

  /**
   * The certificate authorities the provider trusts for this server's TLS certificates, besides the public ones
   * Node.js knows: the PEM text of one or more certificates, for a server whose certificate an internal CA issued
   * (for example `fs.readFileSync('internal-ca.pem', 'utf8')`). They are trusted for this server's requests only,
   * and its host name is still checked. The text is written into the template (once per stack, in a mapping the
   * clients' resources refer to): it must hold certificates only.
   *
   * @default - the public certificate authorities Node.js knows
   */
  readonly caBundle?: string;

  /**
   * The VPC the stack's provider Lambda runs in, for a server that is reachable only from there (for example
   * Keycloak behind an internal load balancer).
   *
   * A stack has one provider, which serves every client of this library in it: it then reaches Secrets Manager and
   * KMS (and Cognito, for Cognito clients of the same stack) from the VPC too, so the subnets need a NAT gateway or
   * VPC endpoints for them, and for CloudFormation, which the provider asks for the stack's status to put a replaced
   * client back in a rollback. Every server in a stack that sets a VPC must set the same placement.
   *
   * @default - the provider does not run in a VPC
   * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
   */
  readonly vpc?: ec2.IVpc;

  /**
   * The subnets of `vpc` the provider runs in. They must be private: a Lambda function in a public subnet cannot
   * reach the internet.
   *
   * @default - the VPC's private subnets (with egress, else isolated), as for any Lambda function
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The security groups of the provider in `vpc`; they must allow it to reach the server and the AWS APIs.
   *
   * @default - a new security group that allows all outbound traffic and no inbound traffic
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
}

/**
 * Authorization server backends.
 */
export abstract class AuthorizationServer {
  /**
   * An Amazon Cognito user pool: clients become user pool app clients, and a confidential client's secret is
   * copied into Secrets Manager (and rotated there with `secretRotation`).
   *
   * @param userPool the user pool
   * @param options the pool's domain
   *
   * @example
   * const domain = userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example-auth' } });
   * const server = AuthorizationServer.cognito(userPool, { domain });   // the stored credentials name its token endpoint
   */
  public static cognito(userPool: cognito.IUserPool, options: CognitoAuthorizationServerOptions = {}): IAuthorizationServer {
    return new CognitoAuthorizationServer(userPool, options.domain);
  }

  /**
   * Any server with RFC 7591 dynamic client registration (Keycloak, Okta, Curity, Ory Hydra, Authlete,
   * node-oidc-provider, ...): the library's provider registers the client at deploy time, updates it with RFC 7592,
   * and deletes it with the stack. The registered client is re-validated at deploy time.
   *
   * @param options the issuer and how to register
   *
   * @example
   * const partner = AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' });
   * new ConfidentialClient(stack, 'Billing', {
   *   authorizationServer: partner,
   *   applicationType: ApplicationType.MACHINE_TO_MACHINE,
   *   tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
   *   scopes: ['invoices:read'],
   * });
   */
  public static dynamicRegistration(options: DynamicRegistrationOptions): IAuthorizationServer {
    assertServerUrls(options);
    assertOptionKinds(options);
    assertCaBundle(options);
    return new DynamicRegistrationServer(options.issuer, options.registrationEndpoint, options.initialAccessToken, providerPlacement(options),
      options.caBundle);
  }
}
