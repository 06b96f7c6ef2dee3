// A, machine to machine: N confidential clients with a resource server's scope (client credentials), on pools with a
// domain and a resource server. Informational: the targets are judged on A and B.
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { join } from 'path';
import { args, synthesize } from './shared';

// The compiled library, as users get it (this file runs from bench/out/apps/).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ApplicationType, AuthorizationServer, ConfidentialClient }: typeof import('../../lib') = require(join(__dirname, '..', '..', '..', 'lib'));

/** 2 resources per client, 9 per stack (pool, domain, resource server, provider): 240 clients fit in 500. */
export const CLIENTS_PER_STACK = 240;

const { n, outdir } = args();
synthesize(outdir, n, CLIENTS_PER_STACK, (app, index, from, to) => {
  const stack = new Stack(app, `LibraryM2m${index}`);
  const pool = new cognito.UserPool(stack, 'Users');
  const domain = pool.addDomain('Domain', { cognitoDomain: { domainPrefix: `bench-m2m-${index}` } });
  pool.addResourceServer('Api', { identifier: 'api', scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' })] });
  const server = AuthorizationServer.cognito(pool, { domain });
  for (let i = from; i < to; i++) {
    new ConfidentialClient(stack, `Api${i}`, { authorizationServer: server, applicationType: ApplicationType.MACHINE_TO_MACHINE, scopes: ['api/read'] });
  }
});
