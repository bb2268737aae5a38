/**
 * Handlers of `cluster sample-data load|status`, `cluster upgrade` and `cluster regions`:
 * validate, build the request, send it, render.
 */
import type { Context } from '../../program/context.js';
import { AtlasApiError, CliError, UsageError } from '../../errors.js';
import type { RequestSpec } from '../../atlas/client.js';
import { dryRun } from '../shared.js';
import { waitFor } from '../wait.js';
import type { Json } from './body.js';
import { fetchCluster, kindOf, KIND_LABEL } from './kind.js';
import { checkClusterName, offeredRegions, offeredSizes, parseAnyRegion, parseProvider, parseRegion, PROVIDERS, tierKind, type Provider } from './validate.js';
import { waitForCluster, waitTimeoutMs } from './wait.js';
import { CLUSTER_VIEW, SAMPLE_JOB_VIEW, REGIONS_VIEW } from './views.js';

interface WaitOptions {
  wait?: boolean;
  waitTimeout?: string;
  dryRun?: boolean;
}

// ---- sample data -------------------------------------------------------------------------

const statusCommand = (cluster: string, id: string) => `atlascli cluster sample-data status ${cluster} ${id}`;

/**
 * `cluster sample-data load <cluster> [--wait]`: requestGroupSampleDatasetLoad (201, the job
 * WORKING); with --wait, getGroupSampleDatasetLoad until COMPLETED, or FAILED (exit 1 with
 * Atlas's errorMessage). Prints the job.
 * @throws AtlasApiError as Atlas answers (404 CLUSTER_NOT_FOUND; a paused cluster's refusal says how to resume it)
 */
export async function sampleLoad(ctx: Context, [cluster]: string[], opts: WaitOptions): Promise<void> {
  const name = checkClusterName(cluster);
  const timeout = waitTimeoutMs(opts);
  const groupId = ctx.projectId();
  const spec: RequestSpec = { operationId: 'requestGroupSampleDatasetLoad', pathParams: { groupId, name } };
  if (await dryRun(ctx, opts, spec)) return;
  let job: Json;
  try {
    job = await (await ctx.client()).request<Json>(spec);
  } catch (err) {
    if (err instanceof AtlasApiError && err.errorCode === 'CANNOT_UPDATE_PAUSED_CLUSTER') {
      throw err.withHint(`cluster ${name} is paused: resume it first with \`atlascli cluster resume ${name}\``);
    }
    throw err;
  }
  if (timeout === undefined) {
    ctx.renderer.object(job, SAMPLE_JOB_VIEW);
    if (job.state === 'WORKING') ctx.term.info(`loading the sample data into cluster ${name}; follow it with: ${statusCommand(name, String(job._id))}`);
    return;
  }
  ctx.renderer.object(await waitForSampleJob(ctx, groupId, name, String(job._id), timeout, job), SAMPLE_JOB_VIEW);
}

/** Polls a sample dataset load until COMPLETED; FAILED ends it with Atlas's message (exit 1). */
async function waitForSampleJob(ctx: Context, groupId: string, cluster: string, id: string, timeoutMs: number, initial?: Json): Promise<Json> {
  const client = await ctx.client();
  let first = initial;
  const doc = await waitFor<Json>(ctx, {
    subject: `sample data load ${id} on cluster ${cluster}`,
    goal: 'COMPLETED',
    reached: `sample data loaded into cluster ${cluster}`,
    timeoutMs,
    follow: statusCommand(cluster, id),
    state: (d) => String(d.state ?? 'unknown'),
    done: (d) => d?.state === 'COMPLETED',
    failed: (d) => (d.state === 'FAILED' ? `FAILED: ${String(d.errorMessage ?? 'Atlas gave no reason')}` : undefined),
    fetch: async () => {
      if (first && first.state !== 'WORKING') {
        const d = first;
        first = undefined;
        return d;
      }
      first = undefined;
      return client.request<Json>({ operationId: 'getGroupSampleDatasetLoad', pathParams: { groupId, sampleDatasetId: id } });
    },
  });
  return doc!;
}

/**
 * `cluster sample-data status <cluster> <jobId> [--wait]`: getGroupSampleDatasetLoad. A job
 * of another cluster is an error (exit 1), naming that cluster.
 */
export async function sampleStatus(ctx: Context, [cluster, id]: string[], opts: Omit<WaitOptions, 'dryRun'>): Promise<void> {
  const name = checkClusterName(cluster);
  const timeout = waitTimeoutMs(opts);
  const groupId = ctx.projectId();
  const job = await (await ctx.client()).request<Json>({ operationId: 'getGroupSampleDatasetLoad', pathParams: { groupId, sampleDatasetId: id! } });
  if (job.clusterName !== undefined && job.clusterName !== name) {
    throw new CliError(`sample data load ${id} is for cluster ${String(job.clusterName)}, not ${name}`, `run \`${statusCommand(String(job.clusterName), id!)}\``);
  }
  if (timeout === undefined) {
    ctx.renderer.object(job, SAMPLE_JOB_VIEW);
    return;
  }
  ctx.renderer.object(await waitForSampleJob(ctx, groupId, name, id!, timeout, job), SAMPLE_JOB_VIEW);
}

// ---- upgrade -----------------------------------------------------------------------------

interface UpgradeOptions extends WaitOptions {
  tier?: string;
  provider?: string;
  region?: string;
}

/** The dedicated tier, cloud and region asked for, checked before any request (exit 2). */
function parseUpgrade(opts: UpgradeOptions): { tier: string; provider?: Provider; region?: string } {
  if (opts.tier === undefined) throw new UsageError('--tier is required', 'the dedicated tier to move to: M10, M20, M30…');
  const provider = opts.provider === undefined ? undefined : parseProvider(opts.provider);
  const tier = opts.tier.trim().toUpperCase();
  if (tierKind(tier) !== 'dedicated') {
    throw new UsageError(`cluster upgrade goes to a dedicated tier, not ${tier}`, 'give M10 or larger');
  }
  // the size must exist on the cloud given, or on some cloud when the cluster's decides later
  const clouds = provider ? [provider] : PROVIDERS;
  if (!clouds.some((p) => offeredSizes(p)?.includes(tier) ?? true)) {
    throw new UsageError(`invalid --tier "${opts.tier}"${provider ? ` for ${provider}` : ''}`, `use one of: ${(offeredSizes(provider ?? 'AWS') ?? []).slice(0, 12).join(', ')}…`);
  }
  const region = opts.region === undefined ? undefined : provider ? parseRegion(opts.region, provider) : parseAnyRegion(opts.region);
  return { tier, provider, region };
}

/** Where a free or Flex cluster runs: its backing cloud and region. */
function placeOf(doc: Json): { provider?: string; region?: string } {
  if (doc.providerSettings) return { provider: doc.providerSettings.backingProviderName, region: doc.providerSettings.regionName };
  const rc = doc.replicationSpecs?.[0]?.regionConfigs?.[0] ?? {};
  return { provider: rc.backingProviderName, region: rc.regionName };
}

/**
 * `cluster upgrade <name> --tier M10 [--provider --region] [--wait]`: a free (M0) cluster
 * through upgradeGroupClusterTenantUpgrade, a Flex cluster through tenantGroupFlexClusterUpgrade;
 * the cluster keeps its name and moves to the clusters API as a dedicated cluster. Cloud
 * and region default to the cluster's own. Prints Atlas's answer, or with --wait the
 * cluster once IDLE (read from the clusters API).
 * @throws UsageError (exit 2) before any request for a bad tier, cloud or region, and after
 *   reading the cluster when it is dedicated already
 */
export async function upgrade(ctx: Context, [cluster]: string[], opts: UpgradeOptions): Promise<void> {
  const name = checkClusterName(cluster);
  const want = parseUpgrade(opts);
  const timeout = waitTimeoutMs(opts);
  const groupId = ctx.projectId();
  const client = await ctx.client();
  const { value: current } = await fetchCluster(client, groupId, name);
  const kind = kindOf(current);
  if (kind === 'dedicated') {
    throw new UsageError(`cluster ${name} is a dedicated cluster already`, `change its tier with \`atlascli cluster update ${name} --tier ${want.tier}\``);
  }
  const here = placeOf(current);
  const provider = want.provider ?? (PROVIDERS.includes(here.provider as Provider) ? (here.provider as Provider) : 'AWS');
  if (offeredSizes(provider) && !offeredSizes(provider)!.includes(want.tier))
    throw new UsageError(`${want.tier} is not offered on ${provider}`, `cluster ${name} runs on ${provider}; give --provider to move it`);
  const region = want.region ?? (want.provider && want.provider !== here.provider ? undefined : here.region);
  if (region === undefined)
    throw new UsageError(`--region is required when moving cluster ${name} to ${provider}`, `e.g. --region ${offeredRegions(provider)?.[0] ?? 'US_EAST_1'}`);
  if (want.region !== undefined) parseRegion(region, provider);
  const spec: RequestSpec =
    kind === 'free'
      ? {
          operationId: 'upgradeGroupClusterTenantUpgrade',
          pathParams: { groupId },
          body: { name, providerSettings: { providerName: provider, instanceSizeName: want.tier, regionName: region } },
        }
      : {
          operationId: 'tenantGroupFlexClusterUpgrade',
          pathParams: { groupId },
          body: {
            name,
            clusterType: 'REPLICASET',
            replicationSpecs: [
              { zoneName: 'Zone 1', regionConfigs: [{ providerName: provider, regionName: region, priority: 7, electableSpecs: { instanceSize: want.tier, nodeCount: 3 } }] },
            ],
          },
        };
  if (await dryRun(ctx, opts, spec)) return;
  const answer = await client.request<Json>(spec);
  ctx.term.info(`upgrading ${KIND_LABEL[kind]} cluster ${name} to ${want.tier} on ${provider} ${region}`);
  if (timeout === undefined) {
    ctx.renderer.object(answer, CLUSTER_VIEW);
    ctx.term.info(`follow it with: atlascli cluster watch ${name}`);
    return;
  }
  const final = await waitForCluster(ctx, groupId, name, 'IDLE', timeout, { api: 'clusters' });
  ctx.renderer.object(final, CLUSTER_VIEW);
}

// ---- regions -----------------------------------------------------------------------------

/**
 * `cluster regions [--provider AWS|GCP|AZURE] [--tier M10]`: listGroupClusterProviderRegions
 * (every page); JSON prints the results as served, one per cloud.
 */
export async function regions(ctx: Context, _args: string[], opts: { provider?: string; tier?: string }): Promise<void> {
  const provider = opts.provider === undefined ? undefined : parseProvider(opts.provider);
  let tier: string | undefined;
  if (opts.tier !== undefined) {
    tier = opts.tier.trim().toUpperCase();
    const clouds = provider ? [provider] : PROVIDERS;
    if (tierKind(tier) !== 'dedicated' || !clouds.some((p) => offeredSizes(p)?.includes(tier!) ?? true)) {
      throw new UsageError(`invalid --tier "${opts.tier}"${provider ? ` for ${provider}` : ''}`, 'give a dedicated tier: M10, M20, M30…');
    }
  }
  const groupId = ctx.projectId();
  const query: Record<string, string | readonly string[]> = {};
  if (provider) query.providers = [provider];
  if (tier) query.tier = tier;
  const results = await (await ctx.client()).list<Json>({ operationId: 'listGroupClusterProviderRegions', pathParams: { groupId }, query });
  ctx.renderer.list(results, REGIONS_VIEW);
  if (ctx.output === 'table' && results.length) ctx.term.info('* marks the regions Atlas suggests by default');
}

/**
 * Region names of one cloud from listGroupClusterProviderRegions (for completion), for a
 * tier if given: every tier's regions otherwise.
 */
export function regionNames(results: readonly Json[], provider: string): string[] {
  const names = new Set<string>();
  for (const r of results) {
    if (r.provider !== provider) continue;
    for (const s of (r.instanceSizes ?? []) as Json[]) for (const reg of (s.availableRegions ?? []) as Json[]) if (typeof reg.name === 'string') names.add(reg.name);
  }
  return [...names];
}
