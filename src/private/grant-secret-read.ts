import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';

/**
 * Lets the grantee read the secret, and decrypt it with its key only through Secrets Manager, on the grantee's own
 * policy: the key trusts the account's IAM policies, as every key the CDK creates does.
 *
 * `ISecret.grantRead` would put the grantee into the key policy instead, so the key's stack would depend on the
 * grantee's: with the grantee in another stack that reads the secret (an auth stack and a service stack), the two
 * stacks would depend on each other and could not be deployed.
 *
 * @param versionStages as in `ISecret.grantRead`: only these version stages may be read
 */
export function grantSecretRead(secret: secretsmanager.ISecret, grantee: iam.IGrantable, versionStages?: string[]): iam.Grant {
  const read = iam.Grant.addToPrincipal({
    grantee,
    actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    resourceArns: [secret.secretFullArn ?? `${secret.secretArn}-??????`],
    conditions: versionStages ? { 'ForAnyValue:StringEquals': { 'secretsmanager:VersionStage': versionStages } } : undefined,
  });
  if (!secret.encryptionKey) return read;
  return read.combine(iam.Grant.addToPrincipal({
    grantee,
    actions: ['kms:Decrypt'],
    resourceArns: [secret.encryptionKey.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(secret).region}.amazonaws.com` } },
  }));
}

/**
 * The secret, whose own `grantRead` grants as `grantSecretRead` does.
 *
 * aws-cdk-lib integrations call `secret.grantRead(role)` themselves (`ecs.Secret.fromSecretsManager`, Lambda, RDS
 * proxies...). With aws-cdk-lib's `grantRead` they would put the role into the key policy and cycle when the role is
 * in another stack. Every other member stays aws-cdk-lib's own (the secret is an import of this aws-cdk-lib version),
 * so the object keeps up with what later versions add to `ISecret`.
 */
export function readableAcrossStacks(secret: secretsmanager.ISecret): secretsmanager.ISecret {
  Object.defineProperty(secret, 'grantRead', {
    value: (grantee: iam.IGrantable, versionStages?: string[]) => grantSecretRead(secret, grantee, versionStages),
  });
  return secret;
}
