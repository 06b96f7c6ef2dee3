import { Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';

/**
 * Where the user pool is: CloudFormation creates an app client in the stack's own account and region only, so a
 * client of a pool elsewhere (UserPool.fromUserPoolArn of another region or account, or a pool ID whose region
 * prefix is another region) could not be created. Judged where both sides are literal.
 */
export function poolPlacementProblems(client: IConstruct, userPool: cognito.IUserPool): string[] {
  const stack = Stack.of(client);
  const literal = (value: string | undefined) => (value !== undefined && !Token.isUnresolved(value) ? value : undefined);
  const [stackRegion, stackAccount] = [literal(stack.region), literal(stack.account)];
  const idRegion = /^([a-z]{2}(?:-[a-z]+)+-\d+)_/.exec(literal(userPool.userPoolId) ?? '')?.[1];
  const poolRegion = literal(userPool.env.region) ?? idRegion;
  const poolAccount = literal(userPool.env.account);
  const where = `user pool '${literal(userPool.userPoolId) ?? userPool.node.path}'`;
  const problems: string[] = [];
  for (const region of new Set([poolRegion, idRegion])) {
    if (region && stackRegion && region !== stackRegion) {
      problems.push(`${where} is in region ${region}, but stack '${stack.node.path}' deploys to ${stackRegion}: CloudFormation creates an app `
        + `client in its stack's region only. Declare the client in a stack of ${region}.`);
    }
  }
  if (poolAccount && stackAccount && poolAccount !== stackAccount) {
    problems.push(`${where} is in account ${poolAccount}, but stack '${stack.node.path}' deploys to ${stackAccount}: CloudFormation creates an `
      + `app client in its stack's account only. Declare the client in a stack of account ${poolAccount}.`);
  }
  return problems;
}

/**
 * Refresh-token rotation is a feature of Cognito's Essentials and Plus feature plans: on a Lite pool,
 * CreateUserPoolClient fails with FeatureUnavailableInTierException. Judged for a pool declared in this app with a
 * literal plan; an imported pool's plan is not known at synth.
 */
export function rotationTierProblems(userPool: cognito.IUserPool): string[] {
  const pool = userPool.node.defaultChild;
  const tier = pool instanceof cognito.CfnUserPool ? pool.userPoolTier : undefined;
  if (tier !== 'LITE') return [];
  return ['refreshTokenRotation: Amazon Cognito offers refresh-token rotation on the Essentials and Plus feature plans only, and user pool '
    + `'${userPool.node.path}' is on the Lite plan (CreateUserPoolClient would fail with FeatureUnavailableInTierException). Give the pool featurePlan: `
    + 'cognito.FeaturePlan.ESSENTIALS, or set refreshTokenRotation: false (a public client then fails OAC-120: its refresh tokens must be '
    + 'rotated or sender-constrained).'];
}
