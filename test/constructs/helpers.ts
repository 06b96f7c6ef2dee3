import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AuthorizationServer, IAuthorizationServer } from '../../src';

export interface CognitoFixture {
  readonly app: App;
  readonly stack: Stack;
  readonly userPool: cognito.UserPool;
  readonly server: IAuthorizationServer;
}

/** GIVEN a stack with a Cognito user pool as the authorization server. */
export function cognitoStack(id = 'Stack'): CognitoFixture {
  const app = new App();
  const stack = new Stack(app, id);
  const userPool = new cognito.UserPool(stack, 'Pool');
  return { app, stack, userPool, server: AuthorizationServer.cognito(userPool) };
}

/** Synthesizes the app and returns the error it fails with (or undefined). */
export function synthError(app: App): string | undefined {
  try {
    app.synth();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
