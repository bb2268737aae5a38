/**
 * Run step of `atlascli backup …`: options checked by options.ts in, requests and rows
 * out. Operations (spec, cloud backups): listGroupClusterBackupSnapshots,
 * getGroupClusterBackupSnapshot, takeGroupClusterBackupSnapshots,
 * deleteGroupClusterBackupSnapshot, listGroupClusterBackupRestoreJobs,
 * getGroupClusterBackupRestoreJob, createGroupClusterBackupRestoreJob,
 * cancelGroupClusterBackupRestoreJob, getGroupClusterBackupSchedule,
 * updateGroupClusterBackupSchedule.
 */
import type { Context } from '../../program/context.js';
import { AtlasApiError, UsageError } from '../../errors.js';
import type { RequestSpec } from '../../atlas/client.js';
import { checkClusterName } from '../cluster/validate.js';
import { confirmDestructive, deleting, dryRun, renderList, withHints } from '../shared.js';
import { waitFor, waitTimeoutMs } from '../wait.js';
import prettyBytes from 'pretty-bytes';
import { CliError } from '../../errors.js';
import { downloadGzip } from '../../transfer/gzip-download.js';
import { checkOutFile, refuseExisting, STDOUT } from '../../transfer/out-file.js';
import {
  parseObjectId,
  RESTORE_ID_HINT,
  restoreCreate as planRestore,
  scheduleSet as planSchedule,
  snapshotCreate as planSnapshot,
  SNAPSHOT_ID_HINT,
  type RestoreCreateFlags,
  type ScheduleSetFlags,
  type SnapshotCreateFlags,
} from './options.js';
import { applyPolicies, checkRetentions } from './policy.js';
import { policyItems, RESTORE_VIEW, restoreStatus, SCHEDULE_VIEW, scheduleRows, SNAPSHOT_VIEW } from './views.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API documents
type Json = Record<string, any>;

const clusterPath = (ctx: Context, cluster: string | undefined) => ({ groupId: ctx.projectId(), clusterName: checkClusterName(cluster) });

/** A hint for the Atlas errors a backup command meets, naming the cluster and what to run. */
function hintFor(err: AtlasApiError, cluster: string): string | undefined {
  switch (err.errorCode) {
    // Atlas's codes per its API error-code list (mongodb.com/docs/atlas/reference/api-errors)
    case 'BACKUP_JOB_NOT_FOUND': // "Backups are not enabled for this cluster."
      return `turn cloud backup on first: atlascli cluster update ${cluster} --backup`;
    case 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API':
      return `${cluster} is a Flex cluster: \`atlascli backup\` covers dedicated (M10 and larger) clusters`;
    case 'CLUSTER_NOT_FOUND':
      return 'see the clusters of the project with: atlascli cluster list';
    case 'SNAPSHOT_NOT_FOUND':
      return `see the snapshots with: atlascli backup snapshot list ${cluster}`;
    case 'RESTORE_JOB_NOT_FOUND':
      return `see the restore jobs with: atlascli backup restore list ${cluster}`;
    case 'UNFINISHED_ON_DEMAND_SNAPSHOT':
      return `one on-demand snapshot at a time: wait for it (atlascli backup snapshot list ${cluster}), then try again`;
    case 'CANNOT_DELETE_IN_PROGRESS_SNAPSHOT':
    case 'SNAPSHOT_NOT_COMPLETE':
      return `wait until the snapshot is completed: atlascli backup snapshot get ${cluster} <id>`;
    case 'CLUSTER_PAUSED_CANNOT_RESTORE': // a paused restore target
    case 'CANNOT_UPDATE_PAUSED_CLUSTER': {
      const paused = typeof err.body.parameters?.[0] === 'string' ? err.body.parameters[0] : '<name>';
      return `cluster ${paused} is paused: resume it with \`atlascli cluster resume ${paused}\`, then try again`;
    }
    default:
      return undefined;
  }
}

/** `send()`, its Atlas errors with this command's hints about `cluster` (shared.ts withHints). */
const hinted = <T>(cluster: string, send: () => Promise<T>): Promise<T> => withHints(send, (err) => hintFor(err, cluster));

async function send<T = Json>(ctx: Context, cluster: string, spec: RequestSpec): Promise<T> {
  const client = await ctx.client();
  return hinted(cluster, () => client.request<T>(spec));
}

// ---- snapshots -----------------------------------------------------------------------

export async function snapshotList(ctx: Context, [cluster]: string[], opts: { limit?: string }): Promise<void> {
  const pathParams = clusterPath(ctx, cluster);
  await hinted(pathParams.clusterName, () => renderList(ctx, { operationId: 'listGroupClusterBackupSnapshots', pathParams }, SNAPSHOT_VIEW, opts));
}

export async function snapshotGet(ctx: Context, [cluster, id]: string[]): Promise<void> {
  const pathParams = { ...clusterPath(ctx, cluster), snapshotId: parseObjectId('snapshot id', id, SNAPSHOT_ID_HINT) };
  ctx.renderer.object(await send(ctx, pathParams.clusterName, { operationId: 'getGroupClusterBackupSnapshot', pathParams }), SNAPSHOT_VIEW);
}

/** Follows a snapshot until it is completed (or failed); returns the final document. */
async function waitForSnapshot(ctx: Context, groupId: string, cluster: string, id: string, timeoutMs: number): Promise<Json | undefined> {
  const client = await ctx.client();
  return waitFor<Json>(ctx, {
    subject: `snapshot ${id} of cluster ${cluster}`,
    goal: 'completed',
    timeoutMs,
    follow: `atlascli backup snapshot get ${cluster} ${id}`,
    fetch: () => hinted(cluster, () => client.request<Json>({ operationId: 'getGroupClusterBackupSnapshot', pathParams: { groupId, clusterName: cluster, snapshotId: id } })),
    state: (d) => String(d.status ?? 'unknown'),
    done: (d) => d?.status === 'completed',
    failed: (d) => (d.status === 'failed' ? 'failed' : undefined),
  });
}

export async function snapshotCreate(ctx: Context, [cluster]: string[], opts: SnapshotCreateFlags): Promise<void> {
  const plan = planSnapshot(cluster, opts);
  const groupId = ctx.projectId();
  const spec: RequestSpec = { operationId: 'takeGroupClusterBackupSnapshots', pathParams: { groupId, clusterName: plan.cluster }, body: plan.body };
  if (await dryRun(ctx, opts, spec)) return;
  const created = await send(ctx, plan.cluster, spec);
  if (plan.waitMs === undefined) {
    ctx.renderer.object(created, SNAPSHOT_VIEW);
    ctx.term.info(
      `snapshot ${created.id} of cluster ${plan.cluster} is ${created.status}; follow it with: atlascli backup snapshot get ${plan.cluster} ${created.id} (or use --wait)`,
    );
    return;
  }
  ctx.renderer.object(await waitForSnapshot(ctx, groupId, plan.cluster, created.id, plan.waitMs), SNAPSHOT_VIEW);
}

export async function snapshotDelete(ctx: Context, [cluster, id]: string[], opts: { dryRun?: boolean; ifExists?: boolean }): Promise<void> {
  const pathParams = { ...clusterPath(ctx, cluster), snapshotId: parseObjectId('snapshot id', id, SNAPSHOT_ID_HINT) };
  const spec: RequestSpec = { operationId: 'deleteGroupClusterBackupSnapshot', pathParams };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Delete snapshot ${pathParams.snapshotId} of cluster ${pathParams.clusterName}`))) return;
  if (!(await deleting(ctx, opts, `snapshot ${pathParams.snapshotId} of cluster ${pathParams.clusterName}`, () => send(ctx, pathParams.clusterName, spec)))) return;
  ctx.renderer.done(`deleted snapshot ${pathParams.snapshotId} of cluster ${pathParams.clusterName}`, {
    deleted: true,
    id: pathParams.snapshotId,
    cluster: pathParams.clusterName,
  });
}

/**
 * `backup snapshot watch <cluster> <snapshotId>`: follows a snapshot until it is completed
 * (exit 0, the snapshot printed) or failed (exit 1), a line per change of state on stderr
 * (a spinner on a terminal), as `cluster watch` does. Operation: getGroupClusterBackupSnapshot.
 */
export async function snapshotWatch(ctx: Context, [cluster, id]: string[], opts: { waitTimeout?: string }): Promise<void> {
  const pathParams = { ...clusterPath(ctx, cluster), snapshotId: parseObjectId('snapshot id', id, SNAPSHOT_ID_HINT) };
  const timeout = waitTimeoutMs(opts, true)!;
  ctx.renderer.object(await waitForSnapshot(ctx, pathParams.groupId, pathParams.clusterName, pathParams.snapshotId, timeout), SNAPSHOT_VIEW);
}

export interface SnapshotDownloadFlags {
  out?: string;
  dryRun?: boolean;
  waitTimeout?: string;
}

/**
 * `backup snapshot download <cluster> <snapshotId> --out <file>`: makes a download restore
 * job of the snapshot (createGroupClusterBackupRestoreJob, deliveryType download), waits
 * until Atlas gives its delivery URL (getGroupClusterBackupRestoreJob), then downloads the
 * .tar.gz from it (AtlasClient.downloadUrl, no API credentials) through the shared gzip
 * download (src/transfer/gzip-download.ts): streamed into a temporary file beside `--out`,
 * the gzip stream proven whole, renamed into place only then; nothing is left on a failure
 * or Ctrl-C. `--out` is checked before any request: an existing file needs --force (exit 2).
 * @throws UsageError (exit 2: no --out, --out a folder, an existing file without --force),
 *   AtlasApiError (the job refused: SNAPSHOT_NOT_FOUND exit 4…), CliError (the job failed,
 *   expired or the wait ran out: exit 1), NetworkError (exit 7: the download failed after retries)
 */
export async function snapshotDownload(ctx: Context, [cluster, id]: string[], opts: SnapshotDownloadFlags): Promise<void> {
  const pathParams = clusterPath(ctx, cluster);
  const snapshotId = parseObjectId('snapshot id', id, SNAPSHOT_ID_HINT);
  if (opts.out === undefined) throw new UsageError('--out is required: the file to save the snapshot archive (.tar.gz) to', 'e.g. --out snapshot.tar.gz, or --out - for stdout');
  const force = ctx.assumeYes;
  const out = checkOutFile(opts.out, { force, stdoutIsTTY: ctx.term.stdoutIsTTY, compressed: true, insteadHint: 'give --out <file>', redirectTo: 'snapshot.tar.gz' });
  const timeout = waitTimeoutMs(opts, true)!;
  const spec: RequestSpec = {
    operationId: 'createGroupClusterBackupRestoreJob',
    pathParams,
    body: { deliveryType: 'download', snapshotId },
    checkWith: `atlascli backup restore list ${pathParams.clusterName}`,
  };
  if (await dryRun(ctx, opts, spec)) return;
  const job = await send(ctx, pathParams.clusterName, spec);
  ctx.term.info(`restore job ${job.id} makes snapshot ${snapshotId} of cluster ${pathParams.clusterName} downloadable`);
  const ready = (await waitForRestore(ctx, pathParams.groupId, pathParams.clusterName, job, timeout))!;
  const urls: string[] = Array.isArray(ready.deliveryUrl) ? ready.deliveryUrl : [];
  if (urls.length !== 1) {
    throw new CliError(
      `restore job ${job.id} has ${urls.length} delivery URLs (a sharded cluster has one archive per shard); this command downloads one`,
      `see them with: atlascli backup restore get ${pathParams.clusterName} ${job.id} -o json`,
    );
  }
  const client = await ctx.client();
  const what = `snapshot ${snapshotId} of cluster ${pathParams.clusterName}`;
  const toStdout = out === STDOUT;
  const saved = await downloadGzip(
    client,
    { deliveryUrl: urls[0]! },
    {
      what,
      target: toStdout ? STDOUT : opts.out,
      stdout: ctx.io.stdout,
      cleanup: ctx.cleanup,
      progress: ctx.term.showsProgress && !toStdout ? { stderr: ctx.io.stderr, format: (n) => prettyBytes(n, { binary: true }) } : undefined,
      // a file that appeared while the job was made is kept too, unless --force
      beforeRename: (path) => refuseExisting(path, force, 'pass --force to overwrite it, or pick another --out'),
    },
  );
  if (!saved.path) return;
  ctx.renderer.done(`saved ${saved.path} (${prettyBytes(saved.written, { binary: true })}) from ${what}`, {
    cluster: pathParams.clusterName,
    snapshotId,
    restoreJobId: job.id,
    path: saved.path,
    bytes: saved.written,
  });
}

// ---- restore jobs --------------------------------------------------------------------

export async function restoreList(ctx: Context, [cluster]: string[], opts: { limit?: string }): Promise<void> {
  const pathParams = clusterPath(ctx, cluster);
  await hinted(pathParams.clusterName, () => renderList(ctx, { operationId: 'listGroupClusterBackupRestoreJobs', pathParams }, RESTORE_VIEW, opts));
}

export async function restoreGet(ctx: Context, [cluster, id]: string[]): Promise<void> {
  const pathParams = { ...clusterPath(ctx, cluster), restoreJobId: parseObjectId('restore job id', id, RESTORE_ID_HINT) };
  ctx.renderer.object(await send(ctx, pathParams.clusterName, { operationId: 'getGroupClusterBackupRestoreJob', pathParams }), RESTORE_VIEW);
}

/** Follows a restore job until it finishes, fails or is cancelled (a download: until its URL is ready). */
async function waitForRestore(ctx: Context, groupId: string, cluster: string, job: Json, timeoutMs: number): Promise<Json | undefined> {
  const client = await ctx.client();
  const download = job.deliveryType === 'download';
  return waitFor<Json>(ctx, {
    subject: `restore job ${job.id} of cluster ${cluster}`,
    goal: download ? 'ready' : 'finished',
    timeoutMs,
    follow: `atlascli backup restore get ${cluster} ${job.id}`,
    fetch: () =>
      hinted(cluster, () => client.request<Json>({ operationId: 'getGroupClusterBackupRestoreJob', pathParams: { groupId, clusterName: cluster, restoreJobId: job.id } })),
    state: restoreStatus,
    done: (d) => d !== undefined && (restoreStatus(d) === 'finished' || (download && restoreStatus(d) === 'ready')),
    failed: (d) => {
      const s = restoreStatus(d);
      return s === 'failed' ? 'failed' : s === 'cancelled' ? 'was cancelled' : s === 'expired' ? 'expired' : undefined;
    },
  });
}

export async function restoreCreate(ctx: Context, [cluster]: string[], opts: RestoreCreateFlags): Promise<void> {
  const groupId = ctx.projectId();
  const plan = planRestore(cluster, opts, { projectId: groupId, force: ctx.globals.force === true, now: (ctx.io.now ?? Date.now)() });
  const spec: RequestSpec = { operationId: 'createGroupClusterBackupRestoreJob', pathParams: { groupId, clusterName: plan.cluster }, body: plan.body };
  if (await dryRun(ctx, opts, spec)) return;
  const job = await send(ctx, plan.cluster, spec);
  if (plan.waitMs === undefined) {
    ctx.renderer.object(job, RESTORE_VIEW);
    ctx.term.info(`restore job ${job.id} started; follow it with: atlascli backup restore get ${plan.cluster} ${job.id} (or use --wait)`);
    return;
  }
  const final = await waitForRestore(ctx, groupId, plan.cluster, job, plan.waitMs);
  // a download's delivery URLs are the data: one a line, ready for curl or wget
  if (final?.deliveryType === 'download' && ctx.output === 'table' && !ctx.fields) {
    const urls: string[] = Array.isArray(final.deliveryUrl) ? final.deliveryUrl : [];
    ctx.term.out(urls.join('\n'));
    if (final.expiresAt) ctx.term.info(`the download link${urls.length > 1 ? 's expire' : ' expires'} at ${final.expiresAt}`);
    return;
  }
  ctx.renderer.object(final, RESTORE_VIEW);
}

export async function restoreCancel(ctx: Context, [cluster, id]: string[], opts: { dryRun?: boolean }): Promise<void> {
  const pathParams = { ...clusterPath(ctx, cluster), restoreJobId: parseObjectId('restore job id', id, RESTORE_ID_HINT) };
  const spec: RequestSpec = { operationId: 'cancelGroupClusterBackupRestoreJob', pathParams };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Cancel restore job ${pathParams.restoreJobId} of cluster ${pathParams.clusterName}`))) return;
  await send(ctx, pathParams.clusterName, spec);
  ctx.renderer.done(`cancelled restore job ${pathParams.restoreJobId} of cluster ${pathParams.clusterName}`, {
    cancelled: true,
    id: pathParams.restoreJobId,
    cluster: pathParams.clusterName,
  });
}

// ---- schedule ------------------------------------------------------------------------

function renderSchedule(ctx: Context, doc: Json): void {
  if (ctx.output === 'table' && ctx.format === 'short' && !ctx.fields) {
    ctx.renderer.list(scheduleRows(doc), {
      columns: [
        { header: 'setting', value: 'setting' },
        { header: 'value', value: 'value' },
      ],
    });
    return;
  }
  ctx.renderer.object(doc, SCHEDULE_VIEW);
}

export async function scheduleGet(ctx: Context, [cluster]: string[]): Promise<void> {
  const pathParams = clusterPath(ctx, cluster);
  renderSchedule(ctx, await send(ctx, pathParams.clusterName, { operationId: 'getGroupClusterBackupSchedule', pathParams }));
}

/**
 * Reads the schedule and sends the fields that differ. The spec requires `policies` in
 * every PATCH of the schedule, so the current policy goes along unchanged (same ids)
 * when only the reference time or the restore window changes.
 */
export async function scheduleSet(ctx: Context, [cluster]: string[], opts: ScheduleSetFlags): Promise<void> {
  const plan = planSchedule(cluster, opts);
  const pathParams = clusterPath(ctx, plan.cluster);
  const current = await send(ctx, plan.cluster, { operationId: 'getGroupClusterBackupSchedule', pathParams });
  const body: Json = {};
  for (const key of ['referenceHourOfDay', 'referenceMinuteOfHour', 'restoreWindowDays'] as const) {
    if (plan[key] !== undefined && plan[key] !== current[key]) body[key] = plan[key];
  }
  const items = applyPolicies(policyItems(current), plan.policies);
  if (items) checkRetentions(items);
  if (Object.keys(body).length === 0 && !items) {
    ctx.term.info(`the backup schedule of cluster ${plan.cluster} already looks like that: nothing to change, nothing was sent`);
    if (!opts.dryRun) renderSchedule(ctx, current);
    return;
  }
  const policyId = current.policies?.[0]?.id;
  // an item's id is read-only (spec, DiskBackupApiPolicyItem): the items are sent as the whole desired list
  const desired = (items ?? policyItems(current)).map(({ id: _id, ...item }) => item);
  body.policies = [{ ...(policyId ? { id: policyId } : {}), policyItems: desired }];
  const spec: RequestSpec = { operationId: 'updateGroupClusterBackupSchedule', pathParams, body };
  if (await dryRun(ctx, opts, spec)) return;
  renderSchedule(ctx, await send(ctx, plan.cluster, spec));
}
