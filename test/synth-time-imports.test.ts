// jose is ESM-only and the AWS SDK belongs to the Lambda runtime: neither may load when a user's app synthesizes.
const FORBIDDEN = ['jose', '@aws-sdk/client-kms', '@aws-sdk/client-secrets-manager', '@aws-sdk/client-cognito-identity-provider'];
for (const name of FORBIDDEN) {
  jest.mock(name, () => {
    throw new Error(`${name} was loaded at synth time`);
  });
}

test('the library synthesizes every kind of client without loading jose or the AWS SDK', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { App, Stack, Validations } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  const cognito = require('aws-cdk-lib/aws-cognito') as typeof import('aws-cdk-lib/aws-cognito');
  const lib = require('../src') as typeof import('../src');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const app = new App();
  const plugin = new lib.OAuthClientPolicy();
  const validate = jest.spyOn(plugin, 'validate');
  Validations.of(app).addPlugins(plugin);
  const stack = new Stack(app, 'Stack');
  const pool = lib.AuthorizationServer.cognito(new cognito.UserPool(stack, 'Pool'));
  const dcr = lib.AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' });
  new lib.ConfidentialClient(stack, 'Web', { authorizationServer: pool, redirectUris: ['https://a.example.com/cb'] });
  new lib.PublicClient(stack, 'Spa', { authorizationServer: pool, applicationType: lib.ApplicationType.SINGLE_PAGE, redirectUris: ['https://s.example.com/cb'] });
  new lib.ConfidentialClient(stack, 'Api', {
    authorizationServer: dcr,
    applicationType: lib.ApplicationType.MACHINE_TO_MACHINE,
    tokenEndpointAuthMethod: lib.TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
    scopes: ['api:read'],
  });
  // (the policy-validation report goes to stderr)
  const report = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  expect(app.synth().getStackByName('Stack').template.Resources).toBeDefined();
  // The policy check ran over the template and found nothing (it loads neither either).
  expect(validate).toHaveBeenCalledTimes(1);
  expect(validate).toHaveReturnedWith({ success: true, violations: [] });
  report.mockRestore();
});

test('the constructs do not load the policy check: an app loads it only when the plugin runs', () => {
  // A stand-in module registry, so the library is loaded afresh here and the template checker's first load is seen.
  const loaded: string[] = [];
  jest.isolateModules(() => {
    jest.doMock('../src/private/policy/template-checker', () => {
      loaded.push('template-checker');
      return jest.requireActual('../src/private/policy/template-checker');
    });
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { App, Stack } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
    const cognito = require('aws-cdk-lib/aws-cognito') as typeof import('aws-cdk-lib/aws-cognito');
    const lib = require('../src') as typeof import('../src');
    const { fragmentCallbackClient } = require('./support/nested-client') as typeof import('./support/nested-client');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const pool = lib.AuthorizationServer.cognito(new cognito.UserPool(stack, 'Pool'));
    new lib.ConfidentialClient(stack, 'Web', { authorizationServer: pool, redirectUris: ['https://a.example.com/cb'] });
    fragmentCallbackClient(stack, 'Raw');
    const assembly = app.synth();
    const plugin = new lib.OAuthClientPolicy();
    expect(loaded).toEqual([]);
    // The checker it then loads judges the template: the raw client's callback has a fragment (OAC-082).
    const report = plugin.validate({ templatePaths: [assembly.getStackByName('Stack').templateFullPath] });
    expect(loaded).toEqual(['template-checker']);
    expect(report.violations.map((v) => v.ruleName)).toEqual(['OAC-082']);
  });
});
