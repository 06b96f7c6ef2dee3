import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { ClientValidator, RuleScope } from '../../src';

// The bundles `npx projen bundle` writes (the build bundles before it tests): what each provider Lambda carries.
function bundle(entry: string): string {
  const path = join(__dirname, '..', '..', 'assets', 'private', 'handler', `${entry}.lambda`, 'index.js');
  expect(existsSync(path)).toBe(true);
  return readFileSync(path, 'utf8');
}

function requires(code: string): string[] {
  return [...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))].sort();
}

function ruleIds(code: string): string[] {
  return [...new Set([...code.matchAll(/"((?:OAC|COG|A0|FAPI)-\d{3})"/g)].map((m) => m[1]))].sort();
}

describe('provider bundles', () => {
  test('the Cognito secret provider loads only Cognito, Secrets Manager and Node, and carries no rule and no jose', () => {
    const code = bundle('cognito-secret-provider');
    expect(requires(code)).toEqual(['@aws-sdk/client-cognito-identity-provider', '@aws-sdk/client-secrets-manager', 'http', 'https']);
    expect(ruleIds(code)).toEqual([]);
    expect(code).not.toMatch(/thumbprint/i);
  });

  test('the registration provider loads no Cognito client and carries exactly the server-neutral rules', () => {
    const code = bundle('registration-provider');
    expect(requires(code)).toEqual(['@aws-sdk/client-kms', '@aws-sdk/client-secrets-manager', 'crypto', 'http', 'https']);
    const neutral = ClientValidator.rules().filter((r) => r.scope === RuleScope.ALL || r.scope === RuleScope.FAPI_2_0).map((r) => r.id);
    expect(ruleIds(code)).toEqual(neutral.sort());
  });
});
