import { Annotations, App, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R4Checks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { ExampleStack } from '../../examples/example-stack';
import { ApplicationType, AuthorizationServer, ConfidentialClient, PublicClient, TokenEndpointAuthMethod } from '../../src';
import { MOCK_CLIENT_SECRETS } from '../support/secrets';

/**
 * The feature flags the invariants hold under: aws-cdk-lib's defaults, and those a new `cdk init` project sets in its
 * cdk.json (the recommended ones), as users' apps do. Some change what the library's resources synthesize to (IAM
 * statements merged by `@aws-cdk/aws-iam:minimizePolicies`, warnings in the validation report).
 */
const FLAG_SETS: [string, Record<string, unknown>][] = [
  ['default feature flags', {}],
  ['the recommended feature flags of a new project', { ...CURRENTLY_RECOMMENDED_FLAGS }],
];

/** Every kind of stack the suite synthesizes with a secret-bearing client. */
function synthesizedTemplates(context: Record<string, unknown>): string[] {
  const app = new App({ context });
  new ExampleStack(app, 'Example');
  new ExampleStack(app, 'ExampleWithEnv', { env: { account: '123456789012', region: 'eu-west-1' } });
  const stack = new Stack(app, 'Many');
  // This stack is about secrets: its pool's missing domain and resource server are not the point (with the recommended
  // flags, the validation report would print their warnings).
  Annotations.of(stack).acknowledgeWarning('cdk-oauth-clients:user-pool-without-domain', 'no domain needed to test templates');
  Annotations.of(stack).acknowledgeWarning('cdk-oauth-clients:undefined-resource-server', 'no resource server needed to test templates');
  const server = AuthorizationServer.cognito(new cognito.UserPool(stack, 'Pool'));
  for (let i = 0; i < 5; i++) {
    new ConfidentialClient(stack, `Web${i}`, { authorizationServer: server, redirectUris: [`https://a${i}.example.com/cb`] });
    new ConfidentialClient(stack, `M2M${i}`, { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: [`api/s${i}`] });
    new PublicClient(stack, `Spa${i}`, { authorizationServer: server, applicationType: ApplicationType.SINGLE_PAGE, redirectUris: [`https://s${i}.example.com/cb`] });
  }
  return app.synth().stacks.map((s) => JSON.stringify(s.template));
}

describe.each(FLAG_SETS)('no secret in any template (%s)', (_flags, context) => {
  const templates = synthesizedTemplates(context);

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

describe.each(FLAG_SETS)('cdk-nag AwsSolutions (%s)', (_flags, context) => {
  test.each([
    ['env-agnostic', {}],
    ['with an environment', { env: { account: '123456789012', region: 'eu-west-1' } }],
  ])('the example stack (%s) has no unacknowledged finding', (_name, props) => {
    const app = new App({ context });
    new ExampleStack(app, 'Example', props);
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(',')}`)).toEqual([]);
    expect(report.success).toBe(true);
  });
});

/** A stack of this library's resources on both backends, beside the user's pool and VPC, whose findings are theirs. */
function clientsStack(inVpc: boolean, context: Record<string, unknown> = {}): App {
  const app = new App({ context });
  const stack = new Stack(app, 'Clients', { env: { account: '123456789012', region: 'eu-west-1' } });
  const users = new cognito.UserPool(stack, 'Users');
  const server = AuthorizationServer.cognito(users, { domain: users.addDomain('Domain', { cognitoDomain: { domainPrefix: 'clients' } }) });
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

describe('the recommended feature flags of a new project grant nothing more than the defaults', () => {
  /** A value with the partition written as `aws`, as `@aws-cdk/core:enablePartitionLiterals` writes it in a stack of a known region. */
  function withAwsPartition(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(withAwsPartition);
    if (typeof value !== 'object' || value === null) return value;
    if ((value as { Ref?: unknown }).Ref === 'AWS::Partition') return 'aws';
    const object = Object.fromEntries(Object.entries(value).map(([key, v]) => [key, withAwsPartition(v)]));
    const join = object['Fn::Join'] as [string, unknown[]] | undefined;
    return join?.[1].every((part) => typeof part === 'string') ? join[1].join(join[0]) : object;
  }

  /**
   * Each of the library's resources (the clients' and the provider's, not the user's pool and VPC) by logical ID and
   * type, and each permission their policies give: one line per action and resource.
   */
  function resourcesAndPermissions(context: Record<string, unknown>): { resources: string[]; permissions: string[] } {
    // Each resource's construct path, as the CDK CLI has the app record it.
    const [template] = clientsStack(true, { ...context, 'aws:cdk:enable-path-metadata': true }).synth().stacks.map((s) => s.template);
    const ours = Object.entries<any>(template.Resources).filter(([, r]) => /^Clients\/(Web|Spa|Api|CdkOAuthClients)/.test(r.Metadata['aws:cdk:path']));
    const resources = ours.map(([id, r]) => `${id} ${r.Type}`).sort();
    const permissions = ours.flatMap(([id, r]) => {
      const document = r.Properties?.PolicyDocument ?? r.Properties?.KeyPolicy ?? r.Properties?.AssumeRolePolicyDocument;
      return (document?.Statement ?? []).flatMap((st: any) => [st.Action ?? st.NotAction].flat().flatMap((action: string) =>
        [st.Resource ?? '(none)'].flat().map((resource: unknown) => JSON.stringify(withAwsPartition([id, st.Effect, st.Principal ?? null, action, resource, st.Condition ?? null])))));
    }).sort();
    return { resources, permissions };
  }

  test('the same resources, and the same action on the same resource under the same condition, however the statements are grouped', () => {
    const byDefault = resourcesAndPermissions({});
    const recommended = resourcesAndPermissions({ ...CURRENTLY_RECOMMENDED_FLAGS });
    // Something to compare: the provider's role (in a VPC), the keys' policies, the role's trust policy.
    expect(byDefault.resources).toContain('CdkOAuthClientsProviderPolicyC7E39828 AWS::IAM::Policy');
    expect(byDefault.permissions.filter((p) => /"(secretsmanager:CreateSecret|ec2:CreateNetworkInterface|kms:GetPublicKey|sts:AssumeRole)"/.test(p))).toHaveLength(4);
    expect(recommended.resources).toEqual(byDefault.resources);
    expect(recommended.permissions).toEqual(byDefault.permissions);
  });
});

describe.each(FLAG_SETS)('cdk-nag compliance packs: each finding on the library\'s resources is acknowledged with its reason (%s)', (_flags, context) => {
  const packs: [string, () => NagPack][] = [
    ['AwsSolutions', () => new AwsSolutionsChecks()], ['NIST 800-53 R4', () => new NIST80053R4Checks()], ['NIST 800-53 R5', () => new NIST80053R5Checks()], ['HIPAA Security', () => new HIPAASecurityChecks()],
    ['PCI DSS 3.2.1', () => new PCIDSS321Checks()], ['Serverless', () => new ServerlessChecks()],
  ];

  test.each(packs.flatMap(([name, pack]) => [[name, false, pack], [name, true, pack]] as const))('%s (provider in a VPC: %s)', (_name, inVpc, pack) => {
    const app = clientsStack(inVpc, context);
    const report = pack().validateScope(app);
    const ours = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`))
      .filter((finding) => !/ Clients\/(Users|Vpc)\//.test(finding));
    expect(ours).toEqual([]);
  });

  test('the provider\'s function carries the reasons, by the rule IDs of each pack that reports the finding', () => {
    const app = clientsStack(false, context);
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
