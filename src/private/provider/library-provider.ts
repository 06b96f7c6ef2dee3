import { ArnFormat, CustomResource, Duration, Names, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, IConstruct } from 'constructs';
import { CognitoSecretProviderFunction } from '../handler/cognito-secret-provider-function';
import { RegistrationProviderFunction } from '../handler/registration-provider-function';

const KEY_ID = 'CdkOAuthClientsSecretKey';

/** One of the library's provider Lambdas: each backend has its own, with only its own code and permissions. */
interface ProviderKind {
  /** The construct ID of the stack's provider of this kind. */
  readonly id: string;
  /** The part of the secret names (after the stack's prefix) this provider owns. */
  readonly secretPath: string;
  readonly description: string;
  createFunction(scope: Construct, id: string, props: lambda.FunctionOptions): lambda.Function;
}

const COGNITO: ProviderKind = {
  id: 'CdkOAuthClientsProvider',
  secretPath: 'cognito',
  description: 'cdk-oauth-clients: copies Cognito app client secrets into Secrets Manager',
  createFunction: (scope, id, props) => new CognitoSecretProviderFunction(scope, id, props),
};

const REGISTRATION: ProviderKind = {
  id: 'CdkOAuthClientsRegistrationProvider',
  secretPath: 'registration',
  description: 'cdk-oauth-clients: registers OAuth clients (RFC 7591/7592) and keeps their credentials in Secrets Manager',
  createFunction: (scope, id, props) => new RegistrationProviderFunction(scope, id, props),
};

export interface ClientResourceOptions {
  /** The custom resource type (see resource-types.ts). */
  readonly resourceType: string;
  /** The backend's own properties. */
  readonly properties: Record<string, unknown>;
  readonly secretEncryptionKey?: kms.IKey;
  readonly secretRemovalPolicy?: RemovalPolicy;
}

export interface ClientResource {
  readonly resource: CustomResource;
  /** The secret the resource wrote, imported under the given construct ID. */
  secret(id: string): secretsmanager.ISecret;
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

/**
 * A provider Lambda of the library: one per stack and backend (Cognito secrets, dynamic registration), so a
 * stack deploys only the code and permissions its clients use. It grants itself least privilege: statements are
 * added per user pool and per key as clients are declared, and it owns the secrets under its own name prefix.
 */
export class LibraryProvider extends Construct {
  /** The stack's provider of Cognito client secrets, created on first use. */
  public static forCognito(scope: IConstruct): LibraryProvider {
    return LibraryProvider.of(scope, COGNITO);
  }

  /** The stack's provider of dynamically registered clients, created on first use. */
  public static forRegistration(scope: IConstruct): LibraryProvider {
    return LibraryProvider.of(scope, REGISTRATION);
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

  private static of(scope: IConstruct, kind: ProviderKind): LibraryProvider {
    const stack = Stack.of(scope);
    return (stack.node.tryFindChild(kind.id) as LibraryProvider | undefined) ?? new LibraryProvider(stack, kind);
  }

  public readonly serviceToken: string;
  /** The policy the custom resources must wait for. */
  public readonly policy: iam.Policy;
  /** The prefix of every secret this provider owns: `cdk-oauth-clients/<stack name>/<backend>/`. */
  public readonly secretNamePrefix: string;
  private readonly granted = new Set<string>();

  private constructor(scope: Stack, kind: ProviderKind) {
    super(scope, kind.id);
    this.secretNamePrefix = `cdk-oauth-clients/${scope.stackName}/${kind.secretPath}/`;
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
    const fn = kind.createFunction(this, 'Function', {
      role,
      logGroup,
      timeout: Duration.minutes(5),
      memorySize: 256,
      description: kind.description,
    });
    fn.node.addDependency(this.policy);
    this.serviceToken = fn.functionArn;
  }

  /**
   * A custom resource of this provider that keeps a client's credentials in a secret of its own under the provider's
   * prefix, encrypted with the given key (or the stack's key). It waits for the provider's policy.
   */
  public clientResource(scope: Construct, id: string, options: ClientResourceOptions): ClientResource {
    const key = options.secretEncryptionKey ?? LibraryProvider.defaultSecretKey(scope);
    this.grantSecrets(key);
    const resource = new CustomResource(scope, id, {
      serviceToken: this.serviceToken,
      resourceType: options.resourceType,
      properties: {
        ...options.properties,
        SecretName: `${this.secretNamePrefix}${Names.uniqueResourceName(scope, { maxLength: 256 })}`,
        KmsKeyArn: key.keyArn,
        RemovalPolicy: options.secretRemovalPolicy === RemovalPolicy.RETAIN ? 'retain' : 'destroy',
      },
    });
    resource.node.addDependency(this.policy);
    return {
      resource,
      // The resource returns the ARN of the secret it wrote (attribute SecretArn).
      secret: (secretId: string) => secretsmanager.Secret.fromSecretAttributes(scope, secretId, {
        secretCompleteArn: resource.getAttString('SecretArn'),
        encryptionKey: key,
      }),
    };
  }

  /** Lets the provider read app clients of this user pool (their secrets). */
  public grantDescribeUserPoolClient(userPoolArn: string): void {
    this.grantOnce(`cognito:${userPoolArn}`, ['cognito-idp:DescribeUserPoolClient'], [userPoolArn]);
  }

  /** Lets the provider create and maintain its client secrets, encrypted with this key. */
  public grantSecrets(key: kms.IKey): void {
    const stack = Stack.of(this);
    const secrets = this.ownSecretsArn();
    if (!this.granted.has('secrets')) {
      // A finding ID with a resource in it contains '::', which Validations.acknowledge() rejects; the
      // acknowledgement is recorded under the same metadata key that acknowledge() writes and cdk-nag reads.
      this.policy.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, {
        [`AwsSolutions-IAM5[Resource::${nagResourceName(stack.resolve(secrets))}]`]:
          'The provider creates one secret per client under its own name prefix in this stack, and Secrets Manager '
          + 'appends a random suffix to each secret ARN, so the exact ARNs are not known before the secrets exist.',
      });
    }
    this.grantOnce('secrets', [
      'secretsmanager:CreateSecret', 'secretsmanager:PutSecretValue', 'secretsmanager:DescribeSecret',
      'secretsmanager:UpdateSecret', 'secretsmanager:RestoreSecret', 'secretsmanager:DeleteSecret', 'secretsmanager:TagResource',
    ], [secrets]);
    this.grantOnce(`key:${key.keyArn}`, ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:Encrypt'], [key.keyArn]);
  }

  /** Lets the provider read back the secrets it stored under its prefix (registration access tokens). */
  public grantReadOwnSecrets(): void {
    this.grantOnce('read-own', ['secretsmanager:GetSecretValue'], [this.ownSecretsArn()]);
  }

  /** Lets the provider read a secret of the user's (e.g. an initial access token), and decrypt it. */
  public grantReadSecret(secret: secretsmanager.ISecret): void {
    this.grantOnce(`read:${secret.secretArn}`, ['secretsmanager:GetSecretValue'], [secret.secretFullArn ?? `${secret.secretArn}-??????`]);
    if (secret.encryptionKey) {
      this.grantOnce(`decrypt:${secret.encryptionKey.keyArn}`, ['kms:Decrypt'], [secret.encryptionKey.keyArn]);
    }
  }

  /** Lets the provider read the public half of a client's signing key. */
  public grantGetPublicKey(key: kms.IKey): void {
    this.grantOnce(`public-key:${key.keyArn}`, ['kms:GetPublicKey'], [key.keyArn]);
  }

  private ownSecretsArn(): string {
    return Stack.of(this).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${this.secretNamePrefix}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  private grantOnce(key: string, actions: string[], resources: string[]): void {
    if (this.granted.has(key)) return;
    this.granted.add(key);
    this.policy.addStatements(new iam.PolicyStatement({ actions, resources }));
  }
}
