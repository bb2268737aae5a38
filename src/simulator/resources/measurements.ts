// Measurements of processes, databases and disk partitions: deterministic series that
// honour granularity, period or start/end, and `m` (one value per repeated parameter, as
// the spec says; a comma-joined list is refused). Shapes and units follow
// recorded/metrics (ApiMeasurementsGeneralViewAtlas: end, granularity, groupId, hostId,
// links, measurements[{dataPoints[{timestamp,value}], name, units}], processId, start).
// A value depends only on (process, metric, timestamp), so two requests over the same
// window answer the same numbers.
import { parse as parseIsoDuration, toSeconds } from 'iso8601-duration';
import { isoAt } from '../clock.js';
import { link, V2, type Ctx, type HandlerTable, type Reply } from '../context.js';
import { errors } from '../errors.js';
import { fnv1a } from '../noise.js';
import type { Json } from '../state.js';
import { NO_DATA_WITHOUT_SEARCH, NULL_ON_WIREDTIGER, QUERY_VALUES_BEYOND_SPEC, RECORDED_PROCESS_MEASUREMENTS } from '../../spec/served.js';
import { databasesOf, PROCESS_PARTITIONS, processErrors, requireProcess, type SimProcess } from './processes.js';

/** Granularities Atlas offers for measurements (PT30M is in recorded/metrics). */
export const GRANULARITIES = ['PT10S', 'PT1M', 'PT5M', 'PT30M', 'PT1H', 'P1D'];
/** A series longer than this is refused, so a typo cannot make the simulator build millions of points. */
export const MAX_POINTS = 50_000;

// Units per measurement as Atlas serves them (recorded/metrics; KILOBYTES, MEGABYTES and
// SECONDS appear there although the spec's enum lacks them). Names the recordings do not
// show were given the unit of their family.
const UNITS_BY_KIND: Record<string, string> = {
  SCALAR_PER_SECOND:
    'ASSERT_MSG ASSERT_REGULAR ASSERT_USER ASSERT_WARNING CONNECTIONS_ESTABLISHMENT_RATE_LIMIT_REJECTED CURSORS_TOTAL_TIMED_OUT DISK_PARTITION_IOPS_READ DISK_PARTITION_IOPS_TOTAL DISK_PARTITION_IOPS_WRITE DOCUMENT_METRICS_DELETED DOCUMENT_METRICS_INSERTED DOCUMENT_METRICS_RETURNED DOCUMENT_METRICS_UPDATED EXTRA_INFO_PAGE_FAULTS GLOBAL_ACCESSES_NOT_IN_MEMORY GLOBAL_PAGE_FAULT_EXCEPTIONS_THROWN INDEX_COUNTERS_BTREE_ACCESSES INDEX_COUNTERS_BTREE_HITS INDEX_COUNTERS_BTREE_MISSES MAX_DISK_PARTITION_IOPS_READ MAX_DISK_PARTITION_IOPS_TOTAL MAX_DISK_PARTITION_IOPS_WRITE MAX_SWAP_IO_IN MAX_SWAP_IO_OUT NETWORK_NUM_REQUESTS OPCOUNTER_CMD OPCOUNTER_DELETE OPCOUNTER_GETMORE OPCOUNTER_INSERT OPCOUNTER_QUERY OPCOUNTER_REPL_CMD OPCOUNTER_REPL_DELETE OPCOUNTER_REPL_INSERT OPCOUNTER_REPL_UPDATE OPCOUNTER_TTL_DELETED OPCOUNTER_UPDATE OPERATIONS_QUERIES_KILLED OPERATIONS_SCAN_AND_ORDER OPERATION_THROTTLING_REJECTED_OPERATIONS QUERY_EXECUTOR_SCANNED QUERY_EXECUTOR_SCANNED_OBJECTS QUERY_SPILL_TO_DISK_DURING_SORT SWAP_IO_IN SWAP_IO_OUT',
  BYTES_PER_SECOND:
    'CACHE_BYTES_READ_INTO CACHE_BYTES_WRITTEN_FROM DISK_PARTITION_THROUGHPUT_READ DISK_PARTITION_THROUGHPUT_WRITE MAX_SYSTEM_NETWORK_IN MAX_SYSTEM_NETWORK_OUT NETWORK_BYTES_IN NETWORK_BYTES_OUT SYSTEM_NETWORK_IN SYSTEM_NETWORK_OUT',
  BYTES:
    'CACHE_DIRTY_BYTES CACHE_USED_BYTES DATABASE_AVERAGE_OBJECT_SIZE DATABASE_DATA_SIZE DATABASE_INDEX_SIZE DATABASE_STORAGE_SIZE DB_DATA_SIZE_TOTAL DB_DATA_SIZE_TOTAL_WO_SYSTEM DB_INDEX_SIZE_TOTAL DB_STORAGE_TOTAL DISK_PARTITION_SPACE_FREE DISK_PARTITION_SPACE_USED FTS_DISK_USAGE FTS_DISK_UTILIZATION FTS_MEMORY_MAPPED FTS_MEMORY_RESIDENT FTS_MEMORY_VIRTUAL FTS_PROCESS_RESIDENT_MEMORY FTS_PROCESS_SHARED_MEMORY FTS_PROCESS_VIRTUAL_MEMORY MAX_DISK_PARTITION_SPACE_FREE MAX_DISK_PARTITION_SPACE_USED',
  PERCENT:
    'CACHE_FILL_RATIO DIRTY_FILL_RATIO DISK_PARTITION_SPACE_PERCENT_FREE DISK_PARTITION_SPACE_PERCENT_USED FTS_PROCESS_CPU_KERNEL FTS_PROCESS_CPU_USER FTS_PROCESS_NORMALIZED_CPU_KERNEL FTS_PROCESS_NORMALIZED_CPU_USER INDEX_COUNTERS_BTREE_MISS_RATIO MAX_DISK_PARTITION_SPACE_PERCENT_FREE MAX_DISK_PARTITION_SPACE_PERCENT_USED MAX_PROCESS_CPU_CHILDREN_KERNEL MAX_PROCESS_CPU_CHILDREN_USER MAX_PROCESS_CPU_KERNEL MAX_PROCESS_CPU_USER MAX_PROCESS_NORMALIZED_CPU_CHILDREN_KERNEL MAX_PROCESS_NORMALIZED_CPU_CHILDREN_USER MAX_PROCESS_NORMALIZED_CPU_KERNEL MAX_PROCESS_NORMALIZED_CPU_USER MAX_SYSTEM_CPU_GUEST MAX_SYSTEM_CPU_IOWAIT MAX_SYSTEM_CPU_IRQ MAX_SYSTEM_CPU_KERNEL MAX_SYSTEM_CPU_NICE MAX_SYSTEM_CPU_SOFTIRQ MAX_SYSTEM_CPU_STEAL MAX_SYSTEM_CPU_USER MAX_SYSTEM_NORMALIZED_CPU_GUEST MAX_SYSTEM_NORMALIZED_CPU_IOWAIT MAX_SYSTEM_NORMALIZED_CPU_IRQ MAX_SYSTEM_NORMALIZED_CPU_KERNEL MAX_SYSTEM_NORMALIZED_CPU_NICE MAX_SYSTEM_NORMALIZED_CPU_SOFTIRQ MAX_SYSTEM_NORMALIZED_CPU_STEAL MAX_SYSTEM_NORMALIZED_CPU_USER PROCESS_CPU_CHILDREN_KERNEL PROCESS_CPU_CHILDREN_USER PROCESS_CPU_KERNEL PROCESS_CPU_USER PROCESS_NORMALIZED_CPU_CHILDREN_KERNEL PROCESS_NORMALIZED_CPU_CHILDREN_USER PROCESS_NORMALIZED_CPU_KERNEL PROCESS_NORMALIZED_CPU_USER SYSTEM_CPU_GUEST SYSTEM_CPU_IOWAIT SYSTEM_CPU_IRQ SYSTEM_CPU_KERNEL SYSTEM_CPU_NICE SYSTEM_CPU_SOFTIRQ SYSTEM_CPU_STEAL SYSTEM_CPU_USER SYSTEM_NORMALIZED_CPU_GUEST SYSTEM_NORMALIZED_CPU_IOWAIT SYSTEM_NORMALIZED_CPU_IRQ SYSTEM_NORMALIZED_CPU_KERNEL SYSTEM_NORMALIZED_CPU_NICE SYSTEM_NORMALIZED_CPU_SOFTIRQ SYSTEM_NORMALIZED_CPU_STEAL SYSTEM_NORMALIZED_CPU_USER',
  SCALAR:
    'CONNECTIONS CURSORS_TOTAL_OPEN DATABASE_COLLECTION_COUNT DATABASE_EXTENT_COUNT DATABASE_INDEX_COUNT DATABASE_OBJECT_COUNT DATABASE_VIEW_COUNT DISK_QUEUE_DEPTH GLOBAL_LOCK_CURRENT_QUEUE_READERS GLOBAL_LOCK_CURRENT_QUEUE_TOTAL GLOBAL_LOCK_CURRENT_QUEUE_WRITERS JOURNALING_COMMITS_IN_WRITE_LOCK QUERY_TARGETING_SCANNED_OBJECTS_PER_RETURNED QUERY_TARGETING_SCANNED_PER_RETURNED RESTARTS_IN_LAST_HOUR TICKETS_AVAILABLE_READS TICKETS_AVAILABLE_WRITE',
  MEGABYTES: 'COMPUTED_MEMORY JOURNALING_MB JOURNALING_WRITE_DATA_FILES_MB MEMORY_MAPPED MEMORY_RESIDENT MEMORY_VIRTUAL',
  MILLISECONDS:
    'BACKGROUND_FLUSH_AVG DISK_PARTITION_LATENCY_READ DISK_PARTITION_LATENCY_WRITE MAX_DISK_PARTITION_LATENCY_READ MAX_DISK_PARTITION_LATENCY_WRITE OP_EXECUTION_TIME_COMMANDS OP_EXECUTION_TIME_READS OP_EXECUTION_TIME_WRITES',
  SECONDS: 'OPLOG_MASTER_LAG_TIME_DIFF OPLOG_MASTER_TIME OPLOG_REPLICATION_LAG OPLOG_REPLICATION_LAG_TIME OPLOG_SLAVE_LAG_MASTER_TIME',
  GIGABYTES_PER_HOUR: 'OPLOG_RATE_GB_PER_HOUR',
  KILOBYTES:
    'MAX_SWAP_USAGE_FREE MAX_SWAP_USAGE_USED MAX_SYSTEM_MEMORY_AVAILABLE MAX_SYSTEM_MEMORY_BUFFERS MAX_SYSTEM_MEMORY_CACHED MAX_SYSTEM_MEMORY_FREE MAX_SYSTEM_MEMORY_SHARED MAX_SYSTEM_MEMORY_USED SWAP_USAGE_FREE SWAP_USAGE_USED SYSTEM_MEMORY_AVAILABLE SYSTEM_MEMORY_BUFFERS SYSTEM_MEMORY_CACHED SYSTEM_MEMORY_FREE SYSTEM_MEMORY_SHARED SYSTEM_MEMORY_USED',
};

const UNITS = new Map<string, string>();
for (const [unit, names] of Object.entries(UNITS_BY_KIND)) for (const n of names.split(' ')) UNITS.set(n, unit);

export function unitOf(metric: string): string {
  return UNITS.get(metric) ?? 'SCALAR';
}

/** A fraction in [0, 1) from `a` and `b` (unlike noise.ts's `mix`, which the series served so far never used). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ b, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  return (h >>> 0) / 0x1_0000_0000;
}

const BASE: Record<string, [number, number]> = {
  PERCENT: [2, 60],
  BYTES: [1e6, 4e9],
  KILOBYTES: [1e5, 4e6],
  MEGABYTES: [100, 4000],
  BYTES_PER_SECOND: [1e3, 5e6],
  SCALAR_PER_SECOND: [0.1, 400],
  SCALAR: [1, 200],
  MILLISECONDS: [0.2, 20],
  SECONDS: [0.1, 5],
  GIGABYTES_PER_HOUR: [0.001, 2],
};

/** The value of `metric` on `source` at `t` (epoch seconds): a daily wave with some noise. */
export function seriesValue(source: string, metric: string, t: number): number {
  const seed = fnv1a(`${source}|${metric}`);
  const unit = unitOf(metric);
  const [lo, hi] = BASE[unit] ?? [1, 100];
  const base = lo + (hi - lo) * mix(seed, 1);
  const phase = mix(seed, 2) * 2 * Math.PI;
  const wave = 1 + 0.3 * Math.sin((2 * Math.PI * t) / 86_400 + phase);
  const noise = 1 + 0.2 * (mix(seed, t) - 0.5);
  const v = base * wave * noise;
  return unit === 'PERCENT' ? Math.min(100, v) : v;
}

function durationSeconds(name: string, v: string): number {
  try {
    const s = toSeconds(parseIsoDuration(v));
    if (Number.isFinite(s) && s > 0) return s;
  } catch {
    // fall through
  }
  throw errors.invalidQuery(name, `${v} is not an ISO 8601 duration`);
}

function dateMs(name: string, v: string): number {
  const t = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(t)) throw errors.invalidQuery(name, `${v} is not an ISO 8601 date and time`);
  return t;
}

export interface MeasurementWindow {
  granularity: string;
  granularitySec: number;
  startMs: number;
  endMs: number;
}

/**
 * The window of a measurements request. Atlas's rules: granularity is required and one
 * it offers; give `period`, or both `start` and `end` (not both forms); end after start.
 */
export function measurementWindow(ctx: Ctx): MeasurementWindow {
  const q = ctx.query;
  const granularity = q.get('granularity') ?? '';
  if (!GRANULARITIES.includes(granularity)) {
    throw errors.invalidQuery('granularity', `${granularity || '(none)'} is not a supported granularity; use one of ${GRANULARITIES.join(', ')}`);
  }
  const granularitySec = durationSeconds('granularity', granularity);
  const period = q.get('period');
  const start = q.get('start');
  const end = q.get('end');
  let startMs: number;
  let endMs: number;
  if (period !== null) {
    if (start !== null || end !== null) throw errors.invalidQuery('period', 'period cannot be combined with start and end');
    endMs = ctx.state.now();
    startMs = endMs - durationSeconds('period', period) * 1000;
  } else {
    if (start === null || end === null) throw errors.invalidQuery(start === null ? 'start' : 'end', 'give period, or both start and end');
    startMs = dateMs('start', start);
    endMs = dateMs('end', end);
    if (endMs <= startMs) throw errors.invalidQuery('end', 'end must be after start');
  }
  if ((endMs - startMs) / 1000 / granularitySec > MAX_POINTS) {
    throw errors.invalidQuery('granularity', `the window holds more than ${MAX_POINTS} data points at ${granularity}; use a coarser granularity or a shorter window`);
  }
  return { granularity, granularitySec, startMs, endMs };
}

/**
 * The `m` values asked for, each checked against what Atlas serves for the operation (the
 * spec's enum, and for a process the recorded names beyond it: spec/served.ts); when none
 * is given, what Atlas serves: for a process the 141 recorded names in Atlas's order (not
 * the spec's enum, which lists 17 names Atlas does not serve and lacks 19 it does).
 */
function metricsAsked(ctx: Ctx): string[] {
  const extra = QUERY_VALUES_BEYOND_SPEC[ctx.operationId]?.m ?? [];
  const allowed = [...(ctx.op.query?.m?.enum ?? []).map(String), ...extra];
  const asked = ctx.query.getAll('m');
  for (const m of asked) {
    if (m.includes(',')) throw errors.invalidQuery('m', `${m}: repeat the m parameter for each measurement`);
    if (!allowed.includes(m)) throw errors.invalidQuery('m', `${m} is not a measurement of this resource`);
  }
  if (asked.length) return [...new Set(asked)];
  return ctx.operationId === 'getGroupProcessMeasurements' ? [...RECORDED_PROCESS_MEASUREMENTS] : allowed;
}

/**
 * The series of each metric. Where Atlas has no data, so does the simulator (the recording
 * of a new M10 in spec/served.ts): FTS_* (no search node) answer no points, MEMORY_MAPPED
 * (WiredTiger) null values, and every point before the cluster was created is null.
 */
function measurements(source: string, metrics: string[], w: MeasurementWindow, createdMs: number): Json[] {
  const step = w.granularitySec;
  const first = Math.ceil(w.startMs / 1000 / step) * step;
  const last = Math.floor(w.endMs / 1000 / step) * step;
  return metrics.map((name) => {
    const dataPoints: Json[] = [];
    if (!NO_DATA_WITHOUT_SEARCH.test(name)) {
      const nullAlways = NULL_ON_WIREDTIGER.includes(name);
      for (let t = first; t <= last; t += step) {
        dataPoints.push({ timestamp: isoAt(t * 1000), value: nullAlways || t * 1000 < createdMs ? null : seriesValue(source, name, t) });
      }
    }
    return { dataPoints, name, units: unitOf(name) };
  });
}

function answer(ctx: Ctx, p: SimProcess, source: string, extra: Json): Reply {
  const w = measurementWindow(ctx);
  const metrics = metricsAsked(ctx);
  // Atlas links to its canonical path, with the colon of hostname:port as is
  const self = `${decodeURIComponent(ctx.pathname)}?${ctx.query.toString()}`;
  return {
    body: {
      ...extra,
      end: isoAt(w.endMs),
      granularity: w.granularity,
      groupId: p.doc.groupId,
      hostId: p.id,
      links: [link(ctx.base, self), link(ctx.base, `${V2}/groups/${p.doc.groupId}/processes/${p.id}`, 'https://cloud.mongodb.com/host')],
      measurements: measurements(source, metrics, w, createdMs(ctx, p)),
      processId: p.id,
      start: isoAt(w.startMs),
    },
  };
}

export const measurementHandlers: HandlerTable = {
  getGroupProcessMeasurements: (ctx) => {
    const p = requireProcess(ctx);
    return answer(ctx, p, p.id, {});
  },

  getGroupProcessDatabaseMeasurements: (ctx) => {
    const p = requireProcess(ctx);
    const db = ctx.params.databaseName;
    if (!databasesOf(p).includes(db)) throw processErrors.databaseNotFound(db, p.id);
    return answer(ctx, p, `${p.id}/${db}`, { databaseName: db });
  },

  getGroupProcessDiskMeasurements: (ctx) => {
    const p = requireProcess(ctx);
    const name = ctx.params.partitionName;
    if (!PROCESS_PARTITIONS.includes(name)) throw processErrors.partitionNotFound(name, p.id);
    return answer(ctx, p, `${p.id}/disk/${name}`, { partitionName: name });
  },
};

/** When the process's cluster was created (clock ms): Atlas has no data before it. */
function createdMs(_ctx: Ctx, p: SimProcess): number {
  const t = Date.parse(String(p.cluster.doc.createDate ?? ''));
  return Number.isNaN(t) ? 0 : t;
}
