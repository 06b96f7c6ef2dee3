import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
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

/**
 * The raw client `Web` in a stack with a parameter Env (dev or prod): its callback is http:// when Env is dev, so
 * the policy check finds OAC-085 and COG-007 there (`when IsDev is true` while Env is unknown).
 */
export function devHttpClient(stack: Stack): cognito.CfnUserPoolClient {
  const env = new CfnParameter(stack, 'Env', { allowedValues: ['dev', 'prod'] });
  const isDev = new CfnCondition(stack, 'IsDev', { expression: Fn.conditionEquals(env.valueAsString, 'dev') });
  return rawWebClient(stack, Fn.conditionIf(isDev.logicalId, 'http://app.example.com/cb', 'https://app.example.com/cb').toString());
}
