import { Aspects, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { poolIdNames } from './pool-id';

/** A user pool's resource servers and identity providers in one stack (raw or L2, in any construct of the stack). */
export interface PoolResources {
  readonly resourceServers: readonly cognito.CfnUserPoolResourceServer[];
  readonly identityProviders: readonly cognito.CfnUserPoolIdentityProvider[];
}

/**
 * What is judged of a client once the app is built, given its pool's resources by stack (each stack is looked at
 * once per pool, whatever the number of its clients).
 */
export type PoolJudge = (resourcesIn: (stack: Stack) => PoolResources) => void;

/** Per user pool of the app, what is judged of its clients once the app is built. */
const JUDGES = new WeakMap<cognito.IUserPool, PoolJudge[]>();

/**
 * Judges something of a client of this user pool once the app is built, so that a resource of the pool added after
 * the client counts. One aspect per pool runs every judge of its clients, with one look at each stack: a look per
 * client made synth time grow with the square of the clients of a stack.
 */
export function whenAppBuilt(userPool: cognito.IUserPool, judge: PoolJudge): void {
  const judges = JUDGES.get(userPool);
  if (judges) {
    judges.push(judge);
    return;
  }
  const all = [judge];
  JUDGES.set(userPool, all);
  Aspects.of(userPool).add({
    visit: (node: IConstruct) => {
      if (node !== userPool) return;
      const looked = new Map<Stack, PoolResources>();
      const resourcesIn = (stack: Stack): PoolResources => {
        const found = looked.get(stack) ?? poolResources(userPool, stack);
        looked.set(stack, found);
        return found;
      };
      for (const j of all) j(resourcesIn);
    },
  });
}

function poolResources(userPool: cognito.IUserPool, stack: Stack): PoolResources {
  const poolIds = poolIdNames(userPool);
  const all = stack.node.findAll();
  return {
    resourceServers: all.filter((c): c is cognito.CfnUserPoolResourceServer =>
      c instanceof cognito.CfnUserPoolResourceServer && poolIds.includes(c.userPoolId)),
    identityProviders: all.filter((c): c is cognito.CfnUserPoolIdentityProvider =>
      c instanceof cognito.CfnUserPoolIdentityProvider && poolIds.includes(c.userPoolId)),
  };
}
