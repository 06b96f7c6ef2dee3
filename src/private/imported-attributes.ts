// What an imported client (fromConfidentialClientAttributes, fromPublicClientAttributes, fromClientId) is given.
import { Token } from 'aws-cdk-lib';
import { serverUrlProblem } from './server-url';

/**
 * The client ID given to an imported client, refused at once when it is missing or empty (from JavaScript, or an unset
 * environment variable): the import would stand for no client, and grants and references would name none.
 *
 * @param where the imported client, as errors name it
 * @param clientId the client ID given
 */
export function importedClientId(where: string, clientId: string | undefined): string {
  if (typeof clientId !== 'string' || clientId === '') {
    throw new Error(`${where}: clientId is ${clientId === '' ? 'empty' : 'missing'}. Give the ID of the client declared elsewhere `
      + '(its clientId, or an import of the output that carries it).');
  }
  return clientId;
}

/**
 * The issuer given to an imported client, refused at once when it is a value that no issuer can be (as
 * `AuthorizationServer.dynamicRegistration` refuses it). A token (an import of another stack's output) passes.
 *
 * @param where the imported client, as errors name it
 * @param issuer the issuer given, if any
 */
export function importedIssuer(where: string, issuer: string | undefined): string | undefined {
  if (issuer === undefined || Token.isUnresolved(issuer)) return issuer;
  const found = serverUrlProblem(issuer, 'issuer');
  if (found) throw new Error(`${where}: issuer ${found.problem}. ${found.fix}`);
  return issuer;
}
