import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { cognitoAppClientProblems, openidScopeProblems } from './app-client-limits';
import { checkIdentityProviders } from './identity-provider-names';
import { poolPlacementProblems, rotationTierProblems } from './pool-constraints';
import { waitForPoolResources } from './pool-dependencies';
import { checkPoolDomain, refuseDomainOfAnotherPool } from './pool-domain';
import { checkResourceServerScopes } from './scope-definitions';
import { cognitoLifetimeProblems } from './token-lifetimes';
import { cognitoUnsupportedFeatures } from './unsupported-features';
import { IAuthorizationServer } from '../../authorization-server';
import { AuthorizationServerKind } from '../../authorization-server-kind';
import { ClientRegistration, ClientRegistrationRequest } from '../../client-registration';
import { ClientType } from '../../client-type';
import { OAuthClientOptions } from '../../oauth-client-options';
import { PreflightServer } from '../preflight';
import { LibraryProvider } from '../provider/library-provider';
import { COGNITO_CLIENT_SECRET } from '../provider/resource-types';
import { rotationScheduleExpression } from '../secret-rotation';
import { refuseAsDeclared } from '../unsupported-settings';

/** Cognito's names for the OAuth flows (refresh_token is implied, not a flow). */
const COGNITO_FLOWS: Record<string, string> = {
  authorization_code: 'code',
  implicit: 'implicit',
  client_credentials: 'client_credentials',
};

type CognitoUnit = 'seconds' | 'minutes' | 'hours' | 'days';

/** The time units of Cognito's TokenValidityUnits, each as a Duration converts to it. */
const COGNITO_UNITS: Record<CognitoUnit, (duration: Duration) => number> = {
  seconds: (d) => d.toSeconds(),
  minutes: (d) => d.toMinutes(),
  hours: (d) => d.toHours(),
  days: (d) => d.toDays(),
};

/**
 * A token lifetime in Cognito's units: in minutes when it is a whole number of them (as aws-cdk-lib's
 * `UserPoolClient` gives it), else in seconds, which Cognito also accepts. A lifetime that is a token keeps its own
 * unit (Duration.hours(param.valueAsNumber) is given in hours); the preflight refuses one in milliseconds.
 */
function lifetime(duration: Duration): { readonly value: number; readonly unit: CognitoUnit } {
  const unit: CognitoUnit = duration.isUnresolved() ? duration.unitLabel() as CognitoUnit
    : duration.toMilliseconds() % 60_000 === 0 ? 'minutes' : 'seconds';
  return { value: COGNITO_UNITS[unit](duration), unit };
}

/**
 * Amazon Cognito: a client is a user pool app client; a confidential client's secret, which CloudFormation
 * cannot return, is copied into Secrets Manager by the library's provider.
 */
export class CognitoAuthorizationServer implements IAuthorizationServer, PreflightServer {
  public readonly kind = AuthorizationServerKind.COGNITO;

  constructor(private readonly userPool: cognito.IUserPool, private readonly domain?: cognito.IUserPoolDomain) {
    // Callers without TypeScript's checks (JavaScript) can leave out the user pool.
    if (!userPool) {
      throw new Error('AuthorizationServer.cognito: userPool is missing. Give the user pool its clients belong to: a cognito.UserPool of '
        + 'the app, or one imported with cognito.UserPool.fromUserPoolId(this, id, userPoolId).');
    }
    if (domain !== undefined && typeof (domain as Partial<cognito.IUserPoolDomain> | null)?.domainName !== 'string') {
      throw new Error(`AuthorizationServer.cognito: domain ${JSON.stringify(domain)} is not a user pool domain. Give the domain's construct: `
        + "userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'my-app-auth' } }), or one imported with "
        + 'cognito.UserPoolDomain.fromDomainName(this, id, domainName).');
    }
    if (domain) refuseDomainOfAnotherPool(userPool, domain);
  }

  /** Refuses, before the client creates anything, everything of it that Cognito would refuse and no rule covers. */
  public preflight(client: Construct, constructName: string, props: OAuthClientOptions): void {
    refuseAsDeclared(client, constructName, 'Amazon Cognito', [
      ...poolPlacementProblems(client, this.userPool), ...cognitoUnsupportedFeatures(props), ...cognitoLifetimeProblems(props),
      ...cognitoAppClientProblems(props),
    ]);
  }

  public registerClient(scope: Construct, request: ClientRegistrationRequest): ClientRegistration {
    const d = request.description;
    const grants = d.grantTypes.map((g) => g.value);
    const confidential = d.clientType === ClientType.CONFIDENTIAL;
    const refresh = grants.includes('refresh_token');
    const rotation = refresh && d.refreshTokenRotation === true;
    const redirectBased = grants.includes('authorization_code') || grants.includes('implicit');
    const flows = grants.map((g) => COGNITO_FLOWS[g]).filter((f) => f !== undefined);
    const [accessLifetime, idLifetime, refreshLifetime] = [request.accessTokenValidity, request.idTokenValidity, request.refreshTokenValidity]
      .map((duration) => (duration ? lifetime(duration) : undefined));
    const grace = request.refreshTokenRotationGracePeriod;
    const constructName = confidential ? 'ConfidentialClient' : 'PublicClient';
    // What the description (with the defaults applied) decides: rotation needs a feature plan that has it (a grace
    // period without rotation is refused with the other settings a client would ignore), and a client that signs users
    // in uses the email, phone and profile scopes only with openid.
    refuseAsDeclared(scope, constructName, 'Amazon Cognito', [
      ...(rotation ? rotationTierProblems(this.userPool) : []),
      ...(redirectBased ? openidScopeProblems(d.scopes ?? []) : []),
    ]);

    const client = new cognito.CfnUserPoolClient(scope, 'Resource', {
      userPoolId: this.userPool.userPoolId,
      clientName: d.clientName,
      generateSecret: confidential,
      allowedOAuthFlowsUserPoolClient: true,
      allowedOAuthFlows: flows,
      allowedOAuthScopes: d.scopes,
      callbackUrLs: d.redirectUris && d.redirectUris.length > 0 ? d.redirectUris : undefined,
      logoutUrLs: request.logoutUris && request.logoutUris.length > 0 ? request.logoutUris : undefined,
      supportedIdentityProviders: redirectBased ? request.identityProviders ?? ['COGNITO'] : undefined,
      // With rotation, refresh happens only through the token endpoint / GetTokensFromRefreshToken and
      // REFRESH_TOKEN_AUTH is not allowed; without it, Cognito requires ALLOW_REFRESH_TOKEN_AUTH.
      explicitAuthFlows: rotation ? ['ALLOW_USER_SRP_AUTH'] : ['ALLOW_REFRESH_TOKEN_AUTH'],
      refreshTokenRotation: rotation ? { feature: 'ENABLED', retryGracePeriodSeconds: grace?.toSeconds() ?? 0 } : undefined,
      enableTokenRevocation: true,
      preventUserExistenceErrors: 'ENABLED',
      accessTokenValidity: accessLifetime?.value,
      idTokenValidity: idLifetime?.value,
      refreshTokenValidity: refreshLifetime?.value,
      tokenValidityUnits: accessLifetime || idLifetime || refreshLifetime ? {
        accessToken: accessLifetime?.unit ?? 'minutes', idToken: idLifetime?.unit ?? 'minutes', refreshToken: refreshLifetime?.unit ?? 'minutes',
      } : undefined,
    });
    checkResourceServerScopes(scope, constructName, this.userPool, d.scopes ?? []);
    const identityProviders = redirectBased ? request.identityProviders ?? [] : [];
    checkIdentityProviders(scope, constructName, this.userPool, identityProviders);
    checkPoolDomain(scope, constructName, this.userPool, { clientId: client.ref, domainGiven: this.domain !== undefined, signsIn: redirectBased });
    waitForPoolResources(client, this.userPool, {
      scopes: d.scopes ?? [], identityProviders,
    });

    const issuer = this.issuer(scope);
    if (!confidential) {
      return { clientId: client.ref, issuer, resource: client };
    }
    // A kept secret is of use only with its app client, as a registration is kept with dynamic registration.
    const keep = request.secretRemovalPolicy;
    if (keep === RemovalPolicy.RETAIN || keep === RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE) client.applyRemovalPolicy(keep);
    return { clientId: client.ref, issuer, ...this.storeSecret(scope, client, request, issuer), resource: client };
  }

  /** The issuer of the pool's tokens (`iss`), in the client's stack's region and partition. */
  private issuer(scope: Construct): string {
    const stack = Stack.of(scope);
    return `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }

  /** The copy of the app client's secret in Secrets Manager, rotated when the request asks. */
  private storeSecret(
    scope: Construct, client: cognito.CfnUserPoolClient, request: ClientRegistrationRequest, issuer: string,
  ): Pick<ClientRegistration, 'clientSecret' | 'rotatesSecret'> {
    const provider = LibraryProvider.of(scope);
    const poolGrant = provider.grantDescribeUserPoolClient(this.userPool.userPoolArn);
    // An Update keeps the copy of the same app client (which may hold a secret Cognito no longer returns).
    provider.grantReadOwnSecrets();
    const { secret } = provider.clientResource(scope, 'Secret', {
      resourceType: COGNITO_CLIENT_SECRET,
      secretEncryptionKey: request.secretEncryptionKey,
      secretRemovalPolicy: request.secretRemovalPolicy,
      grants: [poolGrant],
      properties: {
        UserPoolId: this.userPool.userPoolId,
        ClientId: client.ref,
        Issuer: issuer,
        ...this.tokenEndpoint(),
      },
    });
    const clientSecret = secret('ClientSecret');
    const schedule = rotationScheduleExpression(`client '${scope.node.path}'`, request.secretRotation);
    if (schedule) provider.rotateCognitoClientSecret(scope, clientSecret, this.userPool.userPoolArn, schedule);
    return { clientSecret, rotatesSecret: schedule !== undefined };
  }

  /**
   * Where the stored credentials say the token endpoint is: a `UserPoolDomain` knows its base URL; an imported
   * domain only its name, which the provider turns into the URL at deploy time, when the name is known.
   */
  private tokenEndpoint(): { TokenEndpoint: string } | { DomainName: string } {
    const domain = this.domain;
    if (domain === undefined) return { TokenEndpoint: '' };
    if (isUserPoolDomain(domain)) return { TokenEndpoint: `${domain.baseUrl()}/oauth2/token` };
    return { DomainName: domain.domainName };
  }
}

/** A `UserPoolDomain` construct (by shape, so a second copy of aws-cdk-lib is recognised too). */
function isUserPoolDomain(domain: cognito.IUserPoolDomain): domain is cognito.UserPoolDomain {
  return typeof (domain as Partial<cognito.UserPoolDomain>).baseUrl === 'function';
}
