import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { ApplicationType, AuthorizationServer, ConfidentialClient, IOAuthClient, PublicClient, TokenEndpointAuthMethod } from '../../src';

function stackWithRole() {
  const stack = new Stack(new App(), 'Consumer');
  const role = new iam.Role(stack, 'Service', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  return { stack, role };
}

describe('clients declared elsewhere', () => {
  test('an imported confidential client grants read of its secret', () => {
    const { stack, role } = stackWithRole();
    const secret = secretsmanager.Secret.fromSecretCompleteArn(stack, 'Secret', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:cdk-oauth-clients/Auth/Web-AbCdEf');
    const web = ConfidentialClient.fromConfidentialClientAttributes(stack, 'Web', { clientId: 'abc123', clientSecret: secret });
    web.grantRead(role);

    expect(web.clientId).toBe('abc123');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: secret.secretArn }] },
    });
  });

  test('an imported private_key_jwt client grants kms:Sign on its key', () => {
    const { stack, role } = stackWithRole();
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-1:123456789012:key/abcd');
    ConfidentialClient.fromConfidentialClientAttributes(stack, 'Api', { clientId: 'api', signingKey: key }).grantRead(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['kms:Sign', 'kms:GetPublicKey'], Resource: 'arn:aws:kms:eu-west-1:123456789012:key/abcd' }] },
    });
  });

  test.each([
    ['a secret', TokenEndpointAuthMethod.CLIENT_SECRET_BASIC, ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']],
    ['a KMS signing key', TokenEndpointAuthMethod.PRIVATE_KEY_JWT, ['kms:Sign', 'kms:GetPublicKey']],
  ])('a client with %s, declared in an auth stack and imported into a service stack, grants there without a dependency cycle', (_, method, firstActions) => {
    const app = new App();
    const auth = new Stack(app, 'Auth');
    const api = new ConfidentialClient(auth, 'Api', {
      authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' }),
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      scopes: ['api:read'],
      tokenEndpointAuthMethod: method,
    });
    const service = new Stack(app, 'Service');
    const role = new iam.Role(service, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    ConfidentialClient.fromConfidentialClientAttributes(service, 'Api', {
      clientId: api.clientId, clientSecret: api.clientSecret, signingKey: api.signingKey,
    }).grantRead(role);

    app.synth();
    expect(service.dependencies.map((s) => s.stackName)).toEqual(['Auth']);
    expect(auth.dependencies).toEqual([]);
    const [policy] = Object.values(Template.fromStack(service).findResources('AWS::IAM::Policy'));
    expect(policy.Properties.PolicyDocument.Statement[0].Action).toEqual(firstActions);
  });

  test('an imported client without credentials says so', () => {
    const { stack, role } = stackWithRole();
    const client = ConfidentialClient.fromConfidentialClientAttributes(stack, 'Bare', { clientId: 'x' });
    expect(() => client.grantRead(role)).toThrow("ConfidentialClient 'Consumer/Bare' has neither a client secret nor a signing key to grant. "
      + 'Import it with its clientSecret (its credentials in Secrets Manager) or its signingKey (the KMS key of its private_key_jwt assertions).');
  });

  test('an imported public client has its ID and creates nothing', () => {
    const { stack } = stackWithRole();
    expect(PublicClient.fromClientId(stack, 'Spa', 'spa-client').clientId).toBe('spa-client');
    Template.fromStack(stack).resourcePropertiesCountIs('AWS::Cognito::UserPoolClient', Match.anyValue(), 0);
  });

  test('an imported public client has no issuer unless it is given one', () => {
    const { stack } = stackWithRole();
    expect(PublicClient.fromClientId(stack, 'Spa', 'spa-client').issuer).toBeUndefined();
    const spa = PublicClient.fromPublicClientAttributes(stack, 'Mobile', { clientId: 'mobile', issuer: 'https://login.example.com' });
    expect(spa.clientId).toBe('mobile');
    expect(spa.issuer).toBe('https://login.example.com');
    const web = ConfidentialClient.fromConfidentialClientAttributes(stack, 'Web', { clientId: 'web', issuer: 'https://login.example.com/realms/main' });
    expect(web.issuer).toBe('https://login.example.com/realms/main');
  });

  test('a Cognito client\'s issuer and ID reach another stack through IOAuthClient, as imports of the pool\'s stack', () => {
    const app = new App();
    const auth = new Stack(app, 'Auth', { env: { region: 'eu-west-1' } });
    const pool = new cognito.UserPool(auth, 'Pool');
    const spa = new PublicClient(auth, 'Spa', {
      authorizationServer: AuthorizationServer.cognito(pool),
      applicationType: ApplicationType.SINGLE_PAGE,
      redirectUris: ['https://app.example.com/callback'],
    });
    const service = new Stack(app, 'Service', { env: { region: 'eu-west-1' } });
    // What a consumer writes once for any client, declared here or imported.
    const oidcConfig = (client: IOAuthClient) => ({ authority: client.issuer, client_id: client.clientId });
    const imported = PublicClient.fromPublicClientAttributes(service, 'Spa', { clientId: spa.clientId, issuer: spa.issuer });
    new CfnOutput(service, 'Authority', { value: oidcConfig(imported).authority! });
    new CfnOutput(service, 'ClientId', { value: oidcConfig(imported).client_id });

    app.synth();
    expect(service.dependencies.map((s) => s.stackName)).toEqual(['Auth']);
    const outputs = Template.fromStack(service).toJSON().Outputs;
    // The issuer is built in the service stack from the imported pool ID, in the same region and partition.
    expect(outputs.Authority.Value).toEqual({ 'Fn::Join': ['', ['https://cognito-idp.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/', { 'Fn::ImportValue': expect.stringMatching(/^Auth:ExportsOutputRefPool/) }]] });
    expect(outputs.ClientId.Value).toEqual({ 'Fn::ImportValue': expect.stringMatching(/^Auth:ExportsOutputRefSpa/) });
  });

  test.each([
    ['login.example.com', "issuer 'login.example.com' is not an absolute URL. Give the full https URL, e.g. https://login.example.com/realms/main."],
    ['http://login.example.com', "issuer 'http://login.example.com' is not an https URL"],
    ['https://login.example.com/.well-known/openid-configuration', "issuer 'https://login.example.com/.well-known/openid-configuration' is a metadata URL, not the issuer"],
  ])('an imported client given %s as its issuer is refused, naming the construct and the fix', (issuer, message) => {
    const { stack } = stackWithRole();
    expect(() => PublicClient.fromPublicClientAttributes(stack, 'Spa', { clientId: 'spa', issuer }))
      .toThrow(`PublicClient 'Consumer/Spa': ${message}`);
    expect(() => ConfidentialClient.fromConfidentialClientAttributes(stack, 'Web', { clientId: 'web', issuer }))
      .toThrow(`ConfidentialClient 'Consumer/Web': ${message}`);
  });

  test.each([['missing', undefined], ['empty', '']])('an imported client whose client ID is %s (JavaScript, an unset environment variable) is refused', (what, clientId) => {
    const { stack } = stackWithRole();
    const fix = 'Give the ID of the client declared elsewhere (its clientId, or an import of the output that carries it).';
    const id = clientId as string;
    expect(() => PublicClient.fromClientId(stack, 'Cli', id)).toThrow(new Error(`PublicClient 'Consumer/Cli': clientId is ${what}. ${fix}`));
    expect(() => PublicClient.fromPublicClientAttributes(stack, 'Spa', { clientId: id })).toThrow(new Error(`PublicClient 'Consumer/Spa': clientId is ${what}. ${fix}`));
    expect(() => ConfidentialClient.fromConfidentialClientAttributes(stack, 'Web', { clientId: id }))
      .toThrow(new Error(`ConfidentialClient 'Consumer/Web': clientId is ${what}. ${fix}`));
  });

  test('AuthorizationServer.cognito given a domain that is no user pool domain (its prefix, from JavaScript) is refused, naming what to give', () => {
    const pool = new cognito.UserPool(new Stack(new App(), 'Auth'), 'Users');
    expect(() => AuthorizationServer.cognito(pool, { domain: 'my-app-auth' as unknown as cognito.IUserPoolDomain })).toThrow(new Error(
      'AuthorizationServer.cognito: domain "my-app-auth" is not a user pool domain. Give the domain\'s construct: '
      + "userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'my-app-auth' } }), or one imported with "
      + 'cognito.UserPoolDomain.fromDomainName(this, id, domainName).'));
  });
});
