// `audit`'s long-paused check (contract, "Fleets": paused more than 30 days). Atlas serves no
// date of a pause on the cluster, so the check reads the project's events: a pause sent
// through the API is a CLUSTER_UPDATE_SUBMITTED of the cluster, Atlas's own pause of an idle
// M0 is CLUSTER_AUTOMATICALLY_PAUSED (spec: EventTypeForNdsGroup), and a paused cluster
// cannot be changed (Atlas docs, "Pause, Resume, or Terminate a Cluster"), so a paused cluster
// without such an event in the last 30 days has been paused longer. The same docs page:
// Atlas resumes a dedicated (M10+) cluster paused for 30 days, and pauses an M0 idle for 60.
import { afterEach, describe, expect, it } from 'vitest';
import { SEED, startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { apiRequests } from '../helpers/atlas.js';

const DAY = 86_400_000;
let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function scenario(now: number) {
  return {
    orgs: [
      {
        name: 'Acme',
        projects: [
          {
            name: 'labs',
            clusters: [
              { name: 'forgotten', tier: 'M0', paused: true, createDate: iso(now - 200 * DAY), pausedDate: iso(now - 45 * DAY) },
              { name: 'weekend', tier: 'M10', paused: true, pausedDate: iso(now - 5 * DAY) },
              { name: 'running', tier: 'M10' },
            ],
          },
          { name: 'quiet', clusters: [{ name: 'app', tier: 'M10' }] },
        ],
      },
    ],
  };
}

describe('audit --check long-paused', () => {
  it('finds the cluster paused longer than 30 days from the events, one events list per project with a paused cluster', async () => {
    const start = Date.now();
    sim = await startSimulator({ port: 0, clock: 'manual', scenario: scenario(start) });
    const now = () => sim!.clock.now();
    const from = sim.requests.length;
    const r = await runCli(['audit', '--all-projects', '--check', 'long-paused', '-o', 'json'], { sim, now });
    expect(r.code).toBe(0); // a warning, under the default --fail-on error
    const since = iso(Math.ceil((now() - 30 * DAY) / 1000) * 1000).slice(0, 10);
    const labs = r.json<Array<{ groupId: string }>>()[0]!.groupId;
    expect(r.json()).toEqual([
      {
        groupId: labs,
        projectName: 'labs',
        check: 'long-paused',
        severity: 'warning',
        resource: 'cluster forgotten',
        detail: `paused, with no pause or change since ${since} (more than 30 days)`,
      },
    ]);
    expect(r.stderr).toMatch(/^1 finding \(0 error, 1 warning\) in 2 projects$/m);
    // only the project with paused clusters has its events read, for those clusters and those types
    const events = apiRequests(sim, from).filter((q) => q.operationId === 'listGroupEvents');
    expect(events).toHaveLength(1);
    // the record keeps a repeated parameter as an array
    const q = events[0]!.query;
    expect([q.eventType].flat().sort()).toEqual(['CLUSTER_AUTOMATICALLY_PAUSED', 'CLUSTER_UPDATE_SUBMITTED']);
    expect([q.clusterNames].flat().sort()).toEqual(['forgotten', 'weekend']);
    expect(Date.parse(String(q.minDate))).toBeGreaterThanOrEqual(now() - 30 * DAY - 1000);

    // 26 days on, the M10 has been paused 31 days: Atlas has resumed it, so nothing more fires
    sim.clock.advance(26 * DAY);
    const later = await runCli(['audit', '--all-projects', '--check', 'long-paused', '-o', 'json', '--fail-on', 'warning'], { sim, now });
    expect(later.code).toBe(1);
    expect(later.json<Array<{ resource: string }>>().map((f) => f.resource)).toEqual(['cluster forgotten']);
    const weekend = await runCli(['cluster', 'get', 'weekend', '-p', labs, '-o', 'json'], { sim, now });
    expect(weekend.json()).toMatchObject({ name: 'weekend', paused: false });
  });

  it('a pause sent through the API is an event of the cluster, so a fresh pause does not fire; the seeded pause is 3 days old', async () => {
    sim = await startSimulator({ port: 0, clock: 'manual' });
    const now = () => sim!.clock.now();
    const seeded = await runCli(['audit', '--check', 'long-paused', '-o', 'json'], { sim, now });
    expect(seeded.code).toBe(0);
    expect(seeded.json()).toEqual([]);
    const events = await runCli(['event', 'list', '--type', 'CLUSTER_UPDATE_SUBMITTED', '--cluster', SEED.clusters.paused, '-o', 'json'], { sim, now });
    expect(events.json<Array<{ eventTypeName: string; clusterName: string }>>().map((e) => [e.eventTypeName, e.clusterName])).toEqual([
      ['CLUSTER_UPDATE_SUBMITTED', SEED.clusters.paused],
    ]);

    expect((await runCli(['cluster', 'pause', SEED.clusters.replicaSet], { sim, now })).code).toBe(0);
    const after = await runCli(['event', 'list', '--type', 'CLUSTER_UPDATE_SUBMITTED', '--cluster', SEED.clusters.replicaSet, '-o', 'json'], { sim, now });
    expect(after.json<Array<{ clusterName: string; publicKey: string }>>()).toEqual([
      expect.objectContaining({ clusterName: SEED.clusters.replicaSet, publicKey: 'simpublickey' }),
    ]);
    // 31 days on, with no change in between, both would be long paused: Atlas has resumed them instead
    sim.clock.advance(31 * DAY);
    const r = await runCli(['audit', '--check', 'long-paused', '-o', 'json'], { sim, now });
    expect(r.json()).toEqual([]);
    const listed = await runCli(['cluster', 'list', '-o', 'json'], { sim, now });
    expect(listed.json<Array<{ name: string; paused?: boolean }>>().filter((c) => c.paused === true)).toEqual([]);
  });

  it('a scenario refuses a dedicated cluster paused more than 30 days ago, and pausedDate without paused (JSON path, before listening)', async () => {
    const s = scenario(Date.now());
    s.orgs[0]!.projects[0]!.clusters![1]!.pausedDate = iso(Date.now() - 40 * DAY);
    await expect(startSimulator({ port: 0, scenario: s })).rejects.toThrow(
      /\$\.orgs\[0\]\.projects\[0\]\.clusters\[1\]\.pausedDate: Atlas resumes a dedicated cluster after 30 days paused/,
    );
    const t = scenario(Date.now());
    delete (t.orgs[0]!.projects[0]!.clusters![0] as { paused?: boolean }).paused;
    await expect(startSimulator({ port: 0, scenario: t })).rejects.toThrow(/clusters\[0\]\.pausedDate: pausedDate needs "paused": true/);
  });
});
