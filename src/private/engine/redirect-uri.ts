/**
 * A redirect URI taken apart by hand, not by WHATWG `URL`: `URL` normalizes hosts (`http://127.1`,
 * `http://0x7f.0.0.1` become `127.0.0.1`), and a rule must judge what was registered, not a normalization of it.
 */
export interface RedirectUri {
  readonly raw: string;
  /** Lower-case scheme, or undefined when the string has none. */
  readonly scheme?: string;
  /** Lower-case host (IPv6 in brackets) for hierarchical URIs with an authority. */
  readonly host?: string;
  /** The explicit port, if any. */
  readonly port?: string;
  /** An absolute URI: a scheme, and for http(s) an authority with a host. */
  readonly absolute: boolean;
  /** http or https. */
  readonly web: boolean;
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s;

export function parseRedirectUri(raw: string): RedirectUri {
  const match = SCHEME.exec(raw);
  if (!match) {
    return { raw, absolute: false, web: false };
  }
  const scheme = match[1].toLowerCase();
  const rest = match[2];
  const web = scheme === 'http' || scheme === 'https';
  if (!rest.startsWith('//')) {
    return { raw, scheme, absolute: !web && rest.length > 0, web };
  }
  const authorityEnd = rest.slice(2).search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest.slice(2) : rest.slice(2, 2 + authorityEnd);
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  let host: string;
  let port: string | undefined;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    host = close === -1 ? hostPort : hostPort.slice(0, close + 1);
    const after = close === -1 ? '' : hostPort.slice(close + 1);
    port = after.startsWith(':') && after.length > 1 ? after.slice(1) : undefined;
  } else {
    const colon = hostPort.indexOf(':');
    host = colon === -1 ? hostPort : hostPort.slice(0, colon);
    port = colon === -1 || colon === hostPort.length - 1 ? undefined : hostPort.slice(colon + 1);
  }
  host = host.toLowerCase();
  return { raw, scheme, host, port, absolute: !web || host.length > 0, web };
}

/** 127.0.0.1 or [::1] (RFC 8252 §7.3). */
export function isLoopback(uri: RedirectUri): boolean {
  return uri.host === '127.0.0.1' || uri.host === '[::1]';
}

/** Exactly `localhost` (`localhost.evil.com` is not). */
export function isLocalhost(uri: RedirectUri): boolean {
  return uri.host === 'localhost';
}

/** A non-http(s) scheme (RFC 8252 §7.1). */
export function isPrivateUseScheme(uri: RedirectUri): boolean {
  return uri.scheme !== undefined && !uri.web;
}
