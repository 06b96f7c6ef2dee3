import { Annotations, Aspects } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';

/** A client declared on a user pool of this app without the pool's domain, and how its messages name it. */
interface ClientWithoutDomain {
  readonly client: IConstruct;
  readonly where: string;
}

/** Per user pool of the app, its clients declared without its domain; the pool is looked at once, for all of them. */
const CLIENTS_WITHOUT_DOMAIN = new WeakMap<cognito.IUserPool, ClientWithoutDomain[]>();

/** How a template names a user pool resource's ID: its `Ref`, or its `UserPoolId` attribute. */
function namesOf(pool: cognito.CfnUserPool): string[] {
  return [pool.ref, pool.attrUserPoolId];
}

/** Whether any stack of the app has a domain of this user pool (an `AWS::Cognito::UserPoolDomain` naming it). */
function hasDomainInApp(userPool: cognito.IUserPool, resource: cognito.CfnUserPool): boolean {
  const names = [userPool.userPoolId, ...namesOf(resource)];
  return userPool.node.root.node.findAll().some((c) => c instanceof cognito.CfnUserPoolDomain && names.includes(c.userPoolId));
}

/** The user pool of the app whose ID this is (its L2 construct where it has one), if the app has it. */
function appPoolOf(scope: IConstruct, userPoolId: string): IConstruct | undefined {
  const pool = scope.node.root.node.findAll()
    .find((c): c is cognito.CfnUserPool => c instanceof cognito.CfnUserPool && namesOf(c).includes(userPoolId));
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
 * Warns, once the app is built, about each client of a user pool of this app that has no domain anywhere in the app.
 * Cognito serves the OAuth 2.0 endpoints (`/oauth2/authorize`, `/oauth2/token`) only on a user pool domain, so
 * CloudFormation creates such an app client, but it can get no token. A domain added after the client counts, in any
 * stack. A pool imported from elsewhere, whose domain the app cannot see, is not judged. It is a warning, not an
 * error: a domain made outside the app (in the console) serves the clients too.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/federation-endpoints.html
 */
export function warnIfPoolHasNoDomain(client: IConstruct, constructName: string, userPool: cognito.IUserPool): void {
  const resource = userPool.node.defaultChild;
  if (!(resource instanceof cognito.CfnUserPool)) return;
  const declared = CLIENTS_WITHOUT_DOMAIN.get(userPool) ?? watch(userPool, resource);
  declared.push({ client, where: `${constructName} '${client.node.path}'` });
}

/** Starts the list of a pool's clients without its domain, which are warned about once the app is built if it has none. */
function watch(userPool: cognito.IUserPool, resource: cognito.CfnUserPool): ClientWithoutDomain[] {
  const declared: ClientWithoutDomain[] = [];
  CLIENTS_WITHOUT_DOMAIN.set(userPool, declared);
  Aspects.of(userPool).add({
    visit: (node) => {
      if (node !== userPool || hasDomainInApp(userPool, resource)) return;
      for (const { client, where } of declared) {
        Annotations.of(client).addWarningV2('cdk-oauth-clients:user-pool-without-domain',
          `${where}: user pool '${userPool.node.path}' has no domain in this app, and Cognito serves the OAuth 2.0 endpoints `
          + '(/oauth2/authorize, /oauth2/token) only on a user pool domain, so the app client would be created but could get no '
          + "token. Add a domain and give it to the server: const domain = userPool.addDomain('Domain', { cognitoDomain: "
          + "{ domainPrefix: '<prefix>' } }); AuthorizationServer.cognito(userPool, { domain }). If the pool has a domain made "
          + 'outside this app, acknowledge this warning.');
      }
    },
  });
  return declared;
}
