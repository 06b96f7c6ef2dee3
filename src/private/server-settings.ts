import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AuthorizationServerKind } from '../authorization-server-kind';
import { OAuthClientOptions } from '../oauth-client-options';

/** Why a kind of server cannot take a setting from a client's registration, and what to do instead. */
interface Unregistrable {
  readonly why: string;
  readonly instead: string;
}

const LIFETIMES: Unregistrable = {
  why: 'RFC 7591 defines no client metadata for token lifetimes',
  instead: 'Set token lifetimes on the authorization server',
};

/** The settings a kind of server cannot be given at registration, by the name of the prop. */
const CANNOT_REGISTER: Partial<Record<AuthorizationServerKind, Partial<Record<keyof OAuthClientOptions, Unregistrable>>>> = {
  [AuthorizationServerKind.DYNAMIC_REGISTRATION]: {
    accessTokenValidity: LIFETIMES,
    idTokenValidity: LIFETIMES,
    refreshTokenValidity: LIFETIMES,
    identityProviders: {
      why: 'RFC 7591 defines no client metadata for identity providers',
      instead: 'Choose the identity providers on the authorization server',
    },
  },
};

const SERVER_NAMES: Partial<Record<AuthorizationServerKind, string>> = {
  [AuthorizationServerKind.DYNAMIC_REGISTRATION]: 'dynamic client registration',
};

function show(value: unknown): string {
  if (value instanceof Duration) return value.toHumanString();
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/**
 * Refuses, before anything is created, a setting the client's server cannot be given, rather than dropping it
 * silently (a token lifetime is a security control): names every such setting, its value and what to do instead.
 * Then lets the server refuse the client for its own reasons (a backend of this library only).
 */
export function assertServerTakesSettings(construct: Construct, constructName: string, props: OAuthClientOptions): void {
  const kind = props.authorizationServer.kind;
  const settings = Object.entries(CANNOT_REGISTER[kind] ?? {}) as Array<[keyof OAuthClientOptions, Unregistrable]>;
  const given = settings.filter(([name]) => props[name] !== undefined);
  if (given.length > 0) {
    const lines = given.map(([name, { why, instead }]) => `  ${name} (${show(props[name])}): ${why}. ${instead}, and remove ${name}.`);
    throw new Error(`${constructName} '${construct.node.path}' cannot be registered by ${SERVER_NAMES[kind] ?? kind} as declared:\n${lines.join('\n')}`);
  }
  const server = props.authorizationServer as Partial<PreflightServer>;
  if (typeof server.preflight === 'function') server.preflight(construct);
}

/** A backend of this library that can refuse a client before the client creates anything. */
interface PreflightServer {
  preflight(client: Construct): void;
}
