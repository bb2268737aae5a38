// Backups of Flex clusters (API version 2024-11-13): listGroupFlexClusterBackupSnapshots,
// getGroupFlexClusterBackupSnapshot, downloadGroupFlexClusterBackup,
// createGroupFlexClusterBackupRestoreJob, listGroupFlexClusterBackupRestoreJobs,
// getGroupFlexClusterBackupRestoreJob. Documents follow FlexBackupSnapshot20241113 and
// FlexBackupRestoreJob20241113 (spec).
//
// Rules, and where they come from:
// - a dedicated or free cluster on these paths is 400 CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API
//   (recorded/backup/restores: Atlas's answer to a dedicated cluster on the Flex API);
// - Atlas takes a Flex cluster's snapshot daily and keeps the last 8 (Atlas docs, "Flex
//   cluster backups": daily snapshots retained 8 days): here snapshot n is scheduled n days
//   after the cluster was created, so which snapshots exist follows the clock alone; each is
//   RUNNING for stepMs after its scheduled time, then COMPLETED (step length: a guess, as for
//   dedicated snapshots);
// - a download or a restore job is PENDING, then RUNNING, then COMPLETED, one stepMs each;
//   a download gets its snapshotUrl (and an expirationDate an hour later) when it completes,
//   a restore its restoreFinishedDate (durations and the URL's shape are guesses);
// - a snapshot that is not COMPLETED cannot be restored or downloaded (400
//   SNAPSHOT_NOT_COMPLETE, as for dedicated snapshots: unconfirmed); an unknown snapshot
//   is 404 SNAPSHOT_NOT_FOUND, an unknown job 404 RESTORE_JOB_NOT_FOUND, a restore target
//   that does not exist 404 CLUSTER_NOT_FOUND (Atlas API error-code list).
import { isoAt } from '../clock.js';
import { link, paginate, requireProject, V2, HEX24, type Ctx, type HandlerTable } from '../context.js';
import { errors } from '../errors.js';
import type { ClusterRecord, Json } from '../state.js';
import type { FlexRestoreJob } from './backup-store.js';
import { requireFlex } from './flex-clusters.js';

const DAY_MS = 86_400_000;
/** Snapshots Atlas keeps of a Flex cluster. */
export const FLEX_SNAPSHOTS_KEPT = 8;
const DOWNLOAD_TTL_MS = 3_600_000;

interface FlexSnapshot {
  id: string;
  scheduledMs: number;
  status: 'RUNNING' | 'COMPLETED';
}

/** The snapshots a Flex cluster has at the clock's time, newest first. */
function snapshotsOf(ctx: Ctx, c: ClusterRecord): FlexSnapshot[] {
  const created = Date.parse(c.doc.createDate);
  const now = ctx.state.now();
  const taken = Math.floor((now - created) / DAY_MS);
  const out: FlexSnapshot[] = [];
  for (let n = taken; n >= 1 && out.length < FLEX_SNAPSHOTS_KEPT; n--) {
    const scheduledMs = created + n * DAY_MS;
    out.push({ id: `${String(c.doc.id).slice(0, 16)}${n.toString(16).padStart(8, '0')}`, scheduledMs, status: now >= scheduledMs + ctx.state.stepMs ? 'COMPLETED' : 'RUNNING' });
  }
  return out;
}

function renderSnapshot(ctx: Ctx, c: ClusterRecord, s: FlexSnapshot): Json {
  const doc: Json = {
    expiration: isoAt(s.scheduledMs + FLEX_SNAPSHOTS_KEPT * DAY_MS),
    id: s.id,
    links: [link(ctx.base, `${V2}/groups/${c.doc.groupId}/flexClusters/${encodeURIComponent(c.doc.name)}/backup/snapshots/${s.id}`)],
    mongoDBVersion: c.doc.mongoDBVersion,
    scheduledTime: isoAt(s.scheduledMs),
    startTime: isoAt(s.scheduledMs),
    status: s.status,
  };
  if (s.status === 'COMPLETED') doc.finishTime = isoAt(s.scheduledMs + ctx.state.stepMs);
  return doc;
}

function requireSnapshot(ctx: Ctx, c: ClusterRecord, id: string): FlexSnapshot {
  if (!HEX24.test(id)) throw errors.invalidSnapshotId(id);
  const s = snapshotsOf(ctx, c).find((x) => x.id === id);
  if (!s) throw errors.snapshotNotFound(id, c.doc.name);
  return s;
}

function jobsOf(ctx: Ctx, c: ClusterRecord): FlexRestoreJob[] {
  let jobs = ctx.state.backup.flexJobs.get(c.doc.id);
  if (!jobs) ctx.state.backup.flexJobs.set(c.doc.id, (jobs = []));
  return jobs;
}

function renderJob(ctx: Ctx, c: ClusterRecord, j: FlexRestoreJob): Json {
  const step = ctx.state.stepMs;
  const age = ctx.state.now() - j.createdMs;
  const status = age >= 2 * step ? 'COMPLETED' : age >= step ? 'RUNNING' : 'PENDING';
  const doc: Json = {
    deliveryType: j.deliveryType,
    id: j.id,
    instanceName: j.instanceName,
    links: [link(ctx.base, `${V2}/groups/${j.projectId}/flexClusters/${encodeURIComponent(j.instanceName)}/backup/restoreJobs/${j.id}`)],
    projectId: j.projectId,
    restoreScheduledDate: isoAt(j.createdMs),
    snapshotFinishedDate: j.snapshotFinishedDate,
    snapshotId: j.snapshotId,
    status,
  };
  if (j.targetDeploymentItemName) doc.targetDeploymentItemName = j.targetDeploymentItemName;
  if (j.targetProjectId) doc.targetProjectId = j.targetProjectId;
  if (status === 'COMPLETED') {
    const done = j.createdMs + 2 * step;
    doc.restoreFinishedDate = isoAt(done);
    if (j.deliveryType === 'DOWNLOAD') {
      doc.snapshotUrl = `https://flex-backups.${c.domain}/${j.projectId}/${j.snapshotId}/restore-${j.id}.tar.gz`;
      doc.expirationDate = isoAt(done + DOWNLOAD_TTL_MS);
    }
  }
  return doc;
}

function newJob(ctx: Ctx, c: ClusterRecord, deliveryType: FlexRestoreJob['deliveryType'], target?: { name: string; groupId: string }): Json {
  const b = ctx.body as Json;
  const s = requireSnapshot(ctx, c, String(b.snapshotId));
  if (s.status !== 'COMPLETED') throw errors.snapshotNotComplete(s.id, s.status);
  const j: FlexRestoreJob = {
    id: ctx.state.newId(),
    deliveryType,
    snapshotId: s.id,
    snapshotFinishedDate: isoAt(s.scheduledMs + ctx.state.stepMs),
    instanceName: c.doc.name,
    projectId: c.doc.groupId,
    createdMs: ctx.state.now(),
    ...(target ? { targetDeploymentItemName: target.name, targetProjectId: target.groupId } : {}),
  };
  jobsOf(ctx, c).push(j);
  return renderJob(ctx, c, j);
}

export const flexBackupHandlers: HandlerTable = {
  listGroupFlexClusterBackupSnapshots: (ctx) => {
    const c = requireFlex(ctx);
    return paginate(ctx, snapshotsOf(ctx, c), (s) => renderSnapshot(ctx, c, s));
  },

  getGroupFlexClusterBackupSnapshot: (ctx) => {
    const c = requireFlex(ctx);
    return { body: renderSnapshot(ctx, c, requireSnapshot(ctx, c, ctx.params.snapshotId)) };
  },

  downloadGroupFlexClusterBackup: (ctx) => {
    const c = requireFlex(ctx);
    return { status: 200, body: newJob(ctx, c, 'DOWNLOAD') };
  },

  createGroupFlexClusterBackupRestoreJob: (ctx) => {
    const c = requireFlex(ctx);
    const b = ctx.body as Json;
    const groupId = String(b.targetProjectId ?? c.doc.groupId);
    requireProject({ ...ctx, params: { ...ctx.params, groupId } } as Ctx);
    const name = String(b.targetDeploymentItemName);
    if (!ctx.state.cluster(groupId, name)) throw errors.clusterNotFound(name, groupId);
    return { status: 200, body: newJob(ctx, c, 'RESTORE', { name, groupId }) };
  },

  listGroupFlexClusterBackupRestoreJobs: (ctx) => {
    const c = requireFlex(ctx);
    return paginate(ctx, [...jobsOf(ctx, c)].reverse(), (j) => renderJob(ctx, c, j));
  },

  getGroupFlexClusterBackupRestoreJob: (ctx) => {
    const c = requireFlex(ctx);
    const id = ctx.params.restoreJobId;
    if (!HEX24.test(id)) throw errors.invalidRestoreJobId(id);
    const j = jobsOf(ctx, c).find((x) => x.id === id);
    if (!j) throw errors.restoreJobNotFound(id, c.doc.name);
    return { body: renderJob(ctx, c, j) };
  },
};
