import { Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Dependable, IConstruct, IDependable } from 'constructs';
import { poolIdNames } from './pool-id';
import { customScope, isResourceServerOf } from './resource-server-scope';

/**
 * What an app client must wait for in its user pool. Cognito refuses an app client that names a scope or an
 * identity provider that does not exist yet, and CloudFormation would otherwise create them at once. The resources
 * are found when the app is prepared, so one added after the client counts too. A name given as a token (a
 * reference to the resource) already orders the two, so it is not matched here.
 */
function poolResources(client: IConstruct, wanted: (c: IConstruct) => boolean): IDependable {
  const dependable: IDependable = {};
  Dependable.implement(dependable, {
    get dependencyRoots(): IConstruct[] {
      return Stack.of(client).node.findAll().filter(wanted);
    },
  });
  return dependable;
}

/** The resource servers of this user pool, in the client's stack, that define the custom scopes the client asks for. */
export function resourceServersOf(client: IConstruct, userPool: cognito.IUserPool, scopes: readonly string[]): IDependable | undefined {
  const identifiers = new Set(scopes.map((scope) => customScope(scope)?.identifier).filter((i): i is string => i !== undefined));
  if (identifiers.size === 0) return undefined;
  const poolIds = poolIdNames(userPool);
  return poolResources(client, (c) => isResourceServerOf(c, poolIds) && identifiers.has(c.identifier));
}

/** The identity providers of this user pool, in the client's stack, that the client names (`COGNITO` is the pool's own). */
export function identityProvidersOf(client: IConstruct, userPool: cognito.IUserPool, names: readonly string[]): IDependable | undefined {
  const wanted = new Set(names.filter((name) => name !== 'COGNITO' && !Token.isUnresolved(name)));
  if (wanted.size === 0) return undefined;
  const poolIds = poolIdNames(userPool);
  return poolResources(client, (c) => c instanceof cognito.CfnUserPoolIdentityProvider
    && poolIds.includes(c.userPoolId) && wanted.has(c.providerName));
}
