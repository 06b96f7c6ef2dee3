// The provider's AWS KMS call (one file per AWS service; see aws-secrets-manager.ts). The SDK v3 is provided by the Lambda runtime.
import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { ProviderError } from './cfn-event';

let kms: KMSClient | undefined;

function kmsClient(): KMSClient {
  return (kms ??= new KMSClient({}));
}

/** A KMS public key: SPKI DER, its key spec. */
export async function getPublicKey(keyId: string): Promise<{ spki: Uint8Array; keySpec: string }> {
  const out = await kmsClient().send(new GetPublicKeyCommand({ KeyId: keyId }));
  if (!out.PublicKey || !out.KeySpec) throw new ProviderError(`KMS key ${keyId} returned no public key`);
  if (out.KeyUsage !== 'SIGN_VERIFY') throw new ProviderError(`KMS key ${keyId} is not a signing key (KeyUsage ${out.KeyUsage})`);
  return { spki: out.PublicKey, keySpec: out.KeySpec };
}
