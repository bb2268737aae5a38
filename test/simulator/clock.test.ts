// The simulator's clock (src/simulator/clock.ts): state changes follow its time, never the
// number of reads; a manual clock moves only when a test or a script moves it, in process
// (sim.clock.advance) or over HTTP (POST /__simulator/clock, contract: "The simulator as a
// test fixture"). And the request log (request-log.ts): bounded, positions kept.
import { describe, expect, it } from 'vitest';
import { SEED, SimClock, startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { client, useSimulator } from './helpers.js';

const V = '2024-10-23';
const cluster = (name: string) => ({
  name,
  clusterType: 'REPLICASET',
  replicationSpecs: [{ zoneName: 'Zone 1', regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 3 } }] }],
});

describe('a manual clock', () => {
  const fx = useSimulator({ clock: 'manual' }, { reset: false });
  const C = `/api/atlas/v2/groups/${SEED.projectId}/clusters`;
  const clock = (body: unknown, prefix = '/__simulator') =>
    fetch(`${fx.sim.url}${prefix}/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('stands still: a cluster stays CREATING however often it is read, until time is advanced over HTTP', async () => {
    const before = (await (await fetch(`${fx.sim.url}/__simulator/clock`)).json()) as { mode: string; now: string; stepMs: number };
    // a manual clock takes Atlas-like durations as they are (durations.ts; Atlas docs, "Create a Cluster": 7–10 minutes)
    const durations = {
      clusterCreate: 600_000,
      sharedCreate: 180_000,
      clusterUpdate: 420_000,
      clusterPause: 300_000,
      clusterResume: 420_000,
      clusterDelete: 300_000,
      tenantUpgrade: 600_000,
      accessListEntry: 60_000,
      step: 300_000,
    };
    expect(before).toEqual({ mode: 'manual', now: new Date(fx.sim.clock.now()).toISOString(), stepMs: 300_000, durations });
    expect((await fx.api('POST', C, { version: V, body: cluster('held') })).json.stateName).toBe('CREATING');
    for (let i = 0; i < 10; i++) expect((await fx.api('GET', `${C}/held`, { version: '2024-08-05' })).json.stateName).toBe('CREATING');
    expect(fx.sim.clock.now()).toBe(Date.parse(before.now));

    // 9 minutes: still CREATING (a dedicated cluster takes 10); 10: IDLE
    expect((await clock({ advance: 'PT9M' })).status).toBe(200);
    expect((await fx.api('GET', `${C}/held`, { version: '2024-08-05' })).json.stateName).toBe('CREATING');
    const r = await clock({ advance: 'PT1M' });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ mode: 'manual', now: new Date(Date.parse(before.now) + 600_000).toISOString(), stepMs: 300_000, durations });
    expect((await fx.api('GET', `${C}/held`, { version: '2024-08-05' })).json.stateName).toBe('IDLE');
  });

  it('takes any ISO 8601 duration, under /__sim/ too; advance(ms) in process', async () => {
    const t = fx.sim.clock.now();
    expect((await clock({ advance: 'PT1H30M' }, '/__sim')).status).toBe(200);
    expect((await clock({ advance: 'P1DT0.5S' })).status).toBe(200);
    expect(fx.sim.clock.now()).toBe(t + 5_400_000 + 86_400_500);
    expect(fx.sim.clock.advance(250)).toBe(t + 5_400_000 + 86_400_750);
    expect(() => fx.sim.clock.advance(-1)).toThrow(RangeError);
    expect(() => fx.sim.clock.advance(Number.NaN)).toThrow(RangeError);
  });

  it.each([
    ['an empty body', '', /the body is empty/],
    ['a body that is not JSON', '{"advance":', /not valid JSON/],
    ['an array', [], /not a JSON object/],
    ['no advance', {}, /missing "advance"/],
    ['an unknown field', { advance: 'PT1M', rewind: true }, /unknown field "rewind"/],
    ['a number', { advance: 600 }, /"advance" is 600, not a string/],
    ['not a duration', { advance: '10 minutes' }, /"advance" is "10 minutes", not an ISO 8601 duration/],
    ['a duration with no amount', { advance: 'PT' }, /"advance" is "PT", not an ISO 8601 duration/],
    ['a negative duration', { advance: '-PT1M' }, /time only moves forward/],
  ])('refuses %s with 400 naming what is wrong, and time stays', async (_what, body, message) => {
    const t = fx.sim.clock.now();
    const r = await clock(body);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toMatch(message);
    expect(fx.sim.clock.now()).toBe(t);
  });

  it('reset reseeds the state and keeps the time', async () => {
    const t = fx.sim.clock.advance(1000);
    fx.sim.reset();
    expect(fx.sim.clock.now()).toBe(t);
    expect((await fx.api('GET', `${C}/held`, { version: '2024-08-05' })).status).toBe(404);
  });
});

describe('a real clock', () => {
  it('runs with the wall clock, and advance() jumps ahead of it', () => {
    const c = new SimClock('real');
    const before = Date.now();
    c.advance(3_600_000);
    expect(c.now()).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(() => new SimClock('fast' as never)).toThrow(/unknown clock mode "fast"/);
  });
});

describe("Atlas's durations per kind of change", () => {
  it('the real clock takes them 120 times shorter (at least 1 s); stepMs makes every change take that long', async () => {
    const real = await startSimulator({});
    const fixed = await startSimulator({ stepMs: 50, clock: 'manual' });
    try {
      const durations = async (s: RunningSimulator) => ((await (await fetch(`${s.url}/__simulator/clock`)).json()) as { durations: Record<string, number> }).durations;
      expect(await durations(real)).toEqual({
        clusterCreate: 5000,
        sharedCreate: 1500,
        clusterUpdate: 3500,
        clusterPause: 2500,
        clusterResume: 3500,
        clusterDelete: 2500,
        tenantUpgrade: 5000,
        accessListEntry: 1000,
        step: 2500,
      });
      expect(new Set(Object.values(await durations(fixed)))).toEqual(new Set([50]));
      // a pause takes its own duration, not a create's: 5 minutes on a manual clock
      const manual = await startSimulator({ clock: 'manual' });
      try {
        const api = client(manual);
        const path = `/api/atlas/v2/groups/${SEED.projectId}/clusters/${SEED.clusters.replicaSet}`;
        expect((await api('PATCH', path, { version: '2024-08-05', body: { paused: true } })).json.stateName).toBe('UPDATING');
        manual.clock.advance(299_000);
        expect((await api('GET', path, { version: '2024-08-05' })).json.stateName).toBe('UPDATING');
        manual.clock.advance(1_000);
        expect((await api('GET', path, { version: '2024-08-05' })).json).toMatchObject({ stateName: 'IDLE', paused: true });
      } finally {
        await manual.close();
      }
    } finally {
      await real.close();
      await fixed.close();
    }
  });
});

describe('the request log', () => {
  const fx = useSimulator({ requestLogSize: 3 }, { reset: false });

  it('keeps the last requestLogSize requests; length and positions count every one since the last clear', async () => {
    const before = fx.sim.requests.length;
    for (let i = 1; i <= 4; i++) await fx.api('GET', `/api/atlas/v2/orgs?pageNum=${i}`);
    // a digest challenge, then four answers
    expect(fx.sim.requests.length).toBe(before + 5);
    expect(fx.sim.requests.toArray().map((r) => r.query.pageNum)).toEqual(['2', '3', '4']);
    expect(fx.sim.requests.slice(before + 3).map((r) => r.query.pageNum)).toEqual(['3', '4']);
    expect(fx.sim.requests.slice(before).map((r) => r.query.pageNum)).toEqual(['2', '3', '4']);
    expect(fx.sim.requests.at(-1)?.query.pageNum).toBe('4');
    expect(fx.sim.requests.at(before)).toBeUndefined();
    const listed = (await (await fetch(`${fx.sim.url}/__simulator/requests`)).json()) as Array<{ query: { pageNum: string } }>;
    expect(listed.map((r) => r.query.pageNum)).toEqual(['2', '3', '4']);
    fx.sim.requests.length = 0;
    expect([fx.sim.requests.length, fx.sim.requests.toArray()]).toEqual([0, []]);
    expect(() => (fx.sim.requests.length = 2)).toThrow(RangeError);
  });

  it('tells a listener each request once it is answered, before the next is read', async () => {
    const seen: Array<[string, number]> = [];
    const stop = fx.sim.requests.onAnswered((r) => seen.push([r.path, r.status]));
    await fx.api('GET', '/api/atlas/v2/orgs');
    await fx.api('GET', '/api/atlas/v2/nope');
    stop();
    await fx.api('GET', '/api/atlas/v2/orgs');
    expect(seen).toEqual([
      ['/api/atlas/v2/orgs', 200],
      ['/api/atlas/v2/nope', 404],
    ]);
  });
});
