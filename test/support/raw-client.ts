import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';

/** A raw confidential Cognito app client `Web` (authorization code, openid) with this callback URL. */
export function rawWebClient(stack: Stack, callback: string): cognito.CfnUserPoolClient {
  return new cognito.CfnUserPoolClient(stack, 'Web', {
    userPoolId: 'eu-west-1_p',
    generateSecret: true,
    allowedOAuthFlowsUserPoolClient: true,
    allowedOAuthFlows: ['code'],
    allowedOAuthScopes: ['openid'],
    callbackUrLs: [callback],
  });
}
