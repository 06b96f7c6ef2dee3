import { COGNITO_UNKNOWABLE_RULES, mapCognitoUserPoolClient } from './cognito-client-mapper';
import { AuthorizationServerKind } from '../../authorization-server-kind';
import { ClientDescription } from '../../client-description';
import { ClientValidator } from '../../client-validator';
import { Severity } from '../../severity';
import { ValidationProfile } from '../../validation-profile';
import { METADATA_KEY } from '../client-metadata';
import { fromWire, oneOf } from '../engine/wire';

export interface CheckOptions {
  /** The profile for clients that do not record one. */
  readonly profile?: ValidationProfile;
  /** Rule IDs not to report. */
  readonly disabledRules?: string[];
  /** The lowest severity reported. */
  readonly minimumSeverity?: Severity;
}

export interface TemplateFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fix: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly templatePath: string;
}

export interface TemplateCheck {
  readonly findings: TemplateFinding[];
  /** Resources that look like clients but could not be judged, with the reason. */
  readonly skipped: Array<{ logicalId: string; templatePath: string; reason: string }>;
  /** How many clients were judged. */
  readonly clients: number;
}

const RANK: Record<string, number> = { [Severity.INFO]: 0, [Severity.WARNING]: 1, [Severity.ERROR]: 2 };

interface Subject {
  readonly description: ClientDescription;
  readonly server: AuthorizationServerKind;
  readonly profile: ValidationProfile;
  readonly acknowledged: Set<string>;
  readonly unknowable: string[];
}

/** A client declared with this library records its description, server, profile and acknowledgements. */
function librarySubject(metadata: Record<string, unknown>, options: CheckOptions): Subject | undefined {
  const description = fromWire(metadata.description);
  if (!description) return undefined;
  const acknowledged = Array.isArray(metadata.acknowledged)
    ? metadata.acknowledged.map((a) => (a as { ruleId?: unknown })?.ruleId).filter((id): id is string => typeof id === 'string')
    : [];
  return {
    description,
    server: oneOf(metadata.server, Object.values(AuthorizationServerKind)) ?? AuthorizationServerKind.GENERIC,
    profile: oneOf(metadata.profile, Object.values(ValidationProfile)) ?? options.profile ?? ValidationProfile.DEFAULT,
    acknowledged: new Set(acknowledged),
    unknowable: [],
  };
}

/**
 * Judges every OAuth client of one CloudFormation template: raw Cognito app clients by their properties, and
 * clients declared with this library's constructs by the description and acknowledgements they recorded (so the
 * report agrees with what the construct said at synth).
 */
export function checkTemplate(template: unknown, templatePath: string, options: CheckOptions = {}): TemplateCheck {
  const findings: TemplateFinding[] = [];
  const skipped: TemplateCheck['skipped'] = [];
  let clients = 0;
  const resources = (template as { Resources?: unknown })?.Resources;
  if (typeof resources !== 'object' || resources === null || Array.isArray(resources)) {
    return { findings, skipped, clients };
  }
  const disabled = new Set(options.disabledRules ?? []);
  const minimum = RANK[options.minimumSeverity ?? Severity.ERROR];

  for (const [logicalId, resource] of Object.entries(resources as Record<string, unknown>)) {
    if (typeof resource !== 'object' || resource === null) continue;
    const r = resource as { Type?: unknown; Properties?: unknown; Metadata?: Record<string, unknown> };
    const metadata = r.Metadata?.[METADATA_KEY];
    let subject: Subject | undefined;
    if (typeof metadata === 'object' && metadata !== null) {
      subject = librarySubject(metadata as Record<string, unknown>, options);
      if (!subject) skipped.push({ logicalId, templatePath, reason: `unreadable ${METADATA_KEY} metadata` });
    } else if (r.Type === 'AWS::Cognito::UserPoolClient') {
      const mapped = mapCognitoUserPoolClient(r.Properties);
      if (mapped.kind === 'skipped') {
        skipped.push({ logicalId, templatePath, reason: mapped.reason });
      } else {
        subject = {
          description: mapped.description,
          server: AuthorizationServerKind.COGNITO,
          profile: options.profile ?? ValidationProfile.DEFAULT,
          acknowledged: new Set(),
          unknowable: COGNITO_UNKNOWABLE_RULES,
        };
      }
    }
    if (!subject) continue;
    clients++;
    const type = String(r.Type);
    for (const f of ClientValidator.validate(subject.description, { authorizationServer: subject.server, profile: subject.profile })) {
      if (disabled.has(f.ruleId) || subject.unknowable.includes(f.ruleId) || RANK[f.severity] < minimum) continue;
      if (subject.acknowledged.has(f.ruleId) && f.acknowledgeable) continue;
      findings.push({
        ruleId: f.ruleId,
        severity: f.severity,
        message: `[${f.ruleId}] ${type} '${logicalId}' in ${templatePath}: ${f.detail}`,
        fix: f.fix,
        logicalId,
        resourceType: type,
        templatePath,
      });
    }
  }
  return { findings, skipped, clients };
}
