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

/** The body of updateGroupMaintenanceWindow (2023-01-01, schema GroupMaintenanceWindow, which requires dayOfWeek). */
export interface WindowBody {
  dayOfWeek: number;
  hourOfDay?: number;
  startASAP?: boolean;
  autoDeferOnceEnabled?: boolean;
}

/** What `set` changes: the day and hour when given, start ASAP, auto-defer. */
export type WindowChanges = Partial<WindowBody>;

/**
 * `set [--day <DAY>] [--hour <0-23>] [--start-asap] [--auto-defer | --no-auto-defer]` →
 * what changes. Each flag works alone (`set --auto-defer`); the day and hour not given
 * are kept (windowBody fills them from the window as it is).
 * @throws UsageError (exit 2) for a bad day or hour, or no flag at all
 */
export function windowChanges(flags: SetFlags): WindowChanges {
  const changes: WindowChanges = {};
  if (flags.day !== undefined) changes.dayOfWeek = parseDay(flags.day);
  if (flags.hour !== undefined) changes.hourOfDay = parseHour(flags.hour);
  if (flags.startAsap) changes.startASAP = true;
  if (flags.autoDefer !== undefined) changes.autoDeferOnceEnabled = flags.autoDefer;
  if (!Object.keys(changes).length) {
    throw new UsageError('nothing to change', 'give --day and --hour, --start-asap, --auto-defer or --no-auto-defer, e.g. atlascli maintenance set --day SUNDAY --hour 3');
  }
  return changes;
}

/** Whether windowBody needs the window as it is: the spec requires dayOfWeek in every body, and a day without an hour keeps the hour. */
export function needsCurrentWindow(changes: WindowChanges): boolean {
  return changes.dayOfWeek === undefined || changes.hourOfDay === undefined;
}

/**
 * The PATCH body: the changes, with the day and hour not given taken from `current` (the
 * window as getGroupMaintenanceWindow serves it), since the spec requires dayOfWeek.
 * @throws UsageError when a day is needed and the project has none of its own yet
 */
export function windowBody(changes: WindowChanges, current?: { dayOfWeek?: unknown; hourOfDay?: unknown }): WindowBody {
  const day = changes.dayOfWeek ?? current?.dayOfWeek;
  if (typeof day !== 'number' || day < 1 || day > 7) {
    throw new UsageError('the project has no maintenance window yet: give --day and --hour with this change', 'e.g. atlascli maintenance set --day SUNDAY --hour 3 --auto-defer');
  }
  const body: WindowBody = { dayOfWeek: day };
  const hour = changes.hourOfDay ?? current?.hourOfDay;
  if (typeof hour === 'number') body.hourOfDay = hour;
  if (changes.startASAP !== undefined) body.startASAP = changes.startASAP;
  if (changes.autoDeferOnceEnabled !== undefined) body.autoDeferOnceEnabled = changes.autoDeferOnceEnabled;
  return body;
}
