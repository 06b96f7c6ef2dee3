import { generateKeyPairSync, sign, verify } from 'crypto';
import { derToJose } from '../../src/runtime/kms-client-assertion-signer';

describe('derToJose: KMS ECDSA signatures (DER) as JWS R‖S', () => {
  test.each([['P-256', 32], ['P-384', 48], ['P-521', 66]] as const)('%s: verifies as an IEEE P1363 signature of %d-byte integers', (curve, size) => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
    for (let i = 0; i < 20; i++) {
      const message = Buffer.from(`message ${i}`);
      const der = sign(null, message, { key: privateKey, dsaEncoding: 'der' });
      const raw = derToJose(der, size);
      expect(raw).toHaveLength(2 * size);
      expect(verify(null, message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
    }
  });

  test('a signature that is not DER is refused', () => {
    expect(() => derToJose(Buffer.alloc(64, 1), 32)).toThrow('not a DER ECDSA signature');
  });
});
