/** Handlers of `atlascli cluster …`: validate, build the request, send it, render. */
import type { Context } from '../../context.js';
import { AtlasApiError, UsageError } from '../../errors.js';
import type { RequestSpec } from '../../atlas/client.js';
import { confirmDestructive, dryRun, renderGet, renderList, renderSettings } from '../shared.js';
import {
  applyFlags,
  buildCreateBody,
  changedFields,
  hasFlags,
  parseClusterFlags,
  writable,
  type ClusterFlagOptions,
  type Json,
} from './body.js';
import { readJsonObjectFile } from './file.js';
import { checkClusterName } from './validate.js';
import { advancedBody, type AdvancedOptions } from './advanced.js';
import { waitForCluster, waitTimeoutMs } from './wait.js';
import { ADVANCED_SETTINGS, CLUSTER_VIEW } from './views.js';

interface WaitOptions {
  wait?: boolean;
  waitTimeout?: string;
  dryRun?: boolean;
}

type FileOptions = ClusterFlagOptions & WaitOptions & { file?: string };

const clusterPath = (ctx: Context, name: string) => ({ groupId: ctx.projectId(), clusterName: checkClusterName(name) });

export async function list(ctx: Context, _args: string[], opts: { limit?: string }): Promise<void> {
  await renderList(ctx, { operationId: 'listGroupClusters', pathParams: { groupId: ctx.projectId() } }, CLUSTER_VIEW, opts);
}

export async function get(ctx: Context, [name]: string[]): Promise<void> {
  await renderGet(ctx, { operationId: 'getGroupCluster', pathParams: clusterPath(ctx, name!) }, CLUSTER_VIEW);
}

export async function create(ctx: Context, [name]: string[], opts: FileOptions): Promise<void> {
  checkClusterName(name);
  const fileDoc = opts.file !== undefined ? await readJsonObjectFile(opts.file, ctx.io.stdin) : undefined;
  const flags = parseClusterFlags(opts, fileDoc ? 'document' : 'defaults');
  const timeout = waitTimeoutMs(opts);
  const groupId = ctx.projectId();
  let body: Json;
  if (fileDoc) {
    // the argument names the new cluster: a file from `cluster get other -o json` clones it
    body = applyFlags({ ...writable(fileDoc), name }, flags);
  } else {
    body = buildCreateBody(name!, flags);
  }
  const spec: RequestSpec = { operationId: 'createGroupCluster', pathParams: { groupId }, body };
  if (await dryRun(ctx, opts, spec)) return;
  const created = await (await ctx.client()).request<Json>(spec);
  await finish(ctx, groupId, name!, created, timeout, 'being created');
}

export async function update(ctx: Context, [name]: string[], opts: FileOptions): Promise<void> {
  checkClusterName(name);
  const fileDoc = opts.file !== undefined ? await readJsonObjectFile(opts.file, ctx.io.stdin) : undefined;
  const flags = parseClusterFlags(opts, 'document');
  if (!fileDoc && !hasFlags(flags)) {
    throw new UsageError(
      'nothing to change',
      'give --size, --disk-gb, --mongodb-version, --backup/--no-backup, --provider, --region, --type, --shards, or --file <cluster.json>',
    );
  }
  if (fileDoc) checkFileName(fileDoc, name!);
  const timeout = waitTimeoutMs(opts);
  const pathParams = clusterPath(ctx, name!);
  const client = await ctx.client();
  const served = await client.request<Json>({ operationId: 'getGroupCluster', pathParams });
  const current = writable(served);
  const desired = applyFlags(fileDoc ? writable(fileDoc) : current, flags);
  const body = changedFields(current, desired);
  if (Object.keys(body).length === 0) {
    ctx.term.info(`cluster ${name} already looks like that: nothing to change, nothing was sent`);
    if (!opts.dryRun) ctx.renderer.object(served, CLUSTER_VIEW);
    return;
  }
  const spec: RequestSpec = { operationId: 'updateGroupCluster', pathParams, body };
  if (await dryRun(ctx, opts, spec)) return;
  const updated = await patch(ctx, spec, name!);
  await finish(ctx, pathParams.groupId, name!, updated, timeout, 'being updated');
}

export async function pause(ctx: Context, [name]: string[], opts: WaitOptions): Promise<void> {
  await setPaused(ctx, name!, true, opts);
}

export async function resume(ctx: Context, [name]: string[], opts: WaitOptions): Promise<void> {
  await setPaused(ctx, name!, false, opts);
}

async function setPaused(ctx: Context, name: string, paused: boolean, opts: WaitOptions): Promise<void> {
  const pathParams = clusterPath(ctx, name);
  const timeout = waitTimeoutMs(opts);
  const spec: RequestSpec = { operationId: 'updateGroupCluster', pathParams, body: { paused } };
  if (await dryRun(ctx, opts, spec)) return;
  let doc: Json;
  try {
    doc = await (await ctx.client()).request<Json>(spec);
  } catch (err) {
    if (paused && err instanceof AtlasApiError && err.errorCode === 'CANNOT_UPDATE_PAUSED_CLUSTER') {
      throw new AtlasApiError(err.status, err.body, err.method, err.path, `cluster ${name} is paused already (or being paused)`);
    }
    throw err;
  }
  await finish(ctx, pathParams.groupId, name, doc, timeout, paused ? 'pausing' : 'resuming');
}

export async function remove(ctx: Context, [name]: string[], opts: WaitOptions & { retainBackups?: boolean }): Promise<void> {
  const pathParams = clusterPath(ctx, name!);
  const timeout = waitTimeoutMs(opts);
  const spec: RequestSpec = {
    operationId: 'deleteGroupCluster',
    pathParams,
    ...(opts.retainBackups ? { query: { retainBackups: true } } : {}),
  };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Delete cluster ${name}`))) return;
  await (await ctx.client()).request(spec);
  if (timeout === undefined) {
    ctx.renderer.done(`deleting cluster ${name}; it takes a few minutes (--wait waits until it is gone)`, {
      name,
      deleted: false,
      stateName: 'DELETING',
    });
    return;
  }
  await waitForCluster(ctx, pathParams.groupId, name!, 'GONE', timeout);
  // the wait already said so on stderr; JSON output still gets a document
  if (ctx.renderer.streaming || ctx.output === 'json') ctx.renderer.done('', { name, deleted: true });
}

export async function failover(ctx: Context, [name]: string[], opts: { dryRun?: boolean }): Promise<void> {
  const pathParams = clusterPath(ctx, name!);
  const spec: RequestSpec = { operationId: 'restartGroupClusterPrimaries', pathParams };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Test failover of cluster ${name}`))) return;
  await (await ctx.client()).request(spec);
  ctx.renderer.done(`test failover of cluster ${name} started: the primaries step down one by one`, { name, failover: 'started' });
}

export async function watch(ctx: Context, [name]: string[], opts: WaitOptions): Promise<void> {
  const pathParams = clusterPath(ctx, name!);
  const timeout = waitTimeoutMs(opts, true)!;
  const doc = await waitForCluster(ctx, pathParams.groupId, name!, 'IDLE', timeout);
  ctx.renderer.object(doc, CLUSTER_VIEW);
}

// ---- advanced configuration (processArgs) -----------------------------------------------

export async function advancedGet(ctx: Context, [name]: string[]): Promise<void> {
  const pathParams = clusterPath(ctx, name!);
  const doc = await (await ctx.client()).request<Json>({ operationId: 'getGroupClusterProcessArgs', pathParams });
  renderSettings(ctx, doc, ADVANCED_SETTINGS);
}

export async function advancedSet(ctx: Context, [name]: string[], opts: AdvancedOptions): Promise<void> {
  const body = advancedBody(opts);
  const pathParams = clusterPath(ctx, name!);
  const spec: RequestSpec = { operationId: 'updateGroupClusterProcessArgs', pathParams, body };
  if (await dryRun(ctx, opts, spec)) return;
  const doc = await patch(ctx, spec, name!);
  renderSettings(ctx, doc, ADVANCED_SETTINGS);
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
      throw new AtlasApiError(
        err.status,
        err.body,
        err.method,
        err.path,
        `cluster ${name} is paused: resume it first with \`atlascli cluster resume ${name}\`, then run this again`,
      );
    }
    throw err;
  }
}

/** After a change: wait if asked and print the final document, else print the answer. */
async function finish(ctx: Context, groupId: string, name: string, doc: Json, timeoutMs: number | undefined, doing: string): Promise<void> {
  if (timeoutMs === undefined) {
    ctx.renderer.object(doc, CLUSTER_VIEW);
    if (doc?.stateName && doc.stateName !== 'IDLE') {
      ctx.term.info(`cluster ${name} is ${doing} (${doc.stateName}); follow it with: atlascli cluster watch ${name}`);
    }
    return;
  }
  const final = await waitForCluster(ctx, groupId, name, 'IDLE', timeoutMs);
  ctx.renderer.object(final, CLUSTER_VIEW);
}
