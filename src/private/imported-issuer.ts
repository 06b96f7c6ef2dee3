import { Token } from 'aws-cdk-lib';
import { serverUrlProblem } from './server-url';

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
