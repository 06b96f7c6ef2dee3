// The provider Lambda of Cognito clients: copies each confidential app client's secret into Secrets Manager.
import { cognitoClientSecret } from './cognito-client-secret';
import { resourceProvider } from './resource-provider';
import { COGNITO_CLIENT_SECRET } from '../provider/resource-types';

export const handler = resourceProvider({ [COGNITO_CLIENT_SECRET]: cognitoClientSecret });
