import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { OAuthClientOptions } from '../oauth-client-options';

/** Why a backend cannot take a setting, and what to do instead. */
export interface UnsupportedSetting {
  readonly why: string;
  readonly instead: string;
}

/** The settings a backend cannot take, by the name of the prop. */
export type UnsupportedSettings = Partial<Record<keyof OAuthClientOptions, UnsupportedSetting>>;

function show(value: unknown): string {
  if (value instanceof Duration) return value.toHumanString();
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/**
 * Refuses the settings a backend cannot take, rather than dropping them silently (a token lifetime or a token
 * binding is a security control): names every such setting given, its value and what to do instead.
 *
 * @param given whether a value asks for the setting (by default: any value)
 */
export function refuseUnsupported(
  client: Construct, constructName: string, props: OAuthClientOptions, by: string, settings: UnsupportedSettings,
  given: (value: unknown) => boolean = (value) => value !== undefined,
): void {
  const asked = (Object.entries(settings) as Array<[keyof OAuthClientOptions, UnsupportedSetting]>).filter(([name]) => given(props[name]));
  if (asked.length === 0) return;
  const lines = asked.map(([name, { why, instead }]) => `  ${name} (${show(props[name])}): ${why}. ${instead}, and remove ${name}.`);
  throw new Error(`${constructName} '${client.node.path}' cannot be registered by ${by} as declared:\n${lines.join('\n')}`);
}
