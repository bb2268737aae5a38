/**
 * What every request of a client (one run) knows of Atlas's rate limit, shared:
 * - a 429's Retry-After holds the requests that are about to start as well, instead of
 *   each hearing its own 429 and spending its own retry budget;
 * - an answer saying the bucket is empty (`RateLimit-Remaining: 0`) lets one attempt at a
 *   time go until an answer says otherwise: that one probe hears the 429 and its
 *   Retry-After for all of them, so a fleet of concurrent requests does not send a burst
 *   Atlas would refuse whole.
 * Atlas's headers (docs, "Atlas Administration API Rate Limits"): `RateLimit-Limit` is the
 * bucket's capacity, `RateLimit-Remaining` the tokens left in it, `Retry-After` (on 429
 * only) the seconds to wait; they may be missing, and then nothing is learned.
 */
export class Throttle {
  /** epoch ms before which no attempt starts */
  private until = 0;
  /** the last answer said no token is left */
  private empty = false;
  /** the probe in flight while empty: resolves when its answer is in */
  private probe?: Promise<void>;

  constructor(private readonly now: () => number = Date.now) {}

  /** Holds every attempt for `ms` from now (the longest hold wins). */
  hold(ms: number): void {
    this.until = Math.max(this.until, this.now() + ms);
  }

  /** Milliseconds the next attempt must still wait (0: go). */
  pending(): number {
    return Math.max(0, this.until - this.now());
  }

  /**
   * Resolves when an attempt may start: no hold in force, and, while the bucket is empty,
   * no other probe in flight. The caller must call `done` with the answer's headers once
   * they are in (or with nothing when the attempt failed), whatever happens.
   */
  async ready(): Promise<{ done: (answer?: { status: number; headers: { get(name: string): string | null } }) => void }> {
    for (;;) {
      for (let wait = this.pending(); wait > 0; wait = this.pending()) await new Promise((r) => setTimeout(r, wait));
      if (!this.empty) return { done: (answer) => this.learn(answer) };
      if (this.probe) {
        await this.probe;
        continue;
      }
      let release!: () => void;
      this.probe = new Promise<void>((r) => (release = r));
      return {
        done: (answer) => {
          this.learn(answer);
          this.probe = undefined;
          release();
        },
      };
    }
  }

  /** What an answer says: the tokens left, and on a 429 how long to wait (Retry-After, seconds or a date). */
  private learn(answer?: { status: number; headers: { get(name: string): string | null } }): void {
    if (!answer) return;
    const remaining = Number(answer.headers.get('ratelimit-remaining') ?? NaN);
    if (Number.isFinite(remaining)) this.empty = remaining <= 0;
    if (answer.status === 429) {
      const wait = retryAfterMs(answer.headers.get('retry-after'), this.now());
      if (wait !== undefined) this.hold(wait);
    } else if (!Number.isFinite(remaining)) {
      // an answer without the header (Atlas may leave it out) ends the wait of the probes
      this.empty = false;
    }
  }
}

/** Retry-After in ms (seconds or an HTTP date), or undefined when absent or unreadable. `now` is epoch ms. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (header.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
