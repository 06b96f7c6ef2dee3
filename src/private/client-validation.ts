import { Annotations, CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AuthorizationServerKind } from '../authorization-server-kind';
import { ClientDescription } from '../client-description';
import { ClientValidator } from '../client-validator';
import { Finding } from '../finding';
import { Severity } from '../severity';
import { ValidationProfile } from '../validation-profile';
import { METADATA_KEY } from './client-metadata';
import { isRuleId, unknownRuleIds } from './engine/rule-reference';
import { toWire } from './engine/wire';


/** The prefix of the library's acknowledgeable CDK warnings: `cdk-oauth-clients:OAC-061`. */
const WARNING_PREFIX = 'cdk-oauth-clients:';

export interface SynthValidation {
  readonly construct: IConstruct;
  /** `ConfidentialClient` or `PublicClient`, for messages. */
  readonly constructName: string;
  readonly description: ClientDescription;
  readonly server: AuthorizationServerKind;
  readonly profile: ValidationProfile;
  readonly acknowledgedRules?: { [ruleId: string]: string };
  readonly resource: CfnResource;
}

function subject(v: SynthValidation): string {
  return `${v.constructName} '${v.construct.node.path}'`;
}

function say(v: SynthValidation, f: Finding): string {
  return `[${f.ruleId}] ${subject(v)}: ${f.detail}`;
}

/**
 * Runs the engine on a construct's client: errors fail `cdk synth` (all of them, listed), warnings become
 * acknowledgeable CDK warnings, acknowledged findings become info, and the template records what was acknowledged.
 */
export function validateAtSynth(v: SynthValidation): void {
  const findings = ClientValidator.validate(v.description, { authorizationServer: v.server, profile: v.profile });
  const acknowledged = v.acknowledgedRules ?? {};
  const errors: string[] = [];

  const unknown = unknownRuleIds(Object.keys(acknowledged));
  if (unknown) errors.push(`${subject(v)}: acknowledgedRules: ${unknown}.`);
  for (const [ruleId, reason] of Object.entries(acknowledged)) {
    if (isRuleId(ruleId) && (typeof reason !== 'string' || reason.trim().length === 0)) {
      errors.push(`[${ruleId}] ${subject(v)}: acknowledgedRules['${ruleId}'] has no reason. Say why the finding is acceptable.`);
    }
  }

  const recorded: Array<{ ruleId: string; severity: string; reason: string }> = [];
  const info: string[] = [];
  for (const f of findings) {
    const reason = acknowledged[f.ruleId];
    if (reason !== undefined && f.severity !== Severity.INFO) {
      if (!f.acknowledgeable) {
        errors.push(`${say(v, f)} This rule cannot be acknowledged: it is a contradiction in terms or something ${v.server} cannot do.`);
      } else if (!recorded.some((r) => r.ruleId === f.ruleId)) {
        recorded.push({ ruleId: f.ruleId, severity: f.severity, reason });
      }
      continue;
    }
    switch (f.severity) {
      case Severity.ERROR:
        errors.push(say(v, f));
        break;
      case Severity.WARNING:
        Annotations.of(v.construct).addWarningV2(`${WARNING_PREFIX}${f.ruleId}`, say(v, f));
        break;
      default:
        if (!info.includes(f.ruleId)) info.push(f.ruleId);
    }
  }

  v.resource.addMetadata(METADATA_KEY, {
    construct: v.constructName,
    server: v.server,
    profile: v.profile,
    description: toWire(v.description),
    ...(recorded.length > 0 ? { acknowledged: recorded } : {}),
    ...(info.length > 0 ? { info } : {}),
  });
  if (errors.length > 0) {
    v.construct.node.addValidation({ validate: () => errors });
  }
}
