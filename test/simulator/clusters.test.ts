import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { client, sleep, until } from './helpers.js';

const V = '2024-10-23';
const newCluster = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  clusterType: 'REPLICASET',
  replicationSpecs: [{ zoneName: 'Zone 1', regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 3 } }] }],
  ...extra,
});

describe('clusters', () => {
  let sim: RunningSimulator;
  let api: ReturnType<typeof client>;
  const C = () => `/api/atlas/v2/groups/${sim.credentials.projectId}/clusters`;
  const STEP = 60;
  beforeAll(async () => {
    sim = await startSimulator({ stepMs: STEP });
    api = client(sim);
  });
  afterAll(() => sim.close());

  it('lists the seeded clusters in the 2024-08-05 shape', async () => {
    const r = await api('GET', C(), { version: '2024-08-05' });
    expect(r.status).toBe(200);
    expect(r.json.totalCount).toBe(3);
    const byName = Object.fromEntries(r.json.results.map((c: any) => [c.name, c]));
    const rs = byName[SEED.clusters.replicaSet];
    expect(rs).toMatchObject({ clusterType: 'REPLICASET', stateName: 'IDLE', paused: false, groupId: sim.credentials.projectId, mongoDBMajorVersion: '8.0' });
    expect(rs.id).toMatch(/^[0-9a-f]{24}$/);
    expect(rs.replicationSpecs[0].regionConfigs[0]).toMatchObject({
      providerName: 'AWS',
      regionName: 'US_EAST_1',
      electableSpecs: { instanceSize: 'M10', nodeCount: 3, diskSizeGB: 10 },
    });
    expect(rs.connectionStrings.standardSrv).toMatch(/^mongodb\+srv:\/\/cluster0\.[a-z0-9]+\.mongodb\.net$/);
    expect(rs.links[0]).toEqual({ href: `${sim.url}${C()}/Cluster0`, rel: 'self' });
    expect(byName[SEED.clusters.sharded]).toMatchObject({ clusterType: 'SHARDED' });
    expect(byName[SEED.clusters.sharded].replicationSpecs).toHaveLength(2);
    expect(byName[SEED.clusters.paused]).toMatchObject({ paused: true, stateName: 'IDLE' });
  });

  it('renders older versions in their own shape', async () => {
    const v2 = (await api('GET', `${C()}/${SEED.clusters.sharded}`, { version: '2023-02-01' })).json;
    expect(v2.replicationSpecs).toHaveLength(1);
    expect(v2.replicationSpecs[0].numShards).toBe(2);
    expect(v2.diskSizeGB).toBe(40);
    expect(v2.replicationSpecs[0].regionConfigs[0].electableSpecs.diskSizeGB).toBeUndefined();
    const legacy = (await api('GET', `${C()}/Cluster0`, { version: '2023-01-01' })).json;
    expect(legacy).toMatchObject({ providerSettings: { providerName: 'AWS', instanceSizeName: 'M10', regionName: 'US_EAST_1' }, numShards: 1, replicationFactor: 3 });
    expect(legacy.replicationSpecs[0].regionsConfig.US_EAST_1).toMatchObject({ electableNodes: 3, priority: 7 });
  });

  it('creates a cluster: 201 CREATING, then IDLE after stepMs with connection strings', async () => {
    const r = await api('POST', C(), { version: V, body: newCluster('lifecycle') });
    expect(r.status).toBe(201);
    expect(r.headers.get('content-type')).toBe(`application/vnd.atlas.${V}+json;charset=utf-8`);
    expect(r.json).toMatchObject({ name: 'lifecycle', stateName: 'CREATING', paused: false, connectionStrings: {} });
    expect(r.json.replicationSpecs[0].regionConfigs[0].electableSpecs).toMatchObject({ instanceSize: 'M10', diskSizeGB: 10, ebsVolumeType: 'STANDARD' });
    const got = await api('GET', `${C()}/lifecycle`, { version: '2024-08-05' });
    expect(got.json.stateName).toBe('CREATING');
    await sleep(STEP + 30);
    const idle = await api('GET', `${C()}/lifecycle`, { version: '2024-08-05' });
    expect(idle.json.stateName).toBe('IDLE');
    expect(idle.json.connectionStrings.standard).toMatch(/^mongodb:\/\/lifecycle-shard-00-00\./);
  });

  it('refuses a duplicate name with 409 DUPLICATE_CLUSTER_NAME', async () => {
    const r = await api('POST', C(), { version: V, body: newCluster('Cluster0') });
    expect(r.status).toBe(409);
    expect(r.json).toMatchObject({ errorCode: 'DUPLICATE_CLUSTER_NAME', parameters: ['Cluster0', sim.credentials.projectId] });
  });

  it('updates with merge-patch semantics: UPDATING, then IDLE', async () => {
    await api('POST', C(), { version: V, body: newCluster('scaling') });
    await until(async () => (await api('GET', `${C()}/scaling`, { version: '2024-08-05' })).json.stateName === 'IDLE');
    const spec = newCluster('scaling').replicationSpecs;
    spec[0].regionConfigs[0].electableSpecs = { instanceSize: 'M30', nodeCount: 3, diskSizeGB: 80 } as any;
    const r = await api('PATCH', `${C()}/scaling`, { version: V, body: { replicationSpecs: spec, mongoDBMajorVersion: '7.0', tags: [{ key: 'team', value: 'a' }] } });
    expect(r.status).toBe(200);
    expect(r.json.stateName).toBe('UPDATING');
    expect(r.json.replicationSpecs[0].regionConfigs[0].electableSpecs).toMatchObject({ instanceSize: 'M30', diskSizeGB: 80 });
    expect(r.json).toMatchObject({ mongoDBMajorVersion: '7.0', tags: [{ key: 'team', value: 'a' }], backupEnabled: false, clusterType: 'REPLICASET' });
    expect(r.json.mongoDBVersion).toMatch(/^7\.0\.\d+$/);
    await until(async () => (await api('GET', `${C()}/scaling`, { version: '2024-08-05' })).json.stateName === 'IDLE');
    // 2023-02-01 bodies put diskSizeGB at the top level
    const disk = await api('PATCH', `${C()}/scaling`, { version: '2023-02-01', body: { diskSizeGB: 120 } });
    expect(disk.status).toBe(200);
    expect(disk.json.diskSizeGB).toBe(120);
    expect(sim.state.cluster(sim.credentials.projectId, 'scaling')!.doc.replicationSpecs[0].regionConfigs[0].electableSpecs.diskSizeGB).toBe(120);
  });

  it('pauses and resumes; refuses other updates of a paused cluster with 409 CANNOT_UPDATE_PAUSED_CLUSTER', async () => {
    await api('POST', C(), { version: V, body: newCluster('sleepy') });
    await until(async () => (await api('GET', `${C()}/sleepy`, { version: '2024-08-05' })).json.stateName === 'IDLE');
    const pause = await api('PATCH', `${C()}/sleepy`, { version: V, body: { paused: true } });
    expect(pause.json).toMatchObject({ paused: true, stateName: 'UPDATING' });
    await until(async () => (await api('GET', `${C()}/sleepy`, { version: '2024-08-05' })).json.stateName === 'IDLE');
    const refused = await api('PATCH', `${C()}/sleepy`, { version: V, body: { backupEnabled: true } });
    expect(refused.status).toBe(409);
    expect(refused.json.errorCode).toBe('CANNOT_UPDATE_PAUSED_CLUSTER');
    const args = await api('PATCH', `${C()}/sleepy/processArgs`, { version: '2024-08-05', body: { javascriptEnabled: false } });
    expect(args.status).toBe(409);
    const resume = await api('PATCH', `${C()}/sleepy`, { version: V, body: { paused: false } });
    expect(resume.status).toBe(200);
    expect(resume.json).toMatchObject({ paused: false, stateName: 'UPDATING' });
  });

  it('deletes: 202, DELETING, then 404 CLUSTER_NOT_FOUND', async () => {
    await api('POST', C(), { version: V, body: newCluster('doomed') });
    const del = await api('DELETE', `${C()}/doomed`, { version: '2023-02-01' });
    expect(del.status).toBe(202);
    expect(del.json).toEqual({});
    expect((await api('GET', `${C()}/doomed`, { version: '2024-08-05' })).json.stateName).toBe('DELETING');
    await sleep(STEP + 30);
    const gone = await api('GET', `${C()}/doomed`, { version: '2024-08-05' });
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({
      detail: `No cluster named doomed exists in group ${sim.credentials.projectId}.`,
      error: 404,
      errorCode: 'CLUSTER_NOT_FOUND',
      parameters: ['doomed', sim.credentials.projectId],
      reason: 'Not Found',
    });
  });

  it('refuses to delete a cluster with termination protection', async () => {
    await api('POST', C(), { version: V, body: newCluster('protected', { terminationProtectionEnabled: true }) });
    const r = await api('DELETE', `${C()}/protected`, { version: '2023-02-01' });
    expect(r.status).toBe(400);
    expect(r.json.errorCode).toBe('CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED');
  });

  it('reads and updates advanced configuration (processArgs) in both versions', async () => {
    const get = await api('GET', `${C()}/Cluster0/processArgs`, { version: '2023-01-01' });
    expect(get.json).toMatchObject({ javascriptEnabled: true, minimumEnabledTlsProtocol: 'TLS1_2', noTableScan: false, defaultReadConcern: null });
    const set = await api('PATCH', `${C()}/Cluster0/processArgs`, { version: '2024-08-05', body: { minimumEnabledTlsProtocol: 'TLS1_3', javascriptEnabled: false, oplogSizeMB: 2048 } });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ minimumEnabledTlsProtocol: 'TLS1_3', javascriptEnabled: false, oplogSizeMB: 2048, noTableScan: false });
    expect(set.json).not.toHaveProperty('defaultReadConcern');
    const status = await api('GET', `${C()}/Cluster0/status`);
    expect(status.json.changeStatus).toBe('PENDING');
    const cluster = await api('GET', `${C()}/Cluster0`, { version: '2024-08-05' });
    expect(cluster.json.advancedConfiguration.minimumEnabledTlsProtocol).toBe('TLS1_3');
    await until(async () => (await api('GET', `${C()}/Cluster0/status`)).json.changeStatus === 'APPLIED');
    const bad = await api('PATCH', `${C()}/Cluster0/processArgs`, { version: '2024-08-05', body: { javascriptEnabled: 'no' } });
    expect(bad.status).toBe(400);
  });

  it('restarts primaries (test failover) and refuses on a paused cluster', async () => {
    const ok = await api('POST', `${C()}/Cluster0/restartPrimaries`, { version: '2023-02-01' });
    expect(ok.status).toBe(200);
    const paused = await api('POST', `${C()}/${SEED.clusters.paused}/restartPrimaries`, { version: '2023-02-01' });
    expect(paused.status).toBe(409);
    const missing = await api('POST', `${C()}/nope/restartPrimaries`, { version: '2023-02-01' });
    expect(missing.json.errorCode).toBe('CLUSTER_NOT_FOUND');
  });

  it('refuses to delete a project that still has clusters (409)', async () => {
    const r = await api('DELETE', `/api/atlas/v2/groups/${sim.credentials.projectId}`);
    expect(r.status).toBe(409);
    expect(r.json.errorCode).toBe('CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS');
  });
});
