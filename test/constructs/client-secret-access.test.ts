import { App, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApplicationType, AuthorizationServer, ConfidentialClient, IAuthorizationServer, TokenEndpointAuthMethod } from '../../src';

const READ = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'];
const VIA_SECRETS_MANAGER = { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } };
const ACCOUNT_222 = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:root']] };
const ROLE_333 = 'arn:aws:iam::333333333333:role/app';

/** GIVEN an auth stack in account 111111111111 with a confidential client of the given backend. */
function authStack(backend: 'cognito' | 'dynamic registration', props: { secretEncryptionKey?: kms.IKey } = {}) {
  const app = new App();
  const stack = new Stack(app, 'Auth', { env: { account: '111111111111', region: 'eu-west-1' } });
  const server: IAuthorizationServer = backend === 'cognito'
    ? AuthorizationServer.cognito(new cognito.UserPool(stack, 'Users'))
    : AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' });
  const web = new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'], ...props });
  return { app, stack, web };
}

/** The statements of the key policy that name someone other than the stack's own account (the secrets' key by default). */
function keyStatementsBeyondTheAccount(template: Template, keyUsage: unknown = Match.absent()): unknown[] {
  const [key] = Object.values(template.findResources('AWS::KMS::Key', { Properties: { KeyUsage: keyUsage } }));
  return key.Properties.KeyPolicy.Statement.filter((s: { Action: string }) => s.Action !== 'kms:*');
}

describe('grantRead across accounts and regions', () => {
  test.each(['cognito', 'dynamic registration'] as const)(
    '%s: the secret\'s resource policy and the key policy let it in, through Secrets Manager only; the grant succeeds', (backend) => {
      const { stack, web } = authStack(backend);
      const grant = web.grantRead(new iam.AccountPrincipal('222222222222'));

      expect(grant.success).toBe(true);
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 1);
      template.hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
        SecretId: { 'Fn::GetAtt': [Match.stringLikeRegexp(backend === 'cognito' ? '^WebSecret' : '^WebRegistration'), 'SecretArn'] },
        BlockPublicPolicy: true,
        ResourcePolicy: { Statement: [{ Effect: 'Allow', Action: READ, Principal: { AWS: ACCOUNT_222 }, Resource: '*' }] },
      });
      expect(keyStatementsBeyondTheAccount(template)).toEqual([
        { Effect: 'Allow', Action: 'kms:Decrypt', Principal: { AWS: ACCOUNT_222 }, Resource: '*', Condition: VIA_SECRETS_MANAGER },
      ]);
    });

  test('an organization: both statements carry its aws:PrincipalOrgID, for any principal of it only', () => {
    const { stack, web } = authStack('cognito');
    web.grantRead(new iam.OrganizationPrincipal('o-abc123defg4'));

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
      ResourcePolicy: {
        Statement: [{ Effect: 'Allow', Action: READ, Principal: { AWS: '*' }, Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123defg4' } } }],
      },
    });
    expect(keyStatementsBeyondTheAccount(template)).toEqual([{
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Principal: { AWS: '*' },
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123defg4', 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
    }]);
  });

  test('the grant is dependable: what it is applied before waits for the resource policy and the key', () => {
    const { stack, web } = authStack('cognito');
    const grant = web.grantRead(new iam.AccountPrincipal('222222222222'));
    const consumer = new CfnResource(stack, 'Consumer', { type: 'Custom::Consumer' });
    grant.applyBefore(consumer);

    const dependsOn = Template.fromStack(stack).toJSON().Resources.Consumer.DependsOn;
    expect(dependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^WebClientSecretPolicy/), expect.stringMatching(/^CdkOAuthClientsSecretKey/)]));
  });

  test('a role of another account imported by ARN, through the secret\'s own grantRead with version stages: one resource policy for both grants', () => {
    const { stack, web } = authStack('cognito');
    web.grantRead(new iam.AccountPrincipal('222222222222'));
    web.clientSecret!.grantRead(iam.Role.fromRoleArn(stack, 'App', ROLE_333), ['AWSCURRENT']);

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 1);
    template.hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
      ResourcePolicy: {
        Statement: [
          Match.objectLike({ Principal: { AWS: ACCOUNT_222 } }),
          {
            Effect: 'Allow',
            Action: READ,
            Principal: { AWS: ROLE_333 },
            Resource: '*',
            Condition: { 'ForAnyValue:StringEquals': { 'secretsmanager:VersionStage': ['AWSCURRENT'] } },
          },
        ],
      },
    });
    expect(keyStatementsBeyondTheAccount(template)).toEqual([
      expect.objectContaining({ Principal: { AWS: ACCOUNT_222 } }),
      { Effect: 'Allow', Action: 'kms:Decrypt', Principal: { AWS: ROLE_333 }, Resource: '*', Condition: VIA_SECRETS_MANAGER },
    ]);
  });

  test('a role of the same account changes neither policy, in the same stack or another one', () => {
    const { app, stack, web } = authStack('cognito');
    web.grantRead(new iam.Role(stack, 'Local', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));
    const service = new Stack(app, 'Service', { env: { account: '111111111111', region: 'eu-west-1' } });
    web.grantRead(new iam.Role(service, 'Worker', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') }));

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 0);
    expect(keyStatementsBeyondTheAccount(template)).toEqual([]);
    expect(service.dependencies.map((s) => s.stackName)).toEqual(['Auth']);
    expect(stack.dependencies).toEqual([]);
  });

  test('a key imported by ARN keeps its policy, and a warning gives the statement to add to it', () => {
    const app = new App();
    const keys = new Stack(app, 'Keys', { env: { account: '111111111111', region: 'eu-west-1' } });
    const key = kms.Key.fromKeyArn(keys, 'Key', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const { stack, web } = authStack('cognito', { secretEncryptionKey: key });
    web.grantRead(new iam.AccountPrincipal('222222222222'));

    Template.fromStack(stack).resourceCountIs('AWS::SecretsManager::ResourcePolicy', 1);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('key-policy-not-changed'));
    expect(warnings.map((w) => w.entry.data)).toEqual([
      "ConfidentialClient 'Auth/Web': grantRead let AccountPrincipal(222222222222) read the client secret through its resource policy, but the "
      + "secret's key 'Keys/Key' is imported here, so its key policy was left as it is: without a statement that lets the grantee use "
      + 'kms:Decrypt through Secrets Manager, reading the secret fails. Add {"Action":"kms:Decrypt","Condition":{"StringEquals":'
      + '{"kms:ViaService":"secretsmanager.eu-west-1.amazonaws.com"}},"Effect":"Allow","Principal":{"AWS":{"Fn::Join":["",["arn:",'
      + '{"Ref":"AWS::Partition"},":iam::222222222222:root"]]}},"Resource":"*"} to the key policy. [ack: cdk-oauth-clients:key-policy-not-changed]',
    ]);
  });

  test('a client imported with an imported secret cannot change the secret\'s resource policy: the error says where to grant, nothing is added', () => {
    const stack = new Stack(new App(), 'Consumer', { env: { account: '111111111111', region: 'eu-west-1' } });
    const secret = secretsmanager.Secret.fromSecretCompleteArn(stack, 'Secret',
      'arn:aws:secretsmanager:eu-west-1:111111111111:secret:cdk-oauth-clients/Auth/Web-AbCdEf');
    const web = ConfidentialClient.fromConfidentialClientAttributes(stack, 'Web', { clientId: 'abc123', clientSecret: secret });

    expect(() => web.grantRead(new iam.AccountPrincipal('222222222222'))).toThrow(new Error(
      "ConfidentialClient 'Consumer/Web': grantRead cannot let AccountPrincipal(222222222222) read the client secret. The grantee is in "
      + "another account, or has no IAM policy of its own, so the resource policy of 'Consumer/Secret' must let it in, and it is imported "
      + "here. Grant it in the stack that declares the client, or add the statement to the resource policy where 'Consumer/Secret' is declared."));
    expect(Object.keys(Template.fromStack(stack).toJSON().Resources ?? {})).toEqual([]);
  });

  test('a role of another account\'s stack granted on that imported client fails before anything is added to the role\'s policy', () => {
    const app = new App();
    const stack = new Stack(app, 'Consumer', { env: { account: '111111111111', region: 'eu-west-1' } });
    const secret = secretsmanager.Secret.fromSecretCompleteArn(stack, 'Secret',
      'arn:aws:secretsmanager:eu-west-1:111111111111:secret:cdk-oauth-clients/Auth/Web-AbCdEf');
    const web = ConfidentialClient.fromConfidentialClientAttributes(stack, 'Web', { clientId: 'abc123', clientSecret: secret });
    const other = new Stack(app, 'Other', { env: { account: '222222222222', region: 'eu-west-1' } });
    const role = new iam.Role(other, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

    expect(() => web.grantRead(role)).toThrow(/^ConfidentialClient 'Consumer\/Web': grantRead cannot let Other\/Worker read the client secret\./);
    Template.fromStack(other).resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('the secret\'s own account as a principal, which has no policy to add to, is let in by the resource policy', () => {
    const { stack, web } = authStack('cognito');
    expect(web.grantRead(new iam.AccountPrincipal('111111111111')).success).toBe(true);
    Template.fromStack(stack).hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
      ResourcePolicy: {
        Statement: [{
          Effect: 'Allow',
          Action: READ,
          Resource: '*',
          Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] } },
        }],
      },
    });
  });

  test('what the other account needs, as the README says: the secret\'s full ARN and its key\'s ARN, from the client', () => {
    const { stack, web } = authStack('cognito');
    expect(stack.resolve(web.clientSecret!.secretArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^WebSecret/), 'SecretArn'] });
    expect(stack.resolve(web.clientSecret!.secretFullArn)).toEqual(stack.resolve(web.clientSecret!.secretArn));
    expect(stack.resolve(web.clientSecret!.encryptionKey!.keyArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^CdkOAuthClientsSecretKey/), 'Arn'] });
  });

  test('the consumer side (the README example): a role of the other account, granted on the client imported there, gets its own policy only', () => {
    const stack = new Stack(new App(), 'Consumer', { env: { account: '222222222222', region: 'eu-west-1' } });
    const secretArn = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:cdk-oauth-clients/Auth/Web-AbCdEf';
    const keyArn = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const web = ConfidentialClient.fromConfidentialClientAttributes(stack, 'Web', {
      clientId: 'abc123',
      clientSecret: secretsmanager.Secret.fromSecretAttributes(stack, 'WebSecret', {
        secretCompleteArn: secretArn,
        encryptionKey: kms.Key.fromKeyArn(stack, 'WebKey', keyArn),
      }),
    });
    const role = new iam.Role(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

    expect(web.grantRead(role).success).toBe(true);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: READ, Resource: secretArn },
          { Effect: 'Allow', Action: 'kms:Decrypt', Resource: keyArn, Condition: VIA_SECRETS_MANAGER },
        ],
      },
    });
    template.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 0);
  });

  test('a private_key_jwt client: its signing key\'s policy lets the other account sign assertions and read the public key', () => {
    const stack = new Stack(new App(), 'Auth', { env: { account: '111111111111', region: 'eu-west-1' } });
    const api = new ConfidentialClient(stack, 'Api', {
      authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' }),
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      scopes: ['api:read'],
      tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
    });
    expect(api.grantRead(new iam.AccountPrincipal('222222222222')).success).toBe(true);
    expect(keyStatementsBeyondTheAccount(Template.fromStack(stack), 'SIGN_VERIFY')).toEqual([
      { Effect: 'Allow', Action: ['kms:Sign', 'kms:GetPublicKey'], Principal: { AWS: ACCOUNT_222 }, Resource: '*' },
    ]);
  });

  test('a secret of another region, imported by ARN: the grantee decrypts through Secrets Manager of the secret\'s region', () => {
    const stack = new Stack(new App(), 'Consumer', { env: { account: '111111111111', region: 'eu-central-1' } });
    const web = ConfidentialClient.fromConfidentialClientAttributes(stack, 'Web', {
      clientId: 'abc123',
      clientSecret: secretsmanager.Secret.fromSecretAttributes(stack, 'WebSecret', {
        secretCompleteArn: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:cdk-oauth-clients/Auth/Web-AbCdEf',
        encryptionKey: kms.Key.fromKeyArn(stack, 'WebKey', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
      }),
    });
    web.grantRead(new iam.Role(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'kms:Decrypt', Condition: VIA_SECRETS_MANAGER })]) },
    });
  });

  test('a client imported with an imported signing key cannot let another account in: the error says where to grant', () => {
    const stack = new Stack(new App(), 'Consumer', { env: { account: '111111111111', region: 'eu-west-1' } });
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const api = ConfidentialClient.fromConfidentialClientAttributes(stack, 'Api', { clientId: 'api', signingKey: key });

    expect(() => api.grantRead(new iam.AccountPrincipal('222222222222'))).toThrow(new Error(
      "ConfidentialClient 'Consumer/Api': grantRead cannot let AccountPrincipal(222222222222) sign with the client's key. The grantee is in "
      + "another account, or has no IAM policy of its own, so the key policy of 'Consumer/Key' must let it in, and it is imported here. Grant "
      + "it in the stack that declares the client, or add the statement to the key policy where 'Consumer/Key' is declared."));
    // A role of the stack's own account still gets its own policy on that key (the consumer side of a cross-account grant).
    const role = new iam.Role(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    expect(api.grantRead(role).success).toBe(true);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['kms:Sign', 'kms:GetPublicKey'], Resource: key.keyArn }] },
    });
  });

  test('cdk-nag AwsSolutions: cross-account grants add no unacknowledged finding (the test\'s bare user pools have their own)', () => {
    const { app, stack, web } = authStack('cognito');
    web.grantRead(new iam.AccountPrincipal('222222222222'));
    const m2m = new ConfidentialClient(stack, 'Api', {
      authorizationServer: AuthorizationServer.cognito(new cognito.UserPool(stack, 'Partners')),
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      scopes: ['api/read'],
    });
    m2m.grantRead(iam.Role.fromRoleArn(stack, 'Partner', ROLE_333));

    const report = new AwsSolutionsChecks(app).validateScope(app);
    const findings = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`));
    expect(findings.filter((f) => !/ Auth\/(Users|Partners)\/Resource$/.test(f))).toEqual([]);
    expect(Template.fromStack(stack).findResources('AWS::SecretsManager::ResourcePolicy')).not.toEqual({});
  });
});

describe('grantRead given no iam.IGrantable (JavaScript): the error names the client, what was given and the fix, and nothing is granted', () => {
  const imported = (stack: Stack) => ConfidentialClient.fromConfidentialClientAttributes(stack, 'Imported', {
    clientId: 'abc', clientSecret: secretsmanager.Secret.fromSecretNameV2(stack, 'Secret', 'web-client'),
  });

  test.each([
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['a role\'s ARN', ROLE_333, `'${ROLE_333}'`],
    ['a construct that is no grantee', 'construct', 'Auth/Topic [AWS::SNS::Topic]'],
  ])('%s', (_, given, shown) => {
    const { stack, web } = authStack('cognito');
    const grantee = given === 'construct' ? new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' }) : given;
    const clients = [web, imported(stack)];
    const before = JSON.stringify(Template.fromStack(stack).toJSON());
    for (const client of clients) {
      expect(() => client.grantRead(grantee as unknown as iam.IGrantable)).toThrow(`ConfidentialClient '${client.node.path}': grantRead `
        + `takes an iam.IGrantable (a role, a user, a Lambda function), and was given ${shown}. For a role made outside this app, give `
        + 'iam.Role.fromRoleArn(scope, id, arn).');
    }
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).toBe(before);
  });
});

describe('the client secret\'s own resource policy and rotation', () => {
  test('addToResourcePolicy adds to one resource policy of the secret, created with the first statement, and refuses a statement without a principal', () => {
    const { stack, web } = authStack('cognito');
    const deny = new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      actions: ['secretsmanager:GetSecretValue'],
      resources: ['*'],
      principals: [new iam.AnyPrincipal()],
      conditions: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
    });
    expect(web.clientSecret!.addToResourcePolicy(deny).statementAdded).toBe(true);
    web.grantRead(new iam.AccountPrincipal('222222222222'));

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 1);
    template.hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
      ResourcePolicy: { Statement: [Match.objectLike({ Effect: 'Deny' }), Match.objectLike({ Principal: { AWS: ACCOUNT_222 } })] },
    });

    const other = authStack('cognito');
    other.web.clientSecret!.addToResourcePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: ['*'] }));
    expect(() => other.app.synth()).toThrow(/A PolicyStatement used in a resource-based policy must specify at least one IAM principal/);
  });

  test.each(['cognito', 'dynamic registration'] as const)('%s: a rotation schedule is refused, naming why and what to do instead; nothing is added', (backend) => {
    const { stack, web } = authStack(backend);
    const rotationLambda = new lambda.Function(stack, 'Rotate', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });

    expect(() => web.clientSecret!.addRotationSchedule('Rotation', { rotationLambda })).toThrow(new Error(
      "Secret 'Auth/Web/ClientSecret': the authorization server issued this client secret, and cdk-oauth-clients keeps the copy in "
      + 'Secrets Manager in step with it. A rotation schedule would change the copy only, and the client could no longer authenticate. With '
      + 'Amazon Cognito, set secretRotation on the client instead, whose rotation has Cognito add each new secret; to replace a secret '
      + 'otherwise, declare a second client, move the services to it, then remove the first.'));
    Template.fromStack(stack).resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
  });

  /** The refusal of a rotation schedule declared on the client secret directly. */
  const scheduleRefused = (schedule: string) => `Rotation schedule '${schedule}': the authorization server issued the client secret `
    + "'Auth/Web/ClientSecret', and cdk-oauth-clients keeps the copy in Secrets Manager in step with it. A rotation schedule would "
    + 'change the copy only, and the client could no longer authenticate. With Amazon Cognito, set secretRotation on the client instead, '
    + 'whose rotation has Cognito add each new secret; to replace a secret otherwise, declare a second client, move the services to it, '
    + 'then remove the first.';
  const rotationLambdaIn = (scope: Stack) => new lambda.Function(scope, 'Rotate', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });

  test.each(['cognito', 'dynamic registration'] as const)('%s: a RotationSchedule declared on the client secret fails synth, naming both', (backend) => {
    const { app, stack, web } = authStack(backend);
    new secretsmanager.RotationSchedule(stack, 'Rotation', { secret: web.clientSecret!, rotationLambda: rotationLambdaIn(stack) });

    expect(() => app.synth()).toThrow(scheduleRefused('Auth/Rotation/Resource'));
  });

  test('a CfnRotationSchedule on the secret\'s ARN, given as its token or written by hand, fails synth too; one in another stack too', () => {
    const { app, stack, web } = authStack('cognito');
    const rules = { scheduleExpression: 'rate(30 days)' };
    new secretsmanager.CfnRotationSchedule(stack, 'Raw', { secretId: web.clientSecret!.secretArn, rotationRules: rules });
    const registration = web.node.findAll().find((c) => CfnResource.isCfnResource(c) && c.cfnResourceType.startsWith('Custom::')) as CfnResource;
    const byHand = Fn.getAtt(stack.resolve(registration.logicalId), 'SecretArn').toString();
    new secretsmanager.CfnRotationSchedule(stack, 'ByHand', { secretId: byHand, rotationRules: rules });
    const service = new Stack(app, 'Service', { env: { account: '111111111111', region: 'eu-west-1' } });
    new secretsmanager.CfnRotationSchedule(service, 'Rotation', { secretId: web.clientSecret!.secretArn, rotationRules: rules });

    expect(() => app.synth()).toThrow(new RegExp([
      scheduleRefused('Auth/Raw'), scheduleRefused('Auth/ByHand'), scheduleRefused('Service/Rotation'),
    ].map((message) => message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^]*')));
  });

  test('a schedule written by hand is judged by the stack it is in: one on a secret of the same logical ID elsewhere names that one', () => {
    const app = new App();
    const [auth, other] = ['Auth', 'Other'].map((name) => {
      const stack = new Stack(app, name);
      const web = new ConfidentialClient(stack, 'Web', {
        authorizationServer: AuthorizationServer.cognito(new cognito.UserPool(stack, 'Users')), redirectUris: ['https://app.example.com/cb'],
      });
      return { stack, web };
    });
    const registration = other.web.node.findAll().find((c) => CfnResource.isCfnResource(c) && c.cfnResourceType.startsWith('Custom::')) as CfnResource;
    expect(auth.stack.resolve(auth.web.clientSecret!.secretArn)).toEqual(other.stack.resolve(other.web.clientSecret!.secretArn));
    const byHand = Fn.getAtt(other.stack.resolve(registration.logicalId), 'SecretArn').toString();
    new secretsmanager.CfnRotationSchedule(other.stack, 'ByHand', { secretId: byHand, rotationRules: { scheduleExpression: 'rate(30 days)' } });

    expect(() => app.synth()).toThrow(/^Validation failed with the following errors:\n  \[Other\/CdkOAuthClientsProvider\] Rotation schedule 'Other\/ByHand': the authorization server issued the client secret 'Other\/Web\/ClientSecret', [^\n]*$/);
  });

  test('a rotation schedule of another secret, and denyAccountRootDelete on the client secret, are left alone', () => {
    const { app, stack, web } = authStack('cognito');
    new secretsmanager.Secret(stack, 'Database').addRotationSchedule('Rotation', { rotationLambda: rotationLambdaIn(stack) });
    web.clientSecret!.denyAccountRootDelete();

    expect(() => app.synth()).not.toThrow();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
    template.hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
      ResourcePolicy: { Statement: [Match.objectLike({ Effect: 'Deny', Action: 'secretsmanager:DeleteSecret' })] },
    });
  });
});
