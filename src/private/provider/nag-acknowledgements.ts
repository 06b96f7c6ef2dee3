import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** The provider's parts that cdk-nag's compliance packs judge. */
export interface ProviderParts {
  readonly function: IConstruct;
  readonly logGroup: IConstruct;
  readonly policy: IConstruct;
}

/** A finding of cdk-nag's packs on the provider, which packs report it, and why it stands. */
interface Acknowledgement {
  readonly part: keyof ProviderParts;
  readonly rule: string;
  readonly packs: readonly string[];
  readonly reason: string;
}

const NIST_R4 = 'NIST.800.53.R4';
const NIST_R5 = 'NIST.800.53.R5';
const HIPAA = 'HIPAA.Security';
const PCI = 'PCI.DSS.321';
const SERVERLESS = 'Serverless';

/**
 * The findings cdk-nag's NIST 800-53 (R4, R5), HIPAA Security, PCI DSS 3.2.1 and Serverless packs report on the
 * provider, each with the reason it stands. AwsSolutions reports none of these.
 */
const ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [
  {
    part: 'logGroup',
    rule: 'CloudWatchLogGroupEncrypted',
    packs: [NIST_R4, NIST_R5, HIPAA, PCI],
    reason: 'The provider logs no secret, token or private key (its tests hold it to that), and CloudWatch Logs encrypts the '
      + 'log group at rest with keys it manages. A KMS key of its own would add a key to every stack.',
  },
  {
    part: 'policy',
    rule: 'IAMNoInlinePolicy',
    packs: [NIST_R4, NIST_R5, HIPAA, PCI],
    reason: 'The policy belongs to the provider\'s own role, is attached to that role only, and names the exact secrets and '
      + 'keys of the stack; the grants that grow with the clients and servers (on user pools, the clients\' own keys and the '
      + 'initial access tokens) are in managed policies.',
  },
  {
    part: 'function',
    rule: 'LambdaConcurrency',
    packs: [NIST_R5, HIPAA],
    reason: 'CloudFormation invokes the provider once per custom resource operation of the stack. Reserved concurrency would '
      + 'come out of the account\'s unreserved concurrency, and deploying to an account at its minimum would fail.',
  },
  {
    part: 'function',
    rule: 'LambdaDLQ',
    packs: [NIST_R5, HIPAA, SERVERLESS],
    reason: 'CloudFormation invokes the provider asynchronously: Lambda retries a failed invocation twice, and the stack '
      + 'operation reports the failure. A queued event could not change the outcome: its stack operation has ended by then.',
  },
  {
    part: 'function',
    rule: 'LambdaInsideVPC',
    packs: [NIST_R4, NIST_R5, HIPAA, PCI],
    reason: 'The provider calls AWS APIs and the authorization server. A server reachable only from a VPC places it there '
      + '(AuthorizationServer.dynamicRegistration({ vpc })).',
  },
  {
    part: 'function',
    rule: 'LambdaTracing',
    packs: [SERVERLESS],
    reason: 'The provider runs only during deployments and logs each step; X-Ray tracing would add permissions and cost '
      + 'without a signal a deployment needs.',
  },
];

/**
 * Acknowledges, on the provider's parts, the findings of cdk-nag's compliance packs that stand by design, with their
 * reasons (the metadata aws-cdk-lib's `Validations.acknowledge` writes, which cdk-nag reads).
 */
export function acknowledgeNagFindings(parts: ProviderParts): void {
  for (const part of Object.keys(parts) as (keyof ProviderParts)[]) acknowledgeAs(part, parts[part]);
}

/** Acknowledges on the construct the findings that stand on a part of its kind (another policy of the role, say). */
export function acknowledgeAs(part: keyof ProviderParts, construct: IConstruct): void {
  const entries = ACKNOWLEDGEMENTS.filter((a) => a.part === part)
    .flatMap((a) => a.packs.map((pack) => [`${pack}-${a.rule}`, a.reason] as const));
  construct.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, Object.fromEntries(entries));
}
