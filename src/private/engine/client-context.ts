import { parseRedirectUri, RedirectUri } from './redirect-uri';
import { isUnresolved } from './unresolved';
import { ApplicationType } from '../../application-type';
import { AuthorizationServerKind } from '../../authorization-server-kind';
import { ClientDescription, KeyDescription } from '../../client-description';
import { ClientType } from '../../client-type';
import { PkceMethod } from '../../pkce-method';
import { ValidationProfile } from '../../validation-profile';

/**
 * A list with its unresolved (token) entries removed, and whether any were removed: a rule that
 * relies on the absence of a value must not fire on an incomplete list.
 */
export interface KnownList<T> {
  readonly values: T[];
  readonly complete: boolean;
}

/**
 * A client description normalized for the rules: wire values, tokens stripped, defaults applied.
 */
export interface ClientContext {
  readonly isPublic: boolean;
  readonly applicationType?: ApplicationType;
  readonly server: AuthorizationServerKind;
  readonly profile: ValidationProfile;
  readonly grants: KnownList<string>;
  /** The response types as given (each normalized: components sorted), or undefined when not given. */
  readonly responseTypesGiven?: KnownList<string>;
  /** The response types in effect: as given, or derived from the grants. */
  readonly responseTypes: KnownList<string>;
  /** The method as given; undefined when not given or unresolved. */
  readonly method?: string;
  readonly methodResolved: boolean;
  readonly idTokenAlg?: string;
  readonly idTokenAlgResolved: boolean;
  readonly pkce?: PkceMethod;
  readonly redirectUris: KnownList<RedirectUri>;
  readonly scopes: KnownList<string>;
  readonly clientName?: string;
  readonly hasSecret: boolean;
  readonly clientSecretBytes?: number;
  readonly jwks: KnownList<KeyDescription>;
  readonly jwksUri?: string;
  readonly refreshTokenRotation: boolean;
  readonly senderConstrainedTokens: boolean;
  readonly requirePushedAuthorizationRequests: boolean;
  hasGrant(grant: string): boolean;
}

export interface ContextOptions {
  readonly server: AuthorizationServerKind;
  readonly profile: ValidationProfile;
}

function known<T>(values: readonly T[] | undefined, resolved: (value: T) => boolean): KnownList<T> {
  const all = Array.isArray(values) ? values : [];
  const kept = all.filter(resolved);
  return { values: kept, complete: kept.length === all.length && !isUnresolved(values as unknown) };
}

function wireValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'object' && 'value' in (value as object) ? (value as { value: unknown }).value : value;
  return typeof text === 'string' ? text : String(text);
}

function normalizeResponseType(value: string): string {
  return value.split(/\s+/).filter((part) => part.length > 0).sort().join(' ');
}

export function createContext(description: ClientDescription, options: ContextOptions): ClientContext {
  const grantValues = (Array.isArray(description.grantTypes) ? description.grantTypes : []).map(wireValue);
  const grants = known(grantValues, (g) => g !== undefined && !isUnresolved(g)) as KnownList<string>;
  const grantSet = new Set(grants.values);
  const isPublic = description.clientType === ClientType.PUBLIC;

  const responseTypesGiven = description.responseTypes === undefined
    ? undefined
    : (() => {
      const list = known(description.responseTypes, (r) => typeof r === 'string' && !isUnresolved(r));
      return { values: list.values.map(normalizeResponseType), complete: list.complete };
    })();
  const derived: string[] = [];
  if (grantSet.has('authorization_code')) derived.push('code');
  if (grantSet.has('implicit')) derived.push('token');
  const responseTypes = responseTypesGiven ?? { values: derived, complete: grants.complete };

  const method = wireValue(description.tokenEndpointAuthMethod);
  const idTokenAlg = wireValue(description.idTokenSigningAlgorithm);
  // A URI that embeds a token keeps its literal parts for the rules; one that is a token as a whole is unknown.
  const uriStrings = known(description.redirectUris, (u) => typeof u === 'string');
  const parsedUris = uriStrings.values.map(parseRedirectUri);
  const redirectUris = parsedUris.filter((u): u is RedirectUri => u !== undefined);
  const secretBytes = description.clientSecretBytes;

  return {
    isPublic,
    applicationType: description.applicationType,
    server: options.server,
    profile: options.profile,
    grants,
    responseTypesGiven,
    responseTypes,
    method: method !== undefined && !isUnresolved(method) ? method : undefined,
    methodResolved: !isUnresolved(method),
    idTokenAlg: idTokenAlg !== undefined && !isUnresolved(idTokenAlg) ? idTokenAlg : undefined,
    idTokenAlgResolved: !isUnresolved(idTokenAlg),
    pkce: description.pkce,
    redirectUris: { values: redirectUris, complete: uriStrings.complete && redirectUris.length === parsedUris.length },
    scopes: known(description.scopes, (s) => typeof s === 'string' && !isUnresolved(s)),
    clientName: typeof description.clientName === 'string' && !isUnresolved(description.clientName)
      ? description.clientName : undefined,
    hasSecret: description.generateSecret ?? !isPublic,
    clientSecretBytes: typeof secretBytes === 'number' && !isUnresolved(secretBytes) ? secretBytes : undefined,
    jwks: known(description.jwks, (k) => k !== undefined && k !== null && !isUnresolved(k.sizeBits)),
    jwksUri: typeof description.jwksUri === 'string' && description.jwksUri.length > 0 ? description.jwksUri : undefined,
    refreshTokenRotation: description.refreshTokenRotation === true,
    senderConstrainedTokens: description.senderConstrainedTokens === true,
    requirePushedAuthorizationRequests: description.requirePushedAuthorizationRequests === true,
    hasGrant: (grant: string) => grantSet.has(grant),
  };
}
