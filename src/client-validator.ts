import { AuthorizationServerKind } from './authorization-server-kind';
import { ClientDescription } from './client-description';
import { Finding } from './finding';
import { descriptionShapeProblem } from './private/description-shape';
import { runRules } from './private/engine/engine';
import { RULES } from './private/engine/rules/all-rules';
import { enumValueProblem } from './private/untyped-values';
import { RuleInfo } from './rule-info';
import { ValidationProfile } from './validation-profile';

/**
 * Options for `ClientValidator.validate`.
 */
export interface ValidationOptions {
  /**
   * The kind of authorization server the client is registered with; selects the `COG-*` / `A0-*` rules.
   *
   * @default AuthorizationServerKind.GENERIC
   */
  readonly authorizationServer?: AuthorizationServerKind;

  /**
   * The security profile; `FAPI_2_0` adds the `FAPI-*` rules.
   *
   * @default ValidationProfile.DEFAULT
   */
  readonly profile?: ValidationProfile;
}

/**
 * The rule engine: judges a client description against every rule of the rule table.
 *
 * Synchronous and pure (no I/O). The constructs, the policy-validation plugin and the deploy-time
 * handler all use it.
 */
export class ClientValidator {
  /**
   * Validates a client description and returns every finding (not only the first). A description or options that
   * TypeScript's types would have stopped (from JavaScript: a client type `'Public'`, a profile `'fapi2'`, a redirect URI
   * as a string, not a list) are refused: the rules would judge another client than the one meant.
   *
   * @param description the client
   * @param options the authorization server kind and profile
   *
   * @example
   * const findings = ClientValidator.validate({
   *   clientType: ClientType.PUBLIC,
   *   applicationType: ApplicationType.SINGLE_PAGE,
   *   grantTypes: [GrantType.AUTHORIZATION_CODE],
   *   tokenEndpointAuthMethod: TokenEndpointAuthMethod.NONE,
   *   pkce: PkceMethod.NONE,
   *   redirectUris: ['https://app.example.com/callback'],
   * }, { authorizationServer: AuthorizationServerKind.COGNITO });
   * const errors = findings.filter((f) => f.severity === Severity.ERROR);   // [OAC-060] public clients MUST use PKCE ...
   */
  public static validate(description: ClientDescription, options?: ValidationOptions): Finding[] {
    const problem = descriptionShapeProblem(description)
      ?? enumValueProblem('options.authorizationServer', options?.authorizationServer, 'AuthorizationServerKind', AuthorizationServerKind)
      ?? enumValueProblem('options.profile', options?.profile, 'ValidationProfile', ValidationProfile);
    if (problem) throw new Error(`ClientValidator.validate: ${problem}`);
    return runRules(RULES, description, options);
  }

  /**
   * The rule table: every rule the validator knows, in rule-table order.
   */
  public static rules(): RuleInfo[] {
    return RULES.map((rule) => ({
      id: rule.id,
      severity: rule.severity,
      scope: rule.scope,
      condition: rule.condition,
      source: rule.source,
      acknowledgeable: rule.acknowledgeable,
    }));
  }

  private constructor() {}
}
