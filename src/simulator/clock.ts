// The simulator's clock: every state change (cluster create, update, pause, delete, Flex
// clusters, snapshots, restore jobs, access-list entries, expiring users and tokens, digest
// nonces, rate-limit windows) reads the time from here, never from the number of reads.
//
// Two modes:
// - real: wall-clock time (plus whatever was advanced); a state change takes `stepMs` of it,
//   so the demo and `atlascli simulator` stay fast;
// - manual: time stands still until a test (or a script) moves it: `clock.advance(ms)` in
//   process, `POST /__simulator/clock {"advance":"PT10M"}` over HTTP. Nothing then depends on
//   how busy the machine is.
// Network timings (fault latency, stalled bodies) are not the clock's: they stay real.
import { parse as parseIsoDuration, toSeconds } from 'iso8601-duration';

/** `ms` (epoch ms) as Atlas prints a time: ISO 8601 in UTC without milliseconds, `2026-08-09T03:44:46Z`. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export type ClockMode = 'real' | 'manual';
export const CLOCK_MODES: readonly ClockMode[] = ['real', 'manual'];

export class SimClock {
  /** ms added by advance() (real mode) */
  private offset = 0;
  /** the manual clock's time, epoch ms */
  private frozenAt: number;

  /** @param start epoch ms the manual clock starts at (default: now, whole seconds) */
  constructor(
    readonly mode: ClockMode = 'real',
    start = Math.floor(Date.now() / 1000) * 1000,
  ) {
    if (!CLOCK_MODES.includes(mode)) throw new TypeError(`unknown clock mode "${String(mode)}": use real or manual`);
    this.frozenAt = start;
  }

  /** The simulated time, epoch ms. */
  now(): number {
    return this.mode === 'manual' ? this.frozenAt : Date.now() + this.offset;
  }

  /**
   * Moves the time forward by `ms` (a finite number >= 0) in either mode; returns the new
   * time (epoch ms). Throws RangeError otherwise: time never goes back.
   */
  advance(ms: number): number {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new RangeError(`advance takes a number of milliseconds >= 0, not ${String(ms)}`);
    if (this.mode === 'manual') this.frozenAt += ms;
    else this.offset += ms;
    return this.now();
  }

  /** `{mode, now}` with `now` as an ISO 8601 timestamp (what the admin endpoint answers). */
  toJSON(): { mode: ClockMode; now: string } {
    return { mode: this.mode, now: new Date(this.now()).toISOString() };
  }
}

/**
 * Reads the body of `POST /__simulator/clock`: `{"advance": "<ISO 8601 duration>"}`, e.g.
 * `PT10M`, `PT1H30M`, `P1D` (years and months count from the clock's current date). Returns
 * the milliseconds to advance; throws TypeError naming what is wrong (the endpoint answers it
 * as 400).
 */
export function parseClockRequest(body: unknown, now: number): number {
  const usage = 'send {"advance": "<ISO 8601 duration>"}, e.g. {"advance": "PT10M"}';
  if (body === undefined) throw new TypeError(`the body is empty: ${usage}`);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new TypeError(`the body is not a JSON object: ${usage}`);
  const unknown = Object.keys(body).filter((k) => k !== 'advance');
  if (unknown.length) throw new TypeError(`unknown field ${unknown.map((k) => JSON.stringify(k)).join(', ')}: ${usage}`);
  const advance = (body as { advance?: unknown }).advance;
  if (advance === undefined) throw new TypeError(`missing "advance": ${usage}`);
  if (typeof advance !== 'string') throw new TypeError(`"advance" is ${JSON.stringify(advance)}, not a string: ${usage}`);
  if (/^\s*-/.test(advance)) throw new TypeError(`"advance" is ${JSON.stringify(advance)}: time only moves forward`);
  let ms: number;
  try {
    if (!/^P[0-9.,YMWDTHS]+$/.test(advance)) throw new Error('not a duration');
    ms = toSeconds(parseIsoDuration(advance), new Date(now)) * 1000;
  } catch {
    throw new TypeError(`"advance" is ${JSON.stringify(advance)}, not an ISO 8601 duration: ${usage}`);
  }
  if (!Number.isFinite(ms) || ms < 0) throw new TypeError(`"advance" is ${JSON.stringify(advance)}: time only moves forward`);
  return Math.round(ms);
}
