import { ClientDescription } from '../../client-description';
import { ClientType } from '../../client-type';
import { GrantType } from '../../grant-type';
import { SigningAlgorithm } from '../../signing-algorithm';
import { TokenEndpointAuthMethod } from '../../token-endpoint-auth-method';
import { cognitoImpliedGrants } from '../cognito/issued-grants';
import { isIntrinsic, UNRESOLVED, wireList, wireString } from '../engine/wire';

/** Cognito's OAuth flow names, as grant types. */
const FLOW_GRANTS: Record<string, string> = {
  code: 'authorization_code',
  implicit: 'implicit',
  client_credentials: 'client_credentials',
};

/**
 * The PKCE rules are not judged on raw Cognito app clients: a user pool has no per-client setting that
 * requires PKCE, so the template cannot say whether the application uses it. Clients declared with this
 * library's constructs state their PKCE contract and are judged on it.
 */
export const COGNITO_UNKNOWABLE_RULES = ['OAC-060', 'OAC-061', 'OAC-062', 'FAPI-004'];

export type Mapped =
  | { readonly kind: 'client'; readonly description: ClientDescription }
  | { readonly kind: 'skipped'; readonly reason: string; readonly notAClient?: boolean };

/** Maps the properties of an `AWS::Cognito::UserPoolClient` to a client description. */
export function mapCognitoUserPoolClient(properties: unknown): Mapped {
  const p = (typeof properties === 'object' && properties !== null ? properties : {}) as Record<string, unknown>;
  if (isIntrinsic(p.GenerateSecret)) {
    return { kind: 'skipped', reason: 'GenerateSecret is an intrinsic, so the client type is not known at synth' };
  }
  const flows = wireList(p.AllowedOAuthFlows);
  const oauth = p.AllowedOAuthFlowsUserPoolClient;
  if (oauth === false || oauth === 'false' || flows === undefined || flows.length === 0) {
    return { kind: 'skipped', reason: 'not an OAuth client (no AllowedOAuthFlows)', notAClient: true };
  }
  const confidential = p.GenerateSecret === true || p.GenerateSecret === 'true';
  const grants = flows.map((f) => (f === UNRESOLVED ? f : FLOW_GRANTS[f] ?? f));
  grants.push(...cognitoImpliedGrants(grants));
  const rotation = p.RefreshTokenRotation as Record<string, unknown> | undefined;

  return {
    kind: 'client',
    description: {
      clientType: confidential ? ClientType.CONFIDENTIAL : ClientType.PUBLIC,
      grantTypes: grants.map(GrantType.custom),
      tokenEndpointAuthMethod: confidential ? undefined : TokenEndpointAuthMethod.NONE,
      idTokenSigningAlgorithm: SigningAlgorithm.RS256,
      redirectUris: wireList(p.CallbackURLs) ?? [],
      scopes: wireList(p.AllowedOAuthScopes) ?? [],
      clientName: wireString(p.ClientName),
      generateSecret: confidential,
      refreshTokenRotation: typeof rotation === 'object' && rotation !== null && rotation.Feature === 'ENABLED',
    },
  };
}
