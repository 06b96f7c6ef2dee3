// KMS public key → JWK, with jose (bundled into the handler; never loaded at synth).
import { createPublicKey } from 'crypto';
import { calculateJwkThumbprint, exportJWK, JWK } from 'jose';
import { ProviderError } from './cfn-event';

const ALGS_BY_SPEC: Record<string, string[]> = {
  RSA_2048: ['RS256', 'PS256', 'RS384', 'PS384', 'RS512', 'PS512'],
  RSA_3072: ['RS256', 'PS256', 'RS384', 'PS384', 'RS512', 'PS512'],
  RSA_4096: ['RS256', 'PS256', 'RS384', 'PS384', 'RS512', 'PS512'],
  ECC_NIST_P256: ['ES256'],
  ECC_NIST_P384: ['ES384'],
  ECC_NIST_P521: ['ES512'],
};

export interface PublicJwk {
  readonly jwk: JWK & { kid: string; alg: string; use: 'sig' };
  readonly keyType: 'RSA' | 'EC';
  readonly sizeBits: number;
}

/** The JWK of a KMS public key, with `kid` = its RFC 7638 thumbprint and the algorithm the client signs with. */
export async function kmsPublicJwk(spki: Uint8Array, keySpec: string, alg: string): Promise<PublicJwk> {
  if (!(ALGS_BY_SPEC[keySpec] ?? []).includes(alg)) {
    throw new ProviderError(`a KMS key of spec ${keySpec} cannot sign ${alg}; use ${(ALGS_BY_SPEC[keySpec] ?? ['a supported key spec']).join(', ')}`);
  }
  // KMS returns the public key as DER SubjectPublicKeyInfo, which Node's KeyObject reads as it is.
  const jwk = await exportJWK(createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }));
  const kid = await calculateJwkThumbprint(jwk);
  const keyType = jwk.kty === 'RSA' ? 'RSA' : 'EC';
  const sizeBits = keyType === 'RSA' ? Buffer.from(jwk.n!, 'base64url').length * 8 : Number(keySpec.replace(/\D/g, ''));
  return { jwk: { ...jwk, kid, alg, use: 'sig' }, keyType, sizeBits };
}
