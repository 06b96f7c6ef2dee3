import { Annotations, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { definedInApp, whenAppBuilt } from './pool-watch';

/**
 * The names of federated identity providers among those a client names: not `COGNITO` (the pool's own directory,
 * which is no identity provider resource), nor a token (a reference to the provider, which orders and names it).
 */
export function federatedProviderNames(names: readonly string[]): string[] {
  return [...new Set(names.filter((name) => name !== 'COGNITO' && !Token.isUnresolved(name)))];
}

/**
 * Warns, once the app is built, about each identity provider a client of a pool of this app names that no identity
 * provider of the pool in the app has (a typo: `Gogle`): Cognito refuses an app client that names a provider its pool
 * does not have ("The provider ... does not exist for User Pool"). Names are matched exactly, as the app client's wait
 * for its providers matches them. It may have been made outside the app, so this is a warning, to acknowledge then.
 * Pools imported from elsewhere, names that are tokens, and pools with a provider whose name is a token are not judged.
 */
export function checkIdentityProviders(client: IConstruct, constructName: string, userPool: cognito.IUserPool, names: readonly string[]): void {
  if (!definedInApp(userPool)) return;
  const asked = federatedProviderNames(names);
  if (asked.length === 0) return;
  whenAppBuilt(userPool, (resourcesIn) => {
    const providers = resourcesIn(userPool.node.root).identityProviders.map((p) => p.providerName);
    if (providers.some((name) => Token.isUnresolved(name))) return;
    const theirs = providers.length === 0 ? `user pool '${userPool.node.path}' has no identity provider in this app`
      : `the identity providers of user pool '${userPool.node.path}' in this app are ${[...new Set(providers)].map((n) => `'${n}'`).join(', ')}`;
    for (const name of asked.filter((n) => !providers.includes(n))) {
      Annotations.of(client).addWarningV2('cdk-oauth-clients:undefined-identity-provider',
        `${constructName} '${client.node.path}': identityProviders names '${name}', but ${theirs}, and Cognito refuses an app client `
        + 'that names a provider its pool does not have. Check the name for a typo, or add the provider (a UserPoolIdentityProvider '
        + 'with that providerName); if the pool has it from outside this app, acknowledge this warning.');
    }
  });
}
