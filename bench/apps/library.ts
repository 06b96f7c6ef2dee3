// A. This library: N confidential + N public Cognito clients.
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { join } from 'path';
import { args, synthesize } from './shared';

// The compiled library, as users get it (this file runs from bench/out/apps/).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ApplicationType, AuthorizationServer, ConfidentialClient, PublicClient }: typeof import('../../lib') = require(join(__dirname, '..', '..', '..', 'lib'));

/** 2 resources per confidential client, 1 per public client, 7 per stack (pool + provider): 160 pairs fit in 500. */
export const PAIRS_PER_STACK = 160;

const { n, outdir } = args();
synthesize(outdir, n, PAIRS_PER_STACK, (app, index, from, to) => {
  const stack = new Stack(app, `Library${index}`);
  const server = AuthorizationServer.cognito(new cognito.UserPool(stack, 'Users'));
  for (let i = from; i < to; i++) {
    new ConfidentialClient(stack, `Web${i}`, { authorizationServer: server, redirectUris: [`https://app${i}.example.com/callback`] });
    new PublicClient(stack, `Spa${i}`, {
      authorizationServer: server,
      applicationType: ApplicationType.SINGLE_PAGE,
      redirectUris: [`https://spa${i}.example.com/callback`],
    });
  }
});
