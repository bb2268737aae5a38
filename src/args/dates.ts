/**
 * Dates and durations as users type them, checked before any request (a UsageError,
 * exit 2, otherwise):
 * - dates: ISO 8601 (`2026-11-01` is midnight UTC, `2026-11-01T10:00:00Z`,
 *   `2026-11-01T10:00+02:00`), parsed and checked on the calendar by date-fns's
 *   `parseISO` (`2026-02-31`, with or without a time, is refused, never rolled over to
 *   March); epoch seconds (`1712850826`, as the official CLI and Atlas take them); `now`;
 *   or a relative form (`2h`, `3d`, `PT90M`) counted back from now, or forward for flags
 *   that name a time to come (`--until`, `--delete-after`);
 * - durations: ISO 8601 (`PT1H`, `P1D`, `P1DT12H`) or the short forms `90s`, `30m`, `2h`, `3d`, `1w`.
 * ISO 8601 durations are parsed by `iso8601-duration`; only the short forms are our own.
 */
import { parseISO } from 'date-fns';
import { parse as parseIsoDuration, toSeconds } from 'iso8601-duration';
import { UsageError } from '../errors.js';

const SHORT = /^(\d+)\s*(s|sec|m|min|h|d|w)$/i;
const UNIT_MS: Record<string, number> = { s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
/** Epoch seconds: 9 to 11 digits (March 1973 to the year 5138). */
const EPOCH_SECONDS = /^\d{9,11}$/;
/** 12 digits or more: epoch milliseconds (or micro-), refused with a hint rather than read as a date in the far future. */
const EPOCH_FINER = /^\d{12,}$/;
/** A time after the date (`T10`, ` 10:00`): ISO 8601 with a time part. */
const HAS_TIME = /^[^T ]+[T ]\d/;
/** The time zone at the end of a time: `Z`, `+02`, `+0200`, `+02:00`. */
const HAS_ZONE = /(Z|[+-]\d{2}(:?\d{2})?)$/;

export interface Duration {
  /** Length in milliseconds. */
  ms: number;
  /** The same as an ISO 8601 duration (`PT2H`, `P1D`, `PT90S`), what Atlas takes. */
  iso: string;
}

/** `ms` as the shortest ISO 8601 duration of days, hours, minutes and seconds: 7_200_000 → `PT2H`. */
export function isoDuration(ms: number): string {
  let s = Math.round(ms / 1000);
  const days = Math.floor(s / 86_400);
  s -= days * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : days ? '' : 'T0S'}`;
}

function durationMs(value: string, reference: Date): number | undefined {
  const v = value.trim();
  const short = SHORT.exec(v);
  if (short) return Number(short[1]) * UNIT_MS[short[2]!.toLowerCase()]!;
  if (!/^P/i.test(v)) return undefined;
  try {
    return toSeconds(parseIsoDuration(v.toUpperCase()), reference) * 1000;
  } catch {
    return undefined;
  }
}

/**
 * A duration flag (`--ttl 2h`, `--period P1D`). Throws a UsageError for anything else,
 * and for a zero length.
 */
export function parseDuration(flag: string, value: string): Duration {
  const ms = durationMs(value, new Date());
  if (ms === undefined || !Number.isFinite(ms)) {
    throw new UsageError(`invalid ${flag} "${value}"`, 'give a duration such as 30m, 2h, 3d, 1w or an ISO 8601 duration such as PT1H or P1D');
  }
  if (ms <= 0) throw new UsageError(`invalid ${flag} "${value}": the duration must be longer than zero`);
  const v = value.trim();
  return { ms, iso: /^P/i.test(v) ? v.toUpperCase() : isoDuration(ms) };
}

export interface DateOptions {
  /** Epoch ms that relative forms count from (default: now). */
  now?: number;
  /** Relative forms count back (`--since 2h`: two hours ago, the default) or forward (`--until 2h`). */
  relative?: 'past' | 'future';
}

/**
 * A date flag (`--start 2h`, `--point-in-time 2026-11-01T10:00:00Z`, `--start
 * 1712850826`). Returns the instant.
 * @throws UsageError naming the flag and the accepted forms: a date that is not on the
 *   calendar (`2026-02-31`, also with a time and an offset), a date and time without a
 *   time zone (`2026-11-29T10:00`, with a hint naming the zone it lacks), epoch
 *   milliseconds, anything else that does not parse
 */
export function parseDate(flag: string, value: string, opts: DateOptions = {}): Date {
  const v = value.trim().toUpperCase();
  const now = opts.now ?? Date.now();
  if (v === 'NOW') return new Date(now);
  if (EPOCH_SECONDS.test(v)) return new Date(Number(v) * 1000);
  if (EPOCH_FINER.test(v)) {
    throw new UsageError(`invalid ${flag} "${value}": too many digits for epoch seconds`, `epoch milliseconds? give seconds: ${v.slice(0, -3)}`);
  }
  const ms = durationMs(v, new Date(now));
  if (ms !== undefined && Number.isFinite(ms)) return new Date(opts.relative === 'future' ? now + ms : now - ms);
  if (/^\d/.test(v) && !/^\d+$/.test(v)) {
    const hasTime = HAS_TIME.test(v);
    if (hasTime && !HAS_ZONE.test(v)) {
      const t = value.trim().replace(' ', 'T');
      throw new UsageError(`invalid ${flag} "${value}": a time needs a time zone`, `add Z for UTC (${t}Z) or an offset (${t}+02:00)`);
    }
    // a date alone is midnight UTC, not midnight where the command happens to run
    const d = parseISO(hasTime ? v : `${v}T00:00Z`);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new UsageError(
    `invalid ${flag} "${value}"`,
    `give an ISO 8601 date (2026-11-01, 2026-11-01T10:00:00Z), epoch seconds (1793527200) or a time ${opts.relative === 'future' ? 'from now' : 'ago'} such as 2h, 3d or PT30M`,
  );
}

/** Seconds since the epoch, as Atlas takes log windows and point-in-time restores. */
export function epochSeconds(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}

/** `2026-11-01T10:00:00Z`: ISO 8601 without milliseconds, as Atlas writes dates. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Refuses `end` before (or equal to) `start`, naming both flags. */
export function checkWindow(startFlag: string, start: Date, endFlag: string, end: Date): void {
  if (end.getTime() <= start.getTime()) {
    throw new UsageError(`${endFlag} (${isoSeconds(end)}) must be after ${startFlag} (${isoSeconds(start)})`);
  }
}
