// The simulator as faithful as the recordings allow (issue 21), each rule with its evidence.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { RECORDED_PROCESS_MEASUREMENTS, PROCESS_MEASUREMENTS_BEYOND_SPEC } from '../../src/spec/served.js';
import { operation } from '../../src/spec/index.js';
import { runCli } from '../helpers/cli.js';
import { client } from './helpers.js';

const RECORDING = new URL(
  '../../../shared/atlas-api/recorded/metrics/metrics/TestMetrics/processes/GET_api_atlas_v2_groups_6a793f53c0eb9e7a177137c2_processes_atlas-qgu1cy-shard-00-00.fyfn6y.mongodb-dev.net_27017_measurements_1.snaphost',
  import.meta.url,
);

let sim: RunningSimulator;
let g: string;
beforeAll(async () => {
  sim = await startSimulator({ clock: 'manual' });
  g = `/api/atlas/v2/groups/${sim.credentials.projectId}`;
});
afterAll(async () => {
  await sim.close();
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

    const r = await client(sim)('GET', `${g}/processes/${P}/measurements?granularity=PT1H&period=PT2H`);
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
    const api = client(sim);
    const r = await api('GET', `${g}/processes/${P}/measurements?granularity=PT1H&period=PT2H&m=SWAP_IO_IN`);
    expect(r.status).toBe(200);
    expect(r.json.measurements.map((m: any) => [m.name, m.units])).toEqual([['SWAP_IO_IN', 'SCALAR_PER_SECOND']]);

    const before = sim.requests.length;
    const cli = await runCli(['metrics', 'process', P, '--metric', 'swap_io_in', '--period', 'PT2H', '--granularity', 'PT1H', '-o', 'json'], { sim });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.json().measurements.map((m: any) => m.name)).toEqual(['SWAP_IO_IN']);
    const sent = sim.requests.slice(before).filter((x) => x.status === 200);
    expect(sent.map((x) => x.query.m)).toEqual(['SWAP_IO_IN']);
  });

  it('points before the cluster existed are null; the table, json and csv carry them as no value', async () => {
    // Cluster0 was created 2025-01-15T09:30:00Z (seed): a window across it
    const args = ['metrics', 'process', P, '--metric', 'CONNECTIONS', '--granularity', 'PT1H', '--start', '2025-01-15T07:00:00Z', '--end', '2025-01-15T12:00:00Z'];
    const json = await runCli([...args, '-o', 'json'], { sim });
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
    const csv = await runCli([...args, '-o', 'csv'], { sim });
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trim().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.map((r) => r[3] === '')).toEqual([true, true, true, false, false, false]);
    const table = await runCli(args, { sim });
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
    const r = await client(sim)('GET', path());
    expect(r.status).toBe(400);
    expect(r.json.errorCode).toBe('INVALID_QUERY_PARAMETER');
    expect(r.json.detail).toContain(param);
  });

  it('the same types repeated are served', async () => {
    const r = await client(sim)('GET', `${g}/events?eventType=CLUSTER_CREATED&eventType=CLUSTER_DELETED&itemsPerPage=500`);
    expect(r.status).toBe(200);
    const types = new Set(r.json.results.map((e: any) => e.eventTypeName));
    expect([...types].every((t) => t === 'CLUSTER_CREATED' || t === 'CLUSTER_DELETED')).toBe(true);
    expect(r.json.results.length).toBeGreaterThan(0);
  });
});
