/**
 * Define: `alert …` arguments → checked options and request bodies. Everything here
 * throws a UsageError (exit 2) before any request is sent.
 */
import { UsageError } from '../../errors.js';
import { isoSeconds, parseDate } from '../../args/dates.js';
import { suggestionHint } from '../../args/suggest.js';

/** The statuses `listGroupAlerts` filters on (its `status` query parameter). */
export const ALERT_STATUSES = ['OPEN', 'TRACKING', 'CLOSED'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** The spec's limit on `acknowledgementComment`, in characters. */
export const MAX_COMMENT = 200;
/** `--forever`: Atlas has no such flag; like the official CLI, acknowledge for a hundred years. */
export const FOREVER_YEARS = 100;

const HEX24 = /^[0-9a-f]{24}$/;

/** `--status open` → `OPEN`; anything else is refused with the closest status. */
export function parseStatus(value: string | undefined): AlertStatus | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toUpperCase();
  if ((ALERT_STATUSES as readonly string[]).includes(v)) return v as AlertStatus;
  throw new UsageError(`invalid --status "${value}"`, suggestionHint(v, ALERT_STATUSES, 'statuses'));
}

/** An alert id: 24 hexadecimal digits. */
export function checkAlertId(id: string | undefined): string {
  const v = (id ?? '').trim().toLowerCase();
  if (!HEX24.test(v)) throw new UsageError(`invalid alert id "${id ?? ''}"`, 'an alert id is 24 hexadecimal digits; `atlascli alert list` shows them');
  return v;
}

export interface AckFlags {
  until?: string;
  forever?: boolean;
  comment?: string;
}

/** The body of acknowledgeGroupAlert at version 2024-05-30 (schema AcknowledgeAlert). */
export interface AcknowledgeBody {
  acknowledgedUntil?: string;
  acknowledgementComment?: string;
  unacknowledgeAlert?: boolean;
}

/**
 * `ack <id> (--until <date> | --forever) [--comment <text>]` → the request body.
 * `--until` takes an ISO 8601 date or a time from now (`8h`, `2d`) and must be in the
 * future; `now` is epoch ms (tests pass their own).
 */
export function ackBody(flags: AckFlags, now = Date.now()): AcknowledgeBody {
  if (flags.until !== undefined && flags.forever) throw new UsageError('give --until <date> or --forever, not both');
  if (flags.until === undefined && !flags.forever) {
    throw new UsageError('say how long to acknowledge the alert', 'give --until <date> (2026-12-01, 8h, 3d) or --forever');
  }
  let until: Date;
  if (flags.forever) {
    until = new Date(now);
    until.setUTCFullYear(until.getUTCFullYear() + FOREVER_YEARS);
  } else {
    until = parseDate('--until', flags.until!, { now, relative: 'future' });
    if (until.getTime() <= now) {
      throw new UsageError(`--until (${isoSeconds(until)}) is not in the future`, 'give a date to come, such as 2026-12-01T09:00:00Z, or a time from now such as 8h or 3d');
    }
  }
  const body: AcknowledgeBody = { acknowledgedUntil: isoSeconds(until) };
  if (flags.comment !== undefined) body.acknowledgementComment = checkComment(flags.comment);
  return body;
}

function checkComment(comment: string): string {
  const length = [...comment].length;
  if (length > MAX_COMMENT) throw new UsageError(`--comment is ${length} characters long; Atlas takes at most ${MAX_COMMENT}`);
  if (comment.trim() === '') throw new UsageError('--comment is empty', 'leave it out, or say why the alert is acknowledged');
  return comment;
}

/** `unack <id>`: the 2024-05-30 body's own flag for it. */
export function unackBody(): AcknowledgeBody {
  return { unacknowledgeAlert: true };
}
