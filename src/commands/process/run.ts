import type { Context } from '../../program/context.js';
import type { RequestSpec } from '../../atlas/client.js';
import { parseLimit } from '../../args/values.js';
import { renderGet, renderList, scopeOf } from '../shared.js';
import { checkClusterExists, isType, parseProcessId, parseProcessType } from './hosts.js';
import { clusterOf, DATABASE_VIEW, DISK_VIEW, PROCESS_VIEW, type ProcessDoc } from './views.js';

interface ListOptions {
  cluster?: string;
  type?: string;
  limit?: string;
  allProjects?: boolean;
}

export async function list(ctx: Context, _args: string[], opts: ListOptions): Promise<void> {
  const type = opts.type === undefined ? undefined : parseProcessType(opts.type);
  if (opts.allProjects) {
    const { renderAcrossProjects } = await import('../fleet/fanout.js');
    const cluster = opts.cluster?.toLowerCase();
    await renderAcrossProjects(
      ctx,
      async (client, p) =>
        (await client.list<ProcessDoc>({ operationId: 'listGroupProcesses', pathParams: { groupId: p.id } })).filter(
          (d) => (cluster === undefined || clusterOf(d) === cluster) && (type === undefined || isType(d, type)),
        ),
      PROCESS_VIEW,
      opts,
    );
    return;
  }
  const groupId = ctx.projectId();
  const limit = parseLimit(opts);
  const spec: RequestSpec = { operationId: 'listGroupProcesses', pathParams: { groupId } };
  if (opts.cluster === undefined && type === undefined) {
    await renderList(ctx, spec, PROCESS_VIEW, opts);
    return;
  }
  const client = await ctx.client();
  const [all] = await Promise.all([client.list<ProcessDoc>(spec), opts.cluster === undefined ? undefined : checkClusterExists(ctx, groupId, opts.cluster)]);
  const cluster = opts.cluster?.toLowerCase();
  const picked = all.filter((p) => (cluster === undefined || clusterOf(p) === cluster) && (type === undefined || isType(p, type)));
  const scope = [opts.cluster === undefined ? undefined : `of cluster ${opts.cluster}`, scopeOf({ groupId })].filter(Boolean).join(' ');
  ctx.renderer.list(limit === undefined ? picked : picked.slice(0, limit), PROCESS_VIEW, scope);
}

export async function get(ctx: Context, [id]: string[]): Promise<void> {
  const processId = parseProcessId(id!);
  await renderGet(ctx, { operationId: 'getGroupProcess', pathParams: { groupId: ctx.projectId(), processId } }, PROCESS_VIEW);
}

export async function databases(ctx: Context, [id]: string[], opts: { limit?: string }): Promise<void> {
  const processId = parseProcessId(id!);
  await renderList(ctx, { operationId: 'listGroupProcessDatabases', pathParams: { groupId: ctx.projectId(), processId } }, DATABASE_VIEW, opts);
}

export async function disks(ctx: Context, [id]: string[], opts: { limit?: string }): Promise<void> {
  const processId = parseProcessId(id!);
  await renderList(ctx, { operationId: 'listGroupProcessDisks', pathParams: { groupId: ctx.projectId(), processId } }, DISK_VIEW, opts);
}
