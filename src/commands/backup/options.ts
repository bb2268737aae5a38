/**
 * Define step of `atlascli backup …`: argv and flags in, a checked options object out.
 * Every check that can refuse input (a UsageError, exit 2) is here, so nothing is sent
 * when input is bad; run.ts only sends requests and renders.
 */
import { UsageError } from '../../errors.js';
import { epochSeconds, isoSeconds, parseDate } from '../../args/dates.js';
import { suggestionHint } from '../../args/suggest.js';
import { checkClusterName } from '../cluster/validate.js';
import { waitTimeoutMs } from '../wait.js';
import { checkPolicySpecs, parsePolicy, type PolicySpec } from './policy.js';

const HEX24 = /^[0-9a-f]{24}$/i;
/** Atlas's earliest point in time: 2008-01-01T00:00:00Z (spec minimum of pointInTimeUTCSeconds and oplogTs). */
export const EARLIEST_SECONDS = 1_199_145_600;
/** Upper bound of `--retention-days` (ten years): the spec sets only the minimum, 1. */
export const MAX_RETENTION_DAYS = 3650;
export const DELIVERY_TYPES = ['automated', 'download', 'pointInTime'] as const;
export type DeliveryType = (typeof DELIVERY_TYPES)[number];

/** A 24-hex id (snapshot, restore job, project), lower-cased; `what` names it in the message. */
export function parseObjectId(what: string, value: string | undefined, hint?: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing ${what}`, hint);
  const v = value.trim();
  if (!HEX24.test(v)) throw new UsageError(`invalid ${what} "${value}": an id is 24 hexadecimal characters`, hint);
  return v.toLowerCase();
}

/** A whole number from min to max, naming the flag when it is not one. */
export function parseIntIn(flag: string, value: string, min: number, max: number): number {
  const v = value.trim();
  if (!/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new UsageError(`invalid ${flag} "${value}": give a whole number from ${min} to ${max}`);
  }
  return Number(v);
}

// ---- snapshots -----------------------------------------------------------------------

export interface SnapshotCreateFlags {
  description?: string;
  retentionDays?: string;
  wait?: boolean;
  waitTimeout?: string;
  dryRun?: boolean;
}

export interface SnapshotCreate {
  cluster: string;
  /** DiskBackupOnDemandSnapshotRequest: description, retentionInDays (only those given) */
  body: { description?: string; retentionInDays?: number };
  /** --wait: bound on the wait in ms; undefined without --wait */
  waitMs?: number;
}

export function snapshotCreate(cluster: string | undefined, o: SnapshotCreateFlags): SnapshotCreate {
  const name = checkClusterName(cluster);
  const body: SnapshotCreate['body'] = {};
  if (o.description !== undefined) body.description = o.description;
  if (o.retentionDays !== undefined) body.retentionInDays = parseIntIn('--retention-days', o.retentionDays, 1, MAX_RETENTION_DAYS);
  return { cluster: name, body, waitMs: waitTimeoutMs(o) };
}

// the error already says what an id looks like: the hint says where to find one
export const SNAPSHOT_ID_HINT = '`atlascli backup snapshot list <cluster>` lists the snapshot ids';
export const RESTORE_ID_HINT = '`atlascli backup restore list <cluster>` lists the restore job ids';

// ---- restores ------------------------------------------------------------------------

export interface RestoreCreateFlags {
  type?: string;
  snapshot?: string;
  targetCluster?: string;
  targetProject?: string;
  pointInTime?: string;
  oplogTs?: string;
  oplogInc?: string;
  wait?: boolean;
  waitTimeout?: string;
  dryRun?: boolean;
}

/** DiskBackupSnapshotRestoreJob, as sent: only what the delivery type uses. */
export interface RestoreBody {
  deliveryType: DeliveryType;
  snapshotId?: string;
  targetClusterName?: string;
  targetGroupId?: string;
  pointInTimeUTCSeconds?: number;
  oplogTs?: number;
  oplogInc?: number;
}

export interface RestoreCreate {
  cluster: string;
  body: RestoreBody;
  waitMs?: number;
}

export interface RestoreContext {
  /** the project of the source cluster (the default --target-project) */
  projectId: string;
  /** `--force` was given: restoring onto the source cluster itself is allowed */
  force: boolean;
  /** epoch ms for "in the future" and relative dates (default now) */
  now?: number;
}

export function parseDeliveryType(value: string | undefined): DeliveryType {
  if (value === undefined) throw new UsageError('missing --type', 'give --type automated, download or pointInTime');
  const found = DELIVERY_TYPES.find((t) => t.toLowerCase() === value.trim().toLowerCase());
  if (!found) throw new UsageError(`unknown restore type "${value}"`, suggestionHint(value, DELIVERY_TYPES, 'restore types'));
  return found;
}

/** A point in time in epoch seconds, refused in the future or before 2008. */
function pastSeconds(flag: string, seconds: number, now: number): number {
  if (seconds * 1000 > now) throw new UsageError(`${flag} ${isoSeconds(new Date(seconds * 1000))} is in the future`, 'a restore can only go back in time');
  if (seconds < EARLIEST_SECONDS) throw new UsageError(`${flag} ${isoSeconds(new Date(seconds * 1000))} is before 2008-01-01, the earliest Atlas accepts`);
  return seconds;
}

/**
 * Checks `backup restore create` and builds its request body:
 * - `automated`: --snapshot and --target-cluster required, --target-project defaults to
 *   the current project; onto the source cluster itself only with --force (as
 *   python-atlasapi's allow_same guard);
 * - `download`: --snapshot required, no target;
 * - `pointInTime`: --point-in-time <date> (sent as pointInTimeUTCSeconds, epoch seconds)
 *   or --oplog-ts with --oplog-inc, never both; a target as for automated (the spec
 *   requires targetClusterName and targetGroupId for pointInTime too); no --snapshot.
 */
export function restoreCreate(cluster: string | undefined, o: RestoreCreateFlags, rc: RestoreContext): RestoreCreate {
  const name = checkClusterName(cluster);
  const type = parseDeliveryType(o.type);
  const now = rc.now ?? Date.now();
  const body: RestoreBody = { deliveryType: type };
  const pitFlags = [o.pointInTime !== undefined && '--point-in-time', o.oplogTs !== undefined && '--oplog-ts', o.oplogInc !== undefined && '--oplog-inc'].filter(
    (f): f is string => typeof f === 'string',
  );

  if (type === 'pointInTime') {
    if (o.snapshot !== undefined) {
      throw new UsageError('--snapshot is not used by a pointInTime restore', 'it restores to --point-in-time <date>, or to --oplog-ts and --oplog-inc');
    }
  } else {
    body.snapshotId = parseObjectId(
      o.snapshot === undefined ? `--snapshot: ${type === 'automated' ? 'an' : 'a'} ${type} restore restores one snapshot` : '--snapshot',
      o.snapshot,
      SNAPSHOT_ID_HINT,
    );
    if (pitFlags.length) throw new UsageError(`${pitFlags.join(', ')} only go with --type pointInTime`);
  }

  if (type === 'download') {
    if (o.targetCluster !== undefined || o.targetProject !== undefined) {
      throw new UsageError('a download restore has no target', 'drop --target-cluster and --target-project; the delivery URL is printed when the download is ready (--wait)');
    }
  } else {
    if (o.targetCluster === undefined) {
      throw new UsageError(
        `missing --target-cluster: ${type === 'automated' ? 'an' : 'a'} ${type} restore needs the cluster to restore onto`,
        'give --target-cluster <name> (and --target-project <id> for another project)',
      );
    }
    body.targetClusterName = checkClusterName(o.targetCluster);
    body.targetGroupId = o.targetProject === undefined ? rc.projectId : parseObjectId('--target-project', o.targetProject);
    if (body.targetGroupId === rc.projectId && body.targetClusterName === name && !rc.force) {
      throw new UsageError(
        `refusing to restore cluster ${name} onto itself: it replaces all of its data`,
        'pass --force to restore onto the source cluster, or pick another --target-cluster',
      );
    }
  }

  if (type === 'pointInTime') {
    if (o.pointInTime !== undefined && (o.oplogTs !== undefined || o.oplogInc !== undefined)) {
      throw new UsageError('give --point-in-time or --oplog-ts/--oplog-inc, not both');
    }
    if (o.pointInTime !== undefined) {
      body.pointInTimeUTCSeconds = pastSeconds('--point-in-time', epochSeconds(parseDate('--point-in-time', o.pointInTime, { now })), now);
    } else if (o.oplogTs !== undefined || o.oplogInc !== undefined) {
      if (o.oplogTs === undefined || o.oplogInc === undefined)
        throw new UsageError('--oplog-ts and --oplog-inc go together', 'give both: the oplog timestamp (epoch seconds) and its increment');
      body.oplogTs = pastSeconds('--oplog-ts', parseIntIn('--oplog-ts', o.oplogTs, 0, 2 ** 31 - 1), now);
      body.oplogInc = parseIntIn('--oplog-inc', o.oplogInc, 1, 2 ** 31 - 1);
    } else {
      throw new UsageError('a pointInTime restore needs --point-in-time <date>, or --oplog-ts and --oplog-inc');
    }
  }
  return { cluster: name, body, waitMs: waitTimeoutMs(o) };
}

// ---- schedule ------------------------------------------------------------------------

export interface ScheduleSetFlags {
  referenceHour?: string;
  referenceMinute?: string;
  restoreWindowDays?: string;
  policy?: string[];
  dryRun?: boolean;
}

export interface ScheduleSet {
  cluster: string;
  referenceHourOfDay?: number;
  referenceMinuteOfHour?: number;
  restoreWindowDays?: number;
  policies: PolicySpec[];
}

export function scheduleSet(cluster: string | undefined, o: ScheduleSetFlags): ScheduleSet {
  const name = checkClusterName(cluster);
  const out: ScheduleSet = {
    cluster: name,
    policies: (o.policy ?? [])
      .flatMap((v) => v.split(','))
      .filter((v) => v.trim() !== '')
      .map(parsePolicy),
  };
  checkPolicySpecs(out.policies);
  if (o.referenceHour !== undefined) out.referenceHourOfDay = parseIntIn('--reference-hour', o.referenceHour, 0, 23);
  if (o.referenceMinute !== undefined) out.referenceMinuteOfHour = parseIntIn('--reference-minute', o.referenceMinute, 0, 59);
  if (o.restoreWindowDays !== undefined) out.restoreWindowDays = parseIntIn('--restore-window-days', o.restoreWindowDays, 1, 3650);
  if (out.referenceHourOfDay === undefined && out.referenceMinuteOfHour === undefined && out.restoreWindowDays === undefined && !out.policies.length) {
    throw new UsageError('nothing to change', 'give --reference-hour, --reference-minute, --restore-window-days or --policy');
  }
  return out;
}
