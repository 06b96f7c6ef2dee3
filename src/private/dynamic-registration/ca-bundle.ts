import { createHash, X509Certificate } from 'crypto';
import { CfnMapping, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { DynamicRegistrationOptions } from '../../authorization-server';

/** The mapping of a stack that holds each CA bundle its clients name, once. */
const MAPPING_ID = 'CdkOAuthClientsCaBundles';

/** A PEM block: its label and the whole block. */
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/**
 * Refuses a `caBundle` the provider could not use, or that would put a private key into the template: it must be
 * PEM certificates only, each readable. A token is taken as it is (Node.js refuses bad PEM at deploy time).
 */
export function assertCaBundle(options: DynamicRegistrationOptions): void {
  const text = options.caBundle;
  if (text === undefined || Token.isUnresolved(text)) return;
  const where = `AuthorizationServer.dynamicRegistration (issuer ${options.issuer}): caBundle`;
  // Callers without TypeScript's checks (JavaScript) can give the file's Buffer.
  if (typeof text !== 'string') throw new Error(`${where} is not text. Give the PEM text of the certificates, e.g. fs.readFileSync('internal-ca.pem', 'utf8').`);
  // Named by its label only: the text of a key must not reach an error message or a log.
  if (/PRIVATE KEY-----/.test(text)) {
    throw new Error(`${where} holds a private key, which would be written into the template. It takes the certificates of the `
      + 'certificate authorities only (-----BEGIN CERTIFICATE-----): remove the key from the text, and keep it out of the app.');
  }
  const blocks = [...text.matchAll(PEM_BLOCK)];
  const others = [...new Set(blocks.map((block) => block[1]).filter((label) => label !== 'CERTIFICATE'))];
  if (others.length > 0) {
    throw new Error(`${where} holds ${others.map((label) => `a ${label} block`).join(' and ')}; it takes certificates only `
      + '(-----BEGIN CERTIFICATE-----): remove the other blocks.');
  }
  if (blocks.length === 0) {
    throw new Error(`${where} holds no PEM certificate (-----BEGIN CERTIFICATE-----): give the PEM text of the certificate `
      + 'authorities that issued the server\'s certificate, e.g. fs.readFileSync(\'internal-ca.pem\', \'utf8\').');
  }
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block[0]);
    } catch (e) {
      throw new Error(`${where}: certificate ${i + 1} of ${blocks.length} cannot be read (${(e as Error).message}). Give it as the PEM `
        + 'text `openssl x509 -outform PEM` writes.');
    }
  });
}

/**
 * What a client's resource gives the provider for its server's `caBundle`: a reference (`Fn::FindInMap`) to the
 * text, which the stack's mapping holds once however many clients of the stack name it (a PEM bundle is a few KB, and
 * a template has 1 MB); a token as it is; '' for none. CloudFormation resolves the reference before the provider
 * reads it.
 */
export function caBundleProperty(scope: IConstruct, caBundle: string | undefined): string {
  if (caBundle === undefined) return '';
  if (Token.isUnresolved(caBundle)) return caBundle;
  const stack = Stack.of(scope);
  // Rendered whether or not each reference could be read at synth (lazy: false): the references are what saves the space.
  const mapping = stack.node.tryFindChild(MAPPING_ID) as CfnMapping | undefined ?? new CfnMapping(stack, MAPPING_ID, { lazy: false });
  const key = `Ca${createHash('sha256').update(caBundle).digest('hex').slice(0, 16)}`;
  mapping.setValue(key, 'Pem', caBundle);
  return mapping.findInMap(key, 'Pem');
}
