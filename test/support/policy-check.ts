import { App } from 'aws-cdk-lib';

/** What a synthesis with a policy check left: the assembly's directory, and what the report printed. */
export interface PolicyCheckRun {
  readonly directory: string;
  readonly printed: string;
}

/**
 * Synthesizes an app whose policy check may fail, as aws-cdk-lib of any supported version does: 2.257 prints the report
 * and records the failure in the exit code; later versions throw a `ValidationFailed` error. With the context
 * `@aws-cdk/core:validationReportJson`, both write `policy-validation-report.json` in the assembly's directory.
 */
export function synthPolicyCheck(app: App): PolicyCheckRun {
  const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  let thrown = '';
  try {
    app.synth();
  } catch (e) {
    if ((e as Error).name !== 'ValidationFailed') throw e;
    thrown = (e as Error).message;
  } finally {
    process.exitCode = 0;
  }
  const printed = [...log.mock.calls.map((c) => c.join(' ')), thrown].join('\n');
  log.mockRestore();
  return { directory: app.outdir, printed };
}
