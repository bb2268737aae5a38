// Cloud backup records of the simulator: snapshots, restore jobs and the backup schedule
// of each cluster, kept per cluster id (a cluster deleted and created again under the
// same name starts with no snapshots). Routes and rules live in backup.ts.
import type { Json } from '../model.js';
import { DEFAULT_ARCHIVE_BYTES } from './snapshot-archive.js';

export type SnapshotStatus = 'queued' | 'inProgress' | 'completed' | 'failed';

export interface SnapshotRecord {
  id: string;
  snapshotType: 'onDemand' | 'scheduled' | 'fallback';
  /** `ondemand` for on-demand snapshots (as recorded), else the policy item's frequency */
  frequencyType: string;
  status: SnapshotStatus;
  description?: string;
  /** how long Atlas keeps it, in days */
  retentionDays: number;
  /** ISO: when the snapshot was taken (Atlas shows createdAt once it completes) */
  createdAt?: string;
  expiresAt: string;
  storageSizeBytes: number;
  mongodVersion?: string;
  cloudProvider?: string;
  /** ids of the policy items that produced a scheduled snapshot */
  policyItems: string[];
  /** clock ms of the last change of status (the next step is due stepMs later) */
  changedAt: number;
  /** made while failNext.snapshot was set: fails instead of completing */
  willFail?: boolean;
}

export type RestorePhase = 'queued' | 'inProgress' | 'done';

export interface RestoreJobRecord {
  id: string;
  deliveryType: 'automated' | 'download' | 'pointInTime';
  snapshotId?: string;
  targetClusterName?: string;
  targetGroupId?: string;
  targetDeploymentItemName?: string;
  pointInTimeUTCSeconds?: number;
  oplogTs?: number;
  oplogInc?: number;
  /** ISO: when the restored snapshot was taken (or the point in time) */
  timestamp: string;
  phase: RestorePhase;
  cancelled: boolean;
  failed: boolean;
  expired: boolean;
  finishedAt?: string;
  deliveryUrl: string[];
  /** http://host:port of the simulator the job was made on: a download's delivery URL is served there */
  deliveryBase?: string;
  /** the secret part of a download's delivery URL */
  deliveryToken?: string;
  expiresAt?: string;
  /** clock ms of the last change (the next step is due stepMs later) */
  changedAt: number;
  /** made while failNext.restore was set: fails instead of finishing */
  willFail?: boolean;
}

export interface ClusterBackup {
  groupId: string;
  clusterId: string;
  clusterName: string;
  snapshots: SnapshotRecord[];
  restoreJobs: RestoreJobRecord[];
  /** the backup policy: referenceHourOfDay, referenceMinuteOfHour, restoreWindowDays, policies[{id, policyItems}] */
  schedule: Json;
}

/** A Flex cluster's restore or download job (resources/flex-backup.ts), kept by the source cluster's id. */
export interface FlexRestoreJob {
  id: string;
  deliveryType: 'RESTORE' | 'DOWNLOAD';
  snapshotId: string;
  snapshotFinishedDate: string;
  instanceName: string;
  projectId: string;
  targetDeploymentItemName?: string;
  targetProjectId?: string;
  /** clock ms the job was made: PENDING, RUNNING after stepMs, COMPLETED after 2 stepMs */
  createdMs: number;
  snapshotUrl?: string;
}

/** Every cluster's backup, plus knobs for tests (in-process only). */
export class BackupStore {
  /** key: cluster id */
  readonly clusters = new Map<string, ClusterBackup>();
  /** Flex clusters' restore and download jobs, by the source cluster's id (resources/flex-backup.ts) */
  readonly flexJobs = new Map<string, FlexRestoreJob[]>();
  /** The next snapshot (or restore job) made fails when it would complete; tests of the failure paths. */
  failNext = { snapshot: false, restore: false };
  /** Bytes of a snapshot's download archive, about (resources/snapshot-archive.ts; the bench makes it 1 GiB). */
  archiveBytes = DEFAULT_ARCHIVE_BYTES;

  clear(): void {
    this.clusters.clear();
    this.flexJobs.clear();
    this.failNext = { snapshot: false, restore: false };
    this.archiveBytes = DEFAULT_ARCHIVE_BYTES;
  }
}
