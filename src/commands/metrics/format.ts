/**
 * Measurements for people: statistics of a series, values in their units (bytes as
 * KiB/MiB/GiB through pretty-bytes, percents, rates, durations) and a sparkline.
 */
import prettyBytes from 'pretty-bytes';

export interface DataPoint {
  timestamp: string;
  value: number | null;
}

export interface Measurement {
  name: string;
  units?: string;
  dataPoints?: DataPoint[];
}

export interface Stats {
  min: number;
  max: number;
  mean: number;
  last: number;
  /** points with a value */
  count: number;
}

/** min, max, mean and last of the points that have a value; undefined when none has. */
export function stats(points: readonly DataPoint[] | undefined): Stats | undefined {
  const values = (points ?? []).map((p) => p.value).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (!values.length) return undefined;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min, max, mean: sum / values.length, last: values[values.length - 1]!, count: values.length };
}

function num(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 100) return Math.round(v).toLocaleString('en-US');
  if (a >= 1) return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return v.toLocaleString('en-US', { maximumSignificantDigits: 3 });
}

const bytes = (v: number) => prettyBytes(v, { binary: true, maximumFractionDigits: 1 });

/** A value in its Atlas unit, for people: `1.5 GiB`, `12.3%`, `4.1/s`, `2.5 ms`. Unknown units print the number and the unit. */
export function formatValue(v: number | null | undefined, units: string | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  switch (units) {
    case 'BYTES':
      return bytes(v);
    case 'KILOBYTES':
      return bytes(v * 1024);
    case 'MEGABYTES':
      return bytes(v * 1024 ** 2);
    case 'GIGABYTES':
      return bytes(v * 1024 ** 3);
    case 'BYTES_PER_SECOND':
      return `${bytes(v)}/s`;
    case 'MEGABYTES_PER_SECOND':
      return `${bytes(v * 1024 ** 2)}/s`;
    case 'GIGABYTES_PER_HOUR':
      return `${num(v)} GB/h`;
    case 'PERCENT':
      return `${num(v)}%`;
    case 'SCALAR_PER_SECOND':
      return `${num(v)}/s`;
    case 'SCALAR':
    case undefined:
      return num(v);
    case 'MILLISECONDS':
      return `${num(v)} ms`;
    case 'MICROSECONDS':
      return `${num(v)} µs`;
    case 'SECONDS':
      return `${num(v)} s`;
    default:
      return `${num(v)} ${units.toLowerCase()}`;
  }
}

const BARS = '▁▂▃▄▅▆▇█';

/**
 * The series as `width` block characters (▁…█), each the mean of its share of the
 * points, scaled from the series' min to max; a space where no point has a value.
 */
export function sparkline(points: readonly DataPoint[] | undefined, width = 24): string {
  const values = (points ?? []).map((p) => (typeof p.value === 'number' && Number.isFinite(p.value) ? p.value : null));
  if (!values.length) return '';
  const n = Math.min(width, values.length);
  const buckets: Array<number | null> = [];
  for (let b = 0; b < n; b++) {
    const slice = values.slice(Math.floor((b * values.length) / n), Math.floor(((b + 1) * values.length) / n)).filter((v): v is number => v !== null);
    buckets.push(slice.length ? slice.reduce((a, c) => a + c, 0) / slice.length : null);
  }
  const present = buckets.filter((v): v is number => v !== null);
  if (!present.length) return ' '.repeat(n);
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  return buckets.map((v) => (v === null ? ' ' : BARS[hi === lo ? 3 : Math.min(7, Math.floor(((v - lo) / (hi - lo)) * 8))])).join('');
}
