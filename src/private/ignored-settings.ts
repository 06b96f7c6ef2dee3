import { Construct } from 'constructs';
import { ClientDescription } from '../client-description';
import { OAuthClientOptions } from '../oauth-client-options';
import { PkceMethod } from '../pkce-method';
import { show } from './unsupported-settings';

/** A setting, when it does nothing for a client with these grants (and, for the grace period, rotation), and why. */
interface IgnoredSetting {
  readonly name: keyof OAuthClientOptions;
  /** Whether the client would ignore the value given. */
  readonly ignored: (grants: ReadonlySet<string>, value: unknown, description: ClientDescription) => boolean;
  readonly why: string | ((grants: ReadonlySet<string>) => string);
}

/** Whether users sign in through the browser: the grants that use the authorization endpoint. */
const browserSignIn = (grants: ReadonlySet<string>) => grants.has('authorization_code') || grants.has('implicit');

const SETTINGS: readonly IgnoredSetting[] = [
  {
    name: 'pkce',
    ignored: (grants, value) => value !== PkceMethod.NONE && !grants.has('authorization_code'),
    why: 'PKCE protects the authorization code grant, which this client does not have',
  },
  {
    name: 'refreshTokenRotation',
    ignored: (grants, value) => value === true && !grants.has('refresh_token'),
    why: 'this client gets no refresh tokens to rotate (it has no refresh_token grant)',
  },
  {
    name: 'refreshTokenRotationGracePeriod',
    ignored: (grants, _, description) => !grants.has('refresh_token') || description.refreshTokenRotation !== true,
    why: (grants) => 'it is for refresh-token rotation, which this client does not have '
      + `(${grants.has('refresh_token') ? 'its refresh tokens are not rotated' : 'it gets no refresh tokens'})`,
  },
  {
    name: 'refreshTokenValidity',
    ignored: (grants) => !grants.has('refresh_token'),
    why: 'this client gets no refresh tokens (it has no refresh_token grant)',
  },
  {
    name: 'idTokenValidity',
    ignored: (grants) => [...grants].every((g) => g === 'client_credentials' || g === 'refresh_token'),
    why: 'ID tokens tell a client about a user who signed in, and this client signs no user in',
  },
  {
    name: 'logoutUris',
    ignored: (grants, value) => (value as string[]).length > 0 && !browserSignIn(grants),
    why: 'users are sent there after they sign out in the browser, where this client signs no user in (it has no authorization_code or implicit grant)',
  },
  {
    name: 'identityProviders',
    ignored: (grants, value) => (value as string[]).length > 0 && !browserSignIn(grants),
    why: 'users choose an identity provider when they sign in through the browser, which this client does not do (it has no authorization_code or implicit grant)',
  },
  {
    name: 'requirePushedAuthorizationRequests',
    ignored: (grants, value) => value === true && !browserSignIn(grants),
    why: 'pushed authorization requests (RFC 9126) are for the authorization endpoint, which this client does not use (it has no authorization_code or implicit grant)',
  },
];

/**
 * Refuses settings that do nothing for a client with the grants it has (after the defaults, and those its server
 * implies), before the client creates anything: a setting silently dropped would let its author believe it holds,
 * as a redirect URI would on such a client (OAC-081). The refusal names each setting, its value and why.
 */
export function refuseIgnoredSettings(client: Construct, constructName: string, props: OAuthClientOptions, description: ClientDescription): void {
  const grants = new Set(description.grantTypes.map((g) => g.value));
  const problems = SETTINGS
    .filter(({ name, ignored }) => props[name] !== undefined && ignored(grants, props[name], description))
    .map(({ name, why }) => `${name} (${show(props[name])}): ${typeof why === 'string' ? why : why(grants)}, so it would be ignored. Remove ${name}.`);
  if (problems.length === 0) return;
  throw new Error(`${constructName} '${client.node.path}' sets what a client with grants ${[...grants].join(', ')} would ignore:\n`
    + problems.map((p) => `  ${p}`).join('\n'));
}
