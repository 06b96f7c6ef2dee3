import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * How many keys one managed policy of the provider names. A statement per client's key in the role's own policy
 * would pass IAM's 10,240 characters for a role's inline policies at about 70 `private_key_jwt` clients in a stack,
 * or about 50 clients with a `secretEncryptionKey` each; a managed policy holds 6,144, and a key ARN takes up to ~90
 * of them (a long region and partition). A role takes 10 managed policies, 600 keys: more than the clients a stack of
 * 500 resources can hold (two resources each).
 */
const KEYS_PER_POLICY = 60;

/**
 * The provider's grants on keys of the clients' own (signing keys, a client's `secretEncryptionKey`), each on the key's
 * exact ARN, in managed policies of the provider's role that name up to KEYS_PER_POLICY keys each: the role's own
 * policy does not grow with the clients.
 */
export class KeyGrantPolicies {
  private readonly policies: { readonly policy: iam.ManagedPolicy; readonly statements: Map<string, iam.PolicyStatement>; keys: number }[] = [];
  /** The managed policy of each grant, by its actions and the key's ARN. */
  private readonly policyOf = new Map<string, iam.ManagedPolicy>();

  /**
   * @param scope the provider, which the policies are children of
   * @param role the provider's role
   */
  constructor(private readonly scope: Construct, private readonly role: iam.IRole) {}

  /**
   * Grants the actions on the key.
   *
   * @returns the managed policy that holds the grant, which a resource that needs it must wait for
   */
  public grant(key: kms.IKey, actions: string[]): iam.ManagedPolicy {
    const grant = `${actions.join(',')}:${key.keyArn}`;
    const granted = this.policyOf.get(grant);
    if (granted) return granted;
    let last = this.policies[this.policies.length - 1];
    if (!last || last.keys >= KEYS_PER_POLICY) {
      const policy = new iam.ManagedPolicy(this.scope, `KeyGrants${this.policies.length + 1}`, {
        description: `cdk-oauth-clients provider of stack ${Stack.of(this.scope).stackName}: the clients' own KMS keys`,
        roles: [this.role],
      });
      last = { policy, statements: new Map(), keys: 0 };
      this.policies.push(last);
    }
    let statement = last.statements.get(actions.join(','));
    if (!statement) {
      statement = new iam.PolicyStatement({ actions });
      last.policy.addStatements(statement);
      last.statements.set(actions.join(','), statement);
    }
    statement.addResources(key.keyArn);
    last.keys += 1;
    this.policyOf.set(grant, last.policy);
    return last.policy;
  }
}
