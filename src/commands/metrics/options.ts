/**
 * `metrics` options turned into a checked request window before anything is sent:
 * granularity, period or start/end (a default period when neither is given, so Atlas
 * never refuses for want of a window), and measurement names checked against the
 * spec's `m` enum of the endpoint.
 */
import { QUERY_VALUES_BEYOND_SPEC } from '../../spec/served.js';
import { UsageError } from '../../errors.js';
import { checkWindow, isoSeconds, parseDate, parseDuration } from '../../args/dates.js';
import { operation } from '../../spec/index.js';
import type { OperationId } from '../../spec/operation-types.js';
import { suggestionHint } from '../../args/suggest.js';

/** Granularities Atlas offers, with the period used when none is given (about 60 to 300 points). */
export const GRANULARITIES: Record<string, { seconds: number; defaultPeriod: string }> = {
  PT10S: { seconds: 10, defaultPeriod: 'PT1H' },
  PT1M: { seconds: 60, defaultPeriod: 'PT3H' },
  PT5M: { seconds: 300, defaultPeriod: 'PT24H' },
  PT30M: { seconds: 1800, defaultPeriod: 'P3D' },
  PT1H: { seconds: 3600, defaultPeriod: 'P7D' },
  P1D: { seconds: 86_400, defaultPeriod: 'P90D' },
};
export const DEFAULT_GRANULARITY = 'PT5M';

export interface WindowFlags {
  granularity?: string;
  period?: string;
  start?: string;
  end?: string;
}

/** The query parameters of a measurements request, without `m`. */
export interface WindowQuery {
  granularity: string;
  period?: string;
  start?: string;
  end?: string;
}

/**
 * Checks the window flags. Throws a UsageError (exit 2) for an unknown granularity,
 * an unparsable period or date, --period with --start/--end, end not after start, or a
 * window shorter than one granularity step. `now` is epoch ms.
 */
export function parseWindow(flags: WindowFlags, now = Date.now()): WindowQuery {
  const granularity = (flags.granularity ?? DEFAULT_GRANULARITY).trim().toUpperCase();
  const g = GRANULARITIES[granularity];
  if (!g) throw new UsageError(`invalid --granularity "${flags.granularity}"`, `use one of: ${Object.keys(GRANULARITIES).join(', ')}`);
  if (flags.period !== undefined && (flags.start !== undefined || flags.end !== undefined)) {
    throw new UsageError('give --period or --start/--end, not both');
  }
  if (flags.start !== undefined || flags.end !== undefined) {
    const end = flags.end === undefined ? new Date(now) : parseDate('--end', flags.end, { now });
    const start = flags.start === undefined ? new Date(end.getTime() - parseDuration('period', g.defaultPeriod).ms) : parseDate('--start', flags.start, { now });
    checkWindow('--start', start, '--end', end);
    checkSpan(end.getTime() - start.getTime(), granularity, g.seconds);
    return { granularity, start: isoSeconds(start), end: isoSeconds(end) };
  }
  const period = parseDuration('--period', flags.period ?? g.defaultPeriod);
  checkSpan(period.ms, granularity, g.seconds);
  return { granularity, period: period.iso };
}

function checkSpan(ms: number, granularity: string, seconds: number): void {
  if (ms < seconds * 1000)
    throw new UsageError(`the window is shorter than one --granularity step (${granularity})`, 'widen --period or --start/--end, or pick a finer --granularity');
}

/** The operations the metrics commands call. */
export type MeasurementsOperation = Extract<OperationId, 'getGroupProcessMeasurements' | 'getGroupProcessDatabaseMeasurements' | 'getGroupProcessDiskMeasurements'>;

/**
 * The measurement names an operation's `m` takes: the spec's enum, and the names Atlas
 * serves beyond it (src/spec/served.ts, from the recording of a real M10: SWAP_IO_IN…).
 */
export function metricNames(operationId: MeasurementsOperation): string[] {
  const spec = (operation(operationId)?.query?.m?.enum ?? []).map(String);
  return [...spec, ...(QUERY_VALUES_BEYOND_SPEC[operationId]?.m ?? []).filter((n) => !spec.includes(n))];
}

/**
 * `--metric` values, upper-cased and checked against the operation's names; an unknown
 * one is a UsageError suggesting the closest names.
 */
export function parseMetrics(values: readonly string[] | undefined, operationId: MeasurementsOperation): string[] | undefined {
  if (!values?.length) return undefined;
  const known = metricNames(operationId);
  const out: string[] = [];
  for (const raw of values.flatMap((v) => v.split(','))) {
    const name = raw.trim().toUpperCase();
    if (!name) continue;
    if (!known.includes(name)) throw new UsageError(`unknown --metric "${raw.trim()}"`, suggestionHint(name, known, 'metrics'));
    if (!out.includes(name)) out.push(name);
  }
  return out.length ? out : undefined;
}
