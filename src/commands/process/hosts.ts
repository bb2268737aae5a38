/**
 * Naming processes and hosts on the command line, and finding the processes of a
 * cluster: what `process`, `metrics` and `logs` share.
 */
import type { Context } from '../../program/context.js';
import { AtlasApiError, CliError, UsageError } from '../../errors.js';
import { clusterOf, PROCESS_TYPES, type ProcessDoc } from './views.js';
import { fetchCluster, KIND_LABEL, kindOf } from '../cluster/kind.js';

// `host:port` and host names are checked where every command that takes one checks it (src/args/names.ts)
export { parseHostname, parseProcessId } from '../../args/names.js';

/** `--type primary|secondary|mongos|config`. */
export function parseProcessType(value: string): string {
  const v = value.trim().toLowerCase();
  if (!PROCESS_TYPES[v]) throw new UsageError(`invalid --type "${value}"`, `use one of: ${Object.keys(PROCESS_TYPES).join(', ')}`);
  return v;
}

/** Whether a process is of a `--type`. */
export function isType(p: ProcessDoc, type: string): boolean {
  return (PROCESS_TYPES[type] ?? []).includes(p.typeName ?? '');
}

/**
 * The processes of cluster `name` (operations getGroupCluster and listGroupProcesses, sent
 * together): a missing cluster is Atlas's 404 (exit 4); a Flex or free (M0) cluster, a
 * paused one, or one whose processes are not up, a CliError saying so (Atlas shows no
 * processes, measurements or logs for shared tiers).
 */
export async function processesOfCluster(ctx: Context, groupId: string, name: string): Promise<ProcessDoc[]> {
  const client = await ctx.client();
  const [found, all] = await Promise.allSettled([fetchCluster(client, groupId, name), client.list<ProcessDoc>({ operationId: 'listGroupProcesses', pathParams: { groupId } })]);
  if (found.status === 'rejected') throw found.reason;
  if (all.status === 'rejected') throw all.reason;
  const cluster = found.value.value as { name: string; paused?: boolean; stateName?: string };
  const kind = kindOf(found.value.value);
  if (kind !== 'dedicated') {
    throw new CliError(
      `cluster ${cluster.name} is a ${KIND_LABEL[kind]} cluster: Atlas shows no processes, measurements or logs for it`,
      'they exist for dedicated clusters (M10 and up)',
    );
  }
  const mine = all.value.filter((p) => clusterOf(p) === cluster.name.toLowerCase());
  if (!mine.length) {
    throw new CliError(
      cluster.paused
        ? `cluster ${cluster.name} is paused: it has no running processes`
        : `cluster ${cluster.name} has no running processes yet (state ${cluster.stateName ?? 'unknown'})`,
      cluster.paused ? `resume it with: atlascli cluster resume ${cluster.name}` : `\`atlascli cluster watch ${cluster.name}\` waits until it is IDLE`,
    );
  }
  return mine;
}

/** A cluster as either list serves it: what naming the clusters without processes reads. */
export type ListedCluster = { name: string; paused?: boolean; stateName?: string } & Record<string, unknown>;

/**
 * Every cluster of the project, whatever API it lives at: listGroupClusters (dedicated and
 * free) and listGroupFlexClusters (Flex clusters are listed only there), sent together, as
 * served, in that order. For the project-wide commands that name the clusters they read
 * nothing from.
 */
export async function listProjectClusters(ctx: Context, groupId: string): Promise<ListedCluster[]> {
  const client = await ctx.client();
  const [dedicated, flex] = await Promise.all([
    client.list<ListedCluster>({ operationId: 'listGroupClusters', pathParams: { groupId } }),
    client.list<ListedCluster>({ operationId: 'listGroupFlexClusters', pathParams: { groupId } }),
  ]);
  return [...dedicated, ...flex];
}

/** Whether the cluster named exists: 404 from getGroupCluster becomes exit 4, as any 404. */
export async function checkClusterExists(ctx: Context, groupId: string, name: string): Promise<void> {
  try {
    await (await ctx.client()).request({ operationId: 'getGroupCluster', pathParams: { groupId, clusterName: name } });
  } catch (err) {
    if (err instanceof AtlasApiError && err.status === 404) {
      throw err.withHint('`atlascli cluster list` shows the clusters of the project');
    }
    throw err;
  }
}

/** Runs `fn` over `items` with at most `limit` at once; results in the order of `items`. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
