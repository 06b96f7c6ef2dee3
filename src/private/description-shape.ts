import { ApplicationType } from '../application-type';
import { ClientDescription } from '../client-description';
import { ClientType } from '../client-type';
import { PkceMethod } from '../pkce-method';
import { enumValueProblem, notListProblem } from './untyped-values';

/** The description's lists, which callers without TypeScript's checks may give as one value. */
const LISTS = ['grantTypes', 'responseTypes', 'redirectUris', 'scopes', 'jwks'] as const;

/**
 * What is wrong with a client description given by a caller without TypeScript's checks (JavaScript), which the rules
 * would judge as another client: a client type that is none (`'Public'` was judged as confidential), another enum's
 * stray string, or a list given as one value (a redirect URI as a string was judged as none). Undefined when its shape
 * is a ClientDescription's; what it says is for the rules to judge.
 */
export function descriptionShapeProblem(description: ClientDescription | undefined): string | undefined {
  if (typeof description !== 'object' || description === null) {
    return 'the description is missing. Give a ClientDescription, e.g. { clientType: ClientType.PUBLIC, grantTypes: [GrantType.AUTHORIZATION_CODE] }.';
  }
  if (description.clientType === undefined) return 'description.clientType is missing. Give one of ClientType.CONFIDENTIAL, ClientType.PUBLIC.';
  const problem = enumValueProblem('description.clientType', description.clientType, 'ClientType', ClientType)
    ?? enumValueProblem('description.applicationType', description.applicationType, 'ApplicationType', ApplicationType)
    ?? enumValueProblem('description.pkce', description.pkce, 'PkceMethod', PkceMethod);
  if (problem) return problem;
  const isList = (name: typeof LISTS[number]) => description[name] === undefined || Array.isArray(description[name]);
  return LISTS.every(isList) ? undefined : notListProblem(LISTS.map((name) => [`description.${name}`, description[name]]));
}
