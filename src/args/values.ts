/**
 * Argument parsers shared by every command: each turns what the user typed into a
 * checked value, or throws a UsageError (exit 2) naming the flag, before any request.
 */
import { UsageError } from '../errors.js';

/** Bounds of `--timeout`, in seconds: below 0.1 s no request can finish; above an hour is a typo. */
export const TIMEOUT_SECONDS = { min: 0.1, max: 3600 } as const;

/** Bounds of a wait (`--wait-timeout`), in seconds: up to a week. */
export const WAIT_SECONDS = { min: 0.1, max: 7 * 24 * 3600 } as const;

export interface Bounds {
  min?: number;
  max?: number;
}

/**
 * A number of seconds, decimal digits only (`0.5`, `60`), within `bounds`
 * (default: more than 0 and at most a week). Returns seconds.
 * @throws UsageError when the text is not a plain number or out of bounds
 */
export function parseSeconds(flag: string, value: string, bounds: Bounds = {}): number {
  const max = bounds.max ?? WAIT_SECONDS.max;
  const text = value.trim();
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`invalid ${flag} "${value}": give a number of seconds greater than 0`);
  }
  if (bounds.min !== undefined && n < bounds.min) {
    throw new UsageError(`invalid ${flag} "${value}": give at least ${bounds.min} seconds`);
  }
  if (n > max) throw new UsageError(`invalid ${flag} "${value}": give at most ${max} seconds`);
  return n;
}

/**
 * A whole number of something (items, MB, shards) in `[min, max]`; `max` defaults to
 * Number.MAX_SAFE_INTEGER, so a count is always exact.
 * @throws UsageError when the text is not digits only or out of bounds
 */
export function parseCount(flag: string, value: string, min: number | Bounds = 0): number {
  const b: Bounds = typeof min === 'number' ? { min } : min;
  const lo = b.min ?? 0;
  const hi = Math.min(b.max ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (/^-\d+$/.test(value.trim())) throw new UsageError(`invalid ${flag} "${value}": give at least ${lo}`);
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`invalid ${flag} "${value}": give a whole number${lo > 0 ? ` (at least ${lo})` : ''}`);
  const n = Number(value.trim());
  if (n < lo) throw new UsageError(`invalid ${flag} "${value}": give at least ${lo}`);
  if (n > hi) throw new UsageError(`invalid ${flag} "${value}": give at most ${hi}`);
  return n;
}

/**
 * `--limit N` of a list: how many items at most, 1 or more (0 would ask for nothing).
 * @returns undefined without the flag
 * @throws UsageError for anything but a whole number from 1
 */
export function parseLimit(opts: { limit?: string }): number | undefined {
  return opts.limit === undefined ? undefined : parseCount('--limit', opts.limit, 1);
}

/**
 * `true|yes|1|on` or `false|no|0|off`, any case.
 * @throws UsageError otherwise
 */
export function parseBool(flag: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === 'yes' || v === '1' || v === 'on') return true;
  if (v === 'false' || v === 'no' || v === '0' || v === 'off') return false;
  throw new UsageError(`invalid ${flag} "${value}": give true or false`);
}
