// The request pipeline, in Atlas's order: rate limit → OAuth token endpoint →
// authentication (Digest, Bearer) → faults → the caller's address (ipinfo) → routing
// (routes.ts: operation, version, query, body, handler) → faults that change the answer
// (malformed body, extra headers). What it decides is an Outcome; respond.ts writes it.
import type { IncomingMessage } from 'node:http';
import type { DigestAuth, OAuthTokens } from './auth.js';
import { ApiError, errors } from './errors.js';
import { DEFAULT_ERROR_CODES, type Faults } from './faults.js';
import type { RateLimits } from './rate-limits.js';
import { ipInfo } from './resources/access-list.js';
import { DELIVERY_PATH, serveDelivery } from './resources/backup.js';
import { route, type RouteContext } from './routes.js';
import { TOKEN_PATHS, tokenEndpoint } from './token-endpoint.js';
import type { AuthKind, Fault, RecordedRequest } from './types.js';
import { errorOutcome, header, jsonOutcome, sleep, type BodyFaults, type Outcome } from './wire.js';

/** What matching faults ask for, gathered. */
interface FaultEffects {
  outcome?: Outcome;
  headers: Record<string, string>;
  malformed: boolean;
  /** what they do to the answer once it is ready (respond.ts) */
  onBody: BodyFaults;
}

export interface PipelineParts {
  digest: DigestAuth;
  oauth: OAuthTokens;
  faults: Faults;
  limits: RateLimits;
  /** the routing context (state, base URL), read per request */
  routes: () => RouteContext;
}

export class Pipeline {
  constructor(private readonly p: PipelineParts) {}

  /** The answer to an API request (never throws an ApiError: it becomes the answer); fills `rec.auth`. */
  async process(req: IncomingMessage, url: URL, raw: Buffer, rec: RecordedRequest): Promise<Outcome> {
    const method = (req.method ?? 'GET').toUpperCase();
    try {
      this.p.limits.count(url.pathname);
    } catch (e) {
      if (e instanceof ApiError) return errorOutcome(e);
      throw e;
    }

    if (TOKEN_PATHS.includes(url.pathname)) {
      rec.auth = 'basic';
      const fx = await this.applyFaults(method, url.pathname, url.searchParams);
      if (fx.outcome) return fx.outcome;
      const out = tokenEndpoint(this.p.oauth, this.p.limits, req, method, url.pathname, raw);
      out.headers = { ...out.headers, ...fx.headers };
      return { ...out, ...fx.onBody };
    }

    // a snapshot download's delivery URL: outside the API, its token in the path (no API credentials)
    const delivery = DELIVERY_PATH.exec(url.pathname);
    if (delivery) {
      rec.auth = 'none';
      const fx = await this.applyFaults(method, url.pathname, url.searchParams);
      if (fx.outcome) return fx.outcome;
      if (method !== 'GET') return errorOutcome(errors.methodNotAllowed(method, url.pathname, ['GET']));
      const out = serveDelivery(this.p.routes().state, delivery[1]!, delivery[2]!, delivery[3]!);
      return { ...out, headers: { ...out.headers, ...fx.headers }, ...fx.onBody };
    }

    const auth = this.authenticate(req, method);
    rec.auth = auth.kind;
    if (auth.failure) return auth.failure;

    const fx = await this.applyFaults(method, url.pathname, url.searchParams);
    if (fx.outcome) return fx.outcome;

    let out: Outcome;
    try {
      out = await this.answer(req, method, url, raw, rec);
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
    return { ...out, ...fx.onBody };
  }

  private answer(req: IncomingMessage, method: string, url: URL, raw: Buffer, rec: RecordedRequest): Promise<Outcome> | Outcome {
    const rc = this.p.routes();
    // outside the spec: the caller's public address, as Atlas's own tools ask for it
    if (url.pathname === '/api/private/ipinfo') {
      if (method !== 'GET') throw errors.methodNotAllowed(method, url.pathname, ['GET']);
      return jsonOutcome(200, ipInfo(rc.state));
    }
    return route(rc, req, method, url, raw, rec);
  }

  private authenticate(req: IncomingMessage, method: string): { kind: AuthKind; failure?: Outcome } {
    const h = header(req, 'authorization');
    const challenge = (stale: boolean, e = errors.unauthorized()) => {
      const out = errorOutcome(e);
      out.headers['WWW-Authenticate'] = this.p.digest.challenge(stale);
      return out;
    };
    if (!h) return { kind: 'none', failure: challenge(false) };
    if (/^\s*Digest\s/i.test(h)) {
      const r = this.p.digest.verify(h, method, req.url ?? '/');
      if (r.ok) return { kind: 'digest' };
      return { kind: 'digest', failure: challenge(r.stale) };
    }
    const bearer = /^\s*Bearer\s+(\S+)\s*$/i.exec(h);
    if (bearer) {
      const r = this.p.oauth.check(bearer[1]);
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
    const found = this.p.faults.take(method, pathname, query);
    const headers: Record<string, string> = {};
    let malformed = false;
    let latency = 0;
    let status: Fault | undefined;
    let reset = false;
    const onBody: BodyFaults = {};
    for (const f of found) {
      latency += f.latencyMs ?? 0;
      Object.assign(headers, f.headers ?? {});
      malformed ||= Boolean(f.malformed);
      reset ||= Boolean(f.reset);
      if (f.after) onBody.drop ??= 'after';
      if (f.cutBody) onBody.drop ??= 'cutBody';
      if (f.stallBodyMs) onBody.stallBodyMs ??= f.stallBodyMs;
      if (f.bytesPerSecond) onBody.bytesPerSecond ??= f.bytesPerSecond;
      if (f.status !== undefined && !status) status = f;
    }
    // network time, not the simulator's clock
    if (latency) await sleep(latency);
    if (reset) return { outcome: { status: 0, headers: {}, reset: true }, headers, malformed, onBody };
    if (status) {
      const s = status.status!;
      const extra: Record<string, string> = { ...headers };
      if (status.retryAfter !== undefined) extra['Retry-After'] = String(status.retryAfter);
      const e = new ApiError(s, status.errorCode ?? DEFAULT_ERROR_CODES[s] ?? 'UNEXPECTED_ERROR', `Simulated fault: HTTP ${s}.`, [], extra);
      return { outcome: { ...errorOutcome(e), ...onBody }, headers, malformed, onBody };
    }
    return { headers, malformed, onBody };
  }
}
