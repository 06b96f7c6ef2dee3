import { CfnResource } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ApplicationType } from '../../application-type';
import { IAuthorizationServer } from '../../authorization-server';
import { AuthorizationServerKind } from '../../authorization-server-kind';
import { ClientRegistration, ClientRegistrationRequest } from '../../client-registration';
import { ValidationProfile } from '../../validation-profile';
import { SHARED_SECRET_METHODS } from '../engine/rule';
import { toWire } from '../engine/wire';
import { LibraryProvider } from '../provider/library-provider';
import { OAUTH_CLIENT_REGISTRATION } from '../provider/resource-types';

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
  };
}

/**
 * Any authorization server with RFC 7591 dynamic client registration (and RFC 7592 management): the library's
 * provider registers, updates and deletes the client, and keeps its secret and registration access token in
 * Secrets Manager.
 */
export class DynamicRegistrationServer implements IAuthorizationServer {
  public readonly kind = AuthorizationServerKind.DYNAMIC_REGISTRATION;

  constructor(
    private readonly issuer: string,
    private readonly registrationEndpoint?: string,
    private readonly initialAccessToken?: secretsmanager.ISecret,
  ) {}

  public registerClient(scope: Construct, request: ClientRegistrationRequest): ClientRegistration {
    const provider = LibraryProvider.of(scope);
    provider.grantReadOwnSecrets();
    if (this.initialAccessToken) provider.grantReadSecret(this.initialAccessToken);
    if (request.signingKey) provider.grantGetPublicKey(request.signingKey);

    const { resource, secret } = provider.clientResource(scope, 'Registration', {
      resourceType: OAUTH_CLIENT_REGISTRATION,
      secretEncryptionKey: request.secretEncryptionKey,
      secretRemovalPolicy: request.secretRemovalPolicy,
      properties: {
        Issuer: this.issuer,
        RegistrationEndpoint: this.registrationEndpoint ?? '',
        InitialAccessTokenArn: this.initialAccessToken?.secretArn ?? '',
        ClientMetadata: clientMetadata(request),
        SigningKeyArn: request.signingKey?.keyArn ?? '',
        SigningAlgorithm: request.tokenEndpointAuthSigningAlgorithm?.value ?? '',
        Description: toWire(request.description),
        Profile: request.profile ?? ValidationProfile.DEFAULT,
        AcknowledgedRules: request.acknowledgedRules ?? [],
      },
    });

    const method = request.description.tokenEndpointAuthMethod?.value ?? 'client_secret_basic';
    return {
      clientId: resource.getAttString('ClientId'),
      clientSecret: SHARED_SECRET_METHODS.includes(method) ? secret('ClientSecret') : undefined,
      resource: resource.node.defaultChild as CfnResource,
    };
  }
}
