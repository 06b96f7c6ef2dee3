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
