import { CfnParameter } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { cognitoStack, synthError } from './helpers';
import {
  ApplicationType, AuthorizationServer, ConfidentialClient, GrantType, PkceMethod, PublicClient, SigningAlgorithm, TokenEndpointAuthMethod,
  ValidationProfile,
} from '../../src';

describe('errors fail cdk synth, listing every finding with rule ID, construct path and fix', () => {
  test('a redirect-based client without a redirect URI', () => {
    const { app, stack, server } = cognitoStack();
    new PublicClient(stack, 'Mobile', { authorizationServer: server, applicationType: ApplicationType.NATIVE });

    expect(synthError(app)).toContain(
      "[OAC-080] PublicClient 'Stack/Mobile': a redirect-based grant (authorization_code or implicit) needs a registered redirect URI, "
      + 'but none was given (RFC 6749 §3.1.2.2). Add the exact callback URL(s) to redirectUris.');
  });

  test('all errors of a client are listed, not only the first', () => {
    const { app, stack, server } = cognitoStack();
    new PublicClient(stack, 'Spa', {
      authorizationServer: server,
      applicationType: ApplicationType.SINGLE_PAGE,
      redirectUris: ['https://spa.example.com/cb'],
      pkce: PkceMethod.NONE,
      idTokenSigningAlgorithm: SigningAlgorithm.HS256,
    });

    const error = synthError(app)!;
    expect(error).toContain("[OAC-060] PublicClient 'Stack/Spa'");
    expect(error).toContain("[OAC-040] PublicClient 'Stack/Spa'");
    expect(error).toContain("[COG-005] PublicClient 'Stack/Spa'");
  });

  test('Cognito capability rules apply to Cognito clients', () => {
    const { app, stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Api', {
      authorizationServer: server,
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
      scopes: ['openid'],
    });

    const error = synthError(app)!;
    expect(error).toContain("[COG-006] ConfidentialClient 'Stack/Api'");
    expect(error).toContain("[COG-003] ConfidentialClient 'Stack/Api': Cognito allows only custom resource-server scopes with client_credentials, but scope 'openid' was given");
  });

  test('a machine-to-machine client on Cognito without a scope', () => {
    const { app, stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Api', { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE });
    expect(synthError(app)).toContain("[COG-003] ConfidentialClient 'Stack/Api': Cognito needs at least one custom resource-server scope");
  });

  test('the FAPI 2.0 profile adds its rules', () => {
    const { app, stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Bank', { authorizationServer: server, redirectUris: ['https://bank.example.com/cb'], profile: ValidationProfile.FAPI_2_0 });
    const error = synthError(app)!;
    expect(error).toContain("[FAPI-002] ConfidentialClient 'Stack/Bank'");
    expect(error).toContain("[FAPI-005] ConfidentialClient 'Stack/Bank'");
    expect(error).toContain("[FAPI-007] ConfidentialClient 'Stack/Bank'");
  });

  test('on Cognito, the FAPI findings say what Cognito cannot do instead of a setting it refuses', () => {
    const { app, stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Bank', { authorizationServer: server, redirectUris: ['https://bank.example.com/cb'], profile: ValidationProfile.FAPI_2_0 });
    const lines = synthError(app)!.split('\n').filter((l) => l.includes('[FAPI-'));
    const instead = 'register this client with a server that meets FAPI 2.0 (AuthorizationServer.dynamicRegistration), or validate it with ValidationProfile.DEFAULT.';
    expect(lines.map((l) => /\[(FAPI-\d+)\]/.exec(l)![1])).toEqual(['FAPI-002', 'FAPI-003', 'FAPI-005', 'FAPI-007']);
    expect(lines[0]).toContain(`Cognito authenticates clients with a client secret only (COG-006): ${instead}`);
    expect(lines[1]).toContain("but this client's are signed with 'RS256' (FAPI 2.0 SP §5.4.1). Cognito signs ID tokens with RS256 only (COG-005)");
    expect(lines[2]).toContain(`Cognito has no pushed authorization requests (RFC 9126): ${instead}`);
    expect(lines[3]).toContain(`Cognito cannot bind access tokens to DPoP or mTLS: ${instead}`);
    for (const line of lines) expect(line).not.toMatch(/Use TokenEndpointAuthMethod|Set idTokenSigningAlgorithm|Set requirePushed|Set senderConstrained/);
  });

  test('on Cognito, FAPI-001 on a public client says Cognito has no client authentication FAPI 2.0 takes', () => {
    const { app, stack, server } = cognitoStack();
    new PublicClient(stack, 'Wallet', {
      authorizationServer: server, applicationType: ApplicationType.NATIVE, redirectUris: ['com.example.wallet:/cb'], profile: ValidationProfile.FAPI_2_0,
    });
    const line = synthError(app)!.split('\n').find((l) => l.includes('[FAPI-001]'))!;
    expect(line).toContain("[FAPI-001] PublicClient 'Stack/Wallet': FAPI 2.0 allows confidential clients only, but this client is public (FAPI 2.0 SP §5.3.2.1)."
      + ' FAPI 2.0 needs a confidential client with private_key_jwt or mTLS, which Cognito does not have (COG-006): register this client with a'
      + ' server that meets FAPI 2.0 (AuthorizationServer.dynamicRegistration), or validate it with ValidationProfile.DEFAULT.');
  });

  test('on Cognito, the localhost warning (OAC-086) does not send a native app to 127.0.0.1, which Cognito refuses (COG-007)', () => {
    const { app, stack, server } = cognitoStack();
    new PublicClient(stack, 'Cli', { authorizationServer: server, applicationType: ApplicationType.NATIVE, redirectUris: ['http://localhost/callback'] });
    app.synth();
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('OAC-086')).map((w) => String(w.entry.data));
    expect(warnings).toEqual([expect.stringContaining("[OAC-086] PublicClient 'Stack/Cli': redirect URI 'http://localhost/callback' uses the host name"
      + " 'localhost', which is NOT RECOMMENDED (RFC 8252 §8.3). Cognito accepts http callback URLs on localhost only, not on 127.0.0.1 (COG-007)")]);
  });

  test('FAPI-003 does not judge a machine-to-machine client, which gets no ID token', () => {
    const { app, stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Payments', {
      authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['payments/write'], profile: ValidationProfile.FAPI_2_0,
    });
    const error = synthError(app)!;
    expect(error).toContain("[FAPI-002] ConfidentialClient 'Stack/Payments'");
    expect(error).toContain("[FAPI-007] ConfidentialClient 'Stack/Payments'");
    expect(error).not.toContain('FAPI-003');
  });

  test('legacy grants given explicitly are judged, not silently dropped', () => {
    const { app, stack, server } = cognitoStack();
    new PublicClient(stack, 'Legacy', {
      authorizationServer: server,
      applicationType: ApplicationType.SINGLE_PAGE,
      grantTypes: [GrantType.IMPLICIT],
      redirectUris: ['https://spa.example.com/cb'],
    });
    const stackError = synthError(app);
    // Implicit alone on a public client is a warning (OAC-004), not an error: synth succeeds.
    expect(stackError).toBeUndefined();
    // Implicit signs users in too: through Cognito's own sign-in unless other providers are given, with openid by default.
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['implicit'], SupportedIdentityProviders: ['COGNITO'], AllowedOAuthScopes: ['openid'],
    });
  });

  test('a value that is an unresolved token is skipped at synth, not misjudged', () => {
    const { app, stack, server } = cognitoStack();
    const callback = new CfnParameter(stack, 'Callback').valueAsString;
    new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: [callback] });
    expect(synthError(app)).toBeUndefined();
  });

  test('a redirect URI that embeds a token is judged on its literal text: a fragment fails, a token host does not', () => {
    const { app, stack, server } = cognitoStack();
    const domain = new CfnParameter(stack, 'Domain').valueAsString;
    new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: [`https://${domain}/callback`] });
    new ConfidentialClient(stack, 'Legacy', { authorizationServer: server, redirectUris: [`https://${domain}/callback#state`] });

    const error = synthError(app)!;
    expect(error).toMatch(/\[OAC-082\] ConfidentialClient 'Stack\/Legacy': redirect URI 'https:\/\/\$\{Token\[[^\]]+\]\}\/callback#state' includes a fragment/);
    expect(error).not.toContain("'Stack/Web'");
  });

  test('a dynamic reference ({{resolve:ssm:...}}) is decided at deployment, as a token is: judged on the text around it', () => {
    const { app, stack, server } = cognitoStack();
    const callbacks = ['{{resolve:ssm:/app/callback}}', 'https://{{resolve:ssm:/app/host}}/cb'];
    new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: callbacks });
    expect(synthError(app)).toBeUndefined();
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', { CallbackURLs: callbacks });
    const fragment = cognitoStack();
    new ConfidentialClient(fragment.stack, 'Legacy', { authorizationServer: fragment.server, redirectUris: ['https://{{resolve:ssm:/app/host}}/cb#state'] });
    expect(synthError(fragment.app)).toMatch(
      /\[OAC-082\] ConfidentialClient 'Stack\/Legacy': redirect URI 'https:\/\/\{\{resolve:ssm:\/app\/host\}\}\/cb#state' includes a fragment/);
  });
});

describe('acknowledgedRules', () => {
  test('an acknowledged error becomes info: synth succeeds and the template records the reason', () => {
    const { app, stack, server } = cognitoStack();
    new PublicClient(stack, 'Tv', {
      authorizationServer: server,
      applicationType: ApplicationType.NATIVE,
      redirectUris: ['com.example.tv:/cb'],
      pkce: PkceMethod.NONE,
      acknowledgedRules: { 'OAC-060': 'TV app: PKCE is enforced by the gateway in front of Cognito' },
    });
    expect(synthError(app)).toBeUndefined();
    Template.fromStack(stack).hasResource('AWS::Cognito::UserPoolClient', {
      Metadata: {
        'cdk-oauth-clients': {
          construct: 'PublicClient',
          profile: 'default',
          acknowledged: [{ ruleId: 'OAC-060', severity: 'error', reason: 'TV app: PKCE is enforced by the gateway in front of Cognito' }],
        },
      },
    });
  });

  test('a contradiction in terms cannot be acknowledged, and the error says so', () => {
    const { app, stack, server } = cognitoStack();
    new PublicClient(stack, 'Spa', {
      authorizationServer: server,
      applicationType: ApplicationType.SINGLE_PAGE,
      redirectUris: ['https://spa.example.com/cb'],
      idTokenSigningAlgorithm: SigningAlgorithm.HS256,
      acknowledgedRules: { 'OAC-040': 'we really want HS256', 'COG-005': 'and on Cognito' },
    });
    const error = synthError(app)!;
    expect(error).toContain("[OAC-040] PublicClient 'Stack/Spa': symmetric signatures MUST NOT be used by public clients");
    expect(error).toMatch(/\[OAC-040\][^\n]*This rule cannot be acknowledged/);
    expect(error).toMatch(/\[COG-005\][^\n]*This rule cannot be acknowledged/);
  });

  test('an unknown rule ID, or an empty reason, is an error', () => {
    const { app, stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Web', {
      authorizationServer: server,
      redirectUris: ['https://app.example.com/cb'],
      // From JavaScript, a reason may be no string at all; an unknown ID is said to be one, whatever its reason.
      acknowledgedRules: { 'OAC-999': '', 'OAC-061': ' ', 'OAC-085': 42 as unknown as string },
    });
    const error = synthError(app)!;
    expect(error).toContain("ConfidentialClient 'Stack/Web': acknowledgedRules: 'OAC-999' is not a rule ID. Use IDs of the rule reference "
      + "(docs/rules.md), e.g. 'OAC-022'.");
    expect(error).toContain("[OAC-061] ConfidentialClient 'Stack/Web': acknowledgedRules['OAC-061'] has no reason.");
    expect(error).toContain("[OAC-085] ConfidentialClient 'Stack/Web': acknowledgedRules['OAC-085'] has no reason.");
    expect(error).not.toContain('OAC-999] ');
  });
});

describe('scopes are scope tokens (RFC 6749 §3.3)', () => {
  test('a scope with a space is refused on any server, with the list to give instead; nothing is created', () => {
    const { stack, server } = cognitoStack();
    expect(() => new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'], scopes: ['openid email', 'profile'] }))
      .toThrow(new Error("ConfidentialClient 'Stack/Web': scopes 'openid email' is not a scope token (RFC 6749 §3.3: printable ASCII without "
        + "spaces, quotes or backslashes). Give each scope as its own entry: scopes: ['openid', 'email', 'profile']."));
    expect(stack.node.findChild('Web').node.children).toHaveLength(0);

    const dcr = AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' });
    expect(() => new ConfidentialClient(stack, 'Api', {
      authorizationServer: dcr,
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      scopes: ['', 'api:read', 'say "hi"'],
      tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
    })).toThrow(/^ConfidentialClient 'Stack\/Api': scopes '', 'say "hi"' are not a scope token .* scopes: \['api:read', 'say', '"hi"'\]\.$/);
    // THEN not even its signing key was created
    expect(stack.node.findChild('Api').node.children).toHaveLength(0);
  });

  test('a scope that is a token is left to the server', () => {
    const { stack, server } = cognitoStack();
    const scope = new CfnParameter(stack, 'Scope').valueAsString;
    new ConfidentialClient(stack, 'Billing', { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: [scope] });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', { AllowedOAuthScopes: [{ Ref: 'Scope' }] });
  });
});

describe('a URI with white space or an invisible character is no URI (RFC 3986 §2)', () => {
  test('a redirect URI with a space at its end fails synth with OAC-083, which gives the URI without it', () => {
    // Cognito refuses it at deploy time too (its CallbackURLs pattern has no separators or control characters).
    const { app, stack, server } = cognitoStack();
    new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb '] });
    expect(synthError(app)).toContain("[OAC-083] ConfidentialClient 'Stack/Web': redirect URI 'https://app.example.com/cb ' is not an absolute "
      + "URI: it has white space (U+0020) at its end, which no URI has (RFC 6749 §3.1.2). Remove it: 'https://app.example.com/cb'.");
  });

  test('a logout URI with a line break is refused on any server, before anything is created', () => {
    const { stack, server } = cognitoStack();
    expect(() => new PublicClient(stack, 'Spa', {
      authorizationServer: server,
      applicationType: ApplicationType.SINGLE_PAGE,
      redirectUris: ['https://spa.example.com/cb'],
      logoutUris: ['https://spa.example.com/', 'https://spa.example.com/bye\n'],
    })).toThrow(new Error("PublicClient 'Stack/Spa': logout URI 'https://spa.example.com/bye\\u000A' has white space (U+000A) at its end, "
      + "which no URI has. Remove it: 'https://spa.example.com/bye'."));
    expect(stack.node.findChild('Spa').node.children).toHaveLength(0);

    const dcr = AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' });
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: dcr, redirectUris: ['https://app.example.com/cb'], logoutUris: ['https://app.example.com/good bye'],
    })).toThrow("logout URI 'https://app.example.com/good bye' has white space (U+0020) inside it, which no URI has. Remove it, or percent-encode "
      + 'it (a space is %20).');
    expect(stack.node.findChild('Web').node.children).toHaveLength(0);
  });

  test('a relative logout URI is refused on any server: users are sent to it from the server\'s domain; a private-use scheme is absolute', () => {
    const { stack, server } = cognitoStack();
    expect(() => new ConfidentialClient(stack, 'Web', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], logoutUris: ['/signed-out'],
    })).toThrow(new Error("ConfidentialClient 'Stack/Web': logout URI '/signed-out' is not an absolute URI, and the server redirects users to it "
      + "from its own domain after they sign out. Give the full URI with scheme and host, e.g. 'https://app.example.com/signed-out'."));
    expect(stack.node.findChild('Web').node.children).toHaveLength(0);
    // A host that is none is said so
    expect(() => new ConfidentialClient(stack, 'Portal', {
      authorizationServer: server, redirectUris: ['https://app.example.com/cb'], logoutUris: ['https://[::1/signed-out'],
    })).toThrow(new Error("ConfidentialClient 'Stack/Portal': logout URI 'https://[::1/signed-out' is not an absolute URI (its host '[::1' opens an "
      + "IP literal with '[' and does not close it with ']'), and the server redirects users to it from its own domain after they sign out. Give the "
      + "full URI with scheme and host, e.g. 'https://app.example.com/signed-out'."));

    new PublicClient(stack, 'Mobile', {
      authorizationServer: server, applicationType: ApplicationType.NATIVE, redirectUris: ['com.example.app:/cb'], logoutUris: ['com.example.app:/signed-out'],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', { LogoutURLs: ['com.example.app:/signed-out'] });
  });
});
