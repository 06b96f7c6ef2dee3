import { tokenSegments } from './unresolved';

/**
 * A redirect URI taken apart by hand, not by WHATWG `URL`: `URL` normalizes hosts (`http://127.1`,
 * `http://0x7f.0.0.1` become `127.0.0.1`), and a rule must judge what was registered, not a normalization of it.
 *
 * A URI may embed unresolved CDK tokens (`https://${Token[Domain.1]}/callback`). Each part is then known only
 * when the literal text decides it whatever the tokens resolve to; otherwise it is undefined, and no rule judges it.
 * A stray character (white space, an invisible one) is an unknown in the same way (`stray`).
 */
export interface RedirectUri {
  readonly raw: string;
  /** Lower-case scheme; undefined when the string has none, or a token or stray character decides it. */
  readonly scheme?: string;
  /** Lower-case host (IPv6 in brackets) for hierarchical URIs with an authority; undefined when a token or stray character is in it. */
  readonly host?: string;
  /** The explicit port, if any (known only with the host). */
  readonly port?: string;
  /** An absolute URI: a scheme, and for http(s) an authority with a host. Undefined when a token decides it; false with a stray character. */
  readonly absolute?: boolean;
  /** The scheme is http or https. */
  readonly web: boolean;
  /** A literal `#`: the URI has a fragment, whatever its tokens resolve to. */
  readonly fragment: boolean;
  /** A literal `*`. */
  readonly wildcard: boolean;
  /** No part is an unresolved token. */
  readonly resolved: boolean;
  /** The characters outside tokens: the resolved URI has at least as many. */
  readonly literalLength: number;
  /**
   * The first character of the URI that no URI has (white space, or an invisible one, RFC 3986 §2): not absolute then.
   * The other parts are still judged where the literal text around such characters decides them, as around a token.
   */
  readonly stray?: StrayCharacter;
  /**
   * Why the authority of an http(s) URI is no URI's authority (RFC 3986 §3.2.2, §3.2.3): an IP literal without its
   * `]` or with no IPv6 address in it, a character no host has, a port that is not a number. Not absolute then.
   */
  readonly malformed?: string;
  /** The URI as a message shows it: `raw`, with invisible characters (a line break) as `\u000A`. */
  readonly shown: string;
}

/** The first character of a redirect URI that no URI has: white space, or an invisible (control or format) one. */
export interface StrayCharacter {
  /** `U+0020`. */
  readonly codePoint: string;
  readonly whiteSpace: boolean;
  /** The URI without the stray characters at its ends ('' when it has no other); undefined when others are left inside. */
  readonly trimmed?: string;
}

/**
 * Characters outside every URI, and outside Cognito's pattern for callback URLs (`[\p{L}\p{M}\p{S}\p{N}\p{P}]+`):
 * separators (spaces, line and paragraph separators) and others (controls, format characters such as U+200B).
 * Token markers (`${Token[...]}`) have none, so the raw text can be searched as it is.
 */
const STRAY = /[\p{Z}\p{C}]/u;
const STRAYS = /[\p{Z}\p{C}]/gu;
const STRAY_AT_ENDS = /^[\p{Z}\p{C}]+|[\p{Z}\p{C}]+$/gu;

const hex4 = (c: string) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

/** The URI as a message can show it: invisible characters (a line break) as `\u000A`. */
function shownUri(raw: string): string {
  return raw.replace(/\p{C}/gu, (c) => `\\u${hex4(c)}`);
}

/** What is wrong with a URI that has a character no URI has (`has white space (U+0020) at its end, ...`), and the fix. */
export function strayCharacterProblem(raw: string, stray: StrayCharacter): { readonly problem: string; readonly fix: string } {
  const what = stray.whiteSpace ? `white space (${stray.codePoint})` : `the invisible character ${stray.codePoint}`;
  const { trimmed } = stray;
  if (trimmed === '') return { problem: `is only ${what}`, fix: 'Give the full URI with scheme and host.' };
  const where = trimmed === undefined ? 'inside it'
    : raw.startsWith(trimmed) ? 'at its end' : raw.endsWith(trimmed) ? 'at its start' : 'at its start and end';
  return {
    problem: `has ${what} ${where}, which no URI has`,
    fix: trimmed !== undefined ? `Remove it: '${trimmed}'.`
      : stray.whiteSpace ? 'Remove it, or percent-encode it (a space is %20).' : 'Remove it.',
  };
}

function strayCharacter(raw: string): StrayCharacter | undefined {
  const found = STRAY.exec(raw);
  if (!found) return undefined;
  const trimmed = raw.replace(STRAY_AT_ENDS, '');
  return { codePoint: `U+${hex4(found[0])}`, whiteSpace: /\s/.test(found[0]), trimmed: STRAY.test(trimmed) ? undefined : trimmed };
}

/** Stands for one token in the text the parser reads; which positions are tokens is kept aside. */
const TOKEN_CHAR = '\u0000';
const SCHEME_START = /[a-zA-Z]/;
const SCHEME_CHAR = /[a-zA-Z0-9+.-]/;
const AUTHORITY_END = /[/?#]/;
/** ASCII characters outside a host's name (RFC 3986 §3.2.2: unreserved, percent-encoded and sub-delims characters). */
const NOT_IN_HOST = /["<>[\]\\^`{|}]/;
const PORT = /^\d*$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
const DEC_OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${DEC_OCTET}(\\.${DEC_OCTET}){3}$`);
/** RFC 3986 §3.2.2: `v`, the version in hex digits, `.`, then unreserved, sub-delims and `:` characters. */
const IPV_FUTURE = /^v[0-9a-f]+\.[\w.~!$&'()*+,;=:-]+$/i;
/** RFC 6874: a zone ID is `%25` (an encoded `%`), then unreserved or percent-encoded characters. */
const ZONE_ID = /^%25([\w.~-]|%[0-9a-f]{2})+$/i;

/** Why the text of an IPv6 address (RFC 3986 §3.2.2, RFC 4291 §2.2) is none. */
function ipv6Problem(address: string): string | undefined {
  const halves = address.split('::');
  if (halves.length > 2) return "'::' comes twice, and stands for one run of zero groups only";
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  let count = groups.length;
  if (groups[count - 1]?.includes('.')) {
    const v4 = groups.pop()!;
    if (!IPV4.test(v4)) return `its last part '${v4}' is no IPv4 address`;
    if (count === 1 && halves.length === 1) return "an IPv4 address is written without '[' and ']'";
    count++;
  }
  const bad = groups.find((group) => !HEX_GROUP.test(group));
  if (bad !== undefined) return bad === '' ? "it has a ':' with no group on one side" : `'${bad}' is not a group of one to four hex digits`;
  if (halves.length === 2 ? count > 7 : count !== 8) {
    return `it has ${count} groups${halves.length === 2 ? " and '::'" : ''}, where an address has eight, or fewer and '::' in place of zeros`;
  }
  return undefined;
}

/** Why the contents of an IP literal (`[...]`, RFC 3986 §3.2.2) are neither an IPv6 address (with a zone ID) nor an IPvFuture. */
function ipLiteralProblem(host: string): string | undefined {
  const inner = host.slice(1, -1);
  if (inner === '') return "its host '[]' is an empty IP literal";
  if (/^v/i.test(inner)) {
    return IPV_FUTURE.test(inner) ? undefined : `its host '${host}' is no IP literal: after 'v' come the version in hex digits, '.', and the address`;
  }
  const percent = inner.indexOf('%');
  if (percent !== -1 && !ZONE_ID.test(inner.slice(percent))) {
    return `its host '${host}' has a zone ID that is not '%25' (an encoded '%') and then unreserved or percent-encoded characters, as in `
      + "'[fe80::1%25en0]'";
  }
  const why = ipv6Problem(percent === -1 ? inner : inner.slice(0, percent));
  return why === undefined ? undefined : `its host '${host}' is no IPv6 address: ${why}`;
}

/** Why a URI's host and port (the authority after any user information) are none (see RedirectUri.malformed). */
function malformedAuthority(hostPort: string, host: string, port: string | undefined): string | undefined {
  if (host.startsWith('[')) {
    if (!host.endsWith(']')) return `its host '${host}' opens an IP literal with '[' and does not close it with ']'`;
    const after = hostPort.slice(host.length);
    if (after !== '' && !after.startsWith(':')) return `'${after}' follows its host '${host}', where only ':' and a port may`;
    const literal = ipLiteralProblem(host);
    if (literal) return literal;
  } else {
    const bad = NOT_IN_HOST.exec(host);
    if (bad) return `its host '${host}' has '${bad[0]}', which no host name has`;
  }
  return port === undefined || PORT.test(port) ? undefined : `its port '${port}' is not a number`;
}

/**
 * The URI as far as its literal text decides it; undefined when nothing of it can be judged at synth: a string
 * that is one token (or a list token, which may stand for any number of URIs), or whose token markers are malformed.
 */
export function parseRedirectUri(raw: string): RedirectUri | undefined {
  const segments = tokenSegments(raw);
  if (segments === undefined || (segments.length > 0 && segments.every((segment) => segment === undefined))) return undefined;
  const stray = strayCharacter(raw);
  let text = '';
  // Where the text decides nothing: a token, or a stray character. A stray character is an unknown, as a token is: a
  // part it falls in is not judged (OAC-083 reports it), and the parts the text around it decides are, so a URI gets
  // every finding it would get with a token in the stray's place.
  const unknownAt = new Set<number>();
  let tokens = 0;
  for (const segment of segments) {
    if (segment === undefined) {
      unknownAt.add(text.length);
      tokens++;
      text += TOKEN_CHAR;
      continue;
    }
    if (stray) {
      for (const found of segment.matchAll(STRAYS)) {
        for (let i = 0; i < found[0].length; i++) unknownAt.add(text.length + found.index + i);
      }
    }
    text += segment;
  }
  const isUnknown = (i: number) => unknownAt.has(i);
  const anyUnknown = (from: number, to: number) => unknownAt.size > 0 && [...unknownAt].some((i) => i >= from && i < to);
  const unknownsFrom = (from: number) => [...unknownAt].filter((i) => i >= from).length;
  // One object shape for every outcome (object spread is two orders of magnitude slower here).
  const uri = (known: { scheme?: string; host?: string; port?: string; absolute?: boolean; malformed?: string }): RedirectUri => ({
    raw,
    scheme: known.scheme,
    host: known.host,
    port: known.port,
    absolute: stray ? false : known.absolute,
    malformed: known.malformed,
    web: known.scheme === 'http' || known.scheme === 'https',
    fragment: text.includes('#'),
    wildcard: text.includes('*'),
    resolved: tokens === 0,
    literalLength: text.length - tokens,
    stray,
    shown: stray ? shownUri(raw) : raw,
  });

  // The scheme: letters, then scheme characters, then ':'. An unknown where it could continue leaves it unknown.
  let end = 0;
  if (SCHEME_START.test(text.charAt(0)) && !isUnknown(0)) {
    end = 1;
    while (end < text.length && !isUnknown(end) && SCHEME_CHAR.test(text[end])) end++;
  }
  if (isUnknown(end)) return uri({});
  if (end === 0 || text[end] !== ':') return uri({ absolute: false });

  const scheme = text.slice(0, end).toLowerCase();
  const restStart = end + 1;
  const rest = text.slice(restStart);
  if (scheme !== 'http' && scheme !== 'https') {
    const literal = rest.length > unknownsFrom(restStart);
    return uri({ scheme, absolute: rest.length === 0 ? false : literal ? true : undefined });
  }
  if (isUnknown(restStart) || isUnknown(restStart + 1)) return uri({ scheme });
  if (!rest.startsWith('//')) return uri({ scheme, absolute: false });

  const authorityStart = restStart + 2;
  const delimiter = text.slice(authorityStart).search(AUTHORITY_END);
  const authorityEnd = delimiter === -1 ? text.length : authorityStart + delimiter;
  if (anyUnknown(authorityStart, authorityEnd)) return uri({ scheme });

  const authority = text.slice(authorityStart, authorityEnd);
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
  const malformed = malformedAuthority(hostPort, host, port);
  // A host or port that is none is not judged as one (an unclosed '[::1' is no loopback address).
  if (malformed) return uri({ scheme, absolute: false, malformed });
  host = host.toLowerCase();
  return uri({ scheme, host, port, absolute: host.length > 0 });
}

/** 127.0.0.1 or [::1] (RFC 8252 §7.3). */
export function isLoopback(uri: RedirectUri): boolean {
  return uri.host === '127.0.0.1' || uri.host === '[::1]';
}

/** Exactly `localhost` (`localhost.evil.com` is not). */
export function isLocalhost(uri: RedirectUri): boolean {
  return uri.host === 'localhost';
}

/** A known non-http(s) scheme (RFC 8252 §7.1). */
export function isPrivateUseScheme(uri: RedirectUri): boolean {
  return uri.scheme !== undefined && !uri.web;
}
