// B, machine to machine: what a user writes by hand today for the clients of library-m2m.ts: L2 UserPoolClient with
// client credentials and the resource server's scope, and userPoolClientSecret copied into a Secrets Manager secret.
import { Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { args, synthesize } from './shared';

/** 4 resources per client, 5 per stack (pool, domain, resource server, the secret reader's function and role): 120 clients fit in 500. */
export const CLIENTS_PER_STACK = 120;

const { n, outdir } = args();
synthesize(outdir, n, CLIENTS_PER_STACK, (app, index, from, to) => {
  const stack = new Stack(app, `BaselineM2m${index}`);
  const pool = new cognito.UserPool(stack, 'Users');
  pool.addDomain('Domain', { cognitoDomain: { domainPrefix: `bench-m2m-${index}` } });
  const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' });
  const api = pool.addResourceServer('Api', { identifier: 'api', scopes: [read] });
  for (let i = from; i < to; i++) {
    const client = pool.addClient(`Api${i}`, {
      generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(api, read)] },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
    });
    new secretsmanager.Secret(stack, `Api${i}Secret`, { secretStringValue: client.userPoolClientSecret });
  }
});
