import { describe, expect, it } from 'vitest';
import { formatValue, sparkline, stats } from '../../src/commands/metrics/format.js';
import { parseMetrics, parseWindow } from '../../src/commands/metrics/options.js';
import { usage } from '../helpers/expect.js';

const NOW = Date.parse('2026-11-01T12:00:00Z');

describe('metrics window', () => {
  it('supplies the default period of the granularity when no window is given', () => {
    expect(parseWindow({}, NOW)).toEqual({ granularity: 'PT5M', period: 'PT24H' });
    expect(parseWindow({ granularity: 'p1d' }, NOW)).toEqual({ granularity: 'P1D', period: 'P90D' });
    expect(parseWindow({ period: '2h' }, NOW)).toEqual({ granularity: 'PT5M', period: 'PT2H' });
  });
  it('turns --start/--end (relative too) into ISO timestamps; --start alone ends now', () => {
    expect(parseWindow({ start: '2h' }, NOW)).toEqual({ granularity: 'PT5M', start: '2026-11-01T10:00:00Z', end: '2026-11-01T12:00:00Z' });
    expect(parseWindow({ end: '2026-11-01T06:00:00Z', granularity: 'PT1H' }, NOW)).toEqual({ granularity: 'PT1H', start: '2026-10-25T06:00:00Z', end: '2026-11-01T06:00:00Z' });
  });
  it('refuses bad windows', () => {
    usage(() => parseWindow({ granularity: 'PT2M' }, NOW));
    usage(() => parseWindow({ period: 'P1D', start: '2h' }, NOW));
    usage(() => parseWindow({ start: '1h', end: '2h' }, NOW));
    usage(() => parseWindow({ period: 'PT30S' }, NOW));
    usage(() => parseWindow({ start: 'tomorrow' }, NOW));
  });
});

describe('metric names', () => {
  it('are checked against the spec enum of the endpoint, with suggestions', () => {
    expect(parseMetrics(['connections', 'PROCESS_CPU_USER,CONNECTIONS'], 'getGroupProcessMeasurements')).toEqual(['CONNECTIONS', 'PROCESS_CPU_USER']);
    expect(usage(() => parseMetrics(['CONECTIONS'], 'getGroupProcessMeasurements')).hint).toMatch(/CONNECTIONS/);
    usage(() => parseMetrics(['CONNECTIONS'], 'getGroupProcessDiskMeasurements'));
    expect(parseMetrics(undefined, 'getGroupProcessMeasurements')).toBeUndefined();
  });
});

describe('formatting', () => {
  it('shows values in their units', () => {
    expect(formatValue(1536, 'BYTES')).toBe('1.5 KiB');
    expect(formatValue(2048, 'KILOBYTES')).toBe('2 MiB');
    expect(formatValue(3, 'MEGABYTES')).toBe('3 MiB');
    expect(formatValue(1048576, 'BYTES_PER_SECOND')).toBe('1 MiB/s');
    expect(formatValue(12.345, 'PERCENT')).toBe('12.35%');
    expect(formatValue(4.1, 'SCALAR_PER_SECOND')).toBe('4.1/s');
    expect(formatValue(2.5, 'MILLISECONDS')).toBe('2.5 ms');
    expect(formatValue(0.00398, 'SCALAR')).toBe('0.00398');
    expect(formatValue(12345.6, 'SCALAR')).toBe('12,346');
    expect(formatValue(null, 'BYTES')).toBe('');
    expect(formatValue(2, 'FURLONGS')).toBe('2 furlongs');
  });
  it('computes min, max, mean and last over the points that have a value', () => {
    const pts = [1, null, 3, 2].map((value, i) => ({ timestamp: String(i), value }));
    expect(stats(pts)).toEqual({ min: 1, max: 3, mean: 2, last: 2, count: 3 });
    expect(stats([{ timestamp: 'x', value: null }])).toBeUndefined();
  });
  it('draws a sparkline from min to max, a space where there is no value', () => {
    const pts = [0, 1, 2, 3, 4, 5, 6, 7, null].map((value, i) => ({ timestamp: String(i), value }));
    expect(sparkline(pts, 9)).toBe('▁▂▃▄▅▆▇█ ');
    expect(sparkline(pts.slice(0, 8), 4)).toBe('▁▃▆█');
  });
});
