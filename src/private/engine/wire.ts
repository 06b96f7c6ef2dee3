import { isUnresolved } from './unresolved';
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

/** A JSON object (not an array, not null), as read from a template; else undefined. */
export function jsonObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

/** A string; else undefined. */
export function wireString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * A list of strings (entries of other types are dropped). One unresolved token in its place stands for a list that
 * only deployment decides (a template's `!Ref Callbacks`, as `withIntrinsicsAsText` writes it); else undefined.
 */
export function wireList(value: unknown): string[] | undefined {
  if (typeof value === 'string' && isUnresolved(value)) return [value];
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
