import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Rule, when } from '../rule';

const MIN_BYTES: Record<string, number> = { HS256: 32, HS384: 48, HS512: 64 };

export const OAC_042: Rule = {
  id: 'OAC-042',
  severity: Severity.ERROR,
  scope: RuleScope.ALL,
  condition: 'HMAC key shorter than the hash: HS256 or `client_secret_jwt` needs a secret of ≥ 32 bytes, HS384 ≥ 48, HS512 ≥ 64 (checked where the secret length is known)',
  source: 'RFC 7518 §3.2, OIDC Core §16.19',
  acknowledgeable: true,
  check: (c) => {
    if (c.clientSecretBytes === undefined) return [];
    const needs: Array<[string, number]> = [];
    if (c.idTokenAlg !== undefined && MIN_BYTES[c.idTokenAlg] !== undefined) needs.push([`ID token algorithm ${c.idTokenAlg}`, MIN_BYTES[c.idTokenAlg]]);
    if (c.method === 'client_secret_jwt') needs.push(['client_secret_jwt (HS256)', MIN_BYTES.HS256]);
    const strictest = needs.sort((a, b) => b[1] - a[1])[0];
    return when(strictest !== undefined && c.clientSecretBytes < strictest[1],
      () => `${strictest[0]} needs a client secret of at least ${strictest[1]} bytes, but the secret has ${c.clientSecretBytes}`,
      `Use a client secret of at least ${strictest?.[1]} bytes, or an asymmetric algorithm.`);
  },
};
