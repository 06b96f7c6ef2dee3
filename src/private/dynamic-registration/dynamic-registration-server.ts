import { CfnResource, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { caBundleProperty } from './ca-bundle';
import { REGISTRATION_CONTROLS } from './registration-controls';
import { sharedSecretMethod } from './shared-secret-method';
import { assertRegistrable } from './unregistrable-settings';
import { ApplicationType } from '../../application-type';
import { DynamicRegistrationOptions, IAuthorizationServer } from '../../authorization-server';
import { AuthorizationServerKind } from '../../authorization-server-kind';
import { ClientRegistration, ClientRegistrationRequest } from '../../client-registration';
import { OAuthClientOptions } from '../../oauth-client-options';
import { ValidationProfile } from '../../validation-profile';
import { toWire } from '../engine/wire';
import { PreflightServer } from '../preflight';
import { LibraryProvider, ProviderPlacement } from '../provider/library-provider';
import { OAUTH_CLIENT_REGISTRATION } from '../provider/resource-types';
import { serverUrlProblem } from '../server-url';

/**
 * Refuses an issuer or registration endpoint the provider could not use safely. A token is judged by the provider
 * at deploy time, before anything is sent.
 */
export function assertServerUrls(options: DynamicRegistrationOptions): void {
  // Callers without TypeScript's checks (JavaScript) can leave out the issuer.
  if (typeof options.issuer !== 'string') {
    throw new Error(`AuthorizationServer.dynamicRegistration: issuer is ${options.issuer === undefined ? 'missing' : `${JSON.stringify(options.issuer)}, not a string`}. `
      + 'Give the server\'s issuer URL, e.g. https://login.example.com/realms/main: its metadata names the registration endpoint.');
  }
  const urls = [['issuer', options.issuer, 'issuer'], ['registrationEndpoint', options.registrationEndpoint, 'endpoint']] as const;
  for (const [name, url, kind] of urls) {
    if (url === undefined || Token.isUnresolved(url)) continue;
    const found = serverUrlProblem(url, kind);
    if (found) throw new Error(`AuthorizationServer.dynamicRegistration: ${name} ${found.problem}. ${found.fix}`);
  }
}

/**
 * Refuses options of the wrong kind from callers without TypeScript's checks (JavaScript), naming what to give, where
 * they would be dropped or fail on a TypeError (caBundle's kind is assertCaBundle's). An initial access token given as text is never repeated: it is a
 * credential, and in the app it would be written into the template.
 */
export function assertOptionKinds(options: DynamicRegistrationOptions): void {
  const where = `AuthorizationServer.dynamicRegistration (issuer ${options.issuer})`;
  const token = options.initialAccessToken as unknown;
  if (token !== undefined && typeof (token as Partial<secretsmanager.ISecret> | null)?.secretArn !== 'string') {
    throw new Error(`${where}: initialAccessToken is ${typeof token === 'string' ? 'text' : 'no secret'}, not a Secrets Manager secret. Store the `
      + "token in a secret outside the app and give that: secretsmanager.Secret.fromSecretNameV2(this, 'InitialAccessToken', name). The token "
      + 'itself must not be in the app, which would write it into the template.');
  }
  const vpc = options.vpc as unknown;
  if (vpc !== undefined && typeof (vpc as Partial<ec2.IVpc> | null)?.selectSubnets !== 'function') {
    throw new Error(`${where}: vpc is ${JSON.stringify(vpc)}, not a VPC. Give the VPC's construct, e.g. ec2.Vpc.fromLookup(this, 'Vpc', { vpcId }).`);
  }
}

/**
 * Where the provider must run for this server: nowhere special without a VPC; else the selected subnets, which must
 * be private (a Lambda function in a public subnet gets no public IP) and at least one. Refuses what could not work.
 */
export function providerPlacement(options: DynamicRegistrationOptions): ProviderPlacement | undefined {
  const where = `AuthorizationServer.dynamicRegistration (issuer ${options.issuer})`;
  if (!options.vpc) {
    if (options.vpcSubnets || options.securityGroups) {
      throw new Error(`${where}: vpcSubnets and securityGroups place the provider in a VPC, but no vpc was given. Add vpc, or remove them.`);
    }
    return undefined;
  }
  const subnetIds = options.vpc.selectSubnets(options.vpcSubnets).subnetIds;
  const publicIds = new Set(options.vpc.publicSubnets.map((subnet) => subnet.subnetId));
  if (subnetIds.length === 0 || subnetIds.some((id) => publicIds.has(id))) {
    throw new Error(`${where}: the provider needs private subnets of the VPC (a Lambda function in a public subnet gets no `
      + `public IP and cannot reach the internet), but vpcSubnets selects ${subnetIds.length === 0 ? 'none' : 'public subnets'}. `
      + 'Select subnets with egress, e.g. vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }.');
  }
  return { vpc: options.vpc, subnetIds, securityGroups: options.securityGroups };
}

/** The RFC 7591 client metadata of a validated client. */
function clientMetadata(request: ClientRegistrationRequest): Record<string, unknown> {
  const d = request.description;
  const grants = d.grantTypes.map((g) => g.value);
  const method = d.tokenEndpointAuthMethod?.value;
  const responseTypes = [
    ...(grants.includes('authorization_code') ? ['code'] : []),
    ...(grants.includes('implicit') ? ['id_token'] : []),
  ];
  return {
    ...(d.clientName ? { client_name: d.clientName } : {}),
    application_type: d.applicationType === ApplicationType.NATIVE ? 'native' : 'web',
    grant_types: grants,
    response_types: responseTypes,
    redirect_uris: d.redirectUris ?? [],
    ...(request.logoutUris && request.logoutUris.length > 0 ? { post_logout_redirect_uris: request.logoutUris } : {}),
    ...(method ? { token_endpoint_auth_method: method } : {}),
    ...(method === 'private_key_jwt' && request.tokenEndpointAuthSigningAlgorithm
      ? { token_endpoint_auth_signing_alg: request.tokenEndpointAuthSigningAlgorithm.value } : {}),
    ...(d.idTokenSigningAlgorithm ? { id_token_signed_response_alg: d.idTokenSigningAlgorithm.value } : {}),
    ...(d.scopes && d.scopes.length > 0 ? { scope: d.scopes.join(' ') } : {}),
    ...Object.fromEntries(REGISTRATION_CONTROLS.filter((control) => d[control.field]).map((control) => [control.metadata, true])),
  };
}

/**
 * Any authorization server with RFC 7591 dynamic client registration (and RFC 7592 management): the library's
 * provider registers, updates and deletes the client, and keeps its secret and registration access token in
 * Secrets Manager.
 */
export class DynamicRegistrationServer implements IAuthorizationServer, PreflightServer {
  public readonly kind = AuthorizationServerKind.DYNAMIC_REGISTRATION;

  constructor(
    private readonly issuer: string,
    private readonly registrationEndpoint?: string,
    private readonly initialAccessToken?: secretsmanager.ISecret,
    private readonly placement?: ProviderPlacement,
    private readonly caBundle?: string,
  ) {}

  /**
   * Refuses, before the client creates anything, settings RFC 7591 cannot register and a network placement that
   * conflicts with the stack's provider.
   */
  public preflight(client: Construct, constructName: string, props: OAuthClientOptions): void {
    assertRegistrable(client, constructName, props);
    if (this.placement) LibraryProvider.assertPlaceable(client, this.placement);
  }

  public registerClient(scope: Construct, request: ClientRegistrationRequest): ClientRegistration {
    const provider = LibraryProvider.of(scope);
    if (this.placement) provider.placeInVpc(scope, this.placement);
    provider.grantReadOwnSecrets();
    provider.grantPutBackReplaced();

    const { resource, secret } = provider.clientResource(scope, 'Registration', {
      resourceType: OAUTH_CLIENT_REGISTRATION,
      secretEncryptionKey: request.secretEncryptionKey,
      secretRemovalPolicy: request.secretRemovalPolicy,
      signingKey: request.signingKey,
      grants: this.initialAccessToken ? provider.grantReadSecret(this.initialAccessToken) : [],
      properties: {
        Issuer: this.issuer,
        RegistrationEndpoint: this.registrationEndpoint ?? '',
        InitialAccessTokenArn: this.initialAccessToken?.secretArn ?? '',
        CaBundle: caBundleProperty(scope, this.caBundle),
        ClientMetadata: clientMetadata(request),
        SigningKeyArn: request.signingKey?.keyArn ?? '',
        SigningAlgorithm: request.tokenEndpointAuthSigningAlgorithm?.value ?? '',
        Description: toWire(request.description),
        Profile: request.profile ?? ValidationProfile.DEFAULT,
        AcknowledgedRules: request.acknowledgedRules ?? [],
      },
    });

    return {
      clientId: resource.getAttString('ClientId'),
      issuer: this.issuer,
      clientSecret: sharedSecretMethod(request.description) ? secret('ClientSecret') : undefined,
      resource: resource.node.defaultChild as CfnResource,
    };
  }
}
