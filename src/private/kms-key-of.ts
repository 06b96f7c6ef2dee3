import { Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';

/**
 * The KMS key behind a key given as a prop. IAM grants KMS key operations (kms:Sign, kms:GetPublicKey,
 * kms:Decrypt, ...) only on a key's ARN, never on an alias ARN, so the provider's policy and the grantees' grants
 * must name the key: an alias that knows its target key (`new kms.Alias`, `Alias.fromAliasAttributes`) stands for
 * that key, and one that does not (`Alias.fromAliasName`, whose grants do nothing, or `Key.fromKeyArn` with an alias
 * ARN) is refused with the fix.
 *
 * @param where what and which construct, for the error (`ConfidentialClient 'App/Billing'`)
 * @param prop the prop that gave the key
 */
export function kmsKeyOf(where: string, prop: string, key: kms.IKey): kms.IKey {
  // Callers without TypeScript's checks (JavaScript) can give the key's ARN itself.
  if (typeof (key as Partial<kms.IKey> | null)?.keyArn !== 'string') {
    const arn = typeof key === 'string' ? `'${key}'` : 'the key ARN';
    throw new Error(`${where}: ${prop} is ${JSON.stringify(key)}, not a KMS key. Give the key's construct, e.g. kms.Key.fromKeyArn(this, 'Key', ${arn}).`);
  }
  const alias = key as Partial<kms.IAlias>;
  if (typeof alias.aliasName === 'string') {
    try {
      if (alias.aliasTargetKey) return alias.aliasTargetKey;
    } catch {
      // Alias.fromAliasName: its target key is not known.
    }
    return refuse(where, prop, `the alias '${alias.aliasName}' imported by name (Alias.fromAliasName, whose grants do nothing)`);
  }
  if (!Token.isUnresolved(key.keyArn) && /^arn:[^:]+:kms:[^:]*:[^:]*:alias\//.test(key.keyArn)) {
    return refuse(where, prop, `the alias ARN '${key.keyArn}'`);
  }
  return key;
}

function refuse(where: string, prop: string, given: string): never {
  throw new Error(`${where}: ${prop} is ${given}. IAM grants KMS key operations only on a key's ARN, never on an alias ARN, so `
    + 'neither the provider nor a grantee could use it. Give the key itself (kms.Key.fromKeyArn with the key ARN), or the alias with its '
    + 'target key (kms.Alias.fromAliasAttributes({ aliasName, aliasTargetKey })).');
}
