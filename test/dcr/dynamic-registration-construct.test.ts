import { App, Duration, Stack, Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  ApplicationType, AuthorizationServer, ConfidentialClient, PublicClient, SigningAlgorithm, TokenEndpointAuthMethod,
} from '../../src';

function dcrStack(initialAccessToken = false) {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const token = initialAccessToken ? secretsmanager.Secret.fromSecretNameV2(stack, 'Iat', 'registration-token') : undefined;
  const server = AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com', initialAccessToken: token });
  return { app, stack, server };
}

describe('a client on dynamic registration', () => {
  test('is one custom resource with its RFC 7591 metadata, and a secret for a secret-based method', () => {
    const { stack, server } = dcrStack();
    const api = new ConfidentialClient(stack, 'Api', { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'] });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::OAuthClientRegistration', {
      Issuer: 'https://login.example.com',
      RegistrationEndpoint: '',
      InitialAccessTokenArn: '',
      ClientMetadata: {
        application_type: 'web',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'RS256',
        scope: 'api:read',
      },
      SigningKeyArn: '',
      Description: Match.objectLike({ clientType: 'confidential', grantTypes: ['client_credentials'] }),
      Profile: 'default',
      SecretName: Match.stringLikeRegexp('^cdk-oauth-clients/Stack/StackApi'),
      RemovalPolicy: 'destroy',
    });
    template.resourceCountIs('AWS::KMS::Key', 1);
    expect(stack.resolve(api.clientId)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ApiRegistration/), 'ClientId'] });
    expect(stack.resolve(api.clientSecret!.secretArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ApiRegistration/), 'SecretArn'] });
    expect(api.signingKey).toBeUndefined();
  });

  test('its secret read by a function of another stack (the secret\'s own grantRead): no cycle, the grant on the function\'s role', () => {
    const { app, stack, server } = dcrStack();
    const api = new ConfidentialClient(stack, 'Api', { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'] });
    const worker = new Stack(app, 'Worker');
    const role = new iam.Role(worker, 'Fn', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    api.clientSecret!.grantRead(role);

    app.synth();
    expect(stack.dependencies).toEqual([]);
    expect(worker.dependencies.map((s) => s.stackName)).toEqual(['Stack']);
    const [policy] = Object.values(Template.fromStack(worker).findResources('AWS::IAM::Policy'));
    expect(policy.Properties.PolicyDocument.Statement.map((st: { Action: string | string[] }) => st.Action))
      .toEqual([['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], 'kms:Decrypt']);
  });

  test.each([
    [SigningAlgorithm.RS256, 'RSA_2048'],
    [SigningAlgorithm.PS256, 'RSA_2048'],
    [SigningAlgorithm.ES256, 'ECC_NIST_P256'],
  ])('private_key_jwt with %s gets a new KMS signing key (%s), no secret, and grantRead grants kms:Sign on it', (alg, keySpec) => {
    const { stack, server } = dcrStack();
    const api = new ConfidentialClient(stack, 'Api', {
      authorizationServer: server,
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      scopes: ['api:read'],
      tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
      tokenEndpointAuthSigningAlgorithm: alg,
    });
    const role = new iam.Role(stack, 'Service', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    api.grantRead(role);

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::KMS::Key', { KeySpec: keySpec, KeyUsage: 'SIGN_VERIFY' });
    template.hasResourceProperties('Custom::OAuthClientRegistration', {
      ClientMetadata: Match.objectLike({ token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: alg.value }),
      SigningKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiSigningKey'), 'Arn'] },
      SigningAlgorithm: alg.value,
    });
    expect(api.clientSecret).toBeUndefined();
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Service') }],
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['kms:Sign', 'kms:GetPublicKey'], Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiSigningKey'), 'Arn'] } }] },
    });
    // The provider may read the public half only.
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^CdkOAuthClientsProviderPolicy'),
      PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: 'kms:GetPublicKey', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiSigningKey'), 'Arn'] } }]) },
    });
  });

  test('the provider may read the initial access token, and nothing else of the user\'s', () => {
    const { stack, server } = dcrStack(true);
    new ConfidentialClient(stack, 'Api', { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'] });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Action: 'secretsmanager:GetSecretValue',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':secret:registration-token-??????']] },
        }]),
      },
    });
  });

  test('the stack\'s CDK tags reach the provider (property Tags), for the secrets it creates', () => {
    const { app, stack, server } = dcrStack();
    new ConfidentialClient(stack, 'Api', { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'] });
    Tags.of(app).add('team', 'identity');

    Template.fromStack(stack).hasResourceProperties('Custom::OAuthClientRegistration', { Tags: [{ Key: 'team', Value: 'identity' }] });
  });

  test('a public client registers with method none explicitly (not the registration default)', () => {
    const { stack, server } = dcrStack();
    new PublicClient(stack, 'Mobile', { authorizationServer: server, applicationType: ApplicationType.NATIVE, redirectUris: ['com.example.app:/cb'] });
    Template.fromStack(stack).hasResourceProperties('Custom::OAuthClientRegistration', {
      ClientMetadata: Match.objectLike({ application_type: 'native', token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] }),
    });
  });

  test('the Cognito capability rules do not apply, the OAC rules do', () => {
    const { app, stack, server } = dcrStack();
    new ConfidentialClient(stack, 'Api', {
      authorizationServer: server,
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      scopes: ['openid'],
      tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
      redirectUris: ['https://x.example.com/cb'],
    });
    expect(() => app.synth()).toThrow(/\[OAC-081\] ConfidentialClient 'Stack\/Api'/);
    expect(() => app.synth()).not.toThrow(/COG-/);
  });
});

describe('settings dynamic registration cannot register are refused, not dropped', () => {
  test('a token lifetime: the error names the construct, the setting, its value and what to do, and nothing is created', () => {
    const { stack, server } = dcrStack();
    expect(() => new ConfidentialClient(stack, 'Api', {
      authorizationServer: server,
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      scopes: ['api:read'],
      tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
      accessTokenValidity: Duration.minutes(5),
    })).toThrow("ConfidentialClient 'Stack/Api' cannot be registered by dynamic client registration as declared:\n"
      + '  accessTokenValidity (5 minutes): RFC 7591 defines no client metadata for token lifetimes. '
      + 'Set token lifetimes on the authorization server, and remove accessTokenValidity.');
    // THEN neither the signing key nor the provider was created
    expect(stack.node.tryFindChild('Api')?.node.children ?? []).toHaveLength(0);
    expect(Template.fromStack(stack).toJSON().Resources ?? {}).toEqual({});
  });

  test('every such setting is named at once, on a public client too', () => {
    const { stack, server } = dcrStack();
    expect(() => new PublicClient(stack, 'Spa', {
      authorizationServer: server,
      applicationType: ApplicationType.SINGLE_PAGE,
      redirectUris: ['https://app.example.com/cb'],
      idTokenValidity: Duration.minutes(10),
      refreshTokenValidity: Duration.days(1),
      identityProviders: ['Google', 'COGNITO'],
    })).toThrow(new Error("PublicClient 'Stack/Spa' cannot be registered by dynamic client registration as declared:\n"
      + '  idTokenValidity (10 minutes): RFC 7591 defines no client metadata for token lifetimes. Set token lifetimes on the authorization server, and remove idTokenValidity.\n'
      + '  refreshTokenValidity (1 day): RFC 7591 defines no client metadata for token lifetimes. Set token lifetimes on the authorization server, and remove refreshTokenValidity.\n'
      + '  identityProviders (Google, COGNITO): RFC 7591 defines no client metadata for identity providers. '
      + 'Choose the identity providers on the authorization server, and remove identityProviders.'));
  });
});
