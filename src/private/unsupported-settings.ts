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
  /** Which values of the setting the backend cannot take (by default: any value given). */
  readonly refuses?: (value: unknown) => boolean;
}

/** The props a backend may refuse: those of both constructs. */
export type ClientProps = OAuthClientOptions & { readonly tokenEndpointAuthMethod?: unknown; readonly secretRotation?: unknown };

/** The settings a backend cannot take, by the name of the prop. */
export type UnsupportedSettings = Partial<Record<keyof ClientProps, UnsupportedSetting>>;

/** A setting's value as an error message shows it. */
export function show(value: unknown): string {
  if (value instanceof Duration) return value.toHumanString();
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/**
 * The settings given that a backend cannot take (a token lifetime or a token binding is a security control, never
 * dropped silently), one line each: the setting, its value, why and what to do instead.
 */
export function unsupportedSettings(props: ClientProps, settings: UnsupportedSettings): string[] {
  return (Object.entries(settings) as Array<[keyof ClientProps, UnsupportedSetting]>)
    .filter(([name, setting]) => props[name] !== undefined && (setting.refuses?.(props[name]) ?? true))
    .map(([name, { why, instead, keep }]) => `${name} (${show(props[name])}): ${why}. ${instead}${keep ? '' : `, and remove ${name}`}.`);
}

/**
 * Refuses a client its backend cannot create as declared, before the client creates anything: one error naming the
 * construct and every problem found, one per line.
 *
 * @param by the backend, for the message
 * @param problems what the backend cannot take; nothing is thrown when there are none
 */
export function refuseAsDeclared(client: Construct, constructName: string, by: string, problems: readonly string[]): void {
  if (problems.length === 0) return;
  throw new Error(`${constructName} '${client.node.path}' cannot be registered by ${by} as declared:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}
