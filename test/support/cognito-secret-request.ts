import { CfnRequest } from '../../src/private/handler/cfn-event';

/** The user pool, key and secret name of the Custom::CognitoClientSecret requests of the handler tests. */
export const POOL = 'eu-west-1_AbCdEfGhI';
export const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
export const NAME = 'cdk-oauth-clients/Stack/StackWebA1B2C3D4';

/**
 * A Custom::CognitoClientSecret request as CloudFormation sends it, for app client `client-1` of POOL unless the
 * properties say otherwise.
 *
 * @param responseUrl where the provider answers (a CfnResponseServer)
 */
export function cognitoSecretRequest(
  responseUrl: string, requestType: CfnRequest['RequestType'], props: Record<string, unknown> = {}, extra: Partial<CfnRequest> = {},
): CfnRequest {
  return {
    RequestType: requestType,
    ResponseURL: responseUrl,
    StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Stack/guid',
    RequestId: `req-${Math.random()}`,
    ResourceType: 'Custom::CognitoClientSecret',
    LogicalResourceId: 'WebSecret',
    ResourceProperties: {
      ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:provider',
      UserPoolId: POOL,
      ClientId: 'client-1',
      SecretName: NAME,
      KmsKeyArn: KEY,
      Issuer: `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`,
      TokenEndpoint: 'https://example.auth.eu-west-1.amazoncognito.com/oauth2/token',
      RemovalPolicy: 'destroy',
      ...props,
    },
    ...extra,
  };
}
