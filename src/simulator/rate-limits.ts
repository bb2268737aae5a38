// Atlas limits requests per endpoint family and says so in `Ratelimit-Limit`. The
// families and limits below are what the recorded responses show (recorded/**: every
// .snaphost carries Ratelimit-Limit): 10000 for a cluster's own endpoints (clusters,
// processArgs, logs, database users, sample data), 300 for processes and their
// measurements, project events and the list of organizations, 500 for an organization's
// endpoints (its API keys, users, events; teams excepted), 1200 for everything else
// (projects, access lists, alerts, backups, rolling indexes, maintenance, teams).
// Each family is a token bucket (Atlas docs, "Atlas Administration API Rate Limits"): it
// holds `capacity` tokens (the Ratelimit-Limit), a request takes one (Ratelimit-Remaining
// says how many are left), and `refillRate` tokens come back every `refillDurationSeconds`
// up to the capacity; an empty bucket answers 429 RATE_LIMITED_TOKEN_BUCKET with
// Retry-After (the seconds to the next refill) and the docs' detail and parameters. The
// refill of each family is not in the recordings: the simulator refills the whole capacity
// every 60 s (a guess, listed in README.md).
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

/** One limit: a bucket of `limit` tokens, refilled whole every `windowMs` of clock time. */
export interface Limit {
  limit: number;
  windowMs: number;
  /** only this family (clusters, monitoring, organization, project); absent: every family */
  family?: string;
}

/** A family's bucket: the tokens left at `refilledAt` (clock ms of the last refill). */
interface Bucket {
  tokens: number;
  refilledAt: number;
}

/**
 * The simulator's rate limits, counted in clock time (a manual clock refills nothing until
 * it moves): Atlas's limit per endpoint family (or one `forced` limit for every family), and
 * the token endpoint's limit per service account.
 */
export class RateLimits {
  /** one bucket per family */
  private readonly buckets = new Map<string, Bucket>();
  /** per service account: when each token of the current window was minted (clock ms) */
  private readonly minted = new Map<string, number[]>();

  constructor(
    private readonly now: () => number,
    private readonly tokens: Limit,
    private readonly forced?: Limit,
  ) {}

  clear(): void {
    this.buckets.clear();
    this.minted.clear();
  }

  /** Atlas's limit for the path's family, or the forced one. */
  private limitFor(pathname: string): { family: string; limit: number; windowMs: number } {
    const family = rateFamily(pathname);
    const forced = this.forced && (this.forced.family === undefined || this.forced.family === family.name) ? this.forced : undefined;
    return { family: family.name, limit: forced?.limit ?? family.limit, windowMs: forced?.windowMs ?? 60_000 };
  }

  /** The family's bucket, refilled for the time gone by: `refillRate` (the capacity) per whole `windowMs`. */
  private bucket(family: string, limit: number, windowMs: number): Bucket {
    const now = this.now();
    let b = this.buckets.get(family);
    if (!b) this.buckets.set(family, (b = { tokens: limit, refilledAt: now }));
    const refills = Math.floor((now - b.refilledAt) / windowMs);
    if (refills > 0) {
      b.tokens = Math.min(limit, b.tokens + refills * limit);
      b.refilledAt += refills * windowMs;
    }
    return b;
  }

  /** `Ratelimit-Limit` and `Ratelimit-Remaining` for the path's family, as Atlas sends them. */
  headers(pathname: string): Record<string, string> {
    const { family, limit, windowMs } = this.limitFor(pathname);
    return { 'Ratelimit-Limit': String(limit), 'Ratelimit-Remaining': String(Math.max(0, this.bucket(family, limit, windowMs).tokens)) };
  }

  /** Takes a token of the path's family; throws ApiError 429 RATE_LIMITED_TOKEN_BUCKET (with Retry-After) when none is left. */
  count(pathname: string): void {
    const { family, limit, windowMs } = this.limitFor(pathname);
    const b = this.bucket(family, limit, windowMs);
    if (b.tokens <= 0) throw errors.rateLimited(pathname, Math.max(1, Math.ceil((b.refilledAt + windowMs - this.now()) / 1000)), limit, limit, windowMs / 1000);
    b.tokens--;
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
