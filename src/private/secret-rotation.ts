import { Duration } from 'aws-cdk-lib';
import { ClientRegistration } from '../client-registration';
import { TokenEndpointAuthMethod } from '../token-endpoint-auth-method';
import { SHARED_SECRET_METHODS } from './engine/rule';

/**
 * The schedule expression of a client secret's rotation (undefined without one), or an error naming the construct,
 * what was given and what to give. Secrets Manager rotates every 4 to 23 hours, or every 1 to 1,000 days.
 *
 * @param where what and which construct, for the errors (`ConfidentialClient 'App/Billing'`)
 * @param method the client's token endpoint auth method, when it is known (a method without a secret is refused)
 * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html
 */
export function rotationScheduleExpression(where: string, rotation: Duration | undefined, method?: TokenEndpointAuthMethod): string | undefined {
  if (rotation === undefined) return undefined;
  if (method && !SHARED_SECRET_METHODS.includes(method.value)) {
    throw new Error(`${where}: secretRotation rotates the client secret, but tokenEndpointAuthMethod is ${method.value}, which has none. `
      + 'Remove secretRotation.');
  }
  if (rotation.isUnresolved()) {
    throw new Error(`${where}: secretRotation is ${rotation.toHumanString()}, a value known only at deployment, but the rotation schedule is `
      + 'judged and written at synth. Give a literal number of hours or days, such as Duration.days(30).');
  }
  const hours = rotation.toHours({ integral: false });
  if (Number.isInteger(hours) && hours >= 4 && hours <= 23) return `rate(${hours} hours)`;
  const days = hours / 24;
  if (Number.isInteger(days) && days >= 1 && days <= 1000) return days === 1 ? 'rate(1 day)' : `rate(${days} days)`;
  throw new Error(`${where}: secretRotation is ${rotation.toHumanString()}, but Secrets Manager rotates a secret every 4 to 23 hours `
    + 'or every 1 to 1,000 days. Give a whole number of hours or days in that range, such as Duration.days(30).');
}

/**
 * Refuses a client whose backend did not rotate the secret it was asked to (a backend of the user's own that ignores
 * `secretRotation`): it would otherwise deploy a secret that never rotates.
 *
 * @param where what and which construct, for the error (`ConfidentialClient 'App/Billing'`)
 * @param kind the backend's kind, to name it
 */
export function assertRotated(where: string, rotation: Duration | undefined, registration: ClientRegistration, kind: string): void {
  if (rotation === undefined || registration.rotatesSecret === true) return;
  throw new Error(`${where}: secretRotation is ${rotation.toHumanString()}, but its authorization server (kind '${kind}') did not `
    + 'say it rotates the client secret: the ClientRegistration its registerClient() returned has no rotatesSecret: true. '
    + 'Remove secretRotation and rotate the secret as that server allows, or have the backend rotate it and return rotatesSecret: true.');
}
