/**
 * One hold shared by every request of a client (one run): when Atlas answers 429 with a
 * Retry-After, the requests that are about to start wait until then as well, instead of
 * each hearing its own 429 and spending its own retry budget. A fleet of concurrent
 * requests thus slows down as a whole when one of them is told to.
 */
export class Throttle {
  /** epoch ms before which no attempt starts */
  private until = 0;

  /** Holds every attempt for `ms` from now (the longest hold wins). */
  hold(ms: number, now = Date.now()): void {
    this.until = Math.max(this.until, now + ms);
  }

  /** Milliseconds the next attempt must still wait (0: go). */
  pending(now = Date.now()): number {
    return Math.max(0, this.until - now);
  }

  /** Resolves once no hold is in force. */
  async ready(): Promise<void> {
    for (let wait = this.pending(); wait > 0; wait = this.pending()) await new Promise((r) => setTimeout(r, wait));
  }
}
