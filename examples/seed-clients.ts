// The seed document's four application types, each in its recommended configuration and in the
// configuration the seed itself describes (implicit SPA, password grant): what the validator says about each.
import {
  ApplicationType, AuthorizationServerKind, ClientDescription, ClientType, ClientValidator, GrantType, PkceMethod,
  SigningAlgorithm, TokenEndpointAuthMethod,
} from '../src';

const clients: Record<string, ClientDescription> = {
  'Web app with a backend (authorization code + PKCE)': {
    clientType: ClientType.CONFIDENTIAL,
    applicationType: ApplicationType.WEB,
    grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN],
    tokenEndpointAuthMethod: TokenEndpointAuthMethod.CLIENT_SECRET_BASIC,
    idTokenSigningAlgorithm: SigningAlgorithm.RS256,
    pkce: PkceMethod.S256,
    redirectUris: ['https://app.example.com/callback'],
  },
  'Machine-to-machine (client credentials)': {
    clientType: ClientType.CONFIDENTIAL,
    applicationType: ApplicationType.MACHINE_TO_MACHINE,
    grantTypes: [GrantType.CLIENT_CREDENTIALS],
    tokenEndpointAuthMethod: TokenEndpointAuthMethod.CLIENT_SECRET_BASIC,
    idTokenSigningAlgorithm: SigningAlgorithm.RS256,
    scopes: ['billing/read'],
  },
  'Native app (authorization code + PKCE)': {
    clientType: ClientType.PUBLIC,
    applicationType: ApplicationType.NATIVE,
    grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN],
    tokenEndpointAuthMethod: TokenEndpointAuthMethod.NONE,
    idTokenSigningAlgorithm: SigningAlgorithm.RS256,
    pkce: PkceMethod.S256,
    refreshTokenRotation: true,
    redirectUris: ['com.example.app:/oauth2redirect', 'http://127.0.0.1/callback'],
  },
  'Single-page app (authorization code + PKCE)': {
    clientType: ClientType.PUBLIC,
    applicationType: ApplicationType.SINGLE_PAGE,
    grantTypes: [GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN],
    tokenEndpointAuthMethod: TokenEndpointAuthMethod.NONE,
    idTokenSigningAlgorithm: SigningAlgorithm.RS256,
    pkce: PkceMethod.S256,
    refreshTokenRotation: true,
    redirectUris: ['https://spa.example.com/callback'],
  },
  'Legacy: single-page app with the implicit grant and HS256, as the seed describes it': {
    clientType: ClientType.PUBLIC,
    applicationType: ApplicationType.SINGLE_PAGE,
    grantTypes: [GrantType.IMPLICIT],
    idTokenSigningAlgorithm: SigningAlgorithm.HS256,
    redirectUris: ['https://spa.example.com/callback'],
  },
  'Legacy: web app with the password grant': {
    clientType: ClientType.CONFIDENTIAL,
    applicationType: ApplicationType.WEB,
    grantTypes: [GrantType.PASSWORD],
  },
};

for (const [name, description] of Object.entries(clients)) {
  const findings = ClientValidator.validate(description, { authorizationServer: AuthorizationServerKind.GENERIC });
  console.log(`\n${name}`);
  if (findings.length === 0) console.log('  no findings');
  for (const f of findings) console.log(`  ${f.severity.padEnd(7)} ${f.message}`);
}
