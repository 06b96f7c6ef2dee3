/**
 * The URLs of an authorization server that the provider sends credentials to and receives them from: pure, so that
 * the construct layer judges them at synth and the handler again at deploy time (when they were tokens).
 */

/** Hosts where plain http is allowed: a test or development server on the same machine. */
const LOOPBACK_HOSTS = ['127.0.0.1', '[::1]', 'localhost'];

/** What is wrong with a server URL, and how to fix it. */
export interface ServerUrlProblem {
  readonly problem: string;
  readonly fix: string;
}

/**
 * What is wrong with the issuer (RFC 8414 §2: https, no query, no fragment; the metadata is found from it) or an
 * endpoint (TLS: RFC 7591 §3, RFC 6749 §3.2); undefined when nothing is. Plain http only on a loopback host.
 */
export function serverUrlProblem(url: string, kind: 'issuer' | 'endpoint'): ServerUrlProblem | undefined {
  const example = kind === 'issuer' ? 'https://login.example.com/realms/main' : 'https://login.example.com/register';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { problem: `'${url}' is not an absolute URL`, fix: `Give the full https URL, e.g. ${example}.` };
  }
  const loopback = parsed.protocol === 'http:' && LOOPBACK_HOSTS.includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !loopback) {
    return {
      problem: `'${url}' is not an https URL: the client's credentials would cross the network unprotected`,
      fix: `Use the server's https URL, e.g. ${example} (plain http only for a server on 127.0.0.1 or localhost).`,
    };
  }
  if (kind === 'issuer' && (url.includes('?') || url.includes('#'))) {
    return { problem: `'${url}' has a query or fragment, which an issuer never has (RFC 8414 §2)`, fix: `Give the issuer alone, e.g. ${example}.` };
  }
  if (kind === 'issuer' && parsed.pathname.includes('/.well-known/')) {
    return { problem: `'${url}' is a metadata URL, not the issuer`, fix: 'Give the issuer: the metadata URL without /.well-known/... .' };
  }
  return undefined;
}
