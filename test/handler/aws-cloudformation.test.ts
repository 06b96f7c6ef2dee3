// The provider's real CloudFormation client against a local endpoint that answers DescribeStacks in the service's
// query protocol: what the registration tests' double answers is what the SDK makes of the service's answers.
import { stackStatus } from '../../src/private/handler/aws';
import { TEST_STACK_ID } from '../support/fake-cloudformation';
import { useLocalAwsEndpoint } from '../support/local-aws-endpoint';

const NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

/** What the endpoint answers (undefined: it takes the request and never answers), and the request bodies it was sent. */
let answer: { status: number; xml: string } | undefined;
let bodies: URLSearchParams[] = [];

useLocalAwsEndpoint('CLOUDFORMATION', (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    bodies.push(new URLSearchParams(Buffer.concat(chunks).toString()));
    if (!answer) return;
    res.writeHead(answer.status, { 'content-type': 'text/xml', 'x-amzn-requestid': `req-${bodies.length}` });
    res.end(answer.xml);
  });
});

beforeEach(() => {
  bodies = [];
});

describe('the stack\'s status, which tells a rollback\'s Delete of a new client from a stack deletion', () => {
  test('is DescribeStacks of the stack ID, read from the service\'s answer', async () => {
    answer = {
      status: 200,
      xml: `<DescribeStacksResponse xmlns="${NS}"><DescribeStacksResult><Stacks><member><StackName>Stack</StackName>`
        + `<StackId>${TEST_STACK_ID}</StackId><CreationTime>2026-11-01T10:00:00.000Z</CreationTime>`
        + '<StackStatus>UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS</StackStatus></member></Stacks></DescribeStacksResult>'
        + '<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></DescribeStacksResponse>',
    };
    await expect(stackStatus(TEST_STACK_ID)).resolves.toBe('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
    expect(bodies.map((body) => [body.get('Action'), body.get('StackName')])).toEqual([['DescribeStacks', TEST_STACK_ID]]);
  });

  test('a role without cloudformation:DescribeStacks: the SDK\'s error is named AccessDenied (as the registration tests\' double names it), not retried', async () => {
    answer = {
      status: 403,
      xml: `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: `
        + 'arn:aws:sts::123456789012:assumed-role/provider/fn is not authorized to perform: cloudformation:DescribeStacks</Message>'
        + '</Error><RequestId>req-1</RequestId></ErrorResponse>',
    };
    await expect(stackStatus(TEST_STACK_ID)).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(bodies).toHaveLength(1);
  });

  test('an endpoint that never answers (a VPC with no way to CloudFormation) is given up on after three attempts, not waited on', async () => {
    answer = undefined;
    await expect(stackStatus(TEST_STACK_ID)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(bodies).toHaveLength(3);
  }, 30_000);
});
