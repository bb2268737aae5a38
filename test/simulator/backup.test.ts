// Cloud backup in the simulator: documents shaped like the Atlas responses recorded under
// ../shared/atlas-api/recorded/backup/ (same attribute names at each stage), the
// lifecycles, and the errors Atlas answers with.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { BACKUP_SEED, checkPolicyItems } from '../../src/simulator/resources/backup.js';
import { useSimulator } from './helpers.js';

const ROOT = new URL('../../../shared/atlas-api/recorded/backup/', import.meta.url);
const have = existsSync(ROOT);
const SNAPS = 'snapshot/backupsnapshot/TestSnapshots/';
const RESTORES = 'restores/backuprestores/TestRestores/';

function recorded(rel: string): { status: number; body: any } {
  const text = readFileSync(new URL(rel, ROOT), 'utf8');
  const [head, ...rest] = text.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n').trim();
  return { status: Number(head!.split(' ')[1]), body: body ? JSON.parse(body) : undefined };
}
const keys = (o: object) => Object.keys(o).sort();

describe('cloud backup', () => {
  const STEP = 60_000;
  // a manual clock: the lifecycles move only when the test advances it
  const fx = useSimulator({ stepMs: STEP, clock: 'manual' }, { reset: false });
  const B = (cluster = 'Cluster0', group = SEED.projectId) => `/api/atlas/v2/groups/${group}/clusters/${cluster}/backup`;

  /** Reads until `done`, the clock advanced one step between reads: every state on the way, in order. */
  async function follow(path: string, state: (d: any) => string, done: (d: any) => boolean): Promise<{ seen: string[]; last: any }> {
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await fx.api('GET', path);
      expect(r.status).toBe(200);
      if (seen.at(-1) !== state(r.json)) seen.push(state(r.json));
      if (done(r.json)) return { seen, last: r.json };
      fx.sim.clock.advance(STEP);
    }
    throw new Error(`${path} never got there: ${seen.join(' → ')}`);
  }

  it('takes an on-demand snapshot: queued → inProgress → completed over polls, with the recorded attributes at each stage', async () => {
    const r = await fx.api('POST', `${B()}/snapshots`, { body: { description: 'test-snapshot', retentionInDays: 1 } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'queued', snapshotType: 'onDemand', frequencyType: 'ondemand', type: 'replicaSet', replicaSetName: 'Cluster0', storageSizeBytes: 0 });
    const { seen, last } = await follow(
      `${B()}/snapshots/${r.json.id}`,
      (d) => d.status,
      (d) => d.status === 'completed',
    );
    expect(seen).toEqual(['queued', 'inProgress', 'completed']);
    expect(last.storageSizeBytes).toBeGreaterThan(0);
    expect(Date.parse(last.expiresAt) - Date.parse(last.createdAt)).toBeCloseTo(86_400_000, -4);
    if (have) {
      // recorded: Create_snapshot (queued), Watch_creation _1 (inProgress), Describe (completed)
      expect(keys(r.json)).toEqual(
        keys(recorded(`${SNAPS}Create_snapshot/POST_api_atlas_v2_groups_b0123456789abcdef012345b_clusters_cluster-209_backup_snapshots_1.snaphost`).body),
      );
      expect(keys(last)).toEqual(
        keys(recorded(`${SNAPS}Describe/GET_api_atlas_v2_groups_b0123456789abcdef012345b_clusters_cluster-209_backup_snapshots_6a7944f22c88faeba59d3572_1.snaphost`).body),
      );
      const list = await fx.api('GET', `${B()}/snapshots`);
      const rec = recorded(`${SNAPS}List/GET_api_atlas_v2_groups_b0123456789abcdef012345b_clusters_cluster-209_backup_snapshots_1.snaphost`).body;
      expect(keys(list.json)).toEqual(keys(rec));
      expect(list.json.results[0].links.map((l: any) => l.rel)).toEqual(rec.results[0].links.map((l: any) => l.rel));
    }
  });

  it('lifecycles follow the clock, not the number of reads; each step is dated when it was due', async () => {
    const t0 = fx.sim.clock.now();
    const r = await fx.api('POST', `${B()}/snapshots`, { body: { retentionInDays: 2 } });
    const path = `${B()}/snapshots/${r.json.id}`;
    for (let i = 0; i < 5; i++) expect((await fx.api('GET', path)).json.status).toBe('queued');
    fx.sim.clock.advance(STEP - 1);
    expect((await fx.api('GET', path)).json.status).toBe('queued');
    // two steps later, without a read in between: completed, dated at the second step
    fx.sim.clock.advance(STEP + 1);
    const done = (await fx.api('GET', path)).json;
    expect(done.status).toBe('completed');
    expect(Date.parse(done.createdAt)).toBe(Math.floor((t0 + 2 * STEP) / 1000) * 1000);
    expect(Date.parse(done.expiresAt) - Date.parse(done.createdAt)).toBe(2 * 86_400_000);
  });

  it('one on-demand snapshot at a time (spec: wait until the queued or inProgress one completes)', async () => {
    const first = await fx.api('POST', `${B()}/snapshots`, { body: {} });
    expect(first.status).toBe(200);
    const second = await fx.api('POST', `${B()}/snapshots`, { body: {} });
    expect(second.status).toBe(400);
    // Atlas API error-code list (mongodb.com/docs/atlas/reference/api-errors): 400 UNFINISHED_ON_DEMAND_SNAPSHOT,
    // 400 CANNOT_DELETE_IN_PROGRESS_SNAPSHOT
    expect(second.json).toMatchObject({ errorCode: 'UNFINISHED_ON_DEMAND_SNAPSHOT', error: 400, reason: 'Bad Request' });
    const del = await fx.api('DELETE', `${B()}/snapshots/${first.json.id}`);
    expect(del.status).toBe(400);
    expect(del.json.errorCode).toBe('CANNOT_DELETE_IN_PROGRESS_SNAPSHOT');
    await follow(
      `${B()}/snapshots/${first.json.id}`,
      (d) => d.status,
      (d) => d.status === 'completed',
    );
    // recorded: Delete (204, no body)
    const gone = await fx.api('DELETE', `${B()}/snapshots/${first.json.id}`);
    expect(gone.status).toBe(204);
    expect(gone.text).toBe('');
    expect((await fx.api('GET', `${B()}/snapshots/${first.json.id}`)).json).toMatchObject({ error: 404, errorCode: 'SNAPSHOT_NOT_FOUND' });
  });

  it('restore jobs of the three delivery types, shaped as recorded', async () => {
    const snap = BACKUP_SEED.snapshots.scheduled;
    const staging = SEED.stagingProjectId;
    // an automated restore onto a cluster of another project
    const made = await fx.api('POST', `/api/atlas/v2/groups/${staging}/clusters`, {
      version: '2024-10-23',
      body: {
        name: 'RestoreTarget',
        clusterType: 'REPLICASET',
        replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 3 } }] }],
      },
    });
    expect(made.status).toBe(201);
    const auto = await fx.api('POST', `${B()}/restoreJobs`, { body: { deliveryType: 'automated', snapshotId: snap, targetClusterName: 'RestoreTarget', targetGroupId: staging } });
    expect(auto.status).toBe(200);
    expect(auto.json).toMatchObject({ cancelled: false, failed: false, expired: false, deliveryUrl: [], desiredTimestamp: { increment: null, time: null, date: null } });
    const busy = await fx.api('POST', `${B()}/restoreJobs`, { body: { deliveryType: 'automated', snapshotId: snap, targetClusterName: 'RestoreTarget', targetGroupId: staging } });
    expect(busy.status).toBe(409);
    expect(busy.json.errorCode).toBe('ATLAS_CLUSTER_RESTORE_IN_PROGRESS'); // docs: 409 ATLAS_CLUSTER_RESTORE_IN_PROGRESS
    const done = await follow(
      `${B()}/restoreJobs/${auto.json.id}`,
      (d) => (d.finishedAt ? 'finished' : 'running'),
      (d) => Boolean(d.finishedAt),
    );

    const dl = await fx.api('POST', `${B()}/restoreJobs`, { body: { deliveryType: 'download', snapshotId: snap } });
    expect(dl.status).toBe(200);
    const ready = await follow(
      `${B()}/restoreJobs/${dl.json.id}`,
      (d) => (d.deliveryUrl.length ? 'ready' : 'running'),
      (d) => d.deliveryUrl.length > 0,
    );
    // recorded: https://restore-<jobId>.<domain>:27017/<token>/restore-<snapshotId>.tar.gz; the simulator serves that path shape on its own address
    expect(ready.last.deliveryUrl[0]).toMatch(new RegExp(`^${fx.sim.url}/restore-${dl.json.id}/[\\w-]+/restore-${snap}\\.tar\\.gz$`));
    expect(Date.parse(ready.last.expiresAt)).toBeGreaterThan(fx.sim.clock.now());

    if (have) {
      const A = `${RESTORES}Restores_Create_-_Automated/POST_api_atlas_v2_groups_6a793f6b2c88faeba59bae37_clusters_backupRestores-305_backup_restoreJobs_1.snaphost`;
      const D = `${RESTORES}Restores_Create_-_Download/POST_api_atlas_v2_groups_6a793f6b2c88faeba59bae37_clusters_backupRestores-305_backup_restoreJobs_1.snaphost`;
      const F = `${RESTORES}Restores_Watch/GET_api_atlas_v2_groups_6a793f6b2c88faeba59bae37_clusters_backupRestores-305_backup_restoreJobs_6a794733c0eb9e7a17740663_2.snaphost`;
      const R = `${RESTORES}Restores_Watch_-_Download/GET_api_atlas_v2_groups_6a793f6b2c88faeba59bae37_clusters_backupRestores-305_backup_restoreJobs_6a7948342c88faeba59eb866_2.snaphost`;
      expect(keys(auto.json)).toEqual(keys(recorded(A).body));
      expect(auto.json.links.map((l: any) => l.rel)).toEqual(recorded(A).body.links.map((l: any) => l.rel));
      expect(keys(dl.json)).toEqual(keys(recorded(D).body));
      expect(keys(done.last)).toEqual(keys(recorded(F).body));
      expect(keys(ready.last)).toEqual(keys(recorded(R).body));
    }

    // pointInTime needs continuous cloud backup, a target, and a time inside the restore window
    const pit = (body: object) =>
      fx.api('POST', `${B()}/restoreJobs`, { body: { deliveryType: 'pointInTime', targetClusterName: 'RestoreTarget', targetGroupId: staging, ...body } });
    const now = Math.floor(fx.sim.clock.now() / 1000);
    expect((await pit({ pointInTimeUTCSeconds: now - 60 })).json.errorCode).toBe('INVALID_ATTRIBUTE');
    fx.sim.state.cluster(SEED.projectId, 'Cluster0')!.doc.pitEnabled = true;
    expect((await pit({ pointInTimeUTCSeconds: now + 3600 })).json.detail).toMatch(/in the future/);
    expect((await pit({ pointInTimeUTCSeconds: now - 30 * 86_400 })).json.detail).toMatch(/outside the restore window/);
    expect((await pit({ pointInTimeUTCSeconds: now - 60, oplogTs: now - 60, oplogInc: 1 })).status).toBe(400);
    const ok = await pit({ oplogTs: now - 60, oplogInc: 2 });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ deliveryType: 'pointInTime', oplogTs: now - 60, oplogInc: 2, desiredTimestamp: { time: now - 60, increment: 2 } });
    expect(ok.json.snapshotId).toBeUndefined();
  });

  it('cancels a running restore job (204), then refuses to cancel it again', async () => {
    const dl = await fx.api('POST', `${B()}/restoreJobs`, { body: { deliveryType: 'download', snapshotId: BACKUP_SEED.snapshots.onDemand } });
    const r = await fx.api('DELETE', `${B()}/restoreJobs/${dl.json.id}`);
    expect(r.status).toBe(204);
    expect((await fx.api('GET', `${B()}/restoreJobs/${dl.json.id}`)).json).toMatchObject({ cancelled: true, deliveryUrl: [] });
    const again = await fx.api('DELETE', `${B()}/restoreJobs/${dl.json.id}`);
    expect(again.json).toMatchObject({ error: 400, errorCode: 'CANNOT_CANCEL_RESTORE_JOB' });
    expect((await fx.api('GET', `${B()}/restoreJobs/ffffffffffffffffffffffff`)).json.errorCode).toBe('RESTORE_JOB_NOT_FOUND');
  });

  it('answers as Atlas for clusters it cannot back up', async () => {
    // backup off (seeded ShardedCluster): writes refused, reads empty
    // docs (mongodb.com/docs/atlas/reference/api-errors): 400 BACKUP_JOB_NOT_FOUND "Backups are not enabled for this cluster."
    expect((await fx.api('POST', `${B('ShardedCluster')}/snapshots`, { body: {} })).json).toMatchObject({ error: 400, errorCode: 'BACKUP_JOB_NOT_FOUND' });
    expect((await fx.api('GET', `${B('ShardedCluster')}/schedule`)).json.errorCode).toBe('BACKUP_JOB_NOT_FOUND');
    expect((await fx.api('GET', `${B('ShardedCluster')}/snapshots`)).json).toMatchObject({ results: [], totalCount: 0 });
    // paused: no new snapshot (the seeded PausedCluster, with backup turned on here)
    fx.sim.state.cluster(SEED.projectId, 'PausedCluster')!.doc.backupEnabled = true;
    expect((await fx.api('POST', `${B('PausedCluster')}/snapshots`, { body: {} })).json).toMatchObject({ error: 409, errorCode: 'CANNOT_UPDATE_PAUSED_CLUSTER' });
    // missing cluster (recorded: CLUSTER_NOT_FOUND), and a Flex cluster on the dedicated-cluster API
    expect((await fx.api('GET', `${B('nope')}/snapshots`)).json).toMatchObject({ error: 404, errorCode: 'CLUSTER_NOT_FOUND' });
    const flex = fx.sim.state.cluster(SEED.projectId, 'Cluster0')!;
    const spec = flex.doc.replicationSpecs[0].regionConfigs[0];
    spec.providerName = 'FLEX';
    try {
      const r = await fx.api('GET', `${B()}/snapshots`);
      expect(r.json).toEqual({
        detail: 'Flex cluster Cluster0 cannot be used in the Cluster API.',
        error: 400,
        errorCode: 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API',
        parameters: ['Cluster0'],
        reason: 'Bad Request',
      });
    } finally {
      spec.providerName = 'AWS';
    }
  });

  it('schedule: both versions, PATCH needs the policy (spec), intervals and retention order as Atlas checks them', async () => {
    const v1 = await fx.api('GET', `${B()}/schedule`);
    const v2 = await fx.api('GET', `${B()}/schedule`, { version: '2024-08-05' });
    expect(v1.status).toBe(200);
    expect(v2.headers.get('content-type')).toBe('application/vnd.atlas.2024-08-05+json;charset=utf-8');
    expect(v2.json).toMatchObject({ clusterName: 'Cluster0', referenceHourOfDay: 3, referenceMinuteOfHour: 45, restoreWindowDays: 7 });
    expect(v2.json.policies[0].policyItems.map((i: any) => i.frequencyType)).toEqual(['hourly', 'daily', 'weekly', 'monthly', 'yearly']);
    const noPolicy = await fx.api('PATCH', `${B()}/schedule`, { version: '2024-08-05', body: { referenceHourOfDay: 4 } });
    expect(noPolicy.json).toMatchObject({ error: 400, errorCode: 'MISSING_ATTRIBUTE' });
    const items = v2.json.policies[0].policyItems.map(({ id: _id, ...rest }: any) => rest);
    const patched = await fx.api('PATCH', `${B()}/schedule`, {
      version: '2024-08-05',
      body: { referenceHourOfDay: 4, policies: [{ id: v2.json.policies[0].id, policyItems: items.slice(1) }] },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.referenceHourOfDay).toBe(4);
    expect(patched.json.policies[0].policyItems.map((i: any) => i.id)).toEqual(v2.json.policies[0].policyItems.slice(1).map((i: any) => i.id));
    const badHour = await fx.api('PATCH', `${B()}/schedule`, { version: '2024-08-05', body: { referenceHourOfDay: 24, policies: [{ policyItems: items }] } });
    expect(badHour.json.errorCode).toBe('INVALID_ATTRIBUTE');
    expect(() => checkPolicyItems([{ frequencyType: 'hourly', frequencyInterval: 3, retentionUnit: 'days', retentionValue: 2 }])).toThrow(/not allowed for hourly/);
    expect(() => checkPolicyItems([{ frequencyType: 'daily', frequencyInterval: 2, retentionUnit: 'days', retentionValue: 2 }])).toThrow(/not allowed for daily/);
    expect(() =>
      checkPolicyItems([
        { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 14 },
        { frequencyType: 'weekly', frequencyInterval: 1, retentionUnit: 'weeks', retentionValue: 1 },
      ]),
    ).toThrow(/weekly retention/);
  });
});
