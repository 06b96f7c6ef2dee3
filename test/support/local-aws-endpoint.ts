import * as http from 'http';
import { AddressInfo } from 'net';

/**
 * Runs the provider's real AWS clients against a local endpoint of one service for the test file that calls it: test
 * credentials and AWS_ENDPOINT_URL_<SERVICE> are set before the file's tests (the provider makes each client at its
 * first call, and the SDK reads the endpoint then), and the worker's environment is given back after them, for the
 * other test files that may run in the same process.
 *
 * @param service the service's name in AWS_ENDPOINT_URL_<SERVICE> (COGNITO_IDENTITY_PROVIDER, CLOUDFORMATION)
 */
export function useLocalAwsEndpoint(service: string, listener: http.RequestListener): void {
  const server = http.createServer(listener);
  const environment = { ...process.env };
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.env.AWS_REGION = 'eu-west-1';
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    process.env[`AWS_ENDPOINT_URL_${service}`] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    process.env = environment;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
}
