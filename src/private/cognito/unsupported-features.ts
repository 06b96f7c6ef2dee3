import { Construct } from 'constructs';
import { OAuthClientOptions } from '../../oauth-client-options';

/** What Amazon Cognito does not offer an app client, by the name of the prop, and what to do instead. */
const UNSUPPORTED: ReadonlyArray<[keyof OAuthClientOptions, string]> = [
  ['senderConstrainedTokens', 'Cognito cannot bind access tokens to a DPoP key (RFC 9449)'],
  ['requirePushedAuthorizationRequests', 'Cognito has no pushed authorization requests (RFC 9126)'],
];

/**
 * Refuses a security control that Cognito cannot enforce, rather than dropping it silently: names each one asked for.
 * A client that needs them needs a server that offers them (dynamic registration).
 */
export function assertCognitoSupports(client: Construct, constructName: string, props: OAuthClientOptions): void {
  const asked = UNSUPPORTED.filter(([name]) => props[name] === true);
  if (asked.length === 0) return;
  const lines = asked.map(([name, why]) => `  ${name}: ${why}.`);
  throw new Error(`${constructName} '${client.node.path}' asks for what Amazon Cognito does not offer:\n${lines.join('\n')}\n`
    + 'Use a server that offers it, with AuthorizationServer.dynamicRegistration, or remove it.');
}
