import { CfnParameter, CfnResource, Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { cognitoStack, synthError } from './helpers';
import {
  AuthorizationServer, AuthorizationServerKind, ClientRegistration, ClientRegistrationRequest, ConfidentialClient, IAuthorizationServer,
  TokenEndpointAuthMethod,
} from '../../src';

const OWN_SECRETS = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':secret:cdk-oauth-clients/Stack/*']] };

function rotatingClient(secretRotation: Duration = Duration.days(30)) {
  const fixture = cognitoStack();
  const web = new ConfidentialClient(fixture.stack, 'Web', { authorizationServer: fixture.server, redirectUris: ['https://app.example.com/cb'], secretRotation });
  return { ...fixture, web };
}

/** The logical ID of the resource at the path. */
function logicalId(fixture: ReturnType<typeof rotatingClient>, path: string): string {
  const construct = fixture.app.node.findAll().find((c) => c.node.path === path)!;
  return fixture.stack.resolve((construct as unknown as { logicalId: string }).logicalId);
}

test('secretRotation: Secrets Manager rotates the secret with the stack\'s provider on the schedule, from one period after deployment', () => {
  const fixture = rotatingClient();
  const template = Template.fromStack(fixture.stack);
  const secret = logicalId(fixture, 'Stack/Web/Secret/Default');
  const provider = logicalId(fixture, 'Stack/CdkOAuthClientsProvider/Function/Resource');

  template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
  template.hasResource('AWS::SecretsManager::RotationSchedule', {
    Properties: {
      SecretId: { 'Fn::GetAtt': [secret, 'SecretArn'] },
      RotationLambdaARN: { 'Fn::GetAtt': [provider, 'Arn'] },
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
      RotateImmediatelyOnUpdate: false,
    },
    // The grants it runs with, and the permission to invoke it.
    DependsOn: [logicalId(fixture, 'Stack/Web/SecretRotationPermission'), logicalId(fixture, 'Stack/CdkOAuthClientsProvider/Policy/Resource')].sort(),
  });
  // Secrets Manager may invoke the provider for this secret of this account only (confused-deputy protection).
  template.hasResourceProperties('AWS::Lambda::Permission', {
    Action: 'lambda:InvokeFunction',
    FunctionName: { 'Fn::GetAtt': [provider, 'Arn'] },
    Principal: 'secretsmanager.amazonaws.com',
    SourceAccount: { Ref: 'AWS::AccountId' },
    SourceArn: { 'Fn::GetAtt': [secret, 'SecretArn'] },
  });
  expect(synthError(fixture.app)).toBeUndefined();
});

test('the provider may add, list and delete the app client secrets of this pool only, and move the labels of this stack\'s secrets only', () => {
  const fixture = rotatingClient();
  const [policy] = Object.values(Template.fromStack(fixture.stack).findResources('AWS::IAM::Policy'));
  const statements = policy.Properties.PolicyDocument.Statement;

  expect(statements).toContainEqual({
    Effect: 'Allow',
    Action: ['cognito-idp:ListUserPoolClientSecrets', 'cognito-idp:AddUserPoolClientSecret', 'cognito-idp:DeleteUserPoolClientSecret'],
    Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Pool/), 'Arn'] },
  });
  expect(statements).toContainEqual({ Effect: 'Allow', Action: 'secretsmanager:UpdateSecretVersionStage', Resource: OWN_SECRETS });
  expect(statements).toContainEqual({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: OWN_SECRETS });
});

test('without secretRotation there is no schedule, no invoke permission and no rotation grant', () => {
  const fixture = cognitoStack();
  new ConfidentialClient(fixture.stack, 'Web', { authorizationServer: fixture.server, redirectUris: ['https://app.example.com/cb'] });
  const template = Template.fromStack(fixture.stack);

  template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
  template.resourceCountIs('AWS::Lambda::Permission', 0);
  expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toMatch(/UserPoolClientSecret|UpdateSecretVersionStage/);
});

test.each([
  [Duration.hours(4), 'rate(4 hours)'],
  [Duration.hours(23), 'rate(23 hours)'],
  [Duration.days(1), 'rate(1 day)'],
  [Duration.hours(48), 'rate(2 days)'],
  [Duration.days(1000), 'rate(1000 days)'],
])('secretRotation %s is the schedule %s', (rotation, expression) => {
  Template.fromStack(rotatingClient(rotation).stack).hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
    RotationRules: { ScheduleExpression: expression },
  });
});

test.each([Duration.days(0), Duration.hours(3), Duration.minutes(90), Duration.minutes(270), Duration.hours(25), Duration.days(1001)])('secretRotation %s is refused, and nothing is created', (rotation) => {
  const { stack, server } = cognitoStack();
  expect(() => new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'], secretRotation: rotation }))
    .toThrow(new Error(`ConfidentialClient 'Stack/Web': secretRotation is ${rotation.toHumanString()}, but Secrets Manager rotates a secret `
      + 'every 4 to 23 hours or every 1 to 1,000 days. Give a whole number of hours or days in that range, such as Duration.days(30).'));
  expect(stack.node.findChild('Web').node.children).toHaveLength(0);
});

test('secretRotation from a parameter is refused, naming the fix, and nothing is created', () => {
  const { stack, server } = cognitoStack();
  const days = new CfnParameter(stack, 'RotationDays', { type: 'Number' }).valueAsNumber;
  expect(() => new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'], secretRotation: Duration.days(days) }))
    .toThrow(/^ConfidentialClient 'Stack\/Web': secretRotation is .*, a value known only at deployment, but the rotation schedule is judged and written at synth\. Give a literal number of hours or days, such as Duration\.days\(30\)\.$/);
  expect(stack.node.findChild('Web').node.children).toHaveLength(0);
});

test('a client without a secret (private_key_jwt) has none to rotate: refused, and nothing is created', () => {
  const { stack } = cognitoStack();
  const server = AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' });
  const props = { authorizationServer: server, redirectUris: ['https://app.example.com/cb'], tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT };
  expect(() => new ConfidentialClient(stack, 'Web', { ...props, authorizationServer: cognitoStack().server, secretRotation: Duration.days(30) }))
    .toThrow(new Error("ConfidentialClient 'Stack/Web': secretRotation rotates the client secret, but tokenEndpointAuthMethod is private_key_jwt, "
      + 'which has none. Remove secretRotation.'));
  expect(stack.node.findChild('Web').node.children).toHaveLength(0);
});

test('dynamic registration refuses secretRotation before the client creates anything', () => {
  const { stack } = cognitoStack();
  const server = AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' });
  expect(() => new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'], secretRotation: Duration.days(30) }))
    .toThrow(new Error("ConfidentialClient 'Stack/Web' cannot be registered by dynamic client registration as declared:\n"
      + '  secretRotation (30 days): RFC 7591 and RFC 7592 define no way to have a server issue a second client secret while the first stays '
      + 'valid. To replace the secret, declare a second client, move the services to it, then remove the first, and remove secretRotation.'));
  expect(stack.node.findChild('Web').node.children).toHaveLength(0);
});

test('a rotation schedule of one\'s own on a rotating client\'s secret is still refused at synth; the library\'s is not', () => {
  const fixture = rotatingClient();
  new secretsmanager.CfnRotationSchedule(fixture.stack, 'Mine', { secretId: fixture.web.clientSecret!.secretArn, rotationRules: { scheduleExpression: 'rate(7 days)' } });

  const error = synthError(fixture.app)!;
  expect(error).toContain("Rotation schedule 'Stack/Mine': the authorization server issued the client secret 'Stack/Web/ClientSecret'");
  expect(error).not.toContain('Stack/Web/SecretRotation');
});

/** A backend of a user's own: a client resource and a secret, which it rotates when it says so. */
class OwnBackend implements IAuthorizationServer {
  public readonly kind = AuthorizationServerKind.GENERIC;
  public constructor(private readonly rotates: boolean) {}

  public registerClient(scope: Construct, request: ClientRegistrationRequest): ClientRegistration {
    const resource = new CfnResource(scope, 'Registration', { type: 'Custom::OwnClient', properties: { Name: scope.node.path } });
    const clientSecret = new secretsmanager.Secret(scope, 'Secret');
    if (!this.rotates || request.secretRotation === undefined) return { clientId: resource.ref, clientSecret, resource };
    new secretsmanager.CfnRotationSchedule(scope, 'Rotation', {
      secretId: clientSecret.secretArn,
      rotationLambdaArn: 'arn:aws:lambda:eu-west-1:111122223333:function:rotate-own-client',
      rotationRules: { scheduleExpression: `rate(${request.secretRotation.toDays()} days)` },
    });
    return { clientId: resource.ref, clientSecret, resource, rotatesSecret: true };
  }
}

test('a backend of one\'s own that does not say it rotates the secret is refused with secretRotation, not left unrotated', () => {
  const { stack } = cognitoStack();
  const props = { authorizationServer: new OwnBackend(false), redirectUris: ['https://app.example.com/cb'] };

  expect(() => new ConfidentialClient(stack, 'Web', { ...props, secretRotation: Duration.days(30) }))
    .toThrow(new Error("ConfidentialClient 'Stack/Web': secretRotation is 30 days, but its authorization server (kind 'generic') did not say it "
      + 'rotates the client secret: the ClientRegistration its registerClient() returned has no rotatesSecret: true. Remove secretRotation '
      + 'and rotate the secret as that server allows, or have the backend rotate it and return rotatesSecret: true.'));
  // Without secretRotation, the same backend declares the client (and, as it names none, no issuer).
  const other = new ConfidentialClient(stack, 'Other', props);
  expect(other.clientSecret).toBeDefined();
  expect(other.issuer).toBeUndefined();
});

test('a backend of one\'s own that rotates the secret and says so declares a rotating client', () => {
  const { app, stack } = cognitoStack();
  new ConfidentialClient(stack, 'Web', { authorizationServer: new OwnBackend(true), redirectUris: ['https://app.example.com/cb'], secretRotation: Duration.days(30) });

  Template.fromStack(stack).hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(30 days)' } });
  expect(synthError(app)).toBeUndefined();
});
