/**
 * Fleet actions: `cluster pause|resume|delete|update --select … [--all-projects]` with no
 * cluster name. Without `--apply`: the plan (nothing that changes anything is sent). With
 * `--apply` (deletes: and `--force`): each planned cluster is changed with at most
 * `--concurrency` requests in flight; a 429 holds the whole fleet (src/atlas/throttle.ts);
 * one result line per cluster; a summary on stderr; Ctrl-C starts nothing new, waits for
 * what is in flight and says what was done.
 */
import type { Context } from '../../program/context.js';
import type { RequestSpec } from '../../atlas/client.js';
import { parseSelect, type Selector } from '../../args/select.js';
import { parseCount } from '../../args/values.js';
import { AtlasApiError, CliError, EXIT, exitCodeFor, InterruptedError, UsageError } from '../../errors.js';
import { applyFlags, changedFields, hasFlags, parseClusterFlags, writable, type ClusterFlagOptions, type ClusterFlags, type Json } from '../cluster/body.js';
import { isNvmeCluster, kindOf, spec as clusterSpec } from '../cluster/kind.js';
import { forEachFleetCluster, scopeProjects, type FleetCluster } from './clusters.js';

export type FleetAction = 'pause' | 'resume' | 'delete' | 'update';

export const CONCURRENCY = { default: 4, min: 1, max: 16 } as const;

/** The options of the fleet form every action has. */
export interface FleetOptions {
  select?: string;
  apply?: boolean;
  concurrency?: string;
  allProjects?: boolean;
  dryRun?: boolean;
  wait?: boolean;
}

/** What one action's command may add: update's flags, delete's --retain-backups. */
type ActionOptions = FleetOptions & ClusterFlagOptions & { file?: string; retainBackups?: boolean };

/** One row of a plan: `-o json` prints these, sorted by project name, cluster name, groupId. */
export interface PlanItem {
  groupId: string;
  projectName: string;
  name: string;
  action: FleetAction;
  /** why nothing will be sent for this cluster */
  skip?: string;
  /** update: the top-level fields that change */
  changes?: string[];
}

interface Planned extends PlanItem {
  request?: RequestSpec;
}

/** The fleet form was asked for: `--select` (or, by mistake, `--apply`/`--concurrency` without it). */
export function isFleetCall(name: string | undefined, opts: FleetOptions): boolean {
  return opts.select !== undefined || opts.apply === true || opts.concurrency !== undefined || (name === undefined && opts.allProjects === true);
}

interface Checked {
  select: Selector;
  concurrency: number;
  flags?: ClusterFlags;
}

/**
 * Every check of a fleet action's input, before any request.
 * @throws UsageError (exit 2): a name with --select, --apply or --all-projects without
 *   --select, a bad term, --concurrency outside 1..16, --wait or --file with --select,
 *   update without a change, delete --apply without --force
 */
export function checkFleet(ctx: Context, action: FleetAction, name: string | undefined, opts: ActionOptions): Checked {
  if (name !== undefined && opts.select !== undefined) {
    throw new UsageError(
      `give a cluster name or --select, not both`,
      `\`cluster ${action} ${name}\` acts on one cluster; \`cluster ${action} --select name=${name}\` plans for the matching ones`,
    );
  }
  if (opts.select === undefined) {
    const flag = opts.apply ? '--apply' : opts.concurrency !== undefined ? '--concurrency' : '--all-projects';
    throw new UsageError(`${flag} needs --select`, `say which clusters: --select 'tag:env=dev' (every cluster: --select 'name=*')`);
  }
  const select = parseSelect(opts.select);
  const concurrency = opts.concurrency === undefined ? CONCURRENCY.default : parseCount('--concurrency', opts.concurrency, { min: CONCURRENCY.min, max: CONCURRENCY.max });
  if (opts.wait) throw new UsageError('--wait acts on one cluster: not with --select', 'follow each cluster with `atlascli cluster watch <name>`');
  if (opts.file !== undefined) throw new UsageError('--file describes one cluster: not with --select', 'give the flags of the change (--tier, --disk-gb, --tag …)');
  if (opts.dryRun && opts.apply) throw new UsageError('--dry-run and --apply contradict each other', 'without --apply the plan is printed and nothing is sent');
  let flags: ClusterFlags | undefined;
  if (action === 'update') {
    flags = parseClusterFlags(opts, 'document');
    if (!hasFlags(flags)) throw new UsageError('nothing to change', 'give --tier, --disk-gb, --mongodb-version, --tag, --termination-protection or --backup/--no-backup');
  }
  if (action === 'delete' && opts.apply && !ctx.assumeYes) {
    throw new UsageError('refusing to delete clusters with --apply without --force', 'review the plan (without --apply), then run it with --apply --force');
  }
  return { select, concurrency, flags };
}

const PAST: Record<FleetAction, string> = { pause: 'paused', resume: 'resumed', delete: 'deleted', update: 'updated' };

/** What the action would send to one cluster, or why it sends nothing. */
function planOne(action: FleetAction, c: FleetCluster, flags: ClusterFlags | undefined, opts: ActionOptions): Planned {
  const doc = c.doc;
  const name = String(doc.name);
  const base: PlanItem = { groupId: c.project.id, projectName: c.project.name, name, action };
  const kind = kindOf(doc);
  const skip = (why: string): Planned => ({ ...base, skip: why });
  const pathParams = { groupId: c.project.id, clusterName: name };
  switch (action) {
    case 'pause':
    case 'resume': {
      const pausing = action === 'pause';
      if (pausing && doc.paused === true) return skip('already paused');
      if (!pausing && doc.paused !== true) return skip('not paused');
      if (kind !== 'dedicated') return skip(`a ${kind === 'free' ? 'free (M0)' : 'Flex'} cluster cannot be paused`);
      if (pausing && isNvmeCluster(doc)) return skip('an NVMe cluster cannot be paused');
      if (doc.stateName === 'DELETING') return skip('being deleted');
      return { ...base, request: { operationId: 'updateGroupCluster', pathParams, body: { paused: pausing } } };
    }
    case 'delete': {
      if (doc.stateName === 'DELETING') return skip('already being deleted');
      if (doc.terminationProtectionEnabled === true) return skip('termination protection is on');
      const api = kind === 'flex' && doc.providerSettings?.providerName === 'FLEX' ? 'flex' : 'clusters';
      return { ...base, request: clusterSpec(api, 'delete', c.project.id, name, api === 'clusters' && opts.retainBackups ? { query: { retainBackups: true } } : {}) };
    }
    case 'update': {
      if (kind === 'flex' && doc.providerSettings?.providerName === 'FLEX') return skip('a Flex cluster: update it by name');
      if (doc.paused === true) return skip('paused: resume it first');
      const current = writable(doc);
      let body: Json;
      try {
        body = changedFields(current, applyFlags(current, flags!));
      } catch (err) {
        return skip(err instanceof Error ? err.message : String(err));
      }
      if (Object.keys(body).length === 0) return skip('already like that');
      return { ...base, changes: Object.keys(body).sort(), request: { operationId: 'updateGroupCluster', pathParams, body } };
    }
  }
}

const byProjectAndName = (a: PlanItem, b: PlanItem) =>
  a.projectName < b.projectName ? -1 : a.projectName > b.projectName ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0;

/** A plan item as printed: the fields of the contract, in its order. */
function printable(p: Planned): PlanItem {
  return {
    groupId: p.groupId,
    projectName: p.projectName,
    name: p.name,
    action: p.action,
    ...(p.skip !== undefined ? { skip: p.skip } : {}),
    ...(p.changes ? { changes: p.changes } : {}),
  };
}

const PLAN_VIEW = {
  empty: 'clusters selected',
  columns: [
    { header: 'project', value: 'projectName' },
    { header: 'cluster', value: 'name' },
    { header: 'action', value: (d: PlanItem) => (d.skip !== undefined ? `skip (${d.skip})` : d.action) },
    { header: 'changes', value: (d: PlanItem) => (d.changes ?? []).join(',') },
  ],
};

interface Result {
  item: Planned;
  outcome: 'done' | 'skipped' | 'failed';
  error?: unknown;
}

/**
 * `cluster <action> --select …`: the plan, or with `--apply` its run.
 * @throws UsageError before any request (checkFleet); CliError with the exit code of the
 *   first failed cluster (in plan order) after every cluster ran; InterruptedError (130)
 *   after Ctrl-C, once what was in flight is answered
 */
export async function runFleetAction(ctx: Context, action: FleetAction, name: string | undefined, opts: ActionOptions): Promise<void> {
  const { select, concurrency, flags } = checkFleet(ctx, action, name, opts);
  const projects = await scopeProjects(ctx, opts.allProjects);
  const plan: Planned[] = [];
  await forEachFleetCluster(ctx, projects, select, (clusters) => {
    for (const c of clusters) plan.push(planOne(action, c, flags, opts));
  });
  plan.sort(byProjectAndName);
  const r = ctx.renderer;
  if (!opts.apply) {
    r.list(plan.map(printable), PLAN_VIEW, `matching ${select.text}`);
    const todo = plan.filter((p) => p.skip === undefined).length;
    ctx.term.info(`plan: ${todo} to ${action}, ${plan.length - todo} skipped; nothing was sent (run it with --apply${action === 'delete' ? ' --force' : ''})`);
    return;
  }
  await applyPlan(ctx, action, plan, concurrency);
}

async function applyPlan(ctx: Context, action: FleetAction, plan: Planned[], concurrency: number): Promise<void> {
  const client = await ctx.client();
  const results: Result[] = [];
  const table = ctx.output === 'table' || ctx.output === 'csv';
  const line = (res: Result) => {
    const p = res.item;
    if (ctx.output === 'jsonl') {
      ctx.term.out(JSON.stringify(resultDoc(res)));
    } else if (table) {
      const what = res.outcome === 'done' ? PAST[action] : res.outcome === 'skipped' ? `skipped (${p.skip})` : `failed: ${errorText(res.error)}`;
      ctx.term.out(`${p.projectName}\t${p.name}\t${what}`);
    }
  };
  for (const p of plan) {
    if (p.skip !== undefined) {
      const res: Result = { item: p, outcome: 'skipped' };
      results.push(res);
      line(res);
    }
  }
  const todo = plan.filter((p) => p.skip === undefined);
  let stopping = false;
  let next = 0;
  let finished!: () => void;
  const allDone = new Promise<void>((resolve) => (finished = resolve));
  const unregister = ctx.cleanup.onInterrupt(async () => {
    stopping = true;
    await allDone;
    return EXIT.interrupted;
  });
  const worker = async () => {
    while (!stopping && next < todo.length) {
      const item = todo[next++]!;
      let res: Result;
      try {
        await client.request(item.request!);
        res = { item, outcome: 'done' };
      } catch (err) {
        res = { item, outcome: 'failed', error: err };
      }
      results.push(res);
      line(res);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
    if (ctx.output === 'json') {
      const order = new Map(plan.map((p, i) => [p, i]));
      ctx.term.out(JSON.stringify([...results].sort((a, b) => order.get(a.item)! - order.get(b.item)!).map(resultDoc), null, 2));
    }
    const notStarted = todo.length - next;
    ctx.term.info(summary(action, results, notStarted));
  } finally {
    unregister();
    finished();
  }
  if (stopping) throw new InterruptedError(`interrupted: ${todo.length - next} not started`);
  const failed = plan.map((p) => results.find((r) => r.item === p)).filter((r): r is Result => r?.outcome === 'failed');
  if (failed.length) {
    throw new CliError(
      `${failed.length} of ${plan.length} clusters failed; the first: ${failed[0]!.item.projectName}/${failed[0]!.item.name}: ${errorText(failed[0]!.error)}`,
      undefined,
      exitCodeFor(failed[0]!.error),
    );
  }
}

function errorText(err: unknown): string {
  if (err instanceof AtlasApiError) return `${err.status} ${err.errorCode ?? ''}`.trim() + (err.body.detail ? ` (${err.body.detail})` : '');
  return err instanceof Error ? err.message : String(err);
}

function resultDoc(res: Result): Record<string, unknown> {
  const p = res.item;
  const doc: Record<string, unknown> = { groupId: p.groupId, projectName: p.projectName, name: p.name, action: p.action, result: res.outcome };
  if (p.skip !== undefined) doc.skip = p.skip;
  if (res.outcome === 'failed') {
    doc.error =
      res.error instanceof AtlasApiError
        ? { status: res.error.status, errorCode: res.error.errorCode ?? 'UNKNOWN', detail: res.error.body.detail ?? '' }
        : { status: 0, errorCode: 'CLI_ERROR', detail: errorText(res.error) };
  }
  return doc;
}

/** `3 paused, 1 skipped (already paused), 1 failed`, and what Ctrl-C left unstarted. */
function summary(action: FleetAction, results: Result[], notStarted: number): string {
  const done = results.filter((r) => r.outcome === 'done').length;
  const parts = [`${done} ${PAST[action]}`];
  const reasons = new Map<string, number>();
  for (const r of results) if (r.outcome === 'skipped') reasons.set(r.item.skip!, (reasons.get(r.item.skip!) ?? 0) + 1);
  const skipped = [...reasons.values()].reduce((a, b) => a + b, 0);
  if (skipped) parts.push(`${skipped} skipped (${[...reasons.keys()].sort().join('; ')})`);
  const failed = results.filter((r) => r.outcome === 'failed').length;
  if (failed) parts.push(`${failed} failed`);
  if (notStarted) parts.push(`${notStarted} not started (interrupted)`);
  return parts.join(', ');
}
