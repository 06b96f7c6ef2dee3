import { Construct } from 'constructs';
import { ClientDescription } from '../client-description';
import { ClientRegistration, ClientRegistrationRequest } from '../client-registration';
import { OAuthClientOptions } from '../oauth-client-options';
import { ValidationProfile } from '../validation-profile';
import { DEFAULT_ACCESS_TOKEN_VALIDITY, DEFAULT_ID_TOKEN_VALIDITY, DEFAULT_REFRESH_TOKEN_VALIDITY } from './client-defaults';
import { validateAtSynth } from './client-validation';
import { assertRotated } from './secret-rotation';

/**
 * What both client constructs do once they have their description: register the client with the backend,
 * then run the engine on it at synth.
 */
export function declareClient(
  construct: Construct,
  constructName: string,
  props: OAuthClientOptions,
  description: ClientDescription,
  extra: Partial<ClientRegistrationRequest> = {},
): ClientRegistration {
  const registration = props.authorizationServer.registerClient(construct, {
    description,
    logoutUris: props.logoutUris,
    accessTokenValidity: props.accessTokenValidity ?? DEFAULT_ACCESS_TOKEN_VALIDITY,
    idTokenValidity: props.idTokenValidity ?? DEFAULT_ID_TOKEN_VALIDITY,
    refreshTokenValidity: props.refreshTokenValidity ?? DEFAULT_REFRESH_TOKEN_VALIDITY,
    refreshTokenRotationGracePeriod: props.refreshTokenRotationGracePeriod,
    identityProviders: props.identityProviders,
    profile: props.profile,
    acknowledgedRules: Object.keys(props.acknowledgedRules ?? {}),
    ...extra,
  });
  assertRotated(`${constructName} '${construct.node.path}'`, extra.secretRotation, registration, props.authorizationServer.kind);
  validateAtSynth({
    construct,
    constructName,
    description,
    server: props.authorizationServer.kind,
    profile: props.profile ?? ValidationProfile.DEFAULT,
    acknowledgedRules: props.acknowledgedRules,
    resource: registration.resource,
  });
  return registration;
}
