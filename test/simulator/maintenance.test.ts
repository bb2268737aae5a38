import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { useSimulator } from './helpers.js';

describe('maintenance window', () => {
  const fx = useSimulator({}, { reset: false });
  const W = `/api/atlas/v2/groups/${SEED.projectId}/maintenanceWindow`;
  const S = `/api/atlas/v2/groups/${SEED.stagingProjectId}/maintenanceWindow`;

  it('GET answers the recorded shape', async () => {
    const r = await fx.api('GET', W);
    expect(Object.keys(r.json)).toEqual(['autoDeferOnceEnabled', 'dayOfWeek', 'hourOfDay', 'numberOfDeferrals', 'startASAP', 'timeZoneId']);
  });

  it('PATCH answers 200 with an empty body (recorded) and changes only the fields given', async () => {
    const r = await fx.api('PATCH', W, { body: { dayOfWeek: 6, hourOfDay: 23 } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    await fx.api('PATCH', W, { body: { dayOfWeek: 5 } });
    expect((await fx.api('GET', W)).json).toMatchObject({ dayOfWeek: 5, hourOfDay: 23 });
  });

  it('PATCH out of the spec range (dayOfWeek 1..7, hourOfDay 0..23) or without dayOfWeek is 400', async () => {
    expect((await fx.api('PATCH', W, { body: { dayOfWeek: 0 } })).status).toBe(400);
    expect((await fx.api('PATCH', W, { body: { dayOfWeek: 2, hourOfDay: 24 } })).status).toBe(400);
    expect((await fx.api('PATCH', W, { body: { hourOfDay: 2 } })).status).toBe(400);
  });

  it('autoDefer toggles autoDeferOnceEnabled', async () => {
    const before = (await fx.api('GET', W)).json.autoDeferOnceEnabled;
    expect((await fx.api('POST', `${W}/autoDefer`)).status).toBe(200);
    expect((await fx.api('GET', W)).json.autoDeferOnceEnabled).toBe(!before);
  });

  it('defer works twice on scheduled maintenance, then 400; nothing scheduled is 400 too (Atlas: "up to two times")', async () => {
    expect((await fx.api('POST', `${W}/defer`)).status).toBe(200);
    expect((await fx.api('POST', `${W}/defer`)).status).toBe(200);
    expect((await fx.api('GET', W)).json.numberOfDeferrals).toBe(2);
    const third = await fx.api('POST', `${W}/defer`);
    expect(third.status).toBe(400);
    // codes from the Atlas API error-code list (mongodb.com/docs/atlas/reference/api-errors)
    expect(third.json.errorCode).toBe('ATLAS_NUM_MAINTENANCE_DEFERRALS_EXCEEDED');
    const none = await fx.api('POST', `${S}/defer`);
    expect(none.status).toBe(400);
    expect(none.json.errorCode).toBe('ATLAS_MAINTENANCE_NOT_SCHEDULED');
  });

  it('DELETE answers 204 (recorded) and brings the default window back', async () => {
    const r = await fx.api('DELETE', W);
    expect(r.status).toBe(204);
    expect((await fx.api('GET', W)).json).toMatchObject({ dayOfWeek: 1, hourOfDay: 0, startASAP: false, autoDeferOnceEnabled: false, numberOfDeferrals: 2 });
  });

  it('reset() of the simulator restores the seeded window', async () => {
    fx.sim.reset();
    expect((await fx.api('GET', W)).json).toMatchObject({ dayOfWeek: 3, hourOfDay: 4, numberOfDeferrals: 0 });
  });
});
