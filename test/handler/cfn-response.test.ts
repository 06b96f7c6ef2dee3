import { CfnRequest } from '../../src/private/handler/cfn-event';
import { MAX_RESPONSE_BYTES, sendResponse } from '../../src/private/handler/cfn-response';
import { CfnResponseServer } from '../support/cfn-response-server';
import { TEST_STACK_ID } from '../support/fake-cloudformation';

let responses: CfnResponseServer;

beforeAll(async () => {
  responses = await CfnResponseServer.start();
});
afterAll(() => responses.stop());

function request(): CfnRequest {
  return {
    RequestType: 'Create',
    ResponseURL: responses.url,
    StackId: TEST_STACK_ID,
    RequestId: 'req-1',
    ResourceType: 'Custom::OAuthClientRegistration',
    LogicalResourceId: 'ApiRegistration',
    ResourceProperties: {},
  };
}

/** A reason of plain letters that makes the response body exactly `bytes` long. */
async function reasonForBody(bytes: number): Promise<string> {
  const probe = JSON.stringify({ Status: 'FAILED', Reason: '', PhysicalResourceId: 'nothing-created' });
  // Sends a probe to learn the size of everything but the reason.
  await sendResponse(request(), JSON.parse(probe));
  const overhead = Buffer.byteLength(responses.bodies[responses.bodies.length - 1]);
  return 'x'.repeat(bytes - overhead);
}

describe('the reason is shortened only when the body would not fit the 4096 bytes CloudFormation takes', () => {
  test('a body of exactly 4096 bytes is sent whole', async () => {
    const reason = await reasonForBody(MAX_RESPONSE_BYTES);
    await sendResponse(request(), { Status: 'FAILED', Reason: reason, PhysicalResourceId: 'nothing-created' });
    const body = responses.bodies[responses.bodies.length - 1];
    expect(Buffer.byteLength(body)).toBe(MAX_RESPONSE_BYTES);
    expect(JSON.parse(body).Reason).toBe(reason);
  });

  test('one byte more, and the reason is cut to fit, saying so', async () => {
    const reason = await reasonForBody(MAX_RESPONSE_BYTES + 1);
    await sendResponse(request(), { Status: 'FAILED', Reason: reason, PhysicalResourceId: 'nothing-created' });
    const body = responses.bodies[responses.bodies.length - 1];
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
    expect(JSON.parse(body).Reason).toMatch(/^x+ … \(shortened to fit the response CloudFormation takes; the whole reason is in the provider's log\)$/);
  });
});

describe('the PUT to the response URL', () => {
  beforeEach(() => {
    responses.faults.length = 0;
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  // (503 and a dropped connection: registration.test.ts, with the handler)
  test('an S3 500 (InternalError) is retried like a 503', async () => {
    responses.faults.push(500);
    const attempts = responses.attempts.length;
    await sendResponse(request(), { Status: 'SUCCESS', PhysicalResourceId: 'client-1' });
    expect(responses.attempts.length - attempts).toBe(2);
    expect(JSON.parse(responses.bodies[responses.bodies.length - 1])).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'client-1' });
  });

  // (403: registration.test.ts, with the handler)
  test('HTTP 300 is not taken for an answer, and not sent again: the invocation fails for Lambda to retry', async () => {
    responses.faults.push(300);
    const attempts = responses.attempts.length;
    await expect(sendResponse(request(), { Status: 'SUCCESS', PhysicalResourceId: 'client-1' }))
      .rejects.toThrow('CloudFormation response was rejected with HTTP 300');
    expect(responses.attempts.length - attempts).toBe(1);
  });

  test('four attempts at most: then the invocation fails for Lambda to retry', async () => {
    responses.faults.push(503, 503, 503, 503, 503);
    const attempts = responses.attempts.length;
    await expect(sendResponse(request(), { Status: 'SUCCESS', PhysicalResourceId: 'client-1' }))
      .rejects.toThrow('CloudFormation response was rejected with HTTP 503');
    expect(responses.attempts.length - attempts).toBe(4);
  });
});
