/** Run: `network container …` and `network peering …` with checked options → requests and rendering. */
import type { Context } from '../../program/context.js';
import type { RequestSpec } from '../../atlas/client.js';
import { parseLimit } from '../../args/values.js';
import { confirmDestructive, deleting, dryRun, renderList, scopeOf } from '../shared.js';
import { waitFor, waitGone, waitTimeoutMs } from '../wait.js';
import { providersOf, requireProvider } from './common.js';
import { containerBody, peeringBody, peeringCloud, type PeeringFlags } from './options.js';
import { CONTAINER_VIEW, PEER_VIEW, peerError, peerStatus } from './views.js';

type Json = Record<string, unknown>;
type WaitFlags = { wait?: boolean; waitTimeout?: string };

// ---- containers ----------------------------------------------------------------------

/** listGroupContainerAll (every cloud), or listGroupContainers with `providerName` for `--provider`; every page. */
export async function containerList(ctx: Context, _args: string[], opts: { provider?: string; limit?: string }): Promise<void> {
  const groupId = ctx.projectId();
  const spec: RequestSpec =
    opts.provider === undefined
      ? { operationId: 'listGroupContainerAll', pathParams: { groupId } }
      : { operationId: 'listGroupContainers', pathParams: { groupId }, query: { providerName: requireProvider(opts.provider, 'network container list') } };
  await renderList(ctx, spec, CONTAINER_VIEW, opts);
}

/**
 * createGroupContainer: the CIDR block Atlas gives the project's clusters on a cloud (and
 * region). The block's size is checked for the cloud before sending; an overlap with another
 * container is Atlas's to say.
 */
export async function containerCreate(ctx: Context, _args: string[], opts: { provider?: string; region?: string; cidr?: string; dryRun?: boolean }): Promise<void> {
  const cloud = requireProvider(opts.provider, 'network container create');
  const body = containerBody(cloud, opts.region, opts.cidr);
  const spec: RequestSpec = { operationId: 'createGroupContainer', pathParams: { groupId: ctx.projectId() }, body, checkWith: 'atlascli network container list' };
  if (await dryRun(ctx, opts, spec)) return;
  ctx.renderer.object(await (await ctx.client()).request(spec), CONTAINER_VIEW);
}

/** deleteGroupContainer (asks first; --force in scripts). */
export async function containerDelete(ctx: Context, [containerId]: string[], opts: { dryRun?: boolean; ifExists?: boolean }): Promise<void> {
  const spec: RequestSpec = { operationId: 'deleteGroupContainer', pathParams: { groupId: ctx.projectId(), containerId: containerId! } };
  if (await dryRun(ctx, opts, spec)) return;
  const what = `network container ${containerId}`;
  if (!(await confirmDestructive(ctx, `Delete ${what}`))) return;
  const client = await ctx.client();
  if (!(await deleting(ctx, opts, what, () => client.request(spec)))) return;
  ctx.renderer.done(`deleted ${what}`, { deleted: true, id: containerId });
}

// ---- peering connections -------------------------------------------------------------

/** listGroupPeers for `--provider`, else for AWS, AZURE and GCP in turn (Atlas lists one cloud at a time, AWS by default); every page. */
export async function peeringList(ctx: Context, _args: string[], opts: { provider?: string; limit?: string }): Promise<void> {
  const clouds = providersOf(opts.provider);
  const groupId = ctx.projectId();
  if (clouds.length === 1) {
    await renderList(ctx, { operationId: 'listGroupPeers', pathParams: { groupId }, query: { providerName: clouds[0] } }, PEER_VIEW, opts);
    return;
  }
  const limit = parseLimit(opts);
  const client = await ctx.client();
  const peers: unknown[] = [];
  for (const providerName of clouds) peers.push(...(await client.list({ operationId: 'listGroupPeers', pathParams: { groupId }, query: { providerName } })));
  ctx.renderer.list(limit === undefined ? peers : peers.slice(0, limit), PEER_VIEW, scopeOf({ groupId }));
}

/** Polls a peering connection until AVAILABLE (FAILED, or an AWS error state, ends the wait with exit 1). */
async function waitPeerAvailable(ctx: Context, groupId: string, peerId: string, timeoutMs: number): Promise<Json | undefined> {
  const client = await ctx.client();
  return waitFor<Json>(ctx, {
    subject: `peering connection ${peerId}`,
    goal: 'AVAILABLE',
    timeoutMs,
    follow: `atlascli network peering list`,
    fetch: () => client.request<Json>({ operationId: 'getGroupPeer', pathParams: { groupId, peerId } }),
    state: (d) => peerStatus(d) || 'unknown',
    done: (d) => d !== undefined && peerStatus(d) === 'AVAILABLE',
    failed: (d) => (peerStatus(d) === 'FAILED' || peerError(d) ? `failed: ${peerError(d) || peerStatus(d)}` : undefined),
  });
}

/**
 * createGroupPeer: reads the container first (getGroupContainer: its cloud must be the one
 * of the flags, and on AWS its region is the accepter region unless --region says
 * otherwise), then creates the connection; with --wait, until AVAILABLE.
 */
export async function peeringCreate(ctx: Context, _args: string[], opts: PeeringFlags & { container?: string; dryRun?: boolean } & WaitFlags): Promise<void> {
  const cloud = peeringCloud(opts);
  const waitMs = waitTimeoutMs(opts);
  const groupId = ctx.projectId();
  const client = await ctx.client();
  const container = await client.request<Json>({ operationId: 'getGroupContainer', pathParams: { groupId, containerId: opts.container! } });
  const body = peeringBody(cloud, container, opts);
  const spec: RequestSpec = { operationId: 'createGroupPeer', pathParams: { groupId }, body, checkWith: `atlascli network peering list --provider ${cloud}` };
  if (await dryRun(ctx, opts, spec)) return;
  const created = await client.request<Json>(spec);
  if (waitMs === undefined) {
    ctx.renderer.object(created, PEER_VIEW);
    if (cloud === 'AWS' && ctx.output === 'table') {
      ctx.term.info(
        `accept the peering request in AWS account ${String(body.awsAccountId)} (${String(body.accepterRegionName)}), then follow it with: atlascli network peering list --provider AWS (or use --wait)`,
      );
    }
    return;
  }
  ctx.renderer.object(await waitPeerAvailable(ctx, groupId, String(created.id), waitMs), PEER_VIEW);
}

/** deleteGroupPeer (asks first; --force in scripts): Atlas answers 202 and terminates it; with --wait, until it is gone. */
export async function peeringDelete(ctx: Context, [peerId]: string[], opts: { dryRun?: boolean; ifExists?: boolean } & WaitFlags): Promise<void> {
  const waitMs = waitTimeoutMs(opts);
  const groupId = ctx.projectId();
  const pathParams = { groupId, peerId: peerId! };
  const spec: RequestSpec = { operationId: 'deleteGroupPeer', pathParams };
  if (await dryRun(ctx, opts, spec)) return;
  const what = `peering connection ${peerId}`;
  if (!(await confirmDestructive(ctx, `Delete ${what}`))) return;
  const client = await ctx.client();
  if (!(await deleting(ctx, opts, what, () => client.request(spec)))) return;
  if (waitMs !== undefined) {
    await waitGone<Json>(ctx, {
      subject: what,
      timeoutMs: waitMs,
      follow: 'atlascli network peering list',
      fetch: () => client.request<Json>({ operationId: 'getGroupPeer', pathParams }),
      state: (d) => peerStatus(d) || 'unknown',
    });
  }
  ctx.renderer.done(`${waitMs === undefined ? 'deleting' : 'deleted'} ${what}`, { deleted: true, id: peerId });
}
