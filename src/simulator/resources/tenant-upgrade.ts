// Upgrades of a free (M0) or Flex cluster, keeping its name, id, creation date, tags and
// host names:
// - POST /groups/{groupId}/clusters/tenantUpgrade (upgradeGroupClusterTenantUpgrade, 2023-01-01,
//   body LegacyAtlasTenantClusterUpgradeRequest): a free cluster becomes a Flex cluster
//   (`providerSettings.providerName: FLEX`) or a dedicated one (AWS, GCP or AZURE with
//   `instanceSizeName` M10 or larger); the answer is the cluster in the LegacyAtlasCluster
//   shape, UPDATING (spec: its 200 response);
// - POST /groups/{groupId}/flexClusters:tenantUpgrade (tenantGroupFlexClusterUpgrade,
//   2024-11-13, body AtlasTenantClusterUpgradeRequest20240805): a Flex cluster becomes a
//   dedicated one with the body's replicationSpecs; the answer is the Flex description,
//   UPDATING (spec: FlexClusterDescription20241113).
// The change takes a tenant upgrade's duration (durations.ts): UPDATING, then IDLE.
// Unconfirmed (no recording): Atlas's answer to an upgrade of a cluster that is neither free
// nor Flex, or to a free or shared target tier (INVALID_CLUSTER_CONFIGURATION here).
import { requireProject, type Ctx, type HandlerTable } from '../context.js';
import { errors } from '../errors.js';
import type { ClusterRecord, Json } from '../state.js';
import { isTenant, newCluster, renderCluster } from './cluster-model.js';
import { FLEX_DISK_GB, FLEX_VERSION, renderFlex } from './flex-clusters.js';

const CLOUDS = ['AWS', 'GCP', 'AZURE'];
/** Tiers an upgrade cannot go to: free, shared (retired) and Flex ones. */
const NOT_DEDICATED = /^(M0|M2|M5|FLEX)$/;

function requireClusterNamed(ctx: Ctx, name: unknown): ClusterRecord {
  const p = requireProject(ctx);
  if (typeof name !== 'string' || !name) throw errors.missingAttribute('name');
  const c = ctx.state.cluster(p.id, name);
  if (!c) throw errors.clusterNotFound(name, p.id);
  if (c.doc.stateName === 'DELETING') throw errors.clusterDeleting(name);
  return c;
}

/** The first region config of a free cluster: its backing cloud and region. */
function tenantRegion(c: ClusterRecord): { backing: string; region: string } {
  const rc = c.doc.replicationSpecs?.[0]?.regionConfigs?.[0] ?? {};
  return { backing: rc.backingProviderName ?? 'AWS', region: rc.regionName ?? 'US_EAST_1' };
}

/** A dedicated cluster in place of `old`: same name, id, creation date, tags, protection and host names. */
function dedicatedFrom(ctx: Ctx, old: ClusterRecord, body: Json): ClusterRecord {
  const rec = newCluster(ctx.state, old.doc.groupId, { ...body, name: old.doc.name }, '2024-08-05');
  for (const k of ['id', 'createDate', 'tags', 'terminationProtectionEnabled']) if (old.doc[k] !== undefined) rec.doc[k] = structuredClone(old.doc[k]);
  rec.domain = old.domain;
  return rec;
}

function checkDedicatedSize(size: unknown, attribute: string): void {
  if (typeof size !== 'string' || !size) throw errors.missingAttribute(attribute);
  if (NOT_DEDICATED.test(size)) throw errors.invalidClusterConfiguration(`an upgrade goes to a dedicated tier (M10 or larger) or to FLEX, not ${size}`);
}

export const tenantUpgradeHandlers: HandlerTable = {
  upgradeGroupClusterTenantUpgrade: (ctx) => {
    const body = ctx.body as Json;
    const c = requireClusterNamed(ctx, body.name);
    if (c.flex) throw errors.flexInClusterApi(c.doc.name);
    if (!isTenant(c.doc)) throw errors.invalidClusterConfiguration(`cluster ${c.doc.name} is not a free (M0) cluster`);
    const ps = (body.providerSettings ?? {}) as Json;
    if (!ps.providerName) throw errors.missingAttribute('providerSettings.providerName');
    const from = tenantRegion(c);
    const region = ps.regionName ?? from.region;
    if (ps.providerName === 'FLEX') {
      const starting = renderCluster({ ...c, doc: { ...c.doc, stateName: 'UPDATING' } }, '2023-01-01', ctx.base);
      const backing = ps.backingProviderName ?? from.backing;
      const flex: ClusterRecord = {
        flex: true,
        domain: c.domain,
        processArgs: {},
        doc: {
          backupSettings: { enabled: true },
          clusterType: 'REPLICASET',
          createDate: c.doc.createDate,
          groupId: c.doc.groupId,
          id: c.doc.id,
          mongoDBVersion: FLEX_VERSION,
          name: c.doc.name,
          providerSettings: { backingProviderName: backing, diskSizeGB: FLEX_DISK_GB, providerName: 'FLEX', regionName: region },
          stateName: 'UPDATING',
          tags: structuredClone(c.doc.tags ?? []),
          terminationProtectionEnabled: c.doc.terminationProtectionEnabled === true,
          versionReleaseSystem: 'LTS',
        },
      };
      ctx.state.addCluster(flex);
      ctx.state.transition(flex, 'UPDATING', 'IDLE', 'tenantUpgrade');
      return { body: starting };
    }
    if (!CLOUDS.includes(ps.providerName)) throw errors.invalidClusterConfiguration(`an upgrade goes to AWS, GCP, AZURE or FLEX, not ${ps.providerName}`);
    checkDedicatedSize(ps.instanceSizeName, 'providerSettings.instanceSizeName');
    const rec = dedicatedFrom(ctx, c, {
      clusterType: 'REPLICASET',
      backupEnabled: body.providerBackupEnabled ?? body.backupEnabled ?? false,
      mongoDBMajorVersion: c.doc.mongoDBMajorVersion,
      replicationSpecs: [
        {
          zoneName: 'Zone 1',
          regionConfigs: [{ providerName: ps.providerName, regionName: region, priority: 7, electableSpecs: { instanceSize: ps.instanceSizeName, nodeCount: 3 } }],
        },
      ],
    });
    ctx.state.addCluster(rec);
    ctx.state.transition(rec, 'UPDATING', 'IDLE', 'tenantUpgrade');
    return { body: renderCluster(rec, '2023-01-01', ctx.base) };
  },

  tenantGroupFlexClusterUpgrade: (ctx) => {
    const body = ctx.body as Json;
    const c = requireClusterNamed(ctx, body.name);
    if (!c.flex) throw errors.nonFlexInFlexApi(c.doc.name);
    const ps = c.doc.providerSettings ?? {};
    const specs = (body.replicationSpecs as Json[] | undefined) ?? [
      {
        zoneName: 'Zone 1',
        regionConfigs: [{ providerName: ps.backingProviderName ?? 'AWS', regionName: ps.regionName, priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 3 } }],
      },
    ];
    for (const [i, s] of specs.entries()) {
      for (const [j, rc] of ((s.regionConfigs ?? []) as Json[]).entries()) {
        if (!CLOUDS.includes(rc.providerName)) throw errors.invalidClusterConfiguration(`replicationSpecs[${i}].regionConfigs[${j}] must be on AWS, GCP or AZURE`);
        checkDedicatedSize(rc.electableSpecs?.instanceSize, `replicationSpecs[${i}].regionConfigs[${j}].electableSpecs.instanceSize`);
      }
    }
    const starting = renderFlex({ ...c, doc: { ...c.doc, stateName: 'UPDATING' } }, ctx.base);
    const { name: _name, replicationSpecs: _specs, ...rest } = body;
    void _name;
    void _specs;
    const rec = dedicatedFrom(ctx, c, { ...rest, clusterType: body.clusterType ?? 'REPLICASET', mongoDBMajorVersion: body.mongoDBMajorVersion ?? '8.0', replicationSpecs: specs });
    ctx.state.addCluster(rec);
    ctx.state.transition(rec, 'UPDATING', 'IDLE', 'tenantUpgrade');
    return { body: starting };
  },
};
