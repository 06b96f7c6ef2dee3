import { Construct } from 'constructs';
import { ClientProps, refuseAsDeclared, UnsupportedSetting, unsupportedSettings } from '../unsupported-settings';

const LIFETIMES: UnsupportedSetting = {
  why: 'RFC 7591 defines no client metadata for token lifetimes',
  instead: 'Set token lifetimes on the authorization server',
};

const MUTUAL_TLS = ['tls_client_auth', 'self_signed_tls_client_auth'];

/** Refuses the settings RFC 7591 has no client metadata for, and the ones this library cannot register. */
export function assertRegistrable(client: Construct, constructName: string, props: ClientProps): void {
  refuseAsDeclared(client, constructName, 'dynamic client registration', unsupportedSettings(props, {
    accessTokenValidity: LIFETIMES,
    idTokenValidity: LIFETIMES,
    refreshTokenValidity: LIFETIMES,
    refreshTokenRotationGracePeriod: {
      why: 'RFC 7591 defines no client metadata for refresh-token rotation',
      instead: 'Set the rotation grace period on the authorization server',
    },
    identityProviders: {
      why: 'RFC 7591 defines no client metadata for identity providers',
      instead: 'Choose the identity providers on the authorization server',
    },
    secretRotation: {
      why: 'RFC 7591 and RFC 7592 define no way to have a server issue a second client secret while the first stays valid',
      instead: 'To replace the secret, declare a second client, move the services to it, then remove the first',
    },
    tokenEndpointAuthMethod: {
      why: 'RFC 8705 registers a mutual-TLS client with its certificate (tls_client_auth_subject_dn or a subject alternative name,'
        + ' or the self-signed certificate in its JWK set), and this library has no prop for the certificate, so the server'
        + ' would refuse the registration',
      instead: 'Use TokenEndpointAuthMethod.PRIVATE_KEY_JWT (a KMS key, allowed by FAPI 2.0 too) instead',
      keep: true,
      refuses: (method) => MUTUAL_TLS.includes(String(method)),
    },
  }));
}
