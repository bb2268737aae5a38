import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { useSimulator } from './helpers.js';

const V = '2024-10-23';
const newCluster = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  clusterType: 'REPLICASET',
  replicationSpecs: [{ zoneName: 'Zone 1', regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 3 } }] }],
  ...extra,
});

describe('clusters', () => {
  const C = () => `/api/atlas/v2/groups/${fx.sim.credentials.projectId}/clusters`;
  const STEP = 60_000;
  // a manual clock: a state change happens when the test moves the clock by STEP, never on its own
  const fx = useSimulator({ stepMs: STEP, clock: 'manual' }, { reset: false });

  it('lists the seeded clusters in the 2024-08-05 shape', async () => {
    const r = await fx.api('GET', C(), { version: '2024-08-05' });
    expect(r.status).toBe(200);
    expect(r.json.totalCount).toBe(3);
    const byName = Object.fromEntries(r.json.results.map((c: any) => [c.name, c]));
    const rs = byName[SEED.clusters.replicaSet];
    expect(rs).toMatchObject({ clusterType: 'REPLICASET', stateName: 'IDLE', paused: false, groupId: fx.sim.credentials.projectId, mongoDBMajorVersion: '8.0' });
    expect(rs.id).toMatch(/^[0-9a-f]{24}$/);
    expect(rs.replicationSpecs[0].regionConfigs[0]).toMatchObject({
      providerName: 'AWS',
      regionName: 'US_EAST_1',
      electableSpecs: { instanceSize: 'M10', nodeCount: 3, diskSizeGB: 10 },
    });
    expect(rs.connectionStrings.standardSrv).toMatch(/^mongodb\+srv:\/\/cluster0\.[a-z0-9]+\.mongodb\.net$/);
    expect(rs.links[0]).toEqual({ href: `${fx.sim.url}${C()}/Cluster0`, rel: 'self' });
    expect(byName[SEED.clusters.sharded]).toMatchObject({ clusterType: 'SHARDED' });
    expect(byName[SEED.clusters.sharded].replicationSpecs).toHaveLength(2);
    expect(byName[SEED.clusters.paused]).toMatchObject({ paused: true, stateName: 'IDLE' });
  });

  it('renders older versions in their own shape', async () => {
    const v2 = (await fx.api('GET', `${C()}/${SEED.clusters.sharded}`, { version: '2023-02-01' })).json;
    expect(v2.replicationSpecs).toHaveLength(1);
    expect(v2.replicationSpecs[0].numShards).toBe(2);
    expect(v2.diskSizeGB).toBe(40);
    expect(v2.replicationSpecs[0].regionConfigs[0].electableSpecs.diskSizeGB).toBeUndefined();
    const legacy = (await fx.api('GET', `${C()}/Cluster0`, { version: '2023-01-01' })).json;
    expect(legacy).toMatchObject({ providerSettings: { providerName: 'AWS', instanceSizeName: 'M10', regionName: 'US_EAST_1' }, numShards: 1, replicationFactor: 3 });
    expect(legacy.replicationSpecs[0].regionsConfig.US_EAST_1).toMatchObject({ electableNodes: 3, priority: 7 });
  });

  it('creates a cluster: 201 CREATING, then IDLE after stepMs with connection strings', async () => {
    const r = await fx.api('POST', C(), { version: V, body: newCluster('lifecycle') });
    expect(r.status).toBe(201);
    expect(r.headers.get('content-type')).toBe(`application/vnd.atlas.${V}+json;charset=utf-8`);
    expect(r.json).toMatchObject({ name: 'lifecycle', stateName: 'CREATING', paused: false, connectionStrings: {} });
    expect(r.json.replicationSpecs[0].regionConfigs[0].electableSpecs).toMatchObject({ instanceSize: 'M10', diskSizeGB: 10, ebsVolumeType: 'STANDARD' });
    const got = await fx.api('GET', `${C()}/lifecycle`, { version: '2024-08-05' });
    expect(got.json.stateName).toBe('CREATING');
    fx.sim.clock.advance(STEP - 1);
    expect((await fx.api('GET', `${C()}/lifecycle`, { version: '2024-08-05' })).json.stateName).toBe('CREATING');
    fx.sim.clock.advance(1);
    const idle = await fx.api('GET', `${C()}/lifecycle`, { version: '2024-08-05' });
    expect(idle.json.stateName).toBe('IDLE');
    expect(idle.json.connectionStrings.standard).toMatch(/^mongodb:\/\/lifecycle-shard-00-00\./);
  });

  // Atlas's error-code reference: "DUPLICATE_CLUSTER_NAME 400 A cluster named %s is already present in group %s."
  it('refuses a duplicate name with 400 DUPLICATE_CLUSTER_NAME, as Atlas does', async () => {
    const r = await fx.api('POST', C(), { version: V, body: newCluster('Cluster0') });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ errorCode: 'DUPLICATE_CLUSTER_NAME', parameters: ['Cluster0', fx.sim.credentials.projectId] });
  });

  it('updates with merge-patch semantics: UPDATING, then IDLE', async () => {
    await fx.api('POST', C(), { version: V, body: newCluster('scaling') });
    fx.sim.clock.advance(STEP);
    expect((await fx.api('GET', `${C()}/scaling`, { version: '2024-08-05' })).json.stateName).toBe('IDLE');
    const spec = newCluster('scaling').replicationSpecs;
    spec[0].regionConfigs[0].electableSpecs = { instanceSize: 'M30', nodeCount: 3, diskSizeGB: 80 } as any;
    const r = await fx.api('PATCH', `${C()}/scaling`, { version: V, body: { replicationSpecs: spec, mongoDBMajorVersion: '7.0', tags: [{ key: 'team', value: 'a' }] } });
    expect(r.status).toBe(200);
    expect(r.json.stateName).toBe('UPDATING');
    expect(r.json.replicationSpecs[0].regionConfigs[0].electableSpecs).toMatchObject({ instanceSize: 'M30', diskSizeGB: 80 });
    expect(r.json).toMatchObject({ mongoDBMajorVersion: '7.0', tags: [{ key: 'team', value: 'a' }], backupEnabled: false, clusterType: 'REPLICASET' });
    expect(r.json.mongoDBVersion).toMatch(/^7\.0\.\d+$/);
    fx.sim.clock.advance(STEP);
    expect((await fx.api('GET', `${C()}/scaling`, { version: '2024-08-05' })).json.stateName).toBe('IDLE');
    // 2023-02-01 bodies put diskSizeGB at the top level
    const disk = await fx.api('PATCH', `${C()}/scaling`, { version: '2023-02-01', body: { diskSizeGB: 120 } });
    expect(disk.status).toBe(200);
    expect(disk.json.diskSizeGB).toBe(120);
    expect(fx.sim.state.cluster(fx.sim.credentials.projectId, 'scaling')!.doc.replicationSpecs[0].regionConfigs[0].electableSpecs.diskSizeGB).toBe(120);
  });

  it('pauses and resumes; refuses other updates of a paused cluster with 409 CANNOT_UPDATE_PAUSED_CLUSTER', async () => {
    await fx.api('POST', C(), { version: V, body: newCluster('sleepy') });
    fx.sim.clock.advance(STEP);
    expect((await fx.api('GET', `${C()}/sleepy`, { version: '2024-08-05' })).json.stateName).toBe('IDLE');
    const pause = await fx.api('PATCH', `${C()}/sleepy`, { version: V, body: { paused: true } });
    expect(pause.json).toMatchObject({ paused: true, stateName: 'UPDATING' });
    fx.sim.clock.advance(STEP);
    expect((await fx.api('GET', `${C()}/sleepy`, { version: '2024-08-05' })).json.stateName).toBe('IDLE');
    const refused = await fx.api('PATCH', `${C()}/sleepy`, { version: V, body: { backupEnabled: true } });
    expect(refused.status).toBe(409);
    expect(refused.json.errorCode).toBe('CANNOT_UPDATE_PAUSED_CLUSTER');
    const args = await fx.api('PATCH', `${C()}/sleepy/processArgs`, { version: '2024-08-05', body: { javascriptEnabled: false } });
    expect(args.status).toBe(409);
    const resume = await fx.api('PATCH', `${C()}/sleepy`, { version: V, body: { paused: false } });
    expect(resume.status).toBe(200);
    expect(resume.json).toMatchObject({ paused: false, stateName: 'UPDATING' });
  });

  it('deletes: 202, DELETING, then 404 CLUSTER_NOT_FOUND', async () => {
    await fx.api('POST', C(), { version: V, body: newCluster('doomed') });
    const del = await fx.api('DELETE', `${C()}/doomed`, { version: '2023-02-01' });
    expect(del.status).toBe(202);
    expect(del.json).toEqual({});
    expect((await fx.api('GET', `${C()}/doomed`, { version: '2024-08-05' })).json.stateName).toBe('DELETING');
    fx.sim.clock.advance(STEP);
    const gone = await fx.api('GET', `${C()}/doomed`, { version: '2024-08-05' });
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({
      detail: `No cluster named doomed exists in group ${fx.sim.credentials.projectId}.`,
      error: 404,
      errorCode: 'CLUSTER_NOT_FOUND',
      parameters: ['doomed', fx.sim.credentials.projectId],
      reason: 'Not Found',
    });
  });

  it('refuses to delete a cluster with termination protection', async () => {
    await fx.api('POST', C(), { version: V, body: newCluster('protected', { terminationProtectionEnabled: true }) });
    const r = await fx.api('DELETE', `${C()}/protected`, { version: '2023-02-01' });
    expect(r.status).toBe(400);
    expect(r.json.errorCode).toBe('CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED');
  });

  it('reads and updates advanced configuration (processArgs) in both versions', async () => {
    const get = await fx.api('GET', `${C()}/Cluster0/processArgs`, { version: '2023-01-01' });
    expect(get.json).toMatchObject({ javascriptEnabled: true, minimumEnabledTlsProtocol: 'TLS1_2', noTableScan: false, defaultReadConcern: null });
    const set = await fx.api('PATCH', `${C()}/Cluster0/processArgs`, {
      version: '2024-08-05',
      body: { minimumEnabledTlsProtocol: 'TLS1_3', javascriptEnabled: false, oplogSizeMB: 2048 },
    });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ minimumEnabledTlsProtocol: 'TLS1_3', javascriptEnabled: false, oplogSizeMB: 2048, noTableScan: false });
    expect(set.json).not.toHaveProperty('defaultReadConcern');
    const status = await fx.api('GET', `${C()}/Cluster0/status`);
    expect(status.json.changeStatus).toBe('PENDING');
    const cluster = await fx.api('GET', `${C()}/Cluster0`, { version: '2024-08-05' });
    expect(cluster.json.advancedConfiguration.minimumEnabledTlsProtocol).toBe('TLS1_3');
    fx.sim.clock.advance(STEP);
    expect((await fx.api('GET', `${C()}/Cluster0/status`)).json.changeStatus).toBe('APPLIED');
    const bad = await fx.api('PATCH', `${C()}/Cluster0/processArgs`, { version: '2024-08-05', body: { javascriptEnabled: 'no' } });
    expect(bad.status).toBe(400);
  });

  it('restarts primaries (test failover) and refuses on a paused cluster', async () => {
    const ok = await fx.api('POST', `${C()}/Cluster0/restartPrimaries`, { version: '2023-02-01' });
    expect(ok.status).toBe(200);
    const paused = await fx.api('POST', `${C()}/${SEED.clusters.paused}/restartPrimaries`, { version: '2023-02-01' });
    expect(paused.status).toBe(409);
    const missing = await fx.api('POST', `${C()}/nope/restartPrimaries`, { version: '2023-02-01' });
    expect(missing.json.errorCode).toBe('CLUSTER_NOT_FOUND');
  });

  it('refuses to delete a project that still has clusters (409)', async () => {
    const r = await fx.api('DELETE', `/api/atlas/v2/groups/${fx.sim.credentials.projectId}`);
    expect(r.status).toBe(409);
    expect(r.json.errorCode).toBe('CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS');
  });

  // Atlas's error-code reference: DUPLICATE_CLUSTER_NAME_PREFIX (host names use the first 23 characters)
  it('refuses a name whose first 23 characters match another cluster (host-name prefix)', async () => {
    const a = await fx.api('POST', C(), { version: V, body: newCluster('prefix-collision-abcdefg-one') });
    expect(a.status).toBe(201);
    const b = await fx.api('POST', C(), { version: V, body: newCluster('Prefix-Collision-abcdefg-two') });
    expect(b.status).toBe(400);
    expect(b.json.errorCode).toBe('DUPLICATE_CLUSTER_NAME_PREFIX');
  });

  // spec: TenantRegionConfig20240805 (providerName TENANT, backingProviderName, instanceSize M0);
  // one per project: CANNOT_CREATE_FREE_CLUSTER_VIA_PUBLIC_API, Atlas's answer in terraform-provider-mongodbatlas' test logs
  it('creates a free M0 (TENANT) cluster, one per project', async () => {
    const m0 = (name: string) => ({
      name,
      clusterType: 'REPLICASET',
      replicationSpecs: [{ regionConfigs: [{ providerName: 'TENANT', backingProviderName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M0' } }] }],
    });
    const ok = await fx.api('POST', C(), { version: V, body: m0('free-one') });
    expect(ok.status).toBe(201);
    expect(ok.json.replicationSpecs[0].regionConfigs[0]).toMatchObject({ providerName: 'TENANT', backingProviderName: 'AWS', electableSpecs: { instanceSize: 'M0' } });
    const again = await fx.api('POST', C(), { version: V, body: m0('free-two') });
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({ errorCode: 'CANNOT_CREATE_FREE_CLUSTER_VIA_PUBLIC_API', detail: expect.stringMatching(/limit for the number of free clusters/) });
    const pause = await fx.api('PATCH', `${C()}/free-one`, { version: V, body: { paused: true } });
    expect(pause.status).toBe(400);
  });

  // the error-code reference's cluster section: CANNOT_UPDATE_AND_PAUSE_CLUSTER, CLUSTER_ALREADY_PAUSED,
  // CANNOT_PAUSE_CLUSTER_WITH_PENDING_CHANGES, CANNOT_PAUSE_NVME_CLUSTER (all 409)
  it('pause: `paused` alone, not twice, not while changing, never on NVMe', async () => {
    await fx.api('POST', C(), { version: V, body: newCluster('pause-rules') });
    const creating = await fx.api('PATCH', `${C()}/pause-rules`, { version: V, body: { paused: true } });
    expect([creating.status, creating.json.errorCode]).toEqual([409, 'CANNOT_PAUSE_CLUSTER_WITH_PENDING_CHANGES']);
    fx.sim.clock.advance(STEP);
    expect((await fx.api('GET', `${C()}/pause-rules`, { version: '2024-08-05' })).json.stateName).toBe('IDLE');
    const both = await fx.api('PATCH', `${C()}/pause-rules`, { version: V, body: { paused: true, backupEnabled: true } });
    expect([both.status, both.json.errorCode]).toEqual([409, 'CANNOT_UPDATE_AND_PAUSE_CLUSTER']);
    expect((await fx.api('PATCH', `${C()}/pause-rules`, { version: V, body: { paused: true } })).status).toBe(200);
    const twice = await fx.api('PATCH', `${C()}/pause-rules`, { version: V, body: { paused: true } });
    expect([twice.status, twice.json.errorCode]).toEqual([409, 'CLUSTER_ALREADY_PAUSED']);

    const nvme = newCluster('nvme-rules');
    (nvme.replicationSpecs as any)[0].regionConfigs[0].electableSpecs = { instanceSize: 'M40_NVME', nodeCount: 3 };
    expect((await fx.api('POST', C(), { version: V, body: { ...nvme, backupEnabled: true } })).status).toBe(201);
    fx.sim.clock.advance(STEP);
    expect((await fx.api('GET', `${C()}/nvme-rules`, { version: '2024-08-05' })).json.stateName).toBe('IDLE');
    const p = await fx.api('PATCH', `${C()}/nvme-rules`, { version: V, body: { paused: true } });
    expect([p.status, p.json.errorCode]).toEqual([409, 'CANNOT_PAUSE_NVME_CLUSTER']);
  });

  // recorded/clusters/flags/…/Describe_Connection_String: standard and standardSrv only, without peering
  it('serves the private and private-endpoint forms of ClusterConnectionStrings only where peering exists', async () => {
    const plain = (await fx.api('GET', `${C()}/Cluster0`, { version: '2024-08-05' })).json;
    expect(Object.keys(plain.connectionStrings).sort()).toEqual(['standard', 'standardSrv']);
    const doc = (await fx.api('GET', `${C()}/${SEED.clusters.sharded}`, { version: '2024-08-05' })).json;
    expect(Object.keys(doc.connectionStrings).sort()).toEqual(['private', 'privateEndpoint', 'privateSrv', 'standard', 'standardSrv']);
    expect(doc.connectionStrings.privateSrv).toMatch(/^mongodb\+srv:\/\/shardedcluster-pri\./);
    expect(doc.connectionStrings.privateEndpoint[0]).toMatchObject({ srvConnectionString: expect.stringMatching(/^mongodb\+srv:/), type: 'MONGOS' });
  });

  it('lists every project with its clusters at GET /clusters (OrgGroup, version 2023-01-01)', async () => {
    const r = await fx.api('GET', '/api/atlas/v2/clusters', { version: '2023-01-01' });
    expect(r.status).toBe(200);
    const staging = r.json.results.find((g: any) => g.groupId === SEED.stagingProjectId);
    expect(staging.clusters.map((c: any) => c.name).sort()).toEqual([SEED.stagingClusters.flex, SEED.stagingClusters.free]);
    expect(staging.clusters[1]).toMatchObject({ type: 'REPLICA_SET', clusterId: expect.stringMatching(/^[0-9a-f]{24}$/) });
  });
});

describe('flex clusters (2024-11-13)', () => {
  const F = (g: string = SEED.stagingProjectId) => `/api/atlas/v2/groups/${g}/flexClusters`;
  const CL = (g: string = SEED.stagingProjectId) => `/api/atlas/v2/groups/${g}/clusters`;
  const FV = '2024-11-13';
  const STEP = 60_000;
  const fx = useSimulator({ stepMs: STEP, clock: 'manual' }, { reset: false });

  it('creates (201 CREATING), lists, gets (IDLE with connection strings) and deletes (204, then gone)', async () => {
    const body = { name: 'flexy', providerSettings: { backingProviderName: 'GCP', regionName: 'CENTRAL_US' }, tags: [{ key: 'env', value: 'dev' }] };
    const created = await fx.api('POST', F(SEED.projectId), { version: FV, body });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'flexy', stateName: 'CREATING', providerSettings: { providerName: 'FLEX', backingProviderName: 'GCP', regionName: 'CENTRAL_US' } });
    fx.sim.clock.advance(STEP);
    expect((await fx.api('GET', `${F(SEED.projectId)}/flexy`, { version: FV })).json.stateName).toBe('IDLE');
    const got = (await fx.api('GET', `${F(SEED.projectId)}/flexy`, { version: FV })).json;
    expect(got.connectionStrings.standardSrv).toMatch(/^mongodb\+srv:\/\/flexy\./);
    const listed = (await fx.api('GET', F(SEED.projectId), { version: FV })).json;
    expect(listed.results.map((c: any) => c.name)).toEqual(['flexy']);
    // the clusters API lists dedicated and free clusters only
    const dedicated = (await fx.api('GET', CL(SEED.projectId), { version: '2024-08-05' })).json;
    expect(dedicated.results.map((c: any) => c.name)).not.toContain('flexy');
    const del = await fx.api('DELETE', `${F(SEED.projectId)}/flexy`, { version: FV });
    expect(del.status).toBe(204);
    fx.sim.clock.advance(STEP);
    expect((await fx.api('GET', `${F(SEED.projectId)}/flexy`, { version: FV })).status).toBe(404);
  });

  // Atlas's answers in terraform-provider-mongodbatlas' acceptance-test logs (2025)
  it("each API refuses the other kind with 400 and Atlas's code", async () => {
    const flexInClusters = await fx.api('GET', `${CL()}/${SEED.stagingClusters.flex}`, { version: '2024-08-05' });
    expect(flexInClusters.status).toBe(400);
    expect(flexInClusters.json).toMatchObject({
      errorCode: 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API',
      detail: `Flex cluster ${SEED.stagingClusters.flex} cannot be used in the Cluster API.`,
    });
    const delFlex = await fx.api('DELETE', `${CL()}/${SEED.stagingClusters.flex}`, { version: '2023-02-01' });
    expect(delFlex.json.errorCode).toBe('CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API');
    const freeInFlex = await fx.api('GET', `${F()}/${SEED.stagingClusters.free}`, { version: FV });
    expect(freeInFlex.status).toBe(400);
    expect(freeInFlex.json).toMatchObject({
      errorCode: 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API',
      detail: `Cannot use non-flex cluster ${SEED.stagingClusters.free} in the flex API.`,
    });
  });

  it('names are shared between the two APIs; required fields are checked', async () => {
    const dup = await fx.api('POST', F(), { version: FV, body: { name: SEED.stagingClusters.free, providerSettings: { backingProviderName: 'AWS', regionName: 'US_EAST_1' } } });
    expect([dup.status, dup.json.errorCode]).toEqual([400, 'DUPLICATE_CLUSTER_NAME']);
    const missing = await fx.api('POST', F(), { version: FV, body: { name: 'no-provider' } });
    expect([missing.status, missing.json.errorCode]).toEqual([400, 'MISSING_ATTRIBUTE']);
  });

  it('termination protection refuses a delete, as for clusters', async () => {
    await fx.api('PATCH', `${F()}/${SEED.stagingClusters.flex}`, { version: FV, body: { terminationProtectionEnabled: true } });
    const r = await fx.api('DELETE', `${F()}/${SEED.stagingClusters.flex}`, { version: FV });
    expect([r.status, r.json.errorCode]).toEqual([400, 'CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED']);
  });
});
