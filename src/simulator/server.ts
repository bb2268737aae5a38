// The simulator's HTTP server: one pipeline every request goes through, in Atlas' order:
// admin API (/__sim/) → rate limit → OAuth token endpoint → authentication (Digest,
// Bearer) → faults → route (spec operation, 404/405) → version negotiation (Accept,
// 406) → query validation → body validation (Content-Type, JSON, schema; 400) →
// resource handler → response headers (version media type, rate limit, Deprecation/Sunset,
// X-Error-Code on errors) → faults that act on the answer (drop after acting, body cut
// short or stalling).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { matchOperation, methodsForPath, type OperationSpec } from '../spec/index.js';
import { formatIssues, validateQuery, validateRequestBody } from '../spec/validate.js';
import { DigestAuth, OAuthTokens, TOKEN_LIMIT_REACHED } from './auth.js';
import type { Ctx, HandlerTable, Reply } from './context.js';
import { ApiError, errors } from './errors.js';
import { DEFAULT_ERROR_CODES, Faults, validateFault } from './faults.js';
import { accessListHandlers, ipInfo } from './resources/access-list.js';
import { alertHandlers } from './resources/alerts.js';
import { apiKeyHandlers } from './resources/api-keys.js';
import { backupHandlers } from './resources/backup.js';
import { clusterHandlers } from './resources/clusters.js';
import { databaseUserHandlers } from './resources/database-users.js';
import { customRoleHandlers } from './resources/custom-roles.js';
import { eventHandlers } from './resources/events.js';
import { maintenanceHandlers } from './resources/maintenance.js';
import { logHandlers } from './resources/logs.js';
import { measurementHandlers } from './resources/measurements.js';
import { flexClusterHandlers } from './resources/flex-clusters.js';
import { orgHandlers } from './resources/orgs.js';
import { processHandlers } from './resources/processes.js';
import { projectHandlers } from './resources/projects.js';
import { rateFamily } from './rate-limits.js';
import { SimulatorState } from './state.js';
import type { AuthKind, Fault, RecordedRequest, SimulatorCredentials, SimulatorOptions } from './types.js';

/** Every simulated operation, by operationId: one table per resource family. */
const HANDLERS: HandlerTable = {
  ...orgHandlers,
  ...projectHandlers,
  ...clusterHandlers,
  ...flexClusterHandlers,
  ...alertHandlers,
  ...eventHandlers,
  ...maintenanceHandlers,
  ...databaseUserHandlers,
  ...customRoleHandlers,
  ...accessListHandlers,
  ...apiKeyHandlers,
  ...backupHandlers,
  ...processHandlers,
  ...measurementHandlers,
  ...logHandlers,
};

const MEDIA = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2}|preview)\+(json|gzip|csv)$/i;
const MAX_BODY = 10 * 1024 * 1024;

export interface ServerConfig extends Required<Omit<SimulatorOptions, 'log' | 'seed' | 'port' | 'host' | 'rateLimit'>> {
  log?: (line: string) => void;
  /** one limit for every family (tests); Atlas's per-family limits when absent */
  rateLimit?: { limit: number; windowMs: number };
  credentials: SimulatorCredentials;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** "Mon, 5 Aug 2024 00:00:00 GMT", the way Atlas writes Deprecation/Sunset dates. */
export function httpDate(isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return d.toUTCString().replace(/^(\w{3}), 0(\d)/, '$1, $2');
}

interface Outcome {
  status: number;
  headers: Record<string, string>;
  body?: Buffer;
  /** destroy the socket instead of answering */
  reset?: boolean;
  /** a streamed body (chunked): piped to the response, the connection destroyed if it fails */
  stream?: Readable;
  /** the stream's end marked only by closing the connection (see Reply.unframed) */
  unframed?: boolean;
  /** what a fault does to the answer once it is ready */
  drop?: 'after' | 'cutBody';
  stallBodyMs?: number;
}

/** What matching faults ask for, gathered. */
interface FaultEffects {
  outcome?: Outcome;
  headers: Record<string, string>;
  malformed: boolean;
  drop?: 'after' | 'cutBody';
  stallBodyMs?: number;
}

export class SimulatorServer {
  readonly server: Server;
  readonly requests: RecordedRequest[] = [];
  readonly faults = new Faults();
  readonly digest: DigestAuth;
  readonly oauth: OAuthTokens;
  baseUrl = '';
  /** fixed windows, one per rate-limit family */
  private windows = new Map<string, { start: number; count: number }>();
  /** per service account: when each token of the current window was minted (ms) */
  private readonly minted = new Map<string, number[]>();
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly state: SimulatorState,
    private readonly config: ServerConfig,
  ) {
    const c = config.credentials;
    this.digest = new DigestAuth(() => new Map([[c.publicKey, c.privateKey]]), config.nonceTtlMs);
    this.oauth = new OAuthTokens(() => new Map([[c.clientId, c.clientSecret]]), config.tokenTtlSec);
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

  /** Clears requests, faults, tokens and reseeds the state. */
  reset(): void {
    this.requests.length = 0;
    this.faults.clear();
    this.oauth.clear();
    this.windows.clear();
    this.minted.clear();
    this.state.reset();
  }

  // ---- pipeline ------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (url.pathname.startsWith('/__sim/') || url.pathname === '/__sim') {
      return this.admin(req, res, url, raw);
    }
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      accept: header(req, 'accept'),
      contentType: header(req, 'content-type'),
      userAgent: header(req, 'user-agent'),
      body: parseForRecord(raw),
      status: 0,
      auth: 'none',
      time: started,
    };
    if (rec.body === undefined) delete rec.body;
    if (rec.accept === undefined) delete rec.accept;
    if (rec.contentType === undefined) delete rec.contentType;
    if (rec.userAgent === undefined) delete rec.userAgent;
    this.requests.push(rec);

    let out: Outcome;
    try {
      out = await this.process(req, url, raw, rec);
    } catch (e) {
      out = errorOutcome(e instanceof ApiError ? e : new ApiError(500, 'UNEXPECTED_ERROR', String((e as Error)?.stack ?? e)));
    }
    const rl = this.rateHeaders(url.pathname);
    if (out.reset || out.drop === 'after') {
      rec.status = 0;
      rec.dropped = out.reset ? 'reset' : 'after';
      req.socket.destroy();
      this.config.log?.(`${rec.method} ${req.url} ${out.reset ? 'RESET' : `DROPPED after ${out.status}`} ${Date.now() - started}ms`);
      return;
    }
    rec.status = out.status;
    const headers = { ...rl, ...out.headers };
    if (out.stream) {
      if (out.unframed) {
        res.useChunkedEncodingByDefault = false;
        res.shouldKeepAlive = false;
      }
      res.writeHead(out.status, headers);
      if (out.drop === 'cutBody' || out.stallBodyMs) {
        // a streamed body has no known length: the cut or the stall comes after its first chunk
        const stream = out.stream;
        const first = await new Promise<Buffer | undefined>((resolve) => {
          const done = (chunk?: Buffer): void => {
            stream.off('data', onData).off('end', onEnd).off('error', onEnd);
            resolve(chunk);
          };
          const onData = (chunk: Buffer): void => {
            stream.pause();
            done(chunk);
          };
          const onEnd = (): void => done(undefined);
          stream.on('data', onData).once('end', onEnd).once('error', onEnd);
        });
        if (first) res.write(first);
        if (out.drop === 'cutBody') {
          rec.dropped = 'cutBody';
          out.stream.destroy();
          await new Promise<void>((r) => res.write('', () => r()));
          req.socket.destroy();
          this.config.log?.(`${rec.method} ${req.url} ${out.status} STREAMED BODY CUT after its first chunk`);
          return;
        }
        await sleep(out.stallBodyMs!);
        if (res.destroyed || req.socket.destroyed) {
          out.stream.destroy();
          return;
        }
      }
      await pipeline(out.stream, res).catch(() => res.destroy());
      this.config.log?.(`${rec.method} ${req.url} ${out.status} ${Date.now() - started}ms streamed${rec.operationId ? ` ${rec.operationId}` : ''}`);
      return;
    }
    if (out.body !== undefined) headers['Content-Length'] = String(out.body.length);
    res.writeHead(out.status, headers);
    const body = out.body ?? Buffer.alloc(0);
    if ((out.drop === 'cutBody' || out.stallBodyMs) && body.length > 0) {
      const half = Math.max(1, Math.floor(body.length / 2));
      if (out.drop === 'cutBody') {
        rec.dropped = 'cutBody';
        res.write(body.subarray(0, half), () => req.socket.destroy());
        this.config.log?.(`${rec.method} ${req.url} ${out.status} BODY CUT at ${half}/${body.length} bytes`);
        return;
      }
      res.write(body.subarray(0, half));
      await sleep(out.stallBodyMs!);
      if (!res.destroyed && !req.socket.destroyed) res.end(body.subarray(half));
      this.config.log?.(`${rec.method} ${req.url} ${out.status} BODY STALLED ${out.stallBodyMs}ms`);
      return;
    }
    res.end(out.body);
    this.config.log?.(`${rec.method} ${req.url} ${out.status} ${Date.now() - started}ms${rec.operationId ? ` ${rec.operationId}` : ''}`);
  }

  /** Atlas's limit for the path's family, or the one `rateLimit` sets for every family. */
  private limitFor(pathname: string): { family: string; limit: number; windowMs: number } {
    const family = rateFamily(pathname);
    const forced = this.config.rateLimit;
    return { family: family.name, limit: forced?.limit ?? family.limit, windowMs: forced?.windowMs ?? 60_000 };
  }

  private rateHeaders(pathname: string): Record<string, string> {
    const { family, limit } = this.limitFor(pathname);
    const used = this.windows.get(family)?.count ?? 0;
    return { 'Ratelimit-Limit': String(limit), 'Ratelimit-Remaining': String(Math.max(0, limit - used)) };
  }

  /** Counts the request in its family's window; throws 429 beyond the limit. */
  private rateLimit(pathname: string): void {
    const { family, limit, windowMs } = this.limitFor(pathname);
    const now = Date.now();
    let w = this.windows.get(family);
    if (!w || now - w.start >= windowMs) this.windows.set(family, (w = { start: now, count: 0 }));
    w.count++;
    if (w.count > limit) {
      throw errors.rateLimited(Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)));
    }
  }

  private async process(req: IncomingMessage, url: URL, raw: Buffer, rec: RecordedRequest): Promise<Outcome> {
    const method = (req.method ?? 'GET').toUpperCase();
    this.rateLimit(url.pathname);

    // OAuth 2.0 client credentials
    if (url.pathname === '/api/oauth/token' || url.pathname === '/api/oauth/revoke') {
      rec.auth = 'basic';
      const fx = await this.applyFaults(method, url.pathname, url.searchParams);
      if (fx.outcome) return fx.outcome;
      const out = this.oauthEndpoint(req, method, url.pathname, raw);
      out.headers = { ...out.headers, ...fx.headers };
      return { ...out, drop: fx.drop, stallBodyMs: fx.stallBodyMs };
    }

    // authentication
    const auth = this.authenticate(req, method);
    rec.auth = auth.kind;
    if (auth.failure) return auth.failure;

    const fx = await this.applyFaults(method, url.pathname, url.searchParams);
    if (fx.outcome) return fx.outcome;

    // outside the spec: the caller's public address, as Atlas's own tools ask for it
    if (url.pathname === '/api/private/ipinfo') {
      if (method !== 'GET') return errorOutcome(errors.methodNotAllowed(method, url.pathname, ['GET']));
      return { status: 200, headers: { 'Content-Type': 'application/json', ...fx.headers }, body: Buffer.from(JSON.stringify(ipInfo(this.state))) };
    }

    let out: Outcome;
    try {
      out = await this.api(req, method, url, raw, rec);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      out = errorOutcome(e);
    }
    out.headers = { ...out.headers, ...fx.headers };
    if (fx.malformed && out.body && out.body.length > 1) {
      out = { ...out, status: 200, body: out.body.subarray(0, Math.max(1, Math.floor(out.body.length / 2))) };
    } else if (fx.malformed) {
      out = { ...out, status: 200, body: Buffer.from('{"results":[') };
    }
    return { ...out, drop: fx.drop, stallBodyMs: fx.stallBodyMs };
  }

  private authenticate(req: IncomingMessage, method: string): { kind: AuthKind; failure?: Outcome } {
    const h = header(req, 'authorization');
    const challenge = (stale: boolean, e = errors.unauthorized()) => {
      const out = errorOutcome(e);
      out.headers['WWW-Authenticate'] = this.digest.challenge(stale);
      return out;
    };
    if (!h) return { kind: 'none', failure: challenge(false) };
    if (/^\s*Digest\s/i.test(h)) {
      const r = this.digest.verify(h, method, req.url ?? '/');
      if (r.ok) return { kind: 'digest' };
      return { kind: 'digest', failure: challenge(r.stale) };
    }
    const bearer = /^\s*Bearer\s+(\S+)\s*$/i.exec(h);
    if (bearer) {
      const r = this.oauth.check(bearer[1]);
      if (r === 'ok') return { kind: 'bearer' };
      // unconfirmed: Atlas's body for an expired or unknown bearer token is not recorded
      const e = new ApiError(401, 'UNAUTHORIZED', r === 'expired' ? 'The access token has expired. Request a new one.' : 'Invalid access token.');
      const out = errorOutcome(e);
      out.headers['WWW-Authenticate'] = `Bearer error="invalid_token"`;
      return { kind: 'bearer', failure: out };
    }
    return { kind: /^\s*Basic\s/i.test(h) ? 'basic' : 'none', failure: challenge(false) };
  }

  private async applyFaults(method: string, pathname: string, query: URLSearchParams): Promise<FaultEffects> {
    const found = this.faults.take(method, pathname, query);
    const headers: Record<string, string> = {};
    let malformed = false;
    let latency = 0;
    let status: Fault | undefined;
    let reset = false;
    let drop: FaultEffects['drop'];
    let stallBodyMs: number | undefined;
    for (const f of found) {
      latency += f.latencyMs ?? 0;
      Object.assign(headers, f.headers ?? {});
      malformed ||= Boolean(f.malformed);
      reset ||= Boolean(f.reset);
      if (f.after) drop ??= 'after';
      if (f.cutBody) drop ??= 'cutBody';
      if (f.stallBodyMs) stallBodyMs ??= f.stallBodyMs;
      if (f.status !== undefined && !status) status = f;
    }
    if (latency) await sleep(latency);
    if (reset) return { outcome: { status: 0, headers: {}, reset: true }, headers, malformed };
    if (status) {
      const s = status.status!;
      const extra: Record<string, string> = { ...headers };
      if (status.retryAfter !== undefined) extra['Retry-After'] = String(status.retryAfter);
      const e = new ApiError(s, status.errorCode ?? DEFAULT_ERROR_CODES[s] ?? 'UNEXPECTED_ERROR', `Simulated fault: HTTP ${s}.`, [], extra);
      return { outcome: { ...errorOutcome(e), drop, stallBodyMs }, headers, malformed };
    }
    return { headers, malformed, drop, stallBodyMs };
  }

  /** Counts a token for this client; 429 RATE_LIMITED beyond `tokenRateLimit`. */
  private tokenLimit(clientId: string): void {
    const { limit, windowMs } = this.config.tokenRateLimit;
    const now = Date.now();
    const recent = (this.minted.get(clientId) ?? []).filter((t) => now - t < windowMs);
    if (recent.length >= limit) {
      this.minted.set(clientId, recent);
      const wait = Math.max(1, Math.ceil((recent[0]! + windowMs - now) / 1000));
      throw new ApiError(429, 'RATE_LIMITED', `Service account ${clientId} has requested more than ${limit} access tokens in ${windowMs / 1000} s. Reuse a token until it expires.`, [], {
        'Retry-After': String(wait),
      });
    }
    recent.push(now);
    this.minted.set(clientId, recent);
  }

  private oauthEndpoint(req: IncomingMessage, method: string, pathname: string, raw: Buffer): Outcome {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): Outcome => ({
      status,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
      body: Buffer.from(JSON.stringify(body)),
    });
    if (method !== 'POST') return json(405, { error: 'invalid_request', error_description: 'use POST' }, { Allow: 'POST' });
    const clientId = this.oauth.checkBasic(header(req, 'authorization'));
    if (!clientId) {
      return json(401, { error: 'invalid_client', error_description: 'Client authentication failed.' }, { 'WWW-Authenticate': 'Basic realm="oauth"' });
    }
    const ct = header(req, 'content-type') ?? '';
    if (!ct.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return json(400, { error: 'invalid_request', error_description: 'Content-Type must be application/x-www-form-urlencoded.' });
    }
    const form = new URLSearchParams(raw.toString('utf8'));
    if (pathname === '/api/oauth/revoke') {
      const token = form.get('token');
      if (!token) return json(400, { error: 'invalid_request', error_description: 'token is required.' });
      this.oauth.revoke(token);
      return { status: 200, headers: {}, body: Buffer.alloc(0) };
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return json(400, { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials.' });
    }
    if (this.oauth.atActiveLimit(clientId)) return json(403, TOKEN_LIMIT_REACHED);
    try {
      this.tokenLimit(clientId);
    } catch (e) {
      if (e instanceof ApiError) return errorOutcome(e);
      throw e;
    }
    return json(200, this.oauth.issue(clientId));
  }

  private async api(req: IncomingMessage, method: string, url: URL, raw: Buffer, rec: RecordedRequest): Promise<Outcome> {
    const m = matchOperation(method, url.pathname);
    if (!m) {
      const allowed = methodsForPath(url.pathname);
      if (allowed.length) throw errors.methodNotAllowed(method, url.pathname, allowed);
      throw errors.resourceNotFound(url.pathname);
    }
    rec.operationId = m.id;
    const { version, format } = negotiate(m.op, header(req, 'accept'));
    rec.version = version;

    const qIssues = validateQuery(m.id, url.searchParams);
    if (qIssues.length) {
      const first = qIssues[0].pointer.replace(/^\?/, '');
      throw new ApiError(400, 'INVALID_QUERY_PARAMETER', `Invalid query parameter ${first}: ${formatIssues(qIssues)}`, qIssues.map((i) => i.pointer.replace(/^\?/, '')));
    }

    let body: unknown;
    let requestVersion: string | undefined;
    if (m.op.requestVersions && (raw.length > 0 || m.op.bodyRequired)) {
      requestVersion = checkContentType(m.op, header(req, 'content-type'), version);
      if (!raw.length) throw errors.invalidJson('A request body is required.');
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw errors.malformedJson();
      }
      const issues = validateRequestBody(m.id, requestVersion, body);
      if (issues.length) {
        const code = issues.every((i) => i.kind === 'missing') ? 'MISSING_ATTRIBUTE' : 'INVALID_ATTRIBUTE';
        throw new ApiError(400, code, `Invalid request body: ${formatIssues(issues)}`, issues.map((i) => i.pointer));
      }
    }

    const handler = HANDLERS[m.id];
    if (!handler) throw errors.notImplemented(m.id);
    const ctx: Ctx = {
      state: this.state,
      operationId: m.id,
      op: m.op,
      params: m.params,
      query: url.searchParams,
      body,
      version,
      requestVersion,
      base: this.baseUrl,
      method,
      pathname: url.pathname,
    };
    const reply: Reply = await handler(ctx);
    return this.success(m.id, m.op, version, format, reply);
  }

  private success(id: string, op: OperationSpec, version: string, format: string, reply: Reply): Outcome {
    void id;
    const status = reply.status ?? op.status[0] ?? 200;
    const headers: Record<string, string> = { 'Content-Type': `application/vnd.atlas.${version}+${format}${format === 'json' ? ';charset=utf-8' : ''}` };
    if (this.config.deprecationHeaders) Object.assign(headers, deprecation(op, version));
    Object.assign(headers, reply.headers ?? {});
    if (status === 204) return { status, headers };
    if (reply.stream) return { status, headers, stream: reply.stream, unframed: reply.unframed };
    const body = reply.raw ?? Buffer.from(JSON.stringify(reply.body ?? {}));
    return { status, headers, body };
  }

  // ---- admin API (/__sim/) ---------------------------------------------------------

  private admin(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): void {
    const send = (status: number, body?: unknown) => {
      const text = body === undefined ? '' : JSON.stringify(body, null, 1);
      res.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json' });
      res.end(text);
    };
    const remote = req.socket.remoteAddress ?? '';
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(remote)) return send(403, { error: 'the admin API answers loopback clients only' });
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '');
    const parse = (): unknown => {
      try {
        return raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
      } catch {
        return Symbol.for('invalid');
      }
    };
    try {
      if (path === '/__sim/health' && method === 'GET') {
        const c = this.config.credentials;
        return send(200, { ok: true, url: this.baseUrl, orgId: c.orgId, projectId: c.projectId, credentials: c });
      }
      if (path === '/__sim/requests' && method === 'GET') return send(200, this.requests);
      if (path === '/__sim/requests' && method === 'DELETE') {
        this.requests.length = 0;
        return send(204);
      }
      if (path === '/__sim/faults' && method === 'GET') return send(200, this.faults.list());
      if (path === '/__sim/faults' && method === 'POST') {
        const f = parse();
        const list = Array.isArray(f) ? f : [f];
        for (const x of list) validateFault(x);
        const ids = list.map((x) => this.faults.add(x as Fault));
        return send(201, Array.isArray(f) ? { ids } : { id: ids[0] });
      }
      if (path === '/__sim/faults' && method === 'DELETE') {
        this.faults.clear();
        return send(204);
      }
      const one = /^\/__sim\/faults\/(\d+)$/.exec(path);
      if (one && method === 'DELETE') return send(this.faults.remove(Number(one[1])) ? 204 : 404);
      if (path === '/__sim/reset' && method === 'POST') {
        this.reset();
        return send(204);
      }
      if (path === '/__sim/tokens/expire' && method === 'POST') {
        this.oauth.expireAll();
        return send(204);
      }
      return send(404, {
        error: `no admin endpoint ${method} ${path}`,
        endpoints: ['GET /__sim/health', 'GET|DELETE /__sim/requests', 'GET|POST|DELETE /__sim/faults', 'DELETE /__sim/faults/{id}', 'POST /__sim/reset', 'POST /__sim/tokens/expire'],
      });
    } catch (e) {
      return send(400, { error: (e as Error).message });
    }
  }
}

// ---- helpers -------------------------------------------------------------------------

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        // unconfirmed: no source shows Atlas's answer to an oversized body
        reject(new ApiError(413, 'REQUEST_TOO_LARGE', 'The request body is too large.'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseForRecord(raw: Buffer): unknown {
  if (!raw.length) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** An ApiError answer; Atlas repeats the errorCode in an X-Error-Code header (every error in recorded/ has one). */
function errorOutcome(e: ApiError): Outcome {
  return {
    status: e.status,
    headers: { 'Content-Type': 'application/json', 'X-Error-Code': e.errorCode, ...e.headers },
    body: Buffer.from(JSON.stringify(e.toBody())),
  };
}

/** Picks the version and format from Accept; 406 INVALID_VERSION_DATE when none is offered. */
export function negotiate(op: OperationSpec, accept: string | undefined): { version: string; format: string } {
  const formats = op.formats ?? ['json'];
  const asked: string[] = [];
  for (const part of (accept ?? '').split(',')) {
    const type = part.split(';')[0].trim();
    const m = MEDIA.exec(type);
    if (!m) continue;
    asked.push(type);
    const version = m[1].toLowerCase() === 'preview' ? 'preview' : m[1];
    const format = m[2].toLowerCase();
    if (op.versions.includes(version) && formats.includes(format)) return { version, format };
  }
  const offered = op.versions.map((v) => `application/vnd.atlas.${v}+${formats[0]}`).join(', ');
  throw errors.versionNotAcceptable(
    asked.length
      ? `Invalid accept header or version date. ${asked.join(', ')} is not offered by this resource; it offers ${offered}.`
      : `Invalid accept header or version date. Send Accept: ${offered.split(', ').at(-1)}.`,
  );
}

/** The request body version from Content-Type: application/vnd.atlas.<date>+json. */
function checkContentType(op: OperationSpec, contentType: string | undefined, acceptVersion: string): string {
  const type = (contentType ?? '').split(';')[0].trim();
  const m = MEDIA.exec(type);
  if (!m || m[2].toLowerCase() !== 'json') throw errors.unsupportedMediaType(contentType ?? '');
  const v = m[1].toLowerCase() === 'preview' ? 'preview' : m[1];
  if (!op.requestVersions?.includes(v)) {
    throw errors.versionNotAcceptable(`Invalid content type or version date. ${type} is not accepted by this resource; it accepts ${op.requestVersions?.map((x) => `application/vnd.atlas.${x}+json`).join(', ')}.`);
  }
  if (op.versions.includes(v) && v !== acceptVersion) {
    throw errors.versionNotAcceptable(`Invalid content type or version date. Content-Type version ${v} differs from Accept version ${acceptVersion}.`);
  }
  return v;
}

/** Deprecation/Sunset headers as Atlas sends them for a superseded version. */
export function deprecation(op: OperationSpec, version: string): Record<string, string> {
  const dated = op.versions.filter((v) => v !== 'preview');
  const i = dated.indexOf(version);
  const out: Record<string, string> = {};
  if (i >= 0 && i < dated.length - 1) out.Deprecation = httpDate(dated[i + 1]);
  const sunset = op.sunset?.[version];
  if (sunset) out.Sunset = httpDate(sunset);
  return out;
}
