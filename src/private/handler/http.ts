import * as http from 'http';
import * as https from 'https';
import { rootCertificates } from 'tls';
import { ProviderError } from './cfn-event';

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  /** A bearer token; it is never logged nor put in an error message. */
  readonly bearer?: string;
  readonly body?: unknown;
  /** PEM certificates of the certificate authorities trusted for this server, besides the public ones Node.js knows. */
  readonly ca?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly json?: any;
  /**
   * How many times the request was sent. More than one means an earlier attempt failed without an answer the
   * provider could act on, and may have been carried out all the same.
   */
  readonly attempts: number;
}

export interface RetryPolicy {
  /** Attempts in all. */
  readonly attempts: number;
  /** Delay before the second attempt; doubled after each further failure. */
  readonly firstDelayMs: number;
  /** Time limit of one attempt. */
  readonly timeoutMs: number;
}

/**
 * Within the custom resource's time budget: the provider Lambda has 5 minutes, and one event makes at most four
 * requests (discovery twice, the registration, a clean-up), each at most 5 × 10 s plus 7.5 s of backoff.
 */
const DEFAULT_RETRY: RetryPolicy = { attempts: 5, firstDelayMs: 500, timeoutMs: 10000 };

/** When the current event must stop waiting on the network, to answer CloudFormation before the Lambda times out. */
let deadline = Number.POSITIVE_INFINITY;

/** Sets the time (epoch ms) after which no request of the current event waits any longer. */
export function setDeadline(at: number): void {
  deadline = at;
}

/** Why Node.js refuses a server's TLS certificate: a retry would be refused the same way. */
const CERTIFICATE_REFUSALS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_UNTRUSTED', 'CERT_REVOKED', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

function describeFailure(request: HttpRequest, detail: string): string {
  // The URL has no credential in it; the body and the Authorization header are never included.
  return `${request.method} ${request.url} failed: ${detail}`;
}

/** What one exchange got back: the status, the redirect target (if any) and the body. */
export interface Answer {
  readonly status: number;
  readonly location?: string;
  readonly text: string;
}

/** An attempt that got no answer within its time limit. */
class NoAnswer extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'NoAnswer';
  }
}

/** One HTTP exchange: what is sent, as it is sent. */
export interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** PEM certificates trusted besides the public ones Node.js knows (https only). */
  readonly ca?: string;
}

/**
 * Sends once, on a fresh connection; rejects on a connection or TLS failure, or when no whole answer arrives within
 * the time limit. The provider's one HTTP transport: its requests to servers, and its answers to CloudFormation.
 */
export function exchange({ method, url: target, headers, body, ca }: Exchange, timeoutMs: number): Promise<Answer> {
  const url = new URL(target);
  const tls = url.protocol === 'https:';
  return new Promise<Answer>((resolve, reject) => {
    const fail = (e: Error) => {
      clearTimeout(timer);
      reject(e);
    };
    // Also when the answer began and stalls: the time limit is for all of it.
    const timer = setTimeout(() => req.destroy(new NoAnswer(timeoutMs)), timeoutMs);
    const req = (tls ? https : http).request(url, {
      method,
      headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
      // A fresh connection each time: one kept alive could outlast the server's, and trust is per server.
      agent: false,
      ...(tls && ca ? { ca: [...rootCertificates, ca] } : {}),
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, location: res.headers.location, text: Buffer.concat(chunks).toString('utf8') });
      });
      // A connection dropped in the middle of the answer (ECONNRESET).
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** Why an exchange got no answer: its time limit, or the error code (ECONNRESET, ECONNREFUSED, ...). */
export function noAnswerReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err instanceof NoAnswer ? err.message : `${err.code ?? err.name}`;
}

/**
 * One JSON request, retried with exponential backoff on 429, 5xx, time-outs and dropped connections.
 * Other statuses are returned to the caller, which knows what they mean. Redirects are never followed.
 */
export async function requestJson(request: HttpRequest, policy: RetryPolicy = DEFAULT_RETRY): Promise<HttpResponse> {
  let delay = policy.firstDelayMs;
  let last = '';
  let sent = 1;
  for (; sent <= policy.attempts; sent++) {
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new ProviderError(describeFailure(request, `${last || 'not attempted'}; stopped to answer CloudFormation before the provider Lambda times out`));
    }
    const timeoutMs = Math.min(policy.timeoutMs, left);
    try {
      const body = request.body !== undefined ? JSON.stringify(request.body) : undefined;
      const answer = await exchange({
        method: request.method,
        url: request.url,
        headers: {
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(request.bearer ? { authorization: `Bearer ${request.bearer}` } : {}),
        },
        body,
        ca: request.ca,
      }, timeoutMs);
      if (answer.status >= 300 && answer.status < 400) {
        // Never followed: a redirect could take the request and its credentials elsewhere. Not retried: it will not change.
        const location = (answer.location ?? '(none)').slice(0, 200);
        throw new ProviderError(describeFailure(request, `HTTP ${answer.status}, a redirect to ${location}. The provider follows no `
          + 'redirect, which could take the request and its credentials elsewhere: give the URL it redirects to'));
      }
      let json: unknown;
      try {
        json = answer.text.length > 0 ? JSON.parse(answer.text) : undefined;
      } catch {
        json = undefined;
      }
      if (!retryable(answer.status)) return { status: answer.status, json, attempts: sent };
      last = `HTTP ${answer.status}${errorCode(json)}`;
    } catch (e) {
      if (e instanceof ProviderError) throw e;
      const err = e as NodeJS.ErrnoException;
      if (err.code && CERTIFICATE_REFUSALS.has(err.code)) {
        throw new ProviderError(describeFailure(request, `the server's TLS certificate was refused (${err.code}). The provider `
          + `trusts the public certificate authorities Node.js knows${request.ca ? ' and those of caBundle' : ''}, and checks the host `
          + 'name: give the server a certificate from one of them that names its host, or give the certificate authority that issued '
          + 'it as caBundle'));
      }
      last = noAnswerReason(err);
    }
    if (sent < policy.attempts) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(delay, deadline - Date.now()))));
      delay *= 2;
    }
  }
  throw new ProviderError(describeFailure(request, `${last} (after ${policy.attempts} attempts)`));
}

/** The OAuth error code and description of an error response, for messages (they carry no secret). */
export function errorCode(json: unknown): string {
  const body = json as { error?: unknown; error_description?: unknown } | undefined;
  if (typeof body?.error !== 'string') return '';
  const description = typeof body.error_description === 'string' ? `: ${body.error_description.slice(0, 300)}` : '';
  return ` ${body.error}${description}`;
}
