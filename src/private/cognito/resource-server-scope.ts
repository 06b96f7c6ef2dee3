import { Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';

/**
 * A resource server's scope as a client names it, `identifier/name` (the identifier may itself hold a `/`, as a URL
 * does; a scope name cannot). Cognito's other scopes are its built-in ones. A scope that is a token is not judged.
 */
export function customScope(scope: string): { readonly identifier: string; readonly name: string } | undefined {
  const slash = scope.lastIndexOf('/');
  return slash > 0 && !Token.isUnresolved(scope) ? { identifier: scope.slice(0, slash), name: scope.slice(slash + 1) } : undefined;
}

/** Whether a construct is a resource server of the user pool these are the ID's names of (`poolIdNames`), in any stack. */
export function isResourceServerOf(c: IConstruct, poolIds: readonly string[]): c is cognito.CfnUserPoolResourceServer {
  return c instanceof cognito.CfnUserPoolResourceServer && poolIds.includes(c.userPoolId);
}
