import { CfnRequest } from '../../src/private/handler/cfn-event';
import { MAX_RESPONSE_BYTES, sendResponse } from '../../src/private/handler/cfn-response';
import { CfnResponseServer } from '../support/cfn-response-server';

let responses: CfnResponseServer;

beforeAll(async () => {
  responses = await CfnResponseServer.start();
});
afterAll(() => responses.stop());

function request(): CfnRequest {
  return {
    RequestType: 'Create',
    ResponseURL: responses.url,
    StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Stack/guid',
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
