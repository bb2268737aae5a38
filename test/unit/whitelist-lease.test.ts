/**
 * The lease form of a shared access-list entry's comment (src/commands/whitelist/lease.ts):
 * what is written, what counts as ours, and what joining and leaving decide. The two-run
 * behaviour against the simulator is in test/e2e/shared-runs.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { formatLeaseComment, holds, joinLease, leaveLease, MAX_LEASES, MAX_NOTE, newLease, parseLeaseComment, type Lease } from '../../src/commands/whitelist/lease.js';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const MIN = 60_000;
const lease = (id: string, endMs: number): Lease => ({ id, endMinute: Math.ceil(endMs / MIN) });

describe('the lease comment', () => {
  it('reads back what it writes, in at most 80 characters (Atlas: NetworkPermissionEntry.comment maxLength 80)', () => {
    const c = { leases: [lease('k3f9', NOW + 3600_000), lease('a8b2', NOW + 7200_000)], overflow: false, note: 'CI job 1234' };
    const text = formatLeaseComment(c);
    expect(text).toMatch(/^atlascli exec k3f9[0-9a-z]{5} a8b2[0-9a-z]{5}; CI job 1234$/);
    expect(parseLeaseComment(text)).toEqual(c);
    const full = { leases: Array.from({ length: MAX_LEASES }, (_, i) => lease(`aaa${i}`, NOW + 3600_000)), overflow: true, note: 'x'.repeat(MAX_NOTE) };
    expect(MAX_LEASES).toBe(6);
    expect(formatLeaseComment(full).length).toBeLessThanOrEqual(80);
    // six leases and the mark take 75 characters: the note is cut to the 3 that are left
    expect(formatLeaseComment(full)).toHaveLength(80);
    expect(parseLeaseComment(formatLeaseComment(full))).toEqual({ ...full, note: 'xxx' });
    expect(formatLeaseComment({ leases: [lease('k3f9', NOW)], overflow: false, note: 'y'.repeat(MAX_NOTE) }).length).toBe(80);
  });

  it('a comment not in the lease form is not ours (an entry someone else made is left alone)', () => {
    for (const c of [undefined, '', 'office', 'atlascli whitelist exec (temporary)', 'atlascli exec', 'atlascli exec k3f9', 'x atlascli exec k3f9ur5tq']) {
      expect(parseLeaseComment(c), String(c)).toBeUndefined();
    }
  });

  it('a new lease has a 4-character id and ends on the minute at or after the run’s end', () => {
    const l = newLease(NOW + 3600_000 + 1);
    expect(l.id).toMatch(/^[0-9a-z]{4}$/);
    expect(l.endMinute * MIN).toBe(NOW + 3600_000 + MIN);
  });
});

describe('joining and leaving', () => {
  const me = lease('mmmm', NOW + 3600_000);
  const myEnd = NOW + 3600_000;

  it('the first run makes the entry with its lease, its note and its end as deleteAfterDate', () => {
    const j = joinLease(undefined, me, myEnd, 'CI', NOW);
    expect(j).toEqual({ lease: { leases: [me], overflow: false, note: 'CI' }, deleteAfter: myEnd });
    expect(holds(j.lease, j.deleteAfter, me, myEnd, NOW)).toBe(true);
  });

  it('a second run adds its lease, keeps the first run’s note and the later end; ended leases are dropped', () => {
    const other = lease('oooo', NOW + 7200_000);
    const dead = lease('dead', NOW - MIN);
    const j = joinLease({ lease: { leases: [dead, other], overflow: false, note: 'first' }, deleteAfter: NOW + 7200_000 }, me, myEnd, 'second', NOW);
    expect(j.lease).toEqual({ leases: [other, me], overflow: false, note: 'first' });
    expect(j.deleteAfter).toBe(NOW + 7200_000);
  });

  it('deleteAfterDate comes from the listed leases, not from a date a run that has left set (unless the entry is marked ` +`)', () => {
    const other = lease('oooo', NOW + 1800_000);
    const week = NOW + 6 * 24 * 3600_000;
    expect(joinLease({ lease: { leases: [other], overflow: false }, deleteAfter: week }, me, myEnd, undefined, NOW).deleteAfter).toBe(myEnd);
    expect(joinLease({ lease: { leases: [other], overflow: true }, deleteAfter: week }, me, myEnd, undefined, NOW).deleteAfter).toBe(week);
  });

  it('with six leases listed a seventh run marks the entry ` +` and extends deleteAfterDate instead', () => {
    const six = Array.from({ length: 6 }, (_, i) => lease(`ooo${i}`, NOW + 1800_000));
    const j = joinLease({ lease: { leases: six, overflow: false }, deleteAfter: NOW + 1800_000 }, me, myEnd, undefined, NOW);
    expect(j.lease.leases).toEqual(six);
    expect(j.lease.overflow).toBe(true);
    expect(j.deleteAfter).toBe(myEnd);
    expect(holds(j.lease, j.deleteAfter, me, myEnd, NOW)).toBe(true);
    expect(formatLeaseComment(j.lease)).toMatch(/ \+$/);
  });

  it('deleteAfterDate is never more than a week ahead (Atlas refuses it), less a minute for clocks', () => {
    const week = 7 * 24 * 3600_000;
    const j = joinLease(undefined, lease('mmmm', NOW + week), NOW + week, undefined, NOW);
    expect(j.deleteAfter).toBe(NOW + week - MIN);
    expect(holds(j.lease, j.deleteAfter, lease('mmmm', NOW + week), NOW + week, NOW)).toBe(true);
  });

  it('a lease lost to another run’s write, or a date cut short, does not hold', () => {
    const other = lease('oooo', NOW + 7200_000);
    expect(holds({ leases: [other], overflow: false }, NOW + 7200_000, me, myEnd, NOW)).toBe(false);
    expect(holds({ leases: [other, me], overflow: false }, NOW + 1800_000, me, myEnd, NOW)).toBe(false);
  });

  it('the last run out removes the entry; dead leases do not keep it', () => {
    expect(leaveLease({ lease: { leases: [me], overflow: false }, deleteAfter: myEnd }, me.id, NOW)).toEqual({ remove: true });
    expect(leaveLease({ lease: { leases: [lease('dead', NOW - MIN), me], overflow: false }, deleteAfter: myEnd }, me.id, NOW)).toEqual({ remove: true });
  });

  it('a run that leaves while others hold the entry takes its lease out and shortens deleteAfterDate to theirs', () => {
    const other = lease('oooo', NOW + 1800_000);
    expect(leaveLease({ lease: { leases: [other, me], overflow: false, note: 'n' }, deleteAfter: myEnd }, me.id, NOW)).toEqual({
      remove: false,
      lease: { leases: [other], overflow: false, note: 'n' },
      deleteAfter: NOW + 1800_000,
    });
  });

  it('an entry marked ` +` is never removed and keeps its date (the unlisted runs’ ends are unknown)', () => {
    const left = leaveLease({ lease: { leases: [me], overflow: true }, deleteAfter: NOW + 5 * 3600_000 }, me.id, NOW);
    expect(left).toEqual({ remove: false, lease: { leases: [], overflow: true }, deleteAfter: NOW + 5 * 3600_000 });
  });
});
