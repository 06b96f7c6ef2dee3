import { App, Stack } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import {
  ApplicationType, AuthorizationServer, ConfidentialClient, GrantType, PkceMethod, PublicClient, Severity, SigningAlgorithm,
  TokenEndpointAuthMethod, ValidationProfile,
} from '../../src';
import { fromWire } from '../../src/private/engine/wire';
import { droppedControls, errorsAsAsked, worseThanAsked } from '../../src/private/handler/deploy-time-check';
import { checkTemplate } from '../../src/private/policy/template-checker';
import { OAUTH_CLIENT_REGISTRATION } from '../../src/private/provider/resource-types';
import { asCloudFormationSends } from '../support/cfn-response-server';

const GRANTS = [GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.IMPLICIT, GrantType.CLIENT_CREDENTIALS, GrantType.DEVICE_CODE];
const METHODS = [
  TokenEndpointAuthMethod.CLIENT_SECRET_BASIC, TokenEndpointAuthMethod.CLIENT_SECRET_POST, TokenEndpointAuthMethod.CLIENT_SECRET_JWT,
  TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
];
const ALGS = [SigningAlgorithm.RS256, SigningAlgorithm.PS256, SigningAlgorithm.ES256, SigningAlgorithm.HS256, SigningAlgorithm.HS512];
const URIS = ['https://app.example.com/cb', 'http://127.0.0.1/cb', 'com.example.app:/cb', 'http://localhost/cb', 'https://app.example.com/cb?x=1'];

/** Half of each option unset, so the secure defaults are declared often and most clients pass synth. */
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const declared = fc.record({
  confidential: fc.boolean(),
  app: fc.constantFrom(...Object.values(ApplicationType)),
  grants: maybe(fc.subarray(GRANTS, { minLength: 1 })),
  method: maybe(fc.constantFrom(...METHODS)),
  alg: maybe(fc.constantFrom(...ALGS)),
  pkce: maybe(fc.constantFrom(PkceMethod.S256, PkceMethod.PLAIN, PkceMethod.NONE)),
  redirectUris: fc.subarray(URIS),
  scopes: maybe(fc.subarray(['openid', 'email', 'payments'])),
  rotation: maybe(fc.boolean()),
  dpop: maybe(fc.boolean()),
  par: maybe(fc.boolean()),
  profile: fc.constantFrom(ValidationProfile.DEFAULT, ValidationProfile.DEFAULT, ValidationProfile.FAPI_2_0),
});

type Declared = typeof declared extends fc.Arbitrary<infer T> ? T : never;

/** The registration's properties as CloudFormation hands them to the provider, when the app synthesizes; else undefined. */
function registration(d: Declared): Record<string, unknown> | undefined {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const server = AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' });
  const common = {
    authorizationServer: server,
    grantTypes: d.grants,
    idTokenSigningAlgorithm: d.alg,
    pkce: d.pkce,
    redirectUris: d.redirectUris,
    scopes: d.scopes,
    refreshTokenRotation: d.rotation,
    senderConstrainedTokens: d.dpop,
    requirePushedAuthorizationRequests: d.par,
    profile: d.profile,
  };
  try {
    if (d.confidential) {
      const applicationType = [ApplicationType.WEB, ApplicationType.MACHINE_TO_MACHINE].includes(d.app) ? d.app : ApplicationType.WEB;
      new ConfidentialClient(stack, 'Client', { ...common, applicationType, tokenEndpointAuthMethod: d.method });
    } else {
      const applicationType = [ApplicationType.NATIVE, ApplicationType.SINGLE_PAGE].includes(d.app) ? d.app : ApplicationType.NATIVE;
      new PublicClient(stack, 'Client', { ...common, applicationType });
    }
    const template = app.synth().getStackByName('Stack').template;
    const [resource] = Object.values(template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>)
      .filter((r) => r.Type === OAUTH_CLIENT_REGISTRATION);
    // The policy check reads the same template, and finds nothing there that the declaration did not say.
    const overridden = checkTemplate(template, 'Stack.template.json', { minimumSeverity: Severity.INFO }).findings
      .filter((f) => f.message.includes('which an escape hatch or override changed'));
    expect(overridden.map((f) => f.message)).toEqual([]);
    return resource.Properties;
  } catch (e) {
    if ((e as { matcherResult?: unknown }).matcherResult) throw e;
    return undefined; // refused at construction or at synth: nothing reaches the provider
  } finally {
    process.exitCode = 0;
  }
}

describe('a client that passes synth passes the deploy-time check when the server registers what was asked, and the policy check', () => {
  test('for any declared client: no error as asked, nothing worse than asked, no dropped control', () => {
    let judged = 0;
    fc.assert(fc.property(declared, (d) => {
      const p = registration(d);
      if (p === undefined) return;
      judged++;
      // The provider reads the description as CloudFormation hands it over: booleans and numbers as strings.
      const description = fromWire(asCloudFormationSends(p.Description))!;
      const profile = p.Profile as ValidationProfile;
      const acknowledged = p.AcknowledgedRules as string[];
      const metadata = p.ClientMetadata as Record<string, unknown>;
      const method = String(metadata.token_endpoint_auth_method ?? 'client_secret_basic');
      // The server echoes the metadata (RFC 7591 §3.2.1) and issues a 64-byte secret to a secret-based client, as oidc-provider does.
      const registered = { ...metadata, client_id: 'c1', ...(method.startsWith('client_secret') ? { client_secret: 'x'.repeat(86) } : {}) };
      expect(errorsAsAsked(description, profile, acknowledged).map((f) => f.message)).toEqual([]);
      expect(worseThanAsked(description, registered, profile).map((f) => f.message)).toEqual([]);
      expect(droppedControls(description, registered)).toEqual([]);
    }), { numRuns: 300 });
    // The property judged clients, not only refusals (about 60 of the 300 pass synth; 30 is far below any seed's count).
    expect(judged).toBeGreaterThan(30);
  });
});
