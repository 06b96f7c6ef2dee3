import { readFileSync } from 'fs';
import {
  IPolicyValidationContextBeta1, IPolicyValidationPluginBeta1, PolicyValidationPluginReportBeta1, PolicyViolationBeta1,
} from 'aws-cdk-lib';
import { ClientValidator } from './client-validator';
import { ruleDocUrl, unknownRuleIds } from './private/engine/rule-reference';
import { packageVersion } from './private/package-version';
import type { DeploymentParameters } from './private/policy/deployment-parameters';
import type * as PolicyModules from './private/policy/plugin-modules';
import { enumValueProblem, notListProblem } from './private/untyped-values';
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
   * Rule IDs not to report. An ID that no rule has (`OAC-22`, `oac-022`) is refused when the plugin is made, as it
   * would disable nothing.
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

  /**
   * The parameter values the app is deployed with, keyed as `cdk deploy --parameters` takes them: `Env` for every
   * stack that declares it, `Auth:Env` for the stack whose CloudFormation name is `Auth` (which wins over `Env`).
   * Each stack's template is then judged as deployed with them: `Ref` and `${Env}` become the values, and conditions
   * that compare them come out one way. A parameter given no value stays unknown, as without `parameters`: `cdk
   * deploy` keeps an existing stack's previous value for it, and only a new stack takes its Default. NoEcho
   * parameters stay unresolved, so their values reach no report; so do SSM parameter types. A nested stack gets its
   * values from its parent stack, not from here: the literal values its stack resource gives (`NestedStack`'s
   * `parameters`, or a parent's parameter given here), whether or not `parameters` is set.
   *
   * The policy check fails, naming the key, for a stack the app does not have, a name no stack declares (or the
   * stack of `Stack:Name` does not), or a value outside the parameter's `AllowedValues`: CloudFormation would refuse
   * the deployment.
   *
   * @default - parameters are unknown: a property chosen by a condition is judged in each way it can come out, and
   * one built from a parameter with `AllowedValues` with each of its values
   * @see https://docs.aws.amazon.com/cdk/v2/guide/parameters.html
   */
  readonly parameters?: { [key: string]: string };
}

/**
 * The template checker and the readers of templates and parameter values, loaded when a plugin first uses them
 * rather than with the library: the constructs do not use them, and an app that declares clients without the plugin
 * would load some 260 KB of JavaScript in a dozen files for nothing (bench/README.md).
 */
function policyModules(): typeof PolicyModules {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./private/policy/plugin-modules');
}

/**
 * A CDK policy-validation plugin that judges every OAuth client of the cloud assembly, nested stacks included, with
 * the same rules as the constructs: raw `AWS::Cognito::UserPoolClient` resources (L1 or L2) by their properties,
 * and clients declared with this library by the description and acknowledgements they recorded.
 * Intrinsic values are skipped; properties chosen by CloudFormation conditions are judged in each way they can come out,
 * and the clients that `Fn::ForEach` loops make (with the `AWS::LanguageExtensions` transform) each under its own logical ID.
 * Given the deployment's parameter values (`parameters`), each stack is judged as deployed with them.
 * `Validations.of(scope).acknowledge({ id: 'cdk-oauth-clients::OAC-120', reason })` hides a finding; an error that
 * cannot be acknowledged (a contradiction in terms, what the backend cannot do) is reported as `fatal`, which no
 * acknowledgement hides.
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
  private readonly parameters?: DeploymentParameters;
  /**
   * The rules whose errors cannot be acknowledged (contradictions in terms, what the backend cannot do): reported as
   * `fatal`, which aws-cdk-lib does not let `Validations.of(scope).acknowledge()` hide.
   */
  private readonly unacknowledgeable = new Set(ClientValidator.rules().filter((r) => !r.acknowledgeable).map((r) => r.id));

  /**
   * @param props what the plugin reports (severity, profile, disabled rules) and the deployment's parameter values
   */
  constructor(props: OAuthClientPolicyProps = {}) {
    // A misspelt setting would quietly report less (an unknown severity reported nothing): refused, naming it.
    const notList = notListProblem([['disabledRules', props.disabledRules]]);
    if (notList) throw new Error(`OAuthClientPolicy: ${notList}`);
    const unknown = unknownRuleIds(props.disabledRules ?? []);
    if (unknown) throw new Error(`OAuthClientPolicy: disabledRules: ${unknown}.`);
    const problem = enumValueProblem('minimumSeverity', props.minimumSeverity, 'Severity', Severity)
      ?? enumValueProblem('profile', props.profile, 'ValidationProfile', ValidationProfile);
    if (problem) throw new Error(`OAuthClientPolicy: ${problem}`);
    this.props = props;
    this.parameters = props.parameters === undefined ? undefined : policyModules().DeploymentParameters.parse(props.parameters);
    this.version = packageVersion();
    this.ruleIds = ClientValidator.rules().map((r) => r.id).filter((id) => !(props.disabledRules ?? []).includes(id));
  }

  /**
   * Judges the templates of the cloud assembly.
   *
   * @param context the templates
   */
  public validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    const { checkTemplate, DeploymentParameterError, judgeTemplates, ParameterValueError, withNestedTemplates } = policyModules();
    const violations: PolicyViolationBeta1[] = [];
    const deployment = this.parameters?.forAssembly(context.templatePaths);
    const checks = new Map<string, ReturnType<typeof checkTemplate>>();
    // CDK hands plugins the stacks' templates only; those of their nested stacks are found beside them.
    // A nested stack's template is judged again with what its stack resource makes of it (not created, or its values).
    judgeTemplates(withNestedTemplates(context.templatePaths), (templatePath, nested) => {
      const template = JSON.parse(readFileSync(templatePath, 'utf8'));
      const stack = deployment?.stackOf(templatePath, template);
      try {
        const check = checkTemplate(template, templatePath, { ...this.props, parameters: stack?.values, ...nested });
        checks.set(templatePath, check);
        return check.nestedStacks;
      } catch (e) {
        if (e instanceof ParameterValueError) throw new DeploymentParameterError(`stack '${stack?.stackName ?? templatePath}': ${e.message}`);
        throw e;
      }
    });
    for (const check of checks.values()) {
      for (const f of check.findings) {
        violations.push({
          ruleName: f.ruleId,
          // The report gives the fix apart ("How to fix"), so the description does not say it again.
          description: f.problem,
          fix: f.fix,
          // As the cfn-guard plugin does: the report prints it under the finding ("Rule Metadata").
          ruleMetadata: { DocumentationUrl: ruleDocUrl(f.ruleId) },
          severity: f.severity === Severity.ERROR && this.unacknowledgeable.has(f.ruleId) ? 'fatal' : f.severity,
          violatingResources: [{ resourceLogicalId: f.logicalId, templatePath: f.templatePath, locations: ['Properties'] }],
        });
      }
    }
    deployment?.checkTaken();
    return { success: violations.length === 0, violations };
  }
}
