// The simulator's alert configurations (src/simulator/resources/alert-configs.ts), each rule
// with its source.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { SEEDED_ALERTS } from '../../src/simulator/resources/alerts.js';
import { ALERT_CONFIG_PROJECTS, SEEDED_ALERT_CONFIGS, SEEDED_NOTIFICATION_SECRETS } from '../../src/simulator/resources/alert-configs.js';
import { useSimulator } from './helpers.js';

describe('alert configurations', () => {
  const fx = useSimulator({ clock: 'manual' });
  const C = `/api/atlas/v2/groups/${SEED.projectId}/alertConfigs`;
  const hostDown = { eventTypeName: 'HOST_DOWN', notifications: [{ typeName: 'SLACK', apiToken: 'xoxb-0000-1111-2222', channelName: 'ops', intervalMin: 5 }] };

  it('the seeded projects are written out here as the seed names them', () => {
    expect(ALERT_CONFIG_PROJECTS).toEqual({ main: SEED.projectId, staging: SEED.stagingProjectId });
  });

  it('every seeded alert names a configuration of its project', async () => {
    const alerts = (await fx.api('GET', `/api/atlas/v2/groups/${SEED.projectId}/alerts`)).json.results as { id: string; alertConfigId: string }[];
    // the loop below checks every seeded alert of the project: they are all listed (the list is not empty)
    const { staging: _staging, ...mainAlerts } = SEEDED_ALERTS;
    expect(alerts.map((a) => a.id).sort()).toEqual(Object.values(mainAlerts).sort());
    const ids = new Set(((await fx.api('GET', C)).json.results as { id: string }[]).map((c) => c.id));
    for (const a of alerts) expect(ids.has(a.alertConfigId)).toBe(true);
    const staging = (await fx.api('GET', `/api/atlas/v2/groups/${SEED.stagingProjectId}/alertConfigs/${SEEDED_ALERT_CONFIGS.stagingHostDown}`)).status;
    expect(staging).toBe(200);
    expect(alerts.map((a) => a.id)).toContain(SEEDED_ALERTS.hostCpu);
  });

  it("a create answers GroupAlertsConfig with Atlas's defaults: enabled false (spec default), a notifierId per notification, the self link", async () => {
    const r = await fx.api('POST', C, { body: hostDown });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ enabled: false, eventTypeName: 'HOST_DOWN', groupId: SEED.projectId, matchers: [] });
    expect(r.json.notifications[0].notifierId).toMatch(/^[0-9a-f]{24}$/);
    expect(r.json.links).toEqual([{ href: `${fx.sim.url}${C}/${r.json.id}`, rel: 'self' }]);
    expect(r.json.created).toBe(r.json.updated);
  });

  it('credentials are answered redacted, never in full (spec: notification schemas, "appears partially redacted"; the webhook secret "completely")', async () => {
    const r = await fx.api('POST', C, {
      body: { eventTypeName: 'HOST_DOWN', notifications: [{ typeName: 'WEBHOOK', webhookUrl: 'https://hooks.example.com/abc', webhookSecret: 'hook-secret-123456' }] },
    });
    expect(r.json.notifications[0].webhookSecret).toBe('******************');
    expect(r.json.notifications[0].webhookUrl).toBe('*************************/abc');
    const all = (await fx.api('GET', C)).text;
    for (const s of Object.values(SEEDED_NOTIFICATION_SECRETS)) expect(all).not.toContain(s);
    expect(all).not.toContain('hook-secret-123456');
  });

  it('PUT replaces the configuration; a notification naming its notifierId without its credential keeps the stored one (spec: notifierId)', async () => {
    const PD = `${C}/${SEEDED_ALERT_CONFIGS.pagerDuty}`;
    const r = await fx.api('PUT', PD, {
      body: { eventTypeName: 'HOST_DOWN', notifications: [{ typeName: 'PAGER_DUTY', notifierId: '65a1b2c3d4e5f60718293b09', region: 'EU' }] },
    });
    expect(r.status).toBe(200);
    expect(r.json.enabled).toBe(false);
    expect(r.json.notifications).toEqual([{ notifierId: '65a1b2c3d4e5f60718293b09', region: 'EU', serviceKey: '***************************cdef', typeName: 'PAGER_DUTY' }]);
  });

  it('the toggle changes only enabled (spec: toggleGroupAlertConfig) and adds ALERT_CONFIG_CHANGED_AUDIT to the events (recorded event types)', async () => {
    const CPU = `${C}/${SEEDED_ALERT_CONFIGS.hostCpu}`;
    const before = (await fx.api('GET', CPU)).json;
    fx.sim.clock.advance(60_000);
    const r = await fx.api('PATCH', CPU, { body: { enabled: false } });
    expect(r.json).toEqual({ ...before, enabled: false, updated: r.json.updated });
    expect(r.json.updated).not.toBe(before.updated);
    const events = (await fx.api('GET', `/api/atlas/v2/groups/${SEED.projectId}/events?itemsPerPage=1`)).json.results;
    expect(events[0]).toMatchObject({ eventTypeName: 'ALERT_CONFIG_CHANGED_AUDIT', alertConfigId: SEEDED_ALERT_CONFIGS.hostCpu });
  });

  it('unknown, malformed or deleted ids: 404 ALERT_CONFIG_NOT_FOUND (Atlas API error-code list); delete answers 204 (spec)', async () => {
    const id = SEEDED_ALERT_CONFIGS.noPrimary;
    expect((await fx.api('DELETE', `${C}/${id}`)).status).toBe(204);
    for (const path of [`${C}/${id}`, `${C}/bbbbbbbbbbbbbbbbbbbbbbbb`]) {
      const r = await fx.api('GET', path);
      expect(r.status).toBe(404);
      expect(r.json).toMatchObject({
        errorCode: 'ALERT_CONFIG_NOT_FOUND',
        detail: expect.stringMatching(/^No alert configuration with ID \w+ exists in group b0123456789abcdef012345b\.$/),
      });
    }
  });

  it('a body the spec refuses is 400 naming the attribute (routes.ts validation), before the handler', async () => {
    const r = await fx.api('POST', C, { body: { ...hostDown, notifications: [{ ...hostDown.notifications[0], colour: 'red' }] } });
    expect(r.status).toBe(400);
    expect(r.json.detail).toContain('/notifications/0/colour: unknown attribute');
  });
});
