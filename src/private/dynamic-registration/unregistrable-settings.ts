import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { OAuthClientOptions } from '../../oauth-client-options';

/** Why dynamic registration cannot take a setting, and what to do instead. */
interface Unregistrable {
  readonly why: string;
  readonly instead: string;
}

const LIFETIMES: Unregistrable = {
  why: 'RFC 7591 defines no client metadata for token lifetimes',
  instead: 'Set token lifetimes on the authorization server',
};

/** The client settings RFC 7591 has no metadata for, by the name of the prop. */
const UNREGISTRABLE: Partial<Record<keyof OAuthClientOptions, Unregistrable>> = {
  accessTokenValidity: LIFETIMES,
  idTokenValidity: LIFETIMES,
  refreshTokenValidity: LIFETIMES,
  identityProviders: {
    why: 'RFC 7591 defines no client metadata for identity providers',
    instead: 'Choose the identity providers on the authorization server',
  },
};

function show(value: unknown): string {
  if (value instanceof Duration) return value.toHumanString();
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/**
 * Refuses the settings dynamic registration cannot register, rather than dropping them silently (a token lifetime
 * is a security control): names every such setting, its value and what to do instead.
 */
export function assertRegistrable(client: Construct, constructName: string, props: OAuthClientOptions): void {
  const given = (Object.entries(UNREGISTRABLE) as Array<[keyof OAuthClientOptions, Unregistrable]>)
    .filter(([name]) => props[name] !== undefined);
  if (given.length === 0) return;
  const lines = given.map(([name, { why, instead }]) => `  ${name} (${show(props[name])}): ${why}. ${instead}, and remove ${name}.`);
  throw new Error(`${constructName} '${client.node.path}' cannot be registered by dynamic client registration as declared:\n${lines.join('\n')}`);
}
