import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { cognitoStack } from './helpers';
import {
  ApplicationType, AuthorizationServer, ConfidentialClient, ConfidentialClientProps, GrantType, IAuthorizationServer, OAuthClientOptions,
  PkceMethod, PublicClient, TokenEndpointAuthMethod,
} from '../../src';

/** Settings a client with its grants would silently drop are refused before anything is made, as OAC-081 refuses redirect URIs. */

const M2M = { applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api/read'] };
const NO_USER = "ConfidentialClient 'Stack/Worker' sets what a client with grants client_credentials would ignore:\n";

function declareWorker(stack: Stack, extra: Partial<ConfidentialClientProps>, server: IAuthorizationServer) {
  return new ConfidentialClient(stack, 'Worker', { authorizationServer: server, ...M2M, ...extra });
}

describe('a machine-to-machine client (client_credentials only)', () => {
  test.each<[string, Partial<OAuthClientOptions>, string]>([
    ['PKCE', { pkce: PkceMethod.S256 },
      'pkce (S256): PKCE protects the authorization code grant, which this client does not have, so it would be ignored. Remove pkce.'],
    ['refresh-token rotation', { refreshTokenRotation: true },
      'refreshTokenRotation (true): this client gets no refresh tokens to rotate (it has no refresh_token grant), so it would be ignored. Remove refreshTokenRotation.'],
    ['a refresh-token lifetime', { refreshTokenValidity: Duration.days(7) },
      'refreshTokenValidity (7 days): this client gets no refresh tokens (it has no refresh_token grant), so it would be ignored. Remove refreshTokenValidity.'],
    ['an ID-token lifetime', { idTokenValidity: Duration.hours(2) },
      'idTokenValidity (2 hours): ID tokens tell a client about a user who signed in, and this client signs no user in, so it would be ignored. '
      + 'Remove idTokenValidity.'],
    ['logout URIs', { logoutUris: ['https://app.example.com/bye'] },
      'logoutUris (https://app.example.com/bye): users are sent there after they sign out in the browser, where this client signs no user in (it has no '
      + 'authorization_code or implicit grant), so it would be ignored. Remove logoutUris.'],
    ['identity providers', { identityProviders: ['Google'] },
      'identityProviders (Google): users choose an identity provider when they sign in through the browser, which this client does not do (it has no '
      + 'authorization_code or implicit grant), so it would be ignored. Remove identityProviders.'],
  ])('given %s, is refused with the setting, its value and why; nothing is created', (_, extra, line) => {
    const { stack, server } = cognitoStack();
    expect(() => declareWorker(stack, extra, server)).toThrow(new Error(`${NO_USER}  ${line}`));
    expect(stack.node.findChild('Worker').node.children).toHaveLength(0);
    Template.fromStack(stack).resourceCountIs('AWS::Cognito::UserPoolClient', 0);
  });

  test('refresh-token rotation with its grace period: both are refused, the grace period because the client gets no refresh tokens', () => {
    const { stack, server } = cognitoStack();
    expect(() => declareWorker(stack, { refreshTokenRotation: true, refreshTokenRotationGracePeriod: Duration.seconds(10) }, server))
      .toThrow(new Error(`${NO_USER}`
        + '  refreshTokenRotation (true): this client gets no refresh tokens to rotate (it has no refresh_token grant), so it would be ignored. '
        + 'Remove refreshTokenRotation.\n'
        + '  refreshTokenRotationGracePeriod (10 seconds): it is for refresh-token rotation, which this client does not have (it gets no '
        + 'refresh tokens), so it would be ignored. Remove refreshTokenRotationGracePeriod.'));
  });

  test('a client_credentials client with refresh tokens still signs no user in: an ID-token lifetime is refused', () => {
    const { stack, server } = cognitoStack();
    expect(() => declareWorker(stack, {
      grantTypes: [GrantType.CLIENT_CREDENTIALS, GrantType.REFRESH_TOKEN], idTokenValidity: Duration.hours(2),
    }, server)).toThrow(new Error("ConfidentialClient 'Stack/Worker' sets what a client with grants client_credentials, refresh_token would ignore:\n"
      + '  idTokenValidity (2 hours): ID tokens tell a client about a user who signed in, and this client signs no user in, so it would be ignored. '
      + 'Remove idTokenValidity.'));
  });

  test('every such setting is named in one error, one per line', () => {
    const { stack, server } = cognitoStack();
    let message = '';
    try {
      declareWorker(stack, { pkce: PkceMethod.PLAIN, idTokenValidity: Duration.hours(2), logoutUris: ['https://app.example.com/bye'] }, server);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n').map((l) => l.split(' (')[0].trim())).toEqual([NO_USER.split(' (')[0].trim(), 'pkce', 'idTokenValidity', 'logoutUris']);
  });

  test('values that state what holds are accepted: PKCE none, no rotation, no logout URIs', () => {
    const { stack, server } = cognitoStack();
    declareWorker(stack, { pkce: PkceMethod.NONE, refreshTokenRotation: false, logoutUris: [], identityProviders: [] }, server);
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', { AllowedOAuthFlows: ['client_credentials'] });
  });

  test('on dynamic registration, pushed authorization requests not required (false) states what holds, and is accepted', () => {
    const { stack } = cognitoStack();
    const server = AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' });
    declareWorker(stack, { tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT, requirePushedAuthorizationRequests: false }, server);
    Template.fromStack(stack).resourceCountIs('Custom::OAuthClientRegistration', 1);
  });

  test('on dynamic registration, a private_key_jwt client asking for pushed authorization requests is refused before its KMS key is made', () => {
    const { stack } = cognitoStack();
    const server = AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' });
    expect(() => declareWorker(stack, {
      tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT, requirePushedAuthorizationRequests: true,
    }, server)).toThrow(new Error(`${NO_USER}  requirePushedAuthorizationRequests (true): pushed authorization requests `
      + '(RFC 9126) are for the authorization endpoint, which this client does not use (it has no authorization_code or implicit grant), so it would '
      + 'be ignored. Remove requirePushedAuthorizationRequests.'));
    expect(stack.node.findChild('Worker').node.children).toHaveLength(0);
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 0);
  });
});

describe('clients that sign users in', () => {
  test('a single-page app with the implicit grant only: PKCE would be ignored, and is refused', () => {
    const { stack, server } = cognitoStack();
    expect(() => new PublicClient(stack, 'Legacy', {
      authorizationServer: server,
      applicationType: ApplicationType.SINGLE_PAGE,
      grantTypes: [GrantType.IMPLICIT],
      redirectUris: ['https://spa.example.com/cb'],
      pkce: PkceMethod.S256,
    })).toThrow(new Error("PublicClient 'Stack/Legacy' sets what a client with grants implicit would ignore:\n"
      + '  pkce (S256): PKCE protects the authorization code grant, which this client does not have, so it would be ignored. Remove pkce.'));
  });

  test('a single-page app with the implicit grant only signs users in through the browser: logout URIs and identity providers are kept', () => {
    const { stack, server } = cognitoStack();
    new PublicClient(stack, 'Legacy', {
      authorizationServer: server,
      applicationType: ApplicationType.SINGLE_PAGE,
      grantTypes: [GrantType.IMPLICIT],
      redirectUris: ['https://spa.example.com/cb'],
      logoutUris: ['https://spa.example.com/bye'],
      identityProviders: ['COGNITO'],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['implicit'], LogoutURLs: ['https://spa.example.com/bye'], SupportedIdentityProviders: ['COGNITO'],
    });
  });

  test('a Cognito web client whose refresh tokens are not rotated (refreshTokenRotation false): a rotation grace period is refused, saying so', () => {
    const { stack, server } = cognitoStack();
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server,
      grantTypes: [GrantType.AUTHORIZATION_CODE],
      redirectUris: ['https://app.example.com/cb'],
      refreshTokenRotation: false,
      refreshTokenRotationGracePeriod: Duration.seconds(10),
    })).toThrow(new Error("ConfidentialClient 'Stack/Web' sets what a client with grants authorization_code, refresh_token would ignore:\n"
      + '  refreshTokenRotationGracePeriod (10 seconds): it is for refresh-token rotation, which this client does not have (its refresh tokens '
      + 'are not rotated), so it would be ignored. Remove refreshTokenRotationGracePeriod.'));
  });

  test('on dynamic registration, a web client without the refresh_token grant: rotation would be ignored, and is refused', () => {
    const { stack } = cognitoStack();
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' }),
      grantTypes: [GrantType.AUTHORIZATION_CODE],
      redirectUris: ['https://app.example.com/cb'],
      refreshTokenRotation: true,
    })).toThrow(new Error("ConfidentialClient 'Stack/Web' sets what a client with grants authorization_code would ignore:\n"
      + '  refreshTokenRotation (true): this client gets no refresh tokens to rotate (it has no refresh_token grant), so it would be ignored. '
      + 'Remove refreshTokenRotation.'));
  });

  test('on Cognito, which issues refresh tokens with the authorization code grant, the same client may set rotation and lifetimes', () => {
    const { stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Web', {
      authorizationServer: server,
      grantTypes: [GrantType.AUTHORIZATION_CODE],
      redirectUris: ['https://app.example.com/cb'],
      refreshTokenRotation: true,
      refreshTokenValidity: Duration.days(7),
      idTokenValidity: Duration.hours(2),
      pkce: PkceMethod.S256,
      logoutUris: ['https://app.example.com/bye'],
      identityProviders: ['COGNITO'],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      RefreshTokenRotation: { Feature: 'ENABLED' },
      RefreshTokenValidity: 7 * 24 * 60,
      IdTokenValidity: 120,
      LogoutURLs: ['https://app.example.com/bye'],
    });
  });
});
