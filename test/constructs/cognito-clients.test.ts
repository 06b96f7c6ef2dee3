import { Annotations as CdkAnnotations, App, CfnParameter, Duration, Fn, RemovalPolicy, SecretValue, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, Node } from 'constructs';
import { cognitoStack, synthError } from './helpers';
import {
  ApplicationType, AuthorizationServer, ClientType, ConfidentialClient, ConfidentialClientProps, GrantType, IAuthorizationServer, PkceMethod,
  PublicClient, TokenEndpointAuthMethod, ValidationProfile,
} from '../../src';

describe('secure defaults per application type', () => {
  test('WEB: authorization code + refresh with rotation, a generated secret copied to Secrets Manager', () => {
    const { stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/callback'] });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      UserPoolId: { Ref: Match.stringLikeRegexp('^Pool') },
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      CallbackURLs: ['https://app.example.com/callback'],
      LogoutURLs: Match.absent(),
      SupportedIdentityProviders: ['COGNITO'],
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'ENABLED',
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 43200,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
    template.hasResourceProperties('Custom::CognitoClientSecret', {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdkOAuthClientsProviderFunction'), 'Arn'] },
      UserPoolId: { Ref: Match.stringLikeRegexp('^Pool') },
      ClientId: { Ref: Match.stringLikeRegexp('^Web') },
      SecretName: Match.stringLikeRegexp('^cdk-oauth-clients/Stack/StackWeb'),
      KmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdkOAuthClientsSecretKey'), 'Arn'] },
      RemovalPolicy: 'destroy',
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('MACHINE_TO_MACHINE: client credentials only, with its resource-server scope, no callback, no refresh', () => {
    const { stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Billing', {
      authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['billing/read'],
    });

    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['billing/read'],
      CallbackURLs: Match.absent(),
      SupportedIdentityProviders: Match.absent(),
      RefreshTokenRotation: Match.absent(),
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
    });
  });

  test.each([ApplicationType.NATIVE, ApplicationType.SINGLE_PAGE])('%s: authorization code + PKCE, refresh with rotation, no secret', (applicationType) => {
    const { stack, server } = cognitoStack();
    new PublicClient(stack, 'App', {
      authorizationServer: server,
      applicationType,
      redirectUris: [applicationType === ApplicationType.NATIVE ? 'com.example.app:/oauth2redirect' : 'https://spa.example.com/cb'],
    });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'ENABLED',
    });
    template.resourceCountIs('Custom::CognitoClientSecret', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('AWS::KMS::Key', 0);
  });

  test('never implicit, never aws.cognito.signin.user.admin, never a placeholder callback', () => {
    const { stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://a.example.com/cb'] });
    new ConfidentialClient(stack, 'M2M', { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api/x'] });
    new PublicClient(stack, 'Native', { authorizationServer: server, applicationType: ApplicationType.NATIVE, redirectUris: ['com.example.app:/cb'] });
    new PublicClient(stack, 'Spa', { authorizationServer: server, applicationType: ApplicationType.SINGLE_PAGE, redirectUris: ['https://s.example.com/cb'] });

    const clients = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(4);
    for (const client of clients) {
      expect(client.Properties.AllowedOAuthFlows).not.toContain('implicit');
      expect(client.Properties.AllowedOAuthScopes).not.toContain('aws.cognito.signin.user.admin');
      expect(JSON.stringify(client.Properties.CallbackURLs ?? [])).not.toMatch(/example\.com\/?"|localhost|placeholder/i);
    }
  });

  test('Cognito issues refresh tokens with authorization code: without refresh_token in grantTypes they are rotated all the same', () => {
    const { stack, server } = cognitoStack();
    new PublicClient(stack, 'Spa', {
      authorizationServer: server,
      applicationType: ApplicationType.SINGLE_PAGE,
      redirectUris: ['https://s.example.com/cb'],
      grantTypes: [GrantType.AUTHORIZATION_CODE],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
    });
  });

  test('...and a public client that turns their rotation off fails synth with OAC-120', () => {
    const { app, stack, server } = cognitoStack();
    new PublicClient(stack, 'Spa', {
      authorizationServer: server,
      applicationType: ApplicationType.SINGLE_PAGE,
      redirectUris: ['https://s.example.com/cb'],
      grantTypes: [GrantType.AUTHORIZATION_CODE],
      refreshTokenRotation: false,
    });
    expect(synthError(app)).toContain("[OAC-120] PublicClient 'Stack/Spa': refresh tokens for public clients MUST be sender-constrained or rotated");
  });

  test('token lifetimes, logout URLs, identity providers and the client name are passed through', () => {
    const { stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Web', {
      authorizationServer: server,
      clientName: 'web-app',
      redirectUris: ['https://app.example.com/cb'],
      logoutUris: ['https://app.example.com/'],
      identityProviders: ['Google'],
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(30),
      refreshTokenValidity: Duration.days(1),
      refreshTokenRotation: false,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'web-app',
      LogoutURLs: ['https://app.example.com/'],
      SupportedIdentityProviders: ['Google'],
      AccessTokenValidity: 15,
      IdTokenValidity: 30,
      RefreshTokenValidity: 1440,
      RefreshTokenRotation: Match.absent(),
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
    });
  });
});

describe('a client name, scopes or logout URLs Cognito would refuse are refused at synth', () => {
  test('the characters outside its pattern are named; nothing is created', () => {
    const { stack, server } = cognitoStack();
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], clientName: 'Billing (prod): web/app',
    })).toThrow(new Error("ConfidentialClient 'Stack/Web' cannot be registered by Amazon Cognito as declared:\n"
      + "  clientName 'Billing (prod): web/app' has characters Amazon Cognito refuses in an app client name: '(', ')', ':', '/'. Use letters, digits, spaces and _ + = , . @ - only (CreateUserPoolClient ClientName pattern)."));
    expect(stack.node.findChild('Web').node.children).toHaveLength(0);
  });

  test('a scope Cognito cannot have (offline_access, a typo) is refused, with why and what Cognito has; nothing is created', () => {
    const { stack, server } = cognitoStack();
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], scopes: ['openid', 'emial', 'offline_access', 'api/read', 'https://api.example.com/write'],
    })).toThrow(new Error("ConfidentialClient 'Stack/Web' cannot be registered by Amazon Cognito as declared:\n"
      + "  scopes 'emial', 'offline_access' are neither a built-in scope of Amazon Cognito (openid, email, profile, phone, aws.cognito.signin.user.admin) "
      + "nor a resource server's ('identifier/name'), so CreateUserPoolClient would fail with ScopeDoesNotExistException. Remove them, or define "
      + "the scope on a UserPoolResourceServer and name it 'identifier/name'. Cognito issues refresh tokens without offline_access."));
    expect(stack.node.findChild('Web').node.children).toHaveLength(0);
  });

  test('one scope Cognito cannot have, not offline_access: the refusal speaks of it alone, without the offline_access hint', () => {
    const { stack, server } = cognitoStack();
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], scopes: ['openid', 'emial'],
    })).toThrow(new Error("ConfidentialClient 'Stack/Web' cannot be registered by Amazon Cognito as declared:\n"
      + "  scopes 'emial' is neither a built-in scope of Amazon Cognito (openid, email, profile, phone, aws.cognito.signin.user.admin) "
      + "nor a resource server's ('identifier/name'), so CreateUserPoolClient would fail with ScopeDoesNotExistException. Remove it, or define "
      + "the scope on a UserPoolResourceServer and name it 'identifier/name'."));
  });

  test('email, phone or profile without openid on a client that signs users in is refused (Cognito takes them only with openid)', () => {
    const { stack, server } = cognitoStack();
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], scopes: ['email', 'profile', 'api/read'],
    })).toThrow(new Error("ConfidentialClient 'Stack/Web' cannot be registered by Amazon Cognito as declared:\n"
      + "  scopes 'email', 'profile' can be requested from Amazon Cognito only together with 'openid', which the client's scopes lack, so it "
      + "could never use them. Add 'openid' (Cognito then also returns ID tokens), or remove them."));
    expect(stack.node.findChild('Web').node.children).toHaveLength(0);
    expect(() => new PublicClient(stack, 'Spa', {
      authorizationServer: server, applicationType: ApplicationType.SINGLE_PAGE, redirectUris: ['https://spa.example.com/cb'], scopes: ['phone'],
    })).toThrow(/^PublicClient 'Stack\/Spa' cannot be registered by Amazon Cognito as declared:\n {2}scopes 'phone' can be requested .* could never use it\. Add 'openid' .*, or remove it\.$/);
    // THEN with openid, the same scopes are taken
    new ConfidentialClient(stack, 'WithOpenid', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], scopes: ['email', 'profile', 'phone', 'openid'],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', { AllowedOAuthScopes: ['email', 'profile', 'phone', 'openid'] });
  });

  test('without openid, a scope that is a token (it may be openid) and a machine-to-machine client (COG-003) are not refused for it', () => {
    const { app, stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Web', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], scopes: ['email', new CfnParameter(stack, 'Scope').valueAsString],
    });
    new ConfidentialClient(stack, 'Service', {
      authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, grantTypes: [GrantType.CLIENT_CREDENTIALS], scopes: ['email'],
    });
    const error = synthError(app);
    expect(error).toContain("[COG-003] ConfidentialClient 'Stack/Service'");
    expect(error).not.toContain('openid');
  });

  test('every built-in scope, resource-server scopes and a scope that is a token are accepted', () => {
    const { stack, server } = cognitoStack();
    const scope = new CfnParameter(stack, 'Scope').valueAsString;
    new ConfidentialClient(stack, 'Web', {
      authorizationServer: server,
      redirectUris: ['https://app.example.com/cb'],
      scopes: ['openid', 'email', 'profile', 'phone', 'aws.cognito.signin.user.admin', 'api/read', scope],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthScopes: ['openid', 'email', 'profile', 'phone', 'aws.cognito.signin.user.admin', 'api/read', { Ref: 'Scope' }],
    });
  });

  test('more than 100 logout URLs, or one over 1024 characters, are refused with the name, all at once', () => {
    const { stack, server } = cognitoStack();
    const long = `https://app.example.com/${'x'.repeat(1001)}`;
    expect(long).toHaveLength(1025);
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server,
      redirectUris: ['https://app.example.com/cb'],
      clientName: 'web:app',
      logoutUris: [...Array.from({ length: 100 }, (_, i) => `https://app.example.com/bye-${i}`), long],
    })).toThrow(new Error("ConfidentialClient 'Stack/Web' cannot be registered by Amazon Cognito as declared:\n"
      + "  clientName 'web:app' has characters Amazon Cognito refuses in an app client name: ':'. Use letters, digits, spaces and _ + = , . @ - only "
      + '(CreateUserPoolClient ClientName pattern).\n'
      + '  logoutUris has 101 URLs, but Amazon Cognito takes at most 100. Keep the ones the application signs out to.\n'
      + `  logout URI '${long.slice(0, 60)}...' has 1025 characters, but Amazon Cognito takes at most 1024. Use a shorter URL.`));
  });

  test('with a token binding and a token lifetime Cognito refuses too, every problem is named in one error', () => {
    const { stack, server } = cognitoStack();
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server,
      redirectUris: ['https://app.example.com/cb'],
      clientName: 'web/app',
      senderConstrainedTokens: true,
      accessTokenValidity: Duration.minutes(1),
    })).toThrow(new Error("ConfidentialClient 'Stack/Web' cannot be registered by Amazon Cognito as declared:\n"
      + '  senderConstrainedTokens (true): Cognito cannot bind access tokens to a DPoP key (RFC 9449). '
      + 'Use a server that offers it, with AuthorizationServer.dynamicRegistration, and remove senderConstrainedTokens.\n'
      + '  accessTokenValidity (1 minute): Cognito accepts 5 minutes to 1 day.\n'
      + "  clientName 'web/app' has characters Amazon Cognito refuses in an app client name: '/'. Use letters, digits, spaces and _ + = , . @ - only "
      + '(CreateUserPoolClient ClientName pattern).'));
  });

  test('100 logout URLs, the longest of 1024 characters, are accepted', () => {
    const { app, stack, server } = cognitoStack();
    const longest = `https://app.example.com/${'x'.repeat(1000)}`;
    new ConfidentialClient(stack, 'Web', {
      authorizationServer: server,
      redirectUris: ['https://app.example.com/cb'],
      logoutUris: [...Array.from({ length: 99 }, (_, i) => `https://app.example.com/bye-${i}`), longest],
    });
    expect(synthError(app)).toBeUndefined();
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', { LogoutURLs: Match.arrayWith([longest]) });
  });

  // CreateUserPoolClient takes at most 50 AllowedOAuthScopes, of at most 256 characters each (ScopeListType, ScopeType).
  test('more than 50 scopes, or one over 256 characters, are refused with the name, all at once', () => {
    const { stack, server } = cognitoStack();
    const long = `api/${'x'.repeat(253)}`;
    expect(long).toHaveLength(257);
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server,
      redirectUris: ['https://app.example.com/cb'],
      scopes: ['openid', ...Array.from({ length: 49 }, (_, i) => `api/s${i}`), long],
    })).toThrow(new Error("ConfidentialClient 'Stack/Web' cannot be registered by Amazon Cognito as declared:\n"
      + '  scopes names 51 scopes, but Amazon Cognito takes at most 50 in an app client. Keep the ones the application requests.\n'
      + `  scope '${long.slice(0, 60)}...' has 257 characters, but Amazon Cognito takes at most 256. Use a shorter resource server identifier or scope name.`));
  });

  test('50 scopes, the longest of 256 characters, are accepted', () => {
    const { app, stack, userPool, server } = cognitoStack();
    const longestName = 'x'.repeat(252);
    const names = [...Array.from({ length: 48 }, (_, i) => `s${i}`), longestName];
    userPool.addResourceServer('Api', { identifier: 'api', scopes: names.map((scopeName) => new cognito.ResourceServerScope({ scopeName, scopeDescription: scopeName.slice(0, 10) })) });
    const scopes = ['openid', ...names.map((n) => `api/${n}`)];
    expect(scopes).toHaveLength(50);
    expect(scopes[49]).toHaveLength(256);
    new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'], scopes });
    expect(synthError(app)).toBeUndefined();
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', { AllowedOAuthScopes: scopes });
  });

  test('a logout URL with a token is judged by its literal length, which the resolved URL can only exceed', () => {
    const { stack, server } = cognitoStack();
    const host = new CfnParameter(stack, 'Host').valueAsString;
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], logoutUris: [`https://${host}/${'x'.repeat(1016)}`],
    })).toThrow(/logout URI 'https:\/\/\$\{Token\[[^\]]+\]\}\/x+\.\.\.' has 1025 characters, but Amazon Cognito takes at most 1024/);
    new ConfidentialClient(stack, 'Short', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], logoutUris: [`https://${host}/${'x'.repeat(1015)}`],
    });
  });

  test('every character of the pattern is accepted; a name with a token, or with letters beyond ASCII (\\w may take them), is left to Cognito', () => {
    const { stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Web', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], clientName: 'Billing_web 2 +=,.@-',
    });
    new ConfidentialClient(stack, 'Env', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], clientName: `web (${new CfnParameter(stack, 'Stage').valueAsString})`,
    });
    new ConfidentialClient(stack, 'Cafe', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'], clientName: 'Café Zürich' });
    const names = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient')).map((r) => r.Properties.ClientName);
    expect(names[0]).toBe('Billing_web 2 +=,.@-');
    expect(names[2]).toBe('Café Zürich');
    expect(names).toHaveLength(3);
  });
});

describe('token lifetimes Cognito would refuse are refused at synth, as UserPoolClient refuses them', () => {
  const web = { redirectUris: ['https://app.example.com/cb'] };

  test('each one out of range is named, with its value and the range; nothing is created', () => {
    const { stack, server } = cognitoStack();
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server,
      ...web,
      accessTokenValidity: Duration.minutes(4),
      idTokenValidity: Duration.days(2),
      refreshTokenValidity: Duration.days(3651),
    })).toThrow(new Error("ConfidentialClient 'Stack/Web' cannot be registered by Amazon Cognito as declared:\n"
      + '  accessTokenValidity (4 minutes): Cognito accepts 5 minutes to 1 day.\n'
      + '  idTokenValidity (2 days): Cognito accepts 5 minutes to 1 day.\n'
      + '  refreshTokenValidity (3651 days): Cognito accepts 1 hour to 3650 days.'));
    expect(stack.node.findChild('Web').node.children).toHaveLength(0);
  });

  test('an access or ID token may not outlive the refresh token', () => {
    const { stack, server } = cognitoStack();
    expect(() => new PublicClient(stack, 'Spa', {
      authorizationServer: server,
      applicationType: ApplicationType.SINGLE_PAGE,
      ...web,
      accessTokenValidity: Duration.hours(3),
      idTokenValidity: Duration.hours(2),
      refreshTokenValidity: Duration.hours(2),
    })).toThrow(new Error("PublicClient 'Stack/Spa' cannot be registered by Amazon Cognito as declared:\n"
      + '  accessTokenValidity (3 hours): Cognito accepts 5 minutes to 2 hours (refreshTokenValidity).'));
  });

  test('the bounds themselves are accepted, and a lifetime that is a token is left to Cognito', () => {
    const { stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Short', {
      authorizationServer: server,
      ...web,
      accessTokenValidity: Duration.minutes(5),
      idTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.minutes(60),
    });
    new ConfidentialClient(stack, 'Long', {
      authorizationServer: server,
      ...web,
      accessTokenValidity: Duration.days(1),
      idTokenValidity: Duration.days(1),
      refreshTokenValidity: Duration.days(3650),
    });
    const minutes = new CfnParameter(stack, 'AccessMinutes', { type: 'Number' }).valueAsNumber;
    new ConfidentialClient(stack, 'Tokened', { authorizationServer: server, ...web, accessTokenValidity: Duration.minutes(minutes) });
    const clients = Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient');
    expect(Object.values(clients).map((c) => c.Properties.AccessTokenValidity)).toEqual([5, 1440, { Ref: 'AccessMinutes' }]);
  });
});

describe('token lifetimes that are not whole minutes', () => {
  const web = { redirectUris: ['https://app.example.com/cb'] };

  test('are given to Cognito in seconds, each with its own unit; whole minutes stay minutes', () => {
    const { stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Web', {
      authorizationServer: server,
      ...web,
      accessTokenValidity: Duration.seconds(330),
      idTokenValidity: Duration.minutes(10),
      refreshTokenValidity: Duration.seconds(3601),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AccessTokenValidity: 330,
      IdTokenValidity: 10,
      RefreshTokenValidity: 3601,
      TokenValidityUnits: { AccessToken: 'seconds', IdToken: 'minutes', RefreshToken: 'seconds' },
    });
  });

  test('a lifetime that is a token keeps its own unit, which Cognito takes in hours or days too', () => {
    const { stack, server } = cognitoStack();
    const hours = new CfnParameter(stack, 'AccessHours', { type: 'Number' }).valueAsNumber;
    const days = new CfnParameter(stack, 'RefreshDays', { type: 'Number' }).valueAsNumber;
    new ConfidentialClient(stack, 'Web', {
      authorizationServer: server, ...web, accessTokenValidity: Duration.hours(hours), refreshTokenValidity: Duration.days(days),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AccessTokenValidity: { Ref: 'AccessHours' },
      IdTokenValidity: 60,
      RefreshTokenValidity: { Ref: 'RefreshDays' },
      TokenValidityUnits: { AccessToken: 'hours', IdToken: 'minutes', RefreshToken: 'days' },
    });
  });

  // A backend's registerClient is public (IAuthorizationServer): a request may leave a lifetime to the server's default.
  const M2M = {
    clientType: ClientType.CONFIDENTIAL,
    applicationType: ApplicationType.MACHINE_TO_MACHINE,
    grantTypes: [GrantType.CLIENT_CREDENTIALS],
    tokenEndpointAuthMethod: TokenEndpointAuthMethod.CLIENT_SECRET_BASIC,
    scopes: ['api/read'],
  };
  test.each([
    ['accessTokenValidity', 'AccessTokenValidity'],
    ['idTokenValidity', 'IdTokenValidity'],
    ['refreshTokenValidity', 'RefreshTokenValidity'],
  ])('a registration request with %s alone gives Cognito its unit, without which it reads hours (access, ID) or days (refresh)', (name, property) => {
    const { stack, server } = cognitoStack();
    server.registerClient(new Construct(stack, 'Api'), { description: M2M, [name]: Duration.minutes(10) });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      [property]: 10, TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
  });

  test('a registration request with no lifetime leaves each to Cognito\'s default, in its default unit: no TokenValidityUnits', () => {
    const { stack, server } = cognitoStack();
    server.registerClient(new Construct(stack, 'Api'), { description: M2M });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AccessTokenValidity: Match.absent(), IdTokenValidity: Match.absent(), RefreshTokenValidity: Match.absent(), TokenValidityUnits: Match.absent(),
    });
  });

  test('a token in milliseconds is refused, naming the units to use', () => {
    const { stack, server } = cognitoStack();
    const millis = new CfnParameter(stack, 'AccessMillis', { type: 'Number' }).valueAsNumber;
    expect(() => new ConfidentialClient(stack, 'Web', { authorizationServer: server, ...web, accessTokenValidity: Duration.millis(millis) }))
      .toThrow(new Error("ConfidentialClient 'Stack/Web' cannot be registered by Amazon Cognito as declared:\n"
        + '  accessTokenValidity is a token in milliseconds, a unit Cognito does not take. Give it with Duration.seconds, minutes, hours or days.'));
  });

  test('a fraction of a second is refused with the others Cognito refuses; nothing is created', () => {
    const { stack, server } = cognitoStack();
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server,
      ...web,
      accessTokenValidity: Duration.millis(300_500),
      refreshTokenValidity: Duration.minutes(59),
    })).toThrow(new Error("ConfidentialClient 'Stack/Web' cannot be registered by Amazon Cognito as declared:\n"
      + '  accessTokenValidity (5 minutes 500 millis): Cognito counts token lifetimes in whole seconds.\n'
      + '  refreshTokenValidity (59 minutes): Cognito accepts 1 hour to 3650 days.'));
    expect(stack.node.findChild('Web').node.children).toHaveLength(0);
  });
});

describe('refresh-token rotation and the pool\'s feature plan', () => {
  const spa = { applicationType: ApplicationType.SINGLE_PAGE, redirectUris: ['https://spa.example.com/cb'] };

  test('on a Lite pool, where Cognito offers no rotation, a client that rotates is refused with both ways out; nothing is created', () => {
    const { stack } = cognitoStack();
    const pool = new cognito.UserPool(stack, 'LitePool', { featurePlan: cognito.FeaturePlan.LITE });
    expect(() => new PublicClient(stack, 'Spa', { authorizationServer: AuthorizationServer.cognito(pool), ...spa })).toThrow(new Error(
      "PublicClient 'Stack/Spa' cannot be registered by Amazon Cognito as declared:\n"
      + "  refreshTokenRotation: Amazon Cognito offers refresh-token rotation on the Essentials and Plus feature plans only, and user pool 'Stack/LitePool' "
      + 'is on the Lite plan (CreateUserPoolClient would fail with FeatureUnavailableInTierException). Give the pool featurePlan: '
      + 'cognito.FeaturePlan.ESSENTIALS, or set refreshTokenRotation: false (a public client then fails OAC-120: its refresh tokens must be '
      + 'rotated or sender-constrained).'));
    expect(stack.node.findChild('Spa').node.children).toHaveLength(0);
  });

  test('on a Lite pool, clients that do not rotate are accepted: machine-to-machine, and a web client with rotation off', () => {
    const { stack } = cognitoStack();
    const server = AuthorizationServer.cognito(new cognito.UserPool(stack, 'LitePool', { featurePlan: cognito.FeaturePlan.LITE }));
    new ConfidentialClient(stack, 'M2M', { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api/read'] });
    new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'], refreshTokenRotation: false });
    Template.fromStack(stack).resourcePropertiesCountIs('AWS::Cognito::UserPoolClient', { RefreshTokenRotation: Match.anyValue() }, 0);
  });

  test.each([cognito.FeaturePlan.ESSENTIALS, cognito.FeaturePlan.PLUS, undefined])('on a pool with feature plan %s, rotation is on', (featurePlan) => {
    const { stack } = cognitoStack();
    const server = AuthorizationServer.cognito(new cognito.UserPool(stack, 'PlanPool', { featurePlan }));
    new PublicClient(stack, 'Spa', { authorizationServer: server, ...spa });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } });
  });
});

describe('the refresh-token rotation grace period (RetryGracePeriodSeconds)', () => {
  const spa = { applicationType: ApplicationType.SINGLE_PAGE, redirectUris: ['https://spa.example.com/cb'] };

  test('is given to Cognito in seconds, 0 to 60, a token in seconds too', () => {
    const { stack, server } = cognitoStack();
    const seconds = new CfnParameter(stack, 'GraceSeconds', { type: 'Number' }).valueAsNumber;
    new PublicClient(stack, 'Spa', { authorizationServer: server, ...spa, refreshTokenRotationGracePeriod: Duration.seconds(60) });
    new PublicClient(stack, 'Tokened', { authorizationServer: server, ...spa, refreshTokenRotationGracePeriod: Duration.seconds(seconds) });
    const clients = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient'));
    expect(clients.map((c) => c.Properties.RefreshTokenRotation)).toEqual([
      { Feature: 'ENABLED', RetryGracePeriodSeconds: 60 },
      { Feature: 'ENABLED', RetryGracePeriodSeconds: { Ref: 'GraceSeconds' } },
    ]);
  });

  test('over 60 seconds, a fraction of a second, or a token in minutes is refused with the range; nothing is created', () => {
    const { stack, server } = cognitoStack();
    const minutes = new CfnParameter(stack, 'GraceMinutes', { type: 'Number' }).valueAsNumber;
    for (const [id, grace, problem] of [
      ['Long', Duration.seconds(61), 'refreshTokenRotationGracePeriod (1 minute 1 second): Cognito accepts 0 to 60 seconds, in whole seconds.'],
      ['Fraction', Duration.millis(1500), 'refreshTokenRotationGracePeriod (1 second 500 millis): Cognito accepts 0 to 60 seconds, in whole seconds.'],
      ['Minutes', Duration.minutes(minutes), 'refreshTokenRotationGracePeriod is a token in minutes, but Cognito takes it in seconds. Give it with Duration.seconds.'],
    ] as const) {
      expect(() => new PublicClient(stack, id, { authorizationServer: server, ...spa, refreshTokenRotationGracePeriod: grace }))
        .toThrow(new Error(`PublicClient 'Stack/${id}' cannot be registered by Amazon Cognito as declared:\n  ${problem}`));
      expect(stack.node.findChild(id).node.children).toHaveLength(0);
    }
  });

  test('without rotation it would be ignored, so it is refused, saying why the client has none', () => {
    const { stack, server } = cognitoStack();
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], refreshTokenRotation: false, refreshTokenRotationGracePeriod: Duration.seconds(5),
    })).toThrow(new Error("ConfidentialClient 'Stack/Web' sets what a client with grants authorization_code, refresh_token would ignore:\n"
      + '  refreshTokenRotationGracePeriod (5 seconds): it is for refresh-token rotation, which this client does not have (its refresh tokens are not '
      + 'rotated), so it would be ignored. Remove refreshTokenRotationGracePeriod.'));
    expect(() => new ConfidentialClient(stack, 'M2M', {
      authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api/read'], refreshTokenRotationGracePeriod: Duration.seconds(5),
    })).toThrow('(it gets no refresh tokens), so it would be ignored. Remove refreshTokenRotationGracePeriod.');
    expect(stack.node.findChild('Web').node.children).toHaveLength(0);
  });
});

describe('security controls Cognito cannot enforce are refused, not dropped', () => {
  test('DPoP-bound tokens and required PAR are named; nothing is created', () => {
    const { stack, server } = cognitoStack();
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], senderConstrainedTokens: true, requirePushedAuthorizationRequests: true,
    })).toThrow(new Error("ConfidentialClient 'Stack/Web' cannot be registered by Amazon Cognito as declared:\n"
      + '  senderConstrainedTokens (true): Cognito cannot bind access tokens to a DPoP key (RFC 9449). '
      + 'Use a server that offers it, with AuthorizationServer.dynamicRegistration, and remove senderConstrainedTokens.\n'
      + '  requirePushedAuthorizationRequests (true): Cognito has no pushed authorization requests (RFC 9126). '
      + 'Use a server that offers it, with AuthorizationServer.dynamicRegistration, and remove requirePushedAuthorizationRequests.'));
    expect(stack.node.findChild('Web').node.children).toHaveLength(0);
  });

  test('false is what Cognito does anyway, and is accepted', () => {
    const { stack, server } = cognitoStack();
    new PublicClient(stack, 'Spa', {
      authorizationServer: server,
      applicationType: ApplicationType.SINGLE_PAGE,
      redirectUris: ['https://spa.example.com/cb'],
      senderConstrainedTokens: false,
      requirePushedAuthorizationRequests: false,
    });
    Template.fromStack(stack).resourceCountIs('AWS::Cognito::UserPoolClient', 1);
  });
});

describe('mismatched client and application types', () => {
  test.each([ApplicationType.NATIVE, ApplicationType.SINGLE_PAGE])('a ConfidentialClient of type %s is refused, naming PublicClient', (applicationType) => {
    const { stack, server } = cognitoStack();
    expect(() => new ConfidentialClient(stack, 'X', { authorizationServer: server, applicationType }))
      .toThrow(`ConfidentialClient 'Stack/X': applicationType ${applicationType} is a public client (RFC 6749 §2.1): native and single-page apps cannot keep a secret. Use PublicClient for them.`);
    // THEN nothing was half-created
    expect(stack.node.tryFindChild('X')?.node.children ?? []).toHaveLength(0);
  });

  test.each([ApplicationType.WEB, ApplicationType.MACHINE_TO_MACHINE])('a PublicClient of type %s is refused, naming ConfidentialClient', (applicationType) => {
    const { stack, server } = cognitoStack();
    expect(() => new PublicClient(stack, 'X', { authorizationServer: server, applicationType }))
      .toThrow(/^PublicClient 'Stack\/X': applicationType .* is a confidential client .*Use ConfidentialClient/);
  });
});

describe('required props left out or misspelt by callers without type checks (JavaScript)', () => {
  test('an application type that is no ApplicationType, or none, is refused as such, naming the ones to give; nothing is created', () => {
    const { stack, server } = cognitoStack();
    const asIf = (value: unknown) => value as ApplicationType;
    expect(() => new PublicClient(stack, 'Missing', { authorizationServer: server, applicationType: asIf(undefined) }))
      .toThrow(new Error("PublicClient 'Stack/Missing': applicationType is missing. Give ApplicationType.NATIVE or ApplicationType.SINGLE_PAGE."));
    expect(() => new PublicClient(stack, 'Spa', { authorizationServer: server, applicationType: asIf('SINGLE_PAGE') }))
      .toThrow(new Error("PublicClient 'Stack/Spa': applicationType 'SINGLE_PAGE' is not an ApplicationType. Give ApplicationType.NATIVE or "
        + 'ApplicationType.SINGLE_PAGE.'));
    expect(() => new ConfidentialClient(stack, 'M2m', { authorizationServer: server, applicationType: asIf('m2m') }))
      .toThrow(new Error("ConfidentialClient 'Stack/M2m': applicationType 'm2m' is not an ApplicationType. Give ApplicationType.WEB or "
        + 'ApplicationType.MACHINE_TO_MACHINE.'));
    Template.fromStack(stack).resourceCountIs('AWS::Cognito::UserPoolClient', 0);
  });

  test('a list given as one value is refused, naming each and the list to give; nothing is created', () => {
    const { stack, server } = cognitoStack();
    const props = { authorizationServer: server, redirectUris: 'https://app.example.com/cb', scopes: 'openid', logoutUris: ['https://app.example.com'] };
    expect(() => new ConfidentialClient(stack, 'Web', props as unknown as ConfidentialClientProps)).toThrow(new Error("ConfidentialClient 'Stack/Web': "
      + 'redirectUris is "https://app.example.com/cb", scopes is "openid", not a list. Give a list, even of one: '
      + 'redirectUris: ["https://app.example.com/cb"], scopes: ["openid"].'));
    expect(stack.node.tryFindChild('Web')?.node.children ?? []).toHaveLength(0);
  });

  test('a pkce or profile that is none of its enum\'s values is refused, naming the values to give; nothing is created', () => {
    // Taken as given, profile 'fapi2' judged the client without FAPI 2.0's rules.
    const { stack, server } = cognitoStack();
    const asIf = <T>(value: string) => value as unknown as T;
    expect(() => new PublicClient(stack, 'Spa', {
      authorizationServer: server, applicationType: ApplicationType.SINGLE_PAGE, redirectUris: ['https://app.example.com/cb'], pkce: asIf<PkceMethod>('s256'),
    })).toThrow(new Error("PublicClient 'Stack/Spa': pkce 's256' is not a PkceMethod. Give one of PkceMethod.S256, PkceMethod.PLAIN, PkceMethod.NONE."));
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], profile: asIf<ValidationProfile>('fapi2'),
    })).toThrow(new Error("ConfidentialClient 'Stack/Web': profile 'fapi2' is not a ValidationProfile. Give one of ValidationProfile.DEFAULT, "
      + 'ValidationProfile.FAPI_2_0.'));
    for (const id of ['Spa', 'Web']) expect(stack.node.tryFindChild(id)?.node.children ?? []).toHaveLength(0);
    Template.fromStack(stack).resourceCountIs('AWS::Cognito::UserPoolClient', 0);
  });

  test('a grant type, method or algorithm given as a string is refused, naming the constant to give; nothing is created', () => {
    // Read by their value, strings registered nothing: an app client with no OAuth flow (AllowedOAuthFlows: []).
    const { stack, server } = cognitoStack();
    const asIf = (value: unknown) => value as never;
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], grantTypes: [GrantType.AUTHORIZATION_CODE, asIf('refresh_token'), asIf('urn:example:grant')],
    })).toThrow(new Error("ConfidentialClient 'Stack/Web': grantTypes[1] 'refresh_token' is a string, not a GrantType. Give GrantType.REFRESH_TOKEN. "
      + "grantTypes[2] 'urn:example:grant' is a string, not a GrantType. Give GrantType.custom('urn:example:grant')."));
    expect(() => new ConfidentialClient(stack, 'Api', {
      authorizationServer: server,
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      scopes: ['billing/read'],
      tokenEndpointAuthMethod: asIf('client_secret_post'),
      idTokenSigningAlgorithm: asIf('RS256'),
    })).toThrow(new Error("ConfidentialClient 'Stack/Api': idTokenSigningAlgorithm 'RS256' is a string, not a SigningAlgorithm. Give SigningAlgorithm.RS256. "
      + "tokenEndpointAuthMethod 'client_secret_post' is a string, not a TokenEndpointAuthMethod. Give TokenEndpointAuthMethod.CLIENT_SECRET_POST."));
    // Neither a string nor a constant: a number, null, an object of another shape
    expect(() => new ConfidentialClient(stack, 'Odd', {
      authorizationServer: server,
      redirectUris: ['https://app.example.com/cb'],
      grantTypes: [GrantType.AUTHORIZATION_CODE, asIf(42), asIf({ grant: 'refresh_token' })],
      tokenEndpointAuthMethod: asIf(null),
    })).toThrow(new Error("ConfidentialClient 'Stack/Odd': grantTypes[1] is 42, not a GrantType. Give a GrantType. grantTypes[2] is "
      + '{"grant":"refresh_token"}, not a GrantType. Give a GrantType. tokenEndpointAuthMethod is null, not a TokenEndpointAuthMethod. Give a '
      + 'TokenEndpointAuthMethod.'));
    for (const id of ['Web', 'Api', 'Odd']) expect(stack.node.tryFindChild(id)?.node.children ?? []).toHaveLength(0);
    Template.fromStack(stack).resourceCountIs('AWS::Cognito::UserPoolClient', 0);
  });

  test('a duration given as a number or a string, or a boolean as a string, is refused, naming what to give; nothing is created', () => {
    const { stack, server } = cognitoStack();
    const asIf = (value: unknown) => value as Duration;
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], accessTokenValidity: asIf(3600), secretRotation: asIf('30d'),
    })).toThrow(new Error("ConfidentialClient 'Stack/Web': accessTokenValidity is 3600, not a Duration. Give Duration.seconds(3600), or the unit "
      + 'meant (Duration.minutes, Duration.hours, Duration.days). secretRotation is "30d", not a Duration. Give a Duration, e.g. Duration.hours(1).'));
    expect(stack.node.tryFindChild('Web')?.node.children ?? []).toHaveLength(0);
    // 'false' is truthy.
    expect(() => new ConfidentialClient(stack, 'Rotating', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], refreshTokenRotation: 'false' as unknown as boolean,
    })).toThrow(new Error("ConfidentialClient 'Stack/Rotating': refreshTokenRotation is \"false\", not a boolean. Give true or false."));
    // A list of IDs was read as rule '0'.
    expect(() => new ConfidentialClient(stack, 'Acknowledging', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], acknowledgedRules: ['OAC-061'] as unknown as Record<string, string>,
    })).toThrow(new Error("ConfidentialClient 'Stack/Acknowledging': acknowledgedRules is [\"OAC-061\"], not rule IDs with their reasons. Give each "
      + "rule ID with why its finding is acceptable: acknowledgedRules: { 'OAC-061': 'reason' }."));
    // One rule ID alone was read as rules '0', '1', ...; null as no acknowledgement.
    for (const [id, given, shown, example] of [['One', 'OAC-061', '"OAC-061"', 'OAC-061'], ['Null', null, 'null', '<rule ID>']] as const) {
      expect(() => new ConfidentialClient(stack, `Acknowledging${id}`, {
        authorizationServer: server, redirectUris: ['https://app.example.com/cb'], acknowledgedRules: given as unknown as Record<string, string>,
      })).toThrow(new Error(`ConfidentialClient 'Stack/Acknowledging${id}': acknowledgedRules is ${shown}, not rule IDs with their reasons. Give `
        + `each rule ID with why its finding is acceptable: acknowledgedRules: { '${example}': 'reason' }.`));
    }
  });

  test('AuthorizationServer.cognito without a user pool is refused, naming what to give', () => {
    expect(() => AuthorizationServer.cognito(undefined as unknown as cognito.IUserPool)).toThrow(new Error('AuthorizationServer.cognito: userPool '
      + 'is missing. Give the user pool its clients belong to: a cognito.UserPool of the app, or one imported with '
      + 'cognito.UserPool.fromUserPoolId(this, id, userPoolId).'));
  });

  test('a client without an authorization server is refused, naming the two kinds; nothing is created', () => {
    const { stack } = cognitoStack();
    const props = { redirectUris: ['https://app.example.com/cb'] } as unknown as ConfidentialClientProps;
    expect(() => new ConfidentialClient(stack, 'Web', props)).toThrow(new Error("ConfidentialClient 'Stack/Web': authorizationServer is missing. "
      + 'Give the server that registers the client: AuthorizationServer.cognito(userPool) or AuthorizationServer.dynamicRegistration({ issuer }).'));
    expect(stack.node.tryFindChild('Web')?.node.children ?? []).toHaveLength(0);
  });
});

describe('secret storage and least privilege', () => {
  test('one provider and one key per stack, however many clients', () => {
    const { stack, server } = cognitoStack();
    for (let i = 0; i < 3; i++) {
      new ConfidentialClient(stack, `Web${i}`, { authorizationServer: server, redirectUris: [`https://app${i}.example.com/cb`] });
    }
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::KMS::Key', 1);
    // The role's own policy, and its grant on the stack's key.
    template.resourceCountIs('AWS::IAM::Policy', 2);
    template.resourceCountIs('Custom::CognitoClientSecret', 3);
  });

  test('the provider may read app clients of this pool only, use this key only, and write and read back only this stack\'s secrets', () => {
    const { stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'] });
    new ConfidentialClient(stack, 'Web2', { authorizationServer: server, redirectUris: ['https://app2.example.com/cb'] });

    const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
    const policy = Object.entries(policies).find(([id]) => id.startsWith('CdkOAuthClientsProviderPolicy'))![1];
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/^CdkOAuthClientsProviderLogs/), 'Arn'] } },
      { Effect: 'Allow', Action: 'cognito-idp:DescribeUserPoolClient', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Pool/), 'Arn'] } },
      // An Update keeps the copy of the same app client: it reads it back.
      {
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':secret:cdk-oauth-clients/Stack/*']] },
      },
      {
        Effect: 'Allow',
        Action: ['secretsmanager:CreateSecret', 'secretsmanager:PutSecretValue', 'secretsmanager:DescribeSecret', 'secretsmanager:UpdateSecret',
          'secretsmanager:RestoreSecret', 'secretsmanager:DeleteSecret', 'secretsmanager:TagResource', 'secretsmanager:UntagResource'],
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':secret:cdk-oauth-clients/Stack/*']] },
      },
    ]);
    // The stack's key, in a policy of its own (deleted with the key, after the clients that used it).
    const keyGrant = Object.entries(policies).find(([id]) => id.startsWith('CdkOAuthClientsProviderSecretKeyGrant'))![1];
    expect(keyGrant.Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:Encrypt'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/^CdkOAuthClientsSecretKey/), 'Arn'] } },
    ]);
    expect(keyGrant.Properties.Roles).toEqual([{ Ref: expect.stringMatching(/^CdkOAuthClientsProviderRole/) }]);
    expect(Object.keys(policies)).toHaveLength(2);
    // The provider role has no managed policy.
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })] }),
      ManagedPolicyArns: Match.absent(),
    });
  });

  test('a pool imported by ID (another app owns it): the client names it, and the provider may read that pool\'s app clients only', () => {
    const app = new App();
    const stack = new Stack(app, 'Clients', { env: { account: '111111111111', region: 'eu-west-1' } });
    const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'eu-west-1_AbC123');
    new ConfidentialClient(stack, 'Web', { authorizationServer: AuthorizationServer.cognito(pool), redirectUris: ['https://app.example.com/cb'] });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { UserPoolId: 'eu-west-1_AbC123', GenerateSecret: true });
    template.hasResourceProperties('Custom::CognitoClientSecret', {
      UserPoolId: 'eu-west-1_AbC123',
      Issuer: { 'Fn::Join': ['', ['https://cognito-idp.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/eu-west-1_AbC123']] },
    });
    const [policy] = Object.values(template.findResources('AWS::IAM::Policy'));
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual({
      Effect: 'Allow',
      Action: 'cognito-idp:DescribeUserPoolClient',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_AbC123']] },
    });
  });

  test.each([
    ['by ARN, of another region and account', (stack: Stack) => cognito.UserPool.fromUserPoolArn(stack, 'Pool', 'arn:aws:cognito-idp:us-east-1:222222222222:userpool/us-east-1_AbC123'), [
      "user pool 'us-east-1_AbC123' is in region us-east-1, but stack 'Clients' deploys to eu-west-1: CloudFormation creates an app client in its stack's region only. Declare the client in a stack of us-east-1.",
      "user pool 'us-east-1_AbC123' is in account 222222222222, but stack 'Clients' deploys to 111111111111: CloudFormation creates an app client in its stack's account only. Declare the client in a stack of account 222222222222.",
    ]],
    ['by an ID of another region', (stack: Stack) => cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbC123'), [
      "user pool 'us-east-1_AbC123' is in region us-east-1, but stack 'Clients' deploys to eu-west-1: CloudFormation creates an app client in its stack's region only. Declare the client in a stack of us-east-1.",
    ]],
  ])('a pool imported %s is refused: CloudFormation creates app clients in its own account and region only', (_, importPool, problems) => {
    const app = new App();
    const stack = new Stack(app, 'Clients', { env: { account: '111111111111', region: 'eu-west-1' } });
    const server = AuthorizationServer.cognito(importPool(stack));
    expect(() => new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'] })).toThrow(new Error(
      `ConfidentialClient 'Clients/Web' cannot be registered by Amazon Cognito as declared:\n${problems.map((p) => `  ${p}`).join('\n')}`));
    expect(stack.node.findChild('Web').node.children).toHaveLength(0);
  });

  test('a pool imported by an ARN known only at deployment, into a stack of a literal account and region, is left to CloudFormation', () => {
    const app = new App();
    const stack = new Stack(app, 'Clients', { env: { account: '111111111111', region: 'eu-west-1' } });
    const pool = cognito.UserPool.fromUserPoolArn(stack, 'Pool', new CfnParameter(stack, 'PoolArn').valueAsString);
    new ConfidentialClient(stack, 'Web', { authorizationServer: AuthorizationServer.cognito(pool), redirectUris: ['https://app.example.com/cb'] });
    Template.fromStack(stack).resourceCountIs('AWS::Cognito::UserPoolClient', 1);
  });

  test('in an environment-agnostic stack, a pool ID of any region, or a pool ARN of any account, is left to CloudFormation', () => {
    const { stack } = cognitoStack();
    new ConfidentialClient(stack, 'Web', {
      authorizationServer: AuthorizationServer.cognito(cognito.UserPool.fromUserPoolId(stack, 'Imported', 'us-east-1_AbC123')), redirectUris: ['https://app.example.com/cb'],
    });
    const byArn = cognito.UserPool.fromUserPoolArn(stack, 'ByArn', 'arn:aws:cognito-idp:eu-west-1:222222222222:userpool/eu-west-1_XyZ789');
    new ConfidentialClient(stack, 'Other', { authorizationServer: AuthorizationServer.cognito(byArn), redirectUris: ['https://app.example.com/cb'] });
    const ids = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient')).map((r) => r.Properties.UserPoolId);
    expect(ids.filter((id) => typeof id === 'string')).toEqual(['us-east-1_AbC123', 'eu-west-1_XyZ789']);
  });

  test('each secret resource waits for the provider\'s policy and its grant on the key', () => {
    const { stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'] });
    Template.fromStack(stack).hasResource('Custom::CognitoClientSecret', {
      DependsOn: [Match.stringLikeRegexp('^CdkOAuthClientsProviderPolicy'), Match.stringLikeRegexp('^CdkOAuthClientsProviderSecretKeyGrant')],
    });
  });

  test('grantRead lets the grantee read this secret and decrypt it with its key only through Secrets Manager, on its own policy', () => {
    const { stack, server } = cognitoStack();
    const web = new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'] });
    const role = new iam.Role(stack, 'Backend', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    web.grantRead(role);

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Backend') }],
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebSecret'), 'SecretArn'] },
        }, {
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdkOAuthClientsSecretKey'), 'Arn'] },
          Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } },
        }],
      },
    });
    // The key policy does not name the grantee: the key's stack never depends on the grantee's.
    const [key] = Object.values(template.findResources('AWS::KMS::Key'));
    expect(JSON.stringify(key.Properties.KeyPolicy)).not.toMatch(/Backend/);
  });

  test('a grantee in another stack: the service stack depends on the auth stack, never the other way round', () => {
    const { app, stack: auth, server } = cognitoStack('Auth');
    const web = new ConfidentialClient(auth, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'] });
    const service = new Stack(app, 'Service');
    const role = new iam.Role(service, 'Backend', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    web.grantRead(role);

    const assembly = app.synth();
    expect(service.dependencies.map((s) => s.stackName)).toEqual(['Auth']);
    expect(auth.dependencies).toEqual([]);
    expect(JSON.stringify(assembly.getStackByName('Auth').template)).not.toMatch(/Backend/);
    const [policy] = Object.values(Template.fromStack(service).findResources('AWS::IAM::Policy'));
    expect(policy.Properties.PolicyDocument.Statement.map((st: { Action: string | string[] }) => st.Action))
      .toEqual([['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], 'kms:Decrypt']);
  });

  test('the README recipe: the client\'s secret handed to an ECS container in another stack; no cycle, the execution role reads and decrypts', () => {
    const { app, stack: auth, server } = cognitoStack('Auth');
    const web = new ConfidentialClient(auth, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'] });
    const service = new Stack(app, 'Service');
    const taskDefinition = new ecs.FargateTaskDefinition(service, 'Task');
    const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/nginx:latest');
    taskDefinition.addContainer('App', { image, secrets: { CLIENT_SECRET: ecs.Secret.fromSecretsManager(web.clientSecret!, 'client_secret') } });

    const assembly = app.synth();
    expect(service.dependencies.map((s) => s.stackName)).toEqual(['Auth']);
    expect(auth.dependencies).toEqual([]);
    expect(JSON.stringify(assembly.getStackByName('Auth').template)).not.toMatch(/TaskExecutionRole/);
    const statements = Object.values(Template.fromStack(service).findResources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([
      expect.objectContaining({
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        Resource: { 'Fn::ImportValue': expect.stringMatching(/^Auth:ExportsOutputFnGetAttWebSecret/) },
      }),
      expect.objectContaining({
        Action: 'kms:Decrypt',
        Resource: { 'Fn::ImportValue': expect.stringMatching(/^Auth:ExportsOutputFnGetAttCdkOAuthClientsSecretKey/) },
        Condition: { StringEquals: { 'kms:ViaService': expect.anything() } },
      }),
    ]);
  });

  test('the secret\'s own grantRead grants on the grantee\'s policy, with the version stages asked for, and never names it in the key policy', () => {
    const { stack, server } = cognitoStack();
    const web = new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'] });
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const grant = web.clientSecret!.grantRead(role, ['AWSCURRENT']);

    expect(grant.success).toBe(true);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Reader') }],
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebSecret'), 'SecretArn'] },
          Condition: { 'ForAnyValue:StringEquals': { 'secretsmanager:VersionStage': ['AWSCURRENT'] } },
        }, Match.objectLike({ Action: 'kms:Decrypt' })],
      },
    });
    const [key] = Object.values(template.findResources('AWS::KMS::Key'));
    expect(JSON.stringify(key.Properties.KeyPolicy)).not.toMatch(/Reader/);
  });

  test('a secret the user hands to fromConfidentialClientAttributes keeps its own grantRead', () => {
    const stack = new Stack();
    const secret = new secretsmanager.Secret(stack, 'Own');
    const imported = ConfidentialClient.fromConfidentialClientAttributes(stack, 'Imported', { clientId: 'abc', clientSecret: secret });
    imported.grantRead(new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }));
    expect(Object.prototype.hasOwnProperty.call(secret, 'grantRead')).toBe(false);
  });

  test('the CDK tags of the client reach the provider (property Tags), as tags of the secret it creates; no tags, no property', () => {
    const { stack, server } = cognitoStack();
    const web = new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'] });
    new ConfidentialClient(stack, 'Untagged', { authorizationServer: server, redirectUris: ['https://other.example.com/cb'] });
    Tags.of(web).add('team', 'identity');
    Tags.of(web).add('cost-center', '42', { includeResourceTypes: ['AWS::SecretsManager::Secret'] });
    Tags.of(web).add('not-for-secrets', 'x', { excludeResourceTypes: ['AWS::SecretsManager::Secret'] });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::CognitoClientSecret', {
      ClientId: { Ref: Match.stringLikeRegexp('^Web') },
      Tags: [{ Key: 'cost-center', Value: '42' }, { Key: 'team', Value: 'identity' }],
    });
    template.hasResourceProperties('Custom::CognitoClientSecret', { ClientId: { Ref: Match.stringLikeRegexp('^Untagged') }, Tags: Match.absent() });
  });

  test('a key of the user\'s replaces the stack key, and RETAIN keeps the secret', () => {
    const { stack, server } = cognitoStack();
    const key = new kms.Key(stack, 'MyKey', { enableKeyRotation: true });
    new ConfidentialClient(stack, 'Web', {
      authorizationServer: server,
      redirectUris: ['https://app.example.com/cb'],
      secretEncryptionKey: key,
      secretRemovalPolicy: RemovalPolicy.RETAIN,
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('Custom::CognitoClientSecret', {
      KmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MyKey'), 'Arn'] },
      RemovalPolicy: 'retain',
    });
  });

  test.each([
    [RemovalPolicy.RETAIN, 'retain', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' }],
    [RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE, 'retain', { DeletionPolicy: 'RetainExceptOnCreate', UpdateReplacePolicy: 'Retain' }],
    [RemovalPolicy.DESTROY, 'destroy', { DeletionPolicy: undefined, UpdateReplacePolicy: undefined }],
    [undefined, 'destroy', { DeletionPolicy: undefined, UpdateReplacePolicy: undefined }],
  ])('secretRemovalPolicy %s: the provider is told to %s the secret, and the app client is kept with a kept secret', (secretRemovalPolicy, expected, appClient) => {
    const { stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'], secretRemovalPolicy });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::CognitoClientSecret', { RemovalPolicy: expected });
    const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
    expect({ DeletionPolicy: client.DeletionPolicy, UpdateReplacePolicy: client.UpdateReplacePolicy }).toEqual(appClient);
  });

  test('secretRemovalPolicy SNAPSHOT is refused (a secret has no snapshots) with the fix; nothing is created', () => {
    const { stack, server } = cognitoStack();
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], secretRemovalPolicy: RemovalPolicy.SNAPSHOT,
    })).toThrow(new Error("ConfidentialClient 'Stack/Web': secretRemovalPolicy is RemovalPolicy.SNAPSHOT, but Secrets Manager keeps no snapshots "
      + 'of a secret. Use RemovalPolicy.RETAIN to keep the secret and its client (app client or registration) when the client is removed, '
      + 'or RemovalPolicy.DESTROY to delete it with a 7-day recovery window.'));
    expect(stack.node.findChild('Web').node.children).toHaveLength(0);
    expect(stack.node.tryFindChild('CdkOAuthClientsProvider')).toBeUndefined();
  });

  test('a public client exposes no secret, by type', () => {
    const { stack, server } = cognitoStack();
    const app = new PublicClient(stack, 'App', { authorizationServer: server, applicationType: ApplicationType.NATIVE, redirectUris: ['com.example.app:/cb'] });
    expect(app).not.toHaveProperty('clientSecret');
    expect(app).not.toHaveProperty('grantRead');
    expect(stack.resolve(app.clientId)).toEqual({ Ref: expect.stringMatching(/^App/) });
  });
});

describe('the issuer, for the app\'s OpenID Connect configuration', () => {
  test('both client types name the pool\'s issuer, in the stack\'s region and partition, as the stored credentials do', () => {
    const app = new App();
    const stack = new Stack(app, 'Clients', { env: { account: '111111111111', region: 'eu-west-1' } });
    const server = AuthorizationServer.cognito(new cognito.UserPool(stack, 'Pool'));
    const web = new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'] });
    const spa = new PublicClient(stack, 'Spa', { authorizationServer: server, applicationType: ApplicationType.SINGLE_PAGE, redirectUris: ['https://spa.example.com/cb'] });

    const issuer = { 'Fn::Join': ['', ['https://cognito-idp.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: expect.stringMatching(/^Pool/) }]] };
    expect(stack.resolve(spa.issuer)).toEqual(issuer);
    expect(stack.resolve(web.issuer)).toEqual(issuer);
    const [secret] = Object.values(Template.fromStack(stack).findResources('Custom::CognitoClientSecret'));
    expect(secret.Properties.Issuer).toEqual(issuer);
  });
});

describe('the token endpoint in the stored credentials comes from the pool\'s domain', () => {
  function secretProperties(domain?: (stack: Stack, pool: cognito.UserPool) => cognito.IUserPoolDomain): Record<string, unknown> {
    const { stack, userPool } = cognitoStack();
    const server = AuthorizationServer.cognito(userPool, { domain: domain?.(stack, userPool) });
    new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/callback'] });
    const secrets = Template.fromStack(stack).findResources('Custom::CognitoClientSecret');
    return Object.values(secrets)[0].Properties;
  }

  test('no domain: none, so the stored JSON names the issuer only', () => {
    const props = secretProperties();
    expect(props.TokenEndpoint).toBe('');
    expect(props).not.toHaveProperty('DomainName');
  });

  test('a UserPoolDomain gives its own URL: prefix domains in the stack\'s region, custom domains as they are', () => {
    const prefix = secretProperties((_, pool) => pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example-auth' } }));
    expect(prefix.TokenEndpoint).toEqual({
      'Fn::Join': ['', ['https://', { Ref: expect.stringMatching(/^PoolDomain/) }, '.auth.', { Ref: 'AWS::Region' }, '.amazoncognito.com/oauth2/token']],
    });
    expect(prefix).not.toHaveProperty('DomainName');

    const custom = secretProperties((stack, pool) => pool.addDomain('Domain', {
      customDomain: { domainName: 'auth.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/abc') },
    }));
    expect(custom.TokenEndpoint).toEqual({ 'Fn::Join': ['', ['https://', { Ref: expect.stringMatching(/^PoolDomain/) }, '/oauth2/token']] });
  });

  test.each([
    ['a literal prefix', () => 'example-auth', 'example-auth'],
    ['a custom domain name', () => 'auth.example.com', 'auth.example.com'],
    ['an export of another app', () => Fn.importValue('AuthDomainName'), { 'Fn::ImportValue': 'AuthDomainName' }],
  ])('a domain imported by name (%s) is named to the provider, which makes it a URL at deploy time', (_, name, expected) => {
    const props = secretProperties((stack) => cognito.UserPoolDomain.fromDomainName(stack, 'Domain', name()));
    expect(props.DomainName).toEqual(expected);
    expect(props).not.toHaveProperty('TokenEndpoint');
  });
});

describe('resource servers: the app client waits for the scopes it asks for', () => {
  function dependsOn(stack: Stack, clientId: string): string[] {
    const resources = Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient');
    const [logicalId] = Object.keys(resources).filter((id) => id.startsWith(clientId));
    return resources[logicalId].DependsOn ?? [];
  }
  function logicalIdOf(stack: Stack, construct: Construct): string {
    return stack.getLogicalId(construct.node.defaultChild as cognito.CfnUserPoolResourceServer);
  }
  const readScope = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' });

  test('a resource server of this pool added after the client, one declared outside the pool, and a raw one are waited for', () => {
    const { stack, server, userPool } = cognitoStack();
    new ConfidentialClient(stack, 'Billing', {
      authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['billing/read', 'reports/read', 'audit/read'],
    });
    const billing = userPool.addResourceServer('BillingApi', { identifier: 'billing', scopes: [readScope] });
    const reports = new cognito.UserPoolResourceServer(stack, 'ReportsApi', { userPool, identifier: 'reports', scopes: [readScope] });
    // A raw resource server may name the pool by its UserPoolId attribute (Fn::GetAtt) instead of its Ref.
    const audit = new cognito.CfnUserPoolResourceServer(stack, 'AuditApi', {
      userPoolId: (userPool.node.defaultChild as cognito.CfnUserPool).attrUserPoolId, identifier: 'audit', name: 'audit', scopes: [readScope],
    });

    expect(dependsOn(stack, 'Billing').sort()).toEqual([logicalIdOf(stack, billing), logicalIdOf(stack, reports), stack.getLogicalId(audit)].sort());
  });

  test('a resource server of another pool, or with another identifier, is not waited for', () => {
    const { stack, server, userPool } = cognitoStack();
    const otherPool = new cognito.UserPool(stack, 'OtherPool');
    new ConfidentialClient(stack, 'Billing', {
      authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['billing/read'],
    });
    otherPool.addResourceServer('BillingApi', { identifier: 'billing', scopes: [readScope] });
    userPool.addResourceServer('ReportsApi', { identifier: 'reports', scopes: [readScope] });

    expect(dependsOn(stack, 'Billing')).toEqual([]);
  });

  test('a scope given as OAuthScope.resourceServer(...) is ordered by its reference, with no extra DependsOn', () => {
    const { stack, server, userPool } = cognitoStack();
    const api = userPool.addResourceServer('BillingApi', { identifier: 'billing', scopes: [readScope] });
    new ConfidentialClient(stack, 'Billing', {
      authorizationServer: server,
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      scopes: [cognito.OAuthScope.resourceServer(api, readScope).scopeName],
    });

    expect(dependsOn(stack, 'Billing')).toEqual([]);
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthScopes: [{ 'Fn::Join': ['', [{ Ref: logicalIdOf(stack, api) }, '/read']] }],
    });
  });
});

describe('resource-server scopes a pool of this app does not define', () => {
  const readScope = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' });
  const writeScope = new cognito.ResourceServerScope({ scopeName: 'write', scopeDescription: 'Write' });
  const m2m = (scopes: string[]) => ({ applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes });

  test('a scope name its resource server does not define fails synth, naming the ones it does (declared before or after)', () => {
    const { app, stack, server, userPool } = cognitoStack();
    new ConfidentialClient(stack, 'Billing', { authorizationServer: server, ...m2m(['billing/reads', 'billing/read']) });
    userPool.addResourceServer('BillingApi', { identifier: 'billing', scopes: [readScope, writeScope] });
    expect(synthError(app)).toContain("ConfidentialClient 'Stack/Billing': scope 'billing/reads' is not defined by resource server 'billing' "
      + "of user pool 'Stack/Pool', which defines 'billing/read', 'billing/write', so CreateUserPoolClient would fail with "
      + 'ScopeDoesNotExistException. Name one of its scopes, or add the scope to the resource server.');
    expect(synthError(app)).not.toContain("scope 'billing/read' is");
  });

  test.each([
    ['declared without scopes', undefined],
    ['declared with an empty list', []],
  ])('a resource server %s defines no scope: any scope of it fails synth, and the message says so', (_, scopes) => {
    const { app, stack, server, userPool } = cognitoStack();
    userPool.addResourceServer('BillingApi', { identifier: 'billing', scopes });
    new ConfidentialClient(stack, 'Billing', { authorizationServer: server, ...m2m(['billing/read']) });
    expect(synthError(app)).toContain("scope 'billing/read' is not defined by resource server 'billing' of user pool 'Stack/Pool', which defines "
      + 'no scope, so CreateUserPoolClient would fail with ScopeDoesNotExistException.');
  });

  test('an identifier no resource server of the pool has is an acknowledgeable warning; defined scopes are not', () => {
    const { stack, server, userPool } = cognitoStack();
    userPool.addResourceServer('BillingApi', { identifier: 'billing', scopes: [readScope] });
    new ConfidentialClient(stack, 'Billing', { authorizationServer: server, ...m2m(['billing/read', 'invoices/read']) });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('resource server'));
    expect(warnings.map((w) => w.entry.data)).toEqual([
      "ConfidentialClient 'Stack/Billing': scope 'invoices/read' names resource server 'invoices', which no UserPoolResourceServer of user pool "
      + "'Stack/Pool' in this app defines. Cognito refuses the client unless the resource server exists when it is created: add it "
      + '(userPool.addResourceServer), or check the scope for a typo. [ack: cdk-oauth-clients:undefined-resource-server]',
    ]);
  });

  test('a pool imported from elsewhere, and a resource server whose scopes are tokens, are not judged', () => {
    const { app, stack, server, userPool } = cognitoStack();
    const imported = AuthorizationServer.cognito(cognito.UserPool.fromUserPoolId(stack, 'Imported', 'eu-west-1_AbC123'));
    new ConfidentialClient(stack, 'External', { authorizationServer: imported, ...m2m(['anything/at-all']) });
    const name = new CfnParameter(stack, 'ScopeName').valueAsString;
    userPool.addResourceServer('Api', { identifier: 'api', scopes: [new cognito.ResourceServerScope({ scopeName: name, scopeDescription: 'x' })] });
    new ConfidentialClient(stack, 'Billing', { authorizationServer: server, ...m2m(['api/read']) });
    expect(synthError(app)).toBeUndefined();
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('resource server'))).toEqual([]);
  });
});

describe('identity providers: the app client waits for those it names', () => {
  function dependsOn(stack: Stack): string[] {
    const [client] = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient'));
    return client.DependsOn ?? [];
  }
  const google = (stack: Stack, id: string, userPool: cognito.IUserPool) =>
    new cognito.UserPoolIdentityProviderGoogle(stack, id, { userPool, clientId: 'google-client', clientSecretValue: SecretValue.unsafePlainText('x') });

  test('an identity provider of this pool named by the client, declared after it, is waited for; COGNITO needs nothing', () => {
    const { stack, server, userPool } = cognitoStack();
    new PublicClient(stack, 'Spa', {
      authorizationServer: server,
      applicationType: ApplicationType.SINGLE_PAGE,
      redirectUris: ['https://s.example.com/cb'],
      identityProviders: ['Google', 'Corp', 'COGNITO'],
    });
    const idp = google(stack, 'Google', userPool);
    // A raw identity provider may name the pool by its UserPoolId attribute (Fn::GetAtt) instead of its Ref.
    const corp = new cognito.CfnUserPoolIdentityProvider(stack, 'Corp', {
      userPoolId: (userPool.node.defaultChild as cognito.CfnUserPool).attrUserPoolId, providerName: 'Corp', providerType: 'OIDC', providerDetails: {},
    });
    const googleId = stack.getLogicalId(idp.node.defaultChild as cognito.CfnUserPoolIdentityProvider);
    expect(dependsOn(stack).sort()).toEqual([googleId, stack.getLogicalId(corp)].sort());
  });

  test('one of another pool, or with another name, is not waited for', () => {
    const { stack, server, userPool } = cognitoStack();
    new PublicClient(stack, 'Spa', {
      authorizationServer: server,
      applicationType: ApplicationType.SINGLE_PAGE,
      redirectUris: ['https://s.example.com/cb'],
      identityProviders: ['Google'],
    });
    google(stack, 'OtherGoogle', new cognito.UserPool(stack, 'OtherPool'));
    new cognito.UserPoolIdentityProviderAmazon(stack, 'Amazon', { userPool, clientId: 'a', clientSecret: 'b' });
    expect(dependsOn(stack)).toEqual([]);
  });

  test('a provider name given as the provider\'s reference is ordered by it, with no extra DependsOn', () => {
    const { stack, server, userPool } = cognitoStack();
    const idp = google(stack, 'Google', userPool);
    new PublicClient(stack, 'Spa', {
      authorizationServer: server,
      applicationType: ApplicationType.SINGLE_PAGE,
      redirectUris: ['https://s.example.com/cb'],
      identityProviders: [idp.providerName],
    });
    expect(dependsOn(stack)).toEqual([]);
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      SupportedIdentityProviders: [{ Ref: stack.getLogicalId(idp.node.defaultChild as cognito.CfnUserPoolIdentityProvider) }],
    });
  });
});

describe('taking over an app client the stack already deployed (README)', () => {
  const appClients = (stack: Stack) => Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient');

  test('with the deployed logical ID, CloudFormation updates the same app client: the properties it replaces on are unchanged', () => {
    // GIVEN the app client a stack deployed with the L2 UserPoolClient
    const before = cognitoStack();
    before.userPool.addClient('WebClient', { generateSecret: true, oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: ['https://app.example.com/cb'] } });
    const [[deployedId, deployed]] = Object.entries(appClients(before.stack));

    // WHEN a ConfidentialClient takes its place under that logical ID
    const after = cognitoStack();
    const web = new ConfidentialClient(after.stack, 'Web', { authorizationServer: after.server, redirectUris: ['https://app.example.com/cb'] });
    (web.node.defaultChild as cognito.CfnUserPoolClient).overrideLogicalId(deployedId);

    // THEN it is the same resource, and UserPoolId and GenerateSecret, which replace the app client when they change, are as deployed
    const [[id, taken]] = Object.entries(appClients(after.stack));
    expect(id).toBe(deployedId);
    expect(taken.Properties.UserPoolId).toEqual(deployed.Properties.UserPoolId);
    expect(taken.Properties.GenerateSecret).toBe(true);
    expect(deployed.Properties.GenerateSecret).toBe(true);
    // the provider copies that app client's secret, and the client is still judged as declared (its metadata is on the resource)
    Template.fromStack(after.stack).hasResourceProperties('Custom::CognitoClientSecret', { ClientId: { Ref: deployedId } });
    expect(taken.Metadata['cdk-oauth-clients'].construct).toBe('ConfidentialClient');
  });
});

describe('identity providers a pool of this app does not have', () => {
  const google = (stack: Stack, id: string, userPool: cognito.IUserPool) =>
    new cognito.UserPoolIdentityProviderGoogle(stack, id, { userPool, clientId: 'google-client', clientSecretValue: SecretValue.unsafePlainText('x') });
  const spa = (stack: Stack, server: IAuthorizationServer, identityProviders: string[]) => new PublicClient(stack, 'Spa', {
    authorizationServer: server, applicationType: ApplicationType.SINGLE_PAGE, redirectUris: ['https://s.example.com/cb'], identityProviders,
  });
  const idpWarnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('undefined-identity-provider'))
    .map((w) => w.entry.data);

  test('a name no provider of the pool has (a typo, another case) is an acknowledgeable warning that lists the ones it has', () => {
    const { stack, server, userPool } = cognitoStack();
    spa(stack, server, ['COGNITO', 'Google', 'Gogle', 'google']);
    google(stack, 'Google', userPool);
    google(stack, 'OtherGoogle', new cognito.UserPool(stack, 'OtherPool'));
    const rest = ', and Cognito refuses an app client that names a provider its pool does not have. Check the name for a typo, or add the '
      + 'provider (a UserPoolIdentityProvider with that providerName); if the pool has it from outside this app, acknowledge this warning. '
      + '[ack: cdk-oauth-clients:undefined-identity-provider]';
    expect(idpWarnings(stack)).toEqual([
      `PublicClient 'Stack/Spa': identityProviders names 'Gogle', but the identity providers of user pool 'Stack/Pool' in this app are 'Google'${rest}`,
      `PublicClient 'Stack/Spa': identityProviders names 'google', but the identity providers of user pool 'Stack/Pool' in this app are 'Google'${rest}`,
    ]);
  });

  test('a pool with no provider says so; the warning can be acknowledged', () => {
    const { stack, server } = cognitoStack();
    spa(stack, server, ['Corp']);
    expect(idpWarnings(stack)).toEqual([expect.stringContaining("names 'Corp', but user pool 'Stack/Pool' has no identity provider in this app, ")]);

    const acknowledged = cognitoStack();
    spa(acknowledged.stack, acknowledged.server, ['Corp']);
    CdkAnnotations.of(acknowledged.stack).acknowledgeWarning('cdk-oauth-clients:undefined-identity-provider', 'Corp is made by the identity team');
    expect(idpWarnings(acknowledged.stack)).toEqual([]);
    expect(synthError(acknowledged.app)).toBeUndefined();
  });

  test('a provider in another stack of the app counts; an imported pool, and a pool with a provider named by a token, are not judged', () => {
    const { app, stack, server, userPool } = cognitoStack();
    google(new Stack(app, 'Federation'), 'Google', userPool);
    spa(stack, server, ['Google']);
    const imported = AuthorizationServer.cognito(cognito.UserPool.fromUserPoolId(stack, 'Imported', 'eu-west-1_AbC123'));
    new PublicClient(stack, 'External', {
      authorizationServer: imported, applicationType: ApplicationType.SINGLE_PAGE, redirectUris: ['https://e.example.com/cb'], identityProviders: ['Anything'],
    });
    const tokenPool = new cognito.UserPool(stack, 'TokenPool');
    new cognito.CfnUserPoolIdentityProvider(stack, 'Named', {
      userPoolId: tokenPool.userPoolId, providerName: new CfnParameter(stack, 'ProviderName').valueAsString, providerType: 'OIDC', providerDetails: {},
    });
    new PublicClient(stack, 'Tokened', {
      authorizationServer: AuthorizationServer.cognito(tokenPool),
      applicationType: ApplicationType.SINGLE_PAGE,
      redirectUris: ['https://t.example.com/cb'],
      identityProviders: ['Corp'],
    });
    expect(idpWarnings(stack)).toEqual([]);
  });

  test('a name that is a token (a parameter) is not judged, even by a pool with no provider in the app', () => {
    const { stack, server } = cognitoStack();
    spa(stack, server, [new CfnParameter(stack, 'Provider').valueAsString]);
    expect(idpWarnings(stack)).toEqual([]);
  });
});

describe('scale: resources per client', () => {
  test('2 resources per confidential client, 1 per public client, at most 6 per stack: 240 confidential clients fit in one stack', () => {
    const { stack, server } = cognitoStack();
    for (let i = 0; i < 240; i++) {
      new ConfidentialClient(stack, `Web${i}`, { authorizationServer: server, redirectUris: [`https://app${i}.example.com/cb`] });
    }
    const resources = Object.keys(Template.fromStack(stack).toJSON().Resources).length;
    const pool = 1;
    // The provider's function, role, policy and log group, the stack's key, and the provider's grant on it.
    expect(resources - pool - 2 * 240).toBeLessThanOrEqual(6);
    expect(resources).toBeLessThanOrEqual(500);
  });

  test('public clients add one resource each and no per-stack overhead', () => {
    const { stack, server } = cognitoStack();
    for (let i = 0; i < 10; i++) {
      new PublicClient(stack, `App${i}`, { authorizationServer: server, applicationType: ApplicationType.SINGLE_PAGE, redirectUris: [`https://s${i}.example.com/cb`] });
    }
    expect(Object.keys(Template.fromStack(stack).toJSON().Resources)).toHaveLength(1 + 10);
  });
});

describe('scale: the app is looked at once per pool, not once per client', () => {
  /** How many times the construct tree is walked (Node.findAll) while an app with this many clients of one pool synthesizes. */
  function walksAtSynth(clients: number): number {
    const { app, stack, server, userPool } = cognitoStack();
    userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example' } });
    userPool.addResourceServer('Api', { identifier: 'api', scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' })] });
    new cognito.UserPoolIdentityProviderAmazon(stack, 'Amazon', { userPool, clientId: 'a', clientSecret: 'b' });
    for (let i = 0; i < clients; i++) {
      // Each client asks for what the library looks for in the app: a resource server's scope, an identity provider, a domain.
      new ConfidentialClient(stack, `Api${i}`, { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api/read'] });
      new PublicClient(stack, `Spa${i}`, {
        authorizationServer: server, applicationType: ApplicationType.SINGLE_PAGE, redirectUris: [`https://s${i}.example.com/cb`], identityProviders: ['LoginWithAmazon'],
      });
    }
    const findAll = jest.spyOn(Node.prototype, 'findAll');
    try {
      app.synth();
      return findAll.mock.calls.length;
    } finally {
      findAll.mockRestore();
    }
  }

  test('the walks of the construct tree at synth do not grow with the clients of a pool', () => {
    // Before, each client with a custom scope or an identity provider walked its stack three times (the scope check's
    // validation and warning, and its DependsOn): synth time grew with the square of the clients of a stack.
    expect(walksAtSynth(40)).toBe(walksAtSynth(4));
  });
});

describe('synth-time validation on the construct', () => {
  test('a warning is an acknowledgeable CDK warning with the rule ID and the construct path', () => {
    const { stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'], pkce: PkceMethod.NONE });

    Annotations.fromStack(stack).hasWarning('/Stack/Web', Match.stringLikeRegexp(
      "^\\[OAC-061\\] ConfidentialClient 'Stack/Web': PKCE is RECOMMENDED for confidential clients using authorization_code, but pkce is 'none' \\(RFC 9700 §2\\.1\\.1\\)\\. Set pkce: PkceMethod\\.S256\\."));
  });

  test('the warning can also be acknowledged the CDK way, by its warning ID', () => {
    // GIVEN a client with a warning (on a pool with a domain, so that it has no other)
    const { stack, server, userPool } = cognitoStack();
    userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example' } });
    const web = new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'], pkce: PkceMethod.NONE });
    // WHEN the warning is acknowledged with aws-cdk-lib's own mechanism
    CdkAnnotations.of(web).acknowledgeWarning('cdk-oauth-clients:OAC-061', 'PKCE enforced by the app framework');
    // THEN it is no longer reported
    Annotations.fromStack(stack).hasNoWarning('/Stack/Web', Match.anyValue());
  });

  test('acknowledged warnings are not printed, and their reasons are recorded in the template; an info finding stays info', () => {
    const { stack, server, userPool } = cognitoStack();
    userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example' } });
    new ConfidentialClient(stack, 'Web', {
      authorizationServer: server,
      redirectUris: ['https://app.example.com/cb', 'https://localhost:8443/cb'],
      pkce: PkceMethod.NONE,
      acknowledgedRules: {
        'OAC-061': 'PKCE enforced by the app framework, see ADR-12',
        'OAC-086': 'the local proxy of the dev setup',
        'OAC-022': 'an info finding needs no acknowledgement',
      },
    });

    Annotations.fromStack(stack).hasNoWarning('/Stack/Web', Match.anyValue());
    const [metadata] = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient'))
      .map((resource) => resource.Metadata['cdk-oauth-clients']);
    expect(metadata.acknowledged).toEqual([
      { ruleId: 'OAC-061', severity: 'warning', reason: 'PKCE enforced by the app framework, see ADR-12' },
      { ruleId: 'OAC-086', severity: 'warning', reason: 'the local proxy of the dev setup' },
    ]);
    expect(metadata.info).toEqual(['OAC-022']);
  });

  test('a client with nothing acknowledged and no info finding records neither', () => {
    const { stack, server, userPool } = cognitoStack();
    userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example' } });
    new PublicClient(stack, 'Spa', { authorizationServer: server, applicationType: ApplicationType.SINGLE_PAGE, redirectUris: ['https://spa.example.com/cb'] });
    const [metadata] = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient'))
      .map((resource) => resource.Metadata['cdk-oauth-clients']);
    expect(Object.keys(metadata).sort()).toEqual(['construct', 'description', 'profile', 'server']);
  });
});
