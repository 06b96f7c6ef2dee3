import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ExampleStack } from '../../examples/example-stack';
import { ApplicationType, AuthorizationServer, ConfidentialClient, PublicClient } from '../../src';
import { MOCK_CLIENT_SECRETS } from '../support/secrets';

/** Every kind of stack the suite synthesizes with a secret-bearing client. */
function synthesizedTemplates(): string[] {
  const app = new App();
  new ExampleStack(app, 'Example');
  new ExampleStack(app, 'ExampleWithEnv', { env: { account: '123456789012', region: 'eu-west-1' } });
  const stack = new Stack(app, 'Many');
  const server = AuthorizationServer.cognito(new cognito.UserPool(stack, 'Pool'));
  for (let i = 0; i < 5; i++) {
    new ConfidentialClient(stack, `Web${i}`, { authorizationServer: server, redirectUris: [`https://a${i}.example.com/cb`] });
    new ConfidentialClient(stack, `M2M${i}`, { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: [`api/s${i}`] });
    new PublicClient(stack, `Spa${i}`, { authorizationServer: server, applicationType: ApplicationType.SINGLE_PAGE, redirectUris: [`https://s${i}.example.com/cb`] });
  }
  return app.synth().stacks.map((s) => JSON.stringify(s.template));
}

describe('no secret in any template', () => {
  const templates = synthesizedTemplates();

  test('no client secret value used by the test doubles appears in any template', () => {
    for (const template of templates) {
      for (const secret of MOCK_CLIENT_SECRETS) expect(template).not.toContain(secret);
    }
  });

  test('no template reads a secret value: no ClientSecret attribute, no SecretString, no dynamic reference, no outputs', () => {
    for (const template of templates) {
      expect(template).not.toMatch(/"ClientSecret"/);
      expect(template).not.toMatch(/SecretString/);
      expect(template).not.toMatch(/\{\{resolve:secretsmanager/);
      expect(JSON.parse(template).Outputs ?? {}).toEqual({});
    }
  });
});

describe('cdk-nag AwsSolutions', () => {
  test.each([
    ['env-agnostic', {}],
    ['with an environment', { env: { account: '123456789012', region: 'eu-west-1' } }],
  ])('the example stack (%s) has no unacknowledged finding', (_name, props) => {
    const app = new App();
    new ExampleStack(app, 'Example', props);
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(',')}`)).toEqual([]);
    expect(report.success).toBe(true);
  });
});
