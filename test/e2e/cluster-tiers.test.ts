// Issue #7 end to end: free and Flex tiers, connection strings and Atlas's rules for
// changes. Each test checks the exit code, the stderr line and the requests the
// simulator saw (none where the CLI refuses first). Sources of each rule are named.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { apiRequests } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const dir = tempDir('atlascli-cluster-tiers-');
const FAST = { ATLASCLI_POLL_MS: '20' };
const run = (args: string[]) => runCli(args, { sim, env: FAST });
/** In the staging project, which holds a free cluster and a Flex cluster. */
const staging = (args: string[]) => runCli([...args, '-p', SEED.stagingProjectId], { sim, env: FAST });
const since = () => sim.requests.length;
const sent = (from: number, method?: string) => apiRequests(sim, from).filter((r) => !method || r.method === method);

const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });

describe('free (M0) clusters', () => {
  // spec TenantRegionConfig20240805; one per project: CANNOT_CREATE_FREE_CLUSTER_VIA_PUBLIC_API
  it("create --tier M0 sends a TENANT region backed by the cloud; a second one is Atlas's 400", async () => {
    const from = since();
    const r = await run(['cluster', 'create', 'free-one', '--tier', 'M0', '--provider', 'GCP', '--wait', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(sent(from, 'POST')[0]!.body).toEqual({
      name: 'free-one',
      clusterType: 'REPLICASET',
      replicationSpecs: [
        { regionConfigs: [{ providerName: 'TENANT', backingProviderName: 'GCP', regionName: 'CENTRAL_US', priority: 7, electableSpecs: { instanceSize: 'M0' } }] },
      ],
    });
    expect(r.json().stateName).toBe('IDLE');
    const again = await run(['cluster', 'create', 'free-two', '--tier', 'M0']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/400 CANNOT_CREATE_FREE_CLUSTER_VIA_PUBLIC_API/);
  });

  it('list shows the backing cloud with "(free)", not TENANT', async () => {
    const r = await staging(['cluster', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/FreeCluster\s+REPLICASET\s+M0\s+AWS US_EAST_1 \(free\)/);
    expect(r.stdout).not.toMatch(/TENANT/);
  });

  it('pause, failover, advanced set and --disk-gb are refused for M0 with exit 2 and a reason; no change sent', async () => {
    for (const args of [
      ['cluster', 'pause', 'FreeCluster'],
      ['cluster', 'failover', 'FreeCluster', '--force'],
      ['cluster', 'advanced', 'set', 'FreeCluster', '--min-tls', 'TLS1_2'],
      ['cluster', 'update', 'FreeCluster', '--disk-gb', '20'],
    ]) {
      const from = since();
      const r = await staging(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/is a free \(M0\) cluster/);
      expect(sent(from).filter((q) => q.method !== 'GET')).toEqual([]);
    }
  });
});

describe('Flex clusters (/flexClusters, 2024-11-13)', () => {
  it('create --tier FLEX posts to the Flex API; --wait waits on it', async () => {
    const from = since();
    const r = await run(['cluster', 'create', 'flexy', '--tier', 'FLEX', '--region', 'US_EAST_1', '--tag', 'env=dev', '--wait', '-o', 'json']);
    expect(r.code).toBe(0);
    const post = sent(from, 'POST')[0]!;
    expect([post.operationId, post.body]).toEqual([
      'createGroupFlexCluster',
      { name: 'flexy', providerSettings: { backingProviderName: 'AWS', regionName: 'US_EAST_1' }, tags: [{ key: 'env', value: 'dev' }] },
    ]);
    expect(r.json()).toMatchObject({ name: 'flexy', stateName: 'IDLE', providerSettings: { providerName: 'FLEX' } });
  });

  it('--tier M5 makes a Flex cluster with a notice on stderr (M2/M5 retired January 2026)', async () => {
    const from = since();
    const r = await run(['cluster', 'create', 'legacy-m5', '--tier', 'M5']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/M5 clusters were retired in January 2026; creating Flex cluster legacy-m5 instead/);
    expect(sent(from, 'POST').map((q) => q.operationId)).toEqual(['createGroupFlexCluster']);
  });

  it('list shows dedicated, free and Flex clusters in one list, TIER FLEX', async () => {
    const r = await staging(['cluster', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/FlexCluster\s+REPLICASET\s+FLEX\s+AWS US_EAST_1\s+8\.0\.\d+\s+IDLE/);
    expect(r.stdout).toMatch(/FreeCluster/);
    const limited = await staging(['cluster', 'list', '--limit', '1', '-o', 'json']);
    expect(limited.json()).toHaveLength(1);
  });

  // Atlas: 400 CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API, then the Flex API
  it("get and watch fall back to the Flex API on Atlas's CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API", async () => {
    const from = since();
    const r = await staging(['cluster', 'get', 'FlexCluster', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json().providerSettings.providerName).toBe('FLEX');
    expect(sent(from).map((q) => [q.operationId, q.status])).toEqual([
      ['getGroupCluster', 400],
      ['getGroupFlexCluster', 200],
    ]);
    const w = await staging(['cluster', 'watch', 'FlexCluster']);
    expect(w.code).toBe(0);
    expect(w.stderr).toMatch(/cluster FlexCluster is IDLE/);
  });

  it('pause of a Flex cluster: exit 2 with a reason, nothing changed', async () => {
    const from = since();
    const r = await staging(['cluster', 'pause', 'FlexCluster']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/FlexCluster is a Flex cluster: it cannot be paused/);
    expect(sent(from, 'PATCH')).toEqual([]);
  });

  it('delete --wait falls back to the Flex API and waits until it is gone', async () => {
    await run(['cluster', 'create', 'flex-doomed', '--tier', 'FLEX', '--wait']);
    const from = since();
    const r = await run(['cluster', 'delete', 'flex-doomed', '--force', '--wait', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ name: 'flex-doomed', deleted: true });
    expect(sent(from, 'DELETE').map((q) => [q.operationId, q.status])).toEqual([
      ['deleteGroupCluster', 400],
      ['deleteGroupFlexCluster', 204],
    ]);
  });
});

describe('connection strings', () => {
  it('prints the SRV string alone on stdout; --type picks another form (ClusterConnectionStrings)', async () => {
    const srv = await run(['cluster', 'connection-string', 'Cluster0']);
    expect(srv.code).toBe(0);
    expect(srv.stdout).toMatch(/^mongodb\+srv:\/\/cluster0\.[a-z0-9]+\.mongodb\.net\n$/);
    const std = await run(['cluster', 'connection-string', 'Cluster0', '--type', 'standard']);
    expect(std.stdout).toMatch(/^mongodb:\/\/cluster0-shard-00-00\./);
    const pri = await run(['cluster', 'connection-string', 'ShardedCluster', '--type', 'private-srv']);
    expect(pri.stdout).toMatch(/^mongodb\+srv:\/\/shardedcluster-pri\./);
    const pe = await run(['cluster', 'connection-string', 'ShardedCluster', '--type', 'private-endpoint']);
    expect(pe.stdout).toMatch(/^mongodb\+srv:\/\/shardedcluster-pl-0\./);
    // without peering Atlas serves no private form (recorded Describe_Connection_String): say so, exit 1
    const none = await run(['cluster', 'connection-string', 'Cluster0', '--type', 'private']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/cluster Cluster0 has no private connection string/);
    const flex = await staging(['cluster', 'connection-string', 'FlexCluster']);
    expect(flex.stdout).toMatch(/^mongodb\+srv:\/\/flexcluster\./);
  });

  it('a cluster being created has none yet: exit 1 saying so, or --wait for it', async () => {
    await run(['cluster', 'create', 'fresh']);
    // keep it CREATING an hour of the simulator's clock, whatever the machine's speed; then move the clock there
    sim.state.clusters.get(`${SEED.projectId}/fresh`)!.transition!.at = sim.clock.now() + 3_600_000;
    const r = await run(['cluster', 'connection-string', 'fresh']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cluster fresh has no connection string yet: it is CREATING/);
    sim.clock.advance(3_600_000);
    const w = await run(['cluster', 'connection-string', 'fresh', '--wait']);
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(/^mongodb\+srv:\/\/fresh\./);
  });

  it('get shows the SRV string in its table', async () => {
    const r = await run(['cluster', 'get', 'Cluster0']);
    expect(r.stdout).toMatch(/SRV/);
    expect(r.stdout).toMatch(/mongodb\+srv:\/\/cluster0\./);
  });
});

describe("Atlas's rules for changes", () => {
  it('resume of a running cluster sends no PATCH: says it is not paused, exit 0', async () => {
    const from = since();
    const r = await run(['cluster', 'resume', 'Cluster0']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/cluster Cluster0 is not paused: nothing was sent/);
    expect(sent(from, 'PATCH')).toEqual([]);
  });

  // error-code reference: CANNOT_PAUSE_NVME_CLUSTER
  it('an NVMe cluster cannot be paused (exit 2); --disk-gb on it is refused (fixed disks)', async () => {
    expect((await run(['cluster', 'create', 'nvme-one', '--size', 'M40_NVME', '--backup', '--wait'])).code).toBe(0);
    let from = since();
    const p = await run(['cluster', 'pause', 'nvme-one']);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/NVMe cluster: Atlas cannot pause NVMe clusters/);
    expect(sent(from, 'PATCH')).toEqual([]);
    from = since();
    const d = await run(['cluster', 'update', 'nvme-one', '--disk-gb', '200']);
    expect(d.code).toBe(2);
    expect(sent(from, 'PATCH')).toEqual([]);
  });

  // error-code reference: CANNOT_UPDATE_AND_PAUSE_CLUSTER (409): never one PATCH
  it('update --file with paused plus other changes sends two PATCHes: the changes, then the pause', async () => {
    await run(['cluster', 'create', 'two-step', '--wait']);
    const doc = (await run(['cluster', 'get', 'two-step', '-o', 'json'])).json();
    const path = join(dir, 'two-step.json');
    writeFileSync(path, JSON.stringify({ ...doc, paused: true, backupEnabled: true }));
    const from = since();
    const r = await run(['cluster', 'update', 'two-step', '--file', path, '--wait', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(sent(from, 'PATCH').map((q) => q.body)).toEqual([{ backupEnabled: true }, { paused: true }]);
    expect(r.json()).toMatchObject({ paused: true, backupEnabled: true, stateName: 'IDLE' });
  });

  it('a replica set becomes sharded with one shard first: --type SHARDED --shards 3 exits 2, no PATCH', async () => {
    const from = since();
    const r = await run(['cluster', 'update', 'Cluster0', '--type', 'SHARDED', '--size', 'M30', '--shards', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sharded cluster of one shard first/);
    expect(sent(from, 'PATCH')).toEqual([]);
  });

  it('versions: a downgrade is refused against the version the CLI reads (exit 2, no PATCH); latest is CONTINUOUS', async () => {
    let from = since();
    const r = await run(['cluster', 'update', 'Cluster0', '--mongodb-version', '7.0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/runs MongoDB 8\.0: Atlas does not downgrade to 7\.0/);
    expect(sent(from, 'PATCH')).toEqual([]);
    from = since();
    const c = await run(['cluster', 'create', 'rolling', '--mongodb-version', 'latest']);
    expect(c.code).toBe(0);
    expect(sent(from, 'POST')[0]!.body).toMatchObject({ versionReleaseSystem: 'CONTINUOUS' });
    expect(sent(from, 'POST')[0]!.body).not.toHaveProperty('mongoDBMajorVersion');
  });

  // recorded/clusters/flags/…/Fail_Delete_for_Termination_Protection_enabled (400)
  it('termination protection: set on create, a refused delete names the flag that turns it off; --tag', async () => {
    const c = await run(['cluster', 'create', 'guarded', '--termination-protection', '--tag', 'env=prod', '--tag', 'team=db', '--wait', '-o', 'json']);
    expect(c.code).toBe(0);
    expect(c.json()).toMatchObject({
      terminationProtectionEnabled: true,
      tags: [
        { key: 'env', value: 'prod' },
        { key: 'team', value: 'db' },
      ],
    });
    const d = await run(['cluster', 'delete', 'guarded', '--force']);
    expect(d.code).toBe(1);
    expect(d.stderr).toMatch(/CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED/);
    expect(d.stderr).toMatch(/atlascli cluster update guarded --no-termination-protection/);
    const from = since();
    const u = await run(['cluster', 'update', 'guarded', '--no-termination-protection', '--tag', 'env=dev']);
    expect(u.code).toBe(0);
    expect(sent(from, 'PATCH').map((q) => q.body)).toEqual([
      {
        tags: [
          { key: 'env', value: 'dev' },
          { key: 'team', value: 'db' },
        ],
        terminationProtectionEnabled: false,
      },
    ]);
  });

  it('watch of a DELETING cluster says so and waits until it is gone (exit 0)', async () => {
    await run(['cluster', 'create', 'vanishing', '--wait']);
    await run(['cluster', 'delete', 'vanishing', '--force']);
    sim.state.clusters.get(`${SEED.projectId}/vanishing`)!.transition!.at = sim.clock.now() + 3_600_000;
    // the simulator's clock moves an hour once the watch has seen the cluster DELETING
    const stop = sim.requests.onAnswered((q) => q.method === 'GET' && q.status === 200 && q.path.endsWith('/clusters/vanishing') && sim.clock.advance(3_600_000));
    const r = await run(['cluster', 'watch', 'vanishing']).finally(stop);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/cluster vanishing is being deleted; waiting until it is gone/);
    expect(r.stderr).toMatch(/cluster vanishing is deleted/);
  });
});

describe('across projects', () => {
  it("list --all-projects pages the projects, lists each one's clusters and Flex clusters, and shows a PROJECT column", async () => {
    const from = since();
    const r = await run(['cluster', 'list', '--all-projects']);
    expect(r.code).toBe(0);
    const ops = sent(from).map((q) => q.operationId);
    expect(ops[0]).toBe('listGroups');
    expect(ops.filter((o) => o === 'listGroupClusters').length).toBe(sim.state.projects.size);
    expect(ops.filter((o) => o === 'listGroupFlexClusters').length).toBe(sim.state.projects.size);
    expect(r.stdout).toMatch(/^PROJECT\s+NAME\s+TYPE/);
    expect(r.stdout).toMatch(/atlascli-sim\s+Cluster0\s+REPLICASET/);
    expect(r.stdout).toMatch(/atlascli-sim-staging\s+FlexCluster/);
  });

  it('advanced get of a free cluster: Atlas refuses it, and the line says why', async () => {
    const r = await staging(['cluster', 'advanced', 'get', 'FreeCluster']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/hint: cluster FreeCluster is a free \(M0\) cluster: advanced configuration is for dedicated clusters/);
  });

  it('--fields with --all-projects: JSON picks from the cluster documents, a table from its columns; others exit 2 before any request', async () => {
    const json = await run(['cluster', 'list', '--all-projects', '-o', 'json', '--fields', 'groupId,name']);
    expect(json.code).toBe(0);
    expect(json.json()[0]).toEqual({ groupId: SEED.projectId, name: 'Cluster0' });
    const table = await run(['cluster', 'list', '--all-projects', '--fields', 'project,name']);
    expect(table.stdout).toMatch(/^PROJECT\s+NAME\n/);
    const from = since();
    const bad = await run(['cluster', 'list', '--all-projects', '-o', 'json', '--fields', 'nosuchfield']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown field nosuchfield/);
    expect(sent(from)).toEqual([]);
  });
});
