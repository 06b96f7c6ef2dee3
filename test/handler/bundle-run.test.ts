import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as client from 'openid-client';
import { ApplicationType, AuthorizationServer, ConfidentialClient } from '../../src';
import { asCloudFormationSends, CfnResponseServer } from '../support/cfn-response-server';
import { FakeCognitoAppClients } from '../support/fake-cognito-app-clients';
import { FakeSecretsManager } from '../support/fake-secrets-manager';
import { OidcServer } from '../support/oidc-server';
import { MOCK_CLIENT_SECRETS } from '../support/secrets';

jest.setTimeout(30000);

/**
 * The provider as it is deployed: the esbuild bundle `npx projen bundle` writes (the build bundles before it tests),
 * loaded as Lambda loads it, with the AWS SDK from node_modules as the Lambda runtime provides it (its Secrets
 * Manager answered by the test double). Everything else is real: node-oidc-provider, HTTP, CloudFormation's answer.
 */
const BUNDLE = join(__dirname, '..', '..', 'assets', 'private', 'handler', 'provider.lambda', 'index.js');

/** The custom resource's properties of one machine-to-machine client at the issuer, as CloudFormation sends them. */
function properties(issuer: string, scopes: string[]): Record<string, unknown> {
  const stack = new Stack(new App(), 'Stack');
  new ConfidentialClient(stack, 'Api', {
    authorizationServer: AuthorizationServer.dynamicRegistration({ issuer }), applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes,
  });
  const [resource] = Object.values(Template.fromStack(stack).findResources('Custom::OAuthClientRegistration'));
  return asCloudFormationSends({ ...resource.Properties, KmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/secrets-key' });
}

test('the bundle registers, updates and deletes a client at node-oidc-provider, and logs no secret', async () => {
  const server = await OidcServer.start();
  const responses = await CfnResponseServer.start();
  const secretsManager = new FakeSecretsManager();
  const logged: string[] = [];
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { logged.push(args.map(String).join(' ')); });
  try {
    // Through Jest's module registry, so that the bundle's SDK clients are the ones the test double answers.
    const { handler } = jest.requireActual<{ handler: (event: unknown) => Promise<void> }>(BUNDLE);
    const event = (RequestType: string, extra: Record<string, unknown>) => ({
      RequestType,
      ResponseURL: responses.url,
      StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Stack/guid',
      RequestId: `req-${responses.bodies.length}`,
      ResourceType: 'Custom::OAuthClientRegistration',
      LogicalResourceId: 'ApiRegistration',
      ...extra,
    });
    const created = properties(server.issuer, ['api:read']);
    await handler(event('Create', { ResourceProperties: created }));
    const clientId: string = responses.last().PhysicalResourceId;
    expect(responses.last()).toMatchObject({ Status: 'SUCCESS', Data: { ClientId: clientId, Issuer: server.issuer } });

    const credentials = JSON.parse(secretsManager.current(created.SecretName as string)!);
    const config = await client.discovery(new URL(server.issuer), clientId, {}, client.ClientSecretBasic(credentials.client_secret),
      { execute: [client.allowInsecureRequests] });
    expect((await client.clientCredentialsGrant(config, { scope: 'api:read' })).scope).toBe('api:read');

    const updated = properties(server.issuer, ['api:read', 'api:write']);
    await handler(event('Update', { PhysicalResourceId: clientId, ResourceProperties: updated, OldResourceProperties: created }));
    expect(responses.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: clientId });
    expect((await client.clientCredentialsGrant(config, { scope: 'api:write' })).scope).toBe('api:write');

    await handler(event('Delete', { PhysicalResourceId: clientId, ResourceProperties: updated }));
    expect(responses.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: clientId });
    expect(await server.provider.Client.find(clientId)).toBeUndefined();

    const registration = JSON.parse(secretsManager.secrets.get(`${created.SecretName}/registration`)!.versions[0]);
    expect(logged.length).toBeGreaterThan(5);
    for (const line of [...logged, ...responses.bodies]) {
      expect(line).not.toContain(credentials.client_secret);
      expect(line).not.toContain(registration.registration_access_token);
    }
  } finally {
    jest.restoreAllMocks();
    secretsManager.restore();
    await Promise.all([server.stop(), responses.stop()]);
  }
});

test('the bundle copies a Cognito app client\'s secret, rotates it as Secrets Manager asks, and logs no secret', async () => {
  const responses = await CfnResponseServer.start();
  const secretsManager = new FakeSecretsManager();
  const cognito = new FakeCognitoAppClients();
  const [original] = MOCK_CLIENT_SECRETS;
  cognito.createAppClient('eu-west-1_AbC', 'client1', original);
  const logged: string[] = [];
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { logged.push(args.map(String).join(' ')); });
  try {
    const { handler } = jest.requireActual<{ handler: (event: unknown) => Promise<void> }>(BUNDLE);
    const name = 'cdk-oauth-clients/Stack/StackWebSecret';
    await handler({
      RequestType: 'Create',
      ResponseURL: responses.url,
      StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Stack/guid',
      RequestId: 'req-1',
      ResourceType: 'Custom::CognitoClientSecret',
      LogicalResourceId: 'WebSecret',
      ResourceProperties: {
        UserPoolId: 'eu-west-1_AbC',
        ClientId: 'client1',
        SecretName: name,
        KmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k',
        Issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC',
        RemovalPolicy: 'destroy',
      },
    });
    expect(responses.last().Status).toBe('SUCCESS');

    const SecretId = secretsManager.secrets.get(name)!.arn;
    secretsManager.beginRotation(name, 'token-1');
    for (const Step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret']) await handler({ Step, SecretId, ClientRequestToken: 'token-1' });
    secretsManager.endRotation(name);

    const [added] = cognito.addedValues();
    expect(JSON.parse(secretsManager.stage(name, 'AWSCURRENT')!)).toMatchObject({ client_id: 'client1', client_secret: added });
    expect(cognito.validSecrets('eu-west-1_AbC', 'client1')).toEqual([original, added]);
    expect(logged.filter((l) => l.includes('"event":"rotation"'))).toHaveLength(4);
    for (const line of [...logged, ...responses.bodies]) {
      expect(line).not.toContain(original);
      expect(line).not.toContain(added);
    }
  } finally {
    jest.restoreAllMocks();
    secretsManager.restore();
    cognito.restore();
    await responses.stop();
  }
});
