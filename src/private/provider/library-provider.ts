import { Annotations, ArnFormat, Duration, Names, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, IConstruct, IDependable } from 'constructs';
import { GrantPolicies } from './grant-policies';
import { acknowledgeAs, acknowledgeNagFindings } from './nag-acknowledgements';
import { rotationSchedulesOn } from './rotation-schedules';
import { TaggableCustomResource } from './taggable-custom-resource';
import { asClientSecret } from '../grant-credentials';
import { ProviderFunction } from '../handler/provider-function';

const PROVIDER_ID = 'CdkOAuthClientsProvider';
/** How long one invocation of the provider may run. */
const FUNCTION_TIMEOUT = Duration.minutes(5);
/**
 * How long CloudFormation waits for a custom resource's answer, instead of its default hour: a provider that cannot
 * answer (placed in a VPC that cannot reach CloudFormation's response URL, say) fails the deployment, and its rollback,
 * in minutes. An invocation that cannot answer fails, and Lambda invokes it twice more, one and two minutes later:
 * 3 × 5 + 1 + 2 = 18 minutes at the most, and 7 more to spare.
 */
const SERVICE_TIMEOUT = Duration.minutes(25);
const KEY_ID = 'CdkOAuthClientsSecretKey';
/** The construct ID of the provider's grant on the stack's key. */
const STACK_KEY_GRANT_ID = 'SecretKeyGrant';
/**
 * How many grants on user pools (a pool's DescribeUserPoolClient, and its rotation actions) the role's own policy
 * holds before managed policies hold the rest: 20 ARNs take ~1,800 of its 10,240 characters.
 */
const INLINE_USER_POOL_GRANTS = 20;
/** How many grants on initial access tokens and their keys the role's own policy holds: ~1,100 characters. */
const INLINE_SECRET_GRANTS = 10;
/** IAM's managed policies per role: 10 unless the account's quota was raised, and 20 at most. */
const MANAGED_POLICIES_QUOTA = 10;
const MANAGED_POLICIES_MAX = 20;
/** What the managed policies hold, for the messages about their number. */
const GRANTS_ON = 'its grants on the clients\' keys, user pools and initial access tokens (60 grants each)';

export interface ClientResourceOptions {
  /** The custom resource type (see resource-types.ts). */
  readonly resourceType: string;
  /** The backend's own properties. */
  readonly properties: Record<string, unknown>;
  readonly secretEncryptionKey?: kms.IKey;
  readonly secretRemovalPolicy?: RemovalPolicy;
  /** The client's `private_key_jwt` key, whose public half the provider reads. */
  readonly signingKey?: kms.IKey;
  /** The policies of the provider's grants the backend gave for this client (on its user pool, its server's token). */
  readonly grants?: IDependable[];
}

export interface ClientResource {
  readonly resource: TaggableCustomResource;
  /** The secret the resource wrote, imported under the given construct ID. */
  secret(id: string): secretsmanager.ISecret;
}

/** Where the provider runs when a server it must reach is not on the internet: the VPC's selected private subnets. */
export interface ProviderPlacement {
  readonly vpc: ec2.IVpc;
  readonly subnetIds: string[];
  readonly securityGroups?: ec2.ISecurityGroup[];
}

/** A placement as the values the template will hold, to compare placements asked for by different servers. */
function placementKey(stack: Stack, placement: ProviderPlacement): string {
  return JSON.stringify(stack.resolve({
    vpc: placement.vpc.vpcId,
    subnets: placement.subnetIds,
    securityGroups: placement.securityGroups?.map((group) => group.securityGroupId) ?? 'a new security group',
  }));
}

/** How cdk-nag names a resolved resource in a finding ID: `Ref`s and `GetAtt`s as `<Name>` / `<Name.Attr>`. */
function nagResourceName(resolved: unknown): string {
  if (typeof resolved === 'string') return resolved;
  const value = resolved as { 'Ref'?: string; 'Fn::GetAtt'?: string[]; 'Fn::Join'?: [string, unknown[]] };
  if (value.Ref) return `<${value.Ref}>`;
  if (value['Fn::GetAtt']) return `<${value['Fn::GetAtt'].join('.')}>`;
  if (value['Fn::Join']) return value['Fn::Join'][1].map(nagResourceName).join(value['Fn::Join'][0]);
  return JSON.stringify(resolved);
}

/** The prefix of every secret the provider of a stack owns. */
function secretNamePrefix(stack: Stack): string {
  return `cdk-oauth-clients/${stack.stackName}/`;
}

/** What the provider does with a client's secret when the client is removed: both RETAIN policies keep it. */
function secretRemoval(policy: RemovalPolicy | undefined): 'retain' | 'destroy' {
  return policy === RemovalPolicy.RETAIN || policy === RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE ? 'retain' : 'destroy';
}

/**
 * The one provider Lambda per stack that serves every custom resource of the library. It grants itself
 * least privilege: grants are added per user pool and per key as clients are declared.
 */
export class LibraryProvider extends Construct {
  /** The stack's provider, created on first use. */
  public static of(scope: IConstruct): LibraryProvider {
    const stack = Stack.of(scope);
    return (stack.node.tryFindChild(PROVIDER_ID) as LibraryProvider | undefined) ?? new LibraryProvider(stack, PROVIDER_ID);
  }

  /** The stack's default key for client secrets, created on first use. */
  public static defaultSecretKey(scope: IConstruct): kms.IKey {
    const stack = Stack.of(scope);
    return (stack.node.tryFindChild(KEY_ID) as kms.Key | undefined) ?? new kms.Key(stack, KEY_ID, {
      description: `Encrypts the OAuth client secrets of stack ${stack.stackName} (cdk-oauth-clients)`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Refuses, before anything is created, a client whose VPC placement differs from the one the stack's provider
   * already has: the stack has one provider, so every client that asks must ask for the same network placement.
   *
   * @param client the client that asks (for the error message)
   */
  public static assertPlaceable(client: IConstruct, placement: ProviderPlacement): void {
    const stack = Stack.of(client);
    const existing = stack.node.tryFindChild(PROVIDER_ID) as LibraryProvider | undefined;
    const placed = existing?.placement;
    const asked = placementKey(stack, placement);
    if (placed && placed.key !== asked) {
      throw new Error(`Client '${client.node.path}': stack '${stack.node.path}' has one cdk-oauth-clients provider, and `
        + `client '${placed.by}' already placed it in ${placed.key}, while this client asks for ${asked}. `
        + 'Use one VPC, subnets and security groups per stack, or put the clients in different stacks.');
    }
  }

  public readonly serviceToken: string;
  /** The policy the custom resources must wait for. */
  public readonly policy: iam.Policy;
  private readonly granted = new Set<string>();
  private readonly function: lambda.Function;
  private readonly role: iam.IRole;
  /** The VPC placement, as resolved values, and the client that asked for it first. */
  private placement?: { readonly key: string; readonly by: string };
  /** The grants on the clients' own keys, in managed policies of the role: created on the first. */
  private keyGrants?: GrantPolicies;
  /** The grants on the clients' user pools: the first in the role's own policy, the rest in managed policies. */
  private userPoolGrants?: GrantPolicies;
  /** The grants on the user's secrets the provider reads (initial access tokens): the first in the role's own policy. */
  private secretGrants?: GrantPolicies;
  /** The stack's client secrets (the rotation schedules on them are refused, but the provider's own). */
  private readonly clientSecrets: secretsmanager.ISecret[] = [];
  /** Whether the stack was warned that the role needs more managed policies than IAM's default quota. */
  private quotaWarned = false;
  /** The rotation schedules of the clients that asked for them (`secretRotation`), which run the provider. */
  private readonly ownRotationSchedules = new Set<secretsmanager.CfnRotationSchedule>();

  private constructor(scope: Stack, id: string) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'cdk-oauth-clients custom resource provider',
    });
    this.policy = new iam.Policy(this, 'Policy', {
      roles: [role],
      statements: [new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      })],
    });
    const fn = new ProviderFunction(this, 'Function', {
      role,
      logGroup,
      timeout: FUNCTION_TIMEOUT,
      memorySize: 256,
      description: 'cdk-oauth-clients: registers OAuth clients and keeps their secrets in Secrets Manager',
    });
    fn.node.addDependency(this.policy);
    this.function = fn;
    this.role = role;
    acknowledgeNagFindings({ function: fn, logGroup, policy: this.policy });
    this.serviceToken = fn.functionArn;
    this.node.addValidation({ validate: () => rotationSchedulesOn(this, this.clientSecrets, this.ownRotationSchedules) });
    this.node.addValidation({
      validate: () => (this.managedPolicies() > MANAGED_POLICIES_MAX ? [`Stack '${scope.node.path}': the cdk-oauth-clients `
        + `provider's role needs ${this.managedPolicies()} managed policies for ${GRANTS_ON}, over IAM's maximum of `
        + `${MANAGED_POLICIES_MAX} per role. Declare the clients in more than one stack: each stack has a provider of its own.`] : []),
    });
  }

  /**
   * Runs the provider in a VPC, for a client whose server is reachable only from there.
   *
   * @param client the client that asks
   */
  public placeInVpc(client: IConstruct, placement: ProviderPlacement): void {
    LibraryProvider.assertPlaceable(client, placement);
    if (this.placement) return;
    this.placement = { key: placementKey(Stack.of(this), placement), by: client.node.path };

    const securityGroups = placement.securityGroups ?? [new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: placement.vpc,
      description: 'cdk-oauth-clients provider: calls the authorization server and AWS APIs (outbound only)',
      allowAllOutbound: true,
    })];
    (this.function.node.defaultChild as lambda.CfnFunction).vpcConfig = {
      subnetIds: placement.subnetIds,
      securityGroupIds: securityGroups.map((group) => group.securityGroupId),
    };
    // Lambda creates and deletes the function's network interfaces with the function's role. The interfaces do not
    // exist before, and ec2:Describe* supports no resource-level permissions (AWSLambdaVPCAccessExecutionRole).
    this.policy.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, {
      'AwsSolutions-IAM5[Resource::*]': 'Lambda manages the VPC network interfaces of the provider function with its role: '
        + 'their IDs are not known before they exist, and ec2:DescribeNetworkInterfaces and ec2:DescribeSubnets '
        + 'support no resource-level permissions (the statement is that of AWSLambdaVPCAccessExecutionRole).',
    });
    this.grantOnce('vpc', [
      'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
      'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
    ], ['*']);
  }

  /**
   * A custom resource of this provider that keeps a client's credentials in a secret of its own under the stack's
   * prefix, encrypted with the given key (or the stack's key); the provider may read the public half of its signing key.
   * It waits for the provider's policies that it needs.
   */
  public clientResource(scope: Construct, id: string, options: ClientResourceOptions): ClientResource {
    const stack = Stack.of(scope);
    const key = options.secretEncryptionKey ?? LibraryProvider.defaultSecretKey(scope);
    const keyPolicies = [this.grantSecrets(key), options.signingKey && this.grantGetPublicKey(options.signingKey)];
    const resource = new TaggableCustomResource(scope, id, {
      serviceToken: this.serviceToken,
      serviceTimeout: SERVICE_TIMEOUT,
      resourceType: options.resourceType,
      properties: {
        ...options.properties,
        SecretName: `${secretNamePrefix(stack)}${Names.uniqueResourceName(scope, { maxLength: 256 })}`,
        KmsKeyArn: key.keyArn,
        RemovalPolicy: secretRemoval(options.secretRemovalPolicy),
      },
    });
    resource.node.addDependency(this.policy);
    for (const policy of [...keyPolicies, ...options.grants ?? []]) if (policy) resource.node.addDependency(policy);
    return {
      resource,
      // The resource returns the ARN of the secret it wrote (attribute SecretArn).
      secret: (secretId: string) => {
        const secret = asClientSecret(secretsmanager.Secret.fromSecretAttributes(scope, secretId, {
          secretCompleteArn: resource.getAttString('SecretArn'),
          encryptionKey: key,
        }));
        this.clientSecrets.push(secret);
        return secret;
      },
    };
  }

  /**
   * Has Secrets Manager rotate a Cognito client's secret with the provider on the schedule: the provider may add,
   * list and delete the secrets of this user pool's app clients, and move the labels of the stack's secrets; Secrets
   * Manager may invoke it for this secret only. The first rotation comes one period after deployment.
   */
  public rotateCognitoClientSecret(scope: Construct, secret: secretsmanager.ISecret, userPoolArn: string, scheduleExpression: string): void {
    const poolPolicy = this.grantOnUserPool(userPoolArn, [
      'cognito-idp:ListUserPoolClientSecrets', 'cognito-idp:AddUserPoolClientSecret', 'cognito-idp:DeleteUserPoolClientSecret',
    ]);
    const stack = Stack.of(this);
    this.grantOnce('stage-own', ['secretsmanager:UpdateSecretVersionStage'], [this.ownSecretsArn(stack)]);
    this.grantReadOwnSecrets();
    const permission = new lambda.CfnPermission(scope, 'SecretRotationPermission', {
      action: 'lambda:InvokeFunction',
      functionName: this.function.functionArn,
      principal: 'secretsmanager.amazonaws.com',
      sourceAccount: stack.account,
      sourceArn: secret.secretArn,
    });
    const schedule = new secretsmanager.CfnRotationSchedule(scope, 'SecretRotation', {
      secretId: secret.secretArn,
      rotationLambdaArn: this.function.functionArn,
      rotationRules: { scheduleExpression },
      rotateImmediatelyOnUpdate: false,
    });
    // Construct dependencies (CfnResource#addDependency is deprecated in later aws-cdk-lib versions).
    schedule.node.addDependency(permission, this.policy, poolPolicy);
    this.ownRotationSchedules.add(schedule);
  }

  /**
   * Lets the provider read app clients of this user pool (their secrets).
   *
   * @returns the policy the pool is granted in, which the client's resource must wait for
   */
  public grantDescribeUserPoolClient(userPoolArn: string): IDependable {
    return this.grantOnUserPool(userPoolArn, ['cognito-idp:DescribeUserPoolClient']);
  }

  /**
   * Lets the provider create and maintain the stack's client secrets, encrypted with this key: the stack's key in the
   * role's own policy, a client's own key in a managed policy for keys.
   *
   * @returns the managed policy a client's own key is granted in, which its resource must wait for
   */
  private grantSecrets(key: kms.IKey): IDependable | undefined {
    const stack = Stack.of(this);
    const secrets = this.ownSecretsArn(stack);
    if (!this.granted.has('secrets')) {
      // A finding ID with a resource in it contains '::', which Validations.acknowledge() rejects; the
      // acknowledgement is recorded under the same metadata key that acknowledge() writes and cdk-nag reads.
      this.policy.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, {
        [`AwsSolutions-IAM5[Resource::${nagResourceName(stack.resolve(secrets))}]`]:
          'The provider creates one secret per client under this stack\'s own name prefix, and Secrets Manager '
          + 'appends a random suffix to each secret ARN, so the exact ARNs are not known before the secrets exist.',
      });
    }
    this.grantOnce('secrets', [
      'secretsmanager:CreateSecret', 'secretsmanager:PutSecretValue', 'secretsmanager:DescribeSecret',
      'secretsmanager:UpdateSecret', 'secretsmanager:RestoreSecret', 'secretsmanager:DeleteSecret', 'secretsmanager:TagResource',
      'secretsmanager:UntagResource',
    ], [secrets]);
    const actions = ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:Encrypt'];
    if (key === stack.node.tryFindChild(KEY_ID)) return this.grantOnStackKey(key, actions);
    return this.grantOnKey(key, actions);
  }

  /**
   * The grant on the stack's key, in a policy of its own that is in the template while the key is: when the last client
   * that uses the key is removed, or moves to a key of its own, CloudFormation deletes the grant with the key, once the
   * update is complete. Until then the client reads its secrets under the key: to move them to its new key, or to be
   * deleted. In the role's own policy, the grant would be gone before either.
   */
  private grantOnStackKey(key: kms.IKey, actions: string[]): IDependable {
    const existing = this.node.tryFindChild(STACK_KEY_GRANT_ID) as iam.Policy | undefined;
    if (existing) return existing;
    const grant = new iam.Policy(this, STACK_KEY_GRANT_ID, {
      roles: [this.role],
      statements: [new iam.PolicyStatement({ actions, resources: [key.keyArn] })],
    });
    acknowledgeAs('policy', grant);
    return this.waitFor(grant);
  }

  /**
   * Lets the provider read back the secrets it stored under this stack's prefix: registration access tokens, and the
   * copy of a Cognito app client's secret that an Update keeps.
   */
  public grantReadOwnSecrets(): void {
    const stack = Stack.of(this);
    this.grantOnce('read-own', ['secretsmanager:GetSecretValue'], [this.ownSecretsArn(stack)]);
  }

  /**
   * Lets the provider put a replaced client back when the deployment that replaced it rolls back: read the status of
   * its own stack (to tell the rollback's deletion of the new client from a deletion of the stack), and make the
   * replaced client's credentials the current version of their secret again.
   */
  public grantPutBackReplaced(): void {
    const stack = Stack.of(this);
    this.grantOnce('own-stack', ['cloudformation:DescribeStacks'], [stack.stackId]);
    this.grantOnce('stage-own', ['secretsmanager:UpdateSecretVersionStage'], [this.ownSecretsArn(stack)]);
  }

  /**
   * Lets the provider read a secret of the user's (an initial access token), and decrypt it.
   *
   * @returns the policies that hold the grants, which the resources that read the secret must wait for
   */
  public grantReadSecret(secret: secretsmanager.ISecret): IDependable[] {
    this.secretGrants ??= new GrantPolicies(this, this.role, {
      id: 'SecretGrants', on: 'the initial access tokens of its servers', inline: { policy: this.policy, grants: INLINE_SECRET_GRANTS },
    });
    const grants = this.secretGrants;
    const policies = [grants.grant(secret.secretFullArn ?? `${secret.secretArn}-??????`, ['secretsmanager:GetSecretValue'])];
    if (secret.encryptionKey) policies.push(grants.grant(secret.encryptionKey.keyArn, ['kms:Decrypt']));
    return policies.map((policy) => this.waitFor(policy));
  }

  /**
   * Lets the provider read the public half of a client's signing key.
   *
   * @returns the managed policy the key is granted in, which the client's resource must wait for
   */
  private grantGetPublicKey(key: kms.IKey): IDependable {
    return this.grantOnKey(key, ['kms:GetPublicKey']);
  }

  private grantOnKey(key: kms.IKey, actions: string[]): IDependable {
    this.keyGrants ??= new GrantPolicies(this, this.role, { id: 'KeyGrants', on: 'the clients\' own KMS keys', replacedOnChange: true });
    return this.waitFor(this.keyGrants.grant(key.keyArn, actions));
  }

  private grantOnUserPool(userPoolArn: string, actions: string[]): IDependable {
    this.userPoolGrants ??= new GrantPolicies(this, this.role, {
      id: 'UserPoolGrants', on: 'the clients\' user pools', inline: { policy: this.policy, grants: INLINE_USER_POOL_GRANTS },
    });
    return this.waitFor(this.userPoolGrants.grant(userPoolArn, actions));
  }

  /**
   * As with the role's own policy: a new stack's function is created once its role has the grants (IAM takes a moment
   * to apply a new policy everywhere, and the first resources call the function at once).
   */
  private waitFor(policy: IDependable): IDependable {
    this.function.node.addDependency(policy);
    this.warnPastQuota();
    return policy;
  }

  /** Warns, once, when a grant takes the role past IAM's default quota of managed policies. */
  private warnPastQuota(): void {
    // A deployment that changes the clients' own keys replaces the policies of those grants: the old ones stay attached
    // until it is complete.
    const replaced = this.keyGrants?.managedPolicies ?? 0;
    if (this.quotaWarned || this.managedPolicies() + replaced <= MANAGED_POLICIES_QUOTA) return;
    this.quotaWarned = true;
    const twice = replaced > 0 ? ' Those of its grants on keys count twice: a deployment that changes keys replaces them, and '
      + 'the old ones stay attached until it is complete.' : '';
    Annotations.of(this).addWarningV2('cdk-oauth-clients:provider-managed-policies', `Stack '${Stack.of(this).node.path}': the `
      + `cdk-oauth-clients provider's role needs more than ${MANAGED_POLICIES_QUOTA} managed policies for ${GRANTS_ON}, over `
      + `IAM's default quota of ${MANAGED_POLICIES_QUOTA} per role: the deployment fails unless the account's quota "Managed `
      + `policies per role" was raised (to ${MANAGED_POLICIES_MAX} at most). Raise it in Service Quotas, or declare the clients `
      + `in more than one stack.${twice}`);
  }

  /** How many managed policies the role has: those of its grants on the clients' keys, user pools and tokens. */
  private managedPolicies(): number {
    return this.node.children.filter((child) => child instanceof iam.ManagedPolicy).length;
  }

  private ownSecretsArn(stack: Stack): string {
    return stack.formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${secretNamePrefix(stack)}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  private grantOnce(key: string, actions: string[], resources: string[]): void {
    if (this.granted.has(key)) return;
    this.granted.add(key);
    this.policy.addStatements(new iam.PolicyStatement({ actions, resources }));
  }
}
