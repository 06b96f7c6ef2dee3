import * as http from 'http';
import { AddressInfo } from 'net';

/** A stand-in for CloudFormation's pre-signed response URL, on 127.0.0.1: records every response body. */
export class CfnResponseServer {
  public static async start(): Promise<CfnResponseServer> {
    const server = new CfnResponseServer();
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  public readonly bodies: string[] = [];
  private readonly server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      this.bodies.push(body);
      res.writeHead(req.method === 'PUT' ? 200 : 405).end();
    });
  });

  public get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/response`;
  }

  /**
   * The last response, parsed, as CloudFormation takes it: a body over 4096 bytes fails the resource with
   * CloudFormation's own reason, and the provider's is lost.
   */
  public last(): any {
    const body = this.bodies[this.bodies.length - 1];
    const response = JSON.parse(body);
    return Buffer.byteLength(body) > 4096
      ? { ...response, Status: 'FAILED', Reason: `Response object is too long (${Buffer.byteLength(body)} bytes).` }
      : response;
  }

  public async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Resource properties as CloudFormation hands them to a custom resource's function: every boolean and number, at
 * any depth, becomes a string (`true` → `'true'`, `2048` → `'2048'`).
 */
export function asCloudFormationSends<T>(properties: T): T {
  const convert = (value: unknown): unknown => {
    if (typeof value === 'boolean' || typeof value === 'number') return String(value);
    if (Array.isArray(value)) return value.map(convert);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]));
    return value;
  };
  return convert(properties) as T;
}
