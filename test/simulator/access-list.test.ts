// Rules of the simulated project access list and GET /api/private/ipinfo; shapes from
// shared/atlas-api/recorded/generic/accesslists, error codes from Atlas's error reference.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { useSimulator } from './helpers.js';

const LIST = `/api/atlas/v2/groups/${SEED.projectId}/accessList`;
const REC = new URL('../../../shared/atlas-api/recorded/generic/accesslists/TestAccessList/', import.meta.url);
// the recordings are on dev machines and in CI (../shared), not in a user's clone
const have = existsSync(REC);
const recorded = (path: string) => {
  const text = readFileSync(new URL(path, REC), 'utf8');
  return { status: Number(text.split(' ')[1]), body: JSON.parse(text.slice(text.indexOf('\n\n') + 2) || '{}') };
};

describe('project access list', () => {
  const fx = useSimulator({ stepMs: 60_000, clock: 'manual' });

  it.skipIf(!have)('POST answers 201 with the whole list in the recorded shape; an entry is PENDING, then ACTIVE', async () => {
    const rec = recorded('Create_Delete_After/POST_api_atlas_v2_groups_6a793f62c0eb9e7a1771502a_accessList_1.snaphost');
    const deleteAfterDate = new Date(fx.sim.clock.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const r = await fx.api('POST', LIST, { body: [{ ipAddress: '192.168.0.243', comment: 'test', deleteAfterDate }] });
    expect(r.status).toBe(rec.status);
    const mine = r.json.results.find((e: any) => e.ipAddress === '192.168.0.243');
    expect(Object.keys(mine)).toEqual(Object.keys(rec.body.results[0]));
    expect(mine).toMatchObject({ cidrBlock: '192.168.0.243/32', comment: 'test', deleteAfterDate, groupId: SEED.projectId });
    expect(mine.links[0].href).toBe(`${fx.sim.url}${LIST}/192.168.0.243%2F32`);
    expect((await fx.api('GET', `${LIST}/192.168.0.243/status`)).json).toEqual({ STATUS: 'PENDING' });
    fx.sim.clock.advance(59_999);
    expect((await fx.api('GET', `${LIST}/192.168.0.243/status`)).json).toEqual({ STATUS: 'PENDING' });
    // stepMs of the clock later
    fx.sim.clock.advance(1);
    expect((await fx.api('GET', `${LIST}/192.168.0.243%2F32/status`)).json).toEqual({ STATUS: 'ACTIVE' });
  });

  it('posting an entry that exists is no conflict: it updates the comment', async () => {
    const r = await fx.api('POST', LIST, { body: [{ cidrBlock: '10.8.0.0/16', comment: 'new' }] });
    expect(r.status).toBe(201);
    expect((await fx.api('GET', `${LIST}/10.8.0.0%2F16`)).json.comment).toBe('new');
  });

  it('a missing entry is 404 ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND; a block with host bits set is refused', async () => {
    const r = await fx.api('GET', `${LIST}/192.0.2.1`);
    expect(r.json).toMatchObject({
      error: 404,
      errorCode: 'ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND',
      detail: `IP Address 192.0.2.1 not on Atlas access list for group ${SEED.projectId}.`,
    });
    const bad = await fx.api('POST', LIST, { body: [{ cidrBlock: '10.1.2.3/8' }] });
    expect(bad.json).toMatchObject({ error: 400, errorCode: 'INVALID_IP_ADDRESS_OR_CIDR_NOTATION' });
  });

  it('deleteAfterDate: in the future, at most a week ahead; past it the entry is gone', async () => {
    const past = await fx.api('POST', LIST, { body: [{ ipAddress: '192.0.2.9', deleteAfterDate: '2020-01-01T00:00:00Z' }] });
    expect(past.json).toMatchObject({ error: 400, errorCode: 'INVALID_ATTRIBUTE' });
    const far = new Date(fx.sim.clock.now() + 8 * 86_400_000).toISOString();
    expect((await fx.api('POST', LIST, { body: [{ ipAddress: '192.0.2.9', deleteAfterDate: far }] })).status).toBe(400);
    const soon = new Date(fx.sim.clock.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect((await fx.api('POST', LIST, { body: [{ ipAddress: '192.0.2.9', deleteAfterDate: soon }] })).status).toBe(201);
    fx.sim.clock.advance(3_599_000);
    expect((await fx.api('GET', `${LIST}/192.0.2.9`)).status).toBe(200);
    fx.sim.clock.advance(1000);
    expect((await fx.api('GET', `${LIST}/192.0.2.9`)).status).toBe(404);
  });

  it('DELETE answers 204, as recorded', async () => {
    expect((await fx.api('DELETE', `${LIST}/203.0.113.10`)).status).toBe(204);
    expect((await fx.api('GET', `${LIST}/203.0.113.10`)).status).toBe(404);
  });

  it.skipIf(!have)('GET /api/private/ipinfo answers the configured address as recorded, authenticated', async () => {
    const rec = readFileSync(new URL('Create_with_CurrentIp/GET_api_private_ipinfo_1.snaphost', REC), 'utf8');
    expect(rec).toMatch(/Content-Type: application\/json\n/);
    fx.sim.state.callerIp = '52.161.45.225';
    const r = await fx.api('GET', '/api/private/ipinfo', { headers: { Accept: 'application/json' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.json).toEqual(JSON.parse(rec.slice(rec.indexOf('\n\n') + 2)));
    const anon = await fetch(`${fx.sim.url}/api/private/ipinfo`);
    expect(anon.status).toBe(401);
  });
});
