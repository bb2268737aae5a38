// The simulator's Atlas Stream Processing (src/simulator/resources/streams.ts), each rule with its source.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { DEFAULT_STREAM_TIER, STREAM_SEED } from '../../src/simulator/resources/streams.js';
import { useSimulator } from './helpers.js';

describe('stream processing', () => {
  const fx = useSimulator({ clock: 'manual' });
  const S = `/api/atlas/v2/groups/${SEED.projectId}/streams`;
  const WS = `${S}/${STREAM_SEED.workspace}`;
  const V1 = { version: '2023-02-01' };
  const V2 = { version: '2024-05-30' };

  it('the seeded project is written out as the seed names it', () => {
    expect(STREAM_SEED.projectId).toBe(SEED.projectId);
  });

  it('a workspace is StreamsTenant (spec); connections only with includeConnections=true (spec: the query parameter)', async () => {
    const w = (await fx.api('GET', WS, V1)).json;
    expect(Object.keys(w).sort()).toEqual(['_id', 'dataProcessRegion', 'groupId', 'hostnames', 'name', 'streamConfig']);
    const withConnections = (await fx.api('GET', `${WS}?includeConnections=true`, V1)).json;
    expect(withConnections.connections.map((c: { name: string }) => c.name)).toEqual(['sample_stream_solar', 'Cluster0', 'kafka-prod']);
  });

  it("a create without a tier gets the default tier (a guess); a region outside the spec's enums is 400 (routes.ts validation)", async () => {
    const r = await fx.api('POST', S, { ...V1, body: { name: 'w2', dataProcessRegion: { cloudProvider: 'GCP', region: 'US_EAST4' } } });
    expect(r.status).toBe(200);
    expect(r.json.streamConfig).toEqual({ tier: DEFAULT_STREAM_TIER });
    expect((await fx.api('POST', S, { ...V1, body: { name: 'w3', dataProcessRegion: { cloudProvider: 'AWS', region: 'MARS_1' } } })).status).toBe(400);
    const dup = await fx.api('POST', S, { ...V1, body: { name: 'w2', dataProcessRegion: { cloudProvider: 'GCP', region: 'US_EAST4' } } });
    expect(dup.status).toBe(409);
  });

  it('credentials are never answered (spec: StreamsKafkaAuthentication.password, sslKey… are writeOnly)', async () => {
    const body = {
      name: 'k',
      type: 'Kafka',
      bootstrapServers: 'b:9092',
      authentication: { mechanism: 'PLAIN', username: 'u', password: 'pw-123456', sslKeyPassword: 'kp-123456' },
    };
    const r = await fx.api('POST', `${WS}/connections`, { ...V1, body });
    expect(r.json.authentication).toEqual({ mechanism: 'PLAIN', username: 'u' });
    const all = (await fx.api('GET', `${WS}/connections`, V1)).text;
    for (const s of ['pw-123456', 'kp-123456', STREAM_SEED.kafkaPassword]) expect(all).not.toContain(s);
  });

  it('a processor: created without state (spec: StreamsProcessor), read as CREATED, STARTED by :start, STOPPED by :stop (spec: StreamsProcessorWithStats.state); :start/:stop answer 200 without a body', async () => {
    const P = `${WS}/processor/p1`;
    const c = await fx.api('POST', `${WS}/processor`, {
      ...V2,
      body: { name: 'p1', pipeline: [{ $source: { connectionName: 'sample_stream_solar' } }, { $emit: { connectionName: 'kafka-prod', topic: 't' } }] },
    });
    expect(c.status).toBe(200);
    expect(c.json.state).toBeUndefined();
    expect((await fx.api('GET', P, V2)).json.state).toBe('CREATED');
    const start = await fx.api('POST', `${P}:start`, V2);
    expect([start.status, start.text]).toEqual([200, '']);
    expect((await fx.api('GET', P, V2)).json.state).toBe('STARTED');
    expect((await fx.api('POST', `${P}:start`, V2)).json.errorCode).toBe('STREAM_PROCESSOR_ALREADY_STARTED');
    expect((await fx.api('POST', `${P}:stop`, V2)).status).toBe(200);
    expect((await fx.api('GET', P, V2)).json.state).toBe('STOPPED');
    expect((await fx.api('POST', `${P}:stop`, V2)).json.errorCode).toBe('STREAM_PROCESSOR_NOT_STARTED');
    expect((await fx.api('DELETE', P, V2)).status).toBe(204);
  });

  it("a workspace with processors is not deleted (STREAM_TENANT_HAS_STREAM_PROCESSORS, as MongoDB's clean-up code expects); without them 202 (spec); then 404 STREAM_TENANT_NOT_FOUND_FOR_NAME", async () => {
    expect((await fx.api('DELETE', WS, V1)).json.errorCode).toBe('STREAM_TENANT_HAS_STREAM_PROCESSORS');
    expect((await fx.api('DELETE', `${WS}/processor/${STREAM_SEED.processor}`, V2)).status).toBe(204);
    expect((await fx.api('DELETE', WS, V1)).status).toBe(202);
    const gone = await fx.api('GET', WS, V1);
    expect([gone.status, gone.json.errorCode]).toEqual([404, 'STREAM_TENANT_NOT_FOUND_FOR_NAME']);
  });
});
