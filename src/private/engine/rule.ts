import { ClientContext } from './client-context';
import { ApplicationType } from '../../application-type';
import { RuleInfo } from '../../rule-info';

/** One breach a rule found: what is wrong (with the value given) and how to fix it. */
export interface Breach {
  readonly problem: string;
  readonly fix: string;
}

/**
 * A rule: data (ID, severity, scope, text) plus a small pure check. The ID is an explicit constant,
 * never derived from a file name (bundling renames files).
 */
export interface Rule extends RuleInfo {
  check(client: ClientContext): Breach[];
}

/** Returns the breach when the condition holds, else none. */
export function when(condition: boolean, problem: () => string, fix: string): Breach[] {
  return condition ? [{ problem: problem(), fix }] : [];
}

/** Wire values of grants that issue ID or access tokens through the authorization endpoint. */
const REDIRECT_GRANTS = ['authorization_code', 'implicit'];

export const GRANT = {
  AUTHORIZATION_CODE: 'authorization_code',
  IMPLICIT: 'implicit',
  PASSWORD: 'password',
  PASSWORD_REALM: 'http://auth0.com/oauth/grant-type/password-realm',
  CLIENT_CREDENTIALS: 'client_credentials',
  REFRESH_TOKEN: 'refresh_token',
  DEVICE_CODE: 'urn:ietf:params:oauth:grant-type:device_code',
  JWT_BEARER: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  TOKEN_EXCHANGE: 'urn:ietf:params:oauth:grant-type:token-exchange',
  CIBA: 'urn:openid:params:grant-type:ciba',
} as const;

/** Applications whose redirects a browser receives (OIDC DCR application_type `web`). */
export const BROWSER_APPS: readonly ApplicationType[] = [ApplicationType.WEB, ApplicationType.SINGLE_PAGE];

export const SHARED_SECRET_METHODS = ['client_secret_basic', 'client_secret_post', 'client_secret_jwt'];
export const SECRETLESS_METHODS = ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'];
export const HMAC_ALGS = ['HS256', 'HS384', 'HS512'];

export function hasRedirectGrant(client: ClientContext): boolean {
  return REDIRECT_GRANTS.some((g) => client.hasGrant(g));
}

/** The response type components returned from the authorization endpoint. */
export function components(responseType: string): string[] {
  return responseType.split(' ');
}
