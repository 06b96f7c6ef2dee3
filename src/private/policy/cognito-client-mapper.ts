import { isIntrinsic, withIntrinsicsAsText } from './intrinsic-text';
import { has } from './template-values';
import { ClientDescription } from '../../client-description';
import { ClientType } from '../../client-type';
import { GrantType } from '../../grant-type';
import { SigningAlgorithm } from '../../signing-algorithm';
import { TokenEndpointAuthMethod } from '../../token-endpoint-auth-method';
import { cognitoImpliedGrants } from '../cognito/issued-grants';
import { jsonObject, wireList, wireString } from '../engine/wire';

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

/**
 * The rules that a client whose refresh tokens do not rotate breaks. A rotation that a parameter or a condition that
 * cannot be evaluated decides (`Feature: !Ref Rotation`) is not known at synth: the client is described without it,
 * so these are not judged on it rather than judged as if rotation were off. (FAPI-008, which rotation breaks, cannot
 * fire on such a client.)
 */
const ROTATION_RULES = ['OAC-120'];

export type Mapped =
  | {
    readonly kind: 'client';
    readonly description: ClientDescription;
    /** The rules that this client's properties leave unknowable, besides COGNITO_UNKNOWABLE_RULES. */
    readonly unknowable: readonly string[];
  }
  | { readonly kind: 'skipped'; readonly reason: string; readonly notAClient?: boolean };

/** Maps the properties of an `AWS::Cognito::UserPoolClient` to a client description. */
export function mapCognitoUserPoolClient(properties: unknown): Mapped {
  const p = (typeof properties === 'object' && properties !== null ? properties : {}) as Record<string, unknown>;
  if (isIntrinsic(p.GenerateSecret)) {
    return { kind: 'skipped', reason: 'GenerateSecret is an intrinsic, so the client type is not known at synth' };
  }
  // The properties as the engine reads them: an intrinsic as its text, a value only deployment decides as a token.
  const text = withIntrinsicsAsText(p) as Record<string, unknown>;
  const flows = wireList(text.AllowedOAuthFlows);
  if (flows === undefined || flows.length === 0) return { kind: 'skipped', reason: 'not an OAuth client (no AllowedOAuthFlows)', notAClient: true };
  // Cognito keeps the OAuth flows, callback URLs and scopes of an app client whose AllowedOAuthFlowsUserPoolClient is
  // not true, but the client cannot use them: it is an OAuth client only with the flag set (CreateUserPoolClient).
  const oauth = p.AllowedOAuthFlowsUserPoolClient;
  if (isIntrinsic(oauth)) {
    return { kind: 'skipped', reason: 'AllowedOAuthFlowsUserPoolClient is an intrinsic, so whether the client uses OAuth 2.0 is not known at synth' };
  }
  if (oauth === undefined) {
    return {
      kind: 'skipped',
      reason: 'AllowedOAuthFlowsUserPoolClient is not set, which Cognito takes as false: the client cannot use its AllowedOAuthFlows '
        + '(its token requests fail with invalid_grant). Set AllowedOAuthFlowsUserPoolClient: true',
    };
  }
  if (oauth !== true && oauth !== 'true') {
    return { kind: 'skipped', reason: `not an OAuth client (AllowedOAuthFlowsUserPoolClient is ${String(oauth)})`, notAClient: true };
  }
  const confidential = p.GenerateSecret === true || p.GenerateSecret === 'true';
  const grants = flows.map((f) => (has(FLOW_GRANTS, f) ? FLOW_GRANTS[f] : f));
  grants.push(...cognitoImpliedGrants(grants));
  const rotation = jsonObject(p.RefreshTokenRotation);
  const rotationUnknown = isIntrinsic(p.RefreshTokenRotation) || isIntrinsic(rotation?.Feature);

  return {
    kind: 'client',
    description: {
      clientType: confidential ? ClientType.CONFIDENTIAL : ClientType.PUBLIC,
      grantTypes: grants.map(GrantType.custom),
      tokenEndpointAuthMethod: confidential ? undefined : TokenEndpointAuthMethod.NONE,
      idTokenSigningAlgorithm: SigningAlgorithm.RS256,
      redirectUris: wireList(text.CallbackURLs) ?? [],
      scopes: wireList(text.AllowedOAuthScopes) ?? [],
      clientName: wireString(text.ClientName),
      generateSecret: confidential,
      refreshTokenRotation: rotation?.Feature === 'ENABLED',
    },
    unknowable: rotationUnknown ? ROTATION_RULES : [],
  };
}
