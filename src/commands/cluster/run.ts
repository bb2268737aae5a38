/** Handlers of `atlascli cluster …`: validate, build the request, send it, render. */
import type { Context } from '../../program/context.js';
import { AtlasApiError, CliError, UsageError } from '../../errors.js';
import type { RequestSpec } from '../../atlas/client.js';
import { confirmDestructive, deleting, dryRun, renderSettings, scopeOf } from '../shared.js';
import { parseLimit } from '../../args/values.js';
import { applyFlags, buildCreateBody, buildFlexBody, buildFlexUpdate, changedFields, hasFlags, parseClusterFlags, writable, type ClusterFlagOptions, type Json } from './body.js';
import { readJsonObjectFile } from './file.js';
import { checkBaseNodeSizes, checkClusterName, tierKind } from './validate.js';
import { either, fetchCluster, isNvmeCluster, KIND_LABEL, kindOf, spec as apiSpec, type Api } from './kind.js';
import { connectionStringOf, parseConnectionType } from './connection.js';
import { advancedBody, type AdvancedOptions } from './advanced.js';
import { waitForCluster, waitTimeoutMs } from './wait.js';
import { isFleetCall, runFleetAction, type FleetOptions } from '../fleet/actions.js';
import { ADVANCED_SETTINGS, CLUSTER_GET_VIEW, CLUSTER_VIEW } from './views.js';

interface WaitOptions {
  wait?: boolean;
  waitTimeout?: string;
  dryRun?: boolean;
}

type FileOptions = ClusterFlagOptions & WaitOptions & { file?: string };

const clusterPath = (ctx: Context, name: string) => ({ groupId: ctx.projectId(), clusterName: checkClusterName(name) });

/** Dedicated and free clusters (clusters API), then Flex clusters (flexClusters API), in one list. */
export async function list(ctx: Context, _args: string[], opts: { limit?: string; allProjects?: boolean; select?: string }): Promise<void> {
  const limit = parseLimit(opts);
  const r = ctx.renderer;
  if (opts.allProjects || opts.select !== undefined) {
    await fleetList(ctx, limit, opts);
    return;
  }
  const client = await ctx.client();
  const groupId = ctx.projectId();
  const specs: RequestSpec[] = [
    { operationId: 'listGroupClusters', pathParams: { groupId } },
    { operationId: 'listGroupFlexClusters', pathParams: { groupId } },
  ];
  if (!r.streaming && limit === undefined) {
    // both lists at once: one round trip, not two (a project given by name costs one more)
    const [dedicated, flex] = await Promise.all(specs.map((s) => client.list<Json>(s)));
    r.list([...dedicated!, ...flex!], CLUSTER_VIEW, scopeOf({ groupId }));
    return;
  }
  const all: Json[] = [];
  for (const s of specs) {
    const left = limit === undefined ? undefined : limit - all.length;
    if (left !== undefined && left <= 0) break;
    if (r.streaming) all.push(...(await client.list<Json>(s, { limit: left, onItems: (items) => r.jsonLines(items) })));
    else all.push(...(await client.list<Json>(s, { limit: left })));
  }
  if (!r.streaming) r.list(all, CLUSTER_VIEW, scopeOf({ groupId }));
}

/**
 * `cluster list --all-projects` and/or `--select`: the clusters of every project (or of the
 * one) as served, selected on what the lists returned; a table gains a PROJECT column,
 * `-o jsonl` streams in project order.
 */
async function fleetList(ctx: Context, limit: number | undefined, opts: { allProjects?: boolean; select?: string }): Promise<void> {
  const { parseSelect } = await import('../../args/select.js');
  const select = opts.select === undefined ? undefined : parseSelect(opts.select);
  const { forEachFleetCluster, scopeProjects } = await import('../fleet/clusters.js');
  const { withProjectColumn } = await import('../fleet/fanout.js');
  const table = ctx.output === 'table' || ctx.output === 'csv';
  const r = ctx.renderer;
  const projects = await scopeProjects(ctx, opts.allProjects);
  const rows: Json[] = [];
  let count = 0;
  await forEachFleetCluster(
    ctx,
    projects,
    select,
    (clusters) => {
      const taken = limit === undefined ? clusters : clusters.slice(0, Math.max(0, limit - count));
      count += taken.length;
      if (r.streaming) r.jsonLines(taken.map((c) => c.doc));
      else for (const c of taken) rows.push(table ? { __project: c.project.name, ...c.doc } : c.doc);
    },
    () => limit !== undefined && count >= limit,
  );
  if (!r.streaming) r.list(rows, table ? withProjectColumn(CLUSTER_VIEW) : CLUSTER_VIEW, select ? `matching ${select.text}` : 'in any project');
}

export async function get(ctx: Context, [name]: string[]): Promise<void> {
  const pathParams = clusterPath(ctx, name!);
  const { value } = await fetchCluster(await ctx.client(), pathParams.groupId, name!);
  ctx.renderer.object(value, CLUSTER_GET_VIEW);
}

export async function create(ctx: Context, [name]: string[], opts: FileOptions): Promise<void> {
  checkClusterName(name);
  const fileDoc = opts.file !== undefined ? await readJsonObjectFile(opts.file, ctx.io.stdin) : undefined;
  const flags = parseClusterFlags(opts, fileDoc ? 'document' : 'defaults');
  const timeout = waitTimeoutMs(opts);
  const groupId = ctx.projectId();
  const flex = tierKind(flags.size) === 'flex';
  if (fileDoc && flags.size === undefined) checkBaseNodeSizes(fileDoc);
  if (flex && fileDoc) throw new UsageError('--tier FLEX cannot be combined with --file', 'a Flex cluster takes --provider, --region, --tag and --termination-protection');
  let spec: RequestSpec;
  if (flex) {
    spec = { operationId: 'createGroupFlexCluster', pathParams: { groupId }, body: buildFlexBody(name!, flags) };
  } else if (fileDoc) {
    // the argument names the new cluster: a file from `cluster get other -o json` clones it
    spec = { operationId: 'createGroupCluster', pathParams: { groupId }, body: applyFlags({ ...writable(fileDoc), name }, flags) };
  } else {
    spec = { operationId: 'createGroupCluster', pathParams: { groupId }, body: buildCreateBody(name!, flags) };
  }
  if (flags.retired) {
    ctx.term.warn(`notice: ${flags.retired} clusters were retired in January 2026; creating Flex cluster ${name} instead (--tier FLEX)`);
  }
  if (await dryRun(ctx, opts, spec)) return;
  const created = await (await ctx.client()).request<Json>(spec);
  await finish(ctx, groupId, name!, created, timeout, 'being created', { api: flex ? 'flex' : 'clusters', srv: true });
}

export async function update(ctx: Context, [name]: string[], opts: FileOptions & FleetOptions): Promise<void> {
  if (isFleetCall(name, opts)) return runFleetAction(ctx, 'update', name, opts);
  checkClusterName(name);
  const fileDoc = opts.file !== undefined ? await readJsonObjectFile(opts.file, ctx.io.stdin) : undefined;
  const flags = parseClusterFlags(opts, 'document');
  if (!fileDoc && !hasFlags(flags)) {
    throw new UsageError(
      'nothing to change',
      'give --size, --disk-gb, --mongodb-version, --tag, --termination-protection, --backup/--no-backup, --provider, --region, --type, --shards, or --file <cluster.json>',
    );
  }
  if (fileDoc) checkFileName(fileDoc, name!);
  // --size sets electable and read-only nodes alike; without it the file's sizes must agree
  if (fileDoc && flags.size === undefined) checkBaseNodeSizes(fileDoc);
  const timeout = waitTimeoutMs(opts);
  const pathParams = clusterPath(ctx, name!);
  const client = await ctx.client();
  const { api, value: served } = await fetchCluster(client, pathParams.groupId, name!);
  if (api === 'flex') {
    if (fileDoc) throw new UsageError(`cluster ${name} is a Flex cluster: --file updates dedicated and free clusters`, 'use --tag and --termination-protection');
    const body = buildFlexUpdate(served, flags);
    const spec = apiSpec('flex', 'update', pathParams.groupId, name!, { body });
    if (await dryRun(ctx, opts, spec)) return;
    const updated = await client.request<Json>(spec);
    await finish(ctx, pathParams.groupId, name!, updated, timeout, 'being updated', { api: 'flex' });
    return;
  }
  const current = writable(served);
  const desired = applyFlags(fileDoc ? writable(fileDoc) : current, flags);
  const body = changedFields(current, desired);
  if (Object.keys(body).length === 0) {
    ctx.term.info(`cluster ${name} already looks like that: nothing to change, nothing was sent`);
    if (!opts.dryRun) ctx.renderer.object(served, CLUSTER_VIEW);
    return;
  }
  // Atlas refuses a PATCH that pauses and changes anything else (409
  // CANNOT_UPDATE_AND_PAUSE_CLUSTER), and a pause while changes are pending: the
  // changes go first, then, once they are applied, the pause on its own.
  const pauseAfter = body.paused === true && Object.keys(body).length > 1;
  if (pauseAfter) {
    if (isNvmeCluster(desired)) throw new UsageError(`cluster ${name} would be an NVMe cluster: NVMe clusters cannot be paused`);
    delete body.paused;
  }
  const spec: RequestSpec = { operationId: 'updateGroupCluster', pathParams, body };
  const pauseSpec: RequestSpec = { operationId: 'updateGroupCluster', pathParams, body: { paused: true } };
  if (opts.dryRun) {
    await dryRun(ctx, opts, spec);
    if (pauseAfter) {
      ctx.term.info('then, once the change is applied:');
      await dryRun(ctx, opts, pauseSpec);
    }
    return;
  }
  const updated = await patch(ctx, spec, name!);
  if (pauseAfter) {
    ctx.term.info(`cluster ${name}: changes sent; pausing once they are applied`);
    await waitForCluster(ctx, pathParams.groupId, name!, 'IDLE', timeout ?? waitTimeoutMs({ wait: true })!, { applied: true });
    const paused = await patch(ctx, pauseSpec, name!);
    await finish(ctx, pathParams.groupId, name!, paused, timeout, 'pausing', { applied: true });
    return;
  }
  await finish(ctx, pathParams.groupId, name!, updated, timeout, 'being updated', { applied: true });
}

export async function pause(ctx: Context, [name]: string[], opts: WaitOptions & FleetOptions): Promise<void> {
  if (isFleetCall(name, opts)) return runFleetAction(ctx, 'pause', name, opts);
  await setPaused(ctx, checkClusterName(name), true, opts);
}

export async function resume(ctx: Context, [name]: string[], opts: WaitOptions & FleetOptions): Promise<void> {
  if (isFleetCall(name, opts)) return runFleetAction(ctx, 'resume', name, opts);
  await setPaused(ctx, checkClusterName(name), false, opts);
}

/**
 * Pause and resume: a PATCH of `paused` alone (Atlas refuses it with other changes). The
 * cluster is read first: pausing a paused cluster or resuming a running one sends nothing;
 * free, Flex and NVMe clusters cannot be paused (Atlas: CANNOT_PAUSE_NVME_CLUSTER).
 */
async function setPaused(ctx: Context, name: string, paused: boolean, opts: WaitOptions): Promise<void> {
  const pathParams = clusterPath(ctx, name);
  const timeout = waitTimeoutMs(opts);
  const spec: RequestSpec = { operationId: 'updateGroupCluster', pathParams, body: { paused } };
  if (await dryRun(ctx, opts, spec)) return;
  const doc = await dedicatedOnly(ctx, pathParams.groupId, name, paused ? 'paused' : 'resumed', 'pause and resume');
  if (doc.paused === paused || (!paused && doc.paused !== true)) {
    ctx.term.info(paused ? `cluster ${name} is paused already: nothing was sent` : `cluster ${name} is not paused: nothing was sent`);
    ctx.renderer.object(doc, CLUSTER_VIEW);
    return;
  }
  if (paused && isNvmeCluster(doc)) {
    throw new UsageError(`cluster ${name} is an NVMe cluster: Atlas cannot pause NVMe clusters`, 'NVMe tiers keep data on local disks that a pause would lose');
  }
  let answer: Json;
  try {
    answer = await (await ctx.client()).request<Json>(spec);
  } catch (err) {
    if (paused && err instanceof AtlasApiError && (err.errorCode === 'CANNOT_UPDATE_PAUSED_CLUSTER' || err.errorCode === 'CLUSTER_ALREADY_PAUSED')) {
      throw err.withHint(`cluster ${name} is paused already (or being paused)`);
    }
    if (paused && err instanceof AtlasApiError && err.errorCode === 'CANNOT_PAUSE_CLUSTER_WITH_PENDING_CHANGES') {
      throw err.withHint(`wait until cluster ${name} is IDLE (\`atlascli cluster watch ${name}\`), then pause it`);
    }
    if (paused && err instanceof AtlasApiError && err.errorCode === 'CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER') {
      throw err.withHint(`Atlas keeps a resumed cluster running for at least 60 minutes; pause ${name} again after that`);
    }
    throw err;
  }
  await finish(ctx, pathParams.groupId, name, answer, timeout, paused ? 'pausing' : 'resuming', { applied: true });
}

/** Reads a cluster for a command only dedicated tiers allow; free and Flex clusters are refused (exit 2). */
async function dedicatedOnly(ctx: Context, groupId: string, name: string, verb: string, what: string): Promise<Json> {
  const { value } = await fetchCluster(await ctx.client(), groupId, name);
  const kind = kindOf(value);
  if (kind !== 'dedicated') {
    throw new UsageError(`cluster ${name} is a ${KIND_LABEL[kind]} cluster: it cannot be ${verb}`, `${what} is for dedicated clusters (M10 and up)`);
  }
  return value;
}

export async function remove(ctx: Context, [name]: string[], opts: WaitOptions & FleetOptions & { retainBackups?: boolean; ifExists?: boolean }): Promise<void> {
  if (isFleetCall(name, opts)) return runFleetAction(ctx, 'delete', name, opts);
  const pathParams = clusterPath(ctx, name!);
  const timeout = waitTimeoutMs(opts);
  const make = (api: Api) => apiSpec(api, 'delete', pathParams.groupId, name!, api === 'clusters' && opts.retainBackups ? { query: { retainBackups: true } } : {});
  if (await dryRun(ctx, opts, make('clusters'))) return;
  if (!(await confirmDestructive(ctx, `Delete cluster ${name}`))) return;
  let api: Api | undefined;
  try {
    const sent = await deleting(ctx, opts, `cluster ${name}`, async () => ({ api } = await either(await ctx.client(), make)));
    if (!sent) return;
  } catch (err) {
    if (err instanceof AtlasApiError && err.errorCode === 'CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED') {
      throw err.withHint(`turn termination protection off first: \`atlascli cluster update ${name} --no-termination-protection\``);
    }
    throw err;
  }
  if (timeout === undefined) {
    ctx.renderer.done(`deleting cluster ${name}; it takes a few minutes (--wait waits until it is gone)`, {
      name,
      deleted: false,
      stateName: 'DELETING',
    });
    return;
  }
  await waitForCluster(ctx, pathParams.groupId, name!, 'GONE', timeout, { api });
  // the wait already said so on stderr; JSON output still gets a document
  if (ctx.renderer.streaming || ctx.output === 'json') ctx.renderer.done('', { name, deleted: true });
}

export async function failover(ctx: Context, [name]: string[], opts: { dryRun?: boolean }): Promise<void> {
  const pathParams = clusterPath(ctx, name!);
  const spec: RequestSpec = { operationId: 'restartGroupClusterPrimaries', pathParams };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Test failover of cluster ${name}`))) return;
  await dedicatedOnly(ctx, pathParams.groupId, name!, 'failed over', 'test failover');
  await (await ctx.client()).request(spec);
  ctx.renderer.done(`test failover of cluster ${name} started: the primaries step down one by one`, { name, failover: 'started' });
}

/** Waits until IDLE; a cluster being deleted is followed until it is gone (exit 0). */
export async function watch(ctx: Context, [name]: string[], opts: Pick<WaitOptions, 'waitTimeout'>): Promise<void> {
  const pathParams = clusterPath(ctx, name!);
  const timeout = waitTimeoutMs(opts, true)!;
  const { api, value } = await fetchCluster(await ctx.client(), pathParams.groupId, name!);
  if (value.stateName === 'DELETING') {
    ctx.term.info(`cluster ${name} is being deleted; waiting until it is gone`);
    await waitForCluster(ctx, pathParams.groupId, name!, 'GONE', timeout, { api });
    if (ctx.renderer.streaming || ctx.output === 'json') ctx.renderer.done('', { name, deleted: true });
    return;
  }
  const doc = await waitForCluster(ctx, pathParams.groupId, name!, 'IDLE', timeout, { api, initial: value });
  ctx.renderer.object(doc, CLUSTER_VIEW);
}

/** `cluster connection-string NAME [--type …] [--wait]`: the URI alone on stdout. */
export async function connectionString(ctx: Context, [name]: string[], opts: Omit<WaitOptions, 'dryRun'> & { type?: string }): Promise<void> {
  const type = parseConnectionType(opts.type);
  const pathParams = clusterPath(ctx, name!);
  const timeout = waitTimeoutMs(opts);
  let { api, value: doc } = await fetchCluster(await ctx.client(), pathParams.groupId, name!);
  if (!doc.connectionStrings?.standardSrv && !doc.connectionStrings?.standard) {
    if (timeout === undefined) {
      throw new CliError(
        `cluster ${name} has no connection string yet: it is ${String(doc.stateName ?? 'not deployed')}`,
        `wait for it with \`atlascli cluster connection-string ${name} --wait\``,
      );
    }
    doc = (await waitForCluster(ctx, pathParams.groupId, name!, 'IDLE', timeout, { api }))!;
  }
  void api;
  ctx.term.out(connectionStringOf(doc, type, name!));
}

// ---- advanced configuration (processArgs) -----------------------------------------------

export async function advancedGet(ctx: Context, [name]: string[]): Promise<void> {
  const pathParams = clusterPath(ctx, name!);
  const doc = await advancedRequest(ctx, { operationId: 'getGroupClusterProcessArgs', pathParams }, name!);
  renderSettings(ctx, doc, ADVANCED_SETTINGS);
}

export async function advancedSet(ctx: Context, [name]: string[], opts: AdvancedOptions): Promise<void> {
  const body = advancedBody(opts);
  const pathParams = clusterPath(ctx, name!);
  const spec: RequestSpec = { operationId: 'updateGroupClusterProcessArgs', pathParams, body };
  if (await dryRun(ctx, opts, spec)) return;
  await dedicatedOnly(ctx, pathParams.groupId, name!, 'given advanced settings', 'advanced configuration');
  const doc = await patch(ctx, spec, name!);
  renderSettings(ctx, doc, ADVANCED_SETTINGS);
}

/** processArgs of a Flex cluster: Atlas's refusal, with the reason in the hint. */
async function advancedRequest(ctx: Context, spec: RequestSpec, name: string): Promise<Json> {
  try {
    return await (await ctx.client()).request<Json>(spec);
  } catch (err) {
    if (err instanceof AtlasApiError && err.errorCode === 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API') {
      throw err.withHint(`cluster ${name} is a Flex cluster: advanced configuration is for dedicated clusters (M10 and up)`);
    }
    if (err instanceof AtlasApiError && err.status === 400 && /free \(M0\)|M0/.test(err.body.detail ?? '')) {
      throw err.withHint(`cluster ${name} is a free (M0) cluster: advanced configuration is for dedicated clusters (M10 and up)`);
    }
    throw err;
  }
}

// ---- helpers -----------------------------------------------------------------------------

function checkFileName(doc: Json, name: string): void {
  if (doc.name !== undefined && doc.name !== name) {
    throw new UsageError(
      `the --file document is for cluster "${String(doc.name)}", not "${name}"`,
      'a cluster cannot be renamed; make the names match, or remove "name" from the file',
    );
  }
}

/** A PATCH; a paused cluster's refusal names the cluster and how to resume it. */
async function patch(ctx: Context, spec: RequestSpec, name: string): Promise<Json> {
  try {
    return await (await ctx.client()).request<Json>(spec);
  } catch (err) {
    if (err instanceof AtlasApiError && err.errorCode === 'CANNOT_UPDATE_PAUSED_CLUSTER') {
      throw err.withHint(`cluster ${name} is paused: resume it first with \`atlascli cluster resume ${name}\`, then run this again`);
    }
    throw err;
  }
}

interface Finish {
  api?: Api;
  /** wait until the change is applied, not only IDLE */
  applied?: boolean;
  /** print the SRV string on stderr at the end, on a terminal (create --wait) */
  srv?: boolean;
}

/** After a change: wait if asked and print the final document, else print the answer. */
async function finish(ctx: Context, groupId: string, name: string, doc: Json, timeoutMs: number | undefined, doing: string, how: Finish = {}): Promise<void> {
  if (timeoutMs === undefined) {
    ctx.renderer.object(doc, CLUSTER_VIEW);
    if (doc?.stateName && doc.stateName !== 'IDLE') {
      ctx.term.info(`cluster ${name} is ${doing} (${doc.stateName}); follow it with: atlascli cluster watch ${name}`);
    }
    return;
  }
  const final = (await waitForCluster(ctx, groupId, name, 'IDLE', timeoutMs, { api: how.api, applied: how.applied }))!;
  ctx.renderer.object(final, CLUSTER_VIEW);
  const srv = final?.connectionStrings?.standardSrv;
  if (how.srv && srv && ctx.term.stderrIsTTY) ctx.term.info(`connect with: ${srv}`);
}
