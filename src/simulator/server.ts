// The simulator's HTTP server: accepts connections and hands each request to its job:
// the admin endpoints (admin.ts), or the API: recorded (request-log.ts), decided by the
// pipeline (pipeline.ts → routes.ts), written (respond.ts), then reported as answered.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { admin, isAdminPath } from './admin.js';
import { DigestAuth, OAuthTokens } from './auth.js';
import { serviceAccountCredentials } from './resources/service-accounts.js';
import type { SimClock } from './clock.js';
import { CHANGE_KINDS } from './durations.js';
import { ApiError } from './errors.js';
import { Faults } from './faults.js';
import { Pipeline } from './pipeline.js';
import { RateLimits, type Limit } from './rate-limits.js';
import { recordOf, RequestLog } from './request-log.js';
import { respond } from './respond.js';
import type { SimulatorState } from './state.js';
import type { Fault, SimulatorCredentials } from './types.js';
import { errorOutcome, readBody, type Outcome } from './wire.js';

export interface ServerConfig {
  credentials: SimulatorCredentials;
  clock: SimClock;
  /** digest nonce lifetime, clock ms */
  nonceTtlMs: number;
  /** OAuth token lifetime, clock seconds */
  tokenTtlSec: number;
  tokenRateLimit: Limit;
  /** one limit for every family (tests); Atlas's per-family limits when absent */
  rateLimit?: Limit;
  deprecationHeaders: boolean;
  /** how many requests the request log keeps */
  requestLogSize: number;
  log?: (line: string) => void;
  /** faults active from the start and again after each reset (a scenario's) */
  faults?: Fault[];
}

export class SimulatorServer {
  readonly server: Server;
  readonly requests: RequestLog;
  readonly faults = new Faults();
  readonly digest: DigestAuth;
  readonly oauth: OAuthTokens;
  readonly limits: RateLimits;
  baseUrl = '';
  private readonly pipeline: Pipeline;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly state: SimulatorState,
    private readonly config: ServerConfig,
  ) {
    const c = config.credentials;
    const now = () => config.clock.now();
    this.requests = new RequestLog(config.requestLogSize);
    // the configured API key, and the organization API keys of the state (those created through the simulator too)
    this.digest = new DigestAuth(
      () => new Map([...[...this.state.apiKeys.values()].map((k): [string, string] => [k.publicKey, k.privateKey]), [c.publicKey, c.privateKey]]),
      config.nonceTtlMs,
      now,
    );
    // the configured service account, and those created through the simulator (their live secrets)
    this.oauth = new OAuthTokens(
      () => new Map<string, string | readonly string[]>([[c.clientId, c.clientSecret], ...serviceAccountCredentials(this.state)]),
      config.tokenTtlSec,
      now,
    );
    this.limits = new RateLimits(now, config.tokenRateLimit, config.rateLimit);
    this.pipeline = new Pipeline({
      digest: this.digest,
      oauth: this.oauth,
      faults: this.faults,
      limits: this.limits,
      routes: () => ({ state: this.state, base: this.baseUrl, deprecationHeaders: config.deprecationHeaders }),
    });
    for (const f of config.faults ?? []) this.faults.add(f);
    this.server = createServer({ keepAlive: true }, (req, res) => {
      this.handle(req, res).catch((e) => {
        // never leave a request hanging
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'application/json', 'X-Error-Code': 'UNEXPECTED_ERROR' });
          res.end(JSON.stringify(new ApiError(500, 'UNEXPECTED_ERROR', String((e as Error)?.message ?? e)).toBody()));
        } else res.destroy();
      });
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const addr = this.server.address() as AddressInfo;
    const h = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    this.baseUrl = `http://${h}:${addr.port}`;
    return addr;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
      for (const s of this.sockets) s.destroy();
    });
  }

  /** Clears requests, faults, tokens and rate-limit windows, and reseeds the state (the clock keeps its time). */
  reset(): void {
    this.requests.clear();
    this.faults.clear();
    this.oauth.clear();
    this.limits.clear();
    this.state.reset();
    for (const f of this.config.faults ?? []) this.faults.add(f);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (isAdminPath(url.pathname)) {
      return admin(
        {
          credentials: this.config.credentials,
          baseUrl: () => this.baseUrl,
          requests: this.requests,
          faults: this.faults,
          clock: this.config.clock,
          stepMs: () => this.state.stepMs,
          durations: () => Object.fromEntries(CHANGE_KINDS.map((k) => [k, this.state.duration(k)])),
          reset: () => this.reset(),
          expireTokens: () => this.oauth.expireAll(),
        },
        req,
        res,
        url,
        raw,
      );
    }
    const rec = recordOf(req, url, raw);
    this.requests.push(rec);
    let out: Outcome;
    try {
      out = await this.pipeline.process(req, url, raw, rec);
    } catch (e) {
      out = errorOutcome(e instanceof ApiError ? e : new ApiError(500, 'UNEXPECTED_ERROR', String((e as Error)?.stack ?? e)));
    }
    if (out.status >= 400 && out.headers['X-Error-Code']) rec.errorCode = out.headers['X-Error-Code'];
    try {
      await respond(req, res, out, this.limits.headers(url.pathname), rec, this.config.log);
    } finally {
      this.requests.answered(rec);
    }
  }
}
