import { App, CfnCondition, CfnParameter, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as fc from 'fast-check';
import {
  ApplicationType, AuthorizationServer, ConfidentialClient, GrantType, IAuthorizationServer, PkceMethod, PublicClient, Severity, ValidationProfile,
} from '../../src';
import { checkTemplate, TemplateFinding } from '../../src/private/policy/template-checker';
import { makePki } from '../support/pki';

/** The findings of the policy check over a stack's template, built without the constructs' own synth validation. */
type Build = (stack: Stack, server: IAuthorizationServer) => void;

function check(build: Build, profile?: ValidationProfile, dynamicRegistration = false): TemplateFinding[] {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  build(stack, dynamicRegistration ? AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' })
    : AuthorizationServer.cognito(new cognito.UserPool(stack, 'Pool')));
  const template = app.synth({ skipValidation: true }).getStackByName('Stack').template;
  return checkTemplate(template, 'Stack.template.json', { minimumSeverity: Severity.INFO, profile }).findings;
}

const USER_GRANTS = [GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.IMPLICIT];
const PARAMETER = 'https://${Host}/cb';
const OVERRIDE = "found in the template's properties, which an escape hatch or override changed after the construct declared the client";

describe('a client declared with this library is judged by its template properties too', () => {
  test('a callback URL set through node.defaultChild is reported, though the construct never saw it', () => {
    const findings = check((stack, server) => {
      const web = new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'] });
      (web.node.defaultChild as cognito.CfnUserPoolClient).callbackUrLs = ['https://app.example.com/cb#done'];
    });
    const oac082 = findings.filter((f) => f.ruleId === 'OAC-082');
    expect(oac082).toHaveLength(1);
    expect(oac082[0].message).toMatch(/^\[OAC-082\] AWS::Cognito::UserPoolClient 'Web[0-9A-F]{8}' in Stack\.template\.json: .*#done/);
    expect(oac082[0].message).toMatch(/#done'.* \(found in the template's properties, which an escape hatch or override changed after the construct declared the client: remove that change, or declare what you need with the construct's props\)$/);
  });

  test('the implicit grant added with addPropertyOverride is reported', () => {
    const findings = check((stack, server) => {
      const spa = new PublicClient(stack, 'Spa', {
        authorizationServer: server, applicationType: ApplicationType.SINGLE_PAGE, redirectUris: ['https://spa.example.com/cb'],
      });
      (spa.node.defaultChild as cognito.CfnUserPoolClient).addPropertyOverride('AllowedOAuthFlows', ['code', 'implicit']);
    });
    expect(findings.filter((f) => f.message.includes(OVERRIDE)).map((f) => f.ruleId)).toEqual(['OAC-004']);
  });

  test('an override under a CloudFormation condition is reported with the condition', () => {
    const findings = check((stack, server) => {
      const prod = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(new CfnParameter(stack, 'Env').valueAsString, 'prod') });
      const spa = new PublicClient(stack, 'Spa', {
        authorizationServer: server, applicationType: ApplicationType.SINGLE_PAGE, redirectUris: ['https://spa.example.com/cb'],
      });
      (spa.node.defaultChild as cognito.CfnUserPoolClient).addPropertyOverride('AllowedOAuthFlows', Fn.conditionIf(prod.logicalId, ['code'], ['code', 'implicit']));
    });
    const overridden = findings.filter((f) => f.message.includes(OVERRIDE));
    expect(overridden.map((f) => f.ruleId)).toEqual(['OAC-004']);
    expect(overridden[0].message).toContain(`(when IsProd is false) (${OVERRIDE}`);
  });

  test('values the declaration left to the deployment are the declaration\'s findings, with their values, not an override\'s', () => {
    const findings = check((stack, server) => {
      const scheme = new CfnParameter(stack, 'Scheme', { allowedValues: ['https', 'http'] });
      new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: [`${scheme.valueAsString}://app.example.com/cb`] });
      const prod = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(new CfnParameter(stack, 'Env').valueAsString, 'prod') });
      new ConfidentialClient(stack, 'Admin', {
        authorizationServer: server, redirectUris: [Fn.conditionIf(prod.logicalId, 'https://admin.example.com/cb', 'https://admin.example.com/cb#x').toString()],
      });
    }).filter((f) => ['OAC-082', 'OAC-085'].includes(f.ruleId));
    expect(findings.map((f) => `${f.ruleId} ${f.logicalId.replace(/[0-9A-F]{8}$/, '')} ${f.message.split(': ').slice(1).join(': ').replace(/^.* \(when /, '(when ')}`)).toEqual([
      'OAC-085 Web (when parameter Scheme is http)',
      'OAC-082 Admin (when IsProd is false)',
    ]);
  });

  test('a secret removed through the escape hatch is reported on the machine-to-machine client', () => {
    const findings = check((stack, server) => {
      const m2m = new ConfidentialClient(stack, 'Worker', {
        authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api/read'],
      });
      (m2m.node.defaultChild as cognito.CfnUserPoolClient).generateSecret = false;
    });
    expect(findings.filter((f) => f.message.includes(OVERRIDE)).map((f) => f.ruleId).sort()).toEqual(['COG-001', 'OAC-001']);
  });

  test.each([
    ['', undefined],
    [' (a server with a caBundle, which the template holds in its Mappings)', makePki().caPem],
  ])('a dynamically registered client%s: a grant added to the registration\'s ClientMetadata is reported', (_, caBundle) => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const server = AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com', caBundle });
    const web = new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: ['https://app.example.com/cb'] });
    const registration = web.node.findChild('Registration').node.defaultChild as CfnResource;
    registration.addPropertyOverride('ClientMetadata.grant_types', ['authorization_code', 'refresh_token', 'password']);
    const template = app.synth({ skipValidation: true }).getStackByName('Stack').template;
    const findings = checkTemplate(template, 'Stack.template.json', { minimumSeverity: Severity.INFO }).findings
      .filter((f) => f.message.includes(OVERRIDE));
    expect(findings.map((f) => f.ruleId)).toEqual(['OAC-002']);
    expect(findings[0].message).toMatch(/^\[OAC-002\] Custom::OAuthClientRegistration 'WebRegistration[0-9A-F]{8}' in Stack\.template\.json: .*password/);
  });

  test('a dynamically registered client: redirect URIs overridden with an intrinsic are judged on their literal text, as on Cognito', () => {
    const findings = (override?: (stack: Stack) => unknown) => check((stack, server) => {
      const host = new CfnParameter(stack, 'Host').valueAsString;
      const web = new ConfidentialClient(stack, 'Web', { authorizationServer: server, redirectUris: [`https://${host}/cb`, 'https://app.example.com/cb'] });
      const registration = web.node.findChild('Registration').node.defaultChild as CfnResource;
      if (override) registration.addPropertyOverride('ClientMetadata.redirect_uris', override(stack));
    }, undefined, true).filter((f) => f.message.includes(OVERRIDE));
    // The declaration's own intrinsic (a parameter's host) adds nothing.
    expect(findings()).toEqual([]);
    const overridden = findings((stack) => [Fn.join('', ['http://app.example.com/', new CfnParameter(stack, 'Path').valueAsString, '#x'])]);
    expect(overridden.map((f) => f.ruleId)).toEqual(['OAC-082', 'OAC-085']);
    expect(overridden[0].message).toContain("redirect URI 'http://app.example.com/${Token[Path]}#x' includes a fragment");
  });

  test('a registration control overridden with a parameter is not known at synth: judged as declared, not as off', () => {
    const overridden = (value: (stack: Stack) => unknown) => {
      const app = new App();
      const stack = new Stack(app, 'Stack');
      const cli = new PublicClient(stack, 'Cli', {
        authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' }),
        applicationType: ApplicationType.NATIVE,
        redirectUris: ['http://127.0.0.1/callback'],
        senderConstrainedTokens: true,
        refreshTokenRotation: false,
      });
      const registration = cli.node.findChild('Registration').node.defaultChild as CfnResource;
      registration.addPropertyOverride('ClientMetadata.dpop_bound_access_tokens', value(stack));
      const template = app.synth({ skipValidation: true }).getStackByName('Stack').template;
      return checkTemplate(template, 'Stack.template.json').findings.filter((f) => f.message.includes(OVERRIDE)).map((f) => f.ruleId);
    };
    // Refresh tokens of a public client that neither rotate nor are sender-constrained: OAC-120, from the override.
    expect(overridden(() => false)).toEqual(['OAC-120']);
    expect(overridden((stack) => new CfnParameter(stack, 'Dpop', { type: 'String' }).valueAsString)).toEqual([]);
  });

  test('an acknowledged rule stays acknowledged when the properties show it too', () => {
    const findings = check((stack, server) => {
      new PublicClient(stack, 'Spa', {
        authorizationServer: server,
        applicationType: ApplicationType.SINGLE_PAGE,
        grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.IMPLICIT],
        redirectUris: ['https://spa.example.com/cb'],
        acknowledgedRules: { 'OAC-004': 'legacy widget, removed in Q3' },
      });
    });
    expect(findings.map((f) => f.ruleId)).not.toContain('OAC-004');
  });

  test('without an override, the properties add no finding to the declaration (any declared client, either backend, any severity)', () => {
    const declared = fc.record({
      confidential: fc.boolean(),
      app: fc.constantFrom(ApplicationType.WEB, ApplicationType.NATIVE, ApplicationType.SINGLE_PAGE),
      grants: fc.option(fc.subarray(USER_GRANTS, { minLength: 1 }), { nil: undefined }),
      pkce: fc.option(fc.constantFrom(PkceMethod.S256, PkceMethod.PLAIN, PkceMethod.NONE), { nil: undefined }),
      m2m: fc.boolean(),
      redirectUris: fc.subarray(['https://app.example.com/cb', 'http://localhost/cb', 'com.example.app:/cb', 'http://127.0.0.1:8080/cb',
        'https://*.example.com/cb', 'https://app.example.com/cb#x', 'myapp:/cb', PARAMETER], { minLength: 1 }),
      clientName: fc.option(fc.constantFrom('web', 'x'.repeat(129)), { nil: undefined }),
      scopes: fc.option(fc.subarray(['openid', 'email', 'profile', 'api/read']), { nil: undefined }),
      rotation: fc.option(fc.boolean(), { nil: undefined }),
      profile: fc.constantFrom(ValidationProfile.DEFAULT, ValidationProfile.FAPI_2_0),
      dynamicRegistration: fc.boolean(),
    });
    fc.assert(fc.property(declared, (d) => {
      // Settings the client would ignore are refused before it is made (ignored-settings.test.ts): PKCE without the
      // authorization code grant, rotation without refresh tokens (which Cognito issues with authorization_code; a
      // registered client gets them with the refresh_token grant).
      const grants = d.grants ?? [GrantType.AUTHORIZATION_CODE];
      fc.pre(d.confidential && d.m2m || d.pkce === undefined || d.pkce === PkceMethod.NONE || grants.includes(GrantType.AUTHORIZATION_CODE));
      const refreshTokens = grants.includes(GrantType.REFRESH_TOKEN) || !d.dynamicRegistration && grants.includes(GrantType.AUTHORIZATION_CODE);
      fc.pre(d.confidential && d.m2m || d.rotation !== true || refreshTokens);
      // On Cognito, a client that signs users in names openid with email or profile (cognito-clients.test.ts).
      const signsIn = grants.includes(GrantType.AUTHORIZATION_CODE) || grants.includes(GrantType.IMPLICIT);
      fc.pre(d.confidential && d.m2m || !signsIn || !d.scopes || d.scopes.includes('openid') || !d.scopes.some((s) => s === 'email' || s === 'profile'));
      const findings = check((stack, server) => {
        const redirectUris = d.redirectUris.map((u) => (u === PARAMETER ? `https://${new CfnParameter(stack, 'Host').valueAsString}/cb` : u));
        const props = {
          authorizationServer: server,
          grantTypes: d.grants,
          pkce: d.pkce,
          redirectUris,
          scopes: d.scopes,
          refreshTokenRotation: d.rotation,
          profile: d.profile,
          clientName: d.clientName,
        };
        if (d.confidential && d.m2m) {
          new ConfidentialClient(stack, 'Client', {
            authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api/read'], profile: d.profile,
          });
        } else if (d.confidential) {new ConfidentialClient(stack, 'Client', { ...props, applicationType: ApplicationType.WEB });} else {new PublicClient(stack, 'Client', { ...props, applicationType: d.app === ApplicationType.WEB ? ApplicationType.NATIVE : d.app });}
      }, d.profile, d.dynamicRegistration);
      expect(findings.filter((f) => f.message.includes(OVERRIDE))).toEqual([]);
    }), { numRuns: 150 });
  });
});
