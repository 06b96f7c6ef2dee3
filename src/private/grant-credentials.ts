import { Annotations, Resource, Stack, Token, TokenComparison } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, IConstruct } from 'constructs';

const READ_ACTIONS = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'];

/**
 * Whether the grantee's own policy is enough: it is in the account of the stack the resource (a secret, a key) is used
 * in (or both accounts are the same unresolved one), as aws-cdk-lib's `Grant.addToPrincipalOrResource` decides. A
 * resource of another account imported by ARN is used in the grantee's account: there the grantee gets its own
 * policy, and the resource's account lets it in where the resource is declared.
 */
function inAccountOf(resource: IConstruct, grantee: iam.IGrantable): boolean {
  const account = grantee.grantPrincipal.principalAccount;
  if (account === undefined) return false;
  const comparison = Token.compareStrings(Stack.of(resource).account, account);
  return comparison === TokenComparison.SAME || comparison === TokenComparison.BOTH_UNRESOLVED;
}

/**
 * The region of the secret: that of its ARN when the ARN is known (a secret of another region imported by ARN), else
 * that of its stack (the provider creates the client secrets in its own stack's region).
 */
function secretRegion(secret: secretsmanager.ISecret): string {
  return Token.isUnresolved(secret.env.region) ? Stack.of(secret).region : secret.env.region;
}

/**
 * The refusal of a grant that only the resource's own policy could make (a grantee of another account, or one with
 * no IAM policy of its own) on a resource imported here, whose policy is not this app's.
 */
function cannotLetIn(where: string, grantee: iam.IGrantable, use: string, policy: 'resource policy' | 'key policy', resource: IConstruct): Error {
  return new Error(`${where}: grantRead cannot let ${grantee.grantPrincipal} ${use}. The grantee is in another account, or has no IAM `
    + `policy of its own, so the ${policy} of '${resource.node.path}' must let it in, and it is imported here. Grant it in the stack that `
    + `declares the client, or add the statement to the ${policy} where '${resource.node.path}' is declared.`);
}

/** The statement added to a resource's policy, as a grant; undefined when the resource's policy cannot be changed here. */
function onResourcePolicy(resource: iam.IResourceWithPolicy, grantee: iam.IGrantable, statement: iam.PolicyStatement): iam.Grant | undefined {
  let added = false;
  const grant = iam.Grant.addStatementToResourcePolicy({
    grantee,
    actions: statement.actions,
    resourceArns: statement.resources,
    statement,
    resource: Object.create(resource, {
      addToResourcePolicy: {
        value: (s: iam.PolicyStatement): iam.AddToResourcePolicyResult => {
          const result = resource.addToResourcePolicy(s);
          added = result.statementAdded;
          // A key's policy is part of the key: kms.Key returns its PolicyDocument, on which nothing can depend.
          return { statementAdded: added, policyDependable: Construct.isConstruct(result.policyDependable) ? result.policyDependable : resource };
        },
      },
    }),
  });
  return added ? grant : undefined;
}

/**
 * Lets the grantee read the secret, and decrypt it with its key only through Secrets Manager, on the grantee's own
 * policy: the key trusts the account's IAM policies, as every key the CDK creates does.
 *
 * `ISecret.grantRead` would put the grantee into the key policy instead, so the key's stack would depend on the
 * grantee's: with the grantee in another stack that reads the secret (an auth stack and a service stack), the two
 * stacks would depend on each other and could not be deployed.
 *
 * A grantee of another account (or a principal with no IAM policy of its own, such as an account) is let in by the
 * secret's resource policy and the key policy as well, as aws-cdk-lib grants on a secret and a key it declares: its
 * own account's policies alone cannot reach this account's secret. Its ARN or account is a literal, so the key's
 * stack depends on nothing.
 *
 * @param where who grants, for the messages
 * @param versionStages as in `ISecret.grantRead`: only these version stages may be read
 */
export function grantSecretRead(where: string, secret: secretsmanager.ISecret, grantee: iam.IGrantable, versionStages?: string[]): iam.Grant {
  const stages = versionStages ? { 'ForAnyValue:StringEquals': { 'secretsmanager:VersionStage': versionStages } } : undefined;
  const viaSecretsManager = { StringEquals: { 'kms:ViaService': `secretsmanager.${secretRegion(secret)}.amazonaws.com` } };
  const principal = grantee.grantPrincipal;
  const onSecretPolicy = (): iam.Grant => {
    const added = onResourcePolicy(secret, grantee, new iam.PolicyStatement({ actions: READ_ACTIONS, resources: ['*'], principals: [principal], conditions: stages }));
    if (added) return added;
    throw cannotLetIn(where, grantee, 'read the client secret', 'resource policy', secret);
  };
  // The resource policy first: a grant that cannot be made fails before it adds anything to the grantee's policy.
  let onSecret = inAccountOf(secret, grantee) ? undefined : onSecretPolicy();
  let grant = iam.Grant.addToPrincipal({
    grantee,
    actions: READ_ACTIONS,
    resourceArns: [secret.secretFullArn ?? `${secret.secretArn}-??????`],
    conditions: stages,
  });
  if (secret.encryptionKey) {
    grant = grant.combine(iam.Grant.addToPrincipal({ grantee, actions: ['kms:Decrypt'], resourceArns: [secret.encryptionKey.keyArn], conditions: viaSecretsManager }));
  }
  // A principal of this account with no policy of its own (the account itself) added nothing: the resource policy lets it in.
  if (!onSecret && !grant.success) onSecret = onSecretPolicy();
  if (!onSecret) return grant;
  grant = grant.combine(onSecret);

  const key = secret.encryptionKey;
  if (!key) return grant;
  const decrypt = new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: ['*'], principals: [principal], conditions: viaSecretsManager });
  const onKey = onResourcePolicy(key, grantee, decrypt);
  if (onKey) return grant.combine(onKey);
  Annotations.of(secret).addWarningV2('cdk-oauth-clients:key-policy-not-changed', `${where}: grantRead let ${principal} read the client `
    + `secret through its resource policy, but the secret's key '${key.node.path}' is imported here, so its key policy was left as it is: `
    + 'without a statement that lets the grantee use kms:Decrypt through Secrets Manager, reading the secret fails. Add '
    + `${JSON.stringify(Stack.of(secret).resolve(decrypt.toStatementJson()))} to the key policy.`);
  return grant;
}

/**
 * Lets the grantee sign client assertions with the client's KMS key (`kms:Sign`, `kms:GetPublicKey`), as aws-cdk-lib
 * grants on a key: on the grantee's own policy, and for a grantee of another account on the key policy of a key
 * declared in this app. On a key imported here aws-cdk-lib adds nothing to its policy and still reports success, so
 * such a grant is refused.
 *
 * @param where who grants, for the message
 */
export function grantKeySign(where: string, key: kms.IKey, grantee: iam.IGrantable): iam.Grant {
  if (!Resource.isOwnedResource(key) && !inAccountOf(key, grantee)) throw cannotLetIn(where, grantee, 'sign with the client\'s key', 'key policy', key);
  return key.grant(grantee, 'kms:Sign', 'kms:GetPublicKey');
}

/**
 * Why a client secret takes no rotation schedule, and what to do instead.
 *
 * @param what the secret or the schedule refused, for the message
 * @param secret the client secret, as the message names it
 */
export function rotationRefusal(what: string, secret: string): string {
  return `${what}: the authorization server issued ${secret}, and cdk-oauth-clients keeps the copy in Secrets Manager in step `
    + 'with it. A rotation schedule would change the copy only, and the client could no longer authenticate. With Amazon Cognito, set '
    + 'secretRotation on the client instead, whose rotation has Cognito add each new secret; to replace a secret otherwise, declare a '
    + 'second client, move the services to it, then remove the first.';
}

/**
 * The secret, whose own `grantRead` grants as `grantSecretRead` does, which takes statements into a resource policy of
 * its own (`AWS::SecretsManager::ResourcePolicy`, created on the first, which blocks public policies), and which
 * refuses a rotation schedule: the server issued the secret, and a rotation would change the copy only.
 *
 * aws-cdk-lib integrations call `secret.grantRead(role)` themselves (`ecs.Secret.fromSecretsManager`, Lambda, RDS
 * proxies...). With aws-cdk-lib's `grantRead` they would put the role into the key policy and cycle when the role is
 * in another stack. Every other member stays aws-cdk-lib's own (the secret is an import of this aws-cdk-lib version),
 * so the object keeps up with what later versions add to `ISecret`.
 */
export function asClientSecret(secret: secretsmanager.ISecret): secretsmanager.ISecret {
  let policy: { readonly resource: secretsmanager.CfnResourcePolicy; readonly document: iam.PolicyDocument } | undefined;
  const resourcePolicy = () => {
    if (policy) return policy;
    const document = new iam.PolicyDocument();
    const resource = new secretsmanager.CfnResourcePolicy(secret, 'Policy', { secretId: secret.secretArn, resourcePolicy: document, blockPublicPolicy: true });
    resource.node.addValidation({ validate: () => document.validateForResourcePolicy() });
    return policy = { resource, document };
  };
  Object.defineProperty(secret, 'addToResourcePolicy', {
    value: (statement: iam.PolicyStatement): iam.AddToResourcePolicyResult => {
      const { resource, document } = resourcePolicy();
      document.addStatements(statement);
      return { statementAdded: true, policyDependable: resource };
    },
  });
  Object.defineProperty(secret, 'addRotationSchedule', {
    value: (): never => {
      throw new Error(rotationRefusal(`Secret '${secret.node.path}'`, 'this client secret'));
    },
  });
  Object.defineProperty(secret, 'grantRead', {
    value: (grantee: iam.IGrantable, versionStages?: string[]) => grantSecretRead(`Secret '${secret.node.path}'`, secret, grantee, versionStages),
  });
  return secret;
}
