import { beforeAll, describe, expect, it } from 'vitest';
import { useSimulator } from './helpers.js';

const fx = useSimulator({ stepMs: 50 }, { reset: false });
let g: string;
beforeAll(() => {
  g = `/api/atlas/v2/groups/${fx.sim.credentials.projectId}`;
});

describe('processes', () => {
  it('derive hosts as recorded/processes shows them: atlas-<id> host names, the cluster name in userAlias', async () => {
    const r = await fx.api('GET', `${g}/processes`);
    expect(r.status).toBe(200);
    const first = r.json.results[0];
    expect(Object.keys(first)).toEqual(['created', 'groupId', 'hostname', 'id', 'lastPing', 'links', 'port', 'replicaSetName', 'typeName', 'userAlias', 'version']);
    expect(first).toMatchObject({
      hostname: 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net',
      id: 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017',
      port: 27017,
      replicaSetName: 'atlas-x7k2pq-shard-0',
      typeName: 'REPLICA_PRIMARY',
      userAlias: 'cluster0-shard-00-00.x7k2pq.mongodb.net',
      version: '8.0.29',
    });
    // 3 (Cluster0) + 6 shard members, 6 mongos and 3 config servers (ShardedCluster); PausedCluster runs none
    expect(r.json.totalCount).toBe(18);
    const types = r.json.results.map((p: any) => p.typeName);
    expect(types.filter((t: string) => t === 'SHARD_MONGOS')).toHaveLength(6);
    expect(types.filter((t: string) => t.startsWith('SHARD_CONFIG'))).toHaveLength(3);
  });

  it('get adds the group and measurements links, as recorded; an unknown process is a 404', async () => {
    const id = 'atlas-x7k2pq-shard-00-01.x7k2pq.mongodb.net:27017';
    const r = await fx.api('GET', `${g}/processes/${id}`);
    expect(r.json.links.map((l: any) => l.rel)).toEqual(['self', 'https://cloud.mongodb.com/group', 'https://cloud.mongodb.com/measurements']);
    expect((await fx.api('GET', `${g}/processes/nohost.example.net:27017`)).status).toBe(404);
  });

  it('databases and disks of a process', async () => {
    const id = 'atlas-x7k2pq-shard-00-01.x7k2pq.mongodb.net:27017';
    expect((await fx.api('GET', `${g}/processes/${id}/databases`)).json.results.map((d: any) => d.databaseName)).toEqual(['admin', 'config', 'local', 'sample_mflix']);
    expect((await fx.api('GET', `${g}/processes/${id}/disks`)).json.results.map((d: any) => d.partitionName)).toEqual(['data']);
    expect((await fx.api('GET', `${g}/processes/${id}/disks/nope`)).status).toBe(404);
    expect((await fx.api('GET', `${g}/processes/${id}/databases/nope`)).status).toBe(404);
  });
});

describe('measurements', () => {
  const id = 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017';
  it('honour granularity, start/end and repeated m; the same window answers the same numbers', async () => {
    const q = 'granularity=PT1H&start=2026-11-01T10:00:00Z&end=2026-11-01T13:00:00Z&m=CONNECTIONS&m=CACHE_USED_BYTES';
    const a = await fx.api('GET', `${g}/processes/${id}/measurements?${q}`);
    expect(a.status).toBe(200);
    expect(a.json.measurements.map((m: any) => [m.name, m.units, m.dataPoints.length])).toEqual([
      ['CONNECTIONS', 'SCALAR', 4],
      ['CACHE_USED_BYTES', 'BYTES', 4],
    ]);
    expect(a.json.measurements[0].dataPoints[0].timestamp).toBe('2026-11-01T10:00:00Z');
    const b = await fx.api('GET', `${g}/processes/${id}/measurements?${q}`);
    expect(b.json.measurements).toEqual(a.json.measurements);
  });

  it('refuse what Atlas refuses: no window, both window forms, unknown or comma-joined m, unsupported granularity', async () => {
    for (const q of [
      'granularity=PT1H',
      'granularity=PT1H&period=P1D&start=2026-11-01T10:00:00Z&end=2026-11-01T13:00:00Z',
      'granularity=PT1H&period=P1D&m=NOPE',
      'granularity=PT1H&period=P1D&m=CONNECTIONS,CACHE_USED_BYTES',
      'granularity=PT2M&period=P1D',
      'granularity=PT1H&start=2026-11-01T13:00:00Z&end=2026-11-01T10:00:00Z',
    ]) {
      const r = await fx.api('GET', `${g}/processes/${id}/measurements?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.json.errorCode).toBe('INVALID_QUERY_PARAMETER');
    }
  });

  it('disk and database measurements use their own names and units (recorded/metrics)', async () => {
    const d = await fx.api('GET', `${g}/processes/${id}/disks/data/measurements?granularity=PT5M&period=PT1H&m=DISK_PARTITION_SPACE_PERCENT_USED`);
    expect(d.json).toMatchObject({ partitionName: 'data', measurements: [{ name: 'DISK_PARTITION_SPACE_PERCENT_USED', units: 'PERCENT' }] });
    const db = await fx.api('GET', `${g}/processes/${id}/databases/admin/measurements?granularity=PT5M&period=PT1H`);
    expect(db.json.databaseName).toBe('admin');
    expect(db.json.measurements).toHaveLength(9);
  });
});
