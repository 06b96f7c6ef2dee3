import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';
import { awsError } from './fake-secrets-manager';

/** The stack ID the registration tests send with every request. */
export const TEST_STACK_ID = 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Stack/guid';

/**
 * CloudFormation's DescribeStacks, as far as the provider asks it: a stack by ID, with its status. A stack it does not
 * know is refused with ValidationError, and a caller without cloudformation:DescribeStacks with AccessDenied (the codes
 * of CloudFormation's query protocol).
 */
export class FakeCloudFormation {
  /** The status of each stack, by stack ID. */
  public readonly statuses = new Map<string, string>([[TEST_STACK_ID, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS']]);
  /** Whether IAM refuses the caller DescribeStacks (a role without the grant). */
  public denied = false;
  public readonly mock: AwsStub<any, any, any>;

  constructor() {
    this.mock = mockClient(CloudFormationClient);
    this.mock.on(DescribeStacksCommand).callsFake((input) => {
      if (this.denied) {
        throw awsError('AccessDenied', 'User: arn:aws:sts::123456789012:assumed-role/provider/fn is not authorized to perform: '
          + `cloudformation:DescribeStacks on resource: ${input.StackName} because no identity-based policy allows the cloudformation:DescribeStacks action`);
      }
      const status = this.statuses.get(input.StackName);
      if (!status) throw awsError('ValidationError', `Stack with id ${input.StackName} does not exist`);
      return { Stacks: [{ StackId: input.StackName, StackName: input.StackName.split('/')[1], StackStatus: status, CreationTime: new Date(0) }] };
    });
  }

  /** How many times the stack was described. */
  public calls(): number {
    return this.mock.commandCalls(DescribeStacksCommand).length;
  }

  public restore(): void {
    this.mock.restore();
  }
}
