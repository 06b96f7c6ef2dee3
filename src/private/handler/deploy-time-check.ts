import { AuthorizationServerKind } from '../../authorization-server-kind';
import { ClientDescription } from '../../client-description';
import { Finding } from '../../finding';
import { GrantType } from '../../grant-type';
import { Severity } from '../../severity';
import { SigningAlgorithm } from '../../signing-algorithm';
import { TokenEndpointAuthMethod } from '../../token-endpoint-auth-method';
import { ValidationProfile } from '../../validation-profile';
import { REGISTRATION_CONTROLS } from '../dynamic-registration/registration-controls';
import { runRules } from '../engine/engine';
import { SERVER_NEUTRAL_RULES } from '../engine/rules/server-neutral-rules';

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

/**
 * What ClientValidator.validate finds for a dynamically registered client: only the server-neutral rules can
 * apply to one, so the handler bundles only those (a test keeps the two equal).
 */
function validate(description: ClientDescription, profile: ValidationProfile): Finding[] {
  return runRules(SERVER_NEUTRAL_RULES, description, { authorizationServer: AuthorizationServerKind.DYNAMIC_REGISTRATION, profile });
}

/**
 * The errors of the client as asked, now that every value is known: values that were CDK tokens at synth were
 * skipped there and are judged here. Acknowledged rules stay acknowledged.
 */
export function errorsAsAsked(requested: ClientDescription, profile: ValidationProfile, acknowledged: string[]): Finding[] {
  return validate(requested, profile)
    .filter((f) => f.severity === Severity.ERROR && !(f.acknowledgeable && acknowledged.includes(f.ruleId)));
}

/**
 * The findings the registered client has and the requested one had not: what the server silently made worse
 * (a downgraded auth method, a dropped or added grant, an HMAC secret shorter than OAC-042 allows, ...).
 */
export function worseThanAsked(requested: ClientDescription, registered: RegisteredMetadata, profile: ValidationProfile): Finding[] {
  const before = new Set(validate(requested, profile).map((f) => f.ruleId));
  return validate(registeredDescription(requested, registered), profile).filter((f) => !before.has(f.ruleId));
}

/**
 * The security controls asked for that the server did not register (omitted means false): whatever the rules of
 * the profile say, a control the client declared must not be dropped silently.
 */
export function droppedControls(requested: ClientDescription, registered: RegisteredMetadata): string[] {
  return REGISTRATION_CONTROLS.filter((control) => requested[control.field] === true && registered[control.metadata] !== true)
    .map((control) => `${control.metadata} (${control.what}) was asked and not registered; enable it at the server, or set ${control.field}: false`);
}
