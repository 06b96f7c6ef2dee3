import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, when } from '../rule';

export const OAC_024: Rule = {
  id: 'OAC-024',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: '`private_key_jwt` without exactly one key source (a KMS key / JWKS / JWKS URI)',
  source: 'RFC 7523, RFC 7591 §2',
  acknowledgeable: true,
  check: (c) => {
    if (c.method !== 'private_key_jwt' || !c.jwks.complete) return [];
    const sources = (c.jwks.values.length > 0 ? 1 : 0) + (c.jwksUri !== undefined ? 1 : 0);
    return when(sources !== 1,
      () => sources === 0
        ? 'private_key_jwt was given without a key, so the server could not verify the client assertion'
        : 'private_key_jwt was given both a JWKS and a JWKS URI; the server must have exactly one key source',
      'Give exactly one of: a KMS signing key, jwks, or jwksUri.');
  },
};
