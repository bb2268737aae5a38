// Performance Advisor, per process (spec tag "Performance Advisor"):
//   listGroupProcessPerformanceAdvisorNamespaces      GET …/processes/{processId}/performanceAdvisor/namespaces
//   listGroupProcessPerformanceAdvisorSlowQueryLogs   GET …/performanceAdvisor/slowQueryLogs
//   listGroupProcessPerformanceAdvisorSuggestedIndexes GET …/performanceAdvisor/suggestedIndexes
//
// No recording shows these answers; shapes are the spec's (Namespaces,
// PerformanceAdvisorSlowQueryList, PerformanceAdvisorResponse) and the rules its parameter
// descriptions give:
// - the window: `since` (epoch ms) and `duration` (ms): neither → the 24 hours before now;
//   since alone → since … now; duration alone → the duration before now; both → since …
//   since + duration;
// - `namespaces` (repeated) filters slow queries and suggested indexes; `nLogs` caps the
//   lines (default and maximum 20000); `nExamples` (default 5) caps the example operations
//   of a shape, `nIndexes` the suggestions; includeMetrics / includeOpType /
//   includeReplicaState add `metrics` / `opType` / `replicaState`;
// - "If you specify a secondary member of a replica set that hasn't received any database
//   read operations, the endpoint doesn't return any namespaces": secondaries (and, a
//   guess, mongos and config servers) have no slow queries here; a primary has them;
// - namespaces: "up to 20".
// The slow queries are the simulator's own: a few query shapes on sample_mflix (the
// database every seeded process reports), each run at a fixed period with a phase per
// process, so any window holds the same operations whenever it is asked (time on the
// simulator's clock, never the number of reads), none before the cluster was created.
// The lines are mongod's structured "Slow query" log lines (id 51803, as `logs.ts` writes
// them). Guesses listed in the simulator README.
import { createHash } from 'node:crypto';
import type { HandlerTable } from '../context.js';
import { errors } from '../errors.js';
import { mix } from '../noise.js';
import type { Json } from '../model.js';
import { requireProcess, type SimProcess } from './processes.js';

const DAY_MS = 86_400_000;
const MAX_LOGS = 20_000;

interface Shape {
  key: string;
  namespace: string;
  opType: 'read' | 'write' | 'command';
  /** minutes between two runs */
  everyMin: number;
  planSummary: string;
  /** the command of run `r` (a pseudo-random number) */
  command: (r: number) => Json;
  /** the predicates of run `r`, as a PerformanceAdvisorOperationView shows them */
  predicates: (r: number) => Json[];
  docsExamined: (r: number) => number;
  keysExamined: (r: number) => number;
  nreturned: (r: number) => number;
  durationMillis: (r: number) => number;
  /** the index the Performance Advisor suggests for it, if any */
  index?: Array<Record<string, 1 | -1>>;
  avgObjSize?: number;
}

const oid = (r: number) => (r >>> 0).toString(16).padStart(8, '0').repeat(3);

/** The query shapes every primary runs (sample_mflix, the database of the seeded processes). */
export const SHAPES: readonly Shape[] = [
  {
    key: 'movies-year',
    namespace: 'sample_mflix.movies',
    opType: 'read',
    everyMin: 6,
    planSummary: 'COLLSCAN',
    command: (r) => ({ find: 'movies', filter: { year: 1950 + (r % 70) }, $db: 'sample_mflix' }),
    predicates: (r) => [{ find: { year: 1950 + (r % 70) } }],
    docsExamined: () => 21_349,
    keysExamined: () => 0,
    nreturned: (r) => 20 + (r % 300),
    durationMillis: (r) => 180 + (r % 420),
    index: [{ year: 1 }],
    avgObjSize: 1_493,
  },
  {
    key: 'comments-movie',
    namespace: 'sample_mflix.comments',
    opType: 'read',
    everyMin: 11,
    planSummary: 'COLLSCAN',
    command: (r) => ({ find: 'comments', filter: { movie_id: { $oid: oid(r) } }, sort: { date: -1 }, $db: 'sample_mflix' }),
    predicates: (r) => [{ find: { movie_id: { $oid: oid(r) } } }, { sort: { date: -1 } }],
    docsExamined: () => 41_079,
    keysExamined: () => 0,
    nreturned: (r) => 1 + (r % 40),
    durationMillis: (r) => 400 + (r % 900),
    index: [{ movie_id: 1 }, { date: -1 }],
    avgObjSize: 418,
  },
  {
    key: 'sessions-update',
    namespace: 'sample_mflix.sessions',
    opType: 'write',
    everyMin: 29,
    planSummary: 'COLLSCAN',
    command: (r) => ({ update: 'sessions', updates: [{ q: { user_id: `user-${r % 1000}` }, u: { $set: { jwt: '?' } } }], $db: 'sample_mflix' }),
    predicates: (r) => [{ update: { user_id: `user-${r % 1000}` } }],
    docsExamined: () => 8_112,
    keysExamined: () => 0,
    nreturned: () => 0,
    durationMillis: (r) => 120 + (r % 200),
    index: [{ user_id: 1 }],
    avgObjSize: 212,
  },
  {
    key: 'movies-genres',
    namespace: 'sample_mflix.movies',
    opType: 'read',
    everyMin: 17,
    planSummary: 'IXSCAN { genres: 1 }',
    command: (r) => ({
      aggregate: 'movies',
      pipeline: [{ $match: { genres: ['Drama', 'Comedy', 'Crime'][r % 3], rated: 'PG' } }, { $sort: { 'imdb.rating': -1 } }, { $limit: 20 }],
      $db: 'sample_mflix',
    }),
    predicates: (r) => [{ aggregate: { genres: ['Drama', 'Comedy', 'Crime'][r % 3], rated: 'PG' } }],
    docsExamined: (r) => 3_000 + (r % 2_000),
    keysExamined: (r) => 3_000 + (r % 2_000),
    nreturned: () => 20,
    durationMillis: (r) => 110 + (r % 160),
  },
];

function hash32(s: string): number {
  return createHash('sha256').update(s).digest().readUInt32BE(0);
}

/** A 24-hex id stable for `what` (shape and index ids). */
function idOf(what: string): string {
  return createHash('sha256').update(what).digest('hex').slice(0, 24);
}

/** One slow operation. */
export interface SlowOp {
  shape: Shape;
  /** epoch ms */
  at: number;
  r: number;
}

/** The window a request asks for, in epoch ms [from, to), as the spec's since/duration rules say. */
function windowOf(ctx: { query: URLSearchParams; state: { now(): number } }): { from: number; to: number } {
  const now = ctx.state.now();
  const num = (name: string) => {
    const v = ctx.query.get(name);
    if (v === null) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw errors.invalidQuery(name, `${name} must be a whole number of milliseconds`);
    return n;
  };
  const since = num('since');
  const duration = num('duration');
  if (since === undefined && duration === undefined) return { from: now - DAY_MS, to: now };
  if (since === undefined) return { from: now - duration!, to: now };
  if (duration === undefined) return { from: since, to: now };
  return { from: since, to: Math.min(now, since + duration) };
}

/** The slow operations of a process in [from, to), oldest first: none but on a primary that runs. */
export function slowOps(p: SimProcess, from: number, to: number): SlowOp[] {
  if (p.kind !== 'mongod' || !/PRIMARY$/.test(String(p.doc.typeName)) || /CONFIG/.test(String(p.doc.typeName))) return [];
  const created = Date.parse(p.cluster.doc.createDate);
  const start = Math.max(from, Number.isFinite(created) ? created : from);
  const ops: SlowOp[] = [];
  for (const shape of SHAPES) {
    const seed = hash32(`${p.id}/${shape.key}`);
    const period = shape.everyMin * 60_000;
    const phase = seed % period;
    for (let k = Math.ceil((start - phase) / period); phase + k * period < to; k++) {
      const at = phase + k * period + (mix(seed, k) % 1000);
      if (at >= start && at < to) ops.push({ shape, at, r: mix(seed ^ 0x5bd1e995, k) });
    }
  }
  return ops.sort((a, b) => a.at - b.at);
}

/** mongod's structured "Slow query" line for an operation. */
function lineOf(op: SlowOp): string {
  const { shape: s, r } = op;
  const attr = {
    type: 'command',
    ns: s.namespace,
    appName: 'atlascli-simulator-app',
    command: s.command(r),
    planSummary: s.planSummary,
    keysExamined: s.keysExamined(r),
    docsExamined: s.docsExamined(r),
    ...(s.opType === 'read' ? { cursorExhausted: true, nreturned: s.nreturned(r) } : { nMatched: 1, nModified: 1 }),
    numYields: Math.floor(s.docsExamined(r) / 1000),
    queryHash: idOf(s.key).slice(0, 8).toUpperCase(),
    reslen: 200 + (r % 40_000),
    protocol: 'op_msg',
    durationMillis: s.durationMillis(r),
  };
  const date = new Date(op.at).toISOString().replace('Z', '+00:00');
  return JSON.stringify({ t: { $date: date }, s: 'I', c: 'COMMAND', id: 51803, ctx: `conn${1000 + (r % 5000)}`, msg: 'Slow query', attr });
}

function namespacesFilter(q: URLSearchParams): Set<string> | undefined {
  const all = q.getAll('namespaces');
  return all.length ? new Set(all) : undefined;
}

function intParam(q: URLSearchParams, name: string, dflt: number | undefined, min: number, max: number): number | undefined {
  const v = q.get(name);
  if (v === null) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw errors.invalidQuery(name, `${name} must be a whole number from ${min} to ${max}`);
  return n;
}

export const performanceAdvisorHandlers: HandlerTable = {
  listGroupProcessPerformanceAdvisorNamespaces: (ctx) => {
    const p = requireProcess(ctx);
    const { from, to } = windowOf(ctx);
    const total = new Map<string, number>();
    for (const op of slowOps(p, from, to)) total.set(op.shape.namespace, (total.get(op.shape.namespace) ?? 0) + op.shape.durationMillis(op.r));
    // "up to 20 namespaces": the ones with the most slow time first (a guess at the order)
    const namespaces = [...total.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 20)
      .map(([namespace]) => ({ namespace, type: 'collection' }));
    return { body: { namespaces } };
  },

  listGroupProcessPerformanceAdvisorSlowQueryLogs: (ctx) => {
    const p = requireProcess(ctx);
    const { from, to } = windowOf(ctx);
    const only = namespacesFilter(ctx.query);
    const nLogs = intParam(ctx.query, 'nLogs', MAX_LOGS, 0, MAX_LOGS)!;
    const q = ctx.query;
    const metrics = q.get('includeMetrics') === 'true';
    const opType = q.get('includeOpType') === 'true';
    const replicaState = q.get('includeReplicaState') === 'true';
    const ops = slowOps(p, from, to).filter((op) => !only || only.has(op.shape.namespace));
    // the newest nLogs lines, oldest first (a guess at the order)
    const kept = ops.slice(Math.max(0, ops.length - nLogs));
    const slowQueries = kept.map((op) => {
      const s = op.shape;
      const doc: Json = { line: lineOf(op), namespace: s.namespace };
      if (metrics) {
        const docs = s.docsExamined(op.r);
        const ret = s.nreturned(op.r);
        const keys = s.keysExamined(op.r);
        doc.metrics = {
          docsExamined: docs,
          docsExaminedReturnedRatio: ret ? Math.round((docs / ret) * 100) / 100 : docs,
          docsReturned: ret,
          fromUserConnection: true,
          hasIndexCoverage: s.planSummary.startsWith('IXSCAN'),
          hasSort: JSON.stringify(s.command(op.r)).includes('"sort"') || JSON.stringify(s.command(op.r)).includes('$sort'),
          keysExamined: keys,
          keysExaminedReturnedRatio: ret ? Math.round((keys / ret) * 100) / 100 : keys,
          numYields: Math.floor(docs / 1000),
          operationExecutionTime: s.durationMillis(op.r),
          responseLength: 200 + (op.r % 40_000),
        };
      }
      if (opType) doc.opType = s.opType;
      if (replicaState) doc.replicaState = 'PRIMARY';
      return doc;
    });
    return { body: { slowQueries } };
  },

  listGroupProcessPerformanceAdvisorSuggestedIndexes: (ctx) => {
    const p = requireProcess(ctx);
    const { from, to } = windowOf(ctx);
    const only = namespacesFilter(ctx.query);
    const nExamples = intParam(ctx.query, 'nExamples', 5, 0, 1000)!;
    const nIndexes = intParam(ctx.query, 'nIndexes', undefined, 0, 1000);
    const byShape = new Map<Shape, SlowOp[]>();
    for (const op of slowOps(p, from, to)) {
      if (!op.shape.index || (only && !only.has(op.shape.namespace))) continue;
      byShape.set(op.shape, [...(byShape.get(op.shape) ?? []), op]);
    }
    const rows = [...byShape.entries()].map(([s, ops]) => {
      const count = ops.length;
      const totalMs = ops.reduce((n, op) => n + s.durationMillis(op.r), 0);
      const docs = ops.reduce((n, op) => n + s.docsExamined(op.r), 0);
      const ret = ops.reduce((n, op) => n + s.nreturned(op.r), 0);
      const shapeId = idOf(`${p.id}/shape/${s.key}`);
      return {
        weight: Math.round(totalMs * (1 - 1 / Math.max(1, docs / Math.max(1, ret)))),
        shape: {
          avgMs: Math.round(totalMs / count),
          count,
          id: shapeId,
          inefficiencyScore: Math.round(docs / Math.max(1, ret)),
          namespace: s.namespace,
          operations: ops
            .slice(-nExamples)
            .reverse()
            .map((op) => ({
              predicates: s.predicates(op.r),
              stats: { ms: s.durationMillis(op.r), nReturned: s.nreturned(op.r), nScanned: s.docsExamined(op.r), ts: Math.floor(op.at / 1000) },
            })),
        },
        index: { avgObjSize: s.avgObjSize!, id: idOf(`${p.id}/index/${s.key}`), impact: [shapeId], index: s.index!, namespace: s.namespace },
      };
    });
    rows.sort((a, b) => b.weight - a.weight || (a.shape.namespace < b.shape.namespace ? -1 : 1));
    const picked = nIndexes === undefined ? rows : rows.slice(0, nIndexes);
    return {
      body: {
        shapes: picked.map((r) => r.shape),
        suggestedIndexes: picked.map((r) => ({ ...r.index, weight: r.weight })),
      },
    };
  },
};
