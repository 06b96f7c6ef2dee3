import { CfnRequest } from './cfn-event';
import { exchange, noAnswerReason } from './http';
import { log } from './log';

export interface CfnResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason?: string;
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string>;
}

/** The most CloudFormation takes as a custom resource's response body; a longer one fails the resource without the reason. */
export const MAX_RESPONSE_BYTES = 4096;

const SHORTENED = ' … (shortened to fit the response CloudFormation takes; the whole reason is in the provider\'s log)';

function responseBody(request: CfnRequest, response: CfnResponse): string {
  return JSON.stringify({
    ...response,
    StackId: request.StackId,
    RequestId: request.RequestId,
    LogicalResourceId: request.LogicalResourceId,
    // The response carries no secret; NoEcho keeps the attributes out of the console and describe calls anyway.
    NoEcho: true,
  });
}

/** The body, with the reason shortened as much as needed to fit MAX_RESPONSE_BYTES (the handler logged it whole). */
function fittedBody(request: CfnRequest, response: CfnResponse): string {
  let body = responseBody(request, response);
  const reason = response.Reason ?? '';
  let keep = reason.length;
  while (Buffer.byteLength(body) > MAX_RESPONSE_BYTES && keep > 0) {
    keep = Math.max(0, keep - Math.max(1, Buffer.byteLength(body) - MAX_RESPONSE_BYTES));
    body = responseBody(request, { ...response, Reason: reason.slice(0, keep) + SHORTENED });
  }
  return body;
}

/**
 * How often the response is PUT, how long each attempt may take, and the wait before the second attempt (doubled
 * after each): all of them fit in the 15 seconds the handler keeps back for answering.
 */
const RESPONSE_ATTEMPTS = 4;
const ATTEMPT_TIMEOUT_MS = 2500;
const FIRST_RETRY_MS = 500;

/** Why one PUT of the response failed, and whether another attempt may succeed (a dropped connection, a 5xx). */
class ResponseNotTaken extends Error {
  constructor(message: string, public readonly transient: boolean) {
    super(message);
    this.name = 'ResponseNotTaken';
  }
}

async function put(url: string, body: string): Promise<void> {
  let status: number;
  try {
    // S3 signed the pre-signed URL for an empty content type.
    ({ status } = await exchange({ method: 'PUT', url, headers: { 'content-type': '' }, body }, ATTEMPT_TIMEOUT_MS));
  } catch (e) {
    throw new ResponseNotTaken(`CloudFormation response was not sent: ${noAnswerReason(e)}`, true);
  }
  if (status >= 300) throw new ResponseNotTaken(`CloudFormation response was rejected with HTTP ${status}`, status >= 500);
}

/**
 * PUTs the response to CloudFormation's pre-signed URL (http is used only by tests on 127.0.0.1), again after a
 * dropped connection or a 5xx: without it CloudFormation waits an hour. When it cannot be sent, it throws, so that
 * Lambda invokes the handler again (its handlers are safe to run twice).
 */
export async function sendResponse(request: CfnRequest, response: CfnResponse): Promise<void> {
  const body = fittedBody(request, response);
  for (let attempt = 1, wait = FIRST_RETRY_MS; ; attempt++, wait *= 2) {
    try {
      return await put(request.ResponseURL, body);
    } catch (e) {
      if (!(e instanceof ResponseNotTaken && e.transient) || attempt === RESPONSE_ATTEMPTS) throw e;
      log({ event: 'response-retry', logicalResourceId: request.LogicalResourceId, status: response.Status, reason: e.message });
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
