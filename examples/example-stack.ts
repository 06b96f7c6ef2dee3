import { CfnParameter, Duration, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ApplicationType, AuthorizationServer, ConfidentialClient, PublicClient, TokenEndpointAuthMethod } from '../src';

/**
 * The seed document's four application types on one Cognito user pool, each with the library's secure defaults.
 */
export class ExampleStack extends Stack {
  public readonly web: ConfidentialClient;
  public readonly billing: ConfidentialClient;
  public readonly mobile: PublicClient;
  public readonly spa: PublicClient;
  public readonly partnerApi: ConfidentialClient;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    const userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
    });
    const domain = userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'oauth-clients-example' } });
    userPool.addResourceServer('BillingApi', {
      identifier: 'billing',
      scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read invoices' })],
    });
    const server = AuthorizationServer.cognito(userPool, { domain });

    // 1. A web app with a secure backend: authorization code + PKCE, refresh tokens, secret in Secrets Manager.
    this.web = new ConfidentialClient(this, 'Web', {
      authorizationServer: server,
      redirectUris: ['https://app.example.com/callback'],
      logoutUris: ['https://app.example.com/'],
      scopes: ['openid', 'email', 'profile'],
    });

    // 2. A machine-to-machine client: client credentials with a resource-server scope (the app client waits for the
    //    resource server that defines it), whose secret Cognito rotates every 30 days with no downtime.
    this.billing = new ConfidentialClient(this, 'Billing', {
      authorizationServer: server,
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      scopes: ['billing/read'],
      secretRotation: Duration.days(30),
    });

    // 3. A native app: authorization code + PKCE, a reverse-domain scheme and a loopback redirect.
    this.mobile = new PublicClient(this, 'Mobile', {
      authorizationServer: server,
      applicationType: ApplicationType.NATIVE,
      redirectUris: ['com.example.app:/oauth2redirect', 'http://localhost/callback'],
      acknowledgedRules: {
        'OAC-086': 'Cognito accepts http callback URLs only for the host localhost, not 127.0.0.1 (COG-007)',
      },
    });

    // 4. A single-page app: authorization code + PKCE (never implicit).
    this.spa = new PublicClient(this, 'Spa', {
      authorizationServer: server,
      applicationType: ApplicationType.SINGLE_PAGE,
      redirectUris: ['https://spa.example.com/callback'],
      logoutUris: ['https://spa.example.com/'],
    });

    // 5. Any other standards-compliant server (Keycloak, Okta, Curity, ...): RFC 7591 dynamic registration, with a
    //    private_key_jwt key held in KMS. The issuer is a deploy-time parameter.
    const issuer = new CfnParameter(this, 'PartnerIssuer', {
      description: 'Issuer URL of the partner authorization server (dynamic client registration)',
      default: 'https://login.partner.example.com',
    });
    this.partnerApi = new ConfidentialClient(this, 'PartnerApi', {
      authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: issuer.valueAsString }),
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
      scopes: ['invoices:read'],
    });

    // The web app's backend reads its credentials from Secrets Manager.
    const backend = new iam.Role(this, 'WebBackend', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    this.web.grantRead(backend);
    // A service signs its client assertions with the partner client's KMS key.
    this.partnerApi.grantRead(backend);

    Validations.of(userPool).acknowledge(
      { id: 'AwsSolutions-COG8', reason: 'the example pool uses the Plus feature plan with full-function threat protection' },
    );
  }
}
