// The simulator as faithful as the recordings allow (issue 21), each rule with its evidence.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEED, startSimulator } from '../../src/simulator/index.js';
import { HANDLERS } from '../../src/simulator/routes.js';
import { RECORDED_PROCESS_MEASUREMENTS, PROCESS_MEASUREMENTS_BEYOND_SPEC } from '../../src/spec/served.js';
import { operation } from '../../src/spec/index.js';
import { runCli } from '../helpers/cli.js';
import { client, useSimulator } from './helpers.js';

const RECORDING = new URL(
  '../../../shared/atlas-api/recorded/metrics/metrics/TestMetrics/processes/GET_api_atlas_v2_groups_6a793f53c0eb9e7a177137c2_processes_atlas-qgu1cy-shard-00-00.fyfn6y.mongodb-dev.net_27017_measurements_1.snaphost',
  import.meta.url,
);

const fx = useSimulator({ clock: 'manual' }, { reset: false });
let g: string;
beforeAll(() => {
  g = `/api/atlas/v2/groups/${fx.sim.credentials.projectId}`;
});

const P = 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017';

describe('measurements, as a real M10 served them (recorded/metrics/…/processes/GET_…_27017_measurements_1.snaphost)', () => {
  it('the names served without m are the recorded ones (19 beyond the spec, none of the 17 spec names Atlas does not serve)', async () => {
    // the list in src/spec/served.ts is the recording's, when the recording is at hand
    let recorded: string[] | undefined;
    try {
      const text = readFileSync(RECORDING, 'utf8');
      recorded = (JSON.parse(text.slice(text.indexOf('\n{') + 1)).measurements as Array<{ name: string }>).map((m) => m.name);
    } catch {
      recorded = undefined;
    }
    // ../shared is on dev machines and CI only; the list must then be the recording's
    if (recorded) expect(RECORDED_PROCESS_MEASUREMENTS).toEqual(recorded);
    else expect(existsSync(new URL('../../../shared/atlas-api/recorded/', import.meta.url))).toBe(false);
    expect(RECORDED_PROCESS_MEASUREMENTS).toHaveLength(141);
    const spec = operation('getGroupProcessMeasurements')!.query!.m!.enum!.map(String);
    expect(PROCESS_MEASUREMENTS_BEYOND_SPEC).toEqual(RECORDED_PROCESS_MEASUREMENTS.filter((n) => !spec.includes(n)));
    expect(PROCESS_MEASUREMENTS_BEYOND_SPEC).toHaveLength(19);

    const r = await client(fx.sim)('GET', `${g}/processes/${P}/measurements?granularity=PT1H&period=PT2H`);
    expect(r.status).toBe(200);
    const names = r.json.measurements.map((m: { name: string }) => m.name);
    expect(names).toEqual([...RECORDED_PROCESS_MEASUREMENTS]);
    expect(names).toEqual(expect.arrayContaining(['SWAP_IO_IN', 'OPLOG_REPLICATION_LAG_TIME', 'DB_INDEX_SIZE_TOTAL']));
    expect(names).not.toContain('BACKGROUND_FLUSH_AVG');
    expect(names).not.toContain('JOURNALING_MB');
    // no data where Atlas had none: FTS_* without points, MEMORY_MAPPED null (same recording)
    const by = Object.fromEntries(r.json.measurements.map((m: any) => [m.name, m.dataPoints]));
    expect(by.FTS_DISK_USAGE).toEqual([]);
    expect(by.MEMORY_MAPPED.length).toBeGreaterThan(0);
    expect(by.MEMORY_MAPPED.every((p: any) => p.value === null)).toBe(true);
    expect(by.CONNECTIONS.every((p: any) => typeof p.value === 'number')).toBe(true);
  });

  it('a name beyond the spec is served when asked for, in m and by `metrics process --metric SWAP_IO_IN`', async () => {
    const api = client(fx.sim);
    const r = await api('GET', `${g}/processes/${P}/measurements?granularity=PT1H&period=PT2H&m=SWAP_IO_IN`);
    expect(r.status).toBe(200);
    expect(r.json.measurements.map((m: any) => [m.name, m.units])).toEqual([['SWAP_IO_IN', 'SCALAR_PER_SECOND']]);

    const before = fx.sim.requests.length;
    const cli = await runCli(['metrics', 'process', P, '--metric', 'swap_io_in', '--period', 'PT2H', '--granularity', 'PT1H', '-o', 'json'], { sim: fx.sim });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.json().measurements.map((m: any) => m.name)).toEqual(['SWAP_IO_IN']);
    const sent = fx.sim.requests.slice(before).filter((x) => x.status === 200);
    expect(sent.map((x) => x.query.m)).toEqual(['SWAP_IO_IN']);
  });

  it('points before the cluster existed are null; the table, json and csv carry them as no value', async () => {
    // Cluster0 was created 2025-01-15T09:30:00Z (seed): a window across it
    const args = ['metrics', 'process', P, '--metric', 'CONNECTIONS', '--granularity', 'PT1H', '--start', '2025-01-15T07:00:00Z', '--end', '2025-01-15T12:00:00Z'];
    const json = await runCli([...args, '-o', 'json'], { sim: fx.sim });
    expect(json.code).toBe(0);
    const points = json.json().measurements[0].dataPoints;
    expect(points.map((p: any) => [p.timestamp, p.value === null])).toEqual([
      ['2025-01-15T07:00:00Z', true],
      ['2025-01-15T08:00:00Z', true],
      ['2025-01-15T09:00:00Z', true],
      ['2025-01-15T10:00:00Z', false],
      ['2025-01-15T11:00:00Z', false],
      ['2025-01-15T12:00:00Z', false],
    ]);
    const csv = await runCli([...args, '-o', 'csv'], { sim: fx.sim });
    expect(csv.code).toBe(0);
    const rows = csv.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(rows.map((r) => r[3] === '')).toEqual([true, true, true, false, false, false]);
    const table = await runCli(args, { sim: fx.sim });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/CONNECTIONS/);
    expect(table.stdout).not.toMatch(/NaN|null|undefined/);
  });
});

describe('array query parameters: one value each time the parameter is repeated, as Atlas reads them', () => {
  // spec: `m` and `eventType` are arrays with style form, explode true (repeated, not joined);
  // a joined value is one value outside the enum: 400 INVALID_QUERY_PARAMETER as an unknown one
  it.each([
    ['eventType=A,B on project events', () => `${g}/events?eventType=CLUSTER_CREATED,CLUSTER_DELETED`, 'eventType'],
    ['an unknown eventType', () => `${g}/events?eventType=NOT_A_TYPE`, 'eventType'],
    ['m joined', () => `${g}/processes/${P}/measurements?granularity=PT1H&period=PT2H&m=CONNECTIONS,OPCOUNTER_CMD`, 'm'],
    ['m beyond what Atlas serves', () => `${g}/processes/${P}/measurements?granularity=PT1H&period=PT2H&m=BOGUS_METRIC`, 'm'],
  ])('%s: 400 INVALID_QUERY_PARAMETER', async (_what, path, param) => {
    const r = await client(fx.sim)('GET', path());
    expect(r.status).toBe(400);
    expect(r.json.errorCode).toBe('INVALID_QUERY_PARAMETER');
    expect(r.json.detail).toContain(param);
  });

  it('the same types repeated are served', async () => {
    const r = await client(fx.sim)('GET', `${g}/events?eventType=CLUSTER_CREATED&eventType=CLUSTER_DELETED&itemsPerPage=500`);
    expect(r.status).toBe(200);
    const types = new Set(r.json.results.map((e: any) => e.eventTypeName));
    expect([...types].every((t) => t === 'CLUSTER_CREATED' || t === 'CLUSTER_DELETED')).toBe(true);
    expect(r.json.results.length).toBeGreaterThan(0);
  });
});

describe('Flex clusters: regions and backups as Atlas has them', () => {
  const flex = (name: string) => `/api/atlas/v2/groups/${SEED.stagingProjectId}/flexClusters/${name}`;
  const V = { version: '2024-11-13' };

  it('a region the backing cloud does not have is 400 INVALID_REGION (mongodb/awscdk-resources-mongodbatlas#208), before anything is made', async () => {
    const api = client(fx.sim);
    const r = await api('POST', `/api/atlas/v2/groups/${SEED.stagingProjectId}/flexClusters`, {
      ...V,
      body: { name: 'mars', providerSettings: { backingProviderName: 'AWS', regionName: 'MARS_1' } },
    });
    expect([r.status, r.json.errorCode, r.json.detail]).toEqual([400, 'INVALID_REGION', 'No region MARS_1 exists for provider AWS.']);
    expect((await api('GET', flex('mars'), V)).status).toBe(404);
    // a GCP region on AWS too
    const gcp = await api('POST', `/api/atlas/v2/groups/${SEED.stagingProjectId}/flexClusters`, {
      ...V,
      body: { name: 'mars', providerSettings: { backingProviderName: 'AWS', regionName: 'CENTRAL_US' } },
    });
    expect(gcp.json.errorCode).toBe('INVALID_REGION');
    const ok = await api('POST', `/api/atlas/v2/groups/${SEED.stagingProjectId}/flexClusters`, {
      ...V,
      body: { name: 'earth', providerSettings: { backingProviderName: 'GCP', regionName: 'CENTRAL_US' } },
    });
    expect(ok.status).toBe(201);
  });

  it('a dedicated cluster on the Flex backup API is 400 CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API (recorded/backup/restores)', async () => {
    const r = await client(fx.sim)('GET', `/api/atlas/v2/groups/${SEED.projectId}/flexClusters/Cluster0/backup/snapshots`, V);
    expect([r.status, r.json.errorCode]).toEqual([400, 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API']);
  });

  it('daily snapshots follow the clock; a download and a restore complete with time, never with reads', async () => {
    const s = await startSimulator({ clock: 'manual', stepMs: 60_000 });
    try {
      const api = client(s);
      const base = `/api/atlas/v2/groups/${SEED.stagingProjectId}/flexClusters/${SEED.stagingClusters.flex}/backup`;
      const list = await api('GET', `${base}/snapshots`, V);
      expect(list.status).toBe(200);
      // seeded 2025-01-15: the last 8 daily snapshots, newest first, all completed
      expect(list.json.results).toHaveLength(8);
      expect(list.json.results.every((x: any) => x.status === 'COMPLETED')).toBe(true);
      const newest = list.json.results[0];
      expect(Date.parse(newest.scheduledTime)).toBeLessThanOrEqual(s.clock.now());
      const got = await api('GET', `${base}/snapshots/${newest.id}`, V);
      expect(got.json).toEqual(newest);

      const dl = await api('POST', `${base}/download`, { ...V, body: { snapshotId: newest.id } });
      expect([dl.status, dl.json.status, dl.json.deliveryType, dl.json.snapshotUrl]).toEqual([200, 'PENDING', 'DOWNLOAD', undefined]);
      const rs = await api('POST', `${base}/restoreJobs`, { ...V, body: { snapshotId: newest.id, targetDeploymentItemName: SEED.stagingClusters.flex } });
      expect([rs.status, rs.json.status, rs.json.deliveryType]).toEqual([200, 'PENDING', 'RESTORE']);
      for (let i = 0; i < 5; i++) expect((await api('GET', `${base}/restoreJobs/${dl.json.id}`, V)).json.status).toBe('PENDING');
      s.clock.advance(60_000);
      expect((await api('GET', `${base}/restoreJobs/${dl.json.id}`, V)).json.status).toBe('RUNNING');
      s.clock.advance(60_000);
      const done = (await api('GET', `${base}/restoreJobs/${dl.json.id}`, V)).json;
      expect(done.status).toBe('COMPLETED');
      expect(done.snapshotUrl).toMatch(/^https:\/\/.+\.tar\.gz$/);
      const jobs = (await api('GET', `${base}/restoreJobs`, V)).json.results;
      expect(jobs.map((j: any) => [j.id, j.status])).toEqual([
        [rs.json.id, 'COMPLETED'],
        [dl.json.id, 'COMPLETED'],
      ]);
      expect(jobs[0].restoreFinishedDate).toBe(new Date(s.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'));

      // a day later a new snapshot is RUNNING for one step, then COMPLETED
      const nextDay = Date.parse(newest.scheduledTime) + 86_400_000;
      s.clock.advance(nextDay - s.clock.now());
      const fresh = (await api('GET', `${base}/snapshots`, V)).json.results;
      expect(fresh).toHaveLength(8);
      expect(fresh[0].status).toBe('RUNNING');
      expect(fresh[1].id).toBe(newest.id);
      s.clock.advance(60_000);
      expect((await api('GET', `${base}/snapshots`, V)).json.results[0].status).toBe('COMPLETED');
      expect((await api('GET', `${base}/snapshots/aaaaaaaaaaaaaaaaaaaaaaaa`, V)).json.errorCode).toBe('SNAPSHOT_NOT_FOUND');
    } finally {
      await s.close();
    }
  });
});

describe('organization API keys: create, update, delete (createOrgApiKey, updateOrgApiKey, deleteOrgApiKey)', () => {
  it('create shows the private key once; update changes desc and roles; delete answers 204', async () => {
    const api = client(fx.sim);
    const o = `/api/atlas/v2/orgs/${SEED.orgId}/apiKeys`;
    const made = await api('POST', o, { body: { desc: 'ci key', roles: ['ORG_MEMBER'] } });
    expect(made.status).toBe(200);
    expect(made.json).toMatchObject({ desc: 'ci key', roles: [{ orgId: SEED.orgId, roleName: 'ORG_MEMBER' }] });
    expect(made.json.privateKey).toMatch(/^[0-9a-f-]{36}$/);
    const got = await api('GET', `${o}/${made.json.id}`);
    expect(got.json.privateKey).toBe(`********-****-****-${made.json.privateKey.slice(-12)}`);
    const upd = await api('PATCH', `${o}/${made.json.id}`, { body: { roles: ['ORG_READ_ONLY'] } });
    expect([upd.status, upd.json.desc, upd.json.roles]).toEqual([200, 'ci key', [{ orgId: SEED.orgId, roleName: 'ORG_READ_ONLY' }]]);
    expect((await api('POST', o, { body: { desc: 'x', roles: ['GROUP_OWNER'] } })).status).toBe(400);
    expect((await api('DELETE', `${o}/${made.json.id}`)).status).toBe(204);
    expect((await api('GET', `${o}/${made.json.id}`)).json.errorCode).toBe('API_KEY_NOT_FOUND');
  });
});

describe('maintenance: after a reset, a PATCH needs hourOfDay (mongodb/terraform-provider-mongodbatlas#3086)', () => {
  it('refuses a PATCH without it, takes one with it, then any', async () => {
    const api = client(fx.sim);
    const w = `/api/atlas/v2/groups/${SEED.projectId}/maintenanceWindow`;
    expect((await api('PATCH', w, { body: { dayOfWeek: 5 } })).status).toBe(200);
    expect((await api('DELETE', w)).status).toBe(204);
    const r = await api('PATCH', w, { body: { dayOfWeek: 5 } });
    expect([r.status, r.json.errorCode]).toEqual([400, 'MISSING_ATTRIBUTE']);
    expect(r.json.detail).toContain('hourOfDay');
    // `maintenance set --day` alone works all the same: the CLI sends the current hourOfDay with it
    const before = fx.sim.requests.length;
    const cli = await runCli(['maintenance', 'set', '--day', 'friday'], { sim: fx.sim });
    expect([cli.code, cli.stderr.includes('hourOfDay')]).toEqual([0, false]);
    const patch = fx.sim.requests.slice(before).find((x) => x.method === 'PATCH' && x.status === 200);
    expect(patch?.body).toEqual({ dayOfWeek: 6, hourOfDay: 0 });
    expect((await api('DELETE', w)).status).toBe(204);
    expect((await api('PATCH', w, { body: { dayOfWeek: 5, hourOfDay: 0 } })).status).toBe(200);
    expect((await api('PATCH', w, { body: { dayOfWeek: 6 } })).status).toBe(200);
  });
});

describe('no operation an atlascli command sends answers 501', () => {
  it('every spec operationId named in src/commands, src/atlas and src/program has a handler', () => {
    const root = new URL('../../src/', import.meta.url);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, f.name);
        if (f.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    for (const d of ['commands', 'atlas', 'program']) walk(fileURLToPath(new URL(d, root)));
    const used = new Set<string>();
    for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/'([A-Za-z]+)'/g)) if (operation(m[1]!)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(60);
    expect([...used].filter((id) => !HANDLERS[id])).toEqual([]);
    // and the ones the issue named
    for (const id of [
      'createOrgApiKey',
      'updateOrgApiKey',
      'deleteOrgApiKey',
      'listGroupFlexClusterBackupSnapshots',
      'getGroupFlexClusterBackupSnapshot',
      'downloadGroupFlexClusterBackup',
      'createGroupFlexClusterBackupRestoreJob',
      'listGroupFlexClusterBackupRestoreJobs',
      'getGroupFlexClusterBackupRestoreJob',
    ]) {
      expect(HANDLERS[id], id).toBeDefined();
    }
  });
});

describe('access list: addresses as Atlas checks them', () => {
  // Atlas API error-code list: 400 INVALID_IP_ADDRESS_OR_CIDR_NOTATION "The address %s must be in
  // valid IP address or CIDR notation." — whether the spec's pattern or the handler refuses it
  it.each([
    [{ ipAddress: 'banana' }, 'banana'],
    [{ ipAddress: '10.0.0.1/24' }, '10.0.0.1/24'],
    [{ cidrBlock: '10.0.0.300/8' }, '10.0.0.300/8'],
    [{ cidrBlock: '10.0.0.1/8' }, '10.0.0.1/8'],
    [{ cidrBlock: '2001:db8::g/32' }, '2001:db8::g/32'],
  ])('%j: 400 INVALID_IP_ADDRESS_OR_CIDR_NOTATION', async (entry, value) => {
    const r = await client(fx.sim)('POST', `${g}/accessList`, { body: [entry] });
    expect([r.status, r.json.errorCode, r.json.detail]).toEqual([400, 'INVALID_IP_ADDRESS_OR_CIDR_NOTATION', `The address ${value} must be in valid IP address or CIDR notation.`]);
  });

  it('a compressed IPv6 block is taken (2001:db8::/32) and shown in full form', async () => {
    const api = client(fx.sim);
    const r = await api('POST', `${g}/accessList`, { body: [{ cidrBlock: '2001:db8::/32' }] });
    expect(r.status).toBe(201);
    const blocks = r.json.results.map((e: any) => e.cidrBlock);
    expect(blocks).toEqual(expect.arrayContaining(['2001:db8:0:0:0:0:0:0/32']));
    expect((await api('DELETE', `${g}/accessList/${encodeURIComponent('2001:db8::/32')}`)).status).toBe(204);
  });
});
