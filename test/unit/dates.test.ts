import { describe, expect, it } from 'vitest';
import { checkWindow, epochSeconds, isoDuration, isoSeconds, parseDate, parseDuration } from '../../src/args/dates.js';
import { closestNames } from '../../src/args/suggest.js';
import { usage } from '../helpers/expect.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');

describe('parseDate', () => {
  it('takes ISO 8601 dates and times; a plain date is midnight UTC', () => {
    expect(parseDate('--start', '2026-11-01').toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseDate('--start', '2026-11-01T10:00:00Z').toISOString()).toBe('2026-11-01T10:00:00.000Z');
    expect(parseDate('--start', '2026-11-01T10:00+02:00').toISOString()).toBe('2026-11-01T08:00:00.000Z');
  });

  it('counts relative forms back from now, or forward for times to come', () => {
    expect(isoSeconds(parseDate('--since', '2h', { now: NOW }))).toBe('2026-11-30T10:00:00Z');
    expect(isoSeconds(parseDate('--since', '3d', { now: NOW }))).toBe('2026-11-27T12:00:00Z');
    expect(isoSeconds(parseDate('--since', 'PT30M', { now: NOW }))).toBe('2026-11-30T11:30:00Z');
    expect(isoSeconds(parseDate('--until', '1w', { now: NOW, relative: 'future' }))).toBe('2026-12-07T12:00:00Z');
    expect(parseDate('--end', 'now', { now: NOW }).getTime()).toBe(NOW);
  });

  it.each(['yesterday', '2026-13-01', '2026-02-31', '11/01/2026', '2h ago later', ''])('refuses %j with the accepted forms', (v) => {
    expect(() => parseDate('--start', v)).toThrow(/invalid --start/);
  });

  it.each(['2026-11-29T10:00', '2026-11-29T10:00:00', '2026-11-29 10:00:00.5'])('refuses %j, a time without a zone, with a hint naming the zone it needs', (v) => {
    let err: { message: string; hint?: string } | undefined;
    try {
      parseDate('--start', v);
    } catch (e) {
      err = e as { message: string; hint?: string };
    }
    expect(err?.message).toBe(`invalid --start "${v}": a time needs a time zone`);
    expect(err?.hint).toBe(`add Z for UTC (${v.replace(' ', 'T')}Z) or an offset (${v.replace(' ', 'T')}+02:00)`);
    // the form the hint suggests is taken
    expect(
      parseDate('--start', `${v.replace(' ', 'T')}Z`)
        .toISOString()
        .slice(0, 16),
    ).toBe('2026-11-29T10:00');
  });

  it('checks a date on the calendar with or without a time and an offset (date-fns parseISO): 2026-02-31 is refused, not 3 March', () => {
    for (const v of ['2026-02-31', '2026-02-31T10:00:00Z', '2026-02-31T10:00:00+02:00', '2026-02-29T00:00Z', '2026-04-31T23:00-05:00', '2026-11-01T25:00Z']) {
      expect(() => parseDate('--start', v), v).toThrow(/invalid --start/);
    }
    expect(parseDate('--start', '2028-02-29T10:00:00+02:00').toISOString()).toBe('2028-02-29T08:00:00.000Z');
    expect(parseDate('--start', '2026-11-01t10:00z').toISOString()).toBe('2026-11-01T10:00:00.000Z');
  });

  it('takes epoch seconds wherever a date is (the official CLI does): 1712850826 is 2024-04-11T15:53:46Z', () => {
    expect(parseDate('--start', '1712850826').toISOString()).toBe('2024-04-11T15:53:46.000Z');
    expect(parseDate('--until', ' 1793527200 ', { relative: 'future' }).toISOString()).toBe('2026-11-01T10:00:00.000Z');
    const ms = usage(() => parseDate('--start', '1712850826000'));
    expect(ms.message).toBe('invalid --start "1712850826000": too many digits for epoch seconds');
    expect(ms.hint).toBe('epoch milliseconds? give seconds: 1712850826');
    // a year alone or ISO's basic form is not taken for seconds since 1970
    expect(() => parseDate('--start', '2026')).toThrow(/invalid --start "2026"/);
    expect(() => parseDate('--start', '20261101')).toThrow(/invalid --start "20261101"/);
  });

  it('epoch seconds, as Atlas takes log windows: 2026-11-01T10:00:00Z is 1793527200', () => {
    expect(epochSeconds(parseDate('--start', '2026-11-01T10:00:00Z'))).toBe(1793527200);
  });

  it('an end before its start is refused', () => {
    expect(() => checkWindow('--start', new Date(NOW), '--end', new Date(NOW - 1000))).toThrow(/--end .* must be after --start/);
  });
});

describe('parseDuration', () => {
  it('takes short forms and ISO 8601', () => {
    expect(parseDuration('--ttl', '2h')).toEqual({ ms: 7_200_000, iso: 'PT2H' });
    expect(parseDuration('--ttl', '90m')).toEqual({ ms: 5_400_000, iso: 'PT1H30M' });
    expect(parseDuration('--period', 'P1D')).toEqual({ ms: 86_400_000, iso: 'P1D' });
    expect(parseDuration('--period', 'pt10s')).toEqual({ ms: 10_000, iso: 'PT10S' });
  });
  it.each(['2', 'h', 'PT', '0h', '-2h', 'two hours'])('refuses %j', (v) => {
    expect(() => parseDuration('--ttl', v)).toThrow(/--ttl/);
  });
  it('isoDuration', () => {
    expect(isoDuration(93_784_000)).toBe('P1DT2H3M4S');
    expect(isoDuration(0)).toBe('PT0S');
  });
});

describe('closestNames', () => {
  const names = ['CONNECTIONS', 'OPCOUNTER_CMD', 'OPCOUNTER_QUERY', 'SYSTEM_NORMALIZED_CPU_USER', 'DISK_PARTITION_IOPS_READ'];
  it('suggests the closest, closest first', () => {
    expect(closestNames('CONECTIONS', names)).toEqual(['CONNECTIONS']);
    expect(closestNames('opcounter_qury', names)[0]).toBe('OPCOUNTER_QUERY');
    expect(closestNames('CPU_USER', names)).toEqual(['SYSTEM_NORMALIZED_CPU_USER']);
    expect(closestNames('ZZZZZZZZ', names)).toEqual([]);
  });
});
