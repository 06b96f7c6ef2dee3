import * as cognito from 'aws-cdk-lib/aws-cognito';

/** How a template names a user pool resource's ID: its `Ref`, or its `UserPoolId` attribute (`Fn::GetAtt`). */
export function resourceIdNames(pool: cognito.CfnUserPool): readonly string[] {
  return [pool.ref, pool.attrUserPoolId];
}

/**
 * The ways the app's resources may name this user pool's ID: its `userPoolId`, and for a pool of the app the `Ref`
 * and the `UserPoolId` attribute of its resource, which a raw resource of the pool may use instead. Resources of the
 * pool (resource servers, identity providers, domains) are told by these.
 */
export function poolIdNames(userPool: cognito.IUserPool): readonly string[] {
  const resource = userPool.node.defaultChild;
  return resource instanceof cognito.CfnUserPool ? [userPool.userPoolId, ...resourceIdNames(resource)] : [userPool.userPoolId];
}
