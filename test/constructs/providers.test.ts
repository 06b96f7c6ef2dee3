import { Template } from 'aws-cdk-lib/assertions';
import { cognitoStack } from './helpers';
import { ApplicationType, AuthorizationServer, ConfidentialClient, TokenEndpointAuthMethod } from '../../src';

/** GIVEN Cognito and dynamically registered clients in one stack. */
function bothBackends(): Template {
  const { stack, server } = cognitoStack();
  new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'] });
  new ConfidentialClient(stack, 'Api', {
    authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' }),
    applicationType: ApplicationType.MACHINE_TO_MACHINE,
    scopes: ['api:read'],
    tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
  });
  return Template.fromStack(stack);
}

const RESOURCE_TYPES = ['Custom::CognitoClientSecret', 'Custom::OAuthClientRegistration'];

describe('the provider Lambda', () => {
  test('GIVEN Cognito and dynamically registered clients in one stack THEN one provider Lambda serves both', () => {
    const template = bothBackends();
    template.resourceCountIs('AWS::Lambda::Function', 1);
    const tokens = RESOURCE_TYPES.map((type) => {
      const [resource] = Object.values(template.findResources(type));
      return resource.Properties.ServiceToken;
    });
    expect(tokens[0]).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^CdkOAuthClientsProviderFunction/), 'Arn'] });
    expect(tokens[1]).toEqual(tokens[0]);
  });

  test('CloudFormation waits 25 minutes for an answer, not its default hour: past three 5-minute invocations and Lambda\'s retry delays', () => {
    const template = bothBackends();
    template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 300 });
    for (const type of RESOURCE_TYPES) template.hasResourceProperties(type, { ServiceTimeout: '1500' });
  });
});
