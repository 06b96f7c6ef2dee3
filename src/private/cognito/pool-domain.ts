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

/** Whether any stack of the app has a domain of this user pool (an `AWS::Cognito::UserPoolDomain` naming it). */
function hasDomainInApp(userPool: cognito.IUserPool): boolean {
  return userPool.node.root.node.findAll().some((c) => c instanceof cognito.CfnUserPoolDomain && c.userPoolId === userPool.userPoolId);
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
  if (!(userPool.node.defaultChild instanceof cognito.CfnUserPool)) return;
  let clients = CLIENTS_WITHOUT_DOMAIN.get(userPool);
  if (clients === undefined) {
    const declared: ClientWithoutDomain[] = [];
    CLIENTS_WITHOUT_DOMAIN.set(userPool, declared);
    Aspects.of(userPool).add({
      visit: (node) => {
        if (node !== userPool || hasDomainInApp(userPool)) return;
        for (const { client: c, where } of declared) {
          Annotations.of(c).addWarningV2('cdk-oauth-clients:user-pool-without-domain',
            `${where}: user pool '${userPool.node.path}' has no domain in this app, and Cognito serves the OAuth 2.0 endpoints `
            + '(/oauth2/authorize, /oauth2/token) only on a user pool domain, so the app client would be created but could get no '
            + "token. Add a domain and give it to the server: const domain = userPool.addDomain('Domain', { cognitoDomain: "
            + "{ domainPrefix: '<prefix>' } }); AuthorizationServer.cognito(userPool, { domain }). If the pool has a domain made "
            + 'outside this app, acknowledge this warning.');
        }
      },
    });
    clients = declared;
  }
  clients.push({ client, where: `${constructName} '${client.node.path}'` });
}
