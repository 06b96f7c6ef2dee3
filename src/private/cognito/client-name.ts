import { Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { OAuthClientOptions } from '../../oauth-client-options';

/** The ASCII characters CreateUserPoolClient takes in ClientName (its pattern `[\w\s+=,.@-]+`). */
const ALLOWED_ASCII = /[A-Za-z0-9_\s+=,.@-]/;

/**
 * Refuses a client name with ASCII characters Cognito's ClientName pattern refuses (parentheses, slashes, colons, ...),
 * which would fail the deployment. Other characters are left to Cognito, and a name that is a token is not judged;
 * the length is COG-008's.
 */
export function assertCognitoClientName(client: Construct, constructName: string, props: OAuthClientOptions): void {
  const name = props.clientName;
  if (name === undefined || Token.isUnresolved(name)) return;
  const refused = [...new Set([...name].filter((c) => c.charCodeAt(0) < 0x80 && !ALLOWED_ASCII.test(c)))];
  if (refused.length === 0) return;
  throw new Error(`${constructName} '${client.node.path}': clientName '${name}' has characters Amazon Cognito refuses in an app client name: `
    + `${refused.map((c) => `'${c}'`).join(', ')}. Use letters, digits, spaces and _ + = , . @ - only (CreateUserPoolClient ClientName pattern).`);
}
