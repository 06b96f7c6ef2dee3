import { Token } from 'aws-cdk-lib';

/**
 * A resource server's scope as a client names it, `identifier/name` (the identifier may itself hold a `/`, as a URL
 * does; a scope name cannot). Cognito's other scopes are its built-in ones. A scope that is a token is not judged.
 */
export function customScope(scope: string): { readonly identifier: string; readonly name: string } | undefined {
  const slash = scope.lastIndexOf('/');
  return slash > 0 && !Token.isUnresolved(scope) ? { identifier: scope.slice(0, slash), name: scope.slice(slash + 1) } : undefined;
}
