import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { definedInApp, whenAppBuilt } from './pool-watch';
import { customScope } from './resource-server-scope';

/** The resource servers given, by identifier: the names of their scopes, or undefined where the scopes are not literal. */
function definedScopes(resourceServers: readonly cognito.CfnUserPoolResourceServer[]): Map<string, Set<string> | undefined> {
  const defined = new Map<string, Set<string> | undefined>();
  for (const c of new Set(resourceServers)) {
    if (Token.isUnresolved(c.identifier)) continue;
    // A resource server declared without scopes (UserPoolResourceServer's default) defines none.
    const scopes = c.scopes === undefined ? [] : Array.isArray(c.scopes) ? c.scopes as Array<{ scopeName?: unknown }> : undefined;
    const names = scopes?.every((s) => typeof s.scopeName === 'string' && !Token.isUnresolved(s.scopeName))
      ? new Set(scopes.map((s) => s.scopeName as string)) : undefined;
    defined.set(c.identifier, names);
  }
  return defined;
}

/**
 * Checks, once the app is built, that the resource-server scopes a client of a pool of this app asks for are
 * defined: Cognito refuses an app client with a scope that does not exist (ScopeDoesNotExistException). A scope
 * name its resource server does not define is certain to fail, and fails `cdk synth`; an identifier that no
 * resource server of the pool's or the client's stack has is a warning (it may be defined elsewhere). Pools imported
 * from elsewhere, and scopes that are tokens, are not judged.
 */
export function checkResourceServerScopes(client: IConstruct, constructName: string, userPool: cognito.IUserPool, scopes: readonly string[]): void {
  if (!definedInApp(userPool)) return;
  const asked = scopes.map((scope) => ({ scope, custom: customScope(scope) })).filter((s) => s.custom !== undefined);
  if (asked.length === 0) return;
  const where = `${constructName} '${client.node.path}'`;
  // Found with the pool's other clients once the app is built, and read by the validation, which comes after.
  let errors: string[] = [];
  client.node.addValidation({ validate: () => errors });

  whenAppBuilt(userPool, (resourcesIn) => {
    const servers = definedScopes([Stack.of(userPool), Stack.of(client)].flatMap((stack) => resourcesIn(stack).resourceServers));
    errors = asked.flatMap(({ scope, custom }) => {
      const names = servers.get(custom!.identifier);
      return names && !names.has(custom!.name)
        ? [`${where}: scope '${scope}' is not defined by resource server '${custom!.identifier}' of user pool '${userPool.node.path}', `
          + `which defines ${[...names].map((n) => `'${custom!.identifier}/${n}'`).join(', ') || 'no scope'}, so CreateUserPoolClient would fail with `
          + 'ScopeDoesNotExistException. Name one of its scopes, or add the scope to the resource server.']
        : [];
    });
    for (const { scope, custom } of asked) {
      if (servers.has(custom!.identifier)) continue;
      Annotations.of(client).addWarningV2('cdk-oauth-clients:undefined-resource-server',
        `${where}: scope '${scope}' names resource server '${custom!.identifier}', which no UserPoolResourceServer of user pool `
        + `'${userPool.node.path}' in this app defines. Cognito refuses the client unless the resource server exists when it is created: `
        + 'add it (userPool.addResourceServer), or check the scope for a typo.');
    }
  });
}
