import { readFileSync } from 'fs';
import {
  IPolicyValidationContextBeta1, IPolicyValidationPluginBeta1, PolicyValidationPluginReportBeta1, PolicyViolationBeta1,
} from 'aws-cdk-lib';
import { ClientValidator } from './client-validator';
import { packageVersion } from './private/package-version';
import { withNestedTemplates } from './private/policy/nested-templates';
import { checkTemplate } from './private/policy/template-checker';
import { Severity } from './severity';
import { ValidationProfile } from './validation-profile';

/**
 * Properties of the `OAuthClientPolicy` plugin.
 */
export interface OAuthClientPolicyProps {
  /**
   * The profile for clients that do not record one (raw `AWS::Cognito::UserPoolClient` resources).
   * Clients declared with this library's constructs are judged with the profile they were declared with.
   *
   * @default ValidationProfile.DEFAULT
   */
  readonly profile?: ValidationProfile;

  /**
   * Rule IDs not to report.
   *
   * @default - every rule is reported
   */
  readonly disabledRules?: string[];

  /**
   * The lowest severity reported as a violation (every violation fails the policy check).
   *
   * @default Severity.ERROR
   */
  readonly minimumSeverity?: Severity;
}

/**
 * A CDK policy-validation plugin that judges every OAuth client of the cloud assembly, nested stacks included, with
 * the same rules as the constructs: raw `AWS::Cognito::UserPoolClient` resources (L1 or L2) by their properties,
 * and clients declared with this library by the description and acknowledgements they recorded.
 * Intrinsic values are skipped; properties chosen by CloudFormation conditions are judged in each way they can come out,
 * and the clients that `Fn::ForEach` loops make (with the `AWS::LanguageExtensions` transform) each under its own logical ID.
 *
 * @example
 * Validations.of(app).addPlugins(new OAuthClientPolicy());
 */
export class OAuthClientPolicy implements IPolicyValidationPluginBeta1 {
  /** The plugin's name in the policy-validation report. */
  public readonly name = 'cdk-oauth-clients';
  /** The library's version. */
  public readonly version?: string;
  /** Every rule ID the plugin can report. */
  public readonly ruleIds?: string[];

  private readonly props: OAuthClientPolicyProps;

  constructor(props: OAuthClientPolicyProps = {}) {
    this.props = props;
    this.version = packageVersion();
    this.ruleIds = ClientValidator.rules().map((r) => r.id).filter((id) => !(props.disabledRules ?? []).includes(id));
  }

  /**
   * Judges the templates of the cloud assembly.
   *
   * @param context the templates
   */
  public validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    const violations: PolicyViolationBeta1[] = [];
    // CDK hands plugins the stacks' templates only; those of their nested stacks are found beside them.
    for (const templatePath of withNestedTemplates(context.templatePaths)) {
      const template = JSON.parse(readFileSync(templatePath, 'utf8'));
      for (const f of checkTemplate(template, templatePath, this.props).findings) {
        violations.push({
          ruleName: f.ruleId,
          description: f.message,
          fix: f.fix,
          severity: f.severity,
          violatingResources: [{ resourceLogicalId: f.logicalId, templatePath: f.templatePath, locations: ['Properties'] }],
        });
      }
    }
    return { success: violations.length === 0, violations };
  }
}
