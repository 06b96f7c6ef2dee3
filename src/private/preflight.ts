import { Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { OAuthClientOptions } from '../oauth-client-options';
import { parseRedirectUri, strayCharacterProblem } from './engine/redirect-uri';
import { propsShapeProblem } from './props-shape';

/** A backend of this library that can refuse a client as declared, before the client creates anything. */
export interface PreflightServer {
  preflight(client: Construct, constructName: string, props: OAuthClientOptions): void;
}

/** One scope token (RFC 6749 §3.3): printable ASCII without space, `"` or `\`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/**
 * What no server can use as a logout URI (redirect URIs are OAC-083's; no rule judges logout URIs): white space or an
 * invisible character, which no URI has, or a relative URI, which the browser would resolve against the server's own
 * domain, where the server sends users after they sign out (OpenID Connect RP-Initiated Logout §3.1: URLs).
 */
function logoutUriProblem(uri: string): string | undefined {
  const parsed = parseRedirectUri(uri);
  if (parsed?.stray) {
    const { problem, fix } = strayCharacterProblem(uri, parsed.stray);
    return `logout URI '${parsed.shown}' ${problem}. ${fix}`;
  }
  if (parsed?.absolute === false) {
    return `logout URI '${uri}' is not an absolute URI${parsed.malformed ? ` (${parsed.malformed})` : ''}, and the server redirects users to it `
      + 'from its own domain after they sign out. '
      + "Give the full URI with scheme and host, e.g. 'https://app.example.com/signed-out'.";
  }
  return undefined;
}

/**
 * Refuses a client as declared before it creates anything (its signing key included), so a refused client leaves
 * nothing half-created: first what no server accepts, then what its server refuses, when that server is one of this
 * library's backends (others have no say here).
 */
export function preflightClient(client: Construct, constructName: string, props: OAuthClientOptions): void {
  const shape = propsShapeProblem(props);
  if (shape) throw new Error(`${constructName} '${client.node.path}': ${shape}`);
  const malformed = (props.scopes ?? []).filter((scope) => !Token.isUnresolved(scope) && !SCOPE_TOKEN.test(scope));
  if (malformed.length > 0) {
    const split = (props.scopes ?? []).flatMap((scope) => (malformed.includes(scope) ? scope.split(/\s+/).filter(Boolean) : [scope]));
    throw new Error(`${constructName} '${client.node.path}': scopes ${malformed.map((s) => `'${s}'`).join(', ')} ${malformed.length > 1 ? 'are' : 'is'} `
      + 'not a scope token (RFC 6749 §3.3: printable ASCII without spaces, quotes or backslashes). Give each scope as its own entry: '
      + `scopes: [${split.map((s) => `'${s}'`).join(', ')}].`);
  }
  const badLogout = (props.logoutUris ?? []).flatMap((uri) => logoutUriProblem(uri) ?? []);
  if (badLogout.length > 0) throw new Error(`${constructName} '${client.node.path}': ${badLogout.join(' ')}`);
  const server = props.authorizationServer as Partial<PreflightServer>;
  if (typeof server.preflight === 'function') server.preflight(client, constructName, props);
}
