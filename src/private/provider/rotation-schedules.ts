import { CfnResource, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { IConstruct } from 'constructs';
import { rotationRefusal } from '../grant-credentials';

function isRotationSchedule(construct: IConstruct): construct is secretsmanager.CfnRotationSchedule {
  return CfnResource.isCfnResource(construct) && construct.cfnResourceType === secretsmanager.CfnRotationSchedule.CFN_RESOURCE_TYPE_NAME;
}

/**
 * The refusal of each rotation schedule declared on one of a stack's client secrets directly (`new
 * secretsmanager.RotationSchedule`, or its L1, in any stack of the app), which the secret's own `addRotationSchedule`
 * would have refused. A schedule is known by the secret's ARN token, or in the secrets' stack by the reference it
 * resolves to (an ARN written by hand). The ARNs are resolved only when the app has a rotation schedule.
 *
 * @param provider the stack's provider (its stack is the secrets')
 * @param secrets the stack's client secrets
 * @param own the schedules the provider itself runs (a client's `secretRotation`)
 */
export function rotationSchedulesOn(
  provider: IConstruct, secrets: readonly secretsmanager.ISecret[], own: ReadonlySet<secretsmanager.CfnRotationSchedule>,
): string[] {
  const schedules = secrets.length === 0 ? [] : provider.node.root.node.findAll().filter(isRotationSchedule).filter((c) => !own.has(c));
  if (schedules.length === 0) return [];
  const stack = Stack.of(provider);
  const byToken = new Map(secrets.map((secret) => [secret.secretArn, secret.node.path]));
  const byReference = new Map(secrets.map((secret) => [JSON.stringify(stack.resolve(secret.secretArn)), secret.node.path]));
  return schedules.flatMap((schedule) => {
    const secret = byToken.get(schedule.secretId)
      ?? (Stack.of(schedule) === stack ? byReference.get(JSON.stringify(stack.resolve(schedule.secretId))) : undefined);
    return secret ? [rotationRefusal(`Rotation schedule '${schedule.node.path}'`, `the client secret '${secret}'`)] : [];
  });
}
