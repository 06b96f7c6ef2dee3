// B. The hand-written baseline a user writes today for the same clients: L2 UserPoolClient, and for the
// confidential ones userPoolClientSecret copied into a Secrets Manager secret.
import { Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { args, synthesize } from './shared';

/** 4 resources per confidential client, 1 per public client, 3 per stack: 99 pairs fit in 500. */
export const PAIRS_PER_STACK = 99;

const { n, outdir } = args();
synthesize(outdir, n, PAIRS_PER_STACK, (app, index, from, to) => {
  const stack = new Stack(app, `Baseline${index}`);
  const pool = new cognito.UserPool(stack, 'Users');
  for (let i = from; i < to; i++) {
    const web = pool.addClient(`Web${i}`, {
      generateSecret: true,
      oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID], callbackUrls: [`https://app${i}.example.com/callback`] },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    new secretsmanager.Secret(stack, `Web${i}Secret`, { secretStringValue: web.userPoolClientSecret });
    pool.addClient(`Spa${i}`, {
      oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID], callbackUrls: [`https://spa${i}.example.com/callback`] },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });
  }
});
