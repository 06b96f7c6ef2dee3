import { generateKeyPairSync } from 'crypto';
import * as http from 'http';
import * as https from 'https';
import { AddressInfo } from 'net';
import Provider, { errors } from 'oidc-provider';

export interface OidcServerOptions {
  /** RFC 7592 client management (registration access tokens, GET/PUT/DELETE of a registration). Default: on. */
  readonly registrationManagement?: boolean;
  /** node-oidc-provider's development login and consent pages, which a test drives with plain HTTP. Default: off. */
  readonly interactions?: boolean;
  /** Registrations only with an initial access token (RFC 7591 §3), which `issueInitialAccessToken` makes. Default: off. */
  readonly initialAccessToken?: boolean;
  /** Serves https with this key and certificate (PEM) instead of plain http. Default: plain http. */
  readonly tls?: { readonly key: string; readonly cert: string };
  /**
   * Client assertions as a server that enforces RFC 7523bis takes them (Duende IdentityServer's strict validation):
   * typed `client-authentication+jwt`, with the issuer alone as audience. Default: off (node-oidc-provider's own
   * checks, which take `JWT` and the token endpoint URL too).
   */
  readonly strictClientAssertions?: boolean;
}

/** A real authorization server (node-oidc-provider) on 127.0.0.1 with dynamic registration and client credentials. */
export class OidcServer {
  public static async start(options: OidcServerOptions = {}): Promise<OidcServer> {
    const management = options.registrationManagement ?? true;
    const server = new OidcServer(options.tls);
    await new Promise<void>((resolve) => server.http.listen(0, '127.0.0.1', resolve));
    const issuer = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.http.address() as AddressInfo).port}`;
    const signingKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    server.provider = new Provider(issuer, {
      features: {
        devInteractions: { enabled: options.interactions ?? false },
        clientCredentials: { enabled: true },
        registration: {
          enabled: true,
          issueRegistrationAccessToken: management,
          initialAccessToken: options.initialAccessToken ?? false,
          // An initial access token good for one registration (Keycloak's count of 1): the registration spends it.
          ...(options.initialAccessToken ? { policies: { 'single-use': async (ctx) => ctx.oidc.entities.InitialAccessToken?.destroy() } } : {}),
        },
        registrationManagement: { enabled: management, rotateRegistrationAccessToken: () => server.rotatesRegistrationAccessToken },
        introspection: { enabled: true },
      },
      scopes: ['openid', 'offline_access', 'api:read', 'api:write'],
      // Every client assertion algorithm a KMS key signs (the default list has only the 256-bit ones).
      enabledJWA: {
        clientAuthSigningAlgValues: ['HS256', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'],
      },
      jwks: { keys: [{ ...signingKey(), kid: 'server-key', alg: 'RS256', use: 'sig' }, { ...signingKey(), kid: 'server-key-ps256', alg: 'PS256', use: 'sig' }] as any },
      cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
      ...(options.strictClientAssertions ? {
        assertJwtClientAuthClaimsAndHeader: async (ctx, claims, header) => {
          if (header.typ !== 'client-authentication+jwt') throw new errors.InvalidClientAuth(`typ must be client-authentication+jwt, not ${header.typ}`);
          if (claims.aud !== ctx.oidc.issuer) throw new errors.InvalidClientAuth('aud must be the issuer identifier');
        },
      } : {}),
    });
    return server;
  }

  public provider!: Provider;
  /**
   * Whether each update (RFC 7592 PUT) issues a new registration access token and revokes the old one, as Keycloak
   * does and node-oidc-provider does by default. Default: true.
   */
  public rotatesRegistrationAccessToken = true;
  private readonly http: http.Server;

  private constructor(tls?: OidcServerOptions['tls']) {
    const listener: http.RequestListener = (req, res) => this.provider.callback()(req, res);
    this.http = tls ? https.createServer(tls, listener) : http.createServer(listener);
  }

  /** An initial access token the server takes for registrations (for one only, if told), as its administrator would issue one. */
  public async issueInitialAccessToken(singleUse = false): Promise<string> {
    return new this.provider.InitialAccessToken(singleUse ? { policies: ['single-use'] } : {}).save();
  }

  /**
   * A new registration access token for the client, as an operator has the server issue one when the client's was
   * lost (Keycloak's admin console can); made as node-oidc-provider's own update makes it.
   */
  public async issueRegistrationAccessToken(clientId: string): Promise<string> {
    const client = await this.provider.Client.find(clientId);
    // Its type declares no constructor.
    const Token = this.provider.RegistrationAccessToken as unknown as new (properties: { client: unknown }) => { save(): Promise<string> };
    return new Token({ client }).save();
  }

  public get issuer(): string {
    return this.provider.issuer;
  }

  public async stop(): Promise<void> {
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}

/**
 * A programmable HTTP proxy on 127.0.0.1 in front of the server: counts requests, answers 503, drops connections
 * or rewrites request bodies, to play the faults of a real network and server.
 */
export class FaultProxy {
  public static async start(target: string): Promise<FaultProxy> {
    const proxy = new FaultProxy(new URL(target));
    await new Promise<void>((resolve) => proxy.http.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** Requests seen, as `METHOD path`. */
  public readonly seen: string[] = [];
  /**
   * Faults to play, in order, on requests matching the method: answer 503; drop the connection before the server
   * sees the request; or let the server carry it out and drop the connection instead of its answer, or in the middle
   * of it (after its status line, headers and half its body).
   */
  public readonly faults: Array<{ method: string; fault: '503' | 'drop' | 'drop-answer' | 'cut-answer' }> = [];
  /** Rewrites the JSON body of requests matching the method. */
  public rewrite?: { method: string; body: (json: any) => any };
  /** Rewrites the JSON body of responses (e.g. to send later calls through this proxy); gets the request's method too. */
  public rewriteResponse?: (json: any, method: string) => any;
  /** The JSON answers the server gave to requests whose answer a 'drop-answer' fault dropped, in order. */
  public readonly lostAnswers: any[] = [];
  /** Statuses to answer instead of forwarding, in order, for requests matching the method. */
  public readonly refusals: Array<{ method: string; status: number }> = [];

  private readonly http = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      this.seen.push(`${req.method} ${req.url}`);
      const fault = this.faults.findIndex((f) => f.method === req.method);
      const kind = fault === -1 ? undefined : this.faults.splice(fault, 1)[0].fault;
      if (kind === 'drop') {
        req.socket.destroy();
        return;
      }
      if (kind === '503') {
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"temporarily_unavailable"}');
        return;
      }
      const refusal = this.refusals.findIndex((r) => r.method === req.method);
      if (refusal !== -1) {
        const [{ status }] = this.refusals.splice(refusal, 1);
        res.writeHead(status, { 'content-type': 'application/json' }).end('{"error":"invalid_request","error_description":"refused by the test proxy"}');
        return;
      }
      if (this.rewrite && this.rewrite.method === req.method && body) {
        body = JSON.stringify(this.rewrite.body(JSON.parse(body)));
      }
      const headers = { ...req.headers, 'host': this.target.host, 'content-length': String(Buffer.byteLength(body)) };
      const upstream = http.request({ host: this.target.hostname, port: this.target.port, path: req.url, method: req.method, headers }, (up) => {
        if (kind === 'drop-answer' || kind === 'cut-answer') {
          let lost = '';
          up.on('data', (chunk) => (lost += chunk));
          up.on('end', () => {
            this.lostAnswers.push(lost ? JSON.parse(lost) : undefined);
            if (kind === 'drop-answer') {
              req.socket.destroy();
              return;
            }
            res.writeHead(up.statusCode ?? 502, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(lost)) });
            res.write(lost.slice(0, lost.length / 2), () => req.socket.destroy());
          });
          return;
        }
        if (!this.rewriteResponse) {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          return;
        }
        let answer = '';
        up.on('data', (chunk) => (answer += chunk));
        up.on('end', () => {
          const text = answer && (up.headers['content-type'] ?? '').includes('json') ? JSON.stringify(this.rewriteResponse!(JSON.parse(answer), req.method!)) : answer;
          res.writeHead(up.statusCode ?? 502, { ...up.headers, 'content-length': String(Buffer.byteLength(text)) }).end(text);
        });
      });
      upstream.on('error', () => res.writeHead(502).end());
      upstream.end(body);
    });
  });

  private constructor(private readonly target: URL) {}

  public get url(): string {
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  public count(method: string, pathPrefix: string): number {
    return this.seen.filter((s) => s.startsWith(`${method} ${pathPrefix}`)).length;
  }

  public async stop(): Promise<void> {
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}
