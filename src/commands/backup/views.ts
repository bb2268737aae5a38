import type { View } from '../../output/render.js';
import { formatPolicy, type PolicyItem } from './policy.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API documents
type Doc = any;

/** `1.5 GiB` for 1_610_612_736: bytes in binary units, one decimal below 10. */
export function humanBytes(bytes: unknown): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export const SNAPSHOT_VIEW: View = {
  empty: 'snapshots',
  columns: [
    { header: 'id', value: 'id' },
    { header: 'created', value: 'createdAt' },
    { header: 'type', value: 'snapshotType' },
    { header: 'status', value: 'status' },
    { header: 'size', value: (d: Doc) => humanBytes(d?.storageSizeBytes) },
    { header: 'expires', value: 'expiresAt' },
  ],
};

/**
 * Where a restore job stands, from the flags Atlas sets (a restore job has no status
 * field): cancelled, failed, expired, finished (finishedAt), ready (a download's
 * deliveryUrl is there), else inProgress.
 */
export function restoreStatus(d: Doc): string {
  if (d?.cancelled) return 'cancelled';
  if (d?.failed) return 'failed';
  if (d?.expired) return 'expired';
  if (d?.finishedAt) return 'finished';
  if (Array.isArray(d?.deliveryUrl) && d.deliveryUrl.length > 0) return 'ready';
  return 'inProgress';
}

export const RESTORE_VIEW: View = {
  empty: 'restore jobs',
  columns: [
    { header: 'id', value: 'id' },
    { header: 'type', value: 'deliveryType' },
    { header: 'snapshot', value: 'snapshotId' },
    { header: 'target', value: 'targetClusterName' },
    { header: 'status', value: restoreStatus },
    { header: 'finished', value: 'finishedAt' },
  ],
};

/** The policy items of a schedule (policies[0].policyItems). */
export function policyItems(d: Doc): PolicyItem[] {
  const items = d?.policies?.[0]?.policyItems;
  return Array.isArray(items) ? items : [];
}

/** Columns of `backup schedule get|set` with --fields or -o csv; the short table is one row per setting. */
export const SCHEDULE_VIEW: View = {
  columns: [
    { header: 'reference-hour', value: 'referenceHourOfDay' },
    { header: 'reference-minute', value: 'referenceMinuteOfHour' },
    { header: 'restore-window-days', value: 'restoreWindowDays' },
    { header: 'next-snapshot', value: 'nextSnapshot' },
    { header: 'policy', value: (d: Doc) => policyItems(d).map(formatPolicy).join(' ') },
  ],
};

/** The short table of a schedule: one row per setting, one per policy item, in the grammar of --policy. */
export function scheduleRows(d: Doc): Array<{ setting: string; value: unknown }> {
  return [
    { setting: 'reference-hour', value: d?.referenceHourOfDay },
    { setting: 'reference-minute', value: d?.referenceMinuteOfHour },
    { setting: 'restore-window-days', value: d?.restoreWindowDays },
    { setting: 'next-snapshot', value: d?.nextSnapshot },
    ...policyItems(d).map((i) => ({ setting: 'policy', value: formatPolicy(i) })),
  ];
}
