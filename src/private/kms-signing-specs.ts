/**
 * Which KMS asymmetric key specs sign which JWS algorithm (keys for SIGN_VERIFY): pure, so that the construct layer
 * checks a key of the app at synth and the provider checks an imported one at deploy time from one table.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/asymmetric-key-specs.html
 */
const RSA_SPECS = ['RSA_2048', 'RSA_3072', 'RSA_4096'];

export const KMS_SPECS_BY_ALG: Readonly<Record<string, readonly string[]>> = {
  RS256: RSA_SPECS,
  RS384: RSA_SPECS,
  RS512: RSA_SPECS,
  PS256: RSA_SPECS,
  PS384: RSA_SPECS,
  PS512: RSA_SPECS,
  ES256: ['ECC_NIST_P256'],
  ES384: ['ECC_NIST_P384'],
  ES512: ['ECC_NIST_P521'],
};

/** The algorithms a key of this spec signs (none for a spec that cannot sign a client assertion). */
export function algorithmsOfSpec(keySpec: string): string[] {
  return Object.keys(KMS_SPECS_BY_ALG).filter((alg) => KMS_SPECS_BY_ALG[alg].includes(keySpec));
}

/** Whether a key of this spec is an RSA key. */
export function isRsaSpec(keySpec: string): boolean {
  return RSA_SPECS.includes(keySpec);
}

/** The size of a key of this spec, in bits. */
export function keySpecBits(keySpec: string): number {
  return Number(keySpec.replace(/\D/g, ''));
}
