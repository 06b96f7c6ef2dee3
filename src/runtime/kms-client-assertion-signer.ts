// Application-side helper (not exported from the package index, never loaded at synth):
//   import { KmsClientAssertionSigner } from 'cdk-oauth-clients/lib/runtime/kms-client-assertion-signer.js';
// It needs @aws-sdk/client-kms, which the Lambda runtime provides (elsewhere: install it).
import { createHash, createPublicKey, randomUUID } from 'crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand, SigningAlgorithmSpec } from '@aws-sdk/client-kms';

/** The KMS signing algorithm of each JWS algorithm, and the size of one ECDSA integer. */
const KMS_ALGORITHMS: Record<string, { spec: SigningAlgorithmSpec; ecdsaBytes?: number }> = {
  RS256: { spec: 'RSASSA_PKCS1_V1_5_SHA_256' },
  RS384: { spec: 'RSASSA_PKCS1_V1_5_SHA_384' },
  RS512: { spec: 'RSASSA_PKCS1_V1_5_SHA_512' },
  PS256: { spec: 'RSASSA_PSS_SHA_256' },
  PS384: { spec: 'RSASSA_PSS_SHA_384' },
  PS512: { spec: 'RSASSA_PSS_SHA_512' },
  ES256: { spec: 'ECDSA_SHA_256', ecdsaBytes: 32 },
  ES384: { spec: 'ECDSA_SHA_384', ecdsaBytes: 48 },
  ES512: { spec: 'ECDSA_SHA_512', ecdsaBytes: 66 },
};

/** The `typ` values of a client assertion: the generic `JWT`, or RFC 7523bis's explicit type. */
const CLIENT_ASSERTION_TYPES = ['JWT', 'client-authentication+jwt'] as const;

/** The `typ` of a client assertion: the generic `JWT`, or RFC 7523bis's explicit type. */
export type ClientAssertionType = typeof CLIENT_ASSERTION_TYPES[number];

export interface KmsClientAssertionSignerOptions {
  /** The KMS key (ID, ARN or alias) the client was registered with. */
  readonly keyId: string;
  /**
   * The client ID: the assertion's `iss` and `sub`.
   *
   * @see https://www.rfc-editor.org/rfc/rfc7523#section-3
   */
  readonly clientId: string;
  /**
   * The assertion's `aud`: the server's issuer identifier, which RFC 7523bis and FAPI 2.0 require and servers take; a
   * server that follows RFC 7523 alone may want its token endpoint URL instead.
   *
   * @see https://datatracker.ietf.org/doc/draft-ietf-oauth-rfc7523bis/
   */
  readonly audience: string;
  /**
   * The assertion's `typ` header. `JWT` is what servers have long taken. `client-authentication+jwt` is the explicit
   * type RFC 7523bis defines, which a server that enforces RFC 7523bis requires (Duende IdentityServer's strict client
   * assertion validation does); not every server takes it yet.
   *
   * @default 'JWT'
   * @see https://datatracker.ietf.org/doc/draft-ietf-oauth-rfc7523bis/
   */
  readonly type?: ClientAssertionType;
  /**
   * The JWS algorithm the client was registered with: RS*, PS* or ES* (KMS signs no other).
   *
   * @default 'RS256'
   */
  readonly algorithm?: string;
  /**
   * How long an assertion is valid, in seconds: a whole number, 1 or more.
   *
   * @default 60
   */
  readonly lifetimeSeconds?: number;
  /**
   * The KMS client.
   *
   * @default - a new one for the Lambda's region
   */
  readonly kms?: KMSClient;
}

/** What each required option is, for the error that names it. */
const REQUIRED = {
  keyId: 'KMS key (ID, ARN or alias) the client was registered with',
  clientId: 'client ID, which the assertion carries as iss and sub',
  audience: "server's issuer identifier (or token endpoint URL), which the assertion carries as aud",
} as const;

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** A DER ECDSA signature (what KMS returns) as the fixed-size R‖S that JWS wants (RFC 7518 §3.4). */
export function derToJose(der: Uint8Array, size: number): Buffer {
  const bytes = Buffer.from(der);
  let offset = 2;
  if (bytes[0] !== 0x30) throw new Error('not a DER ECDSA signature');
  // A sequence length over 127 bytes (P-521) is in the long form: 0x81 and one length byte.
  if (bytes[1] >= 0x80) offset = 2 + (bytes[1] - 0x80);
  const integer = (): Buffer => {
    if (bytes[offset] !== 0x02) throw new Error('not a DER ECDSA signature');
    const length = bytes[offset + 1];
    const value = bytes.subarray(offset + 2, offset + 2 + length);
    offset += 2 + length;
    const trimmed = value.subarray(Math.max(0, value.length - size));
    if (value.subarray(0, value.length - trimmed.length).some((b) => b !== 0)) throw new Error('ECDSA integer too large');
    return Buffer.concat([Buffer.alloc(size - trimmed.length), trimmed]);
  };
  return Buffer.concat([integer(), integer()]);
}

/**
 * Signs RFC 7523 client assertions (`private_key_jwt`) with a KMS key: the private key never leaves KMS.
 * RS256 / PS256 / ES256 (and their 384/512 forms), with KMS's semantics (ECDSA signatures come back DER).
 */
export class KmsClientAssertionSigner {
  private readonly kms: KMSClient;
  private readonly algorithm: string;
  private kid?: Promise<string>;

  constructor(private readonly options: KmsClientAssertionSignerOptions) {
    this.algorithm = options.algorithm ?? 'RS256';
    if (!KMS_ALGORITHMS[this.algorithm]) {
      throw new Error(`unsupported client assertion algorithm ${this.algorithm}: KMS signs ${Object.keys(KMS_ALGORITHMS).join(', ')}`);
    }
    if (options.type !== undefined && !(CLIENT_ASSERTION_TYPES as readonly string[]).includes(options.type)) {
      throw new Error(`unsupported client assertion type ${options.type}: use ${CLIENT_ASSERTION_TYPES.join(' or ')}`);
    }
    // Read from the environment, these are easily empty: an assertion without them is refused only at the token endpoint.
    for (const name of ['keyId', 'clientId', 'audience'] as const) {
      if (typeof options[name] !== 'string' || options[name] === '') {
        throw new Error(`client assertion ${name} is ${JSON.stringify(options[name]) ?? 'undefined'}: give the ${REQUIRED[name]}`);
      }
    }
    const lifetime = options.lifetimeSeconds;
    if (lifetime !== undefined && !(Number.isInteger(lifetime) && lifetime >= 1)) {
      throw new Error(`client assertion lifetimeSeconds is ${lifetime}: give a whole number of seconds, 1 or more (for example 60), `
        + 'which the assertion carries as exp - iat (RFC 7523 §3)');
    }
    this.kms = options.kms ?? new KMSClient({});
  }

  /**
   * The key's `kid`: its RFC 7638 thumbprint, as registered. The public key is read once; a failed read (throttling,
   * a key not yet usable) is not remembered, so the next call asks KMS again.
   */
  public keyId(): Promise<string> {
    this.kid ??= this.readKeyId().catch((error) => {
      this.kid = undefined;
      throw error;
    });
    return this.kid;
  }

  private async readKeyId(): Promise<string> {
    const out = await this.kms.send(new GetPublicKeyCommand({ KeyId: this.options.keyId }));
    const { spec } = KMS_ALGORITHMS[this.algorithm];
    if (out.SigningAlgorithms && !out.SigningAlgorithms.includes(spec)) {
      const usable = Object.keys(KMS_ALGORITHMS).filter((alg) => out.SigningAlgorithms!.includes(KMS_ALGORITHMS[alg].spec));
      throw new Error(`KMS key ${this.options.keyId} (${out.KeySpec}) cannot sign ${this.algorithm} client assertions: `
        + `it signs ${usable.join(', ') || 'none of the JWS algorithms'}. Give the algorithm the client was registered with.`);
    }
    const jwk = createPublicKey({ key: Buffer.from(out.PublicKey!), format: 'der', type: 'spki' }).export({ format: 'jwk' });
    // RFC 7638: the required members, in lexicographic order, without white space.
    const members = jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
    return base64url(createHash('sha256').update(JSON.stringify(members)).digest());
  }

  /** A new client assertion (a JWT with a fresh `jti`). */
  public async sign(): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: this.algorithm, typ: this.options.type ?? 'JWT', kid: await this.keyId() };
    const payload = {
      iss: this.options.clientId,
      sub: this.options.clientId,
      aud: this.options.audience,
      jti: randomUUID(),
      iat: now,
      exp: now + (this.options.lifetimeSeconds ?? 60),
    };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
    const { spec, ecdsaBytes } = KMS_ALGORITHMS[this.algorithm];
    const out = await this.kms.send(new SignCommand({
      KeyId: this.options.keyId,
      Message: Buffer.from(signingInput),
      MessageType: 'RAW',
      SigningAlgorithm: spec,
    }));
    const signature = ecdsaBytes ? derToJose(out.Signature!, ecdsaBytes) : Buffer.from(out.Signature!);
    return `${signingInput}.${base64url(signature)}`;
  }
}
