// The provider's real AWS clients, with their real retry middleware, against a local Cognito endpoint that answers as
// the service does when the request rate is exceeded.
import { readCognitoClientSecret } from '../../src/private/handler/aws';
import { useLocalAwsEndpoint } from '../support/local-aws-endpoint';

const POOL = 'eu-west-1_AbCdEf123';
const SECRET = 'throttling-test-client-secret';
const THROTTLED = { status: 400, body: { __type: 'TooManyRequestsException', message: 'Rate exceeded' } };
const DESCRIBED = { status: 200, body: { UserPoolClient: { UserPoolId: POOL, ClientId: 'client-1', ClientSecret: SECRET } } };

/** What the endpoint answers, one per request (the last one again when they run out), and the targets it was sent. */
let answers: Array<{ status: number; body: object }> = [];
let targets: string[] = [];

useLocalAwsEndpoint('COGNITO_IDENTITY_PROVIDER', (req, res) => {
  req.resume();
  req.on('end', () => {
    targets.push(String(req.headers['x-amz-target']));
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${targets.length}` });
    res.end(JSON.stringify(answer.body));
  });
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
