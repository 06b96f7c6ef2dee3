import * as http from 'http';
import * as https from 'https';
import { CfnRequest } from './cfn-event';

export interface CfnResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason?: string;
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string>;
}

/** PUTs the response to CloudFormation's pre-signed URL (http is used only by tests on 127.0.0.1). */
export async function sendResponse(request: CfnRequest, response: CfnResponse): Promise<void> {
  const body = JSON.stringify({
    ...response,
    StackId: request.StackId,
    RequestId: request.RequestId,
    LogicalResourceId: request.LogicalResourceId,
    // The response carries no secret; NoEcho keeps the attributes out of the console and describe calls anyway.
    NoEcho: true,
  });
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
