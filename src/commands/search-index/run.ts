/**
 * Run step of `atlascli search-index …`: options checked by options.ts in, requests and
 * rows out. Operations (spec, Atlas Search, version 2024-05-30): listGroupClusterSearchIndexes,
 * listGroupClusterSearchIndex, getGroupClusterSearchIndex, createGroupClusterSearchIndex,
 * updateGroupClusterSearchIndex, deleteGroupClusterSearchIndex.
 */
import type { Context } from '../../program/context.js';
import { AtlasApiError, UsageError } from '../../errors.js';
import type { RequestSpec } from '../../atlas/client.js';
import { checkObjectId } from '../../args/names.js';
import { parseLimit } from '../../args/values.js';
import { checkClusterName } from '../cluster/validate.js';
import { readJsonObjectFile } from '../cluster/file.js';
import { confirmDestructive, deleting, dryRun, scopeOf, withHints } from '../shared.js';
import { waitFor, waitTimeoutMs } from '../wait.js';
import { checkCreateBody, checkFileOrFlags, createBodyFromFlags, updateBodyFromFile, type CreateFlags } from './options.js';
import { failureMessage, SEARCH_INDEX_VIEW } from './views.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API documents
type Json = Record<string, any>;

const ID_HINT = 'an index id is 24 hexadecimal characters; `atlascli search-index list <cluster>` shows them';

interface WaitFlags {
  wait?: boolean;
  waitTimeout?: string;
}

const clusterPath = (ctx: Context, cluster: string | undefined) => ({ groupId: ctx.projectId(), clusterName: checkClusterName(cluster) });

/** A hint for the Atlas errors a search-index command meets, naming what to run. */
function hintFor(err: AtlasApiError, cluster: string): string | undefined {
  switch (err.errorCode) {
    case 'CLUSTER_NAME_NOT_FOUND':
    case 'CLUSTER_NOT_FOUND':
      return 'see the clusters of the project with: atlascli cluster list';
    case 'ATLAS_SEARCH_INDEX_NOT_FOUND':
      return `see the indexes with: atlascli search-index list ${cluster}`;
    case 'ATLAS_SEARCH_DUPLICATE_INDEX':
      return `an index of that name exists on the collection: atlascli search-index list ${cluster} shows it`;
    default:
      return undefined;
  }
}

/** `send()`, its Atlas errors with this command's hints about `cluster` (shared.ts withHints). */
const hinted = <T>(cluster: string, send: () => Promise<T>): Promise<T> => withHints(send, (err) => hintFor(err, cluster));

async function send<T = Json>(ctx: Context, cluster: string, spec: RequestSpec): Promise<T> {
  const client = await ctx.client();
  return hinted(cluster, () => client.request<T>(spec));
}

export async function list(ctx: Context, [cluster]: string[], opts: { limit?: string; db?: string; collection?: string }): Promise<void> {
  if ((opts.db === undefined) !== (opts.collection === undefined)) {
    throw new UsageError(
      opts.db === undefined ? '--collection needs --db' : '--db needs --collection',
      'Atlas lists the indexes of a cluster, or of one collection: give both, or neither',
    );
  }
  const limit = parseLimit(opts);
  const base = clusterPath(ctx, cluster);
  const spec: RequestSpec =
    opts.db === undefined
      ? { operationId: 'listGroupClusterSearchIndexes', pathParams: base }
      : { operationId: 'listGroupClusterSearchIndex', pathParams: { ...base, databaseName: opts.db, collectionName: opts.collection! } };
  const items = await send<Json[]>(ctx, base.clusterName, spec);
  // a bare array (no pages): renderer.list streams it for -o jsonl as renderList would
  ctx.renderer.list(
    limit === undefined ? items : items.slice(0, limit),
    SEARCH_INDEX_VIEW,
    opts.db === undefined ? scopeOf(base) : `of ${opts.db}.${opts.collection} on cluster ${base.clusterName} in project ${base.groupId}`,
  );
}

export async function get(ctx: Context, [cluster, id]: string[]): Promise<void> {
  const pathParams = { ...clusterPath(ctx, cluster), indexId: checkObjectId('index id', id, ID_HINT) };
  ctx.renderer.object(await send(ctx, pathParams.clusterName, { operationId: 'getGroupClusterSearchIndex', pathParams }), SEARCH_INDEX_VIEW);
}

/**
 * Follows an index until it is READY (create, update) or gone (delete). FAILED ends the
 * wait with Atlas's message (statusDetail[].mainIndex/stagedIndex.message) and exit 1.
 * @returns the final document (undefined once gone)
 */
async function waitForIndex(ctx: Context, groupId: string, cluster: string, id: string, name: string, timeoutMs: number, goal: 'READY' | 'gone'): Promise<Json | undefined> {
  const client = await ctx.client();
  return waitFor<Json>(ctx, {
    subject: `search index ${name} of cluster ${cluster}`,
    goal,
    timeoutMs,
    follow: `atlascli search-index get ${cluster} ${id}`,
    fetch: async () => {
      try {
        return await client.request<Json>({ operationId: 'getGroupClusterSearchIndex', pathParams: { groupId, clusterName: cluster, indexId: id } });
      } catch (err) {
        // the index is gone; the cluster missing is not that
        if (err instanceof AtlasApiError && err.status === 404 && err.errorCode === 'ATLAS_SEARCH_INDEX_NOT_FOUND') return undefined;
        return hinted(cluster, () => Promise.reject(err));
      }
    },
    state: (d) => String(d.status ?? 'unknown'),
    done: (d) => (goal === 'gone' ? d === undefined : d?.status === 'READY'),
    failed: (d) => (d.status === 'FAILED' ? `FAILED: ${failureMessage(d) ?? 'Atlas gave no reason'}` : undefined),
  });
}

async function created(ctx: Context, groupId: string, cluster: string, doc: Json, opts: WaitFlags, verb: string): Promise<void> {
  const timeoutMs = waitTimeoutMs(opts);
  if (timeoutMs === undefined) {
    ctx.renderer.object(doc, SEARCH_INDEX_VIEW);
    ctx.term.info(`search index ${doc.name} ${verb} (${doc.status}); follow it with: atlascli search-index get ${cluster} ${doc.indexID} (or use --wait)`);
    return;
  }
  ctx.renderer.object(await waitForIndex(ctx, groupId, cluster, doc.indexID, doc.name, timeoutMs, 'READY'), SEARCH_INDEX_VIEW);
}

export async function create(ctx: Context, [cluster]: string[], opts: CreateFlags & WaitFlags & { dryRun?: boolean }): Promise<void> {
  checkFileOrFlags(opts);
  waitTimeoutMs(opts); // --wait-timeout without --wait: exit 2 now
  const pathParams = clusterPath(ctx, cluster);
  let body: Json;
  if (opts.file !== undefined) {
    body = await readJsonObjectFile(opts.file, ctx.io.stdin);
    checkCreateBody(body, `--file "${opts.file}"`);
  } else {
    body = createBodyFromFlags(opts);
    checkCreateBody(body, 'the index');
  }
  const spec: RequestSpec = { operationId: 'createGroupClusterSearchIndex', pathParams, body };
  if (await dryRun(ctx, opts, spec)) return;
  const doc = await send(ctx, pathParams.clusterName, spec);
  await created(ctx, pathParams.groupId, pathParams.clusterName, doc, opts, 'is being built');
}

export async function update(ctx: Context, [cluster, id]: string[], opts: { file?: string; dryRun?: boolean } & WaitFlags): Promise<void> {
  waitTimeoutMs(opts);
  const pathParams = { ...clusterPath(ctx, cluster), indexId: checkObjectId('index id', id, ID_HINT) };
  if (opts.file === undefined)
    throw new UsageError(
      'missing --file <def.json>',
      'the file holds the new definition: {"definition": {…}}; `search-index get <cluster> <id> -o json` shows the current one (latestDefinition)',
    );
  const doc = await readJsonObjectFile(opts.file, ctx.io.stdin);
  const { body } = updateBodyFromFile(doc, `--file "${opts.file}"`);
  const spec: RequestSpec = { operationId: 'updateGroupClusterSearchIndex', pathParams, body };
  if (await dryRun(ctx, opts, spec)) return;
  const updated = await send(ctx, pathParams.clusterName, spec);
  await created(ctx, pathParams.groupId, pathParams.clusterName, updated, opts, 'is being rebuilt');
}

export async function remove(ctx: Context, [cluster, id]: string[], opts: { dryRun?: boolean; ifExists?: boolean } & WaitFlags): Promise<void> {
  const timeoutMs = waitTimeoutMs(opts);
  const pathParams = { ...clusterPath(ctx, cluster), indexId: checkObjectId('index id', id, ID_HINT) };
  const what = `search index ${pathParams.indexId} of cluster ${pathParams.clusterName}`;
  const spec: RequestSpec = { operationId: 'deleteGroupClusterSearchIndex', pathParams };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Delete ${what}`))) return;
  if (!(await deleting(ctx, opts, what, () => send(ctx, pathParams.clusterName, spec)))) return;
  if (timeoutMs !== undefined) await waitForIndex(ctx, pathParams.groupId, pathParams.clusterName, pathParams.indexId, pathParams.indexId, timeoutMs, 'gone');
  ctx.renderer.done(`deleted ${what}`, { deleted: true, id: pathParams.indexId, cluster: pathParams.clusterName });
}
