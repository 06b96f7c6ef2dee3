import { ApplicationType } from '../../application-type';
import { ClientDescription, KeyDescription } from '../../client-description';
import { ClientType } from '../../client-type';
import { GrantType } from '../../grant-type';
import { KeyType } from '../../key-type';
import { PkceMethod } from '../../pkce-method';
import { SigningAlgorithm } from '../../signing-algorithm';
import { TokenEndpointAuthMethod } from '../../token-endpoint-auth-method';

/**
 * A client description as plain JSON (wire values): what the constructs record in template metadata and
 * what the template mapper and the deploy-time handler read back.
 */
export interface WireDescription {
  readonly clientType: string;
  readonly applicationType?: string;
  readonly grantTypes: unknown[];
  readonly responseTypes?: unknown[];
  readonly tokenEndpointAuthMethod?: unknown;
  readonly idTokenSigningAlgorithm?: unknown;
  readonly pkce?: string;
  readonly redirectUris?: unknown[];
  readonly scopes?: unknown[];
  readonly clientName?: unknown;
  readonly generateSecret?: boolean;
  readonly clientSecretBytes?: number;
  readonly jwks?: Array<{ keyType: string; sizeBits: number }>;
  readonly jwksUri?: string;
  readonly refreshTokenRotation?: boolean;
  readonly senderConstrainedTokens?: boolean;
  readonly requirePushedAuthorizationRequests?: boolean;
}

export function toWire(d: ClientDescription): WireDescription {
  return JSON.parse(JSON.stringify({
    ...d,
    grantTypes: d.grantTypes.map((g) => g.value),
    tokenEndpointAuthMethod: d.tokenEndpointAuthMethod?.value,
    idTokenSigningAlgorithm: d.idTokenSigningAlgorithm?.value,
  }));
}

/** The marker the engine treats as an unresolved value: what a CloudFormation intrinsic (or a part of one) becomes. */
export const UNRESOLVED = '${Token[cloudformation-intrinsic]}';

/** A JSON object (not an array, not null), as read from a template; else undefined. */
export function jsonObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

/** `{ Ref }`, `{ Fn::GetAtt }`, `{ Fn::Sub }`, ... */
export function isIntrinsic(value: unknown): boolean {
  const r = jsonObject(value);
  if (!r) return false;
  const keys = Object.keys(r);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::') || keys[0] === 'Condition');
}

/** A string; an intrinsic as its text with the unresolved marker for what only deployment decides; else undefined. */
export function wireString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isIntrinsic(value)) return intrinsicText(value as Record<string, unknown>);
  return undefined;
}

/**
 * `Fn::Join` and `Fn::Sub` keep their literal text (`https://` + a domain + `/callback`), so a rule can judge
 * what the template already decides; every value known only at deployment becomes the unresolved marker.
 */
function intrinsicText(value: Record<string, unknown>): string {
  const join = value['Fn::Join'];
  if (Array.isArray(join) && join.length === 2 && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((part) => (typeof part === 'string' ? part : isIntrinsic(part) ? intrinsicText(part) : UNRESOLVED)).join(join[0]);
  }
  const sub = value['Fn::Sub'];
  const [template, variables] = Array.isArray(sub) ? sub : [sub, {}];
  if (typeof template === 'string') {
    const given = (typeof variables === 'object' && variables !== null ? variables : {}) as Record<string, unknown>;
    return template.replace(/\$\{([^}]*)\}/g, (_, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      const variable = given[name];
      return typeof variable === 'string' ? variable : isIntrinsic(variable) ? intrinsicText(variable as Record<string, unknown>) : UNRESOLVED;
    });
  }
  return UNRESOLVED;
}

/** A list of strings: an intrinsic list becomes one unresolved entry; entries of other types are dropped. */
export function wireList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (isIntrinsic(value)) return [UNRESOLVED];
  if (!Array.isArray(value)) return undefined;
  return value.map(wireString).filter((v): v is string => v !== undefined);
}

/** The value if it is one of the given ones. */
export function oneOf<T extends string>(value: unknown, values: readonly T[]): T | undefined {
  return values.find((v) => v === value);
}

/** A boolean, also as CloudFormation hands it to a custom resource (`'true'`, `'false'`); else undefined. */
export function wireBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** Reads a wire description (from metadata or a custom resource's properties); undefined when it is not one. */
export function fromWire(value: unknown): ClientDescription | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const w = value as Record<string, unknown>;
  const clientType = oneOf(w.clientType, Object.values(ClientType));
  const grantTypes = wireList(w.grantTypes);
  if (!clientType || !grantTypes) return undefined;
  const method = wireString(w.tokenEndpointAuthMethod);
  const alg = wireString(w.idTokenSigningAlgorithm);
  const jwks = Array.isArray(w.jwks)
    ? w.jwks.map((k) => ({ keyType: oneOf((k as any)?.keyType, Object.values(KeyType)), sizeBits: Number((k as any)?.sizeBits) }))
      .filter((k): k is KeyDescription => k.keyType !== undefined && Number.isFinite(k.sizeBits))
    : undefined;
  return {
    clientType,
    applicationType: oneOf(w.applicationType, Object.values(ApplicationType)),
    grantTypes: grantTypes.map(GrantType.custom),
    responseTypes: wireList(w.responseTypes),
    tokenEndpointAuthMethod: method === undefined ? undefined : TokenEndpointAuthMethod.custom(method),
    idTokenSigningAlgorithm: alg === undefined ? undefined : SigningAlgorithm.custom(alg),
    pkce: oneOf(w.pkce, Object.values(PkceMethod)),
    redirectUris: wireList(w.redirectUris),
    scopes: wireList(w.scopes),
    clientName: wireString(w.clientName),
    generateSecret: wireBoolean(w.generateSecret),
    clientSecretBytes: typeof w.clientSecretBytes === 'number' ? w.clientSecretBytes : undefined,
    jwks,
    jwksUri: wireString(w.jwksUri),
    refreshTokenRotation: wireBoolean(w.refreshTokenRotation),
    senderConstrainedTokens: wireBoolean(w.senderConstrainedTokens),
    requirePushedAuthorizationRequests: wireBoolean(w.requirePushedAuthorizationRequests),
  };
}
