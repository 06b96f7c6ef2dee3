// The provider's real AWS clients against endpoints that take no connection, as Secrets Manager, KMS and Cognito are
// from a VPC with neither a NAT gateway nor interface endpoints for them.
import { getPublicKey, readCognitoClientSecret, readSecret } from '../../src/private/handler/aws';
import { useUnreachableAwsEndpoint } from '../support/local-aws-endpoint';

useUnreachableAwsEndpoint(['SECRETS_MANAGER', 'KMS', 'COGNITO_IDENTITY_PROVIDER']);

/** The error a call failed with (an Error named "answered" when it was answered). */
function failureOf(call: Promise<unknown>): Promise<Error> {
  return call.then(() => Object.assign(new Error('the call was answered'), { name: 'answered' }), (e: Error) => e);
}

test('a call that gets no connection fails after 10 attempts of 3 s, naming the service and the VPC endpoint it needs', async () => {
  const failures = await Promise.all([
    failureOf(readSecret('cdk-oauth-clients/Stack/web/credentials')),
    failureOf(getPublicKey('arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab')),
    failureOf(readCognitoClientSecret('eu-west-1_AbCdEf123', 'client-1')),
  ]);
  const hint = (title: string, endpoint: string) => `no connection to ${title} within 3 s, in 10 attempts. A provider in a `
    + `VPC reaches ${title} through a NAT gateway or an interface VPC endpoint (com.amazonaws.eu-west-1.${endpoint}) with `
    + 'private DNS: give its subnets one, and deploy again.';
  expect(failures.map((e) => [e.name, e.message])).toEqual([
    ['ProviderError', hint('AWS Secrets Manager', 'secretsmanager')],
    ['ProviderError', hint('AWS KMS', 'kms')],
    ['ProviderError', hint('Amazon Cognito', 'cognito-idp')],
  ]);
}, 120_000);
