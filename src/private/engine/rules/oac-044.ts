import { KeyType } from '../../../key-type';
import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { ValidationProfile } from '../../../validation-profile';
import { Rule } from '../rule';

export const OAC_044: Rule = {
  id: 'OAC-044',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'RSA key < 2048 bits (or EC key < 224 bits under FAPI)',
  source: 'RFC 7518 §3.3, FAPI 2.0 §5.4.1',
  acknowledgeable: true,
  check: (c) => c.jwks.values.flatMap((key) => {
    if (key.keyType === KeyType.RSA && key.sizeBits < 2048) {
      return [{ problem: `an RSA key must have at least 2048 bits, but a key of ${key.sizeBits} bits was given`, fix: 'Use an RSA key of 2048 bits or more (KMS RSA_2048).' }];
    }
    if (c.profile === ValidationProfile.FAPI_2_0 && key.keyType === KeyType.EC && key.sizeBits < 224) {
      return [{ problem: `FAPI 2.0 requires EC keys of at least 224 bits, but a key of ${key.sizeBits} bits was given`, fix: 'Use an EC key on P-256 or larger (KMS ECC_NIST_P256).' }];
    }
    return [];
  }),
};
