import { Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { KMS_SPECS_BY_ALG, isRsaSpec, keySpecBits } from './kms-signing-specs';
import { KeyDescription } from '../client-description';
import { KeyType } from '../key-type';
import { SigningAlgorithm } from '../signing-algorithm';
import { TokenEndpointAuthMethod } from '../token-endpoint-auth-method';

/** The props of a confidential client that concern its `private_key_jwt` key. */
export interface SigningKeyProps {
  readonly signingKey?: kms.IKey;
  readonly tokenEndpointAuthSigningAlgorithm?: SigningAlgorithm;
}

/** The client's assertion key: the one given, or a new one; and what the engine knows of it. */
export interface SigningKey {
  readonly key: kms.IKey;
  readonly algorithm: SigningAlgorithm;
  readonly description: KeyDescription;
}

/**
 * The key a `private_key_jwt` client signs its assertions with. Refuses, before anything is created, a key or an
 * algorithm given to a client of another method (it would be ignored), an algorithm no KMS key can sign, and a key
 * of this app whose spec or usage cannot sign it. A key imported by ARN is checked by the provider at deploy time.
 */
export function signingKeyFor(
  scope: Construct, what: string, props: SigningKeyProps, method: TokenEndpointAuthMethod, fapi: boolean,
): SigningKey | undefined {
  const where = `${what} '${scope.node.path}'`;
  if (method.value !== TokenEndpointAuthMethod.PRIVATE_KEY_JWT.value) {
    const given = [props.signingKey && 'signingKey', props.tokenEndpointAuthSigningAlgorithm && 'tokenEndpointAuthSigningAlgorithm'].filter(Boolean);
    if (given.length === 0) return undefined;
    throw new Error(`${where}: ${given.join(' and ')} ${given.length > 1 ? 'are' : 'is'} for private_key_jwt, but tokenEndpointAuthMethod is `
      + `${method.value}, which would ignore ${given.length > 1 ? 'them' : 'it'}. Set tokenEndpointAuthMethod: TokenEndpointAuthMethod.PRIVATE_KEY_JWT, `
      + `or remove ${given.join(' and ')}.`);
  }
  const algorithm = props.tokenEndpointAuthSigningAlgorithm ?? (fapi ? SigningAlgorithm.PS256 : SigningAlgorithm.RS256);
  const specs = KMS_SPECS_BY_ALG[algorithm.value];
  if (!specs) {
    throw new Error(`${where}: tokenEndpointAuthSigningAlgorithm ${algorithm.value} cannot be signed with a KMS key. `
      + 'Use RS256, PS256 or ES256 (or their 384 and 512 forms).');
  }
  const declared = props.signingKey ? declaredSpec(props.signingKey) : undefined;
  if (declared && (!specs.includes(declared.spec) || declared.usage !== kms.KeyUsage.SIGN_VERIFY)) {
    const needed = specs.length > 1 ? `${specs.slice(0, -1).join(', ')} or ${specs[specs.length - 1]}` : specs[0];
    throw new Error(`${where}: signingKey '${props.signingKey!.node.path}' is a key of spec ${declared.spec} for ${declared.usage}, but `
      + `${algorithm.value} assertions need a key of spec ${needed} for SIGN_VERIFY. Declare it with keySpec: kms.KeySpec.${specs[0]}, `
      + 'keyUsage: kms.KeyUsage.SIGN_VERIFY, or leave signingKey out for a new one.');
  }
  const key = props.signingKey ?? new kms.Key(scope, 'SigningKey', {
    description: `private_key_jwt signing key of OAuth client ${scope.node.path} (cdk-oauth-clients)`,
    keySpec: specs[0] as kms.KeySpec,
    keyUsage: kms.KeyUsage.SIGN_VERIFY,
  });
  // A KMS key of an unknown spec has at least the smallest size the algorithm allows.
  const spec = declared?.spec ?? specs[0];
  return { key, algorithm, description: { keyType: isRsaSpec(spec) ? KeyType.RSA : KeyType.EC, sizeBits: keySpecBits(spec) } };
}

/** The spec and usage of a key declared in this app (CloudFormation's defaults when unset); undefined when unknown. */
function declaredSpec(key: kms.IKey): { spec: kms.KeySpec; usage: kms.KeyUsage } | undefined {
  const resource = key.node.defaultChild;
  if (!(resource instanceof kms.CfnKey)) return undefined;
  const spec = resource.keySpec ?? kms.KeySpec.SYMMETRIC_DEFAULT;
  const usage = resource.keyUsage ?? kms.KeyUsage.ENCRYPT_DECRYPT;
  if (Token.isUnresolved(spec) || Token.isUnresolved(usage)) return undefined;
  return { spec: spec as kms.KeySpec, usage: usage as kms.KeyUsage };
}
