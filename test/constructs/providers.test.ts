import { App, CfnResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
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

describe('what removing the stack deletes and keeps (README)', () => {
  test('the provider\'s log group goes; the secrets key and a private_key_jwt key stay; a kept secret keeps its Cognito app client', () => {
    const { stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'], secretRemovalPolicy: RemovalPolicy.RETAIN });
    new ConfidentialClient(stack, 'Api', {
      authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' }),
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      scopes: ['api:read'],
      tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
    });
    const template = Template.fromStack(stack);
    const policies = (type: string) => Object.entries(template.findResources(type))
      .map(([id, resource]) => [id.replace(/[0-9A-F]{8}$/, ''), resource.DeletionPolicy ?? 'Delete', resource.UpdateReplacePolicy ?? 'Delete']);

    expect(policies('AWS::Logs::LogGroup')).toEqual([['CdkOAuthClientsProviderLogs', 'Delete', 'Delete']]);
    expect(policies('AWS::KMS::Key').sort()).toEqual([['ApiSigningKey', 'Retain', 'Retain'], ['CdkOAuthClientsSecretKey', 'Retain', 'Retain']]);
    expect(policies('AWS::Cognito::UserPoolClient')).toEqual([['Web', 'Retain', 'Retain']]);
    expect(Object.values(template.findResources('Custom::CognitoClientSecret')).map((r) => r.Properties.RemovalPolicy)).toEqual(['retain']);
    expect(Object.values(template.findResources('Custom::OAuthClientRegistration')).map((r) => r.Properties.RemovalPolicy)).toEqual(['destroy']);
  });
});

describe('clients with keys of their own: the provider\'s role stays within IAM\'s policy sizes', () => {
  test('70 clients, each with its own secretEncryptionKey, one also with private_key_jwt: the grants are in managed policies of 60 keys', () => {
    const { stack, server } = cognitoStack();
    const keys = Array.from({ length: 70 }, (_, i) => new kms.Key(stack, `Key${i}`));
    keys.forEach((key, i) => new ConfidentialClient(stack, `Web${i}`, { authorizationServer: server, redirectUris: [`https://app${i}.example.com/cb`], secretEncryptionKey: key }));
    new ConfidentialClient(stack, 'Api', {
      authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' }),
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      scopes: ['api:read'],
      tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
      secretEncryptionKey: keys[69],
    });
    const template = Template.fromStack(stack);

    const [inline] = Object.values(template.findResources('AWS::IAM::Policy'));
    expect(JSON.stringify(inline)).not.toContain('kms:');
    expect(template.findResources('AWS::KMS::Key', { Properties: { Description: Match.stringLikeRegexp('client secrets of stack') } })).toEqual({});

    const managed = template.findResources('AWS::IAM::ManagedPolicy');
    const keysOf = (id: string): Record<string, string[]> => Object.fromEntries(managed[id].Properties.PolicyDocument.Statement
      .map((st: { Action: string | string[]; Resource: unknown }) => [[st.Action].flat().join(','), [st.Resource].flat().map((r) => (r as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0])]));
    const [first, second] = Object.keys(managed);
    expect(Object.keys(managed)).toHaveLength(2);
    expect(keysOf(first)).toEqual({ 'kms:GenerateDataKey,kms:Decrypt,kms:Encrypt': keys.slice(0, 60).map((k) => stack.getLogicalId(k.node.defaultChild as CfnResource)) });
    expect(keysOf(second)).toEqual({
      'kms:GenerateDataKey,kms:Decrypt,kms:Encrypt': keys.slice(60).map((k) => stack.getLogicalId(k.node.defaultChild as CfnResource)),
      'kms:GetPublicKey': [expect.stringMatching(/^ApiSigningKey/)],
    });
    for (const type of RESOURCE_TYPES) {
      for (const resource of Object.values(template.findResources(type))) {
        const key = resource.Properties.KmsKeyArn['Fn::GetAtt'][0];
        const holder = Object.keys(managed).find((id) => Object.values(keysOf(id)).flat().includes(key));
        expect(resource.DependsOn).toContain(holder);
      }
    }
  });
});

describe('clients of many user pools: the provider\'s role stays within IAM\'s policy sizes', () => {
  test('90 pools, each with a client that rotates its secret: 10 pools in the role\'s own policy, the rest in managed policies of 60 grants', () => {
    const app = new App();
    const stack = new Stack(app, 'Tenants', { env: { account: '123456789012', region: 'ap-southeast-2' } });
    const pools = Array.from({ length: 90 }, (_, i) => new cognito.UserPool(stack, `Pool${i}`));
    pools.forEach((pool, i) => new ConfidentialClient(stack, `Web${i}`, {
      authorizationServer: AuthorizationServer.cognito(pool), redirectUris: [`https://t${i}.example.com/cb`], secretRotation: Duration.days(30),
    }));
    const template = Template.fromStack(stack);
    const poolId = (i: number) => stack.getLogicalId(pools[i].node.defaultChild as CfnResource);
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => poolId(from + k));
    // The size IAM counts: the document without whitespace, with each ARN as long as this region makes it.
    const longArn = 'arn:aws:cognito-idp:ap-southeast-2:123456789012:userpool/ap-southeast-2_AbCdEfGhI';
    const size = (document: unknown) => JSON.stringify(document, (_key, value) => (value?.['Fn::GetAtt'] || value?.['Fn::Join'] ? longArn : value)).length;
    /** The pools each statement on pools names, by its actions. */
    const poolsOf = (document: { Statement: { Action: string | string[]; Resource: unknown }[] }) => Object.fromEntries(document.Statement
      .filter((st) => [st.Action].flat()[0].startsWith('cognito-idp:'))
      .map((st) => [[st.Action].flat().join(','), [st.Resource].flat().map((r) => (r as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0])]));
    const describe = 'cognito-idp:DescribeUserPoolClient';
    const rotate = 'cognito-idp:ListUserPoolClientSecrets,cognito-idp:AddUserPoolClientSecret,cognito-idp:DeleteUserPoolClientSecret';

    const [inlineId, inline] = Object.entries(template.findResources('AWS::IAM::Policy'))[0];
    expect(poolsOf(inline.Properties.PolicyDocument)).toEqual({ [describe]: range(0, 10), [rotate]: range(0, 10) });
    expect(size(inline.Properties.PolicyDocument)).toBeLessThan(5000);
    const managed = template.findResources('AWS::IAM::ManagedPolicy');
    expect(Object.values(managed).map((policy) => poolsOf(policy.Properties.PolicyDocument))).toEqual([
      { [describe]: range(10, 40), [rotate]: range(10, 40) },
      { [describe]: range(40, 70), [rotate]: range(40, 70) },
      { [describe]: range(70, 90), [rotate]: range(70, 90) },
    ]);
    for (const policy of Object.values(managed)) {
      expect(policy.Properties.Roles).toEqual([{ Ref: expect.stringMatching(/^CdkOAuthClientsProviderRole/) }]);
      expect(size(policy.Properties.PolicyDocument)).toBeLessThan(6144);
    }
    const holderOf = (i: number) => (i < 10 ? inlineId : Object.keys(managed)[Math.floor((i - 10) / 30)]);
    const [provider] = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(provider.DependsOn).toEqual(expect.arrayContaining([inlineId, ...Object.keys(managed)]));
    const secrets = Object.entries(template.findResources('Custom::CognitoClientSecret'));
    expect(secrets).toHaveLength(90);
    for (const [secretId, secret] of secrets) {
      const i = range(0, 90).indexOf(secret.Properties.UserPoolId.Ref);
      expect(secret.DependsOn).toContain(holderOf(i));
      const [schedule] = Object.values(template.findResources('AWS::SecretsManager::RotationSchedule', {
        Properties: { SecretId: { 'Fn::GetAtt': [secretId, 'SecretArn'] } },
      }));
      expect(schedule.DependsOn).toContain(holderOf(i));
    }
    expect(Object.keys(template.toJSON().Resources).length).toBeLessThanOrEqual(500);
  });
});

describe('the role\'s own policy has a bound, whatever the stack holds', () => {
  /**
   * A stack with every kind of grant the provider gives itself: a VPC placement, pools whose clients rotate, servers
   * with initial access tokens and keys of their own, private_key_jwt clients and clients' own secret keys.
   */
  function everyGrant(tenants: number): Stack {
    const app = new App();
    const stack = new Stack(app, 'Tenants', { env: { account: '123456789012', region: 'ap-southeast-2' } });
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-0123', availabilityZones: ['ap-southeast-2a'], privateSubnetIds: ['subnet-a'] });
    for (let i = 0; i < tenants; i++) {
      const key = new kms.Key(stack, `Key${i}`);
      const pool = AuthorizationServer.cognito(new cognito.UserPool(stack, `Pool${i}`));
      new ConfidentialClient(stack, `Web${i}`, { authorizationServer: pool, redirectUris: [`https://t${i}.example.com/cb`], secretRotation: Duration.days(30), secretEncryptionKey: key });
      const token = secretsmanager.Secret.fromSecretAttributes(stack, `Iat${i}`, {
        secretCompleteArn: `arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:realm-${i}-token-AbCdEf`, encryptionKey: key,
      });
      const realm = AuthorizationServer.dynamicRegistration({ issuer: `https://login.example.com/realms/t${i}`, initialAccessToken: token, vpc });
      new ConfidentialClient(stack, `Api${i}`, {
        authorizationServer: realm, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api:read'], tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
      });
    }
    return stack;
  }

  /** The role's own policy as IAM counts it: no whitespace, each reference as a long ARN of this region. */
  function inlineSize(stack: Stack): number {
    const [inline] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy', {
      Properties: { PolicyName: Match.stringLikeRegexp('^CdkOAuthClientsProvider') },
    }));
    const arn = 'arn:aws:cognito-idp:ap-southeast-2:123456789012:userpool/ap-southeast-2_AbCdEfGhI';
    return JSON.stringify(inline.Properties.PolicyDocument, (_key, value) => (value?.['Fn::GetAtt'] || value?.['Fn::Join'] || value?.Ref ? arn : value)).length;
  }

  test('past the first grants of each kind, it does not grow: 15 tenants and 30 give the same size, well within 10,240', () => {
    const fifteen = inlineSize(everyGrant(15));
    expect(inlineSize(everyGrant(30))).toBe(fifteen);
    expect(fifteen).toBeLessThan(6000);
  });
});

describe('IAM\'s managed policies per role: 10 by default, 20 at most', () => {
  /**
   * Registration servers of a stack, each with an initial access token and its key (imported: no resource), and
   * clients that bring a signing key and a secret key of their own (imported too): four grants per client.
   */
  function servers(count: number, ownKeys: boolean): { app: App; stack: Stack } {
    const app = new App();
    const stack = new Stack(app, 'Realms', { env: { account: '123456789012', region: 'eu-west-1' } });
    const keyArn = (kind: string, i: number) => `arn:aws:kms:eu-west-1:123456789012:key/${kind}0000-0000-0000-0000-${String(i).padStart(12, '0')}`;
    for (let i = 0; i < count; i++) {
      const token = secretsmanager.Secret.fromSecretAttributes(stack, `Iat${i}`, {
        secretCompleteArn: `arn:aws:secretsmanager:eu-west-1:123456789012:secret:realm-${i}-token-AbCdEf`,
        encryptionKey: kms.Key.fromKeyArn(stack, `TokenKey${i}`, keyArn('aaaa', i)),
      });
      new ConfidentialClient(stack, `Api${i}`, {
        authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: `https://login.example.com/realms/t${i}`, initialAccessToken: token }),
        applicationType: ApplicationType.MACHINE_TO_MACHINE,
        scopes: ['api:read'],
        ...(ownKeys ? {
          tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
          signingKey: kms.Key.fromKeyArn(stack, `SigningKey${i}`, keyArn('bbbb', i)),
          secretEncryptionKey: kms.Key.fromKeyArn(stack, `SecretKey${i}`, keyArn('cccc', i)),
        } : {}),
      });
    }
    return { app, stack };
  }
  const WARNING = /^Stack 'Realms': the cdk-oauth-clients provider's role needs more than 10 managed policies .* over IAM's default quota of 10 per role/;

  test('10 managed policies: no warning; 11: a warning that names the quota to raise', () => {
    // Two grants per server, 10 of them in the role's own policy: 305 servers make 600 grants in managed policies.
    const ten = servers(305, false).stack;
    expect(Object.keys(Template.fromStack(ten).findResources('AWS::IAM::ManagedPolicy'))).toHaveLength(10);
    Annotations.fromStack(ten).hasNoWarning('*', Match.stringLikeRegexp('managed policies'));

    const eleven = servers(306, false).stack;
    expect(Object.keys(Template.fromStack(eleven).findResources('AWS::IAM::ManagedPolicy'))).toHaveLength(11);
    const warnings = Annotations.fromStack(eleven).findWarning('*', Match.stringLikeRegexp('managed policies'));
    expect(warnings.map((w) => w.id)).toEqual(['/Realms/CdkOAuthClientsProvider']);
    expect(warnings[0].entry.data).toMatch(WARNING);
    expect(warnings[0].entry.data).toContain('"Managed policies per role"');
    // No client has a key of its own: nothing counts twice.
    expect(warnings[0].entry.data).not.toContain('count twice');
  });

  test('the policies of grants on keys count twice: a deployment that changes keys replaces them, and the old ones stay until it completes', () => {
    // Four grants per server: 300 on keys (5 policies), 290 on tokens past the role's own policy (5).
    const stack = servers(150, true).stack;
    expect(Object.keys(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'))).toHaveLength(10);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('managed policies'));
    expect(warnings.map((w) => w.entry.data)).toEqual([expect.stringMatching(WARNING)]);
    expect(warnings[0].entry.data).toContain('in more than one stack. Those of its grants on keys count twice: a deployment that changes keys '
      + 'replaces them, and the old ones stay attached until it is complete.');
    // 90 servers: 3 policies of grants on keys and 3 on tokens, 9 during a deployment that changes keys.
    Annotations.fromStack(servers(90, true).stack).hasNoWarning('*', Match.stringLikeRegexp('managed policies'));
  });

  test('more than 20: cdk synth fails, naming the stack and the fix', () => {
    const { app } = servers(330, true);
    expect(() => app.synth()).toThrow(/Stack 'Realms': the cdk-oauth-clients provider's role needs 22 managed policies .* over IAM's maximum of 20 per role\. Declare the clients in more than one stack/);
  });
});
