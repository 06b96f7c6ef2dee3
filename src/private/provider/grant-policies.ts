import { createHash } from 'crypto';
import { Aspects, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct, IDependable } from 'constructs';

/**
 * How many grants (an ARN with a set of actions) one managed policy of the provider holds. A statement per client's
 * key in the role's own policy would pass IAM's 10,240 characters for a role's inline policies at about 70
 * `private_key_jwt` clients in a stack, or about 50 clients with a `secretEncryptionKey` each, and a statement per user
 * pool at about 25 pools whose clients rotate their secrets; a managed policy holds 6,144, and a key or user pool ARN
 * takes up to ~90 of them (a long region and partition). A role takes 10 managed policies, 600 grants: more than the
 * clients a stack of 500 resources can hold (two resources each).
 */
const GRANTS_PER_POLICY = 60;

/** What a set of managed policies holds grants on, for their construct IDs and descriptions. */
export interface GrantPoliciesOptions {
  /** The construct ID of each policy, before its number (`KeyGrants` makes `KeyGrants1`, `KeyGrants2`...). */
  readonly id: string;
  /** What the grants are on, for the description (`the clients' own KMS keys`). */
  readonly on: string;
  /**
   * The role's own policy, and how many grants it takes before managed policies hold the rest: a stack of a few user
   * pools or servers needs no managed policy, and its template stays as it was before they grew.
   *
   * @default - every grant is in a managed policy
   */
  readonly inline?: { readonly policy: iam.Policy; readonly grants: number };

  /**
   * Whether a managed policy whose grants change is replaced instead of updated: its logical ID ends in a hash of its
   * document. CloudFormation creates the new policy before it updates the resources that depend on it, and deletes the
   * old one only once the update is complete, after it deleted the resources removed with it. A grant withdrawn in a
   * deployment thus lasts as long as the resources that needed it: a client whose key changed reads its secrets under
   * the old key to move them to the new one, and a removed client reads its own to be deleted.
   *
   * @default false - each managed policy is updated in place, and a grant withdrawn from it is gone before any
   * resource is updated or deleted
   */
  readonly replacedOnChange?: boolean;
}

interface Holder {
  readonly policy: iam.Policy | iam.ManagedPolicy;
  /** One statement per set of actions, which names every ARN granted them here. */
  readonly statements: Map<string, iam.PolicyStatement>;
  /** How many grants it holds, and may hold. */
  grants: number;
  readonly capacity: number;
}

/**
 * Grants of the provider that grow with the clients and servers (on their KMS keys, user pools, initial access
 * tokens), each on the exact ARN, in the role's own policy up to a number, then in managed policies of the provider's
 * role that hold up to GRANTS_PER_POLICY grants each: the role's own policy does not grow with the clients.
 */
export class GrantPolicies {
  private readonly inline?: Holder;
  private readonly managed: Holder[] = [];
  /** The policy of each grant, by its actions and ARN. */
  private readonly policyOf = new Map<string, IDependable>();

  /**
   * @param scope the provider, which the policies are children of
   * @param role the provider's role
   */
  constructor(private readonly scope: Construct, private readonly role: iam.IRole, private readonly options: GrantPoliciesOptions) {
    if (options.inline) this.inline = { policy: options.inline.policy, statements: new Map(), grants: 0, capacity: options.inline.grants };
  }

  /** How many managed policies hold the grants. */
  public get managedPolicies(): number {
    return this.managed.length;
  }

  /**
   * Grants the actions on the resource.
   *
   * @returns the policy that holds the grant, which a resource that needs it must wait for
   */
  public grant(arn: string, actions: string[]): IDependable {
    const grant = `${actions.join(',')}:${arn}`;
    const granted = this.policyOf.get(grant);
    if (granted) return granted;
    const holder = this.inline && this.inline.grants < this.inline.capacity ? this.inline : this.lastManaged();
    let statement = holder.statements.get(actions.join(','));
    if (!statement) {
      statement = new iam.PolicyStatement({ actions });
      holder.policy.addStatements(statement);
      holder.statements.set(actions.join(','), statement);
    }
    statement.addResources(arn);
    holder.grants += 1;
    this.policyOf.set(grant, holder.policy);
    return holder.policy;
  }

  /** The last managed policy, or a new one when it is full. */
  private lastManaged(): Holder {
    const last = this.managed[this.managed.length - 1];
    if (last && last.grants < last.capacity) return last;
    const policy = new iam.ManagedPolicy(this.scope, `${this.options.id}${this.managed.length + 1}`, {
      description: `cdk-oauth-clients provider of stack ${Stack.of(this.scope).stackName}: ${this.options.on}`,
      roles: [this.role],
    });
    if (this.options.replacedOnChange) replacedOnChange(policy.node.defaultChild as iam.CfnManagedPolicy);
    const holder = { policy, statements: new Map(), grants: 0, capacity: GRANTS_PER_POLICY };
    this.managed.push(holder);
    return holder;
  }
}

/**
 * Gives the policy, once the app is built (when it holds every grant), a logical ID that ends in a hash of its document:
 * a policy whose grants change becomes a new resource, and the old one is deleted after the update.
 */
function replacedOnChange(policy: iam.CfnManagedPolicy): void {
  Aspects.of(policy).add({
    visit: (node: IConstruct) => {
      if (node !== policy) return;
      const stack = Stack.of(policy);
      const document = JSON.stringify(stack.resolve(policy.policyDocument));
      const hash = createHash('sha256').update(document).digest('hex').slice(0, 8).toUpperCase();
      policy.overrideLogicalId(`${stack.getLogicalId(policy)}${hash}`);
    },
  });
}
