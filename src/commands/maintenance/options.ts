/**
 * Define: `maintenance set` flags → the checked body of updateGroupMaintenanceWindow.
 * Everything here throws a UsageError (exit 2) before any request is sent.
 */
import { UsageError } from '../../errors.js';
import { suggestionHint } from '../../args/suggest.js';

import { DAYS } from './views.js';

export { DAYS, dayName } from './views.js';

/** `--day tuesday` (or `TUE`) → 3. Numbers are refused: Sunday is 0 in some tools and 1 in Atlas. */
export function parseDay(value: string): number {
  const v = value.trim().toUpperCase();
  const i = DAYS.findIndex((d) => d === v || (v.length >= 3 && d.startsWith(v)));
  if (i >= 0) return i + 1;
  const hint = /^\d+$/.test(v) ? `give the day by name: ${DAYS.join(', ')}` : suggestionHint(v, DAYS, 'days');
  throw new UsageError(`invalid --day "${value}"`, hint);
}

/** `--hour 4` → 4: a whole hour of the day, 0 to 23, in the window's time zone. */
export function parseHour(value: string): number {
  const v = value.trim();
  const n = Number(v);
  if (!/^\d{1,2}$/.test(v) || n > 23) throw new UsageError(`invalid --hour "${value}": give a whole hour from 0 to 23`);
  return n;
}

export interface SetFlags {
  day?: string;
  hour?: string;
  startAsap?: boolean;
  autoDefer?: boolean;
}

/** The body of updateGroupMaintenanceWindow (2023-01-01, schema GroupMaintenanceWindow). */
export interface WindowBody {
  dayOfWeek: number;
  hourOfDay: number;
  startASAP?: boolean;
  autoDeferOnceEnabled?: boolean;
}

/** `set --day <DAY> --hour <0-23> [--start-asap] [--auto-defer | --no-auto-defer]` → the body. */
export function windowBody(flags: SetFlags): WindowBody {
  const missing = [flags.day === undefined ? '--day' : undefined, flags.hour === undefined ? '--hour' : undefined].filter(Boolean);
  if (missing.length) {
    throw new UsageError(`missing ${missing.join(' and ')}`, 'e.g. atlascli maintenance set --day SUNDAY --hour 3');
  }
  const body: WindowBody = { dayOfWeek: parseDay(flags.day!), hourOfDay: parseHour(flags.hour!) };
  if (flags.startAsap) body.startASAP = true;
  if (flags.autoDefer !== undefined) body.autoDeferOnceEnabled = flags.autoDefer;
  return body;
}
