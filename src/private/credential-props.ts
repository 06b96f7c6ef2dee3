import { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { kmsKeyOf } from './kms-key-of';

/** The props of a confidential client that concern where its credentials are kept. */
export interface CredentialProps {
  readonly signingKey?: kms.IKey;
  readonly secretEncryptionKey?: kms.IKey;
  readonly secretRemovalPolicy?: RemovalPolicy;
}

/**
 * The props with the credentials' settings as the backends take them, before anything is created: each KMS key as
 * a key (an alias stands for its target key, see kmsKeyOf), and a removal policy Secrets Manager can honour.
 *
 * @param where what and which construct, for the errors (`ConfidentialClient 'App/Billing'`)
 */
export function credentialProps<T extends CredentialProps>(where: string, props: T): T {
  if (props.secretRemovalPolicy === RemovalPolicy.SNAPSHOT) {
    throw new Error(`${where}: secretRemovalPolicy is RemovalPolicy.SNAPSHOT, but Secrets Manager keeps no snapshots of a secret. Use `
      + 'RemovalPolicy.RETAIN to keep the secret and its client (app client or registration) when the client is removed, or RemovalPolicy.DESTROY '
      + 'to delete it with a 7-day recovery window.');
  }
  return {
    ...props,
    signingKey: props.signingKey && kmsKeyOf(where, 'signingKey', props.signingKey),
    secretEncryptionKey: props.secretEncryptionKey && kmsKeyOf(where, 'secretEncryptionKey', props.secretEncryptionKey),
  };
}
