// Atlas limits requests per endpoint family and says so in `Ratelimit-Limit`. The
// families and limits below are what the recorded responses show (recorded/**: every
// .snaphost carries Ratelimit-Limit): 10000 for a cluster's own endpoints (clusters,
// processArgs, logs, database users, sample data), 300 for processes and their
// measurements, project events and the list of organizations, 500 for an organization's
// endpoints (its API keys, users, events; teams excepted), 1200 for everything else
// (projects, access lists, alerts, backups, rolling indexes, maintenance, teams).
// The token endpoint has its own limit per service account (tokenRateLimit).
import { ApiError, errors } from './errors.js';

export interface RateFamily {
  name: string;
  limit: number;
}

const V2 = '/api/atlas/v2';

const FAMILIES: ReadonlyArray<[RegExp, RateFamily]> = [
  [new RegExp(`^${V2}/groups/[^/]+/(processes(/|$)|events$)`), { name: 'monitoring', limit: 300 }],
  [new RegExp(`^${V2}/orgs$`), { name: 'monitoring', limit: 300 }],
  [new RegExp(`^${V2}/groups/[^/]+/(clusters|flexClusters)/[^/]+/(backup|index)(/|$)`), { name: 'project', limit: 1200 }],
  [new RegExp(`^${V2}/groups/[^/]+/(clusters|flexClusters|databaseUsers|sampleDatasetLoad)(/|$)`), { name: 'clusters', limit: 10000 }],
  [new RegExp(`^${V2}/orgs/[^/]+/teams(/|$)`), { name: 'project', limit: 1200 }],
  [new RegExp(`^${V2}/orgs/[^/]+(/|$)`), { name: 'organization', limit: 500 }],
];

const DEFAULT: RateFamily = { name: 'project', limit: 1200 };

/** The rate-limit family of a request path, with Atlas's limit for it. */
export function rateFamily(pathname: string): RateFamily {
  for (const [re, family] of FAMILIES) if (re.test(pathname)) return family;
  return DEFAULT;
}

/** One fixed-window limit: `limit` requests per `windowMs` of clock time. */
export interface Limit {
  limit: number;
  windowMs: number;
  /** only this family (clusters, monitoring, organization, project); absent: every family */
  family?: string;
}

/**
 * The simulator's rate limits, counted in clock time (a manual clock's windows move only
 * when it does): Atlas's limit per endpoint family (or one `forced` limit for every family),
 * and the token endpoint's limit per service account.
 */
export class RateLimits {
  /** fixed windows, one per family */
  private readonly windows = new Map<string, { start: number; count: number }>();
  /** per service account: when each token of the current window was minted (clock ms) */
  private readonly minted = new Map<string, number[]>();

  constructor(
    private readonly now: () => number,
    private readonly tokens: Limit,
    private readonly forced?: Limit,
  ) {}

  clear(): void {
    this.windows.clear();
    this.minted.clear();
  }

  /** Atlas's limit for the path's family, or the forced one. */
  private limitFor(pathname: string): { family: string; limit: number; windowMs: number } {
    const family = rateFamily(pathname);
    const forced = this.forced && (this.forced.family === undefined || this.forced.family === family.name) ? this.forced : undefined;
    return { family: family.name, limit: forced?.limit ?? family.limit, windowMs: forced?.windowMs ?? 60_000 };
  }

  /** `Ratelimit-Limit` and `Ratelimit-Remaining` for the path's family, as Atlas sends them. */
  headers(pathname: string): Record<string, string> {
    const { family, limit } = this.limitFor(pathname);
    const used = this.windows.get(family)?.count ?? 0;
    return { 'Ratelimit-Limit': String(limit), 'Ratelimit-Remaining': String(Math.max(0, limit - used)) };
  }

  /** Counts a request in its family's window; throws ApiError 429 RATE_LIMITED (with Retry-After) beyond the limit. */
  count(pathname: string): void {
    const { family, limit, windowMs } = this.limitFor(pathname);
    const now = this.now();
    let w = this.windows.get(family);
    if (!w || now - w.start >= windowMs) this.windows.set(family, (w = { start: now, count: 0 }));
    w.count++;
    if (w.count > limit) throw errors.rateLimited(Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)));
  }

  /** Counts a token minted for `clientId`; throws ApiError 429 RATE_LIMITED (with Retry-After) beyond the token limit. */
  mintToken(clientId: string): void {
    const { limit, windowMs } = this.tokens;
    const now = this.now();
    const recent = (this.minted.get(clientId) ?? []).filter((t) => now - t < windowMs);
    if (recent.length >= limit) {
      this.minted.set(clientId, recent);
      const wait = Math.max(1, Math.ceil((recent[0]! + windowMs - now) / 1000));
      throw new ApiError(
        429,
        'RATE_LIMITED',
        `Service account ${clientId} has requested more than ${limit} access tokens in ${windowMs / 1000} s. Reuse a token until it expires.`,
        [],
        {
          'Retry-After': String(wait),
        },
      );
    }
    recent.push(now);
    this.minted.set(clientId, recent);
  }
}
