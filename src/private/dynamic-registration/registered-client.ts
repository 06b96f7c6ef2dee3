import { REGISTRATION_CONTROLS } from './registration-controls';
import { ClientDescription } from '../../client-description';
import { GrantType } from '../../grant-type';
import { SigningAlgorithm } from '../../signing-algorithm';
import { TokenEndpointAuthMethod } from '../../token-endpoint-auth-method';

/** What a server answered for a registration (RFC 7591 §3.2.1), the fields the rules look at. */
export interface RegisteredMetadata {
  readonly grant_types?: string[];
  readonly response_types?: string[];
  readonly redirect_uris?: string[];
  readonly token_endpoint_auth_method?: string;
  readonly id_token_signed_response_alg?: string;
  readonly client_secret?: string;
  readonly dpop_bound_access_tokens?: boolean;
  readonly require_pushed_authorization_requests?: boolean;
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** The client as the server registered it: what it answered, and what was asked where it answered nothing. */
export function registeredDescription(requested: ClientDescription, registered: RegisteredMetadata): ClientDescription {
  const grants = strings(registered.grant_types);
  const method = typeof registered.token_endpoint_auth_method === 'string' ? registered.token_endpoint_auth_method : undefined;
  const alg = typeof registered.id_token_signed_response_alg === 'string' ? registered.id_token_signed_response_alg : undefined;
  return {
    ...requested,
    grantTypes: grants ? grants.map(GrantType.custom) : requested.grantTypes,
    responseTypes: strings(registered.response_types) ?? requested.responseTypes,
    redirectUris: strings(registered.redirect_uris) ?? requested.redirectUris,
    tokenEndpointAuthMethod: method ? TokenEndpointAuthMethod.custom(method) : requested.tokenEndpointAuthMethod,
    idTokenSigningAlgorithm: alg ? SigningAlgorithm.custom(alg) : requested.idTokenSigningAlgorithm,
    clientSecretBytes: typeof registered.client_secret === 'string' ? Buffer.byteLength(registered.client_secret, 'utf8') : undefined,
    // A control the server does not answer, it did not register.
    ...Object.fromEntries(REGISTRATION_CONTROLS.map((control) => [control.field, registered[control.metadata] === true])),
  };
}
