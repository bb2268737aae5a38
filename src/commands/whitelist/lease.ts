/**
 * Leases on a shared access-list entry, written in the entry's comment.
 *
 * Parallel CI jobs behind one NAT address all need the same entry. Each `whitelist exec`
 * run records a lease in the entry's comment, and the entry's `deleteAfterDate` covers
 * the latest lease: the last run out removes the entry, a run that leaves while others
 * hold it only takes its lease out. The comment reads
 *
 *     atlascli exec k3f9ur5tq a8b2ur5u1; CI job 1234
 *
 * one lease per run: 4 characters of id and the minute the run's TTL ends (minutes since
 * the epoch, base 36, 5 characters); then, after `; `, the note of the run that made the
 * entry (`--comment`), cut to what room is left. Atlas keeps 80 characters of comment, so
 * at most 6 leases fit; a run that finds no room marks the entry ` +` ("more runs than
 * listed") and only extends `deleteAfterDate`: nobody removes a marked entry, and Atlas
 * deletes it when the latest TTL ends. A lease whose minute has passed is a run that died
 * without leaving (kill -9): it is dropped at the next write.
 *
 * An entry whose comment is not in this form was not made by `whitelist exec`: it is
 * never changed or removed.
 */
import { randomInt } from 'node:crypto';
import { MAX_COMMENT, MAX_EXPIRY_MS } from './input.js';

export const LEASE_PREFIX = 'atlascli exec';
const ID_LENGTH = 4;
const END_LENGTH = 5;
const OVERFLOW = ' +';
const NOTE_SEPARATOR = '; ';
/** At most this many leases are listed: the prefix, the leases and the overflow mark fit in 80 characters. */
export const MAX_LEASES = Math.floor((MAX_COMMENT - LEASE_PREFIX.length - OVERFLOW.length) / (1 + ID_LENGTH + END_LENGTH));
/** The longest `--comment` of `whitelist exec`: what is left beside the prefix and one lease. */
export const MAX_NOTE = MAX_COMMENT - LEASE_PREFIX.length - (1 + ID_LENGTH + END_LENGTH) - NOTE_SEPARATOR.length;
const MINUTE_MS = 60_000;

/** One run's claim on the entry: its id and the minute (since the epoch) its TTL ends. */
export interface Lease {
  id: string;
  endMinute: number;
}

/** A comment in the lease form. */
export interface LeaseComment {
  leases: Lease[];
  /** Runs that found no room hold the entry too (` +`): it is never removed, only left to expire. */
  overflow: boolean;
  note?: string;
}

const PATTERN = new RegExp(`^${LEASE_PREFIX}((?: [0-9a-z]{${ID_LENGTH + END_LENGTH}})*)( \\+)?(?:${NOTE_SEPARATOR}([^]*))?$`);

/** A new lease for a run whose entry must last until `endMs` (epoch ms): a random id, the end rounded up to the minute. */
export function newLease(endMs: number): Lease {
  const id = randomInt(36 ** ID_LENGTH)
    .toString(36)
    .padStart(ID_LENGTH, '0');
  return { id, endMinute: Math.ceil(endMs / MINUTE_MS) };
}

/** The comment's leases, or undefined when it is not in the lease form (an entry someone else made). */
export function parseLeaseComment(comment: string | undefined): LeaseComment | undefined {
  const m = PATTERN.exec(comment ?? '');
  if (!m) return undefined;
  const leases = (m[1] ?? '')
    .split(' ')
    .filter(Boolean)
    .map((t) => ({ id: t.slice(0, ID_LENGTH), endMinute: parseInt(t.slice(ID_LENGTH), 36) }));
  const overflow = m[2] !== undefined;
  // the form always holds a lease or the mark: a bare "atlascli exec" is someone's own words
  if (!leases.length && !overflow) return undefined;
  return { leases, overflow, ...(m[3] ? { note: m[3] } : {}) };
}

/** The comment for `c`: at most 80 characters, the note cut to fit (or left out). */
export function formatLeaseComment(c: LeaseComment): string {
  const leases = c.leases.slice(0, MAX_LEASES).map((l) => ` ${l.id}${l.endMinute.toString(36).padStart(END_LENGTH, '0')}`);
  const base = `${LEASE_PREFIX}${leases.join('')}${c.overflow || c.leases.length > MAX_LEASES ? OVERFLOW : ''}`;
  const room = MAX_COMMENT - base.length - NOTE_SEPARATOR.length;
  if (!c.note || room < 1) return base;
  return `${base}${NOTE_SEPARATOR}${[...c.note].slice(0, room).join('')}`;
}

/** The latest deleteAfterDate Atlas takes from a request sent at `now`: a week, less a minute for clocks that differ. */
export const latestExpiry = (now: number): number => now + MAX_EXPIRY_MS - MINUTE_MS;

/** Epoch ms at which a lease ends. */
export const leaseEnd = (l: Lease): number => l.endMinute * MINUTE_MS;

/**
 * Whether an entry whose comment is `c` and whose deleteAfterDate is `deleteAfter`
 * (epoch ms) keeps it for `me` until `endMs`: its lease is listed (or the entry is marked
 * ` +`) and the date is no earlier than that end, or the latest date Atlas takes now,
 * less a minute (dates are kept to the second and clamped a minute short of a week).
 */
export function holds(c: LeaseComment, deleteAfter: number | undefined, me: Lease, endMs: number, now: number): boolean {
  const listed = c.overflow || c.leases.some((l) => l.id === me.id && l.endMinute >= me.endMinute);
  return listed && (deleteAfter ?? 0) >= Math.min(endMs, latestExpiry(now)) - MINUTE_MS;
}

/**
 * The entry once `me` joins: `current` (undefined: no entry yet) without the leases that
 * have ended and with `me` (or the overflow mark when 6 others are listed); the note of
 * the run that made the entry is kept. `deleteAfter` (epoch ms) is the latest of the
 * other live leases' ends and `endMs` (this run's, to the second), and of the entry's
 * own date when it is marked ` +`; at most a week ahead.
 */
export function joinLease(
  current: { lease: LeaseComment; deleteAfter?: number } | undefined,
  me: Lease,
  endMs: number,
  note: string | undefined,
  now: number,
): { lease: LeaseComment; deleteAfter: number } {
  const others = (current?.lease.leases ?? []).filter((l) => l.id !== me.id && leaseEnd(l) > now);
  const room = others.length < MAX_LEASES;
  const lease: LeaseComment = {
    leases: room ? [...others, me] : others,
    overflow: (current?.lease.overflow ?? false) || !room,
    ...(current ? (current.lease.note ? { note: current.lease.note } : {}) : note ? { note } : {}),
  };
  // with the mark, the unlisted runs' ends are known only from the entry's own date
  const unlisted = lease.overflow ? (current?.deleteAfter ?? 0) : 0;
  const deleteAfter = Math.min(latestExpiry(now), Math.max(unlisted, ...others.map(leaseEnd), endMs));
  return { lease, deleteAfter };
}

/**
 * What is left when `meId` leaves: `remove` when no other live lease holds the entry
 * and it is not marked ` +`; else the comment without `me` (and without ended leases)
 * and a deleteAfterDate that is the latest remaining lease's end (the entry's own when
 * marked ` +`: the unlisted runs' ends are unknown).
 */
export function leaveLease(
  current: { lease: LeaseComment; deleteAfter?: number },
  meId: string,
  now: number,
): { remove: true } | { remove: false; lease: LeaseComment; deleteAfter: number | undefined } {
  const others = current.lease.leases.filter((l) => l.id !== meId && leaseEnd(l) > now);
  if (!others.length && !current.lease.overflow) return { remove: true };
  const lease: LeaseComment = { ...current.lease, leases: others };
  const deleteAfter = current.lease.overflow ? current.deleteAfter : Math.min(latestExpiry(now), Math.max(...others.map(leaseEnd)));
  return { remove: false, lease, deleteAfter };
}
