/**
 * The thin Atlas Administration API v2 core: one place for HTTP (undici, keep-alive),
 * authentication (Digest through digest-fetch, or OAuth client credentials), versioned
 * media types, retries, pagination and error mapping. It never prints: traces and
 * warnings go to the callbacks it is given.
 */
import { Agent, fetch as undiciFetch, type Response } from 'undici';
import DigestClient from 'digest-fetch';
import { AtlasApiError, AuthConfigError, CliError, NetworkError, type ApiErrorBody } from '../errors.js';
import { buildPath, newestRequestVersion, newestVersion, operation, type OperationSpec } from '../spec/index.js';
import { paginate, type ListOptions } from './pagination.js';
import { maskBody } from './mask.js';

export type Credentials =
  | { kind: 'digest'; publicKey: string; privateKey: string }
  | { kind: 'oauth'; clientId: string; clientSecret: string };

export interface ClientOptions {
  baseUrl: string;
  credentials: Credentials | undefined;
  userAgent: string;
  /** Bound on each HTTP request, in milliseconds. */
  timeoutMs?: number;
  /** Attempts after the first for retryable answers (default 3). */
  maxRetries?: number;
  /** Upper bound on one wait between attempts, in milliseconds (default 30 s). */
  maxRetryWaitMs?: number;
  /** Base of the exponential backoff, in milliseconds (default 500). */
  backoffBaseMs?: number;
  /** Page requests in flight at once while listing (default 4). */
  pageConcurrency?: number;
  trace?: (line: string) => void;
  warn: (line: string) => void;
}

export interface RequestSpec {
  operationId: string;
  pathParams?: Record<string, string>;
  /** An array is sent as the parameter repeated (`m=A&m=B`), as the spec asks for array parameters. */
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  body?: unknown;
  /** Pin a version the spec offers instead of the newest. */
  version?: string;
}

/** A request as it would go on the wire; what `--dry-run` prints. */
export interface PreparedRequest {
  method: string;
  url: string;
  path: string;
  operationId: string;
  accept: string;
  contentType?: string;
  version: string;
  body?: unknown;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

type FetchLike = (url: string, init: Record<string, unknown>) => Promise<Response>;

/** digest-fetch with undici's fetch instead of the global one. */
class UndiciDigestClient extends DigestClient {
  constructor(
    user: string,
    password: string,
    private readonly fetchImpl: FetchLike,
  ) {
    super(user, password, { algorithm: 'MD5' });
  }

  override async getClient(): Promise<typeof fetch> {
    return this.fetchImpl as unknown as typeof fetch;
  }
}

export class AtlasClient {
  private readonly agent: Agent;
  private readonly apiRoot: string;
  private digest: UndiciDigestClient | undefined;
  private token: { value: string; expiresAt: number } | undefined;
  private warnedDeprecation = false;

  constructor(private readonly opts: ClientOptions) {
    this.agent = new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 16 });
    this.apiRoot = `${opts.baseUrl.replace(/\/+$/, '')}`;
  }

  /** Resolves the operation, version and URL of a request without sending it. */
  prepare(spec: RequestSpec): PreparedRequest {
    const op = mustOperation(spec.operationId);
    const hasBody = spec.body !== undefined;
    const version =
      spec.version ??
      (hasBody ? newestRequestVersion(spec.operationId) : undefined) ??
      newestVersion(spec.operationId) ??
      '2023-01-01';
    const offered = hasBody ? (op.requestVersions ?? op.versions) : op.versions;
    if (!offered.includes(version)) {
      throw new Error(`${spec.operationId}: version ${version} is not offered (${offered.join(', ')})`);
    }
    const path = buildPath(spec.operationId, spec.pathParams ?? {});
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(spec.query ?? {})) {
      if (Array.isArray(v)) for (const x of v) qs.append(k, x);
      else if (v !== undefined) qs.set(k, String(v));
    }
    const query = qs.toString();
    const suffix = op.gzip ? 'gzip' : 'json';
    return {
      method: op.method,
      url: `${this.apiRoot}${path}${query ? `?${query}` : ''}`,
      path,
      operationId: spec.operationId,
      accept: `application/vnd.atlas.${version}+${suffix}`,
      contentType: hasBody ? `application/vnd.atlas.${version}+json` : undefined,
      version,
      body: spec.body,
    };
  }

  /** Sends a request and returns the parsed JSON document (undefined for an empty answer). */
  async request<T = unknown>(spec: RequestSpec): Promise<T> {
    const prepared = this.prepare(spec);
    const res = await this.send(prepared);
    const text = await res.text();
    if (text.length === 0) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new CliError(
        `${prepared.method} ${prepared.path}: Atlas answered ${res.status} with a body that is not valid JSON`,
        'try again; if it persists, run with --debug and report it',
      );
    }
  }

  /** Sends a request and hands back the raw response (downloads). */
  async requestRaw(spec: RequestSpec): Promise<Response> {
    return this.send(this.prepare(spec));
  }

  /** Every item of a paginated list, pages fetched concurrently and joined in order. */
  async list<T = unknown>(spec: RequestSpec, options: ListOptions<T> = {}): Promise<T[]> {
    return paginate<T>(
      (pageNum, itemsPerPage) =>
        this.request<{ results?: T[]; totalCount?: number }>({
          ...spec,
          query: { ...spec.query, pageNum, itemsPerPage, includeCount: true },
        }),
      { concurrency: this.opts.pageConcurrency ?? 4, ...options },
    );
  }

  async close(): Promise<void> {
    await this.agent.close().catch(() => undefined);
  }

  // ---- sending ------------------------------------------------------------------

  private async send(req: PreparedRequest): Promise<Response> {
    const maxRetries = this.opts.maxRetries ?? 3;
    const idempotent = IDEMPOTENT.has(req.method);
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await this.sendAuthenticated(req);
      } catch (err) {
        const netErr = toNetworkError(err, req, this.opts.timeoutMs);
        const retryable = netErr instanceof NetworkError && netErr.code !== 'TIMEOUT';
        if (retryable && idempotent && attempt < maxRetries) {
          await sleep(this.backoff(attempt));
          continue;
        }
        throw netErr;
      }
      this.noteDeprecation(req, res);
      if (res.ok) return res;
      const retryable = res.status === 429 || res.status === 503 || (res.status >= 500 && idempotent);
      if (retryable && attempt < maxRetries) {
        const wait = this.retryWait(res, attempt);
        await res.body?.cancel().catch(() => undefined);
        this.opts.trace?.(`retrying ${req.method} ${req.path} in ${wait} ms (attempt ${attempt + 2} of ${maxRetries + 1})`);
        await sleep(wait);
        continue;
      }
      throw await apiError(res, req);
    }
  }

  private async sendAuthenticated(req: PreparedRequest): Promise<Response> {
    const creds = this.opts.credentials;
    if (!creds) {
      throw new AuthConfigError(
        'no credentials: set an API key (ATLAS_PUBLIC_KEY and ATLAS_PRIVATE_KEY) or a service account (ATLAS_CLIENT_ID and ATLAS_CLIENT_SECRET)',
        'or store them in a profile with: atlascli config init',
      );
    }
    const init = this.init(req);
    if (creds.kind === 'digest') {
      this.digest ??= new UndiciDigestClient(creds.publicKey, creds.privateKey, (url, i) => this.fetchTraced(url, i));
      return (await this.digest.fetch(req.url, init)) as unknown as Response;
    }
    let token = await this.bearer(creds, false);
    const res = await this.fetchTraced(req.url, withAuth(init, `Bearer ${token}`));
    if (res.status !== 401) return res;
    await res.body?.cancel().catch(() => undefined);
    token = await this.bearer(creds, true);
    return this.fetchTraced(req.url, withAuth(this.init(req), `Bearer ${token}`));
  }

  private init(req: PreparedRequest): Record<string, unknown> {
    const headers: Record<string, string> = {
      Accept: req.accept,
      'User-Agent': this.opts.userAgent,
    };
    if (req.contentType) headers['Content-Type'] = req.contentType;
    return {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      dispatcher: this.agent,
    };
  }

  /** OAuth 2.0 client credentials; the token is kept in memory until it expires. */
  private async bearer(creds: { clientId: string; clientSecret: string }, refresh: boolean): Promise<string> {
    if (!refresh && this.token && Date.now() < this.token.expiresAt) return this.token.value;
    const url = `${this.apiRoot}/api/oauth/token`;
    const basic = Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString('base64');
    const res = await this.fetchTraced(url, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${basic}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        'User-Agent': this.opts.userAgent,
      },
      body: 'grant_type=client_credentials',
      dispatcher: this.agent,
    });
    if (!res.ok) throw await apiError(res, { method: 'POST', path: '/api/oauth/token' });
    const doc = (await res.json()) as { access_token?: string; expires_in?: number };
    if (!doc.access_token) throw new CliError('the OAuth token endpoint answered without an access_token');
    const ttlMs = Math.max(0, (doc.expires_in ?? 3600) - 30) * 1000;
    this.token = { value: doc.access_token, expiresAt: Date.now() + ttlMs };
    return doc.access_token;
  }

  private async fetchTraced(url: string, init: Record<string, unknown>): Promise<Response> {
    const started = performance.now();
    const method = String(init.method ?? 'GET');
    const trace = this.opts.trace;
    if (trace) {
      const headers = (init.headers ?? {}) as Record<string, string>;
      trace(`> ${method} ${url}`);
      trace(`> Accept: ${headers.Accept ?? ''}${headers.Authorization ? ` Authorization: ${maskAuth(headers.Authorization)}` : ''}`);
      if (typeof init.body === 'string' && headers['Content-Type']?.includes('json')) {
        trace(`> ${maskBody(init.body)}`);
      }
    }
    const timeoutMs = this.opts.timeoutMs;
    const signal = timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined;
    const res = await undiciFetch(url, { ...init, signal } as Parameters<typeof undiciFetch>[1]);
    if (trace) {
      const ms = Math.round(performance.now() - started);
      trace(`< ${res.status} ${res.statusText} ${method} ${url} (${ms} ms)`);
    }
    return res;
  }

  private retryWait(res: Response, attempt: number): number {
    const cap = this.opts.maxRetryWaitMs ?? 30_000;
    const header = res.headers.get('retry-after');
    if (header !== null) {
      const seconds = Number(header);
      if (Number.isFinite(seconds) && seconds >= 0) return Math.min(cap, seconds * 1000);
      const date = Date.parse(header);
      if (!Number.isNaN(date)) return Math.min(cap, Math.max(0, date - Date.now()));
    }
    return Math.min(cap, this.backoff(attempt));
  }

  /** Exponential backoff with full jitter. */
  private backoff(attempt: number): number {
    const base = this.opts.backoffBaseMs ?? 500;
    const cap = this.opts.maxRetryWaitMs ?? 30_000;
    return Math.round(Math.random() * Math.min(cap, base * 2 ** attempt));
  }

  private noteDeprecation(req: PreparedRequest, res: Response): void {
    if (this.warnedDeprecation) return;
    const deprecation = res.headers.get('deprecation');
    const sunset = res.headers.get('sunset');
    if (!deprecation && !sunset) return;
    this.warnedDeprecation = true;
    const parts = [`warning: Atlas marks ${req.method} ${req.path} (version ${req.version}) as deprecated`];
    if (sunset) parts.push(`it will be removed on ${sunset}`);
    this.opts.warn(`${parts.join('; ')}; upgrade atlascli when a newer release is out`);
  }
}

function mustOperation(id: string): OperationSpec {
  const op = operation(id);
  if (!op) throw new Error(`operation ${id} is not in the API index`);
  return op;
}

function withAuth(init: Record<string, unknown>, value: string): Record<string, unknown> {
  return { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: value } };
}

function maskAuth(value: string): string {
  const scheme = value.split(/\s/)[0] ?? '';
  return `${scheme} ********`;
}

async function apiError(res: Response, req: { method: string; path: string }): Promise<AtlasApiError> {
  let body: ApiErrorBody = {};
  const text = await res.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object') body = parsed as ApiErrorBody;
  } catch {
    body = { reason: res.statusText || undefined };
  }
  return new AtlasApiError(res.status, body, req.method, req.path);
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  UND_ERR_SOCKET: 'connection closed by the server',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
};

function toNetworkError(err: unknown, req: PreparedRequest, timeoutMs: number | undefined): CliError {
  if (err instanceof CliError) return err;
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string; name?: string } };
  const host = safeOrigin(req.url);
  if (e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new NetworkError(
      `${req.method} ${req.path}: no answer from ${host} within ${(timeoutMs ?? 0) / 1000} s`,
      'TIMEOUT',
      'raise --timeout, or check the network',
    );
  }
  const code = e?.cause?.code ?? (e as { code?: string })?.code;
  const what = (code && NETWORK_CODES[code]) ?? e?.cause?.message ?? e?.message ?? 'network error';
  const tls = code?.startsWith('ERR_TLS') || code?.includes('CERT');
  return new NetworkError(
    `cannot reach ${host}: ${tls ? `TLS error: ${what}` : what}${code ? ` (${code})` : ''}`,
    code,
    'check --base-url and your network',
  );
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
