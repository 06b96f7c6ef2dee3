import * as http from 'http';
import { requestJson, RetryPolicy, setDeadline } from '../../src/private/handler/http';
import { onLoopback } from '../support/loopback';

/** Short waits, so that a test of every attempt takes milliseconds. */
const QUICK: RetryPolicy = { attempts: 3, firstDelayMs: 1, timeoutMs: 2000 };

interface Seen {
  readonly method: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

type Answer = [status: number, body: string, headers?: http.OutgoingHttpHeaders];

/** A server on 127.0.0.1 that records each request and answers it with the next of `answers` (the last one repeats). */
async function withServer(answers: Answer[], use: (origin: string, seen: Seen[]) => Promise<void>): Promise<void> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method!, headers: req.headers, body });
      const [status, text, headers] = answers[Math.min(seen.length, answers.length) - 1];
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(text);
    });
  });
  await onLoopback(server, (origin) => use(origin, seen));
}

afterEach(() => setDeadline(Number.POSITIVE_INFINITY));

describe('what is sent', () => {
  test('a GET without a token carries no Authorization and no content type', async () => {
    await withServer([[200, '{"issuer":"x"}']], async (origin, seen) => {
      const res = await requestJson({ method: 'GET', url: `${origin}/.well-known/openid-configuration` }, QUICK);
      expect(res).toEqual({ status: 200, json: { issuer: 'x' }, attempts: 1 });
      expect(seen).toHaveLength(1);
      expect(seen[0].headers.authorization).toBeUndefined();
      expect(seen[0].headers['content-type']).toBeUndefined();
      expect(seen[0].headers.accept).toBe('application/json');
    });
  });

  test('a POST with a token carries it as a bearer, and its body as JSON', async () => {
    await withServer([[201, '{"client_id":"c1"}']], async (origin, seen) => {
      const res = await requestJson({ method: 'POST', url: `${origin}/reg`, bearer: 'iat-1', body: { scope: 'api:read' } }, QUICK);
      expect(res).toEqual({ status: 201, json: { client_id: 'c1' }, attempts: 1 });
      expect(seen[0]).toMatchObject({ method: 'POST', body: '{"scope":"api:read"}' });
      expect(seen[0].headers).toMatchObject({ 'authorization': 'Bearer iat-1', 'content-type': 'application/json' });
    });
  });
});

describe('retries', () => {
  test.each([429, 500, 503])('HTTP %d is sent again, as often as the policy allows; then the failure names the last answer', async (status) => {
    await withServer([[status, '{"error":"temporarily_unavailable","error_description":"try again later"}']], async (origin, seen) => {
      await expect(requestJson({ method: 'POST', url: `${origin}/reg`, body: {} }, QUICK))
        .rejects.toThrow(`POST ${origin}/reg failed: HTTP ${status} temporarily_unavailable: try again later (after 3 attempts)`);
      expect(seen).toHaveLength(3);
    });
  });

  test('an error description that is not text is left out of the failure', async () => {
    await withServer([[503, '{"error":"temporarily_unavailable","error_description":{"en":"try again later"}}']], async (origin) => {
      await expect(requestJson({ method: 'GET', url: `${origin}/x` }, QUICK))
        .rejects.toThrow(new RegExp(`^GET ${origin}/x failed: HTTP 503 temporarily_unavailable \\(after 3 attempts\\)$`));
    });
  });

  test('an answer after a retry says how many times the request was sent', async () => {
    await withServer([[503, ''], [201, '{"client_id":"c1"}']], async (origin, seen) => {
      expect(await requestJson({ method: 'POST', url: `${origin}/reg`, body: {} }, QUICK)).toEqual({ status: 201, json: { client_id: 'c1' }, attempts: 2 });
      expect(seen).toHaveLength(2);
    });
  });

  test.each([400, 401, 404, 499])('HTTP %d is the caller\'s to judge: returned at once, with its body', async (status) => {
    await withServer([[status, '{"error":"invalid_client_metadata"}']], async (origin, seen) => {
      expect(await requestJson({ method: 'POST', url: `${origin}/reg`, body: {} }, QUICK))
        .toEqual({ status, json: { error: 'invalid_client_metadata' }, attempts: 1 });
      expect(seen).toHaveLength(1);
    });
  });

  test('a body that is not JSON is returned as no JSON, with its status', async () => {
    await withServer([[404, '<html>Not Found</html>']], async (origin) => {
      expect(await requestJson({ method: 'GET', url: `${origin}/x` }, QUICK)).toEqual({ status: 404, json: undefined, attempts: 1 });
    });
  });
});

describe('redirects', () => {
  test.each([300, 301, 307, 308, 399])('HTTP %d is never followed nor sent again', async (status) => {
    await withServer([[status, '', { location: 'https://elsewhere.example.com/reg' }]], async (origin, seen) => {
      await expect(requestJson({ method: 'POST', url: `${origin}/reg`, bearer: 'iat-1', body: {} }, QUICK))
        .rejects.toThrow(`POST ${origin}/reg failed: HTTP ${status}, a redirect to https://elsewhere.example.com/reg. The provider follows no redirect`);
      expect(seen).toHaveLength(1);
    });
  });

  test('HTTP 299 is an answer, not a redirect', async () => {
    await withServer([[299, '{}']], async (origin) => {
      expect(await requestJson({ method: 'GET', url: `${origin}/x` }, QUICK)).toEqual({ status: 299, json: {}, attempts: 1 });
    });
  });
});

describe('the deadline to answer CloudFormation', () => {
  test('once passed, nothing more is sent, and the failure says it was never attempted', async () => {
    await withServer([[200, '{}']], async (origin, seen) => {
      setDeadline(Date.now() - 1);
      await expect(requestJson({ method: 'GET', url: `${origin}/x` }, QUICK))
        .rejects.toThrow(`GET ${origin}/x failed: not attempted; stopped to answer CloudFormation before the provider Lambda times out`);
      expect(seen).toHaveLength(0);
    });
  });

  test('reached while retrying, it stops the retries and names the last answer', async () => {
    await withServer([[503, '{"error":"temporarily_unavailable"}']], async (origin, seen) => {
      setDeadline(Date.now() + 300);
      await expect(requestJson({ method: 'GET', url: `${origin}/x` }, { attempts: 50, firstDelayMs: 100, timeoutMs: 2000 }))
        .rejects.toThrow(`GET ${origin}/x failed: HTTP 503 temporarily_unavailable; stopped to answer CloudFormation before the provider Lambda times out`);
      expect(seen.length).toBeGreaterThanOrEqual(2);
      expect(seen.length).toBeLessThan(50);
    });
  });
});
