import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { ApplicationType, AuthorizationServer, ConfidentialClient, PublicClient, TokenEndpointAuthMethod } from '../../src';

/**
 * What a deployed client's applications hold on to is its client ID (the app client, the registration), its secret's
 * ARN and its signing key. CloudFormation replaces a resource whose logical ID changes: a new client ID, a new secret,
 * a new key, and the old ones deleted. A changed provider function changes every custom resource's ServiceToken. An
 * upgrade of the library must do none of that to a deployed client, so the logical IDs of what the constructs create
 * are pinned here: renaming a construct ID, or moving a construct in the tree, fails this test. Resources may be
 * added; none may move.
 */
function deployedTypes(): Record<string, string> {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const userPool = new cognito.UserPool(stack, 'Users');
  userPool.addResourceServer('Api', { identifier: 'billing', scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' })] });
  const cognitoServer = AuthorizationServer.cognito(userPool);
  new ConfidentialClient(stack, 'Web', { authorizationServer: cognitoServer, redirectUris: ['https://app.example.com/cb'] });
  new ConfidentialClient(stack, 'Rotated', {
    authorizationServer: cognitoServer, redirectUris: ['https://app.example.com/cb'], secretRotation: Duration.days(30),
  });
  new ConfidentialClient(stack, 'Service', {
    authorizationServer: cognitoServer, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['billing/read'],
  });
  new PublicClient(stack, 'Mobile', {
    authorizationServer: cognitoServer, applicationType: ApplicationType.NATIVE, redirectUris: ['com.example.app:/cb'],
  });
  const registration = AuthorizationServer.dynamicRegistration({
    issuer: 'https://login.example.com',
    initialAccessToken: secretsmanager.Secret.fromSecretNameV2(stack, 'RegistrationToken', 'registration-token'),
  });
  new ConfidentialClient(stack, 'Partner', { authorizationServer: registration, redirectUris: ['https://app.example.com/cb'] });
  new ConfidentialClient(stack, 'Billing', {
    authorizationServer: registration,
    applicationType: ApplicationType.MACHINE_TO_MACHINE,
    tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
    scopes: ['billing:read'],
  });
  new PublicClient(stack, 'Spa', {
    authorizationServer: registration, applicationType: ApplicationType.SINGLE_PAGE, redirectUris: ['https://app.example.com/cb'],
  });
  const resources = app.synth().getStackByName('Stack').template.Resources as Record<string, { Type: string }>;
  return Object.fromEntries(Object.entries(resources).map(([logicalId, resource]) => [logicalId, resource.Type]));
}

test('what each kind of client deploys keeps its logical ID, so an upgrade updates it in place', () => {
  expect(deployedTypes()).toEqual(expect.objectContaining({
    // Amazon Cognito: the app client (its ID is the client ID; the L2 UserPoolClient's logical ID, for take-overs) and
    // the custom resource that keeps its secret in Secrets Manager.
    Web3C8945DB: 'AWS::Cognito::UserPoolClient',
    WebSecretCF532844: 'Custom::CognitoClientSecret',
    Rotated9E67D21C: 'AWS::Cognito::UserPoolClient',
    RotatedSecret43CA07E2: 'Custom::CognitoClientSecret',
    RotatedSecretRotationCBFDC727: 'AWS::SecretsManager::RotationSchedule',
    RotatedSecretRotationPermission7CC49F1E: 'AWS::Lambda::Permission',
    ServiceDBC79909: 'AWS::Cognito::UserPoolClient',
    ServiceSecretBAFB36B0: 'Custom::CognitoClientSecret',
    MobileBCEFEECE: 'AWS::Cognito::UserPoolClient',
    // Dynamic registration: the registration (its client ID, and its secret in Secrets Manager) and the signing key
    // whose public half the server holds.
    PartnerRegistration42D9EF73: 'Custom::OAuthClientRegistration',
    BillingRegistration01F69BE0: 'Custom::OAuthClientRegistration',
    BillingSigningKey43869D48: 'AWS::KMS::Key',
    SpaRegistration78F268E6: 'Custom::OAuthClientRegistration',
    // One per stack: the key that encrypts the secrets, and the provider, whose function every custom resource names.
    CdkOAuthClientsSecretKeyC22E78E3: 'AWS::KMS::Key',
    CdkOAuthClientsProviderFunctionF45D3216: 'AWS::Lambda::Function',
    CdkOAuthClientsProviderRoleA7547FE1: 'AWS::IAM::Role',
    CdkOAuthClientsProviderPolicyC7E39828: 'AWS::IAM::Policy',
    CdkOAuthClientsProviderLogs28A1E18C: 'AWS::Logs::LogGroup',
  }));
});

test('the provider\'s grants on the clients\' own keys are replaced when they change: they hold nothing a client keeps', () => {
  // Their logical IDs end in a hash of what they grant (test/constructs/key-grant-lifetime.test.ts says why).
  const grants = Object.entries(deployedTypes()).filter(([, type]) => type === 'AWS::IAM::ManagedPolicy').map(([id]) => id);
  expect(grants).toEqual([expect.stringMatching(/^CdkOAuthClientsProviderKeyGrants1FB08169F[0-9A-F]{8}$/)]);
});
