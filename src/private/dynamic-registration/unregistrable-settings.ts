import { Construct } from 'constructs';
import { OAuthClientOptions } from '../../oauth-client-options';
import { refuseUnsupported, UnsupportedSetting } from '../unsupported-settings';

const LIFETIMES: UnsupportedSetting = {
  why: 'RFC 7591 defines no client metadata for token lifetimes',
  instead: 'Set token lifetimes on the authorization server',
};

/** Refuses the settings RFC 7591 has no client metadata for. */
export function assertRegistrable(client: Construct, constructName: string, props: OAuthClientOptions): void {
  refuseUnsupported(client, constructName, props, 'dynamic client registration', {
    accessTokenValidity: LIFETIMES,
    idTokenValidity: LIFETIMES,
    refreshTokenValidity: LIFETIMES,
    identityProviders: {
      why: 'RFC 7591 defines no client metadata for identity providers',
      instead: 'Choose the identity providers on the authorization server',
    },
  });
}
