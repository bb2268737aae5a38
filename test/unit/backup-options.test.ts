// The define step of `atlascli backup …`: every bad input is refused here (exit 2) before
// any request; the bodies are what the spec's DiskBackupSnapshotRestoreJob,
// DiskBackupOnDemandSnapshotRequest and DiskBackupApiPolicyItem expect.
import { describe, expect, it } from 'vitest';
import { parseDeliveryType, parseObjectId, restoreCreate, scheduleSet, snapshotCreate } from '../../src/commands/backup/options.js';
import { applyPolicies, formatPolicy, parsePolicy, type PolicyItem } from '../../src/commands/backup/policy.js';
import { humanBytes, restoreStatus } from '../../src/commands/backup/views.js';
import { usage } from '../helpers/expect.js';

const P = 'b0123456789abcdef012345b';
const OTHER = 'b1123456789abcdef012345b';
const SNAP = '6a7944f22c88faeba59d3572';
const NOW = Date.parse('2026-08-10T12:00:00Z');
const rc = { projectId: P, force: false, now: NOW };

describe('ids', () => {
  it('takes 24 hexadecimal characters, lower-cased', () => {
    expect(parseObjectId('snapshot id', '6A7944F22C88FAEBA59D3572')).toBe(SNAP);
  });
  it.each(['123', `${SNAP}0`, 'zz7944f22c88faeba59d3572', ''])('refuses %j', (v) => {
    expect(usage(() => parseObjectId('snapshot id', v)).message).toMatch(/snapshot id/);
  });
});

describe('snapshot create', () => {
  it('sends only what is given', () => {
    expect(snapshotCreate('Cluster0', {})).toEqual({ cluster: 'Cluster0', body: {}, waitMs: undefined });
    expect(snapshotCreate('Cluster0', { description: 'x', retentionDays: '7', wait: true, waitTimeout: '60' })).toEqual({
      cluster: 'Cluster0',
      body: { description: 'x', retentionInDays: 7 },
      waitMs: 60_000,
    });
  });
  it.each(['0', '-1', '1.5', 'seven', '3651'])('refuses --retention-days %s (spec minimum 1)', (v) => {
    expect(usage(() => snapshotCreate('Cluster0', { retentionDays: v })).message).toMatch(/--retention-days/);
  });
  it('refuses --wait-timeout without --wait, and a bad cluster name', () => {
    usage(() => snapshotCreate('Cluster0', { waitTimeout: '5' }));
    usage(() => snapshotCreate('bad_name', {}));
  });
});

describe('restore create', () => {
  it('automated: snapshot and target, the target project defaulting to the current one', () => {
    expect(restoreCreate('Cluster0', { type: 'automated', snapshot: SNAP, targetCluster: 'Other' }, rc).body).toEqual({
      deliveryType: 'automated',
      snapshotId: SNAP,
      targetClusterName: 'Other',
      targetGroupId: P,
    });
    expect(restoreCreate('Cluster0', { type: 'automated', snapshot: SNAP, targetCluster: 'Cluster0', targetProject: OTHER }, rc).body.targetGroupId).toBe(OTHER);
  });

  it('automated onto the source cluster itself needs --force (python-atlasapi allow_same)', () => {
    const flags = { type: 'automated', snapshot: SNAP, targetCluster: 'Cluster0' };
    expect(usage(() => restoreCreate('Cluster0', flags, rc)).hint).toMatch(/--force/);
    expect(restoreCreate('Cluster0', flags, { ...rc, force: true }).body.targetClusterName).toBe('Cluster0');
  });

  it('download: a snapshot and no target', () => {
    expect(restoreCreate('Cluster0', { type: 'download', snapshot: SNAP }, rc).body).toEqual({ deliveryType: 'download', snapshotId: SNAP });
    usage(() => restoreCreate('Cluster0', { type: 'download', snapshot: SNAP, targetCluster: 'x' }, rc));
  });

  it('pointInTime: --point-in-time in epoch seconds, or the oplog pair; no snapshot', () => {
    const pit = restoreCreate('Cluster0', { type: 'pointInTime', pointInTime: '2026-08-10T10:00:00Z', targetCluster: 'Other' }, rc).body;
    expect(pit).toEqual({ deliveryType: 'pointInTime', targetClusterName: 'Other', targetGroupId: P, pointInTimeUTCSeconds: 1_786_356_000 });
    const rel = restoreCreate('Cluster0', { type: 'pointintime', pointInTime: '2h', targetCluster: 'Other' }, rc).body;
    expect(rel.pointInTimeUTCSeconds).toBe(NOW / 1000 - 7200);
    const oplog = restoreCreate('Cluster0', { type: 'pointInTime', oplogTs: '1786356000', oplogInc: '3', targetCluster: 'Other' }, rc).body;
    expect(oplog).toMatchObject({ oplogTs: 1_786_356_000, oplogInc: 3 });
    expect(oplog.pointInTimeUTCSeconds).toBeUndefined();
  });

  it.each([
    [{ type: 'automated', targetCluster: 'Other' }, /--snapshot/],
    [{ type: 'download' }, /--snapshot/],
    [{ type: 'automated', snapshot: 'abc', targetCluster: 'Other' }, /invalid --snapshot/],
    [{ type: 'automated', snapshot: SNAP }, /missing --target-cluster/],
    [{ type: 'pointInTime', pointInTime: '2026-08-10T10:00:00Z' }, /missing --target-cluster/],
    [{ type: 'automated', snapshot: SNAP, targetCluster: 'Other', targetProject: 'nope' }, /--target-project/],
    [{ type: 'pointInTime', targetCluster: 'Other' }, /needs --point-in-time/],
    [{ type: 'pointInTime', targetCluster: 'Other', pointInTime: '2026-08-11T00:00:00Z' }, /in the future/],
    [{ type: 'pointInTime', targetCluster: 'Other', pointInTime: '2007-12-31' }, /before 2008/],
    [{ type: 'pointInTime', targetCluster: 'Other', pointInTime: 'yesterday-ish' }, /invalid --point-in-time/],
    [{ type: 'pointInTime', targetCluster: 'Other', pointInTime: '2h', oplogTs: '1786356000', oplogInc: '1' }, /not both/],
    [{ type: 'pointInTime', targetCluster: 'Other', oplogTs: '1786356000' }, /go together/],
    [{ type: 'pointInTime', targetCluster: 'Other', oplogTs: '1786356000', oplogInc: '0' }, /--oplog-inc/],
    [{ type: 'pointInTime', targetCluster: 'Other', oplogTs: '1886356000', oplogInc: '1' }, /in the future/],
    [{ type: 'pointInTime', snapshot: SNAP, targetCluster: 'Other', pointInTime: '2h' }, /--snapshot is not used/],
    [{ type: 'download', snapshot: SNAP, pointInTime: '2h' }, /only go with --type pointInTime/],
    [{ snapshot: SNAP }, /missing --type/],
    [{ type: 'snapshot', snapshot: SNAP }, /unknown restore type/],
  ])('refuses %j', (flags, message) => {
    expect(usage(() => restoreCreate('Cluster0', flags, rc)).message).toMatch(message);
  });

  it('suggests the delivery type closest to a typo', () => {
    expect(usage(() => parseDeliveryType('downlaod')).hint).toBe('did you mean download?');
    expect(parseDeliveryType('AUTOMATED')).toBe('automated');
  });
});

describe('policy grammar', () => {
  it.each([
    ['daily:1:7d', { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 }],
    ['hourly:6:2d', { frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 }],
    ['weekly:sat:4w', { frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 4 }],
    ['monthly:last:12m', { frequencyType: 'monthly', frequencyInterval: 40, retentionUnit: 'months', retentionValue: 12 }],
    ['Yearly:12:1Y', { frequencyType: 'yearly', frequencyInterval: 12, retentionUnit: 'years', retentionValue: 1 }],
  ])('%s', (text, item) => {
    expect(parsePolicy(text)).toEqual({ frequency: item.frequencyType, item });
    expect(formatPolicy(item)).toBe(text.toLowerCase().replace('sat', '6').replace('last', '40'));
  });

  it.each(['daily', 'daily:1', 'daily:2:7d', 'hourly:3:2d', 'weekly:8:4w', 'monthly:29:1m', 'monthly:40:12x', 'yearly:13:1y', 'minutely:1:1d', 'daily:1:0d', 'daily:1:d'])(
    'refuses %s',
    (text) => {
      expect(usage(() => parsePolicy(text)).message).toMatch(/invalid --policy/);
    },
  );

  const current: PolicyItem[] = [
    { id: 'a', frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 },
    { id: 'b', frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
    { id: 'c', frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 4 },
  ];

  it('replaces the frequencies named, keeps the others, and drops <frequency>:none', () => {
    const next = applyPolicies(current, [parsePolicy('weekly:1:8w'), parsePolicy('weekly:5:8w'), parsePolicy('hourly:none')]);
    expect(next?.map(formatPolicy)).toEqual(['daily:1:7d', 'weekly:1:8w', 'weekly:5:8w']);
    expect(next?.[0]?.id).toBe('b');
  });

  it('sees no change when the items given are the current ones', () => {
    expect(applyPolicies(current, [parsePolicy('daily:1:7d')])).toBeUndefined();
    expect(applyPolicies(current, [])).toBeUndefined();
  });

  it('schedule set: ranges, nothing to change, contradictions', () => {
    expect(scheduleSet('Cluster0', { referenceHour: '23', referenceMinute: '0', restoreWindowDays: '2', policy: ['daily:1:7d,weekly:6:4w'] })).toMatchObject({
      referenceHourOfDay: 23,
      referenceMinuteOfHour: 0,
      restoreWindowDays: 2,
    });
    expect(usage(() => scheduleSet('Cluster0', {})).message).toBe('nothing to change');
    usage(() => scheduleSet('Cluster0', { referenceHour: '24' }));
    usage(() => scheduleSet('Cluster0', { referenceMinute: '60' }));
    usage(() => scheduleSet('Cluster0', { restoreWindowDays: '0' }));
    expect(usage(() => scheduleSet('Cluster0', { policy: ['weekly:none', 'weekly:1:4w'] })).message).toMatch(/cannot be combined/);
    expect(usage(() => scheduleSet('Cluster0', { policy: ['daily:1:7d', 'daily:1:7d'] })).message).toMatch(/given twice/);
  });
});

describe('views', () => {
  it('shows sizes in binary units', () => {
    expect(humanBytes(1_582_854_144)).toBe('1.5 GiB');
    expect(humanBytes(0)).toBe('0 B');
    expect(humanBytes(50 * 1024 ** 3)).toBe('50 GiB');
    expect(humanBytes(undefined)).toBe('');
  });

  it('derives a restore job status from the recorded flags', () => {
    expect(restoreStatus({ cancelled: false, failed: false, expired: false, deliveryUrl: [] })).toBe('inProgress');
    expect(restoreStatus({ deliveryUrl: ['https://x'] })).toBe('ready');
    expect(restoreStatus({ finishedAt: '2026-08-10T03:40:10Z', deliveryUrl: [] })).toBe('finished');
    expect(restoreStatus({ cancelled: true })).toBe('cancelled');
    expect(restoreStatus({ failed: true })).toBe('failed');
    expect(restoreStatus({ expired: true, deliveryUrl: ['https://x'] })).toBe('expired');
  });
});
