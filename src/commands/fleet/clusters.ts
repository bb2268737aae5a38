/**
 * The clusters of a fleet: every cluster of the projects `--all-projects` covers (or of
 * the one project), dedicated and free (listGroupClusters) and Flex
 * (listGroupFlexClusters), each with its project, filtered by `--select` on what the lists
 * returned: no request per cluster.
 */
import type { Context } from '../../program/context.js';
import type { AtlasClient } from '../../atlas/client.js';
import type { SelectSubject, Selector } from '../../args/select.js';
import type { Json } from '../cluster/body.js';
import { tierOf } from '../cluster/views.js';
import { FANOUT_CONCURRENCY, fleetProjects, orderedFanOut, type FleetProject } from './fanout.js';

export interface FleetCluster {
  project: FleetProject;
  /** the cluster document as served (it carries its groupId) */
  doc: Json;
}

function regionConfigs(doc: Json): Json[] {
  const specs = Array.isArray(doc?.replicationSpecs) ? (doc.replicationSpecs as Json[]) : [];
  return specs.flatMap((s) => (Array.isArray(s?.regionConfigs) ? (s.regionConfigs as Json[]) : []));
}

/** What `--select` terms look at, from a cluster document and its project. */
export function subjectOf(doc: Json, project: FleetProject): SelectSubject {
  const tags: Record<string, string> = {};
  for (const t of Array.isArray(doc.tags) ? (doc.tags as Json[]) : []) if (typeof t?.key === 'string') tags[t.key] = String(t.value ?? '');
  const providers = new Set<string>();
  const ps = doc.providerSettings;
  if (ps?.providerName === 'FLEX' && ps.backingProviderName) providers.add(String(ps.backingProviderName).toUpperCase());
  for (const rc of regionConfigs(doc)) {
    const p = rc.providerName === 'TENANT' || rc.providerName === 'FLEX' ? rc.backingProviderName : rc.providerName;
    if (typeof p === 'string') providers.add(p.toUpperCase());
  }
  return {
    name: String(doc.name ?? ''),
    project: project.name,
    tags,
    tiers: tierOf(doc)
      .split(',')
      .filter(Boolean)
      .map((t) => t.toUpperCase()),
    providers: [...providers],
    state: String(doc.stateName ?? ''),
    paused: doc.paused === true,
    createDate: typeof doc.createDate === 'string' ? doc.createDate : undefined,
  };
}

/** One project's clusters: the clusters API's, then the Flex API's. */
async function projectClusters(client: AtlasClient, p: FleetProject): Promise<Json[]> {
  const [dedicated, flex] = await Promise.all([
    client.list<Json>({ operationId: 'listGroupClusters', pathParams: { groupId: p.id } }),
    client.list<Json>({ operationId: 'listGroupFlexClusters', pathParams: { groupId: p.id } }),
  ]);
  return [...dedicated, ...flex];
}

/**
 * The projects a fleet command covers: `--all-projects` (fanout.ts), else the command's
 * project, whose name is read (getGroup) for `project=` terms and the plan.
 */
export async function scopeProjects(ctx: Context, allProjects: boolean | undefined): Promise<FleetProject[]> {
  if (allProjects) return fleetProjects(ctx);
  const groupId = ctx.projectId();
  const doc = await (await ctx.client()).request<{ id: string; name: string; orgId?: string }>({ operationId: 'getGroup', pathParams: { groupId } });
  return [{ id: doc.id, name: doc.name, orgId: doc.orgId }];
}

/**
 * Lists the clusters of `projects` with at most FANOUT_CONCURRENCY projects in flight and
 * hands the selected ones to `emit` in project order, a project's at a time.
 */
export async function forEachFleetCluster(
  ctx: Context,
  projects: readonly FleetProject[],
  select: Selector | undefined,
  emit: (clusters: FleetCluster[]) => void,
  stop?: () => boolean,
): Promise<void> {
  const client = await ctx.client();
  const now = Date.now();
  await orderedFanOut(
    projects,
    FANOUT_CONCURRENCY,
    (p) => projectClusters(client, p),
    (p, docs) => emit(docs.filter((d) => !select || select.matches(subjectOf(d, p), now)).map((doc) => ({ project: p, doc }))),
    stop,
  );
}
