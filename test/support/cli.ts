import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/private/cli/main';

/** Runs the CLI in-process: its exit status and what it wrote to stdout and stderr. */
export function runCli(...argv: string[]): { status: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const status = main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

/** A finding as its rule ID and, when it has one, the conditions it names: `COG-007 (when parameter Env is dev)`. */
export function ruleAndWhen(finding: { ruleId: string; message: string }): string {
  const when = finding.message.split(' (when ')[1];
  return when === undefined ? finding.ruleId : `${finding.ruleId} (when ${when}`;
}

/** Writes a file in a fresh temporary directory and returns its path. */
export function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'oac-test-')), name);
  writeFileSync(path, content);
  return path;
}

/** A template with one confidential Cognito web client (YAML), whose callbacks are the given YAML value. */
export function webClientYaml(callbacks: string, sections: string[] = []): string {
  return [
    ...sections,
    'Resources:',
    '  Web:',
    '    Type: AWS::Cognito::UserPoolClient',
    '    Properties:',
    '      UserPoolId: p',
    '      GenerateSecret: true',
    '      AllowedOAuthFlowsUserPoolClient: true',
    '      AllowedOAuthFlows: [code]',
    '      AllowedOAuthScopes: [openid]',
    `      CallbackURLs: ${callbacks}`,
  ].join('\n');
}
