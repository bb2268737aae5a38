/**
 * Run step of `atlascli performance …` (alias `advisor`): the Performance Advisor of one
 * process. Operations (spec tag "Performance Advisor"):
 * listGroupProcessPerformanceAdvisorNamespaces, listGroupProcessPerformanceAdvisorSlowQueryLogs,
 * listGroupProcessPerformanceAdvisorSuggestedIndexes. `-o json` prints each answer as
 * served; tables are made from it here.
 */
import type { Context } from '../../program/context.js';
import type { RequestSpec } from '../../atlas/client.js';
import { checkWindow, isoSeconds, parseDate } from '../../args/dates.js';
import { parseNamespace, parseProcessId } from '../../args/names.js';
import { UsageError } from '../../errors.js';
import type { View } from '../../output/render.js';
import { INDEX_VIEW, NAMESPACE_VIEW, SHAPE_VIEW } from './views.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API documents
type Json = Record<string, any>;

/** The earliest `since` the spec allows (its `minimum`, epoch ms: 2008-01-01T00:00:00Z). */
export const EARLIEST_SINCE_MS = 1_199_145_600_000;

interface WindowFlags {
  since?: string;
  until?: string;
}

/**
 * --since/--until as Atlas takes them: `since` in epoch ms, and `duration` (ms) for an end
 * before now. Neither: Atlas's default, the last 24 hours.
 * @throws UsageError: a date that does not parse, --until without --since, a start in the
 *   future or before 2008 (the spec's minimum), an end not after the start
 */
export function parseAdvisorWindow(flags: WindowFlags, now = Date.now()): { since?: number; duration?: number } {
  if (flags.until !== undefined && flags.since === undefined) throw new UsageError('--until needs --since', 'give the start of the window too, e.g. --since 2h --until 1h');
  if (flags.since === undefined) return {};
  const since = parseDate('--since', flags.since, { now });
  if (since.getTime() > now) throw new UsageError(`--since is in the future (${isoSeconds(since)})`, 'give a start in the past, such as 2h or 2026-11-01T10:00:00Z');
  if (since.getTime() < EARLIEST_SINCE_MS) throw new UsageError(`--since is before 2008-01-01 (${isoSeconds(since)}): Atlas keeps no data that old`);
  if (flags.until === undefined) return { since: since.getTime() };
  const until = parseDate('--until', flags.until, { now });
  checkWindow('--since', since, '--until', until);
  return { since: since.getTime(), duration: until.getTime() - since.getTime() };
}

function processPath(ctx: Context, hostPort: string | undefined) {
  return { groupId: ctx.projectId(), processId: parseProcessId(hostPort!) };
}

/** json, jsonl and --query show the answer as served; table, csv and value the rows made here (--fields picks their columns). */
function render(ctx: Context, served: Json, rows: () => Json[], view: View): void {
  if (ctx.output === 'json' || ctx.output === 'jsonl' || ctx.query) return ctx.renderer.object(served, view);
  ctx.renderer.list(rows(), view);
}

/** The query of slow-queries and suggested-indexes: the window, and each --namespace checked (`namespaces`, repeated). */
function windowAndNamespaces(ctx: Context, opts: WindowFlags & { namespace?: string[] }): Json {
  const window = parseAdvisorWindow(opts, (ctx.io.now ?? Date.now)());
  const ns = (opts.namespace ?? []).map((n) => parseNamespace('--namespace', n));
  return { ...window, ...(ns.length ? { namespaces: ns } : {}) };
}

async function get(ctx: Context, spec: RequestSpec): Promise<Json> {
  const client = await ctx.client();
  return (await client.request<Json>(spec)) ?? {};
}

export async function namespaces(ctx: Context, [hostPort]: string[], opts: WindowFlags): Promise<void> {
  const pathParams = processPath(ctx, hostPort);
  const window = parseAdvisorWindow(opts, (ctx.io.now ?? Date.now)());
  const doc = await get(ctx, { operationId: 'listGroupProcessPerformanceAdvisorNamespaces', pathParams, query: window });
  render(ctx, doc, () => (Array.isArray(doc.namespaces) ? doc.namespaces : []), NAMESPACE_VIEW);
}

/** One query shape of the slow query log: what the table shows. */
export interface ShapeRow {
  namespace: string;
  /** `find {year} sort {date}`, `aggregate [$match {genres, rated}, $sort]`, `update {user_id}` */
  shape: string;
  plan: string;
  count: number;
  totalMs: number;
  avgMs: number;
  maxMs: number;
  /** mean documents examined per run */
  docsExamined: number;
  /** mean documents returned per run */
  returned: number;
}

const keysOf = (o: unknown): string => (o && typeof o === 'object' && !Array.isArray(o) ? `{${Object.keys(o).join(', ')}}` : '{}');

/**
 * The shape of a command as MongoDB logs it (`attr.command`): its kind (the first key) and
 * the field names it filters, sorts or groups on, values dropped, so that runs that differ
 * only in their values are one shape.
 */
export function shapeOf(command: unknown): string {
  if (!command || typeof command !== 'object') return '(unknown)';
  const c = command as Json;
  const kind = Object.keys(c).find((k) => !k.startsWith('$') && k !== 'lsid') ?? '(unknown)';
  const parts = [kind];
  const first = (list: unknown, key: string) => (Array.isArray(list) && list[0] && typeof list[0] === 'object' ? (list[0] as Json)[key] : undefined);
  switch (kind) {
    case 'find':
    case 'count':
    case 'distinct':
    case 'findAndModify':
    case 'findandmodify':
      parts.push(keysOf(c.filter ?? c.query ?? {}));
      if (c.sort) parts.push(`sort ${keysOf(c.sort)}`);
      break;
    case 'aggregate':
      parts.push(
        `[${(Array.isArray(c.pipeline) ? c.pipeline : [])
          .map((stage: unknown) => {
            const name = stage && typeof stage === 'object' ? (Object.keys(stage)[0] ?? '?') : '?';
            return name === '$match' ? `$match ${keysOf((stage as Json).$match)}` : name;
          })
          .join(', ')}]`,
      );
      break;
    case 'update':
      parts.push(keysOf(first(c.updates, 'q')));
      break;
    case 'delete':
      parts.push(keysOf(first(c.deletes, 'q')));
      break;
    default:
      break;
  }
  return parts.join(' ');
}

/**
 * The slow query log lines (PerformanceAdvisorSlowQuery) grouped by namespace and shape,
 * the slowest in all first. Fields used, from each line (mongod's structured log): attr.ns
 * (else the answer's `namespace`), attr.command (the shape: shapeOf), attr.planSummary,
 * attr.durationMillis (else metrics.operationExecutionTime), attr.docsExamined and
 * attr.nreturned (else the metrics). A line that is not JSON counts under "(unparsed)".
 */
export function shapesOf(slowQueries: readonly Json[]): ShapeRow[] {
  const groups = new Map<string, ShapeRow & { n: number; docs: number; ret: number }>();
  for (const q of slowQueries) {
    let attr: Json;
    try {
      attr = (JSON.parse(String(q.line ?? '')) as Json).attr ?? {};
    } catch {
      attr = {};
    }
    const namespace = String(attr.ns ?? q.namespace ?? '');
    const shape = attr.command ? shapeOf(attr.command) : '(unparsed)';
    const plan = String(attr.planSummary ?? '');
    const ms = Number(attr.durationMillis ?? q.metrics?.operationExecutionTime ?? 0);
    const key = `${namespace}\u0000${shape}\u0000${plan}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { namespace, shape, plan, count: 0, totalMs: 0, avgMs: 0, maxMs: 0, docsExamined: 0, returned: 0, n: 0, docs: 0, ret: 0 }));
    g.count++;
    g.totalMs += ms;
    g.maxMs = Math.max(g.maxMs, ms);
    g.docs += Number(attr.docsExamined ?? q.metrics?.docsExamined ?? 0);
    g.ret += Number(attr.nreturned ?? q.metrics?.docsReturned ?? 0);
  }
  return [...groups.values()]
    .map(({ n: _n, docs, ret, ...g }) => ({ ...g, avgMs: Math.round(g.totalMs / g.count), docsExamined: Math.round(docs / g.count), returned: Math.round(ret / g.count) }))
    .sort((a, b) => b.totalMs - a.totalMs || b.count - a.count || (a.namespace + a.shape < b.namespace + b.shape ? -1 : 1));
}

export async function slowQueries(ctx: Context, [hostPort]: string[], opts: WindowFlags & { namespace?: string[] }): Promise<void> {
  const pathParams = processPath(ctx, hostPort);
  const doc = await get(ctx, { operationId: 'listGroupProcessPerformanceAdvisorSlowQueryLogs', pathParams, query: windowAndNamespaces(ctx, opts) });
  render(ctx, doc, () => shapesOf(Array.isArray(doc.slowQueries) ? doc.slowQueries : []), SHAPE_VIEW);
}

/** An index as MongoDB writes it: `{ movie_id: 1, date: -1 }`. */
export function indexText(index: unknown): string {
  const keys = (Array.isArray(index) ? index : []).flatMap((k) => (k && typeof k === 'object' ? Object.entries(k as Json) : []));
  return `{ ${keys.map(([f, dir]) => `${f}: ${dir}`).join(', ')} }`;
}

/** One suggested index with the shapes it serves (its `impact`): what the table shows. */
export function indexRows(doc: Json): Json[] {
  const shapes = new Map<string, Json>((Array.isArray(doc.shapes) ? doc.shapes : []).map((s: Json) => [String(s.id), s]));
  return (Array.isArray(doc.suggestedIndexes) ? doc.suggestedIndexes : []).map((ix: Json) => {
    const served = (Array.isArray(ix.impact) ? ix.impact : []).map((id: unknown) => shapes.get(String(id))).filter(Boolean) as Json[];
    const queries = served.reduce((n, s) => n + Number(s.count ?? 0), 0);
    const ms = served.reduce((n, s) => n + Number(s.count ?? 0) * Number(s.avgMs ?? 0), 0);
    return { namespace: ix.namespace, index: indexText(ix.index), impact: ix.weight, queries, avgMs: queries ? Math.round(ms / queries) : undefined, id: ix.id };
  });
}

export async function suggestedIndexes(ctx: Context, [hostPort]: string[], opts: WindowFlags & { namespace?: string[] }): Promise<void> {
  const pathParams = processPath(ctx, hostPort);
  const doc = await get(ctx, { operationId: 'listGroupProcessPerformanceAdvisorSuggestedIndexes', pathParams, query: windowAndNamespaces(ctx, opts) });
  render(ctx, doc, () => indexRows(doc), INDEX_VIEW);
}
