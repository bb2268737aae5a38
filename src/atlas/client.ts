/**
 * The thin Atlas Administration API v2 core: one place for HTTP (undici, keep-alive,
 * proxies from HTTPS_PROXY/HTTP_PROXY/NO_PROXY), authentication (Digest through
 * digest-fetch, or OAuth client credentials with a token cached across runs), versioned
 * media types, bounded waits, retries, pagination and error mapping. Every command goes
 * through it, so each promise kept here is kept by all of them. It never prints: traces
 * and warnings go to the callbacks it is given.
 */
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import DigestClient from 'digest-fetch';
import { AtlasApiError, AuthConfigError, CliError, NetworkError, UsageError, type ApiErrorBody } from '../errors.js';
import { buildPath, newestRequestVersion, newestVersion, operation, type OperationSpec } from '../spec/index.js';
import type { OperationId, OperationPathParams, PathParams } from '../spec/operation-types.js';
import { paginate, type ListOptions } from './pagination.js';
import { maskBody, maskSecrets, maskUrl, scrubDocument, scrubValues, secretValues } from './mask.js';
import { classifyNetworkError, UnreadableBody, type Target } from './network.js';
import { TokenCache } from './token-cache.js';
import { httpAgent } from './tuning.js';
import { retryAfterMs, Throttle } from './throttle.js';

export type Credentials = { kind: 'digest'; publicKey: string; privateKey: string } | { kind: 'oauth'; clientId: string; clientSecret: string };

/** A request as a dry run shows it (`AtlasClient.describe`): secrets already masked. */
export interface RequestDescription {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface ClientOptions {
  /** Scheme and host of Atlas, e.g. https://cloud.mongodb.com (no /api/atlas/v2: a UsageError says so). */
  baseUrl: string;
  credentials: Credentials | undefined;
  userAgent: string;
  /**
   * Longest wait for a byte from the server, in milliseconds: for the connection, the
   * answer's headers, and each next chunk of its body (a download that keeps flowing is
   * never cut). Default 60 000 (`--timeout` in seconds × 1000).
   */
  timeoutMs?: number;
  /** Attempts after the first for retryable answers (default 3). */
  maxRetries?: number;
  /** Upper bound on one backoff wait between attempts, in milliseconds (default 30 s). */
  maxRetryWaitMs?: number;
  /**
   * Total time one request may spend waiting between attempts, in milliseconds (default
   * 60 s). A Retry-After asking for more than what is left ends the request at once (exit 6).
   */
  retryBudgetMs?: number;
  /** Base of the exponential backoff, in milliseconds (default 500). */
  backoffBaseMs?: number;
  /** Page requests in flight at once while listing (default 4). */
  pageConcurrency?: number;
  /** Folder for the service-account token cache (the config folder); tokens stay in memory when absent. */
  tokenCacheDir?: string;
  /** The run's environment (io.env), for proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, lower-case too). */
  env: Readonly<Record<string, string | undefined>>;
  trace?: (line: string) => void;
  warn: (line: string) => void;
  /**
   * The command (or other check) that shows whether a write of `spec` took effect, for the
   * hint of a lost answer when the request does not carry its own `checkWith`.
   */
  checkWith?: (spec: RequestSpec) => string | undefined;
  /**
   * How the program around the core says where credentials and the base URL are set (the
   * core names no command of its own): added to the errors that need them.
   */
  hints?: ClientHints;
}

/** The program's words for the errors whose fix is in its settings. */
export interface ClientHints {
  /** How to store credentials, for "no credentials". */
  storeCredentials?: string;
  /** How to see where the service account's id and secret come from, for a refused one. */
  showCredentials?: string;
  /** The hint for a base URL that holds the API path, given the one to use instead. */
  baseUrl?: (suggested: string) => string;
}

/**
 * A request by operationId, checked by tsc against the spec (src/spec/operation-types.ts,
 * generated from it): an operationId the spec lacks, a path parameter missing, misnamed
 * or one too many fails to compile. `RequestSpec` is any operation's; `RequestSpec<'getGroupCluster'>` one's.
 */
export type RequestSpec<Id extends OperationId = OperationId> = { [K in Id]: RequestSpecOf<K> }[Id];

/** The path parameters of operation `Id`: required by name when it has some, none otherwise. */
type PathParamsOf<Id extends OperationId> = [OperationPathParams[Id]] extends [never] ? { pathParams?: never } : { pathParams: PathParams<Id> };

type RequestSpecOf<Id extends OperationId> = RequestSpecFields & PathParamsOf<Id> & { operationId: Id };

/** What a request carries besides its operation and path parameters. */
export interface RequestSpecFields {
  /** An array is sent as the parameter repeated (`eventType=A&eventType=B`), as the spec's `style: form` arrays are. */
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  body?: unknown;
  /** Pin a version the spec offers instead of the newest. */
  version?: string;
  /**
   * For writes: the command that shows whether the write took effect when its answer is
   * lost, e.g. `atlascli cluster get Cluster0`. Named in the error's hint.
   */
  checkWith?: string;
}

/** Paths Atlas serves outside its OpenAPI spec that the CLI uses (see `getOutsideSpec`). */
export type OutsideSpecPath = '/api/private/ipinfo';

/** A request as it would go on the wire; what `--dry-run` prints. */
export interface PreparedRequest {
  method: string;
  url: string;
  path: string;
  operationId: string;
  accept: string;
  contentType?: string;
  version: string;
  /** The caller chose the version (`api --version`): it warns about that choice itself. */
  pinned?: boolean;
  body?: unknown;
}

/**
 * Days before its sunset date from which a deprecation that no atlascli release can avoid
 * (the spec offers nothing newer) is a warning on every run rather than a --debug line.
 */
export const SUNSET_WARNING_DAYS = 30;

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Default bound on a wait for the server, ms (the contract: 60 s without a byte). */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Default total of the waits between attempts of one request, ms. */
export const DEFAULT_RETRY_BUDGET_MS = 60_000;

/**
 * errorCodes by which Atlas says that what a DELETE asks for is already so (the one rule
 * for delete-like and cancel-like requests; Atlas cancels a restore job by deleting it):
 * - `<KIND>_ALREADY_REQUESTED_DELETION` (400: a cluster, a serverless instance, a network
 *   peer… being deleted; src/simulator/errors.ts names the sources);
 * - `CANNOT_CANCEL_RESTORE_JOB` (400: the job is cancelled, or over: either way it runs
 *   no more, which is what the cancel asked for).
 * Heard on a retry after a lost answer (or a 5xx), they and a 404 mean the first attempt
 * did the work: see `alreadyDone`.
 */
const ALREADY_DONE = /(^|_)ALREADY_REQUESTED_DELETION$|^CANNOT_CANCEL_RESTORE_JOB$/;

/**
 * Whether a refusal of a request that may already have acted (its earlier answer was
 * lost, or was a 5xx) says the target is already in the state asked for: a DELETE that
 * hears 404 (gone) or an ALREADY_DONE errorCode. Such a request counts as done.
 */
export function alreadyDone(method: string, err: AtlasApiError): boolean {
  return method === 'DELETE' && (err.status === 404 || ALREADY_DONE.test(err.errorCode ?? ''));
}

type FetchLike = (url: string, init: Record<string, unknown>) => Promise<RawResponse>;

/**
 * An answer: status, headers, and the body as a Node stream read straight off the
 * connection (undici's `request`, not fetch: fetch loads twice the code, and a download
 * read through `Readable.fromWeb` over fetch's body made undici's parser pause after
 * every small chunk and copy the whole socket backlog again on each resume, 20× slower
 * than curl). A download's body is the caller's to consume or `destroy()`; a stall of
 * `timeoutMs` fails it.
 */
export class RawResponse {
  constructor(
    readonly status: number,
    readonly statusText: string,
    private readonly rawHeaders: Record<string, string | string[] | undefined>,
    readonly body: Readable,
  ) {
    // A body left unread and destroyed (a download refused once its file name is known,
    // a look-up given up on) fails with an 'error' nobody listens to, which would end the
    // process with a stack trace. Whoever reads the body gets its errors all the same.
    body.on('error', () => undefined);
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  readonly headers = {
    get: (name: string): string | null => {
      const v = this.rawHeaders[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
    },
  };

  /**
   * Whether the end of the body is marked (Content-Length or chunked transfer coding), so
   * that a connection lost early fails the body instead of ending it. False for a body
   * delimited by the server closing the connection (HTTP/1.0 style), which a cut
   * connection cannot be told from: its content must then be checked some other way.
   */
  get framed(): boolean {
    return this.headers.get('content-length') !== null || /\bchunked\b/i.test(this.headers.get('transfer-encoding') ?? '');
  }

  /** The whole body as UTF-8; a body cut short fails as fetch's does ('terminated', with the cause). */
  async text(): Promise<string> {
    const chunks: Buffer[] = [];
    try {
      for await (const c of this.body) chunks.push(c as Buffer);
    } catch (err) {
      throw Object.assign(new TypeError('terminated'), { cause: err });
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}

/** digest-fetch over the client's own exchange (undici's request) instead of the global fetch. */
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

/**
 * How one exchange ended well: the response and what `read` made of its body (undefined
 * when not read: an error status, or a DELETE that turned out done after a lost answer).
 */
interface Exchanged<T> {
  res: RawResponse;
  value?: T;
}

interface ExchangeOptions<T> {
  /** May be sent again after its answer was lost or a 5xx (GET, PUT, DELETE; the token request). */
  idempotent: boolean;
  /**
   * Reads the body of a 2xx answer inside the attempt, so that a body cut short, stalling
   * or unreadable (UnreadableBody) is handled like any lost answer: retried when safe.
   */
  read?: (res: RawResponse) => Promise<T>;
  /** Whether `read` can start over after it failed (default true); false ends the request at its first failure. */
  restartable?: () => boolean;
  /** Bytes `read` had received when it failed, named in the error. */
  received?: () => number;
  /** The spec, for the "check with" hint of a write whose answer was lost. */
  spec?: RequestSpec;
}

/** How a download is named and read again (see AtlasClient.download). */
export interface DownloadOptions {
  /** Names the download in errors instead of `GET <path>`, e.g. "mongodb log of <host>". */
  subject?: string;
  /** Bytes of the body `consume` has received in the current attempt (named in errors). */
  received?: () => number;
  /**
   * Whether `consume` can start over after a failure (default true): false once what it
   * wrote cannot be taken back (bytes already on stdout).
   */
  restartable?: () => boolean;
}

export class AtlasClient {
  private readonly agent: Dispatcher;
  private readonly apiRoot: string;
  private readonly timeoutMs: number;
  private readonly proxied: (url: string) => boolean;
  private readonly tokens: TokenCache;
  private digest: UndiciDigestClient | undefined;
  private token: { value: string; expiresAt: number } | undefined;
  /** The token request in flight: concurrent requests of this run wait for the same one. */
  private minting: Promise<string> | undefined;
  private warnedDeprecation = false;
  /** A 429's Retry-After holds every request of this client, not only the one that heard it (throttle.ts). */
  readonly throttle = new Throttle();

  /** @throws UsageError when the base URL already holds the API root (/api/atlas/v2). */
  private writes = 0;

  constructor(private readonly opts: ClientOptions) {
    this.apiRoot = checkBaseUrl(opts.baseUrl, opts.hints?.baseUrl);
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const env = opts.env;
    const httpProxy = env.http_proxy ?? env.HTTP_PROXY;
    const httpsProxy = env.https_proxy ?? env.HTTPS_PROXY ?? httpProxy;
    const noProxy = env.no_proxy ?? env.NO_PROXY ?? '';
    // No `ca` here: Node's default trust store, NODE_EXTRA_CA_CERTS included, stays in force.
    this.agent = httpAgent({
      keepAliveTimeout: 10_000,
      keepAliveMaxTimeout: 60_000,
      // 16: `metrics cluster` fetches up to 16 processes at once
      connections: 16,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      connect: { timeout: this.timeoutMs },
      ...(httpProxy ? { httpProxy } : {}),
      ...(httpsProxy ? { httpsProxy } : {}),
      noProxy,
    });
    this.proxied = (url) => proxyFor(url, httpProxy, httpsProxy, noProxy) !== undefined;
    this.tokens = new TokenCache(opts.tokenCacheDir);
    const proxy = proxyFor(this.apiRoot, httpProxy, httpsProxy, noProxy);
    if (proxy) opts.trace?.(`using proxy ${maskUserInfo(proxy)} for ${this.apiRoot}`);
  }

  /**
   * What a request would send, for a dry run to show: method, URL, headers and body, with
   * the secrets the spec marks in the operation's request (and the URL) masked. Nothing is
   * sent. @throws UsageError as `prepare` does, and for a body the spec refuses (`checkRequestBody`)
   */
  async describe(spec: RequestSpec): Promise<RequestDescription> {
    const req = await this.prepareChecked(spec);
    return {
      method: req.method,
      url: maskUrl(req.url),
      headers: { Accept: req.accept, ...(req.contentType ? { 'Content-Type': req.contentType } : {}) },
      ...(req.body !== undefined ? { body: maskSecrets(req.body, { operationId: req.operationId, direction: 'request' }) } : {}),
    };
  }

  /** `prepare`, then the body (if any) checked against the spec (`checkRequestBody`). */
  private async prepareChecked(spec: RequestSpec): Promise<PreparedRequest> {
    const req = this.prepare(spec);
    if (spec.body !== undefined) await checkRequestBody(spec.operationId, req.version, spec.body);
    return req;
  }

  /** Resolves the operation, version and URL of a request without sending it; its body is not checked here (`prepareChecked`). */
  private prepare(spec: RequestSpec): PreparedRequest {
    const op = mustOperation(spec.operationId);
    const hasBody = spec.body !== undefined;
    const version = spec.version ?? (hasBody ? newestRequestVersion(spec.operationId) : undefined) ?? newestVersion(spec.operationId) ?? '2023-01-01';
    const offered = hasBody ? (op.requestVersions ?? op.versions) : op.versions;
    if (!offered.includes(version)) {
      throw new Error(`${spec.operationId}: version ${version} is not offered (${offered.join(', ')})`);
    }
    const path = buildPath(spec.operationId, spec.pathParams ?? {});
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(spec.query ?? {})) {
      if (Array.isArray(v)) for (const x of v) qs.append(k, String(x));
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
      ...(spec.version !== undefined ? { pinned: true } : {}),
      body: spec.body,
    };
  }

  /**
   * Sends a request and returns the parsed JSON document (undefined for an empty answer,
   * and for a request retried after a lost answer that found its work already done).
   * A 2xx body that is not JSON is a lost answer: a GET is asked again, a write is not.
   * @throws AtlasApiError (an HTTP error, after retries), NetworkError (exit 7: no
   *   complete or readable answer after the retries; for a write, at once, saying it may
   *   have taken effect and how to check), AuthConfigError (no credentials).
   */
  async request<T = unknown>(spec: RequestSpec): Promise<T> {
    const prepared = await this.prepareChecked(spec);
    const { value } = await this.send<T | undefined>(prepared, {
      idempotent: IDEMPOTENT.has(prepared.method),
      read: (res) => readJson<T>(res, true, this.answerTracer(prepared)),
      spec,
    });
    return value as T;
  }

  /**
   * A request whose body is long (a log, a snapshot): sends it and hands a 2xx answer to
   * `consume`, which reads the body to its end (into a file, to stdout). A download is
   * a request like any other: its body is read inside the client's retry loop, so a body
   * cut short, stalling for `timeoutMs`, or whose content `consume` finds unreadable
   * (throwing UnreadableBody, e.g. a gzip stream that stops before its end) is sent again
   * from scratch and handed to `consume` anew, under the one retry policy and budget of
   * every request (a GET; only while `o.restartable()` allows). `consume` must leave
   * nothing behind when it throws, and gets a fresh response each attempt.
   * @returns what `consume` returns
   * @throws AtlasApiError (a refusal, after retries); NetworkError (exit 7: the answer
   *   lost, cut or unreadable after the retries, named by `o.subject`); whatever `consume`
   *   throws that is not a network failure, at once (a CliError: a body refused, a file
   *   that cannot be written)
   */
  async download<T>(spec: RequestSpec, consume: (res: RawResponse) => Promise<T>, o: DownloadOptions = {}): Promise<T> {
    const prepared = await this.prepareChecked(spec);
    const target = o.subject === undefined ? prepared : { ...prepared, subject: o.subject };
    const { value } = await this.exchange<T>(target, () => this.sendAuthenticated(prepared, true), {
      idempotent: IDEMPOTENT.has(prepared.method),
      read: consume,
      restartable: o.restartable,
      received: o.received,
      spec,
    });
    return value as T;
  }

  /**
   * A download from a URL Atlas handed out (a download restore job's `deliveryUrl`: another
   * host, the secret in its path): a GET with no API credentials (neither Digest nor a
   * bearer token goes to another host), under the same retry policy, budget, timeouts and
   * classification of failures as `download` (a body cut short is fetched again from
   * scratch while `o.restartable()` allows). The URL is never printed whole: `--debug` and
   * errors show its origin and file name only (`o.subject` names it in errors).
   * @returns what `consume` returns
   * @throws AtlasApiError (a refusal: 404 for an expired link, after retries); NetworkError
   *   (exit 7); UsageError (not an http(s) URL); whatever `consume` throws that is not a network failure
   */
  async downloadUrl<T>(url: string, consume: (res: RawResponse) => Promise<T>, o: DownloadOptions = {}): Promise<T> {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new UsageError(`not a URL: ${maskDeliveryUrl(url)}`);
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UsageError(`not an http(s) URL: ${maskDeliveryUrl(url)}`);
    const shown = maskDeliveryUrl(url);
    // the URL's secret stays out of errors and traces: the target names it masked
    const target: Target = { method: 'GET', url: shown, path: shown, subject: o.subject ?? shown };
    const init = { method: 'GET', headers: { Accept: 'application/gzip, */*', 'User-Agent': this.opts.userAgent }, raw: true, masked: shown };
    const { value } = await this.exchange<T>(target, () => this.requestTraced(url, init), {
      idempotent: true,
      read: consume,
      restartable: o.restartable,
      received: o.received,
    });
    return value as T;
  }

  /**
   * Every item of a paginated list, pages fetched concurrently and joined in order. When
   * Atlas cannot count the items in time (500 TIMEOUT_WHILE_PAGING), the pages are asked
   * again with includeCount=false and walked one by one until a short one.
   */
  async list<T = unknown>(spec: RequestSpec, options: ListOptions<T> = {}): Promise<T[]> {
    let includeCount = true;
    const page = async (pageNum: number, itemsPerPage: number) => {
      const doc = await this.request<{ results?: T[]; totalCount?: number }>({
        ...spec,
        query: { ...spec.query, pageNum, itemsPerPage, includeCount },
      });
      // without a count Atlas still answers totalCount: 0; the pages are walked instead
      if (!includeCount && doc) delete doc.totalCount;
      return doc;
    };
    return paginate<T>(
      async (pageNum, itemsPerPage) => {
        try {
          return await page(pageNum, itemsPerPage);
        } catch (err) {
          if (!(includeCount && err instanceof AtlasApiError && err.errorCode === 'TIMEOUT_WHILE_PAGING')) throw err;
          includeCount = false;
          this.opts.trace?.('Atlas could not count the items in time (TIMEOUT_WHILE_PAGING): listing without a count, page by page');
          return page(pageNum, itemsPerPage);
        }
      },
      { concurrency: this.opts.pageConcurrency ?? 4, ...options },
    );
  }

  /** Closes the connections once the requests in flight are answered. */
  async close(): Promise<void> {
    await this.agent.close().catch(() => undefined);
  }

  /** Closes the connections at once: requests in flight fail (a look-up that was given up on). */
  async destroy(): Promise<void> {
    await this.agent.destroy().catch(() => undefined);
  }

  // ---- outside the spec ----------------------------------------------------------

  /**
   * GET of one of the few paths Atlas serves outside its OpenAPI spec (so there is no
   * operationId): `/api/private/ipinfo` answers `{"currentIpv4Address": "…"}`, the
   * caller's public address as Atlas sees it, which Atlas's own tools use for "current
   * IP". Same authentication, retries, --debug trace and errors as `request`; the
   * media type is plain `application/json`.
   */
  async getOutsideSpec<T = unknown>(path: OutsideSpecPath): Promise<T> {
    const prepared: PreparedRequest = { method: 'GET', url: `${this.apiRoot}${path}`, path, operationId: path, accept: 'application/json', version: '' };
    const { value } = await this.send<T | undefined>(prepared, { idempotent: true, read: (res) => readJson<T>(res, false, this.answerTracer(prepared)) });
    return value as T;
  }

  // ---- sending ------------------------------------------------------------------

  private send<T>(req: PreparedRequest, o: ExchangeOptions<T>): Promise<Exchanged<T>> {
    if (!o.idempotent) this.writes++;
    return this.exchange(req, () => this.sendAuthenticated(req, false), o);
  }

  /** How many requests that change something (POST, PATCH…) this client has sent. */
  get writesSent(): number {
    return this.writes;
  }

  /**
   * The retry loop every exchange goes through (API requests, downloads and the token
   * request), with one budget:
   * - no answer before sending (refused, DNS try-again): tried again, any method;
   * - answer lost after sending (reset, cut short, stalled body, a body `read` finds
   *   unreadable): tried again only when idempotent (and, for a body, while `read` can
   *   start over); a lost write fails at once saying it may have taken effect;
   * - TLS failures, unknown hosts, no answer within the timeout: never tried again;
   * - 429 (Atlas did not act on it): tried again, any method; other 5xx: idempotent only;
   * - the waits share `retryBudgetMs`; a Retry-After beyond it ends the request now.
   * A request tried again after a lost answer (or a 5xx) that then hears that its target is
   * already in the state asked for (`alreadyDone`) counts as done: the first attempt did it.
   */
  private async exchange<T>(req: Target, attemptOnce: () => Promise<RawResponse>, o: ExchangeOptions<T>): Promise<Exchanged<T>> {
    const maxRetries = this.opts.maxRetries ?? 3;
    const budget = this.opts.retryBudgetMs ?? DEFAULT_RETRY_BUDGET_MS;
    let waited = 0;
    let mayHaveActed = false;
    for (let attempt = 0; ; attempt++) {
      let res: RawResponse | undefined;
      let value: T | undefined;
      try {
        const turn = await this.throttle.ready();
        try {
          res = await attemptOnce();
        } finally {
          turn.done(res);
        }
        if (res.ok && o.read) value = await o.read(res);
      } catch (err) {
        // once a 2xx answer's headers are in, a failure is its body's
        const phase = res ? 'body' : 'exchange';
        res?.body.destroy();
        const failure = classifyNetworkError(err, req, {
          timeoutMs: this.timeoutMs,
          proxied: this.proxied(req.url),
          phase,
          received: phase === 'body' ? o.received?.() : undefined,
        });
        if (!failure) throw err;
        const restartable = phase === 'exchange' || (o.restartable?.() ?? true);
        const again = failure.retryable && restartable && (o.idempotent || !failure.sent) && attempt < maxRetries;
        const wait = again ? this.backoff(attempt) : 0;
        if (again && waited + wait <= budget) {
          waited += wait;
          mayHaveActed ||= failure.sent;
          this.opts.trace?.(`${failure.error.message}; retrying in ${wait} ms (attempt ${attempt + 2} of ${maxRetries + 1})`);
          await sleep(wait);
          continue;
        }
        if (failure.sent && !o.idempotent) throw lostWrite(failure.error, req, o.spec, err instanceof UnreadableBody ? err : undefined, this.opts.checkWith);
        throw failure.error;
      }
      this.noteDeprecation(req, res);
      if (res.ok) return { res, value };
      const err = await apiError(res, req);
      if (mayHaveActed && alreadyDone(req.method, err)) {
        this.opts.trace?.(`${req.method} ${req.path}: the earlier answer was lost and Atlas now answers ${err.status} ${err.errorCode ?? ''}: it is already done`);
        return { res };
      }
      const countTimedOut = err.errorCode === 'TIMEOUT_WHILE_PAGING' && /[?&]includeCount=true(&|$)/.test(req.url);
      // 501 and 505 say the server will never serve it: asking again does not help
      const retryable = err.status === 429 || (o.idempotent && err.status >= 500 && err.status !== 501 && err.status !== 505 && !countTimedOut);
      if (retryable && attempt < maxRetries) {
        const asked = retryAfterMs(res.headers.get('retry-after'));
        if (asked !== undefined && waited + asked > budget) throw waitTooLong(err, asked, budget - waited);
        const wait = asked ?? Math.min(this.opts.maxRetryWaitMs ?? 30_000, this.backoff(attempt));
        if (waited + wait <= budget) {
          waited += wait;
          if (err.status === 429) this.throttle.hold(wait);
          mayHaveActed ||= err.status >= 500;
          this.opts.trace?.(`retrying ${req.method} ${req.path} in ${wait} ms (attempt ${attempt + 2} of ${maxRetries + 1})`);
          await sleep(wait);
          continue;
        }
      }
      if (!o.idempotent && err.status >= 500 && o.spec) {
        throw err.withHint(`the request may have taken effect; ${checkHint(o.spec, req.path, this.opts.checkWith)}`);
      }
      throw err;
    }
  }

  /**
   * The bearer access token of the service account (`auth token`): the cached one while it
   * is valid, else a new one (`POST <base>/api/oauth/token`).
   * @throws AuthConfigError (exit 3) without credentials; UsageError (exit 2) with API keys (HTTP Digest has no token)
   */
  async accessToken(): Promise<string> {
    const creds = this.opts.credentials;
    if (!creds) throw new AuthConfigError('no credentials: set a service account (ATLAS_CLIENT_ID and ATLAS_CLIENT_SECRET)', this.opts.hints?.storeCredentials);
    if (creds.kind === 'digest')
      throw new UsageError('API keys have no access token: they authenticate with HTTP Digest', 'a service account (--client-id and --client-secret) has one');
    return this.bearer(creds, false);
  }

  /** One attempt, authenticated; `raw`: a download, whose body is read in big chunks. */
  private async sendAuthenticated(req: PreparedRequest, raw: boolean): Promise<RawResponse> {
    const creds = this.opts.credentials;
    if (!creds) {
      throw new AuthConfigError(
        'no credentials: set an API key (ATLAS_PUBLIC_KEY and ATLAS_PRIVATE_KEY) or a service account (ATLAS_CLIENT_ID and ATLAS_CLIENT_SECRET)',
        this.opts.hints?.storeCredentials,
      );
    }
    // the operation rides along to the trace, which masks the body by its spec
    const init = { ...this.init(req), raw, operationId: req.operationId };
    if (creds.kind === 'digest') {
      // one digest client for both kinds of request: the nonce and its count are shared
      this.digest ??= new UndiciDigestClient(creds.publicKey, creds.privateKey, (url, i) => this.requestTraced(url, i));
      return (await this.digest.fetch(req.url, init)) as unknown as RawResponse;
    }
    const send = (i: Record<string, unknown>) => this.requestTraced(req.url, i);
    let token = await this.bearer(creds, false);
    const res = await send(withAuth(init, `Bearer ${token}`));
    if (res.status !== 401) return res;
    // a revoked or otherwise refused token (WWW-Authenticate: Bearer error="invalid_token"): renew once
    res.body.destroy();
    this.opts.trace?.('the access token was refused: requesting a new one');
    token = await this.bearer(creds, true);
    return send(withAuth({ ...this.init(req), raw, operationId: req.operationId }, `Bearer ${token}`));
  }

  /**
   * With --debug, the JSON Atlas answered an operation with, its secrets masked (the
   * fields the spec marks in the answer, and anything the request sent as a secret),
   * cut at 64 KiB.
   */
  private answerTracer(req: PreparedRequest): ((text: string) => void) | undefined {
    return this.opts.trace ? (text) => text && this.traceAnswer(req, text) : undefined;
  }

  private traceAnswer(req: PreparedRequest, text: string): void {
    const where = { operationId: req.operationId, direction: 'response' as const };
    const shown = scrubValues(maskBody(text, where), secretValues(req.body, { operationId: req.operationId, direction: 'request' }));
    this.opts.trace?.(`< ${shown.length > 65_536 ? `${shown.slice(0, 65_536)}… (${shown.length} characters)` : shown}`);
  }

  /**
   * One HTTP exchange through undici's `request` on the client's agent, traced with
   * --debug (secrets masked: the URL's, and the request body's by its operation's spec).
   * A 401's small body is read at once, so the connection is free again and the answer
   * to a digest challenge goes out on the same kept-alive connection.
   */
  private async requestTraced(url: string, init: Record<string, unknown>): Promise<RawResponse> {
    const started = performance.now();
    const method = String(init.method ?? 'GET') as Dispatcher.HttpMethod;
    const headers = (init.headers ?? {}) as Record<string, string>;
    const trace = this.opts.trace;
    const shownUrl = typeof init.masked === 'string' ? init.masked : maskUrl(url);
    if (trace) {
      trace(`> ${method} ${shownUrl}`);
      trace(`> Accept: ${headers.Accept ?? ''}${headers.Authorization ? ` Authorization: ${maskAuth(headers.Authorization)}` : ''}`);
      if (typeof init.body === 'string' && headers['Content-Type']?.includes('json')) {
        trace(`> ${maskBody(init.body, { operationId: typeof init.operationId === 'string' ? init.operationId : undefined, direction: 'request' })}`);
      }
    }
    const u = new URL(url);
    // no whole-request deadline: the agent's headersTimeout/bodyTimeout bound each silence
    const r = await this.agent.request({
      origin: u.origin,
      path: `${u.pathname}${u.search}`,
      method,
      headers,
      body: typeof init.body === 'string' ? init.body : undefined,
      // a download's body is read in big chunks: fewer pauses of the parser, flat memory all the same
      highWaterMark: init.raw ? 1 << 20 : undefined,
    });
    if (trace) trace(`< ${r.statusCode} ${r.statusText ?? ''} ${method} ${shownUrl} (${Math.round(performance.now() - started)} ms)`);
    if (r.statusCode === 401) {
      const body = Buffer.from(await r.body.arrayBuffer());
      // undici hands the connection back a moment after the body ends; without this pause
      // the answer to the challenge would open a second connection
      await new Promise((resolve) => setImmediate(resolve));
      return new RawResponse(r.statusCode, r.statusText ?? '', r.headers, Readable.from(body.length ? [body] : []));
    }
    return new RawResponse(r.statusCode, r.statusText ?? '', r.headers, r.body);
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

  /**
   * OAuth 2.0 client credentials (`POST <base>/api/oauth/token`). The token is kept in
   * memory and in the token cache until shortly before it expires; `refresh` mints a new
   * one in place of the one in use. One token request at a time per process, and one for
   * all the runs that share the config folder (TokenCache.shared: the others wait for it).
   * The token request is retried like any idempotent request.
   * @throws AtlasApiError 401 invalid_client (wrong id or secret: exit 3), 429 after retries (exit 6).
   */
  private async bearer(creds: { clientId: string; clientSecret: string }, refresh: boolean): Promise<string> {
    const refused = refresh ? this.token?.value : undefined;
    if (refresh) this.token = undefined;
    if (this.token && Date.now() < this.token.expiresAt) return this.token.value;
    this.minting ??= (async () => {
      const key = TokenCache.key(this.apiRoot, creds.clientId, creds.clientSecret);
      let minted = false;
      const token = await this.tokens.shared(
        key,
        async () => {
          minted = true;
          return this.mintToken(creds);
        },
        { refused },
      );
      if (!minted) this.opts.trace?.('using the cached access token of the service account');
      this.token = token;
      return token.value;
    })().finally(() => {
      this.minting = undefined;
    });
    return this.minting;
  }

  /** Asks Atlas for a new access token (one POST /api/oauth/token, retried as idempotent). */
  private async mintToken(creds: { clientId: string; clientSecret: string }): Promise<{ value: string; expiresAt: number }> {
    const url = `${this.apiRoot}/api/oauth/token`;
    const target: Target = { method: 'POST', path: '/api/oauth/token', url };
    const basic = Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString('base64');
    let res: RawResponse;
    let doc: { access_token?: string; expires_in?: number } | undefined;
    try {
      ({ res, value: doc } = await this.exchange<typeof doc>(
        target,
        () =>
          this.requestTraced(url, {
            method: 'POST',
            headers: {
              Authorization: `Basic ${basic}`,
              'Content-Type': 'application/x-www-form-urlencoded',
              Accept: 'application/json',
              'User-Agent': this.opts.userAgent,
            },
            body: 'grant_type=client_credentials',
            dispatcher: this.agent,
          }),
        { idempotent: true, read: readJson },
      ));
    } catch (err) {
      throw oauthError(err, creds.clientId, this.opts.hints?.showCredentials);
    }
    if (!doc?.access_token)
      throw new CliError(`POST /api/oauth/token: Atlas answered ${res.status} without an access_token`, 'try again; if it persists, run with --debug and report it');
    const lifetimeMs = Math.max(0, doc.expires_in ?? 3600) * 1000;
    // stop using it shortly before it expires: a minute, or a tenth of a short lifetime
    const expiresAt = Date.now() + lifetimeMs - Math.min(60_000, lifetimeMs / 10);
    return { value: doc.access_token, expiresAt };
  }

  /** Exponential backoff with full jitter, ms. */
  private backoff(attempt: number): number {
    const base = this.opts.backoffBaseMs ?? 500;
    const cap = this.opts.maxRetryWaitMs ?? 30_000;
    return Math.round(Math.random() * Math.min(cap, base * 2 ** attempt));
  }

  /**
   * A Deprecation or Sunset header: said once per run. When the spec this CLI carries
   * already marks the version it sent as deprecated and offers nothing newer (the
   * invitations, for one), no release of atlascli can avoid it: a line under --debug, and a
   * short warning only once the sunset is at most SUNSET_WARNING_DAYS away. Otherwise Atlas
   * deprecated what this CLI still sends: a warning to upgrade atlascli.
   */
  private noteDeprecation(req: Target, res: RawResponse): void {
    if (this.warnedDeprecation || (req as Partial<PreparedRequest>).pinned) return;
    const deprecation = res.headers.get('deprecation');
    const sunset = res.headers.get('sunset');
    if (!deprecation && !sunset) return;
    this.warnedDeprecation = true;
    const prepared = 'operationId' in req ? (req as PreparedRequest) : undefined;
    const version = prepared ? ` (version ${prepared.version})` : '';
    const op = prepared && operation(prepared.operationId);
    const unavoidable = !!op && prepared.version === newestVersion(prepared.operationId) && (op.deprecated === true || op.sunset?.[prepared.version] !== undefined);
    if (unavoidable) {
      const sunsetMs = sunset ? Date.parse(sunset) : NaN;
      const day = Number.isNaN(sunsetMs) ? sunset : new Date(sunsetMs).toISOString().slice(0, 10);
      if (!Number.isNaN(sunsetMs) && sunsetMs - Date.now() <= SUNSET_WARNING_DAYS * 86_400_000) {
        this.opts.warn(`warning: Atlas removes ${req.method} ${req.path} on ${day}`);
      } else {
        this.opts.trace?.(`Atlas marks ${req.method} ${req.path}${version} as deprecated${day ? `, to be removed on ${day}` : ''}; the API has nothing newer to use instead`);
      }
      return;
    }
    const parts = [`warning: Atlas marks ${req.method} ${req.path}${version} as deprecated`];
    if (sunset) parts.push(`it will be removed on ${sunset}`);
    this.opts.warn(`${parts.join('; ')}; upgrade when a newer release is out`);
  }
}

/**
 * The API root for a base URL: the base without trailing slashes.
 * @param hint the hint, given the base URL to use instead (default: "give only the scheme and host: …")
 * @throws UsageError when it already ends in /api/atlas/v2 (the client adds that itself).
 */
export function checkBaseUrl(baseUrl: string, hint = (suggested: string) => `give only the scheme and host: ${suggested}`): string {
  const root = baseUrl.replace(/\/+$/, '');
  const m = /^(.*?)\/api\/atlas\/v\d+(\/.*)?$/i.exec(root);
  if (m) {
    throw new UsageError(`the base URL ${root} already holds the API path /api/atlas/v2; every request gets it added`, hint(m[1] || 'https://cloud.mongodb.com'));
  }
  return root;
}

/** The proxy a URL goes through under HTTP(S)_PROXY/NO_PROXY (the rules of undici's EnvHttpProxyAgent), or undefined. */
function proxyFor(url: string, httpProxy: string | undefined, httpsProxy: string | undefined, noProxy: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const proxy = u.protocol === 'https:' ? httpsProxy : httpProxy;
  if (!proxy) return undefined;
  const host = u.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number(u.port) || (u.protocol === 'https:' ? 443 : 80);
  for (const entry of noProxy.split(/[,\s]/).filter(Boolean)) {
    if (entry === '*') return undefined;
    const m = /^(.+):(\d+)$/.exec(entry);
    const h = (m ? m[1]! : entry).replace(/^\*?\./, '').toLowerCase();
    if (m && Number(m[2]) !== port) continue;
    if (host === h || host.endsWith(`.${h}`)) return undefined;
  }
  return proxy;
}

function maskUserInfo(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = u.username ? '********' : '';
      u.password = '';
    }
    return u.toString();
  } catch {
    return '<proxy>';
  }
}

/**
 * A write whose answer was lost after it was sent (the connection dropped, or its body
 * could not be read): it may have happened, so it is not sent again (exit 7).
 */
function lostWrite(
  err: NetworkError,
  req: Target,
  spec: RequestSpec | undefined,
  unreadable: UnreadableBody | undefined,
  checkWith: ((spec: RequestSpec) => string | undefined) | undefined,
): NetworkError {
  const hint = spec ? checkHint(spec, req.path, checkWith) : 'check whether it took effect before trying again';
  const detail = unreadable?.detail ?? err.message.replace(`${req.subject ?? `${req.method} ${req.path}`}: `, '');
  return new NetworkError(
    `${req.method} ${req.path}: the request was sent but its answer ${unreadable ? 'could not be read' : 'was lost'} (${detail}); it may have taken effect, so it was not sent again`,
    err.code,
    hint,
  );
}

/**
 * The body of a 2xx answer as JSON. A body that is not JSON is UnreadableBody: the answer
 * counts as lost (a GET is asked again; a write may have taken effect).
 * @param allowEmpty an empty body is undefined (default); false: it is unreadable too
 */
/**
 * A JSON answer's document (undefined for an empty body when `allowEmpty`), its text
 * handed to `onText` first (the --debug trace).
 * @throws UnreadableBody when the text is not JSON
 */
async function readJson<T>(res: RawResponse, allowEmpty = true, onText?: (text: string) => void): Promise<T | undefined> {
  const text = await res.text();
  onText?.(text);
  if (text.length === 0 && allowEmpty) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UnreadableBody(`Atlas answered ${res.status} with a body that is not valid JSON`);
  }
}

/** Atlas asked to wait longer than the retry budget allows: stop now and say until when. */
function waitTooLong(err: AtlasApiError, askedMs: number, leftMs: number): AtlasApiError {
  const at = new Date(Date.now() + askedMs).toISOString().replace(/\.\d+Z$/, 'Z');
  return new AtlasApiError(
    err.status,
    err.body,
    err.method,
    err.path,
    `Atlas asks to wait ${Math.ceil(askedMs / 1000)} s (more than the ${Math.max(0, Math.round(leftMs / 1000))} s left to wait): try again after ${at}`,
  );
}

let bodyCheck: Promise<typeof import('../spec/validate.js')> | undefined;

/**
 * Every body a request carries is checked against the spec's request schema of the version
 * it is sent at, before anything is sent: what Atlas would refuse with 400 (a wrong type, an
 * unknown attribute, a value outside its enum, a missing required one) is refused here, once,
 * for every command, whatever built the body (flags, a --file, a document printed by get).
 * A read-only attribute is left to Atlas, which ignores one echoed back unchanged.
 * The validator (ajv and the spec's schemas) is loaded by the first body checked: a command
 * that sends none does not load it.
 * @throws UsageError (exit 2) naming the JSON pointers of the first problems
 */
async function checkRequestBody(operationId: OperationId, version: string, body: unknown): Promise<void> {
  const { summarizeIssues, validateRequestBody } = await (bodyCheck ??= import('../spec/validate.js'));
  const issues = validateRequestBody(operationId, version, body).filter((i) => i.kind !== 'readOnly');
  if (issues.length) throw new UsageError(`the request body does not match the ${operationId} request of the API (version ${version}): ${summarizeIssues(issues)}`);
}

/** The token endpoint's refusals, in words: invalid_client is a wrong id or secret. */
function oauthError(err: unknown, clientId: string, showCredentials: string | undefined): unknown {
  if (!(err instanceof AtlasApiError)) return err;
  const code = err.body.errorCode ?? (err.body as { error?: unknown }).error;
  if (err.status === 401 || err.status === 400) {
    const what = code === 'invalid_client' ? `wrong client id or secret for service account ${clientId}` : String(err.body.detail ?? code ?? 'refused');
    return new AtlasApiError(
      err.status,
      { ...err.body, errorCode: typeof code === 'string' ? code : undefined, detail: what },
      err.method,
      err.path,
      `check --client-id and --client-secret (or ATLAS_CLIENT_ID and ATLAS_CLIENT_SECRET)${showCredentials ? `; ${showCredentials}` : ''}`,
    );
  }
  if (err.status === 403 && code === 'access_denied') {
    // Atlas keeps at most 100 active tokens per service account (its words are the error_description, kept as detail)
    return new AtlasApiError(
      403,
      { ...err.body, errorCode: code },
      err.method,
      err.path,
      `service account ${clientId} holds as many access tokens as Atlas allows: wait until some expire (they last an hour), or use another service account`,
    );
  }
  return err;
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

/**
 * The error Atlas answered `req` with. Atlas may repeat a value it was sent in the detail
 * ("Invalid URL %s."): the request's secrets (src/atlas/mask.ts) are masked in what it says.
 */
async function apiError(res: RawResponse, req: { method: string; path: string; operationId?: string; body?: unknown }): Promise<AtlasApiError> {
  let body: ApiErrorBody = {};
  const text = await res.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object') body = { ...(parsed as ApiErrorBody) };
  } catch {
    body = { reason: res.statusText || undefined };
  }
  // the OAuth endpoint answers {"error":"invalid_client","error_description":"…"}
  const oauth = body as { error?: unknown; error_description?: unknown };
  if (typeof oauth.error === 'string' && !body.errorCode) {
    body = { errorCode: oauth.error, detail: typeof oauth.error_description === 'string' ? oauth.error_description : undefined };
  }
  body.errorCode ??= res.headers.get('x-error-code') ?? undefined;
  const sent = secretValues(req.body, { operationId: req.operationId, direction: 'request' });
  if (sent.length) body = scrubDocument(body, sent);
  return new AtlasApiError(res.status, body, req.method, req.path);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A delivery URL as it may be shown: its origin and file name, the path between (where
 * Atlas puts the link's secret) masked: `https://restore-….mongodb.net:27017/…/restore-<id>.tar.gz`.
 */
export function maskDeliveryUrl(url: string): string {
  try {
    const u = new URL(url);
    const name = u.pathname.split('/').pop() ?? '';
    return `${u.origin}/…/${name}`;
  } catch {
    return '(a URL that does not parse)';
  }
}

/**
 * The check to suggest for a write of `spec` sent to `path` (the API path, e.g.
 * /api/atlas/v2/groups/{id}/clusters): the request's `checkWith`, else the caller's for the
 * operation, else "read <path>".
 */
function checkHint(spec: RequestSpec, path: string, derive?: (spec: RequestSpec) => string | undefined): string {
  const check = spec.checkWith ?? derive?.(spec);
  return check ? `check with \`${check}\` before trying again` : `check whether it did (GET ${path}) before trying again`;
}
