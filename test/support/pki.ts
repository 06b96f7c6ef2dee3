import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** A certificate authority of a test, and a server certificate for 127.0.0.1 it issued. */
export interface TestPki {
  /** The CA's certificate (PEM). */
  readonly caPem: string;
  /** The server's private key and certificate (PEM), for https.createServer. */
  readonly server: { readonly key: string; readonly cert: string };
}

/**
 * Makes an internal CA and a server certificate it issued, with the machine's openssl (valid 1 day). The server
 * certificate names IP 127.0.0.1 unless told another subject alternative name.
 */
export function makePki(name = 'Test Internal CA', subjectAltName = 'IP:127.0.0.1'): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'oac-pki-'));
  const file = (f: string) => join(dir, f);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout', file('ca.key'), '-out', file('ca.pem'));
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', file('server.key'), '-out', file('server.csr'));
  writeFileSync(file('server.ext'), `subjectAltName=${subjectAltName}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '1',
    '-extfile', file('server.ext'), '-out', file('server.pem'));
  return {
    caPem: readFileSync(file('ca.pem'), 'utf8'),
    server: { key: readFileSync(file('server.key'), 'utf8'), cert: readFileSync(file('server.pem'), 'utf8') },
  };
}

/** A self-signed server certificate for IP 127.0.0.1 and its key (PEM), made with the machine's openssl. */
export function selfSignedServer(): { readonly key: string; readonly cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'oac-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
}
