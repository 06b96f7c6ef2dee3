import { AddUserPoolClientSecretCommand, CognitoIdentityProviderClient, DeleteUserPoolClientSecretCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CfnRequest } from '../../src/private/handler/cfn-event';
import { handler } from '../../src/private/handler/provider.lambda';
import { CfnResponseServer } from '../support/cfn-response-server';
import { cognitoSecretRequest, NAME, POOL } from '../support/cognito-secret-request';
import { FakeCognitoAppClients } from '../support/fake-cognito-app-clients';
import { awsError, FakeSecretsManager } from '../support/fake-secrets-manager';
import { MOCK_CLIENT_SECRETS } from '../support/secrets';

const [ORIGINAL, , BY_HAND] = MOCK_CLIENT_SECRETS;
const CLIENT = 'client1abc';
const ISSUER = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`;
const TOKEN_ENDPOINT = 'https://example.auth.eu-west-1.amazoncognito.com/oauth2/token';

let responses: CfnResponseServer;
let secretsManager: FakeSecretsManager;
let cognito: FakeCognitoAppClients;
let logged: string[];

beforeAll(async () => {
  responses = await CfnResponseServer.start();
});
afterAll(async () => {
  await responses.stop();
});

beforeEach(async () => {
  secretsManager = new FakeSecretsManager();
  cognito = new FakeCognitoAppClients();
  cognito.createAppClient(POOL, CLIENT, ORIGINAL);
  logged = [];
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { logged.push(args.join(' ')); });
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { logged.push(args.join(' ')); });
  await handler(cfnRequest('Create'));
  expect(responses.last().Status).toBe('SUCCESS');
});
afterEach(() => {
  secretsManager.restore();
  cognito.restore();
  jest.restoreAllMocks();
});

function cfnRequest(requestType: CfnRequest['RequestType'], props: Record<string, unknown> = {}, extra: Partial<CfnRequest> = {}): CfnRequest {
  return cognitoSecretRequest(responses.url, requestType, { ClientId: CLIENT, ...props }, extra);
}

const secretArn = () => secretsManager.secrets.get(NAME)!.arn;
const step = (Step: string, token: string) => handler({ Step, SecretId: secretArn(), ClientRequestToken: token } as never);
const copy = (stage: 'AWSCURRENT' | 'AWSPREVIOUS' | 'AWSPENDING' = 'AWSCURRENT') => JSON.parse(secretsManager.stage(NAME, stage)!);

/** A whole rotation, as Secrets Manager runs it. */
async function rotate(token: string): Promise<void> {
  secretsManager.beginRotation(NAME, token);
  for (const s of ['createSecret', 'setSecret', 'testSecret', 'finishSecret']) await step(s, token);
  secretsManager.endRotation(NAME);
}

function expectNoSecretLeaked(): void {
  for (const secret of [...MOCK_CLIENT_SECRETS, ...cognito.addedValues()]) {
    for (const line of logged) expect(line).not.toContain(secret);
    for (const body of responses.bodies) expect(body).not.toContain(secret);
  }
}

test('a rotation has Cognito add a secret, makes it the copy\'s, and keeps the one it replaced valid until the next', async () => {
  const [originalId] = cognito.secretIds(POOL, CLIENT);
  await rotate('token-1');

  const [added] = cognito.addedValues();
  const [, addedId] = cognito.secretIds(POOL, CLIENT);
  expect(copy()).toEqual({ client_id: CLIENT, client_secret: added, issuer: ISSUER, token_endpoint: TOKEN_ENDPOINT, client_secret_id: addedId });
  expect(copy('AWSPREVIOUS')).toMatchObject({ client_secret: ORIGINAL });
  expect(cognito.validSecrets(POOL, CLIENT)).toEqual([ORIGINAL, added]);
  expect(cognito.secretIds(POOL, CLIENT)).toEqual([originalId, addedId]);
  expectNoSecretLeaked();
});

test('the next rotation deletes the secret the last one replaced, and the previous copy stays valid', async () => {
  await rotate('token-1');
  await rotate('token-2');

  const [first, second] = cognito.addedValues();
  expect(cognito.validSecrets(POOL, CLIENT)).toEqual([first, second]);
  expect(copy()).toMatchObject({ client_secret: second, client_secret_id: cognito.secretIds(POOL, CLIENT)[1] });
  expect(copy('AWSPREVIOUS')).toMatchObject({ client_secret: first });
  expectNoSecretLeaked();
});

test('a step sent again does nothing twice', async () => {
  secretsManager.beginRotation(NAME, 'token-1');
  await step('createSecret', 'token-1');
  await step('createSecret', 'token-1');
  await step('setSecret', 'token-1');
  await step('testSecret', 'token-1');
  await step('finishSecret', 'token-1');
  await step('finishSecret', 'token-1');

  expect(cognito.mock.commandCalls(AddUserPoolClientSecretCommand)).toHaveLength(1);
  expect(copy()).toMatchObject({ client_secret: cognito.addedValues()[0] });
  expect(copy('AWSPREVIOUS')).toMatchObject({ client_secret: ORIGINAL });
});

test('a createSecret interrupted after Cognito added the secret is mended by the next attempt: the orphan is deleted', async () => {
  secretsManager.putFailures.push({ name: NAME, when: () => true, error: awsError('InternalServiceError', 'try again') });
  secretsManager.beginRotation(NAME, 'token-1');
  await expect(step('createSecret', 'token-1')).rejects.toThrow('try again');
  const [originalId, orphanId] = cognito.secretIds(POOL, CLIENT);

  await step('createSecret', 'token-1');

  expect(cognito.mock.commandCalls(DeleteUserPoolClientSecretCommand).map((c) => c.args[0].input.ClientSecretId)).toEqual([orphanId]);
  const [, added] = cognito.addedValues();
  expect(cognito.validSecrets(POOL, CLIENT)).toEqual([ORIGINAL, added]);
  expect(cognito.secretIds(POOL, CLIENT)[0]).toBe(originalId);
  expect(copy('AWSPENDING')).toMatchObject({ client_secret: added });
  expect(logged.some((l) => l.includes('"status":"FAILED"') && l.includes('InternalServiceError: try again'))).toBe(true);
  expectNoSecretLeaked();
});

test('before the first rotation, with a secret added by hand, the one Cognito returns as the copy\'s is kept and the other deleted', async () => {
  const byHandId = cognito.addByHand(POOL, CLIENT, BY_HAND);
  await rotate('token-1');

  expect(cognito.mock.commandCalls(DeleteUserPoolClientSecretCommand).map((c) => c.args[0].input.ClientSecretId)).toEqual([byHandId]);
  expect(cognito.validSecrets(POOL, CLIENT)).toEqual([ORIGINAL, cognito.addedValues()[0]]);
});

test('two secrets, and a copy that cannot say which it holds: the rotation fails with the way on, and changes nothing', async () => {
  cognito.addByHand(POOL, CLIENT, BY_HAND);
  secretsManager.secrets.get(NAME)!.versions.push(JSON.stringify({ ...copy(), client_secret: BY_HAND }));
  secretsManager.beginRotation(NAME, 'token-1');

  await expect(step('createSecret', 'token-1')).rejects.toThrow(`app client ${CLIENT} of user pool ${POOL} has 2 secrets, and secret ${secretArn()} `
    + 'does not say which it holds (no client_secret_id): delete the one the services do not use (DeleteUserPoolClientSecret), or add its ID '
    + 'to the secret as client_secret_id, then rotate it again.');
  expect(cognito.mock.commandCalls(AddUserPoolClientSecretCommand)).toHaveLength(0);
  expect(cognito.mock.commandCalls(DeleteUserPoolClientSecretCommand)).toHaveLength(0);
  expect(secretsManager.stage(NAME, 'AWSPENDING')).toBeUndefined();
  expectNoSecretLeaked();
});

test('a copy whose secret Cognito no longer has fails the rotation, naming it', async () => {
  await rotate('token-1');
  const [, addedId] = cognito.secretIds(POOL, CLIENT);
  await cognitoDelete(addedId);
  secretsManager.beginRotation(NAME, 'token-2');

  await expect(step('createSecret', 'token-2')).rejects.toThrow(`secret ${secretArn()} holds client secret ${addedId} of app client ${CLIENT} `
    + `of user pool ${POOL}, which Cognito no longer has`);
  expect(cognito.mock.commandCalls(AddUserPoolClientSecretCommand)).toHaveLength(1);
});

test('testSecret fails when Cognito does not have the pending secret, and finishSecret is never reached', async () => {
  secretsManager.beginRotation(NAME, 'token-1');
  await step('createSecret', 'token-1');
  await cognitoDelete(copy('AWSPENDING').client_secret_id);

  await expect(step('testSecret', 'token-1')).rejects.toThrow(`the AWSPENDING version of secret ${secretArn()} holds a client secret that `
    + `app client ${CLIENT} of user pool ${POOL} does not have`);
  expect(copy()).toMatchObject({ client_secret: ORIGINAL });
});

test('a copy that says its secret expires (written by hand): the new secret, which Cognito never expires, is stored without it', async () => {
  secretsManager.secrets.get(NAME)!.versions.push(JSON.stringify({ ...copy(), client_secret_expires_at: 1893456000 }));
  await rotate('token-1');
  const [added] = cognito.addedValues();
  expect(copy()).toMatchObject({ client_id: CLIENT, client_secret: added });
  expect(copy().client_secret_expires_at).toBeUndefined();
});

test('a token that is not AWSPENDING, an unknown step, and a secret that is not a Cognito client\'s copy are refused', async () => {
  await expect(step('createSecret', 'nobody')).rejects.toThrow(`secret ${secretArn()} has no version nobody to rotate to`);
  await rotate('token-1');
  await rotate('token-2');
  const added = cognito.mock.commandCalls(AddUserPoolClientSecretCommand).length;
  // token-1 is AWSPREVIOUS now: Secrets Manager never asks to rotate to it.
  await expect(step('createSecret', 'token-1')).rejects.toThrow(`version token-1 of secret ${secretArn()} is not AWSPENDING`);
  secretsManager.beginRotation(NAME, 'token-3');
  await expect(step('dance', 'token-3')).rejects.toThrow('unknown rotation step dance');
  for (const value of ['not JSON', JSON.stringify({ client_id: CLIENT, client_secret: ORIGINAL, issuer: 'https://login.example.com' })]) {
    secretsManager.secrets.get(NAME)!.versions.push(value);
    await expect(step('createSecret', 'token-3')).rejects.toThrow(`the AWSCURRENT version of secret ${secretArn()} is not the credentials of a Cognito app client`);
  }
  expect(cognito.mock.commandCalls(AddUserPoolClientSecretCommand)).toHaveLength(added);
});

test('a CloudFormation Update after a rotation keeps the rotated secret and its ID', async () => {
  await rotate('token-1');
  const rotated = copy();
  await handler(cfnRequest('Update', { TokenEndpoint: 'https://login.example.com/oauth2/token' }, {
    PhysicalResourceId: secretArn(), OldResourceProperties: cfnRequest('Create').ResourceProperties,
  }));

  expect(responses.last().Status).toBe('SUCCESS');
  expect(copy()).toEqual({ ...rotated, token_endpoint: 'https://login.example.com/oauth2/token' });
  expectNoSecretLeaked();
});

/** DeleteUserPoolClientSecret by hand (through the fake, with its semantics). */
async function cognitoDelete(clientSecretId: string): Promise<void> {
  await new CognitoIdentityProviderClient({ region: 'eu-west-1' })
    .send(new DeleteUserPoolClientSecretCommand({ UserPoolId: POOL, ClientId: CLIENT, ClientSecretId: clientSecretId }));
}
