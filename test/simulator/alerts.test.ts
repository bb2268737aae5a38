import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { SEEDED_ALERTS } from '../../src/simulator/resources/alerts.js';
import { useSimulator } from './helpers.js';

describe('alerts', () => {
  const fx = useSimulator({}, { reset: false });
  const A = `/api/atlas/v2/groups/${SEED.projectId}/alerts`;

  it('seeds alerts in every status, oldest first, with only the self link in lists (recording)', async () => {
    const r = (await fx.api('GET', A)).json;
    const statuses = new Set(r.results.map((a: { status: string }) => a.status));
    expect([...statuses].sort()).toEqual(['CLOSED', 'OPEN', 'TRACKING']);
    const created = r.results.map((a: { created: string }) => a.created);
    expect([...created].sort()).toEqual(created);
    expect(r.results[0].links).toHaveLength(1);
    const open = (await fx.api('GET', `${A}?status=OPEN`)).json.results;
    expect(open.every((a: { status: string }) => a.status === 'OPEN')).toBe(true);
    expect((await fx.api('GET', `${A}?status=CANCELLED`)).status).toBe(400);
  });

  it('get carries the self, alertConfig and alertConfigs links (recording)', async () => {
    const a = (await fx.api('GET', `${A}/${SEEDED_ALERTS.hostCpu}`)).json;
    expect(a.links.map((l: { rel: string }) => l.rel)).toEqual(['self', `${fx.sim.url}/alertConfig`, `${fx.sim.url}/alertConfigs`]);
    expect(a).toMatchObject({ clusterName: 'Cluster0', eventTypeName: 'OUTSIDE_METRIC_THRESHOLD', hostnameAndPort: expect.stringMatching(/:27017$/) });
  });

  it('2024-05-30: acknowledges (a CLOSED alert too, 200 as recorded) and unacknowledges with unacknowledgeAlert', async () => {
    const until = '2099-01-01T00:00:00Z';
    const ack = await fx.api('PATCH', `${A}/${SEEDED_ALERTS.mongosMissing}`, { version: '2024-05-30', body: { acknowledgedUntil: until, acknowledgementComment: 'c' } });
    expect(ack.status).toBe(200);
    expect(ack.headers.get('content-type')).toBe('application/vnd.atlas.2024-05-30+json;charset=utf-8');
    expect(ack.json).toMatchObject({ status: 'CLOSED', acknowledgedUntil: until, acknowledgementComment: 'c', acknowledgingUsername: 'simpublickey' });
    const un = await fx.api('PATCH', `${A}/${SEEDED_ALERTS.mongosMissing}`, { version: '2024-05-30', body: { unacknowledgeAlert: true } });
    expect(un.json.acknowledgedUntil).toBeUndefined();
    expect(un.json.acknowledgementComment).toBeUndefined();
    expect(un.json.acknowledgingUsername).toBeUndefined();
  });

  it('2023-01-01 takes the AlertView body; a comment over 200 characters is refused by the spec', async () => {
    const ok = await fx.api('PATCH', `${A}/${SEEDED_ALERTS.oplogWindow}`, { body: { acknowledgedUntil: '2099-01-01T00:00:00Z' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('deprecation')).toBeTruthy();
    const long = await fx.api('PATCH', `${A}/${SEEDED_ALERTS.oplogWindow}`, {
      version: '2024-05-30',
      body: { acknowledgedUntil: '2099-01-01T00:00:00Z', acknowledgementComment: 'x'.repeat(201) },
    });
    expect(long.status).toBe(400);
  });

  it('acknowledging leaves an ALERT_ACKNOWLEDGED_AUDIT event', async () => {
    await fx.api('PATCH', `${A}/${SEEDED_ALERTS.hostCpu}`, { version: '2024-05-30', body: { acknowledgedUntil: '2099-01-01T00:00:00Z' } });
    const ev = (await fx.api('GET', `/api/atlas/v2/groups/${SEED.projectId}/events?itemsPerPage=1`)).json.results[0];
    expect(ev).toMatchObject({ eventTypeName: 'ALERT_ACKNOWLEDGED_AUDIT', alertId: SEEDED_ALERTS.hostCpu });
  });

  it('an alert of another project, or an unknown one, is 404 ALERT_NOT_FOUND', async () => {
    const other = await fx.api('GET', `${A}/${SEEDED_ALERTS.staging}`);
    expect(other.status).toBe(404);
    expect(other.json.errorCode).toBe('ALERT_NOT_FOUND');
    expect((await fx.api('PATCH', `${A}/ffffffffffffffffffffffff`, { version: '2024-05-30', body: { unacknowledgeAlert: true } })).status).toBe(404);
  });
});
