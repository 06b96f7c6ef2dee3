import { ProviderError } from './cfn-event';

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  /** A bearer token; it is never logged nor put in an error message. */
  readonly bearer?: string;
  readonly body?: unknown;
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

/**
 * One JSON request, retried with exponential backoff on 429, 5xx, time-outs and dropped connections.
 * Other statuses are returned to the caller, which knows what they mean.
 */
export async function requestJson(request: HttpRequest, policy: RetryPolicy = DEFAULT_RETRY): Promise<HttpResponse> {
  let delay = policy.firstDelayMs;
  let last = '';
  let attempt = 1;
  for (; attempt <= policy.attempts; attempt++) {
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new ProviderError(describeFailure(request, `${last || 'not attempted'}; stopped to answer CloudFormation before the provider Lambda times out`));
    }
    const timeoutMs = Math.min(policy.timeoutMs, left);
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: {
          accept: 'application/json',
          ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(request.bearer ? { authorization: `Bearer ${request.bearer}` } : {}),
        },
        body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      });
      if (response.status >= 300 && response.status < 400) {
        // Never followed: a redirect could take the request and its credentials elsewhere. Not retried: it will not change.
        const location = (response.headers.get('location') ?? '(none)').slice(0, 200);
        throw new ProviderError(describeFailure(request, `HTTP ${response.status}, a redirect to ${location}. The provider follows no `
          + 'redirect, which could take the request and its credentials elsewhere: give the URL it redirects to'));
      }
      const text = await response.text();
      let json: unknown;
      try {
        json = text.length > 0 ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      if (!retryable(response.status)) return { status: response.status, json, attempts: attempt };
      last = `HTTP ${response.status}${errorCode(json)}`;
    } catch (e) {
      if (e instanceof ProviderError) throw e;
      const err = e as Error & { cause?: { code?: string } };
      if (err.cause?.code && CERTIFICATE_REFUSALS.has(err.cause.code)) {
        throw new ProviderError(describeFailure(request, `the server's TLS certificate was refused (${err.cause.code}). The provider `
          + 'trusts the public certificate authorities Node.js knows, and checks the host name: give the server a certificate from one of '
          + 'them that names its host'));
      }
      last = err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `${err.cause?.code ?? err.name}`;
    }
    if (attempt < policy.attempts) {
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
