import { Construct } from 'constructs';
import { OAuthClientOptions } from '../../oauth-client-options';
import { refuseUnsupported } from '../unsupported-settings';

const ELSEWHERE = 'Use a server that offers it, with AuthorizationServer.dynamicRegistration';

/** Refuses a security control Cognito cannot enforce when it is asked for (`false` is what Cognito does anyway). */
export function assertCognitoSupports(client: Construct, constructName: string, props: OAuthClientOptions): void {
  refuseUnsupported(client, constructName, props, 'Amazon Cognito', {
    senderConstrainedTokens: { why: 'Cognito cannot bind access tokens to a DPoP key (RFC 9449)', instead: ELSEWHERE },
    requirePushedAuthorizationRequests: { why: 'Cognito has no pushed authorization requests (RFC 9126)', instead: ELSEWHERE },
  }, (value) => value === true);
}
