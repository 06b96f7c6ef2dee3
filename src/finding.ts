import { Severity } from './severity';

/**
 * One result of the validator: a rule that a client description breaks.
 */
export interface Finding {
  /** The stable rule ID, e.g. `OAC-060`. */
  readonly ruleId: string;
  /** The rule's severity. */
  readonly severity: Severity;
  /**
   * What is wrong, the value given, how to fix it and the spec section, prefixed with the rule ID:
   * `[OAC-060] ...`.
   */
  readonly message: string;
  /** The same text without the rule ID prefix, for front doors that add their own context. */
  readonly detail: string;
  /** How to fix it, e.g. `Set pkce: PkceMethod.S256.` */
  readonly fix: string;
  /** The specification the rule comes from, e.g. `RFC 9700 §2.1.1`. */
  readonly source: string;
  /**
   * Whether the finding may be acknowledged. Backend capability rules and contradictions in terms
   * (e.g. a public client with a secret-based method) cannot be.
   */
  readonly acknowledgeable: boolean;
}
