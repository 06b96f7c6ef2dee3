import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { cognitoStack } from './helpers';
import { ApplicationType, AuthorizationServer, ConfidentialClient, TokenEndpointAuthMethod } from '../../src';

type Statement = { Action: string | string[]; Resource: unknown };

/** The actions of the provider policy whose logical ID starts with this prefix, and the resources they are on. */
function providerPolicy(stack: Stack, prefix: string): Statement[] {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  const [id] = Object.keys(policies).filter((k) => k.startsWith(prefix));
  expect(id).toBeDefined();
  return policies[id].Properties.PolicyDocument.Statement;
}

function actions(statements: Statement[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort();
}

function functionDescriptions(stack: Stack): string[] {
  const functions = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  return Object.values(functions).map((f) => f.Properties.Description as string).sort();
}

function serviceTokenOf(stack: Stack, type: string): string {
  const [resource] = Object.values(Template.fromStack(stack).findResources(type));
  return resource.Properties.ServiceToken['Fn::GetAtt'][0];
}

/** GIVEN a stack with a confidential Cognito client and a confidential dynamically registered one. */
function mixedStack() {
  const { stack, server } = cognitoStack();
  new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'] });
  new ConfidentialClient(stack, 'Api', {
    authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' }),
    applicationType: ApplicationType.MACHINE_TO_MACHINE,
    scopes: ['api:read'],
    tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
  });
  return stack;
}

describe('provider Lambdas', () => {
  test('a stack with Cognito clients only deploys only the Cognito secret provider', () => {
    const { stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'] });
    expect(functionDescriptions(stack)).toEqual(['cdk-oauth-clients: copies Cognito app client secrets into Secrets Manager']);
  });

  test('a stack with both backends deploys one provider each, and each resource is served by its own', () => {
    const stack = mixedStack();
    expect(functionDescriptions(stack)).toHaveLength(2);
    expect(serviceTokenOf(stack, 'Custom::CognitoClientSecret')).toMatch(/^CdkOAuthClientsProviderFunction/);
    expect(serviceTokenOf(stack, 'Custom::OAuthClientRegistration')).toMatch(/^CdkOAuthClientsRegistrationProviderFunction/);
    // Both encrypt with the stack's one secret key.
    const keyOf = (prefix: string) => providerPolicy(stack, prefix).filter((s) => actions([s]).includes('kms:GenerateDataKey')).map((s) => s.Resource);
    expect(keyOf('CdkOAuthClientsProviderPolicy')).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^CdkOAuthClientsSecretKey/), 'Arn'] }]);
    expect(keyOf('CdkOAuthClientsRegistrationProviderPolicy')).toEqual(keyOf('CdkOAuthClientsProviderPolicy'));
  });

  test('each provider may act only on its own backend and its own secrets', () => {
    const stack = mixedStack();
    const cognito = providerPolicy(stack, 'CdkOAuthClientsProviderPolicy');
    const registration = providerPolicy(stack, 'CdkOAuthClientsRegistrationProviderPolicy');

    expect(actions(cognito)).toContain('cognito-idp:DescribeUserPoolClient');
    expect(actions(cognito)).not.toContain('secretsmanager:GetSecretValue');
    expect(actions(cognito)).not.toContain('kms:GetPublicKey');
    expect(actions(registration)).not.toContain('cognito-idp:DescribeUserPoolClient');
    expect(actions(registration)).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue', 'kms:GetPublicKey']));

    const secretArns = (statements: Statement[]) => JSON.stringify(stack.resolve(
      statements.filter((s) => actions([s]).includes('secretsmanager:CreateSecret')).map((s) => s.Resource)));
    expect(secretArns(cognito)).toContain(':secret:cdk-oauth-clients/Stack/cognito/*');
    expect(secretArns(registration)).toContain(':secret:cdk-oauth-clients/Stack/registration/*');
    const readable = JSON.stringify(registration.filter((s) => actions([s]).includes('secretsmanager:GetSecretValue')).map((s) => s.Resource));
    expect(readable).toContain(':secret:cdk-oauth-clients/Stack/registration/*');
    expect(readable).not.toContain('/cognito/');
  });
});
