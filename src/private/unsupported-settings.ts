import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { OAuthClientOptions } from '../oauth-client-options';

/** Why a backend cannot take a setting, and what to do instead. */
export interface UnsupportedSetting {
  readonly why: string;
  /** What to do instead; the setting is then to be removed, or, with `keep`, given another value. */
  readonly instead: string;
  /** The fix is another value of the setting, not its removal. */
  readonly keep?: boolean;
  /** Which values of the setting the backend cannot take (by default: those the caller's `given` says ask for it). */
  readonly refuses?: (value: unknown) => boolean;
}

/** The props a backend may refuse: those of both constructs. */
type ClientProps = OAuthClientOptions & { readonly tokenEndpointAuthMethod?: unknown };

/** The settings a backend cannot take, by the name of the prop. */
export type UnsupportedSettings = Partial<Record<keyof ClientProps, UnsupportedSetting>>;

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
  client: Construct, constructName: string, props: ClientProps, by: string, settings: UnsupportedSettings,
  given: (value: unknown) => boolean = (value) => value !== undefined,
): void {
  const asked = (Object.entries(settings) as Array<[keyof ClientProps, UnsupportedSetting]>)
    .filter(([name, setting]) => props[name] !== undefined && (setting.refuses ?? given)(props[name]));
  if (asked.length === 0) return;
  const lines = asked.map(([name, { why, instead, keep }]) => `  ${name} (${show(props[name])}): ${why}. ${instead}${keep ? '' : `, and remove ${name}`}.`);
  throw new Error(`${constructName} '${client.node.path}' cannot be registered by ${by} as declared:\n${lines.join('\n')}`);
}
