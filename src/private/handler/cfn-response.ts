import * as http from 'http';
import * as https from 'https';
import { CfnRequest } from './cfn-event';
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

function put(url: URL, body: string): Promise<void> {
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise<void>((resolve, reject) => {
    const req = transport.request(url, {
      method: 'PUT',
      headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
      timeout: ATTEMPT_TIMEOUT_MS,
    }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode !== undefined && res.statusCode < 300
        ? resolve()
        : reject(new ResponseNotTaken(`CloudFormation response was rejected with HTTP ${res.statusCode}`, (res.statusCode ?? 500) >= 500))));
    });
    req.on('timeout', () => req.destroy(new ResponseNotTaken(`CloudFormation response was not sent: no answer within ${ATTEMPT_TIMEOUT_MS} ms`, true)));
    req.on('error', (e: NodeJS.ErrnoException) => reject(e instanceof ResponseNotTaken ? e
      : new ResponseNotTaken(`CloudFormation response was not sent: ${e.code ?? e.name}`, true)));
    req.end(body);
  });
}

/**
 * PUTs the response to CloudFormation's pre-signed URL (http is used only by tests on 127.0.0.1), again after a
 * dropped connection or a 5xx: without it CloudFormation waits an hour. When it cannot be sent, it throws, so that
 * Lambda invokes the handler again (its handlers are safe to run twice).
 */
export async function sendResponse(request: CfnRequest, response: CfnResponse): Promise<void> {
  const body = fittedBody(request, response);
  const url = new URL(request.ResponseURL);
  for (let attempt = 1, wait = FIRST_RETRY_MS; ; attempt++, wait *= 2) {
    try {
      return await put(url, body);
    } catch (e) {
      if (!(e instanceof ResponseNotTaken && e.transient) || attempt === RESPONSE_ATTEMPTS) throw e;
      log({ event: 'response-retry', logicalResourceId: request.LogicalResourceId, status: response.Status, reason: e.message });
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
