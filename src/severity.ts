/**
 * How serious a finding of the validator is.
 */
export enum Severity {
  /** A MUST / MUST NOT of the source: fails `cdk synth` and the policy-validation report. */
  ERROR = 'error',
  /** A SHOULD / SHOULD NOT: a CDK warning annotation, which can be acknowledged. */
  WARNING = 'warning',
  /** Recorded, never printed as a warning. */
  INFO = 'info',
}
