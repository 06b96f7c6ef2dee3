import { NestedStack, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';

/**
 * GIVEN a raw Cognito app client two nested stacks deep (Parent/Outer/Inner/Web) whose callback has a fragment, so
 * that the policy check finds exactly OAC-082 on it.
 */
export function nestedInsecureClient(parent: Stack): cognito.CfnUserPoolClient {
  const inner = new NestedStack(new NestedStack(parent, 'Outer'), 'Inner');
  return new cognito.CfnUserPoolClient(inner, 'Web', {
    userPoolId: 'eu-west-1_p',
    allowedOAuthFlowsUserPoolClient: true,
    allowedOAuthFlows: ['code'],
    allowedOAuthScopes: ['openid'],
    generateSecret: true,
    callbackUrLs: ['https://app.example.com/cb#done'],
  });
}
