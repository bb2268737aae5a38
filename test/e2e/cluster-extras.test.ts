// `cluster sample-data load|status`, `cluster upgrade`, `cluster regions` against the simulator
// (manual clock: jobs and upgrades move only when a test moves it).
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { markSampleDataLoaded } from '../../src/simulator/resources/sample-data.js';
import { expectRefusedBeforeSending, runCli } from '../helpers/cli.js';
import { complete } from '../helpers/complete.js';
import { apiRequests, served, until } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const STEP = 60_000;
const sim = sharedSimulator({ port: 0, stepMs: STEP, clock: 'manual' }, { reset: false });

const V2 = '/api/atlas/v2';
const STAGING = SEED.stagingProjectId;
const WAIT_ENV = { ATLASCLI_POLL_MS: '5' };

describe('cluster sample-data', () => {
  it('load prints the job as served (201, WORKING; recorded Load_Sample_Data) and says how to follow it', async () => {
    sim.reset();
    const before = sim.requests.length;
    const r = await runCli(['cluster', 'sample-data', 'load', 'Cluster0', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const job = r.json();
    const sent = apiRequests(sim, before);
    expect(sent.map((q) => `${q.method} ${q.path}`)).toEqual([`POST ${V2}/groups/${SEED.projectId}/sampleDatasetLoad/Cluster0`]);
    expect(Object.keys(job)).toEqual(['_id', 'clusterName', 'completeDate', 'createDate', 'errorMessage', 'state']);
    expect(job).toMatchObject({ clusterName: 'Cluster0', completeDate: null, errorMessage: null, state: 'WORKING' });
    expect(job).toEqual(await served(sim, `${V2}/groups/${SEED.projectId}/sampleDatasetLoad/${job._id}`));
    expect(r.stderr).toContain(`follow it with: atlascli cluster sample-data status Cluster0 ${job._id}`);
    // status: WORKING until stepMs of the clock has passed, then COMPLETED with its date
    const s1 = await runCli(['cluster', 'sample-data', 'status', 'Cluster0', job._id, '-o', 'json'], { sim });
    expect(s1.json().state).toBe('WORKING');
    sim.clock.advance(STEP);
    const s2 = await runCli(['cluster', 'sample-data', 'status', 'Cluster0', job._id], { sim });
    expect(s2.code).toBe(0);
    expect(s2.stdout.split('\n')[0]).toMatch(/^ID\s+CLUSTER\s+STATE\s+CREATED\s+COMPLETED\s+ERROR$/);
    expect(s2.stdout).toMatch(new RegExp(`^${job._id}\\s+Cluster0\\s+COMPLETED\\s+\\S+Z\\s+\\S+Z`, 'm'));
  });

  it('load --wait polls the job until COMPLETED and prints it', async () => {
    sim.reset();
    const run = runCli(['cluster', 'sample-data', 'load', 'Cluster0', '--wait', '-o', 'json'], { sim, env: WAIT_ENV, now: () => sim.clock.now() });
    await until(() => apiRequests(sim).some((q) => q.method === 'GET' && q.path.includes('/sampleDatasetLoad/')));
    sim.clock.advance(STEP);
    const r = await run;
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ clusterName: 'Cluster0', state: 'COMPLETED', errorMessage: null });
    expect(r.stderr).toContain('sample data loaded into cluster Cluster0');
  });

  it("load --wait reports FAILED with Atlas's message (exit 1) when the sample data is there already", async () => {
    sim.reset();
    markSampleDataLoaded(sim.state, SEED.projectId, 'Cluster0');
    const run = runCli(['cluster', 'sample-data', 'load', 'Cluster0', '--wait'], { sim, env: WAIT_ENV, now: () => sim.clock.now() });
    await until(() => apiRequests(sim).some((q) => q.method === 'GET' && q.path.includes('/sampleDatasetLoad/')));
    sim.clock.advance(STEP);
    const r = await run;
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/FAILED: The sample dataset cannot be loaded: the cluster already contains one or more of its databases\./);
  });

  it('a second load while one is WORKING: Atlas refuses it (409)', async () => {
    sim.reset();
    expect((await runCli(['cluster', 'sample-data', 'load', 'Cluster0'], { sim })).code).toBe(0);
    const r = await runCli(['cluster', 'sample-data', 'load', 'Cluster0'], { sim });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('409 SAMPLE_DATASET_LOAD_IN_PROGRESS');
  });

  it('a paused cluster: Atlas refuses, and the hint says how to resume it', async () => {
    const r = await runCli(['cluster', 'sample-data', 'load', 'PausedCluster'], { sim });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('CANNOT_UPDATE_PAUSED_CLUSTER');
    expect(r.stderr).toContain('atlascli cluster resume PausedCluster');
  });

  it('an unknown cluster: 404 CLUSTER_NOT_FOUND', async () => {
    const r = await runCli(['cluster', 'sample-data', 'load', 'Nope'], { sim });
    expect(r.stderr).toContain('404 CLUSTER_NOT_FOUND');
  });

  it('status of a job of another cluster names that cluster', async () => {
    sim.reset();
    const job = (await runCli(['cluster', 'sample-data', 'load', 'Cluster0', '-o', 'json'], { sim })).json();
    const r = await runCli(['cluster', 'sample-data', 'status', 'ShardedCluster', job._id], { sim });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`sample data load ${job._id} is for cluster Cluster0, not ShardedCluster`);
  });

  it.each([
    [['cluster', 'sample-data', 'load', 'bad_name'], /cluster name/],
    [['cluster', 'sample-data', 'status', 'Cluster0', 'xyz'], /sample data load job id/],
    [['cluster', 'sample-data', 'load', 'Cluster0', '--wait-timeout', '10'], /--wait-timeout needs --wait/],
  ])('bad input %j exits 2 before any request', async (args, message) => {
    await expectRefusedBeforeSending(sim, args, message);
  });

  it('load --dry-run prints the request and sends nothing', async () => {
    const before = sim.requests.length;
    const r = await runCli(['cluster', 'sample-data', 'load', 'Cluster0', '--dry-run', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ dryRun: true, method: 'POST' });
    expect(sim.requests.length).toBe(before);
  });
});

describe('cluster upgrade', () => {
  it("a free (M0) cluster: upgradeGroupClusterTenantUpgrade with the cluster's cloud and region; --wait until IDLE in the clusters API", async () => {
    sim.reset();
    const before = sim.requests.length;
    const run = runCli(['cluster', 'upgrade', SEED.stagingClusters.free, '--tier', 'M10', '--wait', '-p', STAGING, '-o', 'json'], {
      sim,
      env: WAIT_ENV,
      now: () => sim.clock.now(),
    });
    await until(() => apiRequests(sim, before).some((q) => q.method === 'POST'));
    sim.clock.advance(STEP);
    const r = await run;
    expect(r.code).toBe(0);
    const post = apiRequests(sim, before).find((q) => q.method === 'POST')!;
    expect(post.path).toBe(`${V2}/groups/${STAGING}/clusters/tenantUpgrade`);
    expect(post.body).toEqual({ name: 'FreeCluster', providerSettings: { providerName: 'AWS', instanceSizeName: 'M10', regionName: 'US_EAST_1' } });
    expect(r.json()).toMatchObject({ name: 'FreeCluster', stateName: 'IDLE' });
    expect(r.json().replicationSpecs[0].regionConfigs[0]).toMatchObject({ providerName: 'AWS', electableSpecs: { instanceSize: 'M10' } });
    // the cluster now lives in the clusters API as a dedicated cluster
    const get = await runCli(['cluster', 'get', 'FreeCluster', '-p', STAGING, '-o', 'json'], { sim });
    expect(get.json()).toEqual(await served(sim, `${V2}/groups/${STAGING}/clusters/FreeCluster`, '2024-08-05'));
  });

  it('a Flex cluster: tenantGroupFlexClusterUpgrade with replicationSpecs on the asked cloud and region', async () => {
    sim.reset();
    const before = sim.requests.length;
    const r = await runCli(['cluster', 'upgrade', SEED.stagingClusters.flex, '--tier', 'M20', '--provider', 'GCP', '--region', 'CENTRAL_US', '-p', STAGING, '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const post = apiRequests(sim, before).find((q) => q.method === 'POST')!;
    expect(post.path).toBe(`${V2}/groups/${STAGING}/flexClusters:tenantUpgrade`);
    expect(post.body).toEqual({
      name: 'FlexCluster',
      clusterType: 'REPLICASET',
      replicationSpecs: [
        { zoneName: 'Zone 1', regionConfigs: [{ providerName: 'GCP', regionName: 'CENTRAL_US', priority: 7, electableSpecs: { instanceSize: 'M20', nodeCount: 3 } }] },
      ],
    });
    expect(r.json()).toMatchObject({ name: 'FlexCluster', stateName: 'UPDATING' });
    expect(r.stderr).toContain('follow it with: atlascli cluster watch FlexCluster');
  });

  it('a Flex cluster with --wait: followed in the clusters API until IDLE, on its own cloud and region by default', async () => {
    sim.reset();
    const was = (await served(sim, `${V2}/groups/${STAGING}/flexClusters/FlexCluster`, '2024-11-13')) as { providerSettings: { backingProviderName: string; regionName: string } };
    const before = sim.requests.length;
    const run = runCli(['cluster', 'upgrade', 'FlexCluster', '--tier', 'M10', '--wait', '-p', STAGING, '-o', 'json'], { sim, env: WAIT_ENV, now: () => sim.clock.now() });
    await until(() => apiRequests(sim, before).some((q) => q.method === 'GET' && q.path.endsWith('/clusters/FlexCluster') && q.status === 200));
    sim.clock.advance(STEP);
    const r = await run;
    expect(r.code).toBe(0);
    const post = apiRequests(sim, before).find((q) => q.method === 'POST')!;
    const flex = (await served(sim, `${V2}/groups/${STAGING}/clusters/FlexCluster`, '2024-08-05')) as {
      replicationSpecs: Array<{ regionConfigs: Array<{ providerName: string; regionName: string }> }>;
    };
    const rc = (post.body as typeof flex).replicationSpecs[0]!.regionConfigs[0]!;
    expect([rc.providerName, rc.regionName]).toEqual([was.providerSettings.backingProviderName, was.providerSettings.regionName]);
    expect(r.json()).toMatchObject({ name: 'FlexCluster', stateName: 'IDLE' });
    expect(r.json()).toEqual(flex);
  });

  it('a dedicated cluster is pointed to cluster update', async () => {
    const r = await runCli(['cluster', 'upgrade', 'Cluster0', '--tier', 'M30'], { sim });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cluster Cluster0 is a dedicated cluster already');
    expect(r.stderr).toContain('atlascli cluster update Cluster0 --tier M30');
  });

  it("cluster update of a free cluster's size points to cluster upgrade", async () => {
    sim.reset();
    const r = await runCli(['cluster', 'update', 'FreeCluster', '--tier', 'M10', '-p', STAGING], { sim });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('atlascli cluster upgrade FreeCluster --tier M10');
  });

  it('--dry-run reads the cluster, prints the upgrade request and sends no change', async () => {
    sim.reset();
    const before = sim.requests.length;
    const r = await runCli(['cluster', 'upgrade', 'FreeCluster', '--tier', 'M10', '--dry-run', '-p', STAGING, '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ dryRun: true, method: 'POST', body: { name: 'FreeCluster' } });
    expect(apiRequests(sim, before).length).toBeGreaterThan(0);
    expect(apiRequests(sim, before).every((q) => q.method === 'GET')).toBe(true);
  });

  it.each([
    [['cluster', 'upgrade', 'FreeCluster'], /--tier is required/],
    [['cluster', 'upgrade', 'FreeCluster', '--tier', 'M0'], /dedicated tier, not M0/],
    [['cluster', 'upgrade', 'FreeCluster', '--tier', 'FLEX'], /dedicated tier, not FLEX/],
    [['cluster', 'upgrade', 'FreeCluster', '--tier', 'M10', '--provider', 'IBM'], /invalid --provider/],
    [['cluster', 'upgrade', 'FreeCluster', '--tier', 'M10', '--provider', 'GCP', '--region', 'US_EAST_1'], /region/],
  ])('bad input %j exits 2 before any request', async (args, message) => {
    await expectRefusedBeforeSending(sim, args, message);
  });
});

describe('cluster regions', () => {
  it('-o json prints the results as served (one per cloud; recorded clusters_provider_regions)', async () => {
    const before = sim.requests.length;
    const r = await runCli(['cluster', 'regions', '--provider', 'AWS', '--tier', 'M10', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const sent = apiRequests(sim, before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toBe(`${V2}/groups/${SEED.projectId}/clusters/provider/regions`);
    expect(sent[0]!.query).toMatchObject({ providers: 'AWS', tier: 'M10' });
    const doc = await served(sim, `${V2}/groups/${SEED.projectId}/clusters/provider/regions?providers=AWS&tier=M10`);
    expect(r.json()).toEqual(doc.results);
    expect(r.json()).toHaveLength(1);
    expect(r.json()[0].instanceSizes.map((s: { name: string }) => s.name)).toEqual(['M10']);
    expect(r.json()[0].instanceSizes[0].availableRegions).toContainEqual({ default: true, name: 'US_EAST_1' });
  });

  it('a table: one row per cloud, default regions marked', async () => {
    const r = await runCli(['cluster', 'regions', '--tier', 'M30'], { sim });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^PROVIDER\s+TIERS\s+REGIONS$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['AWS', 'GCP', 'AZURE']);
    expect(r.stdout).toMatch(/US_EAST_1\*/);
  });

  // a new user's trial: -o value kept the table's * marker (US_EAST_1*), so scripts got decorated names
  it('-o value, csv and --fields give the plain region names: the * marks defaults in the table only', async () => {
    const doc = await served(sim, `${V2}/groups/${SEED.projectId}/clusters/provider/regions?providers=AWS&tier=M10`);
    const plain = [...new Set(doc.results[0].instanceSizes[0].availableRegions.map((x: { name: string }) => x.name))].join(' ');
    const value = await runCli(['cluster', 'regions', '--provider', 'AWS', '--tier', 'M10', '-o', 'value'], { sim });
    expect(value.code).toBe(0);
    expect(value.stdout).toBe(`AWS\tM10\t${plain}\n`);
    const fields = await runCli(['cluster', 'regions', '--provider', 'AWS', '--tier', 'M10', '--fields', 'regions', '-o', 'value'], { sim });
    expect(fields.stdout).toBe(`${plain}\n`);
    const csv = await runCli(['cluster', 'regions', '--provider', 'AWS', '--tier', 'M10', '-o', 'csv'], { sim });
    expect(csv.stdout).toBe(`provider,tiers,regions\nAWS,M10,${plain}\n`);
    const table = await runCli(['cluster', 'regions', '--provider', 'AWS', '--tier', 'M10'], { sim });
    expect(table.stdout).toMatch(/ US_EAST_1\* /);
  });

  it.each([
    [['cluster', 'regions', '--provider', 'IBM'], /invalid --provider/],
    [['cluster', 'regions', '--tier', 'M0'], /invalid --tier/],
  ])('bad input %j exits 2 before any request', async (args, message) => {
    await expectRefusedBeforeSending(sim, args, message);
  });
});

describe('completion', () => {
  it('--region asks Atlas for the regions of the --provider and --tier on the line (listGroupClusterProviderRegions)', async () => {
    const before = sim.requests.length;
    const got = await complete(['cluster', 'create', 'c', '--provider', 'GCP', '--tier', 'M30', '--region', 'WESTERN_EU'], { sim });
    expect(got).toEqual(['WESTERN_EUROPE']);
    const sent = apiRequests(sim, before);
    expect(sent.map((q) => q.operationId)).toEqual(['listGroupClusterProviderRegions']);
    expect(sent[0]!.query).toMatchObject({ providers: 'GCP', tier: 'M30' });
    expect(await complete(['cluster', 'upgrade', 'FreeCluster', '--region', 'US_EAST_'], { sim })).toEqual(expect.arrayContaining(['US_EAST_1', 'US_EAST_2']));
  });

  it("--tier of upgrade and regions offers dedicated sizes only; the cluster argument the project's clusters", async () => {
    const tiers = await complete(['cluster', 'upgrade', 'x', '--tier', 'M'], { sim });
    expect(tiers).toContain('M10');
    expect(tiers).not.toContain('M0');
    expect(await complete(['cluster', 'regions', '--provider', ''], { sim })).toEqual(['AWS', 'GCP', 'AZURE'].sort());
    expect(await complete(['cluster', 'sample-data', 'load', 'Sh'], { sim })).toEqual(['ShardedCluster']);
  });
});
