import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { SERVER_NEUTRAL_RULES } from '../../src/private/engine/rules/server-neutral-rules';

// The bundle `npx projen bundle` writes (the build bundles before it tests): what the provider Lambda carries.
function bundle(): string {
  const path = join(__dirname, '..', '..', 'assets', 'private', 'handler', 'provider.lambda', 'index.js');
  expect(existsSync(path)).toBe(true);
  return readFileSync(path, 'utf8');
}

function requires(code: string): string[] {
  return [...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))].sort();
}

function ruleIds(code: string): string[] {
  return [...new Set([...code.matchAll(/"((?:OAC|COG|A0|FAPI)-\d{3})"/g)].map((m) => m[1]))].sort();
}

describe('the provider bundle', () => {
  test('loads only the AWS clients of its four services and Node built-ins (the SDK is the runtime\'s)', () => {
    expect(requires(bundle())).toEqual([
      '@aws-sdk/client-cloudformation', '@aws-sdk/client-cognito-identity-provider', '@aws-sdk/client-kms', '@aws-sdk/client-secrets-manager', 'crypto', 'http', 'https', 'tls',
    ]);
  });

  test('carries exactly the server-neutral rules, the ones that can judge a dynamically registered client', () => {
    expect(ruleIds(bundle())).toEqual(SERVER_NEUTRAL_RULES.map((r) => r.id).sort());
  });
});
