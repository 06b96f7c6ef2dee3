// The custom resource types the provider serves. Kept apart from the handlers: the constructs import these at
// synth, and the handlers import the AWS SDK and jose, which must never load at synth.

/** Copies a Cognito app client's secret into Secrets Manager. */
export const COGNITO_CLIENT_SECRET = 'Custom::CognitoClientSecret';

/** Registers a client by RFC 7591 dynamic registration and manages it by RFC 7592. */
export const OAUTH_CLIENT_REGISTRATION = 'Custom::OAuthClientRegistration';
