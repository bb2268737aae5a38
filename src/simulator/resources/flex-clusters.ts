// Flex clusters (API version 2024-11-13): /groups/{groupId}/flexClusters. Flex replaced
// the shared M2/M5 tiers in 2025. Documents follow FlexClusterDescription20241113; the
// lifecycle is the clusters' one (CREATING → IDLE, DELETING → gone, timed by durations.ts).
// A dedicated or free cluster is refused here with 400
// CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API ("Cannot use non-flex cluster <name> in the
// flex API.", as Atlas answered terraform-provider-mongodbatlas' acceptance tests).
import { link, paginate, requireProject, V2, type Ctx, type HandlerTable } from '../context.js';
import { errors } from '../errors.js';
import type { ClusterRecord, Json } from '../state.js';
import { randomDomain, sortKeys } from './cluster-model.js';
import { checkNewName } from './clusters.js';
import { checkRegion, type Cloud } from './regions.js';

const CLOUDS = ['AWS', 'GCP', 'AZURE'];
/** Flex clusters run the current LTS release; their storage is 5 GB. */
export const FLEX_VERSION = '8.0.29';
export const FLEX_DISK_GB = 5;

export function requireFlex(ctx: Ctx): ClusterRecord {
  const p = requireProject(ctx);
  const c = ctx.state.cluster(p.id, ctx.params.name);
  if (!c) throw errors.clusterNotFound(ctx.params.name, p.id);
  if (!c.flex) throw errors.nonFlexInFlexApi(c.doc.name);
  return c;
}

export function renderFlex(c: ClusterRecord, base: string): Json {
  const d = structuredClone(c.doc) as Json;
  const host = String(d.name).toLowerCase();
  d.connectionStrings =
    d.stateName === 'CREATING'
      ? {}
      : {
          standard: `mongodb://ac-${host}-shard-00-00.${c.domain}:27017,ac-${host}-shard-00-01.${c.domain}:27017,ac-${host}-shard-00-02.${c.domain}:27017/?ssl=true&authSource=admin&replicaSet=atlas-${c.domain.slice(0, 6)}-shard-0`,
          standardSrv: `mongodb+srv://${host}.${c.domain}`,
        };
  d.links = [link(base, `${V2}/groups/${d.groupId}/flexClusters/${encodeURIComponent(d.name)}`)];
  return sortKeys(d);
}

function str(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

export const flexClusterHandlers: HandlerTable = {
  listGroupFlexClusters: (ctx) => {
    const p = requireProject(ctx);
    const flex = ctx.state
      .clustersOf(p.id)
      .filter((c) => c.flex)
      .sort((a, b) => (a.doc.createDate < b.doc.createDate ? -1 : a.doc.createDate > b.doc.createDate ? 1 : a.doc.name < b.doc.name ? -1 : 1));
    return paginate(ctx, flex, (c) => renderFlex(c, ctx.base));
  },

  getGroupFlexCluster: (ctx) => ({ body: renderFlex(requireFlex(ctx), ctx.base) }),

  createGroupFlexCluster: (ctx) => {
    const p = requireProject(ctx);
    const body = (ctx.body ?? {}) as Json;
    // FlexClusterDescriptionCreate20241113: name and providerSettings{backingProviderName, regionName} required
    if (!str(body.name)) throw errors.missingAttribute('name');
    if (!/^[a-zA-Z0-9][a-zA-Z0-9-]*$/.test(body.name)) throw errors.invalidAttribute('name', 'use ASCII letters, digits and hyphens');
    const ps = body.providerSettings as Json | undefined;
    if (!ps || typeof ps !== 'object') throw errors.missingAttribute('providerSettings');
    if (!str(ps.backingProviderName)) throw errors.missingAttribute('providerSettings.backingProviderName');
    if (!CLOUDS.includes(ps.backingProviderName)) throw errors.invalidAttribute('providerSettings.backingProviderName', `use one of ${CLOUDS.join(', ')}`);
    if (!str(ps.regionName)) throw errors.missingAttribute('providerSettings.regionName');
    // the backing cloud's regions (spec), refused as Atlas refuses them: 400 INVALID_REGION
    checkRegion(ps.backingProviderName as Cloud, ps.regionName);
    for (const k of Object.keys(body)) {
      if (!['name', 'providerSettings', 'tags', 'terminationProtectionEnabled'].includes(k)) throw errors.invalidAttribute(k, 'not a field of a Flex cluster create request');
    }
    checkNewName(ctx.state, p.id, body.name);
    const doc: Json = {
      backupSettings: { enabled: true },
      clusterType: 'REPLICASET',
      createDate: ctx.state.isoNow(),
      groupId: p.id,
      id: ctx.state.newId(),
      mongoDBVersion: FLEX_VERSION,
      name: body.name,
      providerSettings: { backingProviderName: ps.backingProviderName, diskSizeGB: FLEX_DISK_GB, providerName: 'FLEX', regionName: ps.regionName },
      stateName: 'CREATING',
      tags: Array.isArray(body.tags) ? structuredClone(body.tags) : [],
      terminationProtectionEnabled: body.terminationProtectionEnabled === true,
      versionReleaseSystem: 'LTS',
    };
    const c: ClusterRecord = { doc, processArgs: {}, domain: randomDomain(), flex: true };
    ctx.state.addCluster(c);
    ctx.state.transition(c, 'CREATING', 'IDLE', 'sharedCreate');
    return { status: 201, body: renderFlex(c, ctx.base) };
  },

  updateGroupFlexCluster: (ctx) => {
    const c = requireFlex(ctx);
    const body = (ctx.body ?? {}) as Json;
    if (c.doc.stateName === 'DELETING') throw errors.clusterDeleting(c.doc.name);
    for (const k of Object.keys(body)) {
      if (!['tags', 'terminationProtectionEnabled'].includes(k)) throw errors.invalidAttribute(k, 'a Flex cluster update changes tags and terminationProtectionEnabled only');
    }
    if (Array.isArray(body.tags)) c.doc.tags = structuredClone(body.tags);
    if (typeof body.terminationProtectionEnabled === 'boolean') c.doc.terminationProtectionEnabled = body.terminationProtectionEnabled;
    return { body: renderFlex(c, ctx.base) };
  },

  deleteGroupFlexCluster: (ctx) => {
    const c = requireFlex(ctx);
    if (c.doc.terminationProtectionEnabled) throw errors.terminationProtection(c.doc.name, c.doc.groupId);
    if (c.doc.stateName === 'DELETING') throw errors.clusterDeleting(c.doc.name);
    ctx.state.transition(c, 'DELETING', 'GONE');
    return { status: 204 };
  },
};
