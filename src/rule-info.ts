import { Severity } from './severity';

/**
 * The scope a rule applies in.
 */
export enum RuleScope {
  /** `OAC-*`: every client. */
  ALL = 'all',
  /** `COG-*`: clients on Amazon Cognito. */
  COGNITO = 'cognito',
  /** `A0-*`: clients on Auth0. */
  AUTH0 = 'auth0',
  /** `FAPI-*`: clients validated under the FAPI 2.0 profile. */
  FAPI_2_0 = 'fapi_2_0',
}

/**
 * What the validator knows about one of its rules (the rule table of the rule reference).
 */
export interface RuleInfo {
  /** The stable rule ID. */
  readonly id: string;
  /** The severity of its findings. */
  readonly severity: Severity;
  /** Where the rule applies. */
  readonly scope: RuleScope;
  /** The condition the rule fires on. */
  readonly condition: string;
  /** The specification it comes from. */
  readonly source: string;
  /** Whether its findings may be acknowledged. */
  readonly acknowledgeable: boolean;
}
