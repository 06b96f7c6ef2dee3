import { AuthorizationServerKind } from '../../authorization-server-kind';
import { ClientDescription } from '../../client-description';
import { Finding } from '../../finding';
import { Severity } from '../../severity';
import { ValidationProfile } from '../../validation-profile';
import { RegisteredMetadata, registeredDescription } from '../dynamic-registration/registered-client';
import { REGISTRATION_CONTROLS } from '../dynamic-registration/registration-controls';
import { runRules } from '../engine/engine';
import { SERVER_NEUTRAL_RULES } from '../engine/rules/server-neutral-rules';

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
