import { ChildProcess, spawn } from 'child_process';
import * as http from 'http';
import { AddressInfo, Socket, connect } from 'net';

/**
 * Points the provider's real AWS clients at local endpoints for the test file that calls it: test credentials and
 * AWS_ENDPOINT_URL_<SERVICE> are set before the file's tests (the provider makes each client at its first call, and
 * the SDK reads the endpoint then), and the worker's environment is given back after them, for the other test files
 * that may run in the same process.
 *
 * @param start starts the endpoints and returns their URL; stop is run after the file's tests
 */
function useEndpoint(services: string[], start: () => Promise<string>, stop: () => Promise<void>): void {
  const environment = { ...process.env };
  beforeAll(async () => {
    const url = await start();
    process.env.AWS_REGION = 'eu-west-1';
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    for (const service of services) process.env[`AWS_ENDPOINT_URL_${service}`] = url;
  });
  afterAll(async () => {
    process.env = environment;
    await stop();
  });
}

/**
 * Runs the provider's real AWS clients against a local endpoint of one service for the test file that calls it.
 *
 * @param service the service's name in AWS_ENDPOINT_URL_<SERVICE> (COGNITO_IDENTITY_PROVIDER, CLOUDFORMATION)
 */
export function useLocalAwsEndpoint(service: string, listener: http.RequestListener): void {
  const server = http.createServer(listener);
  useEndpoint([service], async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
}

/**
 * Points the provider's AWS clients for these services at an address that takes no connection, as an endpoint does
 * from a VPC with no route to it: TCP's handshake is never answered. It is a port whose listener is stopped (SIGSTOP)
 * with its backlog of one filled, so the kernel drops every further SYN and the client waits, as it would in the VPC.
 */
export function useUnreachableAwsEndpoint(services: string[]): void {
  let listener: ChildProcess | undefined;
  const fillers: Socket[] = [];
  useEndpoint(services, async () => {
    listener = spawn(process.execPath, ['-e',
      'const s = require("net").createServer(() => {}); s.listen(0, "127.0.0.1", 1, () => console.log(s.address().port));'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve) => listener!.stdout!.once('data', (data) => resolve(Number(String(data).trim()))));
    listener.kill('SIGSTOP');
    for (let i = 0; i < 2; i++) {
      // The backlog takes two connections (its length plus one): they are made, and never accepted.
      const filler = connect(port, '127.0.0.1');
      filler.on('error', () => undefined);
      fillers.push(filler);
      await new Promise<void>((resolve) => filler.once('connect', () => resolve()));
    }
    return `http://127.0.0.1:${port}`;
  }, async () => {
    fillers.forEach((filler) => filler.destroy());
    listener?.kill('SIGKILL');
  });
}
