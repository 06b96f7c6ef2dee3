import { booleanProblem, durationProblem, enumValueProblem, notListProblem, valueObjectProblem } from './untyped-values';
import { GrantType } from '../grant-type';
import { OAuthClientOptions } from '../oauth-client-options';
import { PkceMethod } from '../pkce-method';
import { SigningAlgorithm } from '../signing-algorithm';
import { TokenEndpointAuthMethod } from '../token-endpoint-auth-method';
import { ValidationProfile } from '../validation-profile';

/** The props that are lists, which callers without TypeScript's checks (JavaScript) may give as one value. */
const LIST_PROPS = ['grantTypes', 'redirectUris', 'logoutUris', 'scopes', 'identityProviders'] as const;

/** The props that are enums, which callers without TypeScript's checks may give as another string ('s256', 'fapi2'). */
const ENUM_PROPS = [
  { name: 'pkce', type: 'PkceMethod', values: PkceMethod },
  { name: 'profile', type: 'ValidationProfile', values: ValidationProfile },
] as const;

/** The props of the library's value classes (read by their `value`), which callers without TypeScript's checks may give as strings. */
const VALUE_OBJECT_PROPS = [
  { name: 'idTokenSigningAlgorithm', type: SigningAlgorithm },
  { name: 'tokenEndpointAuthMethod', type: TokenEndpointAuthMethod },
  { name: 'tokenEndpointAuthSigningAlgorithm', type: SigningAlgorithm },
] as const;

/** The props that are durations, which callers without TypeScript's checks may give as a number or a string. */
const DURATION_PROPS = ['accessTokenValidity', 'idTokenValidity', 'refreshTokenValidity', 'refreshTokenRotationGracePeriod', 'secretRotation'] as const;

/** The props that are booleans, which callers without TypeScript's checks may give as a string ('false' is truthy). */
const BOOLEAN_PROPS = ['refreshTokenRotation', 'senderConstrainedTokens', 'requirePushedAuthorizationRequests'] as const;

/** A client's props as a caller without type checks may give them: a confidential client's too. */
type GivenProps = OAuthClientOptions & Partial<Record<typeof VALUE_OBJECT_PROPS[number]['name'] | typeof DURATION_PROPS[number], unknown>>;

/**
 * What is wrong with a client's props given by a caller without TypeScript's checks (JavaScript), said with what to
 * give; undefined when their shape is the props' type. Each of these the constructs would otherwise take as another
 * client, or fail on with a TypeError: a required prop left out, a list given as one value (or as acknowledgedRules), an enum's stray string
 * (`profile: 'fapi2'` judged the client without FAPI 2.0's rules), a string for a constant (`'client_credentials'`
 * registered no OAuth flow), a number for a Duration, a string for a boolean (`'false'` is truthy).
 */
export function propsShapeProblem(props: GivenProps): string | undefined {
  if (!props.authorizationServer) {
    return 'authorizationServer is missing. Give the server that registers the client: '
      + 'AuthorizationServer.cognito(userPool) or AuthorizationServer.dynamicRegistration({ issuer }).';
  }
  const notLists = notListProblem(LIST_PROPS.map((name) => [name, props[name]]));
  if (notLists) return notLists;
  const acknowledged = props.acknowledgedRules as unknown;
  if (acknowledged !== undefined && (typeof acknowledged !== 'object' || acknowledged === null || Array.isArray(acknowledged))) {
    const ids = Array.isArray(acknowledged) ? acknowledged : [typeof acknowledged === 'string' ? acknowledged : '<rule ID>'];
    return `acknowledgedRules is ${JSON.stringify(acknowledged)}, not rule IDs with their reasons. Give each rule ID with why its finding is `
      + `acceptable: acknowledgedRules: { ${ids.map((id) => `'${String(id)}': 'reason'`).join(', ')} }.`;
  }
  const notEnums = ENUM_PROPS.map(({ name, type, values }) => enumValueProblem(name, props[name], type, values)).find((p) => p !== undefined);
  if (notEnums) return notEnums;
  const notObjects = [
    ...(props.grantTypes ?? []).map((grant, i) => valueObjectProblem(`grantTypes[${i}]`, grant, GrantType)),
    ...VALUE_OBJECT_PROPS.map(({ name, type }) => valueObjectProblem(name, props[name], type)),
    ...DURATION_PROPS.map((name) => durationProblem(name, props[name])),
    ...BOOLEAN_PROPS.map((name) => booleanProblem(name, props[name])),
  ].filter((problem) => problem !== undefined);
  return notObjects.length > 0 ? notObjects.join(' ') : undefined;
}
