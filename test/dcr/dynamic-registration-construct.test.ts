import { App, CfnParameter, Duration, NestedStack, Stack, Tags, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  ApplicationType, AuthorizationServer, ConfidentialClient, DynamicRegistrationOptions, GrantType, PublicClient, SigningAlgorithm,
  TokenEndpointAuthMethod, ValidationProfile,
} from '../../src';
import { makePki } from '../support/pki';

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
    expect(api.issuer).toBe('https://login.example.com');

    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::OAuthClientRegistration', {
      Issuer: 'https://login.example.com',
      RegistrationEndpoint: '',
      InitialAccessTokenArn: '',
      CaBundle: '',
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
      // PKCE is for the authorization code grant: a machine-to-machine client records none.
      Description: Match.objectLike({ clientType: 'confidential', grantTypes: ['client_credentials'], pkce: Match.absent() }),
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
    [SigningAlgorithm.PS512, 'RSA_2048'],
    [SigningAlgorithm.ES256, 'ECC_NIST_P256'],
    [SigningAlgorithm.ES384, 'ECC_NIST_P384'],
    [SigningAlgorithm.ES512, 'ECC_NIST_P521'],
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
    // The provider may read the public half only, on a policy of its role that the registration waits for.
    const publicKeys = template.findResources('AWS::IAM::ManagedPolicy', {
      Properties: {
        Roles: [{ Ref: Match.stringLikeRegexp('^CdkOAuthClientsProviderRole') }],
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'kms:GetPublicKey', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiSigningKey'), 'Arn'] } }] },
      },
    });
    expect(Object.keys(publicKeys)).toHaveLength(1);
    template.hasResource('Custom::OAuthClientRegistration', { DependsOn: Match.arrayWith(Object.keys(publicKeys)) });
  });

  test('the provider may read its own stack\'s status, and move the labels of its own secrets, to put a replaced client back in a rollback', () => {
    const { stack, server } = dcrStack();
    new ConfidentialClient(stack, 'Api', { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'] });
    new ConfidentialClient(stack, 'Api2', { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'] });

    const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    expect(statements.filter((st) => JSON.stringify(st.Action).includes('cloudformation:'))).toEqual([
      { Effect: 'Allow', Action: 'cloudformation:DescribeStacks', Resource: { Ref: 'AWS::StackId' } },
    ]);
    expect(statements.filter((st) => JSON.stringify(st.Action).includes('UpdateSecretVersionStage'))).toEqual([{
      Effect: 'Allow',
      Action: 'secretsmanager:UpdateSecretVersionStage',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':secret:cdk-oauth-clients/Stack/*']] },
    }]);
  });

  test('the provider may read the initial access token, and nothing else of the user\'s', () => {
    const { stack, server } = dcrStack(true);
    new ConfidentialClient(stack, 'Api', { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Action: 'secretsmanager:GetSecretValue',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':secret:registration-token-??????']] },
        }]),
      },
    });
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  });

  test('private_key_jwt without an algorithm signs its assertions with RS256 (PS256 is the FAPI 2.0 default only)', () => {
    const { stack, server } = dcrStack();
    new ConfidentialClient(stack, 'Api', {
      authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'], tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    template.hasResourceProperties('Custom::OAuthClientRegistration', {
      ClientMetadata: Match.objectLike({ token_endpoint_auth_signing_alg: 'RS256' }), SigningAlgorithm: 'RS256',
    });
  });

  test('an initial access token encrypted with a key of the user\'s: the provider may decrypt with that key', () => {
    const { stack } = dcrStack();
    const key = kms.Key.fromKeyArn(stack, 'TokenKey', 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const token = secretsmanager.Secret.fromSecretAttributes(stack, 'Iat', {
      secretCompleteArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:registration-token-AbCdEf', encryptionKey: key,
    });
    const server = AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com', initialAccessToken: token });
    new ConfidentialClient(stack, 'Api', { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'] });

    const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
    expect(policy.Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:registration-token-AbCdEf' },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
    ]));
  });

  test('tokens of many servers (a realm per tenant): 5 servers\' grants in the role\'s own policy, the rest in managed policies the registrations wait for', () => {
    const { stack } = dcrStack();
    for (let i = 0; i < 40; i++) {
      const key = kms.Key.fromKeyArn(stack, `TokenKey${i}`, `arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-${String(i).padStart(12, '0')}`);
      const token = secretsmanager.Secret.fromSecretAttributes(stack, `Iat${i}`, {
        secretCompleteArn: `arn:aws:secretsmanager:eu-west-1:111122223333:secret:realm-${i}-token-AbCdEf`, encryptionKey: key,
      });
      const server = AuthorizationServer.dynamicRegistration({ issuer: `https://login.example.com/realms/t${i}`, initialAccessToken: token });
      new ConfidentialClient(stack, `Api${i}`, { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'] });
    }
    const template = Template.fromStack(stack);
    const tokenOf = (i: number) => `arn:aws:secretsmanager:eu-west-1:111122223333:secret:realm-${i}-token-AbCdEf`;
    const keyOf = (i: number) => `arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-${String(i).padStart(12, '0')}`;
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
    /** The ARNs each statement of a policy document names, by its actions. */
    const grantsOf = (document: { Statement: { Action: string; Resource: string | string[] }[] }) =>
      Object.fromEntries(document.Statement.map((st) => [st.Action, [st.Resource].flat()]));

    const [inlineId, inline] = Object.entries(template.findResources('AWS::IAM::Policy'))[0];
    expect(grantsOf(inline.Properties.PolicyDocument)).toEqual(expect.objectContaining({
      'secretsmanager:GetSecretValue': expect.arrayContaining(range(0, 5).map(tokenOf)),
      'kms:Decrypt': range(0, 5).map(keyOf),
    }));
    expect(JSON.stringify(inline)).not.toContain('realm-5-');
    const managed = template.findResources('AWS::IAM::ManagedPolicy');
    expect(Object.values(managed).map((policy) => grantsOf(policy.Properties.PolicyDocument))).toEqual([
      { 'secretsmanager:GetSecretValue': range(5, 35).map(tokenOf), 'kms:Decrypt': range(5, 35).map(keyOf) },
      { 'secretsmanager:GetSecretValue': range(35, 40).map(tokenOf), 'kms:Decrypt': range(35, 40).map(keyOf) },
    ]);
    const [first, second] = Object.keys(managed);
    const registrations = Object.values(template.findResources('Custom::OAuthClientRegistration'));
    registrations.forEach((registration, i) => {
      expect(registration.Properties.InitialAccessTokenArn).toEqual(tokenOf(i));
      expect(registration.DependsOn).toContain(i < 5 ? inlineId : i < 35 ? first : second);
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
    const mobile = new PublicClient(stack, 'Mobile', { authorizationServer: server, applicationType: ApplicationType.NATIVE, redirectUris: ['com.example.app:/cb'] });
    expect(mobile.issuer).toBe('https://login.example.com');
    Template.fromStack(stack).hasResourceProperties('Custom::OAuthClientRegistration', {
      ClientMetadata: Match.objectLike({ application_type: 'native', token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] }),
    });
  });

  test('a web client with the legacy implicit grant registers the response type id_token with code (never token: OAC-004)', () => {
    const { stack, server } = dcrStack();
    new ConfidentialClient(stack, 'Web', {
      authorizationServer: server,
      applicationType: ApplicationType.WEB,
      grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.IMPLICIT],
      redirectUris: ['https://app.example.com/callback'],
    });
    Template.fromStack(stack).hasResourceProperties('Custom::OAuthClientRegistration', {
      ClientMetadata: Match.objectLike({ grant_types: ['authorization_code', 'implicit'], response_types: ['code', 'id_token'] }),
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

test('a refresh-token rotation grace period is refused on dynamic registration, which has no metadata for it', () => {
  const { stack, server } = dcrStack();
  expect(() => new PublicClient(stack, 'Spa', {
    authorizationServer: server,
    applicationType: ApplicationType.SINGLE_PAGE,
    redirectUris: ['https://app.example.com/cb'],
    refreshTokenRotationGracePeriod: Duration.seconds(10),
  })).toThrow(new Error("PublicClient 'Stack/Spa' cannot be registered by dynamic client registration as declared:\n"
    + '  refreshTokenRotationGracePeriod (10 seconds): RFC 7591 defines no client metadata for refresh-token rotation. '
    + 'Set the rotation grace period on the authorization server, and remove refreshTokenRotationGracePeriod.'));
  expect(stack.node.findChild('Spa').node.children).toHaveLength(0);
});

describe('mutual-TLS client authentication, which this library cannot register, is refused at synth', () => {
  test.each([TokenEndpointAuthMethod.TLS_CLIENT_AUTH, TokenEndpointAuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH])('%s', (method) => {
    const { stack, server } = dcrStack();
    expect(() => new ConfidentialClient(stack, 'Api', {
      authorizationServer: server,
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      scopes: ['api:read'],
      tokenEndpointAuthMethod: method,
      profile: ValidationProfile.FAPI_2_0,
    })).toThrow(new Error("ConfidentialClient 'Stack/Api' cannot be registered by dynamic client registration as declared:\n"
      + `  tokenEndpointAuthMethod (${method.value}): RFC 8705 registers a mutual-TLS client with its certificate (tls_client_auth_subject_dn or a `
      + 'subject alternative name, or the self-signed certificate in its JWK set), and this library has no prop for the certificate, so the '
      + 'server would refuse the registration. Use TokenEndpointAuthMethod.PRIVATE_KEY_JWT (a KMS key, allowed by FAPI 2.0 too) instead.'));
    expect(Template.fromStack(stack).toJSON().Resources ?? {}).toEqual({});
  });

  test('a method it can register passes the same check', () => {
    const { app, stack, server } = dcrStack();
    new ConfidentialClient(stack, 'Api', {
      authorizationServer: server,
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      scopes: ['api:read'],
      tokenEndpointAuthMethod: TokenEndpointAuthMethod.CLIENT_SECRET_POST,
    });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('the provider in a VPC, for a server reachable only from there', () => {
  function vpcStack() {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
      vpcId: 'vpc-0123',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      publicSubnetIds: ['subnet-pub-a', 'subnet-pub-b'],
      privateSubnetIds: ['subnet-priv-a', 'subnet-priv-b'],
    });
    return { app, stack, vpc };
  }
  const ISSUER = 'https://keycloak.internal.example.com/realms/main';
  const m2m = { applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'] };

  test('the function runs in the private subnets with a new outbound-only security group, and may manage its network interfaces', () => {
    const { stack, vpc } = vpcStack();
    const server = AuthorizationServer.dynamicRegistration({ issuer: ISSUER, vpc });
    new ConfidentialClient(stack, 'Api', { authorizationServer: server, ...m2m });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      VpcConfig: { SubnetIds: ['subnet-priv-a', 'subnet-priv-b'], SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^CdkOAuthClientsProviderSecurityGroup'), 'GroupId'] }] },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      VpcId: 'vpc-0123',
      SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', IpProtocol: '-1' }],
      SecurityGroupIngress: Match.absent(),
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Resource: '*',
          Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
            'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
        }]),
      },
    });
    // THEN the function is created only after its role may create the network interfaces
    const [fnId] = Object.keys(template.findResources('AWS::Lambda::Function'));
    const [policyId] = Object.keys(template.findResources('AWS::IAM::Policy'));
    expect(template.toJSON().Resources[fnId].DependsOn).toContain(policyId);
  });

  test('cdk-nag AwsSolutions: no unacknowledged finding, and the wildcard is acknowledged with a reason', () => {
    const { app, stack, vpc } = vpcStack();
    new ConfidentialClient(stack, 'Api', { authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: ISSUER, vpc }), ...m2m });
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(',')}`)).toEqual([]);
    const policy = stack.node.findChild('CdkOAuthClientsProvider').node.findChild('Policy');
    const acknowledged = policy.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((m) => m.data);
    expect(acknowledged).toContainEqual({ 'AwsSolutions-IAM5[Resource::*]': expect.stringMatching(/^Lambda manages the VPC network interfaces/) });
  });

  test('the user\'s security groups and subnets are used as given, and no group is created', () => {
    const { stack, vpc } = vpcStack();
    const group = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Group', 'sg-0abc');
    const server = AuthorizationServer.dynamicRegistration({
      issuer: ISSUER, vpc, vpcSubnets: { subnets: [vpc.privateSubnets[1]] }, securityGroups: [group],
    });
    new ConfidentialClient(stack, 'Api', { authorizationServer: server, ...m2m });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', { VpcConfig: { SubnetIds: ['subnet-priv-b'], SecurityGroupIds: ['sg-0abc'] } });
    template.resourceCountIs('AWS::EC2::SecurityGroup', 0);
  });

  test('a stack with Cognito clients only: the provider does not run in a VPC', () => {
    const { stack } = vpcStack();
    const cognitoServer = AuthorizationServer.cognito(new cognito.UserPool(stack, 'Pool'));
    new ConfidentialClient(stack, 'Web', { authorizationServer: cognitoServer, redirectUris: ['https://app.example.com/cb'] });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { VpcConfig: Match.absent() });
  });

  test('a Cognito client declared first shares the provider, which the later VPC server places in its VPC', () => {
    const { stack, vpc } = vpcStack();
    const cognitoServer = AuthorizationServer.cognito(new cognito.UserPool(stack, 'Pool'));
    new ConfidentialClient(stack, 'Web', { authorizationServer: cognitoServer, redirectUris: ['https://app.example.com/cb'] });
    new ConfidentialClient(stack, 'Api', { authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: ISSUER, vpc }), ...m2m });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Function', { VpcConfig: Match.objectLike({ SubnetIds: ['subnet-priv-a', 'subnet-priv-b'] }) });
  });

  test('two servers with the same placement share the provider and its one security group', () => {
    const { stack, vpc } = vpcStack();
    new ConfidentialClient(stack, 'A', { authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: ISSUER, vpc }), ...m2m });
    new ConfidentialClient(stack, 'B', { authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: `${ISSUER}2`, vpc }), ...m2m });
    Template.fromStack(stack).resourceCountIs('AWS::EC2::SecurityGroup', 1);
  });

  test('a second placement in the same stack is refused, naming both clients, before the second creates anything', () => {
    const { stack, vpc } = vpcStack();
    new ConfidentialClient(stack, 'A', { authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: ISSUER, vpc }), ...m2m });
    const other = AuthorizationServer.dynamicRegistration({ issuer: ISSUER, vpc, vpcSubnets: { subnets: [vpc.privateSubnets[0]] } });

    expect(() => new ConfidentialClient(stack, 'B', { authorizationServer: other, ...m2m, tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT }))
      .toThrow("Client 'Stack/B': stack 'Stack' has one cdk-oauth-clients provider, and client 'Stack/A' already placed it in "
        + '{"vpc":"vpc-0123","subnets":["subnet-priv-a","subnet-priv-b"],"securityGroups":"a new security group"}, while this client asks for '
        + '{"vpc":"vpc-0123","subnets":["subnet-priv-a"],"securityGroups":"a new security group"}. '
        + 'Use one VPC, subnets and security groups per stack, or put the clients in different stacks.');
    // THEN not even its signing key was created
    expect(stack.node.tryFindChild('B')?.node.children ?? []).toHaveLength(0);
  });

  test.each([
    ['subnets without a VPC', () => ({ vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } }),
      /vpcSubnets and securityGroups place the provider in a VPC, but no vpc was given\. Add vpc, or remove them\./],
    ['security groups without a VPC', (vpc: ec2.IVpc) => ({ securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(vpc.stack, 'Sg', 'sg-0123')] }),
      /vpcSubnets and securityGroups place the provider in a VPC, but no vpc was given\. Add vpc, or remove them\./],
    ['no subnets', (vpc: ec2.IVpc) => ({ vpc, vpcSubnets: { subnets: [] } }),
      /the provider needs private subnets of the VPC .* but vpcSubnets selects none\. Select subnets with egress/],
    ['public subnets', (vpc: ec2.IVpc) => ({ vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }),
      /the provider needs private subnets of the VPC .* but vpcSubnets selects public subnets\. Select subnets with egress/],
  ])('%s: refused where the server is declared, naming the issuer', (_, options, message) => {
    const { vpc } = vpcStack();
    expect(() => AuthorizationServer.dynamicRegistration({ issuer: ISSUER, ...options(vpc) }))
      .toThrow(new RegExp(`^AuthorizationServer\\.dynamicRegistration \\(issuer ${ISSUER.replace(/\./g, '\\.')}\\): ${message.source}`));
  });
});

describe('the server\'s URLs: the provider sends and receives credentials over TLS only', () => {
  test.each([
    ['plain http', { issuer: 'http://login.example.com' },
      "issuer 'http://login.example.com' is not an https URL: the client's credentials would cross the network unprotected. "
      + 'Use the server\'s https URL, e.g. https://login.example.com/realms/main (plain http only for a server on 127.0.0.1 or localhost).'],
    ['no scheme', { issuer: 'login.example.com' },
      "issuer 'login.example.com' is not an absolute URL. Give the full https URL, e.g. https://login.example.com/realms/main."],
    ['a query', { issuer: 'https://login.example.com?tenant=a' },
      "issuer 'https://login.example.com?tenant=a' has a query or fragment, which an issuer never has (RFC 8414 §2). "
      + 'Give the issuer alone, e.g. https://login.example.com/realms/main.'],
    ['a fragment', { issuer: 'https://login.example.com/realms/main#top' },
      "issuer 'https://login.example.com/realms/main#top' has a query or fragment, which an issuer never has (RFC 8414 §2). "
      + 'Give the issuer alone, e.g. https://login.example.com/realms/main.'],
    ['another scheme on a loopback host', { issuer: 'ftp://127.0.0.1/op' },
      "issuer 'ftp://127.0.0.1/op' is not an https URL: the client's credentials would cross the network unprotected. "
      + 'Use the server\'s https URL, e.g. https://login.example.com/realms/main (plain http only for a server on 127.0.0.1 or localhost).'],
    ['the metadata URL', { issuer: 'https://login.example.com/.well-known/openid-configuration' },
      "issuer 'https://login.example.com/.well-known/openid-configuration' is a metadata URL, not the issuer. "
      + 'Give the issuer: the metadata URL without /.well-known/... .'],
    ['a plain http registration endpoint', { issuer: 'https://login.example.com', registrationEndpoint: 'http://login.example.com/register' },
      "registrationEndpoint 'http://login.example.com/register' is not an https URL: the client's credentials would cross the network "
      + 'unprotected. Use the server\'s https URL, e.g. https://login.example.com/register (plain http only for a server on 127.0.0.1 or localhost).'],
  ])('%s is refused where the server is declared', (_, options, message) => {
    expect(() => AuthorizationServer.dynamicRegistration(options)).toThrow(`AuthorizationServer.dynamicRegistration: ${message}`);
  });

  test.each([
    ['missing', {}, 'missing'],
    ['not a string (JavaScript)', { issuer: { url: 'https://login.example.com' } }, '{"url":"https://login.example.com"}, not a string'],
  ])('an issuer %s is refused where the server is declared', (_, options, given) => {
    expect(() => AuthorizationServer.dynamicRegistration(options as unknown as DynamicRegistrationOptions)).toThrow(new Error(
      `AuthorizationServer.dynamicRegistration: issuer is ${given}. Give the server's issuer URL, e.g. https://login.example.com/realms/main: `
      + 'its metadata names the registration endpoint.'));
  });

  test('options of the wrong kind (JavaScript) are refused where the server is declared, naming what to give; a token given as text is not repeated', () => {
    const where = 'AuthorizationServer.dynamicRegistration (issuer https://login.example.com)';
    const given = (options: object) => () => AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com', ...options } as DynamicRegistrationOptions);
    const tokenAsText = given({ initialAccessToken: 'eyJ-initial-access-token' });
    expect(tokenAsText).toThrow(new Error(`${where}: initialAccessToken is text, not a Secrets Manager secret. Store the token in a secret outside `
      + "the app and give that: secretsmanager.Secret.fromSecretNameV2(this, 'InitialAccessToken', name). The token itself must not be in the "
      + 'app, which would write it into the template.'));
    expect(tokenAsText).not.toThrow(/eyJ-initial/);
    expect(given({ initialAccessToken: { secretName: 'initial-access-token' } })).toThrow(`${where}: initialAccessToken is no secret, not a Secrets Manager secret.`);
    expect(given({ vpc: 'vpc-0abc' })).toThrow(new Error(`${where}: vpc is "vpc-0abc", not a VPC. Give the VPC's construct, e.g. `
      + "ec2.Vpc.fromLookup(this, 'Vpc', { vpcId })."));
    expect(given({ caBundle: Buffer.from('-----BEGIN CERTIFICATE-----') })).toThrow(new Error(`${where}: caBundle is not text. Give the PEM `
      + "text of the certificates, e.g. fs.readFileSync('internal-ca.pem', 'utf8')."));
  });

  test.each([
    'https://login.example.com', 'https://login.example.com/realms/main/', 'http://127.0.0.1:8080', 'http://[::1]:8080/op', 'http://localhost:3000',
  ])('%s is accepted', (issuer) => {
    expect(() => AuthorizationServer.dynamicRegistration({ issuer, registrationEndpoint: `${issuer.replace(/\/$/, '')}/reg` })).not.toThrow();
  });

  test('a registration endpoint may have a query (only an issuer never has one)', () => {
    expect(() => AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com', registrationEndpoint: 'https://login.example.com/reg?realm=main' }))
      .not.toThrow();
  });

  test('an issuer that is a token is judged by the provider at deploy time', () => {
    const { stack } = dcrStack();
    const issuer = new CfnParameter(stack, 'Issuer').valueAsString;
    const server = AuthorizationServer.dynamicRegistration({ issuer });
    new ConfidentialClient(stack, 'Api', { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'] });
    Template.fromStack(stack).hasResourceProperties('Custom::OAuthClientRegistration', { Issuer: { Ref: 'Issuer' } });
  });
});

describe('caBundle: the certificate authorities of a server with an internal CA', () => {
  const pki = makePki();
  const another = makePki('Another CA');
  const where = 'AuthorizationServer.dynamicRegistration (issuer https://login.internal.example): caBundle';
  const declare = (caBundle: string) => AuthorizationServer.dynamicRegistration({ issuer: 'https://login.internal.example', caBundle });

  test('is given to the provider with the client (a bundle of two certificates), from the stack\'s mapping', () => {
    const { stack } = dcrStack();
    const caBundle = `${pki.caPem}${another.caPem}`;
    new ConfidentialClient(stack, 'Api', { authorizationServer: declare(caBundle), applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'] });
    const template = Template.fromStack(stack);
    const [key] = Object.keys(template.toJSON().Mappings.CdkOAuthClientsCaBundles);
    template.templateMatches({ Mappings: { CdkOAuthClientsCaBundles: { [key]: { Pem: caBundle } } } });
    template.hasResourceProperties('Custom::OAuthClientRegistration', {
      Issuer: 'https://login.internal.example',
      CaBundle: { 'Fn::FindInMap': ['CdkOAuthClientsCaBundles', key, 'Pem'] },
    });
  });

  test('is written into the template once per stack, however many clients of the server the stack has', () => {
    const { stack } = dcrStack();
    const internal = declare(pki.caPem);
    const m2m = { applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'] };
    for (const id of ['A', 'B', 'C']) new ConfidentialClient(stack, id, { authorizationServer: internal, ...m2m });
    // Another server with the same CA (declared apart), and a server with another CA.
    new ConfidentialClient(stack, 'D', { authorizationServer: declare(pki.caPem), ...m2m });
    new ConfidentialClient(stack, 'E', {
      authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: 'https://login.partner.example', caBundle: another.caPem }), ...m2m,
    });

    const template = Template.fromStack(stack).toJSON();
    const text = JSON.stringify(template);
    const body = (pem: string) => JSON.stringify(pem.split('\n')[1]).slice(1, -1);
    expect(text.split(body(pki.caPem)).length - 1).toBe(1);
    expect(text.split(body(another.caPem)).length - 1).toBe(1);
    expect(Object.values(template.Mappings.CdkOAuthClientsCaBundles)).toEqual([{ Pem: pki.caPem }, { Pem: another.caPem }]);
    const references = Object.values(template.Resources as Record<string, any>)
      .filter((r) => r.Type === 'Custom::OAuthClientRegistration')
      .map((r) => r.Properties.CaBundle['Fn::FindInMap'][1]);
    expect(references).toHaveLength(5);
    expect(new Set(references.slice(0, 4)).size).toBe(1);
    expect(references[4]).not.toBe(references[0]);
  });

  test('a server named by clients of two stacks, one of them nested: each stack\'s template holds the bundle its clients refer to', () => {
    const app = new App();
    const internal = declare(pki.caPem);
    const m2m = { authorizationServer: internal, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'] };
    const first = new Stack(app, 'First');
    const nested = new NestedStack(first, 'Nested');
    const second = new Stack(app, 'Second');
    for (const stack of [first, nested, second]) new ConfidentialClient(stack, 'Api', m2m);
    for (const stack of [first, nested, second]) {
      const template = Template.fromStack(stack).toJSON();
      const [key] = Object.keys(template.Mappings.CdkOAuthClientsCaBundles);
      expect(template.Mappings.CdkOAuthClientsCaBundles[key]).toEqual({ Pem: pki.caPem });
      Template.fromStack(stack).hasResourceProperties('Custom::OAuthClientRegistration', {
        CaBundle: { 'Fn::FindInMap': ['CdkOAuthClientsCaBundles', key, 'Pem'] },
      });
    }
  });

  test('a private key in it is refused where the server is declared, and the error does not quote it', () => {
    const bundle = `${pki.caPem}${pki.server.key}`;
    let error: Error | undefined;
    try {
      declare(bundle);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toBe(`${where} holds a private key, which would be written into the template. It takes the certificates of the `
      + 'certificate authorities only (-----BEGIN CERTIFICATE-----): remove the key from the text, and keep it out of the app.');
    const keyBody = pki.server.key.split('\n')[1];
    expect(keyBody.length).toBeGreaterThan(20);
    expect(error!.message).not.toContain(keyBody);
  });

  test.each([
    ['another kind of block', '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n',
      'holds a CERTIFICATE REQUEST block; it takes certificates only (-----BEGIN CERTIFICATE-----): remove the other blocks.'],
    ['no PEM at all', '/etc/ssl/internal-ca.pem',
      'holds no PEM certificate (-----BEGIN CERTIFICATE-----): give the PEM text of the certificate authorities that issued the server\'s '
      + 'certificate, e.g. fs.readFileSync(\'internal-ca.pem\', \'utf8\').'],
  ])('%s is refused', (_, caBundle, message) => {
    expect(() => declare(caBundle)).toThrow(new Error(`${where} ${message}`));
  });

  test('a certificate that cannot be read is refused, and named by its place in the bundle', () => {
    const broken = pki.caPem.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!');
    expect(() => declare(`${another.caPem}${broken}`)).toThrow(new RegExp(`^${where.replace(/[().]/g, '\\$&')}: certificate 2 of 2 cannot be read \\(.+\\)\\. `
      + 'Give it as the PEM text `openssl x509 -outform PEM` writes\\.$'));
  });

  test('a token is given to the provider as it is', () => {
    const { stack } = dcrStack();
    const caBundle = new CfnParameter(stack, 'CaBundle').valueAsString;
    new ConfidentialClient(stack, 'Api', { authorizationServer: declare(caBundle), applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'] });
    Template.fromStack(stack).hasResourceProperties('Custom::OAuthClientRegistration', { CaBundle: { Ref: 'CaBundle' } });
  });
});

describe('the private_key_jwt key and algorithm', () => {
  const m2m = { applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'] };
  const pkjwt = { ...m2m, tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT };
  const signKey = (stack: Stack, keySpec: kms.KeySpec) => new kms.Key(stack, 'Key', { keySpec, keyUsage: kms.KeyUsage.SIGN_VERIFY });

  test.each([
    ['a signing key', (stack: Stack) => ({ signingKey: signKey(stack, kms.KeySpec.RSA_2048) }), 'signingKey is', 'it', 'signingKey'],
    ['an assertion algorithm', () => ({ tokenEndpointAuthSigningAlgorithm: SigningAlgorithm.ES256 }), 'tokenEndpointAuthSigningAlgorithm is', 'it',
      'tokenEndpointAuthSigningAlgorithm'],
    ['both', (stack: Stack) => ({ signingKey: signKey(stack, kms.KeySpec.RSA_2048), tokenEndpointAuthSigningAlgorithm: SigningAlgorithm.RS256 }),
      'signingKey and tokenEndpointAuthSigningAlgorithm are', 'them', 'signingKey and tokenEndpointAuthSigningAlgorithm'],
  ])('%s on a client of another method is refused, not ignored', (_, given, subject, pronoun, names) => {
    const { stack, server } = dcrStack();
    expect(() => new ConfidentialClient(stack, 'Api', { authorizationServer: server, ...m2m, ...given(stack) })).toThrow(new Error(
      `ConfidentialClient 'Stack/Api': ${subject} for private_key_jwt, but tokenEndpointAuthMethod is client_secret_basic, which would ignore `
      + `${pronoun}. Set tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT, or remove ${names}.`));
    expect(stack.node.findChild('Api').node.children).toHaveLength(0);
  });

  test.each([SigningAlgorithm.HS256, SigningAlgorithm.EDDSA, SigningAlgorithm.NONE])('%s assertions are refused: no KMS key signs them', (alg) => {
    const { stack, server } = dcrStack();
    expect(() => new ConfidentialClient(stack, 'Api', { authorizationServer: server, ...pkjwt, tokenEndpointAuthSigningAlgorithm: alg })).toThrow(new Error(
      `ConfidentialClient 'Stack/Api': tokenEndpointAuthSigningAlgorithm ${alg.value} cannot be signed with a KMS key. `
      + 'Use RS256, PS256 or ES256 (or their 384 and 512 forms).'));
    expect(stack.node.findChild('Api').node.children).toHaveLength(0);
  });

  test.each([
    ['a symmetric key (the kms.Key default)', (stack: Stack) => new kms.Key(stack, 'Key'), SigningAlgorithm.RS256,
      'is a key of spec SYMMETRIC_DEFAULT for ENCRYPT_DECRYPT, but RS256 assertions need a key of spec RSA_2048, RSA_3072 or RSA_4096 for SIGN_VERIFY. '
      + 'Declare it with keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.SIGN_VERIFY, or leave signingKey out for a new one.'],
    ['an RSA key for encryption', (stack: Stack) => new kms.Key(stack, 'Key', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT }),
      SigningAlgorithm.PS256, 'is a key of spec RSA_2048 for ENCRYPT_DECRYPT, but PS256 assertions need a key of spec RSA_2048, RSA_3072 or RSA_4096 for SIGN_VERIFY.'],
    ['a P-256 key for RS256', (stack: Stack) => signKey(stack, kms.KeySpec.ECC_NIST_P256), SigningAlgorithm.RS256,
      'is a key of spec ECC_NIST_P256 for SIGN_VERIFY, but RS256 assertions need a key of spec RSA_2048, RSA_3072 or RSA_4096 for SIGN_VERIFY.'],
    ['a P-256 key for ES384', (stack: Stack) => signKey(stack, kms.KeySpec.ECC_NIST_P256), SigningAlgorithm.ES384,
      'is a key of spec ECC_NIST_P256 for SIGN_VERIFY, but ES384 assertions need a key of spec ECC_NIST_P384 for SIGN_VERIFY. '
      + 'Declare it with keySpec: kms.KeySpec.ECC_NIST_P384'],
  ])('%s of this app is refused at synth', (_, key, alg, message) => {
    const { stack, server } = dcrStack();
    const signingKey = key(stack);
    expect(() => new ConfidentialClient(stack, 'Api', { authorizationServer: server, ...pkjwt, signingKey, tokenEndpointAuthSigningAlgorithm: alg }))
      .toThrow(`ConfidentialClient 'Stack/Api': signingKey 'Stack/Key' ${message}`);
    expect(stack.node.findChild('Api').node.children).toHaveLength(0);
  });

  test('a fitting key of this app is used as it is: no new key, and the engine knows its size', () => {
    const { stack, server } = dcrStack();
    const signingKey = signKey(stack, kms.KeySpec.RSA_4096);
    const api = new ConfidentialClient(stack, 'Api', { authorizationServer: server, ...pkjwt, signingKey, tokenEndpointAuthSigningAlgorithm: SigningAlgorithm.PS256 });
    expect(api.signingKey).toBe(signingKey);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 2); // the given key, and the stack's key for the secrets the provider stores
    template.hasResourceProperties('Custom::OAuthClientRegistration', {
      SigningKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
      SigningAlgorithm: 'PS256',
      Description: Match.objectLike({ jwks: [{ keyType: 'RSA', sizeBits: 4096 }] }),
    });
  });

  test('a key imported by ARN is accepted at synth; the provider checks its spec at deploy time', () => {
    const { stack, server } = dcrStack();
    const signingKey = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const api = new ConfidentialClient(stack, 'Api', { authorizationServer: server, ...pkjwt, signingKey, tokenEndpointAuthSigningAlgorithm: SigningAlgorithm.ES256 });
    expect(api.signingKey).toBe(signingKey);
    Template.fromStack(stack).hasResourceProperties('Custom::OAuthClientRegistration', {
      SigningKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      Description: Match.objectLike({ jwks: [{ keyType: 'EC', sizeBits: 256 }] }),
    });
  });
});

describe('many private_key_jwt clients in one stack: the provider\'s role stays within IAM\'s policy sizes', () => {
  test('130 signing keys: none in the role\'s own policy, 60 at most per managed policy, each registration waits for its key\'s policy', () => {
    const app = new App();
    const stack = new Stack(app, 'Clients', { env: { account: '123456789012', region: 'ap-southeast-2' } });
    const server = AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' });
    for (let i = 0; i < 130; i++) {
      new ConfidentialClient(stack, `Api${i}`, {
        authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'], tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
      });
    }
    const template = Template.fromStack(stack);
    // The size IAM counts: the document without whitespace, with each key's ARN as long as this region makes it.
    const keyArn = 'arn:aws:kms:ap-southeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const size = (document: unknown) => JSON.stringify(document, (_key, value) => (value?.['Fn::GetAtt'] ? keyArn : value)).length;

    const [inline] = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^CdkOAuthClientsProvider') } }));
    expect(JSON.stringify(inline)).not.toContain('kms:GetPublicKey');
    expect(size(inline.Properties.PolicyDocument)).toBeLessThan(2000);

    const managed = template.findResources('AWS::IAM::ManagedPolicy');
    const keysOf = (id: string): string[] => managed[id].Properties.PolicyDocument.Statement[0].Resource.map((r: { 'Fn::GetAtt': string[] }) => r['Fn::GetAtt'][0]);
    expect(Object.values(managed).map((p) => p.Properties.PolicyDocument.Statement[0].Resource.length)).toEqual([60, 60, 10]);
    for (const policy of Object.values(managed)) {
      expect(policy.Properties.Roles).toEqual([{ Ref: expect.stringMatching(/^CdkOAuthClientsProviderRole/) }]);
      expect(size(policy.Properties.PolicyDocument)).toBeLessThan(6144);
    }
    const [provider] = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(provider.DependsOn).toEqual(expect.arrayContaining(Object.keys(managed)));
    const registrations = Object.values(template.findResources('Custom::OAuthClientRegistration'));
    expect(registrations).toHaveLength(130);
    for (const registration of registrations) {
      const key = registration.Properties.SigningKeyArn['Fn::GetAtt'][0];
      const holders = Object.keys(managed).filter((id) => keysOf(id).includes(key));
      expect(holders).toHaveLength(1);
      expect(registration.DependsOn).toContain(holders[0]);
    }
  });
});

describe('KMS aliases: IAM grants key operations on key ARNs only', () => {
  const pkjwt = { applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'], tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT };

  test('an alias of this app stands for its target key: the provider, the registration and every grant name the key', () => {
    const { stack, server } = dcrStack();
    const key = new kms.Key(stack, 'Key', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.SIGN_VERIFY });
    const alias = new kms.Alias(stack, 'Alias', { aliasName: 'alias/billing-client', targetKey: key });
    const api = new ConfidentialClient(stack, 'Api', { authorizationServer: server, ...pkjwt, signingKey: alias });
    expect(api.signingKey).toBe(key);
    api.grantRead(new iam.Role(stack, 'Service', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));

    const template = Template.fromStack(stack);
    const keyArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] };
    template.hasResourceProperties('Custom::OAuthClientRegistration', { SigningKeyArn: keyArn });
    const statements = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']
      .flatMap((type) => Object.values(template.findResources(type))).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const kmsStatements = statements.filter((st: { Action: string | string[] }) => [st.Action].flat().some((a) => a.startsWith('kms:Sign') || a === 'kms:GetPublicKey'));
    const theKey = { 'Fn::GetAtt': [expect.stringMatching(/^Key/), 'Arn'] };
    expect(kmsStatements).toEqual([
      { Effect: 'Allow', Action: ['kms:Sign', 'kms:GetPublicKey'], Resource: theKey },
      { Effect: 'Allow', Action: 'kms:GetPublicKey', Resource: theKey },
    ]);
    expect(JSON.stringify(statements)).not.toContain('alias/');
  });

  test.each([
    ['imported by name', (stack: Stack) => kms.Alias.fromAliasName(stack, 'Alias', 'alias/billing-client'),
      "the alias 'alias/billing-client' imported by name (Alias.fromAliasName, whose grants do nothing)"],
    ['given as a key ARN', (stack: Stack) => kms.Key.fromKeyArn(stack, 'Alias', 'arn:aws:kms:eu-west-1:123456789012:alias/billing-client'),
      "the alias ARN 'arn:aws:kms:eu-west-1:123456789012:alias/billing-client'"],
  ])('an alias %s is refused with the fix; nothing is created', (_, alias, given) => {
    const { stack, server } = dcrStack();
    const signingKey = alias(stack);
    expect(() => new ConfidentialClient(stack, 'Api', { authorizationServer: server, ...pkjwt, signingKey })).toThrow(new Error(
      `ConfidentialClient 'Stack/Api': signingKey is ${given}. IAM grants KMS key operations only on a key's ARN, never on an alias ARN, `
      + 'so neither the provider nor a grantee could use it. Give the key itself (kms.Key.fromKeyArn with the key ARN), or the alias with its '
      + 'target key (kms.Alias.fromAliasAttributes({ aliasName, aliasTargetKey })).'));
    expect(stack.node.findChild('Api').node.children).toHaveLength(0);
    expect(stack.node.tryFindChild('CdkOAuthClientsProvider')).toBeUndefined();
  });

  test('the secret\'s encryption key given as an alias of this app: the secret and the grants name the key', () => {
    const { stack, server } = dcrStack();
    const key = new kms.Key(stack, 'SecretsKey', { enableKeyRotation: true });
    const alias = key.addAlias('alias/client-secrets');
    const api = new ConfidentialClient(stack, 'Api', { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'], secretEncryptionKey: alias });
    api.grantRead(new iam.Role(stack, 'Service', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::OAuthClientRegistration', { KmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SecretsKey'), 'Arn'] } });
    template.resourceCountIs('AWS::KMS::Key', 1);
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('alias/');
  });

  test('an imported client whose signing key is an alias imported by name is refused too', () => {
    const { stack } = dcrStack();
    expect(() => ConfidentialClient.fromConfidentialClientAttributes(stack, 'Billing', {
      clientId: 'billing', signingKey: kms.Alias.fromAliasName(stack, 'Alias', 'alias/billing-client'),
    })).toThrow("ConfidentialClient 'Stack/Billing': signingKey is the alias 'alias/billing-client' imported by name");
  });

  test('a key given as its ARN, or as anything else that is no key (JavaScript), is refused, naming the construct to give', () => {
    const { stack, server } = dcrStack();
    const arn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], secretEncryptionKey: arn as unknown as kms.IKey,
    })).toThrow(new Error(`ConfidentialClient 'Stack/Web': secretEncryptionKey is "${arn}", not a KMS key. Give the key's construct, e.g. `
      + `kms.Key.fromKeyArn(this, 'Key', '${arn}').`));
    expect(() => ConfidentialClient.fromConfidentialClientAttributes(stack, 'Billing', { clientId: 'billing', signingKey: arn as unknown as kms.IKey }))
      .toThrow(`ConfidentialClient 'Stack/Billing': signingKey is "${arn}", not a KMS key.`);
    // Something that is neither a key nor its ARN: the example names the ARN to give, without quoting what was given.
    expect(() => new ConfidentialClient(stack, 'Web2', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], secretEncryptionKey: { arn } as unknown as kms.IKey,
    })).toThrow(new Error(`ConfidentialClient 'Stack/Web2': secretEncryptionKey is {"arn":"${arn}"}, not a KMS key. Give the key's construct, e.g. `
      + 'kms.Key.fromKeyArn(this, \'Key\', the key ARN).'));
  });
});

describe('the FAPI 2.0 profile on dynamic registration: its secure defaults are registered', () => {
  const fapi = { profile: ValidationProfile.FAPI_2_0, tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT };

  test('a machine-to-machine client: PS256 assertions and ID tokens, DPoP-bound access tokens, and no FAPI finding', () => {
    const { app, stack, server } = dcrStack();
    new ConfidentialClient(stack, 'Payments', { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['payments'], ...fapi });
    expect(() => app.synth()).not.toThrow();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::OAuthClientRegistration', {
      SigningAlgorithm: 'PS256',
      ClientMetadata: Match.objectLike({
        token_endpoint_auth_signing_alg: 'PS256',
        id_token_signed_response_alg: 'PS256',
        dpop_bound_access_tokens: true,
        require_pushed_authorization_requests: Match.absent(),
      }),
    });
    template.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
  });

  test('a web client also requires pushed authorization requests, and does not rotate refresh tokens (FAPI-008)', () => {
    const { app, stack, server } = dcrStack();
    new ConfidentialClient(stack, 'Bank', { authorizationServer: server, redirectUris: ['https://bank.example.com/cb'], ...fapi });
    expect(() => app.synth()).not.toThrow();
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    Template.fromStack(stack).hasResourceProperties('Custom::OAuthClientRegistration', {
      ClientMetadata: Match.objectLike({ dpop_bound_access_tokens: true, require_pushed_authorization_requests: true, grant_types: ['authorization_code', 'refresh_token'] }),
      Description: Match.objectLike({ senderConstrainedTokens: true, requirePushedAuthorizationRequests: true, refreshTokenRotation: false }),
    });
  });

  test('the profile alone makes a compliant client: private_key_jwt with a new KMS key, no secret', () => {
    const { app, stack, server } = dcrStack();
    const payments = new ConfidentialClient(stack, 'Payments', {
      authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['payments'], profile: ValidationProfile.FAPI_2_0,
    });
    expect(() => app.synth()).not.toThrow();
    expect(payments.clientSecret).toBeUndefined();
    expect(payments.signingKey).toBeDefined();
    Template.fromStack(stack).hasResourceProperties('Custom::OAuthClientRegistration', {
      ClientMetadata: Match.objectLike({ token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'PS256', dpop_bound_access_tokens: true }),
    });
  });

  test('a control turned off is judged: FAPI-005 and FAPI-007 name the prop to set', () => {
    const { app, stack, server } = dcrStack();
    new ConfidentialClient(stack, 'Bank', {
      authorizationServer: server, redirectUris: ['https://bank.example.com/cb'], ...fapi, senderConstrainedTokens: false, requirePushedAuthorizationRequests: false,
    });
    const error = (() => { try { app.synth(); return ''; } catch (e) { return (e as Error).message; } })();
    expect(error).toContain("[FAPI-005] ConfidentialClient 'Stack/Bank': FAPI 2.0 requires pushed authorization requests, but they are not required "
      + '(FAPI 2.0 SP §5.3.2.2). Set requirePushedAuthorizationRequests: true.');
    expect(error).toContain("[FAPI-007] ConfidentialClient 'Stack/Bank': FAPI 2.0 requires sender-constrained access tokens");
  });

  test('outside the profile nothing is added, and either control can be asked for', () => {
    const { stack, server } = dcrStack();
    new ConfidentialClient(stack, 'Api', { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'] });
    new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'], senderConstrainedTokens: true, requirePushedAuthorizationRequests: true });
    const metadata = Object.values(Template.fromStack(stack).findResources('Custom::OAuthClientRegistration')).map((r) => r.Properties.ClientMetadata);
    expect(metadata.map((m) => [m.id_token_signed_response_alg, m.dpop_bound_access_tokens, m.require_pushed_authorization_requests]))
      .toEqual([['RS256', undefined, undefined], ['RS256', true, true]]);
  });
});
