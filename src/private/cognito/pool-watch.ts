import { Aspects } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { poolIdNames } from './pool-id';

/** What a scope of the app (a stack, or the whole app) has of a user pool's resources, raw or L2, at any depth. */
export interface PoolResources {
  readonly resourceServers: readonly cognito.CfnUserPoolResourceServer[];
  readonly identityProviders: readonly cognito.CfnUserPoolIdentityProvider[];
  readonly domains: readonly cognito.CfnUserPoolDomain[];
  /** The app client IDs that a managed login style (`AWS::Cognito::ManagedLoginBranding`) names (an ID tells its pool). */
  readonly styledClientIds: ReadonlySet<string>;
}

/**
 * What is judged of a client once the app is built, given its pool's resources in a scope (a stack, or the app's
 * root). Each scope is looked at once per pool, whatever the number of its clients.
 */
export type PoolJudge = (resourcesIn: (scope: IConstruct) => PoolResources) => void;

/**
 * Whether the user pool is defined in this app (not imported from elsewhere): only then does the app hold all of its
 * domains, resource servers and identity providers, so that what a client of it names can be judged against them.
 */
export function definedInApp(userPool: cognito.IUserPool): boolean {
  return userPool.node.defaultChild instanceof cognito.CfnUserPool;
}

/** Per user pool of the app, what is judged of its clients once the app is built. */
const JUDGES = new WeakMap<cognito.IUserPool, PoolJudge[]>();

/**
 * Judges something of a client of this user pool once the app is built, so that a resource of the pool added after
 * the client counts. One aspect per pool runs every judge of its clients, with one look at each scope: a look per
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
      const looked = new Map<IConstruct, PoolResources>();
      const resourcesIn = (scope: IConstruct): PoolResources => {
        const found = looked.get(scope) ?? poolResources(userPool, scope);
        looked.set(scope, found);
        return found;
      };
      for (const j of all) j(resourcesIn);
    },
  });
}

function poolResources(userPool: cognito.IUserPool, scope: IConstruct): PoolResources {
  const poolIds = poolIdNames(userPool);
  const all = scope.node.findAll();
  const ofPool = <T extends { userPoolId: string }>(type: abstract new (...args: any[]) => T): T[] =>
    all.filter((c): c is IConstruct & T => c instanceof type && poolIds.includes(c.userPoolId));
  return {
    resourceServers: ofPool(cognito.CfnUserPoolResourceServer),
    identityProviders: ofPool(cognito.CfnUserPoolIdentityProvider),
    domains: ofPool(cognito.CfnUserPoolDomain),
    styledClientIds: new Set(all.flatMap((c) => (c instanceof cognito.CfnManagedLoginBranding && c.clientId !== undefined ? [c.clientId] : []))),
  };
}
