// Cloud backup of dedicated clusters: snapshots (list, get, take on demand, delete),
// restore jobs (automated, download, pointInTime: list, get, create, cancel) and the
// backup schedule (get, patch).
//
// Documents have the shape of the responses recorded from Atlas
// (../shared/atlas-api/recorded/backup/: TestSnapshots, TestRestores).
//
// Lifecycles follow the simulator's clock (clock.ts), one step every stepMs of clock time,
// never the number of reads; every backup request first brings every record up to the
// clock's time (settle), each step dated when it was due:
//   snapshot     queued → inProgress → completed (or failed: state.backup.failNext.snapshot)
//   restore job  queued → inProgress → finished (finishedAt; a download gets its deliveryUrl
//                instead, as recorded) — or failed: state.backup.failNext.restore
// A test that must see every state drives a manual clock one stepMs at a time.
import { randomBytes } from 'node:crypto';
import { INTERVALS, retentionConflict, type Frequency, type RetentionItem } from '../../spec/backup-policy.js';
import type { Outcome } from '../wire.js';
import { isoAt } from '../clock.js';
import { HEX24, link, paginate, requireProject, V2, type Ctx, type HandlerTable } from '../context.js';
import { errors } from '../errors.js';
import type { ClusterRecord, Json, SimulatorState } from '../state.js';
import type { ClusterBackup, RestoreJobRecord, SnapshotRecord } from './backup-store.js';
import { snapshotArchive } from './snapshot-archive.js';

const DAY_MS = 86_400_000;
/** A download's delivery URL stays valid this long (recorded: a little over an hour). */
const DOWNLOAD_TTL_MS = 3_600_000;

// ---- look-ups ------------------------------------------------------------------------

function isFlex(c: ClusterRecord): boolean {
  const rc = c.doc.replicationSpecs?.[0]?.regionConfigs?.[0];
  return c.flex === true || rc?.providerName === 'FLEX';
}

/** The cluster of the path; a Flex cluster is refused as Atlas does on the dedicated-cluster API. */
function requireCluster(ctx: Ctx, groupId = ctx.params.groupId, name = ctx.params.clusterName): ClusterRecord {
  settle(ctx.state);
  const p = requireProject(ctx, groupId);
  const c = ctx.state.cluster(p.id, name);
  if (!c) throw errors.clusterNotFound(name, p.id);
  if (isFlex(c)) throw errors.flexClusterInClusterApi(name);
  return c;
}

/** The backup of a cluster, made on first use (with Atlas's default policy). */
export function backupOf(state: SimulatorState, c: ClusterRecord): ClusterBackup {
  let b = state.backup.clusters.get(c.doc.id);
  if (!b) {
    b = { groupId: c.doc.groupId, clusterId: c.doc.id, clusterName: c.doc.name, snapshots: [], restoreJobs: [], schedule: defaultSchedule(state) };
    state.backup.clusters.set(c.doc.id, b);
  }
  return b;
}

function requireBackupEnabled(c: ClusterRecord): void {
  if (c.doc.backupEnabled !== true) throw errors.backupNotEnabled(c.doc.name);
}

function requireSnapshot(b: ClusterBackup, id: string): SnapshotRecord {
  if (!HEX24.test(id)) throw errors.invalidSnapshotId(id);
  const s = b.snapshots.find((x) => x.id === id);
  if (!s) throw errors.snapshotNotFound(id, b.clusterName);
  return s;
}

function requireRestoreJob(b: ClusterBackup, id: string): RestoreJobRecord {
  if (!HEX24.test(id)) throw errors.invalidRestoreJobId(id);
  const j = b.restoreJobs.find((x) => x.id === id);
  if (!j) throw errors.restoreJobNotFound(id, b.clusterName);
  return j;
}

// ---- lifecycles ----------------------------------------------------------------------

/** When the next step of a record that last changed at `changedAt` was due (clock ms), or undefined while it is not due yet. */
function dueAt(state: SimulatorState, changedAt: number): number | undefined {
  const at = changedAt + state.stepMs;
  return at <= state.now() ? at : undefined;
}

let sizeCounter = 0;

/** Brings a snapshot's lifecycle up to the clock's time. */
function stepSnapshot(state: SimulatorState, c: ClusterRecord, s: SnapshotRecord): void {
  for (let at = dueAt(state, s.changedAt); at !== undefined; at = dueAt(state, s.changedAt)) {
    if (s.status === 'queued') {
      s.status = 'inProgress';
      s.mongodVersion = c.doc.mongoDBVersion;
      s.cloudProvider = c.doc.replicationSpecs?.[0]?.regionConfigs?.[0]?.providerName ?? 'AWS';
      s.changedAt = at;
    } else if (s.status === 'inProgress') {
      s.changedAt = at;
      if (s.willFail) {
        s.status = 'failed';
        return;
      }
      s.status = 'completed';
      s.createdAt = isoAt(at);
      // as recorded: the expiry counts from completion
      s.expiresAt = isoAt(at + s.retentionDays * DAY_MS);
      s.storageSizeBytes = 1_582_854_144 + (sizeCounter++ % 7) * 37_748_736;
    } else return;
  }
}

/** Brings a restore job's lifecycle up to the clock's time. */
function stepRestore(state: SimulatorState, b: ClusterBackup, j: RestoreJobRecord): void {
  for (let at = dueAt(state, j.changedAt); at !== undefined && !j.cancelled && !j.failed && j.phase !== 'done'; at = dueAt(state, j.changedAt)) {
    j.changedAt = at;
    if (j.phase === 'queued') {
      j.phase = 'inProgress';
      continue;
    }
    if (j.willFail) {
      j.failed = true;
      break;
    }
    j.phase = 'done';
    if (j.deliveryType === 'download') {
      const token = randomBytes(18).toString('base64url');
      j.deliveryToken = token;
      j.deliveryUrl = [deliveryUrl(state, b, j, token)];
      j.expiresAt = isoAt(at + DOWNLOAD_TTL_MS);
    } else {
      j.finishedAt = isoAt(at);
    }
  }
  if (j.expiresAt && Date.parse(j.expiresAt) <= state.now()) j.expired = true;
}

/**
 * Where a download is served. Atlas's is on a host of its own, with the secret in the path
 * (recorded: `https://restore-<jobId>.<domain>:27017/<token>/restore-<snapshotId>.tar.gz`);
 * the simulator serves the same path shape on its own address (`/restore-<jobId>/<token>/…`,
 * see DELIVERY_PATH), so that a client can follow the URL.
 */
function deliveryUrl(state: SimulatorState, b: ClusterBackup, j: RestoreJobRecord, token: string): string {
  if (!j.deliveryBase) {
    const domain = state.clusters.get(`${b.groupId}/${b.clusterName}`)?.domain ?? 'mongodb.net';
    return `https://restore-${j.id}.${domain}:27017/${token}/restore-${j.snapshotId}.tar.gz`;
  }
  return `${j.deliveryBase}/restore-${j.id}/${token}/restore-${j.snapshotId}.tar.gz`;
}

/** The path of a delivery URL on the simulator: job id, token, snapshot id. */
export const DELIVERY_PATH = /^\/restore-([0-9a-f]{24})\/([\w-]+)\/restore-([0-9a-f]{24})\.tar\.gz$/;

/**
 * The answer to a GET of a delivery URL (outside the Admin API, so no API credentials: the
 * token in the path is the key, as Atlas's URL carries it): the snapshot's archive
 * (resources/snapshot-archive.ts), `application/gzip`, its length known, streamed. A URL
 * whose job is unknown, cancelled or past `expiresAt` (clock time) is 404 (a guess: no
 * recording shows Atlas's answer to an expired link).
 */
export function serveDelivery(state: SimulatorState, jobId: string, token: string, snapshotId: string): Outcome {
  settle(state);
  for (const b of state.backup.clusters.values()) {
    const j = b.restoreJobs.find((x) => x.id === jobId);
    if (!j) continue;
    const live = j.deliveryType === 'download' && j.deliveryToken === token && j.snapshotId === snapshotId && !j.cancelled && !j.expired && j.deliveryUrl.length > 0;
    if (!live) break;
    const s = b.snapshots.find((x) => x.id === snapshotId);
    const mtime = Math.floor(Date.parse(s?.createdAt ?? j.timestamp) / 1000);
    const archive = snapshotArchive(snapshotId, state.backup.archiveBytes, mtime);
    return {
      status: 200,
      headers: {
        'Content-Type': 'application/gzip',
        'Content-Length': String(archive.length),
        'Content-Disposition': `attachment; filename="${archive.name}"`,
      },
      stream: archive.stream(),
    };
  }
  const body = Buffer.from('Not Found: this download link is unknown, expired or cancelled\n');
  return { status: 404, headers: { 'Content-Type': 'text/plain' }, body };
}

/** Brings every snapshot and restore job of every cluster up to the clock's time (each backup request does, first). */
function settle(state: SimulatorState): void {
  for (const b of state.backup.clusters.values()) {
    const c = state.clusters.get(`${b.groupId}/${b.clusterName}`);
    if (c) for (const s of b.snapshots) stepSnapshot(state, c, s);
    for (const j of b.restoreJobs) stepRestore(state, b, j);
  }
}

// ---- documents -----------------------------------------------------------------------

const clusterPath = (groupId: string, name: string) => `${V2}/groups/${groupId}/clusters/${encodeURIComponent(name)}`;

/** A snapshot as Atlas shows it (DiskBackupReplicaSet; keys and presence as recorded). */
export function renderSnapshot(base: string, c: ClusterRecord, s: SnapshotRecord): Json {
  const cp = clusterPath(c.doc.groupId, c.doc.name);
  const doc: Json = {};
  if (s.cloudProvider) doc.cloudProvider = s.cloudProvider;
  doc.copyRegions = [];
  if (s.createdAt) doc.createdAt = s.createdAt;
  if (s.description !== undefined) doc.description = s.description;
  doc.expiresAt = s.expiresAt;
  doc.frequencyType = s.frequencyType;
  doc.id = s.id;
  doc.links = [link(base, `${cp}/backup/snapshots/${s.id}`), link(base, cp, 'https://cloud.mongodb.com/cluster')];
  if (s.mongodVersion) doc.mongodVersion = s.mongodVersion;
  doc.policyItems = [...s.policyItems];
  if (c.doc.clusterType !== 'SHARDED') doc.replicaSetName = c.doc.name;
  doc.snapshotType = s.snapshotType;
  doc.status = s.status;
  doc.storageSizeBytes = s.storageSizeBytes;
  doc.type = c.doc.clusterType === 'SHARDED' ? 'shardedCluster' : 'replicaSet';
  return doc;
}

/** A restore job as Atlas shows it (DiskBackupSnapshotRestoreJob; keys and presence as recorded). */
export function renderRestoreJob(base: string, b: ClusterBackup, j: RestoreJobRecord): Json {
  const cp = clusterPath(b.groupId, b.clusterName);
  const links = [link(base, `${cp}/backup/restoreJobs/${j.id}`)];
  if (j.snapshotId) links.push(link(base, `${cp}/backup/snapshots/${j.snapshotId}`, 'https://cloud.mongodb.com/snapshot'));
  links.push(link(base, cp, 'https://cloud.mongodb.com/cluster'), link(base, `${V2}/groups/${b.groupId}`, 'https://cloud.mongodb.com/group'));
  const pit = j.pointInTimeUTCSeconds ?? j.oplogTs;
  const doc: Json = {
    cancelled: j.cancelled,
    deliveryType: j.deliveryType,
    deliveryUrl: [...j.deliveryUrl],
    desiredTimestamp: pit === undefined ? { increment: null, time: null, date: null } : { increment: j.oplogInc ?? null, time: pit, date: isoAt(pit * 1000) },
    expired: j.expired,
  };
  if (j.expiresAt) doc.expiresAt = j.expiresAt;
  doc.failed = j.failed;
  if (j.finishedAt) doc.finishedAt = j.finishedAt;
  doc.id = j.id;
  doc.links = links;
  if (j.oplogInc !== undefined) doc.oplogInc = j.oplogInc;
  if (j.oplogTs !== undefined) doc.oplogTs = j.oplogTs;
  if (j.pointInTimeUTCSeconds !== undefined) doc.pointInTimeUTCSeconds = j.pointInTimeUTCSeconds;
  if (j.snapshotId) doc.snapshotId = j.snapshotId;
  if (j.targetClusterName) doc.targetClusterName = j.targetClusterName;
  if (j.targetDeploymentItemName) doc.targetDeploymentItemName = j.targetDeploymentItemName;
  if (j.targetGroupId) doc.targetGroupId = j.targetGroupId;
  doc.timestamp = j.timestamp;
  return doc;
}

function defaultSchedule(state: SimulatorState): Json {
  const item = (frequencyType: string, frequencyInterval: number, retentionUnit: string, retentionValue: number) => ({
    frequencyInterval,
    frequencyType,
    id: state.newId(),
    retentionUnit,
    retentionValue,
  });
  // Atlas's default policy: every 6 hours for 2 days, daily for 7 days, Saturdays for
  // 4 weeks, the last day of the month for 12 months, December for a year
  return {
    policies: [
      {
        id: state.newId(),
        policyItems: [item('hourly', 6, 'days', 2), item('daily', 1, 'days', 7), item('weekly', 6, 'weeks', 4), item('monthly', 40, 'months', 12), item('yearly', 12, 'years', 1)],
      },
    ],
    referenceHourOfDay: 3,
    referenceMinuteOfHour: 45,
    restoreWindowDays: 7,
  };
}

/** The next time of day referenceHourOfDay:referenceMinuteOfHour (UTC) after now. */
function nextSnapshot(state: SimulatorState, s: Json): string {
  const now = new Date(state.now());
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), s.referenceHourOfDay, s.referenceMinuteOfHour));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return isoAt(next.getTime());
}

/** The schedule (DiskBackupSnapshotSchedule and its 2024-08-05 form; both versions show the same fields). */
function renderSchedule(ctx: Ctx, c: ClusterRecord, b: ClusterBackup): Json {
  const s = b.schedule;
  return {
    autoExportEnabled: false,
    clusterId: c.doc.id,
    clusterName: c.doc.name,
    copySettings: [],
    extraRetentionSettings: [],
    links: [link(ctx.base, `${clusterPath(c.doc.groupId, c.doc.name)}/backup/schedule`)],
    nextSnapshot: nextSnapshot(ctx.state, s),
    policies: structuredClone(s.policies),
    referenceHourOfDay: s.referenceHourOfDay,
    referenceMinuteOfHour: s.referenceMinuteOfHour,
    restoreWindowDays: s.restoreWindowDays,
    useOrgAndGroupNamesInExportPrefix: false,
  };
}

// ---- rules ---------------------------------------------------------------------------

/**
 * Checks a new set of policy items as Atlas does: intervals allowed per frequency (spec,
 * DiskBackupApiPolicyItem.frequencyInterval) and "for less frequent policy items, a
 * retention greater than or equal to the more frequent ones" (spec, retentionValue).
 */
export function checkPolicyItems(items: Json[]): void {
  items.forEach((it, i) => {
    const allowed = INTERVALS[it.frequencyType as Frequency] as readonly number[] | undefined;
    if (!allowed) throw errors.invalidAttribute(`policies[0].policyItems[${i}].frequencyType`, `${it.frequencyType} is not a scheduled frequency`);
    if (!allowed.includes(it.frequencyInterval)) {
      throw errors.invalidAttribute(
        `policies[0].policyItems[${i}].frequencyInterval`,
        `${it.frequencyInterval} is not allowed for ${it.frequencyType} (allowed: ${allowed.join(', ')})`,
      );
    }
    if (!Number.isInteger(it.retentionValue) || it.retentionValue < 1) {
      throw errors.invalidAttribute(`policies[0].policyItems[${i}].retentionValue`, 'must be at least 1');
    }
  });
  const conflict = retentionConflict(items as Array<Json & RetentionItem>);
  if (conflict) {
    const { frequent: a, rare: b } = conflict;
    throw errors.invalidAttribute(
      'retentionValue',
      `the ${b.frequencyType} retention (${b.retentionValue} ${b.retentionUnit}) must be at least the ${a.frequencyType} retention (${a.retentionValue} ${a.retentionUnit})`,
    );
  }
}

function intAttr(body: Json, name: string, min: number, max: number): number | undefined {
  const v = body[name];
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < min || v > max) throw errors.invalidAttribute(name, `must be a whole number from ${min} to ${max}`);
  return v;
}

/** An automated or point-in-time restore already running onto this cluster. */
function restoreRunningOnto(state: SimulatorState, groupId: string, name: string): RestoreJobRecord | undefined {
  for (const b of state.backup.clusters.values()) {
    for (const j of b.restoreJobs) {
      if (j.deliveryType === 'download' || j.cancelled || j.failed || j.phase === 'done') continue;
      if (j.targetGroupId === groupId && j.targetClusterName === name) return j;
    }
  }
  return undefined;
}

function createRestoreJob(ctx: Ctx): Json {
  const c = requireCluster(ctx);
  requireBackupEnabled(c);
  const b = backupOf(ctx.state, c);
  const body = ctx.body as Json;
  const type = body.deliveryType as RestoreJobRecord['deliveryType'];
  const now = ctx.state.now();
  const job: RestoreJobRecord = {
    id: ctx.state.newId(),
    deliveryType: type,
    timestamp: ctx.state.isoNow(),
    phase: 'queued',
    cancelled: false,
    failed: false,
    expired: false,
    deliveryUrl: [],
    changedAt: now,
  };
  if (type === 'download') job.deliveryBase = ctx.base;
  if (type === 'automated' || type === 'download') {
    if (!body.snapshotId) throw errors.missingAttribute('snapshotId');
    const s = requireSnapshot(b, body.snapshotId);
    if (s.status !== 'completed') throw errors.snapshotNotComplete(s.id, s.status);
    job.snapshotId = s.id;
    job.timestamp = s.createdAt!;
  } else {
    const hasPit = body.pointInTimeUTCSeconds !== undefined;
    const hasOplog = body.oplogTs !== undefined || body.oplogInc !== undefined;
    if (hasPit && hasOplog) throw errors.invalidAttribute('pointInTimeUTCSeconds', 'give pointInTimeUTCSeconds or oplogTs and oplogInc, not both');
    if (!hasPit && !hasOplog) throw errors.missingAttribute('pointInTimeUTCSeconds');
    if (hasOplog && body.oplogTs === undefined) throw errors.missingAttribute('oplogTs');
    if (hasOplog && body.oplogInc === undefined) throw errors.missingAttribute('oplogInc');
    if (c.doc.pitEnabled !== true) {
      throw errors.invalidAttribute('deliveryType', `a pointInTime restore needs continuous cloud backup (pitEnabled) on cluster ${c.doc.name}`);
    }
    const seconds: number = hasPit ? body.pointInTimeUTCSeconds : body.oplogTs;
    const attr = hasPit ? 'pointInTimeUTCSeconds' : 'oplogTs';
    if (seconds * 1000 > now) throw errors.invalidAttribute(attr, 'the point in time is in the future');
    const windowDays = b.schedule.restoreWindowDays ?? 7;
    if (seconds * 1000 < now - windowDays * DAY_MS) {
      throw errors.invalidAttribute(attr, `the point in time is outside the restore window of ${windowDays} days`);
    }
    if (hasPit) job.pointInTimeUTCSeconds = seconds;
    else {
      job.oplogTs = body.oplogTs;
      job.oplogInc = body.oplogInc;
    }
    job.timestamp = isoAt(seconds * 1000);
  }
  if (type === 'automated' || type === 'pointInTime') {
    if (!body.targetClusterName) throw errors.missingAttribute('targetClusterName');
    if (!body.targetGroupId) throw errors.missingAttribute('targetGroupId');
    const target = requireCluster(ctx, body.targetGroupId, body.targetClusterName);
    if (target.doc.paused) throw errors.pausedRestoreTarget(target.doc.name);
    if (target.doc.stateName === 'DELETING') throw errors.clusterDeleting(target.doc.name);
    const running = restoreRunningOnto(ctx.state, target.doc.groupId, target.doc.name);
    if (running) throw errors.restoreInProgress(target.doc.name, running.id);
    job.targetClusterName = target.doc.name;
    job.targetGroupId = target.doc.groupId;
    job.targetDeploymentItemName = `atlas-${target.domain.split('.')[0]!.slice(0, 6)}`;
  }
  if (ctx.state.backup.failNext.restore) {
    ctx.state.backup.failNext.restore = false;
    job.willFail = true;
  }
  b.restoreJobs.push(job);
  return renderRestoreJob(ctx.base, b, job);
}

// ---- routes --------------------------------------------------------------------------

export const backupHandlers: HandlerTable = {
  listGroupClusterBackupSnapshots: (ctx) => {
    const c = requireCluster(ctx);
    const b = backupOf(ctx.state, c);
    // newest first, as Atlas lists them
    const items = [...b.snapshots].reverse();
    return paginate(ctx, items, (s) => renderSnapshot(ctx.base, c, s));
  },

  getGroupClusterBackupSnapshot: (ctx) => {
    const c = requireCluster(ctx);
    const s = requireSnapshot(backupOf(ctx.state, c), ctx.params.snapshotId);
    return { body: renderSnapshot(ctx.base, c, s) };
  },

  takeGroupClusterBackupSnapshots: (ctx) => {
    const c = requireCluster(ctx);
    requireBackupEnabled(c);
    // unconfirmed: Atlas's answer to a snapshot of a paused cluster is not shown anywhere; CANNOT_UPDATE_PAUSED_CLUSTER
    // (409 in the docs) is the code the docs give for changing a paused cluster
    if (c.doc.paused) throw errors.cannotUpdatePausedCluster(c.doc.name);
    const b = backupOf(ctx.state, c);
    // spec: "If an on-demand snapshot with a status of queued or inProgress exists, … wait"
    const busy = b.snapshots.find((s) => s.snapshotType === 'onDemand' && (s.status === 'queued' || s.status === 'inProgress'));
    if (busy) throw errors.onDemandSnapshotInProgress(c.doc.name, busy.id);
    const body = (ctx.body ?? {}) as Json;
    const retention = body.retentionInDays ?? 1;
    const s: SnapshotRecord = {
      id: ctx.state.newId(),
      snapshotType: 'onDemand',
      frequencyType: 'ondemand',
      status: 'queued',
      retentionDays: retention,
      expiresAt: ctx.state.isoNow(retention * DAY_MS),
      storageSizeBytes: 0,
      policyItems: [],
      changedAt: ctx.state.now(),
    };
    if (typeof body.description === 'string') s.description = body.description;
    if (ctx.state.backup.failNext.snapshot) {
      ctx.state.backup.failNext.snapshot = false;
      s.willFail = true;
    }
    b.snapshots.push(s);
    return { body: renderSnapshot(ctx.base, c, s) };
  },

  deleteGroupClusterBackupSnapshot: (ctx) => {
    const c = requireCluster(ctx);
    const b = backupOf(ctx.state, c);
    const s = requireSnapshot(b, ctx.params.snapshotId);
    if (s.status === 'queued' || s.status === 'inProgress') throw errors.cannotDeleteInProgressSnapshot(s.id);
    b.snapshots.splice(b.snapshots.indexOf(s), 1);
    return { status: 204 };
  },

  listGroupClusterBackupRestoreJobs: (ctx) => {
    const c = requireCluster(ctx);
    const b = backupOf(ctx.state, c);
    return paginate(ctx, [...b.restoreJobs].reverse(), (j) => renderRestoreJob(ctx.base, b, j));
  },

  getGroupClusterBackupRestoreJob: (ctx) => {
    const c = requireCluster(ctx);
    const b = backupOf(ctx.state, c);
    const j = requireRestoreJob(b, ctx.params.restoreJobId);
    return { body: renderRestoreJob(ctx.base, b, j) };
  },

  createGroupClusterBackupRestoreJob: (ctx) => ({ body: createRestoreJob(ctx) }),

  cancelGroupClusterBackupRestoreJob: (ctx) => {
    const c = requireCluster(ctx);
    const b = backupOf(ctx.state, c);
    const j = requireRestoreJob(b, ctx.params.restoreJobId);
    if (j.cancelled || j.failed || j.expired || j.finishedAt) {
      throw errors.restoreJobNotCancellable(j.id, j.cancelled ? 'cancelled' : j.failed ? 'failed' : j.expired ? 'expired' : 'finished');
    }
    j.cancelled = true;
    j.deliveryUrl = [];
    j.changedAt = ctx.state.now();
    return { status: 204 };
  },

  getGroupClusterBackupSchedule: (ctx) => {
    const c = requireCluster(ctx);
    requireBackupEnabled(c);
    return { body: renderSchedule(ctx, c, backupOf(ctx.state, c)) };
  },

  updateGroupClusterBackupSchedule: (ctx) => {
    const c = requireCluster(ctx);
    requireBackupEnabled(c);
    const b = backupOf(ctx.state, c);
    const body = ctx.body as Json;
    const hour = intAttr(body, 'referenceHourOfDay', 0, 23);
    const minute = intAttr(body, 'referenceMinuteOfHour', 0, 59);
    const window = intAttr(body, 'restoreWindowDays', 1, 3650);
    const policy = body.policies?.[0];
    let items: Json[] | undefined;
    if (policy) {
      const current = b.schedule.policies[0];
      if (policy.id !== undefined && policy.id !== current.id) throw errors.invalidAttribute('policies[0].id', `no policy with id ${policy.id}`);
      // the items are the whole desired list (their ids are read-only); an item equal to a current one keeps its id
      const currentItems = current.policyItems as Json[];
      items = (policy.policyItems as Json[]).map((it) => {
        const same = currentItems.find(
          (c) =>
            c.frequencyType === it.frequencyType && c.frequencyInterval === it.frequencyInterval && c.retentionUnit === it.retentionUnit && c.retentionValue === it.retentionValue,
        );
        return {
          frequencyInterval: it.frequencyInterval,
          frequencyType: it.frequencyType,
          id: same?.id ?? ctx.state.newId(),
          retentionUnit: it.retentionUnit,
          retentionValue: it.retentionValue,
        };
      });
      checkPolicyItems(items);
    }
    if (hour !== undefined) b.schedule.referenceHourOfDay = hour;
    if (minute !== undefined) b.schedule.referenceMinuteOfHour = minute;
    if (window !== undefined) b.schedule.restoreWindowDays = window;
    if (items) b.schedule.policies[0].policyItems = items;
    return { body: renderSchedule(ctx, c, b) };
  },
};

// ---- seed ----------------------------------------------------------------------------

/** Seeded snapshots and restore job of Cluster0 in the default project (ids fixed for tests and docs). */
export const BACKUP_SEED = {
  cluster: 'Cluster0',
  snapshots: { scheduledOlder: 'ba0000000000000000000001', scheduled: 'ba0000000000000000000002', onDemand: 'ba0000000000000000000003' },
  restoreJob: 'ba0000000000000000000101',
} as const;

/** Three completed snapshots of Cluster0 (two scheduled, one on demand) and a finished download restore. */
export function seedBackups(state: SimulatorState, groupId: string): void {
  const c = state.clusters.get(`${groupId}/${BACKUP_SEED.cluster}`);
  if (!c) return;
  const b = backupOf(state, c);
  const daily = (b.schedule.policies[0].policyItems as Json[]).find((i) => i.frequencyType === 'daily')!;
  const now = state.now();
  const snap = (id: string, agoDays: number, extra: Partial<SnapshotRecord>): SnapshotRecord => ({
    id,
    snapshotType: 'scheduled',
    frequencyType: 'daily',
    status: 'completed',
    retentionDays: 7,
    createdAt: isoAt(now - agoDays * DAY_MS),
    expiresAt: isoAt(now + (7 - agoDays) * DAY_MS),
    storageSizeBytes: 1_574_961_152,
    mongodVersion: c.doc.mongoDBVersion,
    cloudProvider: 'AWS',
    policyItems: [daily.id],
    changedAt: now,
    ...extra,
  });
  b.snapshots.push(
    snap(BACKUP_SEED.snapshots.scheduledOlder, 2, {}),
    snap(BACKUP_SEED.snapshots.scheduled, 1, { storageSizeBytes: 1_582_854_144 }),
    snap(BACKUP_SEED.snapshots.onDemand, 0.5, {
      snapshotType: 'onDemand',
      frequencyType: 'ondemand',
      description: 'before the schema migration',
      retentionDays: 3,
      expiresAt: isoAt(now + 2.5 * DAY_MS),
      policyItems: [],
      storageSizeBytes: 1_590_689_792,
    }),
  );
  b.restoreJobs.push({
    id: BACKUP_SEED.restoreJob,
    deliveryType: 'download',
    snapshotId: BACKUP_SEED.snapshots.scheduledOlder,
    timestamp: isoAt(now - 2 * DAY_MS),
    phase: 'done',
    cancelled: false,
    failed: false,
    expired: true,
    deliveryUrl: [],
    expiresAt: isoAt(now - 2 * DAY_MS + DOWNLOAD_TTL_MS),
    changedAt: now,
  });
}
