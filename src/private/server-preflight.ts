import { Construct } from 'constructs';
import { OAuthClientOptions } from '../oauth-client-options';

/** A backend of this library that can refuse a client as declared, before the client creates anything. */
export interface PreflightServer {
  preflight(client: Construct, constructName: string, props: OAuthClientOptions): void;
}

/**
 * Lets the client's server refuse it before the client creates anything (its signing key included), so a refused
 * client leaves nothing half-created. Servers that are not this library's backends have no say here.
 */
export function preflightServer(client: Construct, constructName: string, props: OAuthClientOptions): void {
  const server = props.authorizationServer as Partial<PreflightServer>;
  if (typeof server.preflight === 'function') server.preflight(client, constructName, props);
}
