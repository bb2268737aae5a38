// `atlascli backup …` end to end: the built CLI against the simulator, which checks every
// request against the spec. Document shapes follow ../shared/atlas-api/recorded/backup/
// (see test/simulator/backup.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { BACKUP_SEED } from '../../src/simulator/resources/backup.js';
import { runCli, type RunOptions } from '../helpers/cli.js';
import { apiRequests, served, servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';
import { client, stepPerPoll } from '../simulator/helpers.js';

const FAST: RunOptions['env'] = { ATLASCLI_POLL_MS: '20' };
const run = (args: string[]) => runCli(args, { sim, env: FAST });
const STEP = 50;
/** Runs a command that waits: the simulator's manual clock moves one step after each poll. */
const polling = async (args: string[]) => {
  const stop = stepPerPoll(sim, STEP);
  try {
    return await run(args);
  } finally {
    stop();
  }
};
const since = () => sim.requests.length;
const sent = (from: number, method?: string) => apiRequests(sim, from).filter((r) => !method || r.method === method);
const P = SEED.projectId;
const STAGING = SEED.stagingProjectId;
const backupPath = (cluster = 'Cluster0', group = P) => `/api/atlas/v2/groups/${group}/clusters/${cluster}/backup`;
const SNAP = BACKUP_SEED.snapshots.scheduled;
/** `backup restore create Cluster0 <args>`. */
const restoreCreate = (...args: string[]) => ['backup', 'restore', 'create', 'Cluster0', ...args];
/** The restore target in another project, made in beforeAll. */
const INTO_TARGET0 = ['--target-cluster', 'Target0', '--target-project', STAGING];

// a manual clock: snapshots and restore jobs move only when a test moves it
const sim = sharedSimulator({ port: 0, stepMs: STEP, clock: 'manual' }, { reset: false });
beforeAll(async () => {
  // a restore target in another project
  const api = client(sim);
  const r = await api('POST', `/api/atlas/v2/groups/${STAGING}/clusters`, {
    version: '2024-10-23',
    body: {
      name: 'Target0',
      clusterType: 'REPLICASET',
      replicationSpecs: [
        { zoneName: 'Zone 1', regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 3 } }] },
      ],
    },
  });
  expect(r.status).toBe(201);
});

describe('backup snapshot', () => {
  it('list -o json prints every snapshot as served, in one array', async () => {
    const r = await run(['backup', 'snapshot', 'list', 'Cluster0', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const docs = r.json();
    expect(docs).toEqual(await servedAll(sim, `${backupPath()}/snapshots`));
    expect(docs.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining(Object.values(BACKUP_SEED.snapshots)));
  });

  it('list as a table: id, created, type, status, size (human-readable), expires', async () => {
    const r = await run(['backup', 'snapshot', 'list', 'Cluster0']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+CREATED\s+TYPE\s+STATUS\s+SIZE\s+EXPIRES$/);
    expect(r.stdout).toMatch(new RegExp(`${BACKUP_SEED.snapshots.onDemand}\\s+\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z\\s+onDemand\\s+completed\\s+1\\.5 GiB\\s+\\d{4}-`));
    expect(r.stdout).toMatch(new RegExp(`${SNAP}\\s+\\S+\\s+scheduled\\s+completed\\s+1\\.5 GiB`));
  });

  it('list --limit caps the items; -o jsonl prints one a line', async () => {
    const r = await run(['backup', 'snapshot', 'list', 'Cluster0', '--limit', '2', '-o', 'jsonl']);
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toHaveLength(2);
  });

  it('get -o json prints the snapshot as served; --fields picks columns too', async () => {
    const r = await run(['backup', 'snapshot', 'get', 'Cluster0', SNAP, '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(await served(sim, `${backupPath()}/snapshots/${SNAP}`));
    const f = await run(['backup', 'snapshot', 'get', 'Cluster0', SNAP, '-o', 'json', '--fields', 'id,size,status']);
    expect(f.json()).toEqual({ id: SNAP, size: '1.5 GiB', status: 'completed' });
  });

  it('get of a missing snapshot exits 4 with the Atlas error and a hint', async () => {
    const r = await run(['backup', 'snapshot', 'get', 'Cluster0', 'ffffffffffffffffffffffff']);
    expect(r.code).toBe(4);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/404 SNAPSHOT_NOT_FOUND.*backup snapshot list Cluster0/);
  });

  it('create --wait follows queued → inProgress → completed, one line per change, and prints the completed snapshot', async () => {
    const from = since();
    const r = await polling(['backup', 'snapshot', 'create', 'Cluster0', '--description', 'e2e', '--retention-days', '2', '--wait', '-o', 'json']);
    expect(r.code).toBe(0);
    const doc = r.json();
    expect(doc).toMatchObject({ description: 'e2e', status: 'completed', snapshotType: 'onDemand', frequencyType: 'ondemand', type: 'replicaSet' });
    expect(doc.storageSizeBytes).toBeGreaterThan(0);
    // the time each line carries is the machine's here (test/e2e/waiting.test.ts drives it)
    const lines = r.stderr
      .trimEnd()
      .split('\n')
      .map((l) => l.replace(/ · \d+s$| \(total \d+s\)$/, ''));
    expect(lines[0]).toBe(`waiting for snapshot ${doc.id} of cluster Cluster0 to be completed`);
    expect(lines).toContain(`snapshot ${doc.id} of cluster Cluster0: inProgress`);
    expect(lines.at(-1)).toBe(`snapshot ${doc.id} of cluster Cluster0 is completed`);
    const reqs = sent(from);
    expect(reqs[0]).toMatchObject({ method: 'POST', body: { description: 'e2e', retentionInDays: 2 }, operationId: 'takeGroupClusterBackupSnapshots' });
    expect(reqs.length).toBeGreaterThan(1);
    expect(reqs.slice(1).every((q) => q.method === 'GET' && q.operationId === 'getGroupClusterBackupSnapshot')).toBe(true);
  });

  it('create without --wait prints the queued snapshot; a second on-demand snapshot meanwhile is refused by Atlas (exit 1)', async () => {
    const r = await run(['backup', 'snapshot', 'create', 'Cluster0', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ status: 'queued', snapshotType: 'onDemand' });
    expect(r.stderr).toMatch(/is queued; follow it with: atlascli backup snapshot get Cluster0 [0-9a-f]{24}/);
    const again = await run(['backup', 'snapshot', 'create', 'Cluster0']);
    expect(again.code).toBe(1);
    // 400 UNFINISHED_ON_DEMAND_SNAPSHOT: Atlas API error-code list, mongodb.com/docs/atlas/reference/api-errors
    expect(again.stderr).toMatch(/400 UNFINISHED_ON_DEMAND_SNAPSHOT: Another on-demand snapshot is queued or in progress.*hint: one on-demand snapshot at a time/);
  });

  it('--wait-timeout is enforced: gives up (exit 1) while Atlas carries on', async () => {
    sim.clock.advance(2 * STEP); // the earlier snapshot completes
    // the clock stands still: the snapshot stays queued, a 0.03 s bound cannot be met
    const r = await run(['backup', 'snapshot', 'create', 'Cluster0', '--wait', '--wait-timeout', '0.03']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/gave up waiting after 0 s: snapshot [0-9a-f]{24} of cluster Cluster0 is still (queued|inProgress)/);
    expect(r.stderr).toMatch(/atlascli backup snapshot get Cluster0/);
  });

  it('a failed snapshot ends the wait with exit 1', async () => {
    sim.clock.advance(2 * STEP); // the earlier snapshot completes
    sim.state.backup.failNext.snapshot = true;
    const r = await polling(['backup', 'snapshot', 'create', 'Cluster0', '--wait']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/snapshot [0-9a-f]{24} of cluster Cluster0 failed/);
  });

  it('delete refuses without a terminal or --force (exit 2, nothing sent); with --force it deletes', async () => {
    const id = BACKUP_SEED.snapshots.scheduledOlder;
    const from = since();
    const refused = await run(['backup', 'snapshot', 'delete', 'Cluster0', id]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refusing to delete snapshot .* without --force/);
    expect(sent(from)).toEqual([]);
    const r = await run(['backup', 'snapshot', 'delete', 'Cluster0', id, '--force', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ deleted: true, id, cluster: 'Cluster0' });
    expect(sent(from).map((q) => [q.method, q.operationId])).toEqual([['DELETE', 'deleteGroupClusterBackupSnapshot']]);
    expect((await run(['backup', 'snapshot', 'get', 'Cluster0', id])).code).toBe(4);
  });

  it('on a cluster without cloud backup: Atlas refuses (exit 4, its BACKUP_JOB_NOT_FOUND) and the hint says how to turn it on', async () => {
    const r = await run(['backup', 'snapshot', 'create', 'ShardedCluster']);
    expect(r.code).toBe(4); // 400 …_NOT_FOUND: not found (src/errors.ts exitCodeForAnswer)
    // 400 BACKUP_JOB_NOT_FOUND "Backups are not enabled for this cluster.": Atlas API error-code list, mongodb.com/docs/atlas/reference/api-errors
    expect(r.stderr).toMatch(/400 BACKUP_JOB_NOT_FOUND: Backups are not enabled for this cluster.*atlascli cluster update ShardedCluster --backup/);
  });
});

describe('backup restore', () => {
  it('download --wait prints only the delivery URL(s) on stdout, progress on stderr', async () => {
    const from = since();
    const r = await polling(restoreCreate('--type', 'download', '--snapshot', SNAP, '--wait'));
    expect(r.code).toBe(0);
    // recorded: Restores_Watch_-_Download/…_2.snaphost
    // the simulator serves the recorded path shape (/<token>/restore-<snapshotId>.tar.gz) on its own address
    expect(r.stdout).toMatch(new RegExp(`^${sim.url}/restore-[0-9a-f]{24}/[\\w-]+/restore-ba0000000000000000000002\\.tar\\.gz\\n$`));
    expect(r.stderr).toMatch(/^waiting for restore job [0-9a-f]{24} of cluster Cluster0 to be ready$/m);
    expect(r.stderr).toMatch(/is ready \(total \d+s\)$/m);
    expect(sent(from)[0]).toMatchObject({ method: 'POST', body: { deliveryType: 'download', snapshotId: SNAP } });
  });

  it('automated into another project with --wait: the finished job as JSON', async () => {
    const from = since();
    const r = await polling(restoreCreate('--type', 'automated', '--snapshot', SNAP, ...INTO_TARGET0, '--wait', '-o', 'json'));
    expect(r.code).toBe(0);
    const job = r.json();
    expect(job).toMatchObject({ deliveryType: 'automated', snapshotId: SNAP, targetClusterName: 'Target0', targetGroupId: STAGING, cancelled: false, failed: false });
    expect(job.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(sent(from)[0]!.body).toEqual({ deliveryType: 'automated', snapshotId: SNAP, targetClusterName: 'Target0', targetGroupId: STAGING });
    const listed = await run(['backup', 'restore', 'list', 'Cluster0', '-o', 'json']);
    expect(listed.json()).toEqual(await servedAll(sim, `${backupPath()}/restoreJobs`));
    const got = await run(['backup', 'restore', 'get', 'Cluster0', job.id, '-o', 'json']);
    expect(got.json()).toEqual(job);
  });

  it('list as a table: id, type, snapshot, target, status, finished', async () => {
    const r = await run(['backup', 'restore', 'list', 'Cluster0']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^ID\s+TYPE\s+SNAPSHOT\s+TARGET\s+STATUS\s+FINISHED$/);
    expect(r.stdout).toMatch(new RegExp(`automated\\s+${SNAP}\\s+Target0\\s+finished\\s+\\d{4}-`));
    expect(r.stdout).toMatch(new RegExp(`${BACKUP_SEED.restoreJob}\\s+download\\s+\\S+\\s+expired`));
  });

  it('the default target project is the current one; onto the source cluster itself only with --force', async () => {
    const from = since();
    const refused = await run(restoreCreate('--type', 'automated', '--snapshot', SNAP, '--target-cluster', 'Cluster0'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refusing to restore cluster Cluster0 onto itself.*--force/);
    expect(sent(from)).toEqual([]);
    const dry = await run(restoreCreate('--type', 'automated', '--snapshot', SNAP, '--target-cluster', 'Cluster0', '--force', '--dry-run', '-o', 'json'));
    expect(dry.code).toBe(0);
    expect(dry.json()).toMatchObject({ dryRun: true, method: 'POST', body: { deliveryType: 'automated', snapshotId: SNAP, targetClusterName: 'Cluster0', targetGroupId: P } });
    expect(sent(from)).toEqual([]);
  });

  it('pointInTime sends pointInTimeUTCSeconds in epoch seconds', async () => {
    sim.state.cluster(P, 'Cluster0')!.doc.pitEnabled = true;
    const before = Math.floor(Date.now() / 1000);
    const from = since();
    const r = await polling(restoreCreate('--type', 'pointInTime', '--point-in-time', '2h', ...INTO_TARGET0, '--wait', '-o', 'json'));
    expect(r.code).toBe(0);
    const body = sent(from)[0]!.body as { pointInTimeUTCSeconds: number };
    expect(Object.keys(body)).toEqual(['deliveryType', 'targetClusterName', 'targetGroupId', 'pointInTimeUTCSeconds']);
    expect(Math.abs(body.pointInTimeUTCSeconds - (before - 7200))).toBeLessThanOrEqual(2);
    expect(r.json()).toMatchObject({ deliveryType: 'pointInTime', pointInTimeUTCSeconds: body.pointInTimeUTCSeconds });
  });

  it('cancel asks for --force without a terminal, then cancels; waiting on a failed job exits 1', async () => {
    const started = await run(restoreCreate('--type', 'automated', '--snapshot', SNAP, ...INTO_TARGET0, '-o', 'json'));
    expect(started.code).toBe(0);
    const id = started.json().id;
    const from = since();
    expect((await run(['backup', 'restore', 'cancel', 'Cluster0', id])).code).toBe(2);
    expect(sent(from)).toEqual([]);
    const r = await run(['backup', 'restore', 'cancel', 'Cluster0', id, '--force']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`cancelled restore job ${id} of cluster Cluster0\n`);
    expect((await run(['backup', 'restore', 'get', 'Cluster0', id, '-o', 'json'])).json()).toMatchObject({ cancelled: true });
    const again = await run(['backup', 'restore', 'cancel', 'Cluster0', id, '--force']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/400 CANNOT_CANCEL_RESTORE_JOB/);

    sim.state.backup.failNext.restore = true;
    const failed = await polling(restoreCreate('--type', 'download', '--snapshot', SNAP, '--wait'));
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(/restore job [0-9a-f]{24} of cluster Cluster0 failed/);
  });

  it('a paused target is refused by Atlas with 400 CLUSTER_PAUSED_CANNOT_RESTORE (exit 1; Atlas API error-code list, mongodb.com/docs/atlas/reference/api-errors)', async () => {
    const r = await run(restoreCreate('--type', 'automated', '--snapshot', SNAP, '--target-cluster', 'PausedCluster'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/400 CLUSTER_PAUSED_CANNOT_RESTORE.*atlascli cluster resume PausedCluster/);
  });
});

describe('bad input: exit 2, one line, nothing sent', () => {
  const S = SNAP;
  const T = ['--target-cluster', 'Target0'];
  it.each([
    ['a malformed snapshot id', ['backup', 'snapshot', 'get', 'Cluster0', '12345'], /invalid snapshot id "12345"/],
    ['a malformed snapshot id to delete', ['backup', 'snapshot', 'delete', 'Cluster0', 'xyz', '--force'], /invalid snapshot id/],
    ['a malformed restore job id', ['backup', 'restore', 'get', 'Cluster0', `${S}00`], /invalid restore job id/],
    ['a malformed --snapshot', restoreCreate('--type', 'download', '--snapshot', 'nope'), /invalid --snapshot/],
    ['an automated restore without a target', restoreCreate('--type', 'automated', '--snapshot', S), /missing --target-cluster/],
    ['an automated restore without a snapshot', restoreCreate('--type', 'automated', ...T), /missing --snapshot/],
    ['a point in time in the future', restoreCreate('--type', 'pointInTime', '--point-in-time', '2999-01-01', ...T), /in the future/],
    ['--point-in-time with --oplog-ts', restoreCreate('--type', 'pointInTime', '--point-in-time', '2h', '--oplog-ts', '1786356000', '--oplog-inc', '1', ...T), /not both/],
    ['an unknown delivery type', restoreCreate('--type', 'downlaod', '--snapshot', S), /unknown restore type "downlaod".*did you mean download/],
    ['no delivery type', restoreCreate('--snapshot', S), /missing --type/],
    ['retention days out of range', ['backup', 'snapshot', 'create', 'Cluster0', '--retention-days', '0'], /invalid --retention-days "0"/],
    ['retention days not a number', ['backup', 'snapshot', 'create', 'Cluster0', '--retention-days', 'week'], /invalid --retention-days/],
    ['a policy item that does not parse', ['backup', 'schedule', 'set', 'Cluster0', '--policy', 'daily:7d'], /invalid --policy "daily:7d"/],
    ['an interval Atlas does not offer', ['backup', 'schedule', 'set', 'Cluster0', '--policy', 'hourly:5:2d'], /not an interval of a hourly policy.*1, 2, 4, 6, 8 or 12/],
    ['a reference hour out of range', ['backup', 'schedule', 'set', 'Cluster0', '--reference-hour', '24'], /--reference-hour "24"/],
    ['nothing to change', ['backup', 'schedule', 'set', 'Cluster0'], /nothing to change/],
    ['--wait-timeout without --wait', ['backup', 'snapshot', 'create', 'Cluster0', '--wait-timeout', '10'], /--wait-timeout needs --wait/],
    ['a bad cluster name', ['backup', 'snapshot', 'list', 'no_such!'], /invalid cluster name/],
    ['an unknown --fields name', ['backup', 'snapshot', 'list', 'Cluster0', '--fields', 'nosuch'], /unknown field nosuch/],
  ])('%s', async (_what, args, message) => {
    const from = since();
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(sent(from)).toEqual([]);
  });
});

describe('backup schedule', () => {
  it('get: one row per setting and per policy item, in the grammar of --policy', async () => {
    const r = await run(['backup', 'schedule', 'get', 'Cluster0']);
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(rows[0]).toEqual(['SETTING', 'VALUE']);
    expect(rows.slice(1, 4)).toEqual([
      ['reference-hour', '3'],
      ['reference-minute', '45'],
      ['restore-window-days', '7'],
    ]);
    expect(rows.filter((x) => x[0] === 'policy').map((x) => x[1])).toEqual(['hourly:6:2d', 'daily:1:7d', 'weekly:6:4w', 'monthly:40:12m', 'yearly:12:1y']);
  });

  it('get -o json prints the schedule as served (newest version)', async () => {
    const from = since();
    const r = await run(['backup', 'schedule', 'get', 'Cluster0', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(sent(from)[0]!.version).toBe('2024-08-05');
    const doc = r.json();
    const { nextSnapshot: _n, ...rest } = await served(sim, `${backupPath()}/schedule`, '2024-08-05');
    expect(doc).toMatchObject(rest);
  });

  it('set sends only what changed (with the policy the spec requires), then shows the new schedule', async () => {
    const from = since();
    const r = await run([
      'backup',
      'schedule',
      'set',
      'Cluster0',
      '--reference-hour',
      '3',
      '--reference-minute',
      '15',
      '--policy',
      'weekly:sat:8w',
      '--policy',
      'yearly:none',
      '-o',
      'json',
    ]);
    expect(r.code).toBe(0);
    const patch = sent(from, 'PATCH')[0]!;
    expect(patch.version).toBe('2024-08-05');
    const body = patch.body as { referenceMinuteOfHour: number; policies: Array<{ id: string; policyItems: unknown[] }> };
    expect(Object.keys(body)).toEqual(['referenceMinuteOfHour', 'policies']);
    expect(body.referenceMinuteOfHour).toBe(15);
    expect(body.policies[0]!.id).toMatch(/^[0-9a-f]{24}$/);
    expect(body.policies[0]!.policyItems).toEqual([
      { frequencyInterval: 6, frequencyType: 'hourly', retentionUnit: 'days', retentionValue: 2 },
      { frequencyInterval: 1, frequencyType: 'daily', retentionUnit: 'days', retentionValue: 7 },
      { frequencyInterval: 6, frequencyType: 'weekly', retentionUnit: 'weeks', retentionValue: 8 },
      { frequencyInterval: 40, frequencyType: 'monthly', retentionUnit: 'months', retentionValue: 12 },
    ]);
    expect(r.json()).toMatchObject({ referenceHourOfDay: 3, referenceMinuteOfHour: 15 });
    expect(r.json().policies[0].policyItems).toHaveLength(4);
  });

  it('set with nothing different sends no PATCH', async () => {
    const from = since();
    const r = await run(['backup', 'schedule', 'set', 'Cluster0', '--reference-minute', '15', '--policy', 'daily:1:7d']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/already looks like that: nothing to change, nothing was sent/);
    expect(sent(from).map((q) => q.method)).toEqual(['GET']);
  });

  it('a retention shorter than a more frequent item exits 2 before anything is written (Atlas would answer 400 INVALID_ATTRIBUTE: spec, DiskBackupApiPolicyItem.retentionValue)', async () => {
    const from = since();
    const r = await run(['backup', 'schedule', 'set', 'Cluster0', '--policy', 'monthly:1:1d']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^atlascli: the monthly item monthly:1:1d keeps snapshots for less time than the \w+ item \w+:\w+:\d+[dwmy]: Atlas wants less frequent items to keep them at least as long \(hint: give --policy monthly:… a retention of at least \d+[dwmy], or shorten the \w+ one\)\n$/,
    );
    // only the schedule was read (the rule needs the items kept from it)
    expect(sent(from).map((q) => q.method)).toEqual(['GET']);
    // as a new user's trial wrote it: a daily item kept for a day beside hourly ones kept a week
    const from2 = since();
    const r2 = await run(['backup', 'schedule', 'set', 'Cluster0', '--policy', 'daily:1:1d', '--policy', 'hourly:6:7d']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/the daily item daily:1:1d keeps snapshots for less time than the hourly item hourly:6:7d/);
    expect(sent(from2).map((q) => q.method)).toEqual(['GET']);
  });

  it('on a cluster without cloud backup: exit 4 with BACKUP_JOB_NOT_FOUND (Atlas API error-code list, mongodb.com/docs/atlas/reference/api-errors)', async () => {
    const r = await run(['backup', 'schedule', 'get', 'ShardedCluster']);
    expect(r.code).toBe(4); // 400 …_NOT_FOUND: not found (src/errors.ts exitCodeForAnswer)
    expect(r.stderr).toMatch(/400 BACKUP_JOB_NOT_FOUND/);
  });
});

describe('help', () => {
  it.each([
    ['snapshot', 'list'],
    ['snapshot', 'get'],
    ['snapshot', 'create'],
    ['snapshot', 'delete'],
    ['restore', 'list'],
    ['restore', 'get'],
    ['restore', 'create'],
    ['restore', 'cancel'],
    ['schedule', 'get'],
    ['schedule', 'set'],
  ])('backup %s %s has a description and an example', async (group, cmd) => {
    const r = await runCli(['backup', group, cmd, '--help']);
    expect(r.code).toBe(0);
    // an example may start by keeping an id (`ID=$(atlascli backup restore create …)`) for the next
    expect(r.stdout).toMatch(/\nExamples:\n {2}\$ (?:\w+=\$\()?atlascli backup /);
  });
});
