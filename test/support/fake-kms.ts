import { constants, createPublicKey, generateKeyPairSync, KeyObject, sign } from 'crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';
import { awsError } from './fake-secrets-manager';

export type KeySpec = 'RSA_2048' | 'ECC_NIST_P256' | 'ECC_NIST_P384' | 'ECC_NIST_P521';

interface FakeKey {
  readonly spec: KeySpec;
  readonly privateKey: KeyObject;
}

const RSA_ALGORITHMS = ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512',
  'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512'];

/** The signing algorithms KMS offers for each key spec (an ECC key signs with the hash of its curve's size only). */
const ALGORITHMS: Record<KeySpec, string[]> = {
  RSA_2048: RSA_ALGORITHMS,
  ECC_NIST_P256: ['ECDSA_SHA_256'],
  ECC_NIST_P384: ['ECDSA_SHA_384'],
  ECC_NIST_P521: ['ECDSA_SHA_512'],
};

const CURVES: Record<string, string> = { ECC_NIST_P256: 'P-256', ECC_NIST_P384: 'P-384', ECC_NIST_P521: 'P-521' };

/**
 * An in-memory KMS for asymmetric signing keys with the service's semantics: GetPublicKey returns the SPKI DER,
 * Sign computes a real signature with a local key of the same spec (RSASSA-PKCS1-v1_5 and PSS raw bytes,
 * ECDSA as DER), RAW messages are limited to 4096 bytes, and the algorithm must fit the key spec.
 */
export class FakeKms {
  public readonly mock: AwsStub<any, any, any>;
  public readonly keys = new Map<string, FakeKey>();
  public signatures = 0;
  /** How many of the next calls KMS refuses with ThrottlingException (the service's "Rate exceeded"). */
  public throttle = 0;

  constructor() {
    this.mock = mockClient(KMSClient);
    this.mock.on(GetPublicKeyCommand).callsFake((input) => {
      this.throttled();
      const key = this.find(input.KeyId);
      return {
        KeyId: input.KeyId,
        KeySpec: key.spec,
        KeyUsage: 'SIGN_VERIFY',
        PublicKey: new Uint8Array(createPublicKey(key.privateKey).export({ format: 'der', type: 'spki' })),
        SigningAlgorithms: ALGORITHMS[key.spec],
      };
    });
    this.mock.on(SignCommand).callsFake((input) => {
      this.throttled();
      const key = this.find(input.KeyId);
      if (!ALGORITHMS[key.spec].includes(input.SigningAlgorithm)) {
        throw awsError('InvalidKeyUsageException', `${input.SigningAlgorithm} is not valid for key spec ${key.spec}`);
      }
      if (input.MessageType !== 'RAW') throw awsError('ValidationException', 'this double signs RAW messages only');
      const message = Buffer.from(input.Message);
      if (message.length > 4096) throw awsError('ValidationException', 'Message must be at most 4096 bytes for MessageType RAW');
      this.signatures++;
      const algorithm: string = input.SigningAlgorithm;
      const bits = Number(algorithm.slice(-3));
      const hash = `sha${bits}`;
      // PSS with a salt as long as the hash; ECDSA signatures come back DER-encoded, as KMS returns them.
      const signature = algorithm.startsWith('RSASSA_PSS')
        ? sign(hash, message, { key: key.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: bits / 8 })
        : algorithm.startsWith('ECDSA')
          ? sign(hash, message, { key: key.privateKey, dsaEncoding: 'der' })
          : sign(hash, message, key.privateKey);
      return { KeyId: input.KeyId, Signature: new Uint8Array(signature), SigningAlgorithm: input.SigningAlgorithm };
    });
  }

  /** Creates a key and returns its ARN. */
  public createKey(spec: KeySpec): string {
    const arn = `arn:aws:kms:eu-west-1:123456789012:key/${spec.toLowerCase()}-${this.keys.size + 1}`;
    const { privateKey } = spec === 'RSA_2048'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: CURVES[spec] });
    this.keys.set(arn, { spec, privateKey });
    return arn;
  }

  public restore(): void {
    this.mock.restore();
  }

  private throttled(): void {
    if (this.throttle > 0) {
      this.throttle--;
      throw awsError('ThrottlingException', 'Rate exceeded');
    }
  }

  private find(keyId: string): FakeKey {
    const key = this.keys.get(keyId);
    if (!key) throw awsError('NotFoundException', `Key '${keyId}' does not exist`);
    return key;
  }
}
