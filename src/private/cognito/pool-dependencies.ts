import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { federatedProviderNames } from './identity-provider-names';
import { whenAppBuilt } from './pool-watch';
import { customScope } from './resource-server-scope';

/**
 * Makes an app client wait for what it names in its user pool: the resource servers that define the custom scopes it
 * asks for, and the identity providers it names (`COGNITO` is the pool's own), in the client's stack. Cognito refuses
 * an app client that names a scope or an identity provider that does not exist yet, and CloudFormation would
 * otherwise create them at once. They are found once the app is built, so one added after the client counts too. A
 * name given as a token (a reference to the resource) already orders the two, so it is not matched here.
 */
export function waitForPoolResources(client: cognito.CfnUserPoolClient, userPool: cognito.IUserPool,
  named: { readonly scopes: readonly string[]; readonly identityProviders: readonly string[] }): void {
  const identifiers = new Set(named.scopes.map((scope) => customScope(scope)?.identifier).filter((i): i is string => i !== undefined));
  const providers = new Set(federatedProviderNames(named.identityProviders));
  if (identifiers.size === 0 && providers.size === 0) return;
  whenAppBuilt(userPool, (resourcesIn) => {
    const { resourceServers, identityProviders } = resourcesIn(Stack.of(client));
    for (const waitFor of [
      ...resourceServers.filter((c) => identifiers.has(c.identifier)),
      ...identityProviders.filter((c) => providers.has(c.providerName)),
    ]) {
      client.node.addDependency(waitFor);
    }
  });
}
