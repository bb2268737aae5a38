// Clusters: list/get/create/update(pause, resume)/delete, restartPrimaries,
// processArgs, status, and the cross-project list. State machine: create → CREATING,
// update → UPDATING, delete → DELETING; after stepMs IDLE (or gone).
//
// Atlas's rules, and where they come from:
// - a Flex cluster is refused here with 400 CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API
//   ("Flex cluster <name> cannot be used in the Cluster API.", as Atlas answered
//   terraform-provider-mongodbatlas' acceptance tests, 2025);
// - a duplicate name is 400 DUPLICATE_CLUSTER_NAME, a name whose first 23 characters
//   (the host-name prefix) match another's is 400 DUPLICATE_CLUSTER_NAME_PREFIX (Atlas
//   API error-code reference);
// - one free (M0, providerName TENANT) cluster per project: 400
//   CANNOT_CREATE_FREE_CLUSTER_VIA_PUBLIC_API ("… reached the limit for the number of
//   free clusters", Atlas's answer recorded in the same acceptance-test logs);
// - pause: `paused` alone (409 CANNOT_UPDATE_AND_PAUSE_CLUSTER), not twice (409
//   CLUSTER_ALREADY_PAUSED), not with pending changes (409
//   CANNOT_PAUSE_CLUSTER_WITH_PENDING_CHANGES), never on NVMe (409
//   CANNOT_PAUSE_NVME_CLUSTER) — the error-code reference's cluster section;
// - termination protection: recorded/clusters/flags/…/Fail_Delete_for_Termination_Protection_enabled.
import { link, paginate, requireProject, V2, type Ctx, type HandlerTable } from '../context.js';
import { errors } from '../errors.js';
import type { ClusterRecord, Json, SimulatorState } from '../state.js';
import { recordEvent } from './events.js';
import { applyClusterUpdate, isNvme, isTenant, mergePatch, newCluster, OFFERED_MAJORS, renderCluster, renderProcessArgs } from './cluster-model.js';

/** Atlas builds host names from the first 23 characters of a cluster's name. */
export const HOST_PREFIX = 23;

function requireCluster(ctx: Ctx): ClusterRecord {
  const p = requireProject(ctx);
  const c = ctx.state.cluster(p.id, ctx.params.clusterName);
  if (!c) throw errors.clusterNotFound(ctx.params.clusterName, p.id);
  if (c.flex) throw errors.flexInClusterApi(c.doc.name);
  return c;
}

/** Dedicated and free clusters need the dedicated API; a free one refuses what only dedicated tiers do. */
function requireDedicated(ctx: Ctx, what: string): ClusterRecord {
  const c = requireCluster(ctx);
  if (isTenant(c.doc)) throw errors.invalidAttribute('instanceSize', `${what} is not available on free (M0) clusters`);
  return c;
}

/** The name checks every create (cluster or Flex) goes through. */
export function checkNewName(state: SimulatorState, groupId: string, name: string): void {
  if (state.cluster(groupId, name)) throw errors.duplicateClusterName(name, groupId);
  const prefix = name.slice(0, HOST_PREFIX).toLowerCase();
  if (state.clustersOf(groupId).some((c) => String(c.doc.name).slice(0, HOST_PREFIX).toLowerCase() === prefix)) {
    throw errors.duplicateClusterNamePrefix(name, HOST_PREFIX);
  }
}

function tenantSize(body: Json): string | undefined {
  for (const s of (body.replicationSpecs ?? []) as Json[]) {
    for (const rc of (s.regionConfigs ?? []) as Json[]) if (rc.providerName === 'TENANT') return rc.electableSpecs?.instanceSize ?? 'M0';
  }
  return undefined;
}

const byCreation = (a: ClusterRecord, b: ClusterRecord) => (a.doc.createDate < b.doc.createDate ? -1 : a.doc.createDate > b.doc.createDate ? 1 : a.doc.name < b.doc.name ? -1 : 1);

export const clusterHandlers: HandlerTable = {
  listGroupClusters: (ctx) => {
    const p = requireProject(ctx);
    const clusters = ctx.state
      .clustersOf(p.id)
      .filter((c) => !c.flex)
      .sort(byCreation);
    return paginate(ctx, clusters, (c) => renderCluster(c, ctx.version, ctx.base));
  },

  /** GET /clusters: every project the key sees, each with a summary of its clusters (OrgGroup). */
  listClusterDetails: (ctx) => {
    const groups = [...ctx.state.projects.values()].map((p) => {
      const org = ctx.state.org(p.orgId);
      return {
        clusters: ctx.state
          .clustersOf(p.id)
          .sort(byCreation)
          .map((c) => {
            const d = c.doc;
            const nodes = c.flex
              ? 3
              : (d.replicationSpecs as Json[]).reduce((n, s) => n + (s.regionConfigs as Json[]).reduce((m, rc) => m + (rc.electableSpecs?.nodeCount ?? 3), 0), 0);
            return {
              alertCount: 0,
              authEnabled: true,
              availability: d.paused ? 'unavailable' : 'available',
              backupEnabled: Boolean(d.backupEnabled ?? d.backupSettings?.enabled),
              clusterId: d.id,
              dataSizeBytes: 0,
              name: d.name,
              nodeCount: nodes,
              sslEnabled: true,
              type: d.clusterType === 'REPLICASET' ? 'REPLICA_SET' : 'SHARDED_CLUSTER',
              versions: [d.mongoDBVersion],
            };
          }),
        groupId: p.id,
        groupName: p.name,
        orgId: p.orgId,
        orgName: org?.name ?? '',
        planType: 'Atlas',
        tags: p.tags.map((t) => `${t.key}:${t.value}`),
      };
    });
    return paginate(ctx, groups);
  },

  getGroupCluster: (ctx) => ({ body: renderCluster(requireCluster(ctx), ctx.version, ctx.base) }),

  createGroupCluster: (ctx) => {
    const p = requireProject(ctx);
    const body = ctx.body as Json;
    const name = typeof body.name === 'string' ? body.name : undefined;
    if (!name) throw errors.missingAttribute('name');
    checkNewName(ctx.state, p.id, name);
    if (body.paused === true) throw errors.invalidAttribute('paused', 'a cluster cannot be created paused');
    const tenant = tenantSize(body);
    if (tenant !== undefined) {
      if (tenant !== 'M0') throw errors.invalidAttribute('instanceSize', `${tenant} is retired: create a Flex cluster (POST /groups/{groupId}/flexClusters) instead`);
      if (ctx.state.clustersOf(p.id).some((c) => !c.flex && isTenant(c.doc))) throw errors.freeClusterLimit();
    }
    const major = body.mongoDBMajorVersion as string | undefined;
    if (major !== undefined && body.versionReleaseSystem !== 'CONTINUOUS' && !OFFERED_MAJORS.includes(major)) {
      throw errors.invalidAttribute('mongoDBMajorVersion', `MongoDB ${major} is not offered; use ${OFFERED_MAJORS.join(' or ')}`);
    }
    const c = newCluster(ctx.state, p.id, body, ctx.requestVersion ?? ctx.version);
    ctx.state.addCluster(c);
    ctx.state.transition(c, 'CREATING', 'IDLE', isTenant(c.doc) ? 'sharedCreate' : 'clusterCreate');
    return { status: 201, body: renderCluster(c, ctx.version, ctx.base) };
  },

  updateGroupCluster: (ctx) => {
    const c = requireCluster(ctx);
    const body = ctx.body as Json;
    const name = c.doc.name as string;
    if (c.doc.stateName === 'DELETING') throw errors.clusterDeleting(name);
    // docs: CLUSTER_CANNOT_CHANGE_NAME 400
    if (body.name !== undefined && body.name !== name) throw errors.clusterCannotChangeName();
    if (body.paused === true) checkPause(c, body, ctx.state.now());
    else if (c.doc.paused && body.paused !== false) throw errors.cannotUpdatePausedCluster(name);
    if (body.paused === false && c.doc.paused) {
      c.resumedAt = ctx.state.now();
      c.autoResumeAt = undefined;
    }
    if (body.paused === true) c.autoResumeAt = ctx.state.now() + MAX_PAUSE_MS;
    const changes = applyClusterUpdate(ctx.state, c, body, ctx.requestVersion ?? ctx.version);
    if (changes) {
      ctx.state.transition(c, 'UPDATING', 'IDLE', body.paused === true ? 'clusterPause' : body.paused === false ? 'clusterResume' : 'clusterUpdate');
      // a submitted change (a pause and a resume included) is in the project's events: the
      // spec's EventTypeForNdsGroup CLUSTER_UPDATE_SUBMITTED, with the cluster's name
      recordEvent(ctx.state, { clusterName: name, eventTypeName: 'CLUSTER_UPDATE_SUBMITTED', groupId: c.doc.groupId, publicKey: 'simpublickey' });
    }
    return { body: renderCluster(c, ctx.version, ctx.base) };
  },

  deleteGroupCluster: (ctx) => {
    const c = requireCluster(ctx);
    if (c.doc.terminationProtectionEnabled) throw errors.terminationProtection(c.doc.name, c.doc.groupId);
    if (c.doc.stateName === 'DELETING') throw errors.clusterDeleting(c.doc.name);
    if (ctx.query.get('retainBackups') === 'true') c.doc.retainBackups = true;
    ctx.state.transition(c, 'DELETING', 'GONE');
    return { status: 202, body: {} };
  },

  restartGroupClusterPrimaries: (ctx) => {
    const c = requireDedicated(ctx, 'test failover');
    if (c.doc.paused) throw errors.cannotUpdatePausedCluster(c.doc.name);
    if (c.doc.stateName === 'DELETING') throw errors.clusterDeleting(c.doc.name);
    return { status: 200, body: {} };
  },

  getGroupClusterProcessArgs: (ctx) => ({ body: renderProcessArgs(requireDedicated(ctx, 'advanced configuration'), ctx.version) }),

  updateGroupClusterProcessArgs: (ctx) => {
    const c = requireDedicated(ctx, 'advanced configuration');
    if (c.doc.paused) throw errors.cannotUpdatePausedCluster(c.doc.name);
    if (c.doc.stateName === 'DELETING') throw errors.clusterDeleting(c.doc.name);
    mergePatch(c.processArgs, ctx.body as Json);
    if (c.processArgs.minimumEnabledTlsProtocol) (c.doc.advancedConfiguration ??= {}).minimumEnabledTlsProtocol = c.processArgs.minimumEnabledTlsProtocol;
    ctx.state.transition(c, 'UPDATING');
    return { body: renderProcessArgs(c, ctx.version) };
  },

  getGroupClusterStatus: (ctx) => {
    const c = requireCluster(ctx);
    return {
      body: {
        changeStatus: c.doc.stateName === 'IDLE' ? 'APPLIED' : 'PENDING',
        links: [link(ctx.base, `${V2}/groups/${c.doc.groupId}/clusters/${encodeURIComponent(c.doc.name)}/status`)],
      },
    };
  },
};

/**
 * Atlas does not pause a cluster resumed less than an hour ago (Atlas docs, "Pause,
 * Resume, or Terminate a Cluster": a cluster must run for 60 minutes after a resume).
 */
export const PAUSE_AFTER_RESUME_MS = 60 * 60_000;

/** Atlas resumes a paused dedicated cluster after 30 days (the same docs page: "for up to 30 days"). */
export const MAX_PAUSE_MS = 30 * 86_400_000;

/** A pause request: `paused` alone, on a running, settled, non-NVMe dedicated cluster not resumed within the hour. */
function checkPause(c: ClusterRecord, body: Json, now: number): void {
  const name = c.doc.name as string;
  if (Object.keys(body).some((k) => k !== 'paused')) throw errors.cannotUpdateAndPause(name);
  if (isTenant(c.doc)) throw errors.invalidAttribute('paused', 'a free (M0) cluster cannot be paused');
  if (c.doc.paused) throw errors.clusterAlreadyPaused(name);
  if (isNvme(c.doc)) throw errors.cannotPauseNvme(name);
  if (c.doc.stateName !== 'IDLE') throw errors.cannotPauseWithPendingChanges(name);
  if (c.resumedAt !== undefined && now - c.resumedAt < PAUSE_AFTER_RESUME_MS) throw errors.cannotPauseRecentlyResumed(name);
}
