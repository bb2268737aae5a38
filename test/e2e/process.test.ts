import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { apiRequests, served, servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

let g: string;
const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });
beforeAll(() => {
  g = `/api/atlas/v2/groups/${sim.credentials.projectId}`;
});

const PRIMARY = 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017';

describe('process', () => {
  it('list -o json prints every process as served', async () => {
    const r = await runCli(['process', 'list', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const all = await servedAll(sim, `${g}/processes`);
    // lastPing moves with the clock: compare the rest
    const strip = (xs: any[]) => xs.map(({ lastPing: _l, ...rest }) => rest);
    expect(strip(r.json())).toEqual(strip(all));
  });

  it('list shows host:port, the cluster derived from the host alias, type, replica set, version, last ping', async () => {
    const r = await runCli(['process', 'list'], { sim });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^HOST:PORT\s+CLUSTER\s+TYPE\s+REPLICA SET\s+VERSION\s+LAST PING$/);
    expect(lines[1]).toMatch(new RegExp(`^${PRIMARY.replace(/\./g, '\\.')}\\s+cluster0\\s+primary\\s+atlas-x7k2pq-shard-0\\s+8\\.0\\.29\\s+\\d{4}-`));
    expect(r.stdout).toMatch(/shardedcluster\s+mongos/);
    expect(r.stdout).not.toMatch(/pausedcluster/);
  });

  it('list --cluster --type filters by the derived cluster and the type', async () => {
    const r = await runCli(['process', 'list', '--cluster', 'ShardedCluster', '--type', 'primary', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json().map((p: any) => p.id)).toEqual(['atlas-m3n8vw-shard-00-00.m3n8vw.mongodb.net:27017', 'atlas-m3n8vw-shard-01-00.m3n8vw.mongodb.net:27017']);
    const c = await runCli(['process', 'list', '--cluster', 'ShardedCluster', '--type', 'config', '-o', 'json'], { sim });
    expect(c.json().map((p: any) => p.typeName)).toEqual(['SHARD_CONFIG_PRIMARY', 'SHARD_CONFIG_SECONDARY', 'SHARD_CONFIG_SECONDARY']);
  });

  it('list --cluster of a missing cluster exits 4', async () => {
    const r = await runCli(['process', 'list', '--cluster', 'Nope'], { sim });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/CLUSTER_NOT_FOUND/);
  });

  it('get prints the process as served; databases and disks list what Atlas lists', async () => {
    const r = await runCli(['process', 'get', PRIMARY, '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const { lastPing: _a, ...doc } = r.json();
    const { lastPing: _b, ...want } = await served(sim, `${g}/processes/${PRIMARY}`);
    expect(doc).toEqual(want);
    const d = await runCli(['process', 'databases', PRIMARY], { sim });
    expect(d.stdout.trim().split('\n')).toEqual(['DATABASE', 'admin', 'config', 'local', 'sample_mflix']);
    const k = await runCli(['process', 'disks', PRIMARY, '-o', 'json'], { sim });
    expect(k.json()).toEqual(await servedAll(sim, `${g}/processes/${PRIMARY}/disks`));
  });

  it('bad input exits 2 with nothing sent', async () => {
    const before = sim.requests.length;
    for (const args of [
      ['process', 'get', 'cluster0-shard-00-00.x7k2pq.mongodb.net'],
      ['process', 'list', '--type', 'arbiter'],
      ['process', 'disks', 'a b:1'],
    ]) {
      const r = await runCli(args, { sim });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(apiRequests(sim, before)).toHaveLength(0);
  });

  it('a missing process exits 4', async () => {
    const r = await runCli(['process', 'get', 'nohost.example.net:27017'], { sim });
    expect(r.code).toBe(4);
    // 404 HOSTNAME_AND_PORT_NOT_FOUND: Atlas API error-code list, mongodb.com/docs/atlas/reference/api-errors
    expect(r.stderr).toMatch(/404 HOSTNAME_AND_PORT_NOT_FOUND/);
  });
});
