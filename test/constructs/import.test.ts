import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { ApplicationType, AuthorizationServer, ConfidentialClient, PublicClient, TokenEndpointAuthMethod } from '../../src';

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
    expect(() => client.grantRead(role)).toThrow("ConfidentialClient 'Consumer/Bare' has neither a client secret nor a signing key to grant.");
  });

  test('an imported public client has its ID and creates nothing', () => {
    const { stack } = stackWithRole();
    expect(PublicClient.fromClientId(stack, 'Spa', 'spa-client').clientId).toBe('spa-client');
    Template.fromStack(stack).resourcePropertiesCountIs('AWS::Cognito::UserPoolClient', Match.anyValue(), 0);
  });
});
