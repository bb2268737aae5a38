import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { apiRequests, served } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

let g: string;
const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });
beforeAll(() => {
  g = `/api/atlas/v2/groups/${sim.credentials.projectId}`;
});

const P = 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017';
const START = '2026-11-01T10:00:00Z';
const END = '2026-11-01T12:00:00Z';

describe('metrics', () => {
  it('-o json prints the document as served; m is sent repeated, the window as given', async () => {
    const before = sim.requests.length;
    const r = await runCli(['metrics', 'process', P, '--metric', 'connections', '--metric', 'PROCESS_CPU_USER', '--start', START, '--end', END, '-o', 'json'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const q = `granularity=PT5M&start=${START}&end=${END}&m=CONNECTIONS&m=PROCESS_CPU_USER`;
    expect(r.json()).toEqual(await served(sim, `${g}/processes/${P}/measurements?${q}`));
    const [req] = apiRequests(sim, before);
    expect(req!.query).toMatchObject({ granularity: 'PT5M', start: START, end: END });
    expect(r.json().measurements.map((m: any) => m.name)).toEqual(['CONNECTIONS', 'PROCESS_CPU_USER']);
    expect(r.json().measurements[0].dataPoints).toHaveLength(25);
  });

  it('the table shows min, max, mean and last in their units; no sparkline when piped', async () => {
    const r = await runCli(['metrics', 'process', P, '--metric', 'CACHE_USED_BYTES', '--metric', 'PROCESS_CPU_USER', '--metric', 'OPCOUNTER_QUERY', '--period', 'PT2H'], { sim });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^METRIC\s+MIN\s+MAX\s+MEAN\s+LAST$/);
    expect(r.stdout).toMatch(/CACHE_USED_BYTES\s+[\d.]+ (MiB|GiB)/);
    expect(r.stdout).toMatch(/PROCESS_CPU_USER\s+[\d.]+%/);
    expect(r.stdout).toMatch(/OPCOUNTER_QUERY\s+[\d.,]+\/s/);
    expect(r.stdout).not.toMatch(/[▁▂▃▄▅▆▇█]/);
  });

  it('no window given: the default period of the granularity is sent', async () => {
    const before = sim.requests.length;
    const r = await runCli(['metrics', 'disk', P, 'data', '--granularity', 'pt1h', '--metric', 'DISK_PARTITION_SPACE_USED', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(apiRequests(sim, before)[0]!.query).toMatchObject({ granularity: 'PT1H', period: 'P7D' });
  });

  it('-o csv prints timestamp,host,metric,value,unit rows', async () => {
    const r = await runCli(['metrics', 'database', P, 'sample_mflix', '--metric', 'DATABASE_DATA_SIZE', '--granularity', 'PT1H', '--start', START, '--end', END, '-o', 'csv'], {
      sim,
    });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('timestamp,host,metric,value,unit');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(new RegExp(`^2026-11-01T10:00:00Z,${P.replace(/\./g, '\\.')},DATABASE_DATA_SIZE,[\\d.]+,BYTES$`));
  });

  it('--format full lists every data point', async () => {
    const r = await runCli(['metrics', 'process', P, '--metric', 'CONNECTIONS', '--granularity', 'PT1H', '--start', START, '--end', END, '--format', 'full'], { sim });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(4);
  });

  it('cluster fetches every process of the cluster, one document each', async () => {
    const before = sim.requests.length;
    const r = await runCli(['metrics', 'cluster', 'ShardedCluster', '--metric', 'CONNECTIONS', '--period', 'PT1H', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toHaveLength(15);
    const measured = apiRequests(sim, before).filter((q) => q.operationId === 'getGroupProcessMeasurements');
    expect(measured).toHaveLength(15);
    const t = await runCli(['metrics', 'cluster', 'Cluster0', '--metric', 'CONNECTIONS', '--period', 'PT1H'], { sim });
    expect(t.stdout.split('\n')[0]).toMatch(/^METRIC\s+HOST\s+MIN/);
    expect(t.stdout.trim().split('\n')).toHaveLength(4);
  });

  it('cluster of a paused cluster says so', async () => {
    const r = await runCli(['metrics', 'cluster', 'PausedCluster'], { sim });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/paused/);
  });

  it('bad input exits 2 with nothing sent: unknown metric (with suggestions), granularity, dates, order, both window forms', async () => {
    const before = sim.requests.length;
    const cases: Array<[string[], RegExp]> = [
      [['metrics', 'process', P, '--metric', 'CONECTIONS'], /did you mean CONNECTIONS/],
      [['metrics', 'disk', P, 'data', '--metric', 'CONNECTIONS'], /unknown --metric/],
      [['metrics', 'process', P, '--granularity', 'PT2M'], /--granularity/],
      [['metrics', 'process', P, '--start', 'yesterday'], /--start/],
      [['metrics', 'process', P, '--start', END, '--end', START], /must be after/],
      [['metrics', 'process', P, '--period', 'P1D', '--start', '2h'], /not both/],
      [['metrics', 'process', P, '--granularity', 'PT1H', '--period', 'PT30M'], /shorter than one/],
      [['metrics', 'process', 'nohostport'], /host:port/],
    ];
    for (const [args, msg] of cases) {
      const r = await runCli(args, { sim });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
    expect(apiRequests(sim, before)).toHaveLength(0);
  });
});

describe('shared tiers', () => {
  it.each([
    ['metrics', 'cluster', 'FlexCluster', /cluster FlexCluster is a Flex cluster: Atlas shows no processes, measurements or logs for it/],
    ['logs', 'cluster', 'FreeCluster', /cluster FreeCluster is a free \(M0\) cluster: Atlas shows no processes, measurements or logs for it/],
  ])('%s %s %s says what Atlas offers for a Flex or free cluster, exit 1, nothing downloaded', async (group, sub, name, message) => {
    const { SEED } = await import('../../src/simulator/index.js');
    const r = await runCli([group, sub, name, '--project', SEED.stagingProjectId], { sim });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
