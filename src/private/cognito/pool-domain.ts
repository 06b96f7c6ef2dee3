import { Annotations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { resourceIdNames } from './pool-id';
import { definedInApp, whenAppBuilt } from './pool-watch';

/** The user pool of the app whose ID this is (its L2 construct where it has one), if the app has it. */
function appPoolOf(scope: IConstruct, userPoolId: string): IConstruct | undefined {
  const pool = scope.node.root.node.findAll()
    .find((c): c is cognito.CfnUserPool => c instanceof cognito.CfnUserPool && resourceIdNames(c).includes(userPoolId));
  return pool?.node.scope instanceof cognito.UserPool ? pool.node.scope : pool;
}

/**
 * Refuses a domain of another user pool of the app, which the stored credentials of the server's clients would name
 * as their token endpoint (where their client IDs are unknown), and which would hide that their own pool has none.
 * Only a domain whose pool is known to be another pool of the app is refused: a domain imported by name, or one that
 * names its pool by an ID the app cannot tell apart (a literal, a parameter, an import), is taken as given.
 */
export function refuseDomainOfAnotherPool(userPool: cognito.IUserPool, domain: cognito.IUserPoolDomain): void {
  const resource = domain.node.defaultChild;
  // The usual case, the pool's own domain, is told without looking at the app.
  if (!(resource instanceof cognito.CfnUserPoolDomain) || resource.userPoolId === userPool.userPoolId) return;
  const [domainPool, serverPool] = [appPoolOf(domain, resource.userPoolId), appPoolOf(domain, userPool.userPoolId)];
  if (domainPool === undefined || serverPool === undefined) return;
  const [of, not] = [domainPool.node.path, serverPool.node.path];
  throw new Error(`AuthorizationServer.cognito: domain '${domain.node.path}' is a domain of user pool '${of}', not of '${not}', the pool of the `
    + "server's clients, so their stored credentials would name a token endpoint that does not know them. Give the domain of "
    + `'${not}' (userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: '<prefix>' } })), or make the server of '${of}'.`);
}

/**
 * Judges, once the app is built, what a user pool's domains ask of its clients (a pool imported from elsewhere,
 * whose domains the app cannot see, is not judged). Each is a warning, not an error, since what is made outside the
 * app (in the console) counts too:
 * - Cognito serves the OAuth 2.0 endpoints (`/oauth2/authorize`, `/oauth2/token`) only on a user pool domain, so a
 *   client of a pool with no domain in the app, and none given to its server, would be created but could get no
 *   token. A domain added after the client counts, in any stack.
 * - A domain with managed login (`ManagedLoginVersion: 2`) shows its sign-in pages for an app client only once the
 *   client has a style: without one, users who sign in through the client get "Login pages unavailable".
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/federation-endpoints.html
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-branding.html
 */
export function checkPoolDomain(client: IConstruct, constructName: string, userPool: cognito.IUserPool, options: {
  /** The app client's ID (its Ref), as a managed login style names it. */
  readonly clientId: string;
  /** Whether a domain was given to the client's server (then a domain is not asked of the app). */
  readonly domainGiven: boolean;
  /** Whether users sign in through the client (authorization_code or implicit): then managed login serves it. */
  readonly signsIn: boolean;
}): void {
  if (!definedInApp(userPool)) return;
  const where = `${constructName} '${client.node.path}'`;
  whenAppBuilt(userPool, (resourcesIn) => {
    const { domains, styledClientIds } = resourcesIn(userPool.node.root);
    if (domains.length === 0 && !options.domainGiven) {
      Annotations.of(client).addWarningV2('cdk-oauth-clients:user-pool-without-domain',
        `${where}: user pool '${userPool.node.path}' has no domain in this app, and Cognito serves the OAuth 2.0 endpoints `
          + '(/oauth2/authorize, /oauth2/token) only on a user pool domain, so the app client would be created but could get no '
          + "token. Add a domain and give it to the server: const domain = userPool.addDomain('Domain', { cognitoDomain: "
          + "{ domainPrefix: '<prefix>' } }); AuthorizationServer.cognito(userPool, { domain }). If the pool has a domain made "
          + 'outside this app, acknowledge this warning.');
    }
    if (domains.some((d) => d.managedLoginVersion === 2) && options.signsIn && !styledClientIds.has(options.clientId)) {
      Annotations.of(client).addWarningV2('cdk-oauth-clients:managed-login-without-style',
        `${where}: user pool '${userPool.node.path}' has a domain with managed login (ManagedLoginVersion 2), which shows its `
          + 'sign-in pages for an app client only once the client has a style, and no ManagedLoginBranding of this app names this '
          + "client, so users would get 'Login pages unavailable'. Give it one: new cognito.CfnManagedLoginBranding(this, 'Style', "
          + '{ userPoolId: userPool.userPoolId, clientId: client.clientId, useCognitoProvidedValues: true }). If the client has a '
          + 'style made outside this app, acknowledge this warning.');
    }
  });
}
