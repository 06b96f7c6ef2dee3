import { Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Dependable, IConstruct, IDependable } from 'constructs';

/** The resource-server identifier of a custom scope (`billing/read` -> `billing`); scope names cannot contain `/`. */
function identifierOf(scope: string): string | undefined {
  const slash = scope.lastIndexOf('/');
  return slash > 0 && !Token.isUnresolved(scope) ? scope.slice(0, slash) : undefined;
}

/**
 * The resource servers of this user pool, in the client's stack, that define the custom scopes the client asks for.
 * Cognito refuses an app client whose scopes do not exist yet, and CloudFormation would otherwise create both at
 * once. Found when the app is prepared, so a resource server added after the client counts too. A scope given as a
 * token (`OAuthScope.resourceServer(...).scopeName`) already orders the two through its reference.
 */
export function resourceServersOf(client: IConstruct, userPool: cognito.IUserPool, scopes: readonly string[]): IDependable | undefined {
  const identifiers = new Set(scopes.map(identifierOf).filter((i): i is string => i !== undefined));
  if (identifiers.size === 0) return undefined;
  const dependable: IDependable = {};
  Dependable.implement(dependable, {
    get dependencyRoots(): IConstruct[] {
      return Stack.of(client).node.findAll().filter((c) => c instanceof cognito.CfnUserPoolResourceServer
        && c.userPoolId === userPool.userPoolId && identifiers.has(c.identifier));
    },
  });
  return dependable;
}
