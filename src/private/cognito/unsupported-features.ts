import { OAuthClientOptions } from '../../oauth-client-options';
import { unsupportedSettings } from '../unsupported-settings';

const ELSEWHERE = 'Use a server that offers it, with AuthorizationServer.dynamicRegistration';
/** `false` is what Cognito does anyway. */
const ASKED = (value: unknown) => value === true;

/** The security controls asked for that Cognito cannot enforce. */
export function cognitoUnsupportedFeatures(props: OAuthClientOptions): string[] {
  return unsupportedSettings(props, {
    senderConstrainedTokens: { why: 'Cognito cannot bind access tokens to a DPoP key (RFC 9449)', instead: ELSEWHERE, refuses: ASKED },
    requirePushedAuthorizationRequests: { why: 'Cognito has no pushed authorization requests (RFC 9126)', instead: ELSEWHERE, refuses: ASKED },
  });
}
