// The provider Lambda of dynamically registered clients (RFC 7591/7592).
import { clientRegistration } from './client-registration';
import { resourceProvider } from './resource-provider';
import { OAUTH_CLIENT_REGISTRATION } from '../provider/resource-types';

export const handler = resourceProvider({ [OAUTH_CLIENT_REGISTRATION]: clientRegistration });
