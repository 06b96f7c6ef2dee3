import { Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { OAuthClientOptions } from '../../oauth-client-options';

/** The ASCII characters CreateUserPoolClient takes in ClientName (its pattern `[\w\s+=,.@-]+`). */
const ALLOWED_ASCII = /[A-Za-z0-9_\s+=,.@-]/;

/** How many logout URLs CreateUserPoolClient takes, and how long each may be (as for callback URLs, COG-008). */
const MAX_LOGOUT_URLS = 100;
const MAX_URL_LENGTH = 1024;

function nameProblem(name: string | undefined): string | undefined {
  if (name === undefined || Token.isUnresolved(name)) return undefined;
  const refused = [...new Set([...name].filter((c) => c.charCodeAt(0) < 0x80 && !ALLOWED_ASCII.test(c)))];
  return refused.length === 0 ? undefined
    : `clientName '${name}' has characters Amazon Cognito refuses in an app client name: ${refused.map((c) => `'${c}'`).join(', ')}. `
      + 'Use letters, digits, spaces and _ + = , . @ - only (CreateUserPoolClient ClientName pattern).';
}

function logoutProblems(urls: readonly string[]): string[] {
  const problems = urls.length > MAX_LOGOUT_URLS && !Token.isUnresolved(urls)
    ? [`logoutUris has ${urls.length} URLs, but Amazon Cognito takes at most ${MAX_LOGOUT_URLS}. Keep the ones the application signs out to.`]
    : [];
  // A URL with a token can only be longer once resolved: judged by its literal length (as COG-008 judges callbacks).
  for (const url of urls.filter((u) => literalLength(u) > MAX_URL_LENGTH)) {
    problems.push(`logout URI '${url.slice(0, 60)}...' has ${literalLength(url)} characters, but Amazon Cognito takes at most ${MAX_URL_LENGTH}. `
      + 'Use a shorter URL.');
  }
  return problems;
}

/** The length of a string without its tokens. */
function literalLength(value: string): number {
  return Token.isUnresolved(value) ? value.replace(/\$\{Token\[[^\]]*\]\}/g, '').length : value.length;
}

/**
 * Refuses what CreateUserPoolClient would refuse and no rule covers: ASCII characters outside its ClientName pattern
 * (parentheses, slashes, colons, ...), more than 100 logout URLs, or one over 1024 characters. Other characters are
 * left to Cognito; the client name's length and the callback URLs are COG-008's.
 */
export function assertCognitoAppClientLimits(client: Construct, constructName: string, props: OAuthClientOptions): void {
  const problems = [nameProblem(props.clientName), ...logoutProblems(props.logoutUris ?? [])].filter((p): p is string => p !== undefined);
  if (problems.length === 0) return;
  throw new Error(problems.length === 1
    ? `${constructName} '${client.node.path}': ${problems[0]}`
    : `${constructName} '${client.node.path}' cannot be created by Amazon Cognito as declared:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}
