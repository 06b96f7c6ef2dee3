import * as http from 'http';
import { AddressInfo } from 'net';

/** A stand-in for CloudFormation's pre-signed response URL, on 127.0.0.1: records every response body. */
export class CfnResponseServer {
  public static async start(): Promise<CfnResponseServer> {
    const server = new CfnResponseServer();
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  /** The responses taken, in order. */
  public readonly bodies: string[] = [];
  /** Every PUT that arrived, taken or not. */
  public readonly attempts: string[] = [];
  /**
   * Faults to play on the next PUTs, in order, as S3 can: a status (500, 503, 403 for an expired URL), a dropped
   * connection, or no answer at all.
   */
  public readonly faults: Array<number | 'drop' | 'hang'> = [];
  private readonly server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      this.attempts.push(body);
      const fault = req.method === 'PUT' ? this.faults.shift() : undefined;
      if (fault === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault === 'hang') return;
      if (fault !== undefined) {
        res.writeHead(fault).end();
        return;
      }
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
