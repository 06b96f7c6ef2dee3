import { COGNITO_UNKNOWABLE_RULES, mapCognitoUserPoolClient, Mapped } from './cognito-client-mapper';
import { cognitoTemplateFix } from './cognito-template-fixes';
import { conditionVariants, neverTrueCondition } from './condition-variants';
import { isIntrinsic, withIntrinsicsAsText } from './intrinsic-text';
import { expandLanguageExtensions, Expansion, usesLanguageExtensions } from './language-extensions';
import { withLiteralIntrinsicsResolved } from './literal-intrinsics';
import { NestedStackResource } from './nested-templates';
import { ParameterValueError, withParameterValues } from './parameter-values';
import { Assumptions, whenHolding } from './variant-assumptions';
import { AuthorizationServerKind } from '../../authorization-server-kind';
import { ClientDescription } from '../../client-description';
import { ClientValidator } from '../../client-validator';
import { Finding } from '../../finding';
import { Severity } from '../../severity';
import { ValidationProfile } from '../../validation-profile';
import { METADATA_KEY } from '../client-metadata';
import { RegisteredMetadata, registeredDescription } from '../dynamic-registration/registered-client';
import { REGISTRATION_CONTROLS } from '../dynamic-registration/registration-controls';
import { problemOf, withFix } from '../engine/engine';
import { isUnresolved } from '../engine/unresolved';
import { fromWire, jsonObject, oneOf } from '../engine/wire';
import { OAUTH_CLIENT_REGISTRATION } from '../provider/resource-types';

export interface CheckOptions {
  /** The profile for clients that do not record one. */
  readonly profile?: ValidationProfile;
  /** Rule IDs not to report. */
  readonly disabledRules?: string[];
  /** The lowest severity reported. */
  readonly minimumSeverity?: Severity;
  /**
   * The values the template is deployed with, by parameter name: then the template is judged as that deployment
   * makes it (parameter-values.ts). Parameters given no value are unknown, as they all are without values.
   */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * Why CloudFormation does not create the template's stack (a nested stack whose stack resource is never created,
   * nested-templates.ts): then its clients are skipped with this reason, not judged.
   */
  readonly notCreated?: string;
  /** What gives the template its `parameters`, when not the deployment: named in an error about a value. */
  readonly parametersGivenBy?: string;
}

export interface TemplateFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** The message without its fix, for a front door that gives the fix apart (the CDK policy-validation report). */
  readonly problem: string;
  readonly fix: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly templatePath: string;
  /** The key that declares the resource in the template when it is not the logical ID: the `Fn::ForEach` loop that makes it. */
  readonly declaredBy?: string;
}

/** A resource that was not judged, with the reason. */
export interface Skipped {
  readonly logicalId: string;
  readonly templatePath: string;
  readonly reason: string;
  /**
   * True when the resource is known not to be an OAuth client, or CloudFormation does not create it; otherwise it may be
   * one that could not be judged.
   */
  readonly notAClient?: boolean;
}

export interface TemplateCheck {
  readonly findings: TemplateFinding[];
  /** Resources that look like clients but could not be judged, with the reason. */
  readonly skipped: Skipped[];
  /** How many clients were judged. */
  readonly clients: number;
  /** The template's nested stacks: each is judged from its own template, which the front door finds. */
  readonly nestedStacks: NestedStackResource[];
}

type MappedClient = Extract<Mapped, { kind: 'client' }>;

const RANK: Record<string, number> = { [Severity.INFO]: 0, [Severity.WARNING]: 1, [Severity.ERROR]: 2 };

interface Subject {
  readonly description: ClientDescription;
  readonly server: AuthorizationServerKind;
  readonly profile: ValidationProfile;
  readonly acknowledged: Set<string>;
  readonly unknowable: string[];
  /** Said after each finding's detail: where the judged values come from, when not from the declaration. */
  readonly origin?: string;
  /** The fix in the words of what was judged, when that is not a construct's props (a resource's properties). */
  readonly fixOf?: (fix: string) => string;
  /** What this variant of the template's properties assumes (see condition-variants.ts). */
  readonly assumes?: Assumptions;
  /** With `assumes`: what every variant of the properties assumes, judged or not (a variant may not be an OAuth client). */
  readonly everyVariant?: readonly Assumptions[];
}

/** A Cognito app client as its template properties say it is. */
function cognitoSubject(mapped: MappedClient, profile: ValidationProfile, acknowledged: Set<string>, origin?: string): Subject {
  const server = AuthorizationServerKind.COGNITO;
  const unknowable = [...COGNITO_UNKNOWABLE_RULES, ...mapped.unknowable];
  return { description: mapped.description, server, profile, acknowledged, unknowable, origin, fixOf: cognitoTemplateFix };
}

/**
 * A subject per variant of a resource's properties (condition-variants.ts) that `judged` makes one of, each with
 * what it assumes. The variants of one set of properties share one `everyVariant` list, which groups them when the
 * when-clause is computed (a variant that is not judged still counts there).
 */
function perVariant(template: unknown, resource: Resource, judged: (properties: unknown) => Subject | undefined): Subject[] {
  const all = conditionVariants(template, resource);
  const every = all.map((v) => v.assumes ?? []);
  return all.flatMap((variant) => {
    const subject = judged(variant.properties);
    if (!subject) return [];
    return [variant.assumes === undefined ? subject : { ...subject, assumes: variant.assumes, everyVariant: every }];
  });
}

/**
 * The declared client in each way the values its declaration left to the deployment can come out: a redirect URI
 * built from a parameter with AllowedValues, or chosen by a condition, is judged with each value, and the finding
 * is the declaration's, not an override's. Without such values, the declared client as it is.
 */
function declaredSubjects(declared: Subject, metadata: object, template: unknown, r: Resource): Subject[] {
  const written = { Properties: (metadata as { description?: unknown }).description, Condition: r.Condition };
  const subjects = perVariant(template, written, (properties) => {
    const description = fromWire(withIntrinsicsAsText(properties));
    return description && { ...declared, description };
  });
  return subjects.length > 0 ? subjects : [declared];
}

/** A client declared with this library records its description, server, profile and acknowledgements. */
function librarySubject(metadata: Record<string, unknown>, options: CheckOptions): Subject | undefined {
  const description = fromWire(withIntrinsicsAsText(metadata.description));
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
 * The template as CloudFormation deploys it, as far as synth knows: with the parameter values given, the loops of
 * the LanguageExtensions transform expanded, and the intrinsics whose arguments are then literal computed. A
 * template with none of these (most of those a CDK app writes) is judged as it is, without a walk.
 */
function asDeployed(input: unknown, parameters: CheckOptions['parameters'], givenBy: string | undefined): Expansion {
  const deployed = parameters ? withParametersGivenBy(input, parameters, givenBy) : input;
  const transformed = usesLanguageExtensions(deployed);
  const expansion = transformed ? expandLanguageExtensions(deployed) : { template: deployed, origins: new Map(), problems: [] };
  const literal = parameters !== undefined || transformed || jsonObject(jsonObject(deployed)?.Mappings) !== undefined;
  return literal ? { ...expansion, template: withLiteralIntrinsicsResolved(expansion.template) } : expansion;
}

/** withParameterValues, its error naming what gave the values (a nested stack's stack resource). */
function withParametersGivenBy(input: unknown, parameters: Readonly<Record<string, string>>, givenBy: string | undefined): unknown {
  try {
    return withParameterValues(input, parameters);
  } catch (e) {
    if (givenBy === undefined || !(e instanceof ParameterValueError)) throw e;
    throw new ParameterValueError(`${e.message}; ${givenBy} gives it`);
  }
}

/**
 * Judges every OAuth client of one CloudFormation template: raw Cognito app clients by their properties, and
 * clients declared with this library's constructs by the description and acknowledgements they recorded (so the
 * report agrees with what the construct said at synth), then by their properties too, so that an override cannot
 * hide a finding. Properties chosen by CloudFormation conditions are judged in each way the conditions can come out
 * (condition-variants.ts). A rule is reported once per resource, with the conditions under which it holds when it
 * does not hold in every variant. A template with the LanguageExtensions transform is judged as the transform makes
 * it: each client its `Fn::ForEach` loops make is judged under its own logical ID (language-extensions.ts).
 * Throws ParameterValueError when a parameter value is given that CloudFormation would refuse.
 */
export function checkTemplate(input: unknown, templatePath: string, options: CheckOptions = {}): TemplateCheck {
  const findings: TemplateFinding[] = [];
  const expansion = asDeployed(input, options.parameters, options.parametersGivenBy);
  const template = expansion.template;
  const skipped: TemplateCheck['skipped'] = expansion.problems.map((p) => ({ logicalId: p.key, templatePath, reason: p.reason }));
  const nestedStacks: NestedStackResource[] = [];
  let clients = 0;
  const resources = jsonObject(jsonObject(template)?.Resources);
  if (!resources) return { findings, skipped, clients, nestedStacks };
  const disabled = new Set(options.disabledRules ?? []);
  const minimum = RANK[options.minimumSeverity ?? Severity.ERROR];

  for (const [logicalId, resource] of Object.entries(resources)) {
    if (typeof resource !== 'object' || resource === null) continue;
    const r = resource as Resource;
    if (r.Type === 'AWS::CloudFormation::Stack') {
      nestedStacks.push(nestedStack(template, logicalId, r));
      continue;
    }
    const metadata = r.Metadata?.[METADATA_KEY];
    const declared = typeof metadata === 'object' && metadata !== null;
    if (declared || r.Type === 'AWS::Cognito::UserPoolClient') {
      const neverTrue = neverTrueCondition(template, r);
      const never = neverTrue === undefined ? options.notCreated : `its Condition '${neverTrue}' is never true, so CloudFormation does not create it`;
      if (never !== undefined) {
        skipped.push({ logicalId, templatePath, reason: never, notAClient: true });
        continue;
      }
    }
    // The declared client (if any) first, then each variant of the template's properties.
    const subjects: Subject[] = [];
    if (declared) {
      const subject = librarySubject(metadata as Record<string, unknown>, options);
      if (!subject) skipped.push({ logicalId, templatePath, reason: `unreadable ${METADATA_KEY} metadata` });
      else subjects.push(...declaredSubjects(subject, metadata as object, template, r), ...propertiesSubjects(subject, template, r));
    } else if (r.Type === 'AWS::Cognito::UserPoolClient') {
      const profile = options.profile ?? ValidationProfile.DEFAULT;
      let notJudged: { reason: string; notAClient?: boolean } | undefined;
      subjects.push(...perVariant(template, r, (properties) => {
        const m = mapCognitoUserPoolClient(properties);
        if (m.kind === 'client') return cognitoSubject(m, profile, new Set());
        notJudged ??= m;
        return undefined;
      }));
      if (subjects.length === 0 && notJudged) {
        const { reason, notAClient } = notJudged;
        skipped.push({ logicalId, templatePath, reason, ...(notAClient ? { notAClient } : {}) });
      }
    }
    if (subjects.length === 0) continue;
    clients++;
    const type = String(r.Type);
    const loop = expansion.origins.get(logicalId);
    for (const { finding, subject, when } of reportedFindings(subjects, disabled, minimum)) {
      const f = subject.fixOf ? withFix(finding, subject.fixOf(finding.fix)) : finding;
      const origin = subject.origin ? ` (${subject.origin})` : '';
      const made = loop ? ` (${loop.note})` : '';
      const where = `[${f.ruleId}] ${type} '${logicalId}' in ${templatePath}: `;
      const after = `${when ? ` (when ${when})` : ''}${made}${origin}`;
      findings.push({
        ruleId: f.ruleId,
        severity: f.severity,
        message: `${where}${f.detail}${after}`,
        problem: `${where}${problemOf(f)}${after}`,
        fix: f.fix,
        logicalId,
        resourceType: type,
        templatePath,
        ...(loop ? { declaredBy: loop.loop } : {}),
      });
    }
  }
  return { findings, skipped, clients, nestedStacks };
}

/** A stack resource: where its template is, whether it is created, and the literal values it gives its parameters. */
function nestedStack(template: unknown, logicalId: string, r: Resource): NestedStackResource {
  const neverTrue = neverTrueCondition(template, r);
  const properties = jsonObject(r.Properties);
  // CloudFormation passes every parameter value as a string; a dynamic reference in one it resolves first.
  const literal = Object.entries(jsonObject(properties?.Parameters) ?? {})
    .filter(([, v]) => (typeof v === 'string' && !isUnresolved(v)) || typeof v === 'number' || typeof v === 'boolean')
    .map(([name, v]) => [name, String(v)]);
  return { logicalId, templateUrl: properties?.TemplateURL, assetPath: r.Metadata?.['aws:asset:path'], neverTrue, parameters: Object.fromEntries(literal) };
}

interface Resource {
  readonly Type?: unknown;
  readonly Properties?: unknown;
  readonly Condition?: unknown;
  readonly Metadata?: Record<string, unknown>;
}

/**
 * Each rule once per resource, from the first subject that breaks it. A rule that only some variants of the
 * properties break is said with what those variants assume, as briefly as is exact (variant-assumptions.ts); one
 * that all of them break, without.
 */
function reportedFindings(subjects: Subject[], disabled: Set<string>, minimum: number) {
  const judged = subjects.map((subject) => ({ subject, findings: judge(subject, disabled, minimum) }));
  const variants = judged.filter((j) => j.subject.assumes !== undefined);
  const reported = new Map<string, { finding: Finding; subject: Subject; when?: string }>();
  for (const { subject, findings } of judged) {
    for (const finding of findings) {
      if (reported.has(finding.ruleId)) continue;
      // Among the variants of the same properties (the declaration's, or the template's) as the subject.
      const breaking = variants.filter((v) => v.subject.everyVariant === subject.everyVariant && v.findings.some((g) => g.ruleId === finding.ruleId))
        .map((v) => v.subject.assumes!);
      const when = subject.assumes === undefined ? undefined : whenHolding(breaking, subject.everyVariant!);
      reported.set(finding.ruleId, { finding, subject, when });
    }
  }
  return [...reported.values()];
}

const OVERRIDDEN = 'found in the template\'s properties, which an escape hatch or override changed after the construct declared the'
  + ' client: remove that change, or declare what you need with the construct\'s props';

/**
 * A client declared with this library as its template properties say it is (each variant of them, under the
 * template's conditions and parameter values): what the Cognito app client is, or what the registration asks the
 * server for. An escape hatch (`node.defaultChild`, `addPropertyOverride`) can change them after the construct judged
 * its declaration, so they are judged too. Values the declaration left to the deployment (tokens of parameters and
 * conditions) were judged in its own variants first (declaredSubjects), so what these add is an override's.
 */
function propertiesSubjects(declared: Subject, template: unknown, r: Resource): Subject[] {
  if (declared.server === AuthorizationServerKind.COGNITO && r.Type === 'AWS::Cognito::UserPoolClient') {
    return perVariant(template, r, (properties) => {
      const mapped = mapCognitoUserPoolClient(properties);
      return mapped.kind === 'client' ? cognitoSubject(mapped, declared.profile, declared.acknowledged, OVERRIDDEN) : undefined;
    });
  }
  if (declared.server === AuthorizationServerKind.DYNAMIC_REGISTRATION && r.Type === OAUTH_CLIENT_REGISTRATION) {
    return perVariant(template, r, (properties) => {
      const asked = jsonObject(jsonObject(properties)?.ClientMetadata);
      if (!asked) return undefined;
      // The other fields as text, as a Cognito client's properties are read: a redirect URI is judged on its literal parts.
      const registered = withIntrinsicsAsText(knownControls(asked, declared.description)) as RegisteredMetadata;
      const description = registeredDescription(declared.description, registered);
      return { ...declared, description, origin: OVERRIDDEN };
    });
  }
  return [];
}

/**
 * The client metadata a registration asks for, with each security control that an intrinsic gives (an override with a
 * parameter) as declared: its value is not known at synth, and an omitted control counts as not asked for.
 */
function knownControls(asked: Record<string, unknown>, declared: ClientDescription): RegisteredMetadata {
  const unknown = REGISTRATION_CONTROLS.filter((c) => isIntrinsic(asked[c.metadata]));
  return { ...asked, ...Object.fromEntries(unknown.map((c) => [c.metadata, declared[c.field] === true])) } as RegisteredMetadata;
}

/** The findings of one client that are reported: not disabled, knowable, from the threshold, not acknowledged. */
function judge(subject: Subject, disabled: Set<string>, minimum: number) {
  return ClientValidator.validate(subject.description, { authorizationServer: subject.server, profile: subject.profile })
    .filter((f) => !disabled.has(f.ruleId) && !subject.unknowable.includes(f.ruleId) && RANK[f.severity] >= minimum)
    .filter((f) => !(subject.acknowledged.has(f.ruleId) && f.acknowledgeable));
}
