import { Annotations as CdkAnnotations, App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { cognitoStack } from './helpers';
import { ApplicationType, AuthorizationServer, ConfidentialClient, GrantType, IAuthorizationServer, PublicClient } from '../../src';

/**
 * Cognito serves the OAuth 2.0 endpoints only on a user pool domain: a client of a pool of the app that has none
 * would be created, but could get no token.
 */

const WARNING = 'cdk-oauth-clients:user-pool-without-domain';

/** The warnings of a stack with this ID, by construct path. */
function warningsOf(stack: Stack, id: string): Record<string, string> {
  return Object.fromEntries(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(id)).map((w) => [w.id, String(w.entry.data)]));
}

const domainWarnings = (stack: Stack) => warningsOf(stack, WARNING);

/** GIVEN a web app, a machine-to-machine client and a native app on a server. */
function threeClients(stack: Stack, server: IAuthorizationServer): void {
  new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/callback'] });
  new ConfidentialClient(stack, 'Service', {
    authorizationServer: server,
    applicationType: ApplicationType.MACHINE_TO_MACHINE,
    grantTypes: [GrantType.CLIENT_CREDENTIALS],
    scopes: ['billing/read'],
  });
  new PublicClient(stack, 'Mobile', { authorizationServer: server, applicationType: ApplicationType.NATIVE, redirectUris: ['com.example.app:/cb'] });
}

describe('a client of a user pool without a domain', () => {
  test('each client of a pool of the app with no domain is warned, with the pool, the reason and the fix', () => {
    const { stack, server } = cognitoStack();
    threeClients(stack, server);
    const warnings = domainWarnings(stack);
    expect(Object.keys(warnings).sort()).toEqual(['/Stack/Mobile', '/Stack/Service', '/Stack/Web']);
    expect(warnings['/Stack/Web']).toBe(
      "ConfidentialClient 'Stack/Web': user pool 'Stack/Pool' has no domain in this app, and Cognito serves the OAuth 2.0 endpoints "
      + '(/oauth2/authorize, /oauth2/token) only on a user pool domain, so the app client would be created but could get no token. '
      + "Add a domain and give it to the server: const domain = userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: "
      + "'<prefix>' } }); AuthorizationServer.cognito(userPool, { domain }). If the pool has a domain made outside this app, "
      + `acknowledge this warning. [ack: ${WARNING}]`);
    expect(warnings['/Stack/Mobile']).toMatch(/^PublicClient 'Stack\/Mobile': user pool 'Stack\/Pool' has no domain/);
  });

  test('the fix the warning gives clears it', () => {
    const { stack, userPool } = cognitoStack();
    const domain = userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example-auth' } });
    threeClients(stack, AuthorizationServer.cognito(userPool, { domain }));
    expect(domainWarnings(stack)).toEqual({});
  });

  test('a domain given to the server counts even when the app does not create it (imported by name)', () => {
    const { stack, userPool } = cognitoStack();
    const domain = cognito.UserPoolDomain.fromDomainName(stack, 'Domain', 'example-auth');
    threeClients(stack, AuthorizationServer.cognito(userPool, { domain }));
    expect(domainWarnings(stack)).toEqual({});
  });

  test('a domain of the pool anywhere in the app counts: not given to the server, added after the clients, in another stack, raw', () => {
    const app = new App();
    const auth = new Stack(app, 'Auth');
    const pools = ['Later', 'Elsewhere', 'Raw', 'RawByAttribute'].map((id) => new cognito.UserPool(auth, id));
    const clients = new Stack(app, 'Clients');
    pools.forEach((pool) => new PublicClient(clients, `${pool.node.id}Spa`, {
      authorizationServer: AuthorizationServer.cognito(pool),
      applicationType: ApplicationType.SINGLE_PAGE,
      redirectUris: ['https://spa.example.com/callback'],
    }));
    // WHEN each pool gets its domain after its client is declared, each in its own way
    pools[0].addDomain('Domain', { cognitoDomain: { domainPrefix: 'later' } });
    new cognito.UserPoolDomain(new Stack(app, 'Domains'), 'Domain', { userPool: pools[1], cognitoDomain: { domainPrefix: 'elsewhere' } });
    new cognito.CfnUserPoolDomain(auth, 'RawDomain', { userPoolId: (pools[2].node.defaultChild as cognito.CfnUserPool).ref, domain: 'raw' });
    new cognito.CfnUserPoolDomain(auth, 'RawDomainByAttribute', {
      userPoolId: (pools[3].node.defaultChild as cognito.CfnUserPool).attrUserPoolId, domain: 'raw-by-attribute',
    });
    expect(domainWarnings(clients)).toEqual({});
  });

  test('a domain of another pool of the app does not count', () => {
    const { stack, userPool } = cognitoStack();
    new cognito.UserPool(stack, 'Other').addDomain('Domain', { cognitoDomain: { domainPrefix: 'other' } });
    new PublicClient(stack, 'Spa', {
      authorizationServer: AuthorizationServer.cognito(userPool),
      applicationType: ApplicationType.SINGLE_PAGE,
      redirectUris: ['https://spa.example.com/callback'],
    });
    expect(Object.keys(domainWarnings(stack))).toEqual(['/Stack/Spa']);
  });

  test('a pool imported from elsewhere is not judged: the app cannot see its domain', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    threeClients(stack, AuthorizationServer.cognito(cognito.UserPool.fromUserPoolId(stack, 'Pool', 'eu-west-1_AbCdEf123')));
    expect(domainWarnings(stack)).toEqual({});
  });

  test('the warning is acknowledged the CDK way, for every client of a stack at once', () => {
    const { stack, server } = cognitoStack();
    threeClients(stack, server);
    CdkAnnotations.of(stack).acknowledgeWarning(WARNING, 'the domain is managed by the identity team');
    expect(domainWarnings(stack)).toEqual({});
  });
});

describe('the domain given to the server', () => {
  test('a domain of another user pool of the app is refused, naming both pools and the fix', () => {
    const { stack, userPool } = cognitoStack();
    const staff = new cognito.UserPool(stack, 'Staff');
    const domain = staff.addDomain('Domain', { cognitoDomain: { domainPrefix: 'staff-auth' } });
    expect(() => AuthorizationServer.cognito(userPool, { domain })).toThrow(new Error(
      "AuthorizationServer.cognito: domain 'Stack/Staff/Domain' is a domain of user pool 'Stack/Staff', not of 'Stack/Pool', the pool of the "
      + "server's clients, so their stored credentials would name a token endpoint that does not know them. Give the domain of "
      + "'Stack/Pool' (userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: '<prefix>' } })), or make the server of 'Stack/Staff'."));
    // The same with the pool imported by its UserPoolId attribute
    const byAttribute = cognito.UserPool.fromUserPoolId(stack, 'ByAttribute', (userPool.node.defaultChild as cognito.CfnUserPool).attrUserPoolId);
    expect(() => AuthorizationServer.cognito(byAttribute, { domain })).toThrow(/is a domain of user pool 'Stack\/Staff', not of 'Stack\/Pool'/);
  });

  test('a domain of the same pool is taken however both are given: in another stack, or with the pool imported by its reference', () => {
    const app = new App();
    const auth = new Stack(app, 'Auth');
    const pool = new cognito.UserPool(auth, 'Pool');
    const elsewhere = new cognito.UserPoolDomain(new Stack(app, 'Domains'), 'Domain', { userPool: pool, cognitoDomain: { domainPrefix: 'auth' } });
    expect(() => AuthorizationServer.cognito(pool, { domain: elsewhere })).not.toThrow();
    const imported = cognito.UserPool.fromUserPoolId(new Stack(app, 'Clients'), 'Pool', pool.userPoolId);
    expect(() => AuthorizationServer.cognito(imported, { domain: elsewhere })).not.toThrow();
  });

  test('a domain or a pool the app cannot tell apart (a domain imported by name, a pool named by ID) is not judged', () => {
    const { stack, userPool } = cognitoStack();
    expect(() => AuthorizationServer.cognito(userPool, { domain: cognito.UserPoolDomain.fromDomainName(stack, 'Imported', 'auth') })).not.toThrow();
    const byId = new cognito.UserPoolDomain(stack, 'ById', {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Other', 'eu-west-1_AbCdEf123'), cognitoDomain: { domainPrefix: 'by-id' },
    });
    expect(() => AuthorizationServer.cognito(userPool, { domain: byId })).not.toThrow();
    const poolById = cognito.UserPool.fromUserPoolId(stack, 'PoolById', 'eu-west-1_XyZ987654');
    expect(() => AuthorizationServer.cognito(poolById, { domain: userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'auth' } }) })).not.toThrow();
  });
});

describe('a client on a domain with managed login', () => {
  const STYLE = 'cdk-oauth-clients:managed-login-without-style';

  const styleWarnings = (stack: Stack) => warningsOf(stack, STYLE);

  test('each client that signs users in is warned until it has a style; a machine-to-machine client is not', () => {
    const { stack, userPool } = cognitoStack();
    const domain = userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'auth' }, managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN });
    threeClients(stack, AuthorizationServer.cognito(userPool, { domain }));
    const warnings = styleWarnings(stack);
    expect(Object.keys(warnings).sort()).toEqual(['/Stack/Mobile', '/Stack/Web']);
    expect(warnings['/Stack/Web']).toBe(
      "ConfidentialClient 'Stack/Web': user pool 'Stack/Pool' has a domain with managed login (ManagedLoginVersion 2), which shows its sign-in "
      + 'pages for an app client only once the client has a style, and no ManagedLoginBranding of this app names this client, so users would '
      + "get 'Login pages unavailable'. Give it one: new cognito.CfnManagedLoginBranding(this, 'Style', { userPoolId: userPool.userPoolId, "
      + 'clientId: client.clientId, useCognitoProvidedValues: true }). If the client has a style made outside this app, acknowledge this '
      + `warning. [ack: ${STYLE}]`);
    expect(Object.keys(domainWarnings(stack))).toEqual([]);
  });

  test('the fix the warning gives clears it, in any stack, and a domain found in the app (not given to the server) counts', () => {
    const app = new App();
    const auth = new Stack(app, 'Auth');
    const userPool = new cognito.UserPool(auth, 'Pool');
    new cognito.UserPoolDomain(auth, 'Domain', { userPool, cognitoDomain: { domainPrefix: 'auth' }, managedLoginVersion: 2 });
    const clients = new Stack(app, 'Clients');
    threeClients(clients, AuthorizationServer.cognito(userPool));
    const web = clients.node.findChild('Web') as ConfidentialClient;
    new cognito.CfnManagedLoginBranding(new Stack(app, 'Styles'), 'Style', {
      userPoolId: userPool.userPoolId, clientId: web.clientId, useCognitoProvidedValues: true,
    });
    expect(Object.keys(styleWarnings(clients))).toEqual(['/Clients/Mobile']);
  });

  test('the classic hosted UI (version 1 or none), a version the deployment decides, and an imported domain ask for no style', () => {
    const app = new App();
    const cases: Array<[string, (stack: Stack, pool: cognito.UserPool) => cognito.IUserPoolDomain]> = [
      ['Classic', (_, pool) => pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'c' }, managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI })],
      ['Unset', (_, pool) => pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'u' } })],
      ['Parameter', (stack, pool) => pool.addDomain('Domain', {
        cognitoDomain: { domainPrefix: 'p' }, managedLoginVersion: new CfnParameter(stack, 'Version', { type: 'Number' }).valueAsNumber,
      })],
      ['Imported', (stack) => cognito.UserPoolDomain.fromDomainName(stack, 'Domain', 'auth')],
    ];
    for (const [id, domain] of cases) {
      const stack = new Stack(app, id);
      const userPool = new cognito.UserPool(stack, 'Pool');
      threeClients(stack, AuthorizationServer.cognito(userPool, { domain: domain(stack, userPool) }));
      expect([id, styleWarnings(stack)]).toEqual([id, {}]);
    }
  });

  test('the warning is acknowledged the CDK way', () => {
    const { stack, userPool } = cognitoStack();
    const domain = userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'auth' }, managedLoginVersion: 2 });
    threeClients(stack, AuthorizationServer.cognito(userPool, { domain }));
    CdkAnnotations.of(stack).acknowledgeWarning(STYLE, 'styles are made by the branding team');
    expect(styleWarnings(stack)).toEqual({});
  });
});
