// Project-wide commands (issue 22): logs project, metrics project, project users (flags and
// remove), project api-keys list|assign|unassign, project update.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { SEED } from '../../src/simulator/seed-ids.js';
import { expectRefusedBeforeSending, runCli, tempDir } from '../helpers/cli.js';
import { apiRequests, served, servedAll } from '../helpers/atlas.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, stepMs: 50 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
});

const P = SEED.projectId;
const KEY = 'f0123456789abcdef012345f'; // ci-deploy, assigned to the default project with GROUP_CLUSTER_MANAGER
const OTHER_KEY = 'f1123456789abcdef012345f'; // read-only-reports, in no project
const run = (args: string[]) => runCli(args, { sim });

/** The mongod hosts of the seeded project: Cluster0 (3), ShardedCluster (2 shards of 3, 3 config servers); PausedCluster none. */
async function mongodHosts(): Promise<string[]> {
  const procs = await servedAll<{ hostname: string; typeName: string }>(sim, `/api/atlas/v2/groups/${P}/processes`);
  return [...new Set(procs.filter((p) => p.typeName !== 'SHARD_MONGOS').map((p) => p.hostname))];
}

describe('logs project', () => {
  it('saves the log of every host of every cluster, one file each as logs cluster names them, byte for byte as served, and a summary on stderr', async () => {
    const dir = tempDir();
    const hosts = await mongodHosts();
    expect(hosts).toHaveLength(12);
    const before = sim.requests.length;
    const r = await run(['logs', 'project', '--out-dir', dir, '--start', '2026-11-01T10:00:00Z', '--end', '2026-11-01T12:00:00Z']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const sent = apiRequests(sim, before);
    const downloads = sent.filter((q) => q.path.includes('/logs/'));
    expect(downloads.map((q) => decodeURIComponent(q.path.split('/clusters/')[1]!.split('/logs/')[0]!)).sort()).toEqual([...hosts].sort());
    // epoch seconds on the wire, as logs download sends them
    for (const q of downloads) expect(q.query).toEqual({ startDate: '1793527200', endDate: '1793534400' });
    const files = readdirSync(dir).sort();
    expect(files).toEqual(hosts.map((h) => `${h}_2026-11-01T10:00:00.000000000_2026-11-01T12:00:00.000000000_MONGODB.log.gz`).sort());
    for (const served of sim.state.servedLogs.slice(-12)) {
      const file = join(dir, `${served.hostname}_2026-11-01T10:00:00.000000000_2026-11-01T12:00:00.000000000_MONGODB.log.gz`);
      expect(readFileSync(file).length).toBe(served.bytes);
    }
    const lines = r.stderr.trimEnd().split('\n');
    // the paused cluster is named, then a line a file, then the summary
    expect(lines[0]).toBe('no logs from PausedCluster (paused)');
    expect(lines.filter((l) => l.startsWith('saved '))).toHaveLength(13);
    expect(lines.at(-1)).toMatch(new RegExp(`^saved 12 mongodb logs of 2 clusters \\(\\d+(\\.\\d+)? KiB\\) in ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  it('--type mongos: only the hosts that run a mongos', async () => {
    const dir = tempDir();
    const r = await run(['logs', 'project', '--type', 'mongos', '--out-dir', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toHaveLength(6);
    expect(readdirSync(dir).every((f) => f.endsWith('_MONGOS.log.gz'))).toBe(true);
    expect(r.stderr).toMatch(/^no logs from Cluster0 \(no mongos\), PausedCluster \(paused\)$/m);
    expect(r.stderr).toMatch(/saved 6 mongos logs of 1 cluster \(/);
  });

  it('-o json: one document a file', async () => {
    const dir = tempDir();
    const r = await run(['logs', 'project', '--out-dir', dir, '-o', 'jsonl']);
    expect(r.code).toBe(0);
    const docs = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(docs).toHaveLength(12);
    expect(Object.keys(docs[0])).toEqual(['hostname', 'type', 'path', 'bytes', 'empty']);
  });

  it('a host that fails does not stop the others: the failed hosts listed, exit 7 (network), the other files whole', async () => {
    const dir = tempDir();
    const hosts = await mongodHosts();
    const bad = hosts[4]!;
    // the connection is reset after 100 bytes on every try (the client's retries included)
    sim.state.logSettings.hosts.set(bad, { resetAfterBytes: 100 });
    const r = await run(['logs', 'project', '--out-dir', dir]);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(new RegExp(`11 of 12 mongodb logs saved; 1 failed: ${bad.replace(/\./g, '\\.')}`));
    expect(readdirSync(dir)).toHaveLength(11);
    expect(readdirSync(dir).some((f) => f.startsWith(bad))).toBe(false);
  });

  it('files that exist are kept without --force: exit 2, and --force overwrites them', async () => {
    const dir = tempDir();
    expect((await run(['logs', 'project', '--out-dir', dir, '--start', '2026-11-01T10:00:00Z', '--end', '2026-11-01T12:00:00Z'])).code).toBe(0);
    const [first] = readdirSync(dir);
    writeFileSync(join(dir, first!), 'mine');
    const again = await run(['logs', 'project', '--out-dir', dir, '--start', '2026-11-01T10:00:00Z', '--end', '2026-11-01T12:00:00Z']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/0 of 12 mongodb logs saved; 12 failed/);
    expect(again.stderr).toMatch(/pass --force to overwrite the files/);
    expect(readFileSync(join(dir, first!), 'utf8')).toBe('mine');
    const forced = await run(['logs', 'project', '--out-dir', dir, '--start', '2026-11-01T10:00:00Z', '--end', '2026-11-01T12:00:00Z', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, first!)).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });

  it('a project without dedicated clusters: one line, exit 1, no download', async () => {
    const before = sim.requests.length;
    const r = await run(['logs', 'project', '-p', SEED.stagingProjectId, '--out-dir', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no cluster of the project has mongod processes to download mongodb logs from/);
    expect(apiRequests(sim, before).some((q) => q.path.includes('/logs/'))).toBe(false);
  });

  it('bad input sends nothing', async () => {
    await expectRefusedBeforeSending(sim, ['logs', 'project', '--type', 'mongo'], /invalid --type "mongo"/);
    await expectRefusedBeforeSending(sim, ['logs', 'project', '--start', 'yesterday-ish'], /--start/);
    await expectRefusedBeforeSending(sim, ['logs', 'project', '--start', '2026-11-01T12:00:00Z', '--end', '2026-11-01T10:00:00Z'], /--end/);
  });
});

describe('metrics project', () => {
  it('-o json: the documents of every process of the project, as served', async () => {
    const procs = await servedAll<{ id: string }>(sim, `/api/atlas/v2/groups/${P}/processes`);
    const before = sim.requests.length;
    const r = await run(['metrics', 'project', '--metric', 'CONNECTIONS', '--period', 'PT1H', '--granularity', 'PT5M', '-o', 'json']);
    expect(r.code).toBe(0);
    const docs = r.json<Array<{ processId: string; measurements: Array<{ name: string }> }>>();
    expect(docs.map((d) => d.processId)).toEqual(procs.map((p) => p.id));
    expect(docs.every((d) => d.measurements.map((m) => m.name).join() === 'CONNECTIONS')).toBe(true);
    const measured = apiRequests(sim, before).filter((q) => q.path.endsWith('/measurements'));
    expect(measured).toHaveLength(procs.length);
    expect(measured[0]!.query).toEqual({ granularity: 'PT5M', period: 'PT1H', m: 'CONNECTIONS' });
  });

  it('a table with a host column, as metrics cluster prints it', async () => {
    const r = await run(['metrics', 'project', '--metric', 'CONNECTIONS', '--period', 'PT1H']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^METRIC\s+HOST\s+MIN\s+MAX\s+MEAN\s+LAST$/);
    expect(lines.slice(1).every((l) => /^CONNECTIONS\s+atlas-\S+:\d+\s/.test(l))).toBe(true);
  });

  it('a project with no running processes: exit 1, one line', async () => {
    const r = await run(['metrics', 'project', '-p', SEED.stagingProjectId]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('atlascli: the project has no running processes (hint: Flex and free (M0) clusters have no measurements; paused clusters have no running processes)\n');
  });

  it('bad input sends nothing', async () => {
    await expectRefusedBeforeSending(sim, ['metrics', 'project', '--metric', 'CONECTIONS'], /unknown --metric "CONECTIONS"/);
    await expectRefusedBeforeSending(sim, ['metrics', 'project', '--granularity', 'PT2M'], /invalid --granularity/);
  });
});
