import { Duration } from 'aws-cdk-lib';
import { OAuthClientOptions } from '../../oauth-client-options';

type Lifetime = 'accessTokenValidity' | 'idTokenValidity' | 'refreshTokenValidity';

/** What Cognito accepts for each token lifetime of an app client (as aws-cdk-lib's `UserPoolClient` checks it). */
const RANGES: Record<Lifetime, readonly [Duration, Duration]> = {
  accessTokenValidity: [Duration.minutes(5), Duration.days(1)],
  idTokenValidity: [Duration.minutes(5), Duration.days(1)],
  refreshTokenValidity: [Duration.minutes(60), Duration.days(3650)],
};

/**
 * The token lifetimes Cognito would refuse at deploy time: each out of its range or with a fraction of a second, and
 * an access or ID token that outlives the refresh token, with its value and the range; and a refresh-token rotation
 * grace period outside 0 to 60 whole seconds. Lifetimes that are tokens are not judged, but for their unit.
 */
export function cognitoLifetimeProblems(props: OAuthClientOptions): string[] {
  const known = (name: Lifetime) => (props[name] !== undefined && !props[name]!.isUnresolved() ? props[name] : undefined);
  const refresh = known('refreshTokenValidity');
  const problems: string[] = [];
  for (const name of Object.keys(RANGES) as Lifetime[]) {
    if (props[name]?.isUnresolved() && props[name]!.unitLabel() === 'millis') {
      problems.push(`${name} is a token in milliseconds, a unit Cognito does not take. Give it with Duration.seconds, minutes, hours or days.`);
    }
  }
  for (const name of Object.keys(RANGES) as Lifetime[]) {
    const value = known(name);
    if (value === undefined) continue;
    if (value.toMilliseconds() % 1000 !== 0) {
      problems.push(`${name} (${value.toHumanString()}): Cognito counts token lifetimes in whole seconds.`);
      continue;
    }
    const [min, rangeMax] = RANGES[name];
    const byRefresh = name !== 'refreshTokenValidity' && refresh !== undefined && refresh.toMilliseconds() < rangeMax.toMilliseconds();
    const max = byRefresh ? refresh : rangeMax;
    if (value.toMilliseconds() < min.toMilliseconds() || value.toMilliseconds() > max.toMilliseconds()) {
      const bound = byRefresh ? `${max.toHumanString()} (refreshTokenValidity)` : max.toHumanString();
      problems.push(`${name} (${value.toHumanString()}): Cognito accepts ${min.toHumanString()} to ${bound}.`);
    }
  }
  return [...problems, ...gracePeriodProblems(props.refreshTokenRotationGracePeriod)];
}

/** Cognito's RetryGracePeriodSeconds: 0 to 60 whole seconds; a token must be in seconds (Duration.seconds(param)). */
function gracePeriodProblems(grace: Duration | undefined): string[] {
  if (grace === undefined) return [];
  if (grace.isUnresolved()) {
    return grace.unitLabel() === 'seconds' ? []
      : [`refreshTokenRotationGracePeriod is a token in ${grace.unitLabel()}, but Cognito takes it in seconds. Give it with Duration.seconds.`];
  }
  const ms = grace.toMilliseconds();
  return ms % 1000 === 0 && ms <= 60_000 ? []
    : [`refreshTokenRotationGracePeriod (${grace.toHumanString()}): Cognito accepts 0 to 60 seconds, in whole seconds.`];
}
