import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CreateSecretCommand, DeleteSecretCommand, UpdateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { CfnRequest } from '../../src/private/handler/cfn-event';
import { handler } from '../../src/private/handler/provider.lambda';
import { CfnResponseServer } from '../support/cfn-response-server';
import { cognitoSecretRequest, KEY, NAME, POOL } from '../support/cognito-secret-request';
import { awsError, FakeSecretsManager } from '../support/fake-secrets-manager';
import { MOCK_CLIENT_SECRETS } from '../support/secrets';

const [SECRET, ROTATED_SECRET, ADDED_SECRET] = MOCK_CLIENT_SECRETS;

let responses: CfnResponseServer;
let secretsManager: FakeSecretsManager;
const cognito = mockClient(CognitoIdentityProviderClient);
let logged: string[];

beforeAll(async () => {
  responses = await CfnResponseServer.start();
});
afterAll(async () => {
  await responses.stop();
  cognito.restore();
});

beforeEach(() => {
  secretsManager = new FakeSecretsManager();
  cognito.reset();
  cognito.on(DescribeUserPoolClientCommand, { UserPoolId: POOL, ClientId: 'client-1' })
    .resolves({ UserPoolClient: { ClientId: 'client-1', ClientSecret: SECRET } });
  cognito.on(DescribeUserPoolClientCommand, { UserPoolId: POOL, ClientId: 'client-2' })
    .resolves({ UserPoolClient: { ClientId: 'client-2', ClientSecret: ROTATED_SECRET } });
  logged = [];
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { logged.push(args.join(' ')); });
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { logged.push(args.join(' ')); });
});
afterEach(() => {
  secretsManager.restore();
  jest.restoreAllMocks();
});

function request(requestType: CfnRequest['RequestType'], props: Record<string, unknown> = {}, extra: Partial<CfnRequest> = {}): CfnRequest {
  return cognitoSecretRequest(responses.url, requestType, props, extra);
}

function expectNoSecretLeaked(): void {
  for (const secret of MOCK_CLIENT_SECRETS) {
    for (const body of responses.bodies) expect(body).not.toContain(secret);
    for (const line of logged) expect(line).not.toContain(secret);
  }
}

describe('Create', () => {
  test('stores the credentials in Secrets Manager with the KMS key, and returns only the ARN', async () => {
    await handler(request('Create'));

    expect(JSON.parse(secretsManager.current(NAME)!)).toEqual({
      client_id: 'client-1',
      client_secret: SECRET,
      issuer: `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`,
      token_endpoint: 'https://example.auth.eu-west-1.amazoncognito.com/oauth2/token',
    });
    expect(secretsManager.secrets.get(NAME)!.kmsKeyId).toBe(KEY);
    const response = responses.last();
    expect(response.Status).toBe('SUCCESS');
    expect(response.PhysicalResourceId).toBe(secretsManager.secrets.get(NAME)!.arn);
    expect(response.Data).toEqual({ SecretArn: secretsManager.secrets.get(NAME)!.arn });
    expect(response.NoEcho).toBe(true);
    expectNoSecretLeaked();
  });

  test('without a token endpoint, the stored JSON has none', async () => {
    await handler(request('Create', { TokenEndpoint: '' }));
    expect(JSON.parse(secretsManager.current(NAME)!)).not.toHaveProperty('token_endpoint');
  });

  describe('a domain imported by name becomes the token endpoint', () => {
    const region = process.env.AWS_REGION;
    afterEach(() => {
      if (region === undefined) delete process.env.AWS_REGION;
      else process.env.AWS_REGION = region;
    });

    test.each([
      ['a Cognito prefix, in the provider\'s region', 'example-auth', 'https://example-auth.auth.eu-west-1.amazoncognito.com/oauth2/token'],
      ['a custom domain', 'auth.example.com', 'https://auth.example.com/oauth2/token'],
    ])('%s', async (_, domain, expected) => {
      process.env.AWS_REGION = 'eu-west-1';
      await handler(request('Create', { TokenEndpoint: undefined, DomainName: domain }));

      expect(responses.last().Status).toBe('SUCCESS');
      expect(JSON.parse(secretsManager.current(NAME)!).token_endpoint).toBe(expected);
    });

    test('an Update that adds an imported domain writes a new version with the token endpoint', async () => {
      process.env.AWS_REGION = 'eu-west-1';
      const before = request('Create', { TokenEndpoint: '' }).ResourceProperties;
      await handler(request('Create', { TokenEndpoint: '' }));
      const arn = responses.last().PhysicalResourceId;
      await handler(request('Update', { TokenEndpoint: undefined, DomainName: 'auth.example.com' }, { PhysicalResourceId: arn, OldResourceProperties: before }));

      expect(responses.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn });
      expect(secretsManager.secrets.get(NAME)!.versions).toHaveLength(2);
      expect(JSON.parse(secretsManager.current(NAME)!).token_endpoint).toBe('https://auth.example.com/oauth2/token');
    });

    test('a prefix where the region is unknown fails clearly, and creates nothing', async () => {
      delete process.env.AWS_REGION;
      await handler(request('Create', { TokenEndpoint: undefined, DomainName: 'example-auth' }));

      expect(responses.last()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
      expect(responses.last().Reason).toBe('AWS_REGION is not set, so the token endpoint of Cognito domain prefix \'example-auth\' cannot be named');
      expect(secretsManager.secrets.size).toBe(0);
    });
  });

  test('a retried Create writes a new version of the same secret instead of failing or creating another', async () => {
    await handler(request('Create'));
    const first = responses.last().PhysicalResourceId;
    await handler(request('Create'));

    expect(responses.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: first });
    expect(secretsManager.secrets.size).toBe(1);
    expect(secretsManager.secrets.get(NAME)!.versions).toHaveLength(2);
  });

  test('a secret of the same name scheduled for deletion is restored and overwritten', async () => {
    await handler(request('Create'));
    await handler(request('Delete', {}, { PhysicalResourceId: responses.last().PhysicalResourceId }));
    expect(secretsManager.secrets.get(NAME)!.deletedDate).toBeDefined();

    await handler(request('Create', { ClientId: 'client-2' }));

    expect(responses.last().Status).toBe('SUCCESS');
    expect(secretsManager.secrets.get(NAME)!.deletedDate).toBeUndefined();
    expect(JSON.parse(secretsManager.current(NAME)!).client_secret).toBe(ROTATED_SECRET);
    expectNoSecretLeaked();
  });

  test('a client without a secret fails with a reason that names the client and the causes, and creates nothing', async () => {
    cognito.on(DescribeUserPoolClientCommand, { UserPoolId: POOL, ClientId: 'public-1' })
      .resolves({ UserPoolClient: { ClientId: 'public-1' } });
    await handler(request('Create', { ClientId: 'public-1' }));

    expect(responses.last()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'nothing-created' });
    expect(responses.last().Reason).toBe(`Cognito returns no client secret for app client public-1 of user pool ${POOL}: it was created `
      + 'without one (GenerateSecret must be true), or the secret it was created with was deleted (DeleteUserPoolClientSecret), and '
      + `secret ${NAME} holds no copy of this app client to keep. If the app client has another secret (AddUserPoolClientSecret), `
      + 'store it there as client_secret, with client_id public-1, and deploy again; otherwise replace the client (give it another construct ID).');
    expect(secretsManager.secrets.size).toBe(0);
  });

  test('an AWS error fails the resource with its name and message, and no secret', async () => {
    secretsManager.mock.rejects(awsError('AccessDeniedException', 'not authorized to perform secretsmanager:CreateSecret'));
    await handler(request('Create'));

    expect(responses.last().Status).toBe('FAILED');
    expect(responses.last().Reason).toBe('AccessDeniedException: not authorized to perform secretsmanager:CreateSecret');
    expectNoSecretLeaked();
  });

  test('an InvalidRequestException that is not about a pending deletion fails the resource', async () => {
    secretsManager.mock.on(CreateSecretCommand)
      .rejects(awsError('InvalidRequestException', 'The KMS key is disabled.'));
    await handler(request('Create'));
    expect(responses.last()).toMatchObject({ Status: 'FAILED', Reason: 'InvalidRequestException: The KMS key is disabled.' });
  });

  test('a missing property is a clear failure', async () => {
    await handler(request('Create', { SecretName: '' }));
    expect(responses.last()).toMatchObject({ Status: 'FAILED', Reason: 'property SecretName must be a non-empty string' });
  });
});

describe('Update', () => {
  test('a replaced app client (new client ID) gets its new secret written to the same secret', async () => {
    await handler(request('Create'));
    const arn = responses.last().PhysicalResourceId;
    await handler(request('Update', { ClientId: 'client-2' }, { PhysicalResourceId: arn, OldResourceProperties: request('Create').ResourceProperties }));

    expect(responses.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn });
    expect(JSON.parse(secretsManager.current(NAME)!)).toMatchObject({ client_id: 'client-2', client_secret: ROTATED_SECRET });
    expectNoSecretLeaked();
  });

  test('a new KMS key: the same secret is re-keyed to it, and its next version is written under it', async () => {
    const newKey = 'arn:aws:kms:eu-west-1:123456789012:key/99999999-12ab-34cd-56ef-1234567890ab';
    await handler(request('Create'));
    const arn = responses.last().PhysicalResourceId;
    // The provider holds the grants on both keys while the update runs (the old one is deleted after it).
    secretsManager.usableKeys = new Set([KEY, newKey]);
    await handler(request('Update', { KmsKeyArn: newKey }, { PhysicalResourceId: arn, OldResourceProperties: request('Create').ResourceProperties }));

    expect(responses.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn });
    expect(secretsManager.secrets.get(NAME)!.kmsKeyId).toBe(newKey);
    expect(secretsManager.secrets.get(NAME)!.versions).toHaveLength(2);
    expect(secretsManager.mock.commandCalls(UpdateSecretCommand)).toHaveLength(1);
    // The current version is under the new key alone: a reader of the new key needs no grant on the old one.
    expect(secretsManager.keysOfCurrent(NAME)).toEqual([newKey]);
  });

  describe('an app client with a secret added by hand (Cognito returns only the one it was created with, while it has it)', () => {
    const tokenEndpointMoved = { TokenEndpoint: 'https://login.example.com/oauth2/token' };
    /** The copy after a rotation by hand: a secret added to the app client and written into the copy. */
    async function rotatedByHand(): Promise<string> {
      await handler(request('Create'));
      const arn = responses.last().PhysicalResourceId;
      const copy = JSON.parse(secretsManager.current(NAME)!);
      secretsManager.secrets.get(NAME)!.versions.push(JSON.stringify({ ...copy, client_secret: ADDED_SECRET }));
      cognito.resetHistory();
      return arn;
    }

    test('an Update keeps the secret the copy holds while Cognito still returns the first one, and writes what changed', async () => {
      const arn = await rotatedByHand();
      await handler(request('Update', tokenEndpointMoved, { PhysicalResourceId: arn, OldResourceProperties: request('Create').ResourceProperties }));

      expect(responses.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn });
      expect(JSON.parse(secretsManager.current(NAME)!)).toEqual({
        client_id: 'client-1',
        client_secret: ADDED_SECRET,
        issuer: `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`,
        token_endpoint: 'https://login.example.com/oauth2/token',
      });
      expect(cognito.calls()).toHaveLength(0);
      expectNoSecretLeaked();
    });

    test('an Update after the first secret was deleted (Cognito returns none) keeps the copy instead of failing', async () => {
      const arn = await rotatedByHand();
      cognito.on(DescribeUserPoolClientCommand, { UserPoolId: POOL, ClientId: 'client-1' }).resolves({ UserPoolClient: { ClientId: 'client-1' } });
      await handler(request('Update', { KmsKeyArn: `${KEY}0` }, { PhysicalResourceId: arn, OldResourceProperties: request('Create').ResourceProperties }));

      expect(responses.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn });
      expect(JSON.parse(secretsManager.current(NAME)!)).toMatchObject({ client_id: 'client-1', client_secret: ADDED_SECRET });
      expect(secretsManager.secrets.get(NAME)!.kmsKeyId).toBe(`${KEY}0`);
      expectNoSecretLeaked();
    });

    test('a copy that holds no secret of this app client (edited by hand) is written from Cognito again', async () => {
      const arn = await rotatedByHand();
      for (const broken of ['not json', JSON.stringify({ client_id: 'client-1' }), JSON.stringify({ client_id: 'client-1', client_secret: '' })]) {
        secretsManager.secrets.get(NAME)!.versions.push(broken);
        await handler(request('Update', tokenEndpointMoved, { PhysicalResourceId: arn, OldResourceProperties: request('Create').ResourceProperties }));

        expect(responses.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn });
        expect(JSON.parse(secretsManager.current(NAME)!)).toMatchObject({ client_id: 'client-1', client_secret: SECRET });
      }
      expectNoSecretLeaked();
    });

    test('with the first secret deleted and no copy to keep, the Update fails with the way on, and leaks nothing', async () => {
      const arn = await rotatedByHand();
      cognito.on(DescribeUserPoolClientCommand, { UserPoolId: POOL, ClientId: 'client-1' }).resolves({ UserPoolClient: { ClientId: 'client-1' } });
      secretsManager.secrets.delete(NAME);
      await handler(request('Update', { Tags: [{ Key: 'team', Value: 'platform' }] }, {
        PhysicalResourceId: arn, OldResourceProperties: request('Create').ResourceProperties,
      }));

      expect(responses.last()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: arn });
      expect(responses.last().Reason).toContain(`or the secret it was created with was deleted (DeleteUserPoolClientSecret), and secret ${NAME} holds no copy`);
      expect(secretsManager.secrets.size).toBe(0);
      expectNoSecretLeaked();
    });
  });

  test('a new secret name is a new physical resource', async () => {
    await handler(request('Create'));
    const oldArn = responses.last().PhysicalResourceId;
    await handler(request('Update', { SecretName: `${NAME}-v2` }, { PhysicalResourceId: oldArn }));

    expect(responses.last().PhysicalResourceId).not.toBe(oldArn);
    expect(secretsManager.current(`${NAME}-v2`)).toBeDefined();
  });
});

describe('tags (the CDK tags of the resource, property Tags)', () => {
  const TEAM = [{ Key: 'team', Value: 'identity' }, { Key: 'cost-center', Value: '42' }];

  test('a new secret carries them, besides managed-by', async () => {
    await handler(request('Create', { Tags: TEAM }));
    expect(responses.last().Status).toBe('SUCCESS');
    expect(secretsManager.tagsOf(NAME)).toEqual({ 'managed-by': 'cdk-oauth-clients', 'team': 'identity', 'cost-center': '42' });
  });

  test('an Update of the tags alone retags the secret: no new version, no Cognito call, a removed tag is removed', async () => {
    await handler(request('Create', { Tags: TEAM }));
    const arn = responses.last().PhysicalResourceId;
    cognito.resetHistory();
    const newTags = [{ Key: 'team', Value: 'platform' }];
    await handler(request('Update', { Tags: newTags }, { PhysicalResourceId: arn, OldResourceProperties: request('Create', { Tags: TEAM }).ResourceProperties }));

    expect(responses.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn, Data: { SecretArn: arn } });
    expect(secretsManager.tagsOf(NAME)).toEqual({ 'managed-by': 'cdk-oauth-clients', 'team': 'platform' });
    expect(secretsManager.secrets.get(NAME)!.versions).toHaveLength(1);
    expect(cognito.calls()).toHaveLength(0);
  });

  test('an Update of the tags alone after the secret was deleted writes it again: restored within the recovery window, else created', async () => {
    await handler(request('Create', { Tags: TEAM }));
    const arn = responses.last().PhysicalResourceId;
    const newTags = [{ Key: 'team', Value: 'platform' }];
    const retag = (physicalResourceId: string) => handler(request('Update', { Tags: newTags }, {
      PhysicalResourceId: physicalResourceId, OldResourceProperties: request('Create', { Tags: TEAM }).ResourceProperties,
    }));

    secretsManager.secrets.get(NAME)!.deletedDate = new Date();
    await retag(arn);
    expect(responses.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn, Data: { SecretArn: arn } });
    expect(secretsManager.secrets.get(NAME)!.deletedDate).toBeUndefined();
    expect(secretsManager.tagsOf(NAME)).toEqual({ 'managed-by': 'cdk-oauth-clients', 'team': 'platform' });

    secretsManager.secrets.delete(NAME);
    await retag(arn);
    const recreated = secretsManager.secrets.get(NAME)!.arn;
    expect(recreated).not.toBe(arn);
    expect(responses.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: recreated, Data: { SecretArn: recreated } });
    expect(JSON.parse(secretsManager.current(NAME)!)).toMatchObject({ client_id: 'client-1', client_secret: SECRET });
    expectNoSecretLeaked();
  });

  test('an Update that only sets ServiceTimeout (the first with a library version that sets it) writes nothing and asks Cognito nothing', async () => {
    await handler(request('Create', { Tags: TEAM }));
    const arn = responses.last().PhysicalResourceId;
    cognito.resetHistory();
    await handler(request('Update', { Tags: TEAM, ServiceTimeout: '1500' }, {
      PhysicalResourceId: arn, OldResourceProperties: request('Create', { Tags: TEAM }).ResourceProperties,
    }));

    expect(responses.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn, Data: { SecretArn: arn } });
    expect(secretsManager.secrets.get(NAME)!.versions).toHaveLength(1);
    expect(cognito.calls()).toHaveLength(0);
  });

  test('an Update that changes more than the tags writes the secret and retags it', async () => {
    await handler(request('Create'));
    const arn = responses.last().PhysicalResourceId;
    await handler(request('Update', { ClientId: 'client-2', Tags: TEAM }, { PhysicalResourceId: arn, OldResourceProperties: request('Create').ResourceProperties }));

    expect(responses.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn });
    expect(JSON.parse(secretsManager.current(NAME)!)).toMatchObject({ client_id: 'client-2' });
    expect(secretsManager.tagsOf(NAME)).toEqual({ 'managed-by': 'cdk-oauth-clients', 'team': 'identity', 'cost-center': '42' });
  });

  test('a user tag named managed-by neither replaces nor removes the provider\'s', async () => {
    const mine = [{ Key: 'managed-by', Value: 'me' }];
    await handler(request('Create', { Tags: mine }));
    const arn = responses.last().PhysicalResourceId;
    await handler(request('Update', {}, { PhysicalResourceId: arn, OldResourceProperties: request('Create', { Tags: mine }).ResourceProperties }));

    expect(responses.last().Status).toBe('SUCCESS');
    expect(secretsManager.tagsOf(NAME)).toEqual({ 'managed-by': 'cdk-oauth-clients' });
  });
});

describe('Delete', () => {
  test('deletes the secret with a recovery window', async () => {
    await handler(request('Create'));
    const arn = responses.last().PhysicalResourceId;
    await handler(request('Delete', {}, { PhysicalResourceId: arn }));

    expect(responses.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn });
    expect(secretsManager.secrets.get(NAME)!.deletedDate).toBeDefined();
    expect(secretsManager.mock.commandCalls(DeleteSecretCommand)[0].args[0].input)
      .toEqual({ SecretId: arn, RecoveryWindowInDays: 7 });
  });

  test('a secret that is already gone, or already scheduled for deletion, is success', async () => {
    await handler(request('Delete', {}, { PhysicalResourceId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:gone-abcdef' }));
    expect(responses.last().Status).toBe('SUCCESS');

    await handler(request('Create'));
    const arn = responses.last().PhysicalResourceId;
    await handler(request('Delete', {}, { PhysicalResourceId: arn }));
    await handler(request('Delete', {}, { PhysicalResourceId: arn }));
    expect(responses.last().Status).toBe('SUCCESS');
  });

  test('RemovalPolicy retain keeps the secret', async () => {
    await handler(request('Create'));
    const arn = responses.last().PhysicalResourceId;
    await handler(request('Delete', { RemovalPolicy: 'retain' }, { PhysicalResourceId: arn }));

    expect(responses.last().Status).toBe('SUCCESS');
    expect(secretsManager.secrets.get(NAME)!.deletedDate).toBeUndefined();
  });

  test('the Delete after a failed Create touches nothing', async () => {
    await handler(request('Delete', {}, { PhysicalResourceId: 'nothing-created' }));
    expect(responses.last()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'nothing-created' });
    expect(secretsManager.mock.calls()).toHaveLength(0);
  });
});

test('an unknown resource type fails clearly', async () => {
  await handler({ ...request('Create'), ResourceType: 'Custom::Nope' });
  expect(responses.last()).toMatchObject({ Status: 'FAILED', Reason: 'unknown resource type Custom::Nope' });
});

test('every log line is one JSON object of non-secret fields', async () => {
  await handler(request('Create'));
  await handler(request('Update', { ClientId: 'client-2' }, { PhysicalResourceId: responses.last().PhysicalResourceId }));
  expect(logged.length).toBeGreaterThanOrEqual(4);
  for (const line of logged) {
    expect(Object.keys(JSON.parse(line)).every((k) => ['event', 'requestType', 'resourceType', 'logicalResourceId', 'physicalResourceId', 'status', 'reason'].includes(k))).toBe(true);
  }
  expectNoSecretLeaked();
});
