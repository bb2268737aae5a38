import type { Context } from '../../program/context.js';
import type { RequestSpec } from '../../atlas/client.js';
import { csvField } from '../../output/render.js';
import type { MeasurementsOperation } from './options.js';
import type { PathParams } from '../../spec/operation-types.js';
import { mapLimit, parseProcessId, processesOfCluster } from '../process/hosts.js';
import type { ProcessDoc } from '../process/views.js';
import { formatValue, sparkline, stats, type Measurement } from './format.js';
import { parseMetrics, parseWindow, type WindowFlags, type WindowQuery } from './options.js';
import { CLUSTER_CONCURRENCY, SUMMARY_VIEW } from './views.js';

interface MetricsFlags extends WindowFlags {
  metric?: string[];
}

/** A measurements document as Atlas serves it. */
interface MeasurementsDoc {
  processId?: string;
  hostId?: string;
  databaseName?: string;
  partitionName?: string;
  measurements?: Measurement[];
}

/** Checked options of a metrics command: the window and measurement names of its operation. */
interface Plan<Id extends MeasurementsOperation> {
  operationId: Id;
  window: WindowQuery;
  metrics?: string[];
}

function plan<Id extends MeasurementsOperation>(operationId: Id, flags: MetricsFlags): Plan<Id> {
  return { operationId, window: parseWindow(flags), metrics: parseMetrics(flags.metric, operationId) };
}

function spec<Id extends MeasurementsOperation>(p: Plan<Id>, pathParams: PathParams<Id>): RequestSpec<Id> {
  // tsc cannot pick the member of RequestSpec for a generic Id: the callers' path parameters are checked by this signature
  return { operationId: p.operationId, pathParams, query: { ...p.window, m: p.metrics } } as unknown as RequestSpec<Id>;
}

export async function process(ctx: Context, [id]: string[], flags: MetricsFlags): Promise<void> {
  const processId = parseProcessId(id!);
  const p = plan('getGroupProcessMeasurements', flags);
  const groupId = ctx.projectId();
  const doc = await (await ctx.client()).request<MeasurementsDoc>(spec(p, { groupId, processId }));
  render(ctx, [doc], false);
}

export async function database(ctx: Context, [id, db]: string[], flags: MetricsFlags): Promise<void> {
  const processId = parseProcessId(id!);
  const p = plan('getGroupProcessDatabaseMeasurements', flags);
  const groupId = ctx.projectId();
  const doc = await (await ctx.client()).request<MeasurementsDoc>(spec(p, { groupId, processId, databaseName: db! }));
  render(ctx, [doc], false);
}

export async function disk(ctx: Context, [id, partition]: string[], flags: MetricsFlags): Promise<void> {
  const processId = parseProcessId(id!);
  const p = plan('getGroupProcessDiskMeasurements', flags);
  const groupId = ctx.projectId();
  const doc = await (await ctx.client()).request<MeasurementsDoc>(spec(p, { groupId, processId, partitionName: partition! }));
  render(ctx, [doc], false);
}

/** Every process of the cluster, at most CLUSTER_CONCURRENCY requests at once. */
export async function cluster(ctx: Context, [name]: string[], flags: MetricsFlags): Promise<void> {
  const p = plan('getGroupProcessMeasurements', flags);
  const groupId = ctx.projectId();
  const processes = await processesOfCluster(ctx, groupId, name!);
  const client = await ctx.client();
  const docs = await mapLimit(processes, CLUSTER_CONCURRENCY, (proc) => client.request<MeasurementsDoc>(spec(p, { groupId, processId: proc.id })));
  render(ctx, docs, true);
}

/**
 * `metrics project`: every process of the project (listGroupProcesses, then
 * getGroupProcessMeasurements for each, at most CLUSTER_CONCURRENCY at once), shown as
 * `metrics cluster` shows a cluster's.
 * A project without running processes (no clusters, or only Flex, free or paused ones) is
 * success: nothing to show (`[]` for -o json), exit 0, a line on stderr saying so.
 */
export async function project(ctx: Context, _args: string[], flags: MetricsFlags): Promise<void> {
  const p = plan('getGroupProcessMeasurements', flags);
  const groupId = ctx.projectId();
  const client = await ctx.client();
  const processes = await client.list<ProcessDoc>({ operationId: 'listGroupProcesses', pathParams: { groupId } });
  if (!processes.length) {
    // nothing to read is no failure (a loop over projects goes on)
    ctx.term.info('no measurements to read: the project has no running processes (Flex and free (M0) clusters have none; paused clusters have no running processes)');
    return render(ctx, [], true);
  }
  const docs = await mapLimit(processes, CLUSTER_CONCURRENCY, (proc) => client.request<MeasurementsDoc>(spec(p, { groupId, processId: proc.id })));
  render(ctx, docs, true);
}

// ---- output --------------------------------------------------------------------

interface Row {
  host: string;
  metric: string;
  units?: string;
  measurement: Measurement;
}

const hostOf = (d: MeasurementsDoc) => d.processId ?? d.hostId ?? '';

function rows(docs: readonly MeasurementsDoc[]): Row[] {
  const out: Row[] = [];
  for (const d of docs) for (const m of d.measurements ?? []) out.push({ host: hostOf(d), metric: m.name, units: m.units, measurement: m });
  // metric by metric, so the hosts of a cluster line up under each other
  return out.sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0));
}

function render(ctx: Context, docs: MeasurementsDoc[], many: boolean): void {
  const r = ctx.renderer;
  if (ctx.output === 'json') return many ? r.list(docs, SUMMARY_VIEW) : r.object(docs[0], SUMMARY_VIEW);
  if (ctx.output === 'jsonl') return r.jsonLines(docs, SUMMARY_VIEW);
  if (ctx.output === 'csv' && !ctx.fields) return csv(ctx, docs);
  const all = rows(docs);
  if (ctx.format === 'full' && !ctx.fields) {
    const points = all.flatMap((row) =>
      (row.measurement.dataPoints ?? []).map((p) => ({ timestamp: p.timestamp, host: row.host, metric: row.metric, value: formatValue(p.value, row.units) })),
    );
    const columns = [
      { header: 'timestamp', value: 'timestamp' },
      ...(many ? [{ header: 'host', value: 'host' }] : []),
      { header: 'metric', value: 'metric' },
      { header: 'value', value: 'value' },
    ];
    return r.list(points, { columns });
  }
  const tty = ctx.io.stdout.isTTY === true && ctx.output === 'table';
  const summary = all.map((row) => {
    const s = stats(row.measurement.dataPoints);
    const f = (v: number | undefined) => (s ? formatValue(v, row.units) : '');
    return { metric: row.metric, host: row.host, min: f(s?.min), max: f(s?.max), mean: f(s?.mean), last: f(s?.last), trend: sparkline(row.measurement.dataPoints) };
  });
  const columns = SUMMARY_VIEW.columns.filter((c) => many || c.header !== 'host');
  if (tty) columns.push({ header: 'trend', value: 'trend' });
  r.list(summary, { columns });
}

/** `timestamp,host,metric,value,unit`: one row per data point, raw values, ready for a spreadsheet. */
function csv(ctx: Context, docs: readonly MeasurementsDoc[]): void {
  const lines = ['timestamp,host,metric,value,unit'];
  for (const d of docs) {
    for (const m of d.measurements ?? []) {
      for (const p of m.dataPoints ?? []) lines.push([p.timestamp, hostOf(d), m.name, p.value === null ? '' : String(p.value), m.units ?? ''].map(csvField).join(','));
    }
  }
  ctx.term.out(lines.join('\n'));
}
