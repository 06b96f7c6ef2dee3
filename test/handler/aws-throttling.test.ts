import * as http from 'http';
import { AddressInfo } from 'net';

// The provider's real AWS clients, with their real retry middleware, against a local Cognito endpoint that answers as
// the service does when the request rate is exceeded (AWS_ENDPOINT_URL_<SERVICE>, read when the client is made).
// The worker's environment is given back after the file: other test files may run in the same process.
const ENVIRONMENT = { ...process.env };
process.env.AWS_REGION = 'eu-west-1';
process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_PROFILE;

// eslint-disable-next-line import/order
import { readCognitoClientSecret } from '../../src/private/handler/aws';

const POOL = 'eu-west-1_AbCdEf123';
const SECRET = 'throttling-test-client-secret';
const THROTTLED = { status: 400, body: { __type: 'TooManyRequestsException', message: 'Rate exceeded' } };
const DESCRIBED = { status: 200, body: { UserPoolClient: { UserPoolId: POOL, ClientId: 'client-1', ClientSecret: SECRET } } };

/** What the endpoint answers, one per request (the last one again when they run out), and the targets it was sent. */
let answers: Array<{ status: number; body: object }> = [];
let targets: string[] = [];

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    targets.push(String(req.headers['x-amz-target']));
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${targets.length}` });
    res.end(JSON.stringify(answer.body));
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  process.env = ENVIRONMENT;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  targets = [];
});

describe('AWS calls under Cognito\'s request rate quota (15 reads per second per account, 5 per user pool)', () => {
  test('a read throttled three times in a row is retried until it is answered: the SDK default gives up after 3 attempts', async () => {
    answers = [THROTTLED, THROTTLED, THROTTLED, DESCRIBED];
    await expect(readCognitoClientSecret(POOL, 'client-1')).resolves.toBe(SECRET);
    expect(targets).toEqual(Array(4).fill('AWSCognitoIdentityProviderService.DescribeUserPoolClient'));
  }, 30_000);

  test('an error that is not throttling is not retried', async () => {
    answers = [{ status: 400, body: { __type: 'ResourceNotFoundException', message: 'User pool client client-9 does not exist.' } }];
    await expect(readCognitoClientSecret(POOL, 'client-9')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(targets).toHaveLength(1);
  });
});

describe('AWS calls that IAM refuses while it applies a new grant (it is eventually consistent)', () => {
  const DENIED = { status: 400, body: { __type: 'AccessDeniedException', message: 'User is not authorized to perform: cognito-idp:DescribeUserPoolClient' } };

  test('a call refused twice is sent again, 1 and 2 seconds later, and answered', async () => {
    answers = [DENIED, DENIED, DESCRIBED];
    await expect(readCognitoClientSecret(POOL, 'client-1')).resolves.toBe(SECRET);
    expect(targets).toHaveLength(3);
  }, 30_000);

  test('a call still refused after 10 seconds (four more attempts) fails with IAM\'s error', async () => {
    answers = [DENIED];
    await expect(readCognitoClientSecret(POOL, 'client-1')).rejects.toMatchObject({
      name: 'AccessDeniedException', message: 'User is not authorized to perform: cognito-idp:DescribeUserPoolClient',
    });
    expect(targets).toHaveLength(5);
  }, 30_000);
});
