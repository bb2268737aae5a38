// Public types of the Atlas API simulator.

export interface SimulatorOptions {
  /** TCP port; default 0 (ephemeral) */
  port?: number;
  /** listen address; default 127.0.0.1 */
  host?: string;
  /**
   * The clock every state change follows (clock.ts): `real` (default) runs with the wall
   * clock; `manual` stands still until `sim.clock.advance(ms)` or `POST /__simulator/clock`.
   */
  clock?: 'real' | 'manual';
  /**
   * Clock milliseconds every state change takes (cluster CREATING→IDLE, UPDATING→IDLE,
   * DELETING→gone, each step of a snapshot or restore job, an access-list entry PENDING→ACTIVE).
   * Default: Atlas's duration for each kind of change (durations.ts), as they are on a manual
   * clock and 120 times shorter on the real one
   */
  stepMs?: number;
  /** digest nonce lifetime in clock ms; default 60000. A correct response on an expired nonce gets 401 with stale=true */
  nonceTtlMs?: number;
  /** OAuth access token lifetime in clock seconds; default 3600 */
  tokenTtlSec?: number;
  /** how many requests `sim.requests` keeps (the last ones); default 10000 */
  requestLogSize?: number;
  /**
   * Tokens each service account may mint per window at POST /api/oauth/token; default
   * 10 per 60 000 ms. Beyond it the endpoint answers 429 RATE_LIMITED with Retry-After.
   */
  tokenRateLimit?: { limit: number; windowMs: number };
  /**
   * one fixed-window limit for every endpoint family, or with `family` for that family only
   * (clusters, monitoring, organization, project: rate-limits.ts); default: Atlas's limits per
   * family, per 60 s
   */
  rateLimit?: { limit: number; windowMs: number; family?: string };
  /** extra seed data */
  seed?: {
    extraProjects?: number;
    /**
     * a fleet in the default org: `projects` projects named fleet-0001 … (tagged team=a|b),
     * each with `clustersPerProject` (default 3) M10 clusters named <project>-c1 … tagged
     * env=dev, env=prod, env=staging in turn, created 1, 2, 3 … days before the seed date
     */
    fleet?: { projects: number; clustersPerProject?: number };
  };
  /** add Deprecation/Sunset headers when an older API version is requested, as Atlas does; default true */
  deprecationHeaders?: boolean;
  /**
   * the state to start from instead of the seed (scenario.ts, scenario.schema.json): checked
   * first, a ScenarioError naming the JSON path when it is bad. Its credentials replace the
   * simulator's; its first organization and project are `credentials.orgId`/`projectId`.
   */
  scenario?: unknown;
  /** a file to write every answered API request to, one JSON line each (record-file.ts); created or truncated, mode 0600 */
  record?: string;
  /** access log, one line per request */
  log?: (line: string) => void;
}

export type AuthKind = 'digest' | 'bearer' | 'basic' | 'none';

export interface RecordedRequest {
  method: string;
  /** pathname, without the query string */
  path: string;
  /** a parameter given once is a string; a repeated one an array of its values, in order */
  query: Record<string, string | string[]>;
  accept?: string;
  contentType?: string;
  userAgent?: string;
  /** parsed JSON body, or the raw text when it is not JSON */
  body?: unknown;
  status: number;
  auth: AuthKind;
  operationId?: string;
  /** the answer's errorCode (its X-Error-Code header) when it is an error */
  errorCode?: string;
  /** API version date negotiated from Accept (e.g. 2024-08-05) */
  version?: string;
  /** wall-clock epoch ms when the request arrived (not the simulator's clock) */
  time: number;
  /** set when a fault dropped the connection: before answering (`reset`), after acting (`after`), mid-body (`cutBody`) */
  dropped?: 'reset' | 'after' | 'cutBody';
}

/**
 * A fault injected into matching requests. Matching: `method` (any when absent),
 * `path` (a pathname prefix) or `pathRegex`/RegExp, and `query` (every listed query
 * parameter has exactly that value). Each matching request uses one of
 * `times` (unlimited when absent). Faults apply after authentication, so a digest
 * handshake does not consume them; they also apply to POST /api/oauth/token.
 */
export interface Fault {
  method?: string;
  /** pathname prefix (string) or a RegExp tested against the pathname */
  path?: string | RegExp;
  /** regular expression source tested against the pathname (JSON-friendly form of a RegExp path) */
  pathRegex?: string;
  /** match only requests whose query string holds each of these values, e.g. {includeCount: 'true'} */
  query?: Record<string, string>;
  times?: number;
  /** answer with this status and an ApiError body (503 SERVICE_UNAVAILABLE, 429 RATE_LIMITED, 500 UNEXPECTED_ERROR, ...) */
  status?: number;
  /** errorCode of that ApiError body (defaults by status) */
  errorCode?: string;
  /** seconds, sent as Retry-After with `status` */
  retryAfter?: number;
  /** delay the response by this many ms */
  latencyMs?: number;
  /** destroy the connection without answering (the request has no effect) */
  reset?: boolean;
  /** run the request (its effect happens: a cluster is created, deleted…), then destroy the connection without answering */
  after?: boolean;
  /** send the status line and headers (full Content-Length), then half the body, then destroy the connection */
  cutBody?: boolean;
  /** send the status line, headers and half the body, then stall this many ms before the rest */
  stallBodyMs?: number;
  /** send the body no faster than this many bytes per second (a link of that speed: 125_000_000 is 1 Gbit/s) */
  bytesPerSecond?: number;
  /** answer 200 with the real body truncated (invalid JSON) */
  malformed?: boolean;
  /** extra response headers, e.g. {Deprecation: '...', Sunset: '...'} */
  headers?: Record<string, string>;
}

export interface FaultControl {
  /** adds a fault; returns an id usable with remove() */
  add(fault: Fault): number;
  remove(id: number): boolean;
  clear(): void;
  /** active faults with how many uses are left */
  list(): Array<Fault & { id: number; remaining?: number }>;
}

export interface SimulatorCredentials {
  publicKey: string;
  privateKey: string;
  clientId: string;
  clientSecret: string;
  orgId: string;
  projectId: string;
}
