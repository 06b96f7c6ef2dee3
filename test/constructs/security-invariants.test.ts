import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R4Checks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { ExampleStack } from '../../examples/example-stack';
import { ApplicationType, AuthorizationServer, ConfidentialClient, PublicClient, TokenEndpointAuthMethod } from '../../src';
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

describe('cdk-nag compliance packs: each finding on the library\'s resources is acknowledged with its reason', () => {
  /** A stack of this library's resources on both backends, beside the user's pool and VPC, whose findings are theirs. */
  function clientsStack(inVpc: boolean): App {
    const app = new App();
    const stack = new Stack(app, 'Clients', { env: { account: '123456789012', region: 'eu-west-1' } });
    const server = AuthorizationServer.cognito(new cognito.UserPool(stack, 'Users'));
    new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'], secretRotation: Duration.days(30) });
    new PublicClient(stack, 'Spa', { authorizationServer: server, applicationType: ApplicationType.SINGLE_PAGE, redirectUris: ['https://spa.example.com/cb'] });
    const vpc = inVpc ? new ec2.Vpc(stack, 'Vpc') : undefined;
    new ConfidentialClient(stack, 'Api', {
      authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com', vpc }),
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      scopes: ['api:read'],
      tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
    });
    return app;
  }
  const packs: [string, () => NagPack][] = [
    ['AwsSolutions', () => new AwsSolutionsChecks()], ['NIST 800-53 R4', () => new NIST80053R4Checks()], ['NIST 800-53 R5', () => new NIST80053R5Checks()], ['HIPAA Security', () => new HIPAASecurityChecks()],
    ['PCI DSS 3.2.1', () => new PCIDSS321Checks()], ['Serverless', () => new ServerlessChecks()],
  ];

  test.each(packs.flatMap(([name, pack]) => [[name, false, pack], [name, true, pack]] as const))('%s (provider in a VPC: %s)', (_name, inVpc, pack) => {
    const app = clientsStack(inVpc);
    const report = pack().validateScope(app);
    const ours = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`))
      .filter((finding) => !/ Clients\/(Users|Vpc)\//.test(finding));
    expect(ours).toEqual([]);
  });

  test('the provider\'s function carries the reasons, by the rule IDs of each pack that reports the finding', () => {
    const app = clientsStack(false);
    const fn = app.node.findAll().find((c) => c.node.path === 'Clients/CdkOAuthClientsProvider/Function')!;
    const acknowledged = Object.assign({}, ...fn.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').map((m) => m.data));
    expect(Object.keys(acknowledged).sort()).toEqual([
      'HIPAA.Security-LambdaConcurrency', 'HIPAA.Security-LambdaDLQ', 'HIPAA.Security-LambdaInsideVPC',
      'NIST.800.53.R4-LambdaInsideVPC', 'NIST.800.53.R5-LambdaConcurrency', 'NIST.800.53.R5-LambdaDLQ', 'NIST.800.53.R5-LambdaInsideVPC',
      'PCI.DSS.321-LambdaInsideVPC', 'Serverless-LambdaDLQ', 'Serverless-LambdaTracing',
    ]);
    expect(acknowledged['Serverless-LambdaDLQ']).toMatch(/^CloudFormation invokes the provider asynchronously/);
  });
});
