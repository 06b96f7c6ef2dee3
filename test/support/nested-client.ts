import { NestedStack, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** GIVEN a raw Cognito app client whose callback has a fragment, so that the policy check finds exactly OAC-082 on it. */
export function fragmentCallbackClient(scope: Construct, id: string): cognito.CfnUserPoolClient {
  return new cognito.CfnUserPoolClient(scope, id, {
    userPoolId: 'eu-west-1_p',
    allowedOAuthFlowsUserPoolClient: true,
    allowedOAuthFlows: ['code'],
    allowedOAuthScopes: ['openid'],
    generateSecret: true,
    callbackUrLs: ['https://app.example.com/cb#done'],
  });
}

/** GIVEN that client two nested stacks deep (Parent/Outer/Inner/Web). */
export function nestedInsecureClient(parent: Stack): cognito.CfnUserPoolClient {
  return fragmentCallbackClient(new NestedStack(new NestedStack(parent, 'Outer'), 'Inner'), 'Web');
}
