import { Duration, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { OAuthClientOptions } from '../oauth-client-options';
import { parseRedirectUri, strayCharacterProblem } from './engine/redirect-uri';
import { enumValueProblem } from './enum-value';
import { valueObjectProblem } from './value-object';
import { GrantType } from '../grant-type';
import { PkceMethod } from '../pkce-method';
import { SigningAlgorithm } from '../signing-algorithm';
import { TokenEndpointAuthMethod } from '../token-endpoint-auth-method';
import { ValidationProfile } from '../validation-profile';

/** A backend of this library that can refuse a client as declared, before the client creates anything. */
export interface PreflightServer {
  preflight(client: Construct, constructName: string, props: OAuthClientOptions): void;
}

/** The props that are lists, which callers without TypeScript's checks (JavaScript) may give as one value. */
const LIST_PROPS = ['grantTypes', 'redirectUris', 'logoutUris', 'scopes', 'identityProviders'] as const;

/** The props that are enums, which callers without TypeScript's checks may give as another string ('s256', 'fapi2'). */
const ENUM_PROPS = [
  { name: 'pkce', type: 'PkceMethod', values: PkceMethod },
  { name: 'profile', type: 'ValidationProfile', values: ValidationProfile },
] as const;

/** The props of the library's value classes (read by their `value`), which callers without TypeScript's checks may give as strings. */
const VALUE_OBJECT_PROPS = [
  { name: 'idTokenSigningAlgorithm', type: SigningAlgorithm },
  { name: 'tokenEndpointAuthMethod', type: TokenEndpointAuthMethod },
  { name: 'tokenEndpointAuthSigningAlgorithm', type: SigningAlgorithm },
] as const;

/** The props that are durations, which callers without TypeScript's checks may give as a number or a string. */
const DURATION_PROPS = ['accessTokenValidity', 'idTokenValidity', 'refreshTokenValidity', 'refreshTokenRotationGracePeriod', 'secretRotation'] as const;

/** The props that are booleans, which callers without TypeScript's checks may give as a string ('false' is truthy). */
const BOOLEAN_PROPS = ['refreshTokenRotation', 'senderConstrainedTokens', 'requirePushedAuthorizationRequests'] as const;

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
    return `logout URI '${uri}' is not an absolute URI, and the server redirects users to it from its own domain after they sign out. `
      + "Give the full URI with scheme and host, e.g. 'https://app.example.com/signed-out'.";
  }
  return undefined;
}

/** A duration given as what is no Duration (a number of unknown unit, a string), with the Duration to give. */
function durationProblem(name: string, value: unknown): string | undefined {
  if (value === undefined || typeof (value as Partial<Duration> | null)?.toSeconds === 'function') return undefined;
  const fix = typeof value === 'number' ? `Duration.seconds(${value}), or the unit meant (Duration.minutes, Duration.hours, Duration.days)` : 'a Duration, e.g. Duration.hours(1)';
  return `${name} is ${JSON.stringify(value)}, not a Duration. Give ${fix}.`;
}

/**
 * Refuses a client as declared before it creates anything (its signing key included), so a refused client leaves
 * nothing half-created: first what no server accepts, then what its server refuses, when that server is one of this
 * library's backends (others have no say here).
 */
export function preflightClient(client: Construct, constructName: string, props: OAuthClientOptions): void {
  // Callers without TypeScript's checks (JavaScript) can leave out a required prop, or give a list as one value.
  if (!props.authorizationServer) {
    throw new Error(`${constructName} '${client.node.path}': authorizationServer is missing. Give the server that registers the client: `
      + 'AuthorizationServer.cognito(userPool) or AuthorizationServer.dynamicRegistration({ issuer }).');
  }
  const notLists = LIST_PROPS.filter((name) => props[name] !== undefined && !Array.isArray(props[name]));
  if (notLists.length > 0) {
    throw new Error(`${constructName} '${client.node.path}': ${notLists.map((name) => `${name} is ${JSON.stringify(props[name])}`).join(', ')}, `
      + `not a list. Give a list, even of one: ${notLists.map((name) => `${name}: [${JSON.stringify(props[name])}]`).join(', ')}.`);
  }
  for (const { name, type, values } of ENUM_PROPS) {
    // A profile that is no profile would judge the client without its rules (FAPI 2.0's, for 'fapi2').
    const problem = enumValueProblem(name, props[name], type, values);
    if (problem) throw new Error(`${constructName} '${client.node.path}': ${problem}`);
  }
  const given = props as OAuthClientOptions & Partial<Record<typeof VALUE_OBJECT_PROPS[number]['name'] | typeof DURATION_PROPS[number], unknown>>;
  const notObjects = [
    ...(props.grantTypes ?? []).map((grant, i) => valueObjectProblem(`grantTypes[${i}]`, grant, GrantType)),
    ...VALUE_OBJECT_PROPS.map(({ name, type }) => valueObjectProblem(name, given[name], type)),
    ...DURATION_PROPS.map((name) => durationProblem(name, given[name])),
    ...BOOLEAN_PROPS.map((name) => (props[name] === undefined || typeof props[name] === 'boolean' ? undefined
      : `${name} is ${JSON.stringify(props[name])}, not a boolean. Give true or false.`)),
  ].filter((problem) => problem !== undefined);
  if (notObjects.length > 0) throw new Error(`${constructName} '${client.node.path}': ${notObjects.join(' ')}`);
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
