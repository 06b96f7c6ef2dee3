import { Token } from 'aws-cdk-lib';
import { customScope } from './resource-server-scope';
import { OAuthClientOptions } from '../../oauth-client-options';
import { parseRedirectUri } from '../engine/redirect-uri';
import { COGNITO_STANDARD_SCOPES } from '../engine/rules/cog-003';

/** The ASCII characters CreateUserPoolClient takes in ClientName (its pattern `[\w\s+=,.@-]+`). */
const ALLOWED_ASCII = /[A-Za-z0-9_\s+=,.@-]/;

/** How many logout URLs CreateUserPoolClient takes, and how long each may be (as for callback URLs, COG-008). */
const MAX_LOGOUT_URLS = 100;
const MAX_URL_LENGTH = 1024;

/** How many scopes CreateUserPoolClient takes in AllowedOAuthScopes, and how long each may be (its ScopeListType, ScopeType). */
const MAX_SCOPES = 50;
const MAX_SCOPE_LENGTH = 256;

function nameProblems(name: string | undefined): string[] {
  if (name === undefined || Token.isUnresolved(name)) return [];
  const refused = [...new Set([...name].filter((c) => c.charCodeAt(0) < 0x80 && !ALLOWED_ASCII.test(c)))];
  return refused.length === 0 ? []
    : [`clientName '${name}' has characters Amazon Cognito refuses in an app client name: ${refused.map((c) => `'${c}'`).join(', ')}. `
      + 'Use letters, digits, spaces and _ + = , . @ - only (CreateUserPoolClient ClientName pattern).'];
}

function logoutProblems(urls: readonly string[]): string[] {
  const problems = urls.length > MAX_LOGOUT_URLS && !Token.isUnresolved(urls)
    ? [`logoutUris has ${urls.length} URLs, but Amazon Cognito takes at most ${MAX_LOGOUT_URLS}. Keep the ones the application signs out to.`]
    : [];
  // Measured as COG-008 measures callback URLs: by the literal text, which a token can only lengthen once resolved.
  for (const url of urls) {
    const length = parseRedirectUri(url)?.literalLength ?? 0;
    if (length > MAX_URL_LENGTH) {
      problems.push(`logout URI '${url.slice(0, 60)}...' has ${length} characters, but Amazon Cognito takes at most ${MAX_URL_LENGTH}. `
        + 'Use a shorter URL.');
    }
  }
  return problems;
}

function scopeProblems(scopes: readonly string[]): string[] {
  return [...scopeLimitProblems(scopes), ...unknownScopeProblems(scopes)];
}

/** More scopes than an app client can have, or a scope longer than Cognito takes (a resource server's identifier may be long). */
function scopeLimitProblems(scopes: readonly string[]): string[] {
  const problems = scopes.length > MAX_SCOPES && !Token.isUnresolved(scopes)
    ? [`scopes names ${scopes.length} scopes, but Amazon Cognito takes at most ${MAX_SCOPES} in an app client. Keep the ones the application `
      + 'requests.']
    : [];
  for (const scope of scopes) {
    if (!Token.isUnresolved(scope) && scope.length > MAX_SCOPE_LENGTH) {
      problems.push(`scope '${scope.slice(0, 60)}...' has ${scope.length} characters, but Amazon Cognito takes at most ${MAX_SCOPE_LENGTH}. `
        + 'Use a shorter resource server identifier or scope name.');
    }
  }
  return problems;
}

/**
 * Scopes Cognito cannot have: neither one of its built-in scopes nor a resource server's (`identifier/name`).
 * Common from other servers: `offline_access`, which Cognito does not need for refresh tokens.
 */
function unknownScopeProblems(scopes: readonly string[]): string[] {
  const unknown = scopes.filter((s) => !Token.isUnresolved(s) && !customScope(s) && !COGNITO_STANDARD_SCOPES.includes(s));
  if (unknown.length === 0) return [];
  const offline = unknown.includes('offline_access') ? ' Cognito issues refresh tokens without offline_access.' : '';
  return [`scopes ${unknown.map((s) => `'${s}'`).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} neither a built-in scope of Amazon Cognito `
    + `(${COGNITO_STANDARD_SCOPES.join(', ')}) nor a resource server's ('identifier/name'), so CreateUserPoolClient would fail with `
    + `ScopeDoesNotExistException. Remove ${unknown.length > 1 ? 'them' : 'it'}, or define the scope on a UserPoolResourceServer and name it `
    + `'identifier/name'.${offline}`];
}

/** Cognito's scopes that a client can request only together with `openid`. */
const OPENID_ONLY_SCOPES = ['email', 'phone', 'profile'];

/**
 * Cognito's email, phone and profile scopes can be requested only together with `openid`: a client that signs users
 * in, allowed them without `openid`, could never use them (a setting the client would ignore, refused as the others
 * are). A scope that is a token may be `openid`, so a list with one is not judged. With client_credentials, these
 * scopes are COG-003's.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-app-idp-settings.html
 */
export function openidScopeProblems(scopes: readonly string[]): string[] {
  if (scopes.includes('openid') || scopes.some((s) => Token.isUnresolved(s))) return [];
  const needing = scopes.filter((s) => OPENID_ONLY_SCOPES.includes(s));
  if (needing.length === 0) return [];
  return [`scopes ${needing.map((s) => `'${s}'`).join(', ')} can be requested from Amazon Cognito only together with 'openid', which the `
    + `client's scopes lack, so it could never use ${needing.length > 1 ? 'them' : 'it'}. Add 'openid' (Cognito then also returns ID `
    + `tokens), or remove ${needing.length > 1 ? 'them' : 'it'}.`];
}

/**
 * What CreateUserPoolClient would refuse and no rule covers: ASCII characters outside its ClientName pattern
 * (parentheses, slashes, colons, ...), a scope Cognito cannot have, more than 50 scopes or one over 256 characters,
 * more than 100 logout URLs, or one over 1024 characters. Other characters are left to Cognito; the client name's
 * length and the callback URLs are COG-008's.
 */
export function cognitoAppClientProblems(props: OAuthClientOptions): string[] {
  return [...nameProblems(props.clientName), ...scopeProblems(props.scopes ?? []), ...logoutProblems(props.logoutUris ?? [])];
}
