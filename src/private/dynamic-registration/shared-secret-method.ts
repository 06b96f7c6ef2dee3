import { ClientDescription } from '../../client-description';
import { SHARED_SECRET_METHODS } from '../engine/rule';

/**
 * The shared-secret method a registered client authenticates with, or undefined when it has none (private_key_jwt,
 * a public client). Unset is RFC 7591's default, `client_secret_basic`. The construct hands out a client secret, and
 * the provider keeps one, exactly for these clients.
 */
export function sharedSecretMethod(description: ClientDescription): string | undefined {
  const method = description.tokenEndpointAuthMethod?.value ?? 'client_secret_basic';
  return SHARED_SECRET_METHODS.includes(method) ? method : undefined;
}
