// KMS public key → JWK, with jose (bundled into the handler; never loaded at synth).
import { createPublicKey } from 'crypto';
import { calculateJwkThumbprint, exportJWK, JWK } from 'jose';
import { ProviderError } from './cfn-event';
import { algorithmsOfSpec, KMS_SPECS_BY_ALG } from '../kms-signing-specs';

/** The JWK of a KMS public key, with `kid` = its RFC 7638 thumbprint and the algorithm the client signs with. */
export async function kmsPublicJwk(spki: Uint8Array, keySpec: string, alg: string): Promise<JWK & { kid: string; alg: string; use: 'sig' }> {
  if (!(KMS_SPECS_BY_ALG[alg] ?? []).includes(keySpec)) {
    const algs = algorithmsOfSpec(keySpec);
    throw new ProviderError(`a KMS key of spec ${keySpec} cannot sign ${alg}; use ${algs.length > 0 ? algs.join(', ') : 'an RSA or NIST-curve key for SIGN_VERIFY'}`);
  }
  // KMS returns the public key as DER SubjectPublicKeyInfo, which Node's KeyObject reads as it is.
  const jwk = await exportJWK(createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }));
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg, use: 'sig' };
}
