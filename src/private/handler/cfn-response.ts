import * as http from 'http';
import * as https from 'https';
import { CfnRequest } from './cfn-event';

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

/** PUTs the response to CloudFormation's pre-signed URL (http is used only by tests on 127.0.0.1). */
export async function sendResponse(request: CfnRequest, response: CfnResponse): Promise<void> {
  const body = fittedBody(request, response);
  const url = new URL(request.ResponseURL);
  const transport = url.protocol === 'http:' ? http : https;
  await new Promise<void>((resolve, reject) => {
    const req = transport.request(url, {
      method: 'PUT',
      headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode !== undefined && res.statusCode < 300
        ? resolve()
        : reject(new Error(`CloudFormation response was rejected with HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}
