import { beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { SEEDED_EVENTS } from '../../src/simulator/resources/events.js';
import { expectRefusedBeforeSending, runCli } from '../helpers/cli.js';
import { apiRequests, servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

type Event = { id: string; created: string; eventTypeName: string; clusterName?: string };

let all: Event[];
const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });
beforeAll(async () => {
  all = await servedAll<Event>(sim, projectEvents());
});

function projectEvents(): string {
  return `/api/atlas/v2/groups/${sim.credentials.projectId}/events`;
}

/** A date from the seeded events: the created time of the n-th newest. */
const at = (n: number) => all[n]!.created;

describe('event list', () => {
  it('lists every project event, newest first, pages fetched concurrently (more than two pages of 500)', async () => {
    expect(all.length).toBe(SEEDED_EVENTS.project);
    const before = sim.requests.length;
    const r = await runCli(['event', 'list', '-o', 'json'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(all);
    const pages = apiRequests(sim, before).map((q) => q.query.pageNum);
    expect(pages.sort()).toEqual(['1', '2', '3']);
  });

  it('--since/--until go to Atlas as minDate/maxDate and the result is exactly the inclusive window', async () => {
    // a window whose bounds are the times of real events, so both bounds are tested inclusive
    const since = at(300);
    const until = at(100);
    const expected = all.filter((e) => e.created >= since && e.created <= until);
    const before = sim.requests.length;
    const r = await runCli(['event', 'list', '--since', since, '--until', until, '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(expected);
    expect(expected.some((e) => e.created === since) && expected.some((e) => e.created === until)).toBe(true);
    const sent = apiRequests(sim, before);
    expect(sent.every((q) => q.query.minDate === since && q.query.maxDate === until)).toBe(true);
  });

  it('a relative --since counts back from now', async () => {
    const t0 = Date.now();
    const before = sim.requests.length;
    const r = await runCli(['event', 'list', '--since', '3d', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const minDate = Date.parse(String(apiRequests(sim, before)[0]!.query.minDate));
    expect(Math.abs(minDate - (t0 - 3 * 86_400_000))).toBeLessThan(15_000);
    expect(r.json()).toEqual(all.filter((e) => Date.parse(e.created) >= minDate));
  });

  it('--type (repeated or comma-separated, any case) and --cluster filter on the Atlas side', async () => {
    const r = await runCli(['event', 'list', '--type', 'cluster_update_started,PRIMARY_ELECTED', '--type', 'CLUSTER_READY', '--cluster', 'Cluster0', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const expected = all.filter((e) => ['CLUSTER_UPDATE_STARTED', 'PRIMARY_ELECTED', 'CLUSTER_READY'].includes(e.eventTypeName) && e.clusterName === 'Cluster0');
    expect(expected.length).toBeGreaterThan(10);
    expect(r.json()).toEqual(expected);
  });

  it('--debug shows the repeated eventType parameters on the wire', async () => {
    const r = await runCli(['event', 'list', '--type', 'CLUSTER_READY', '--type', 'CLUSTER_CREATED', '--limit', '1', '--debug', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/eventType=CLUSTER_READY&eventType=CLUSTER_CREATED/);
  });

  it('-o jsonl streams one event a line; --limit caps them', async () => {
    const r = await runCli(['event', 'list', '-o', 'jsonl'], { sim });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(all.length);
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(all.map((e) => e.id));
    const limited = await runCli(['event', 'list', '--limit', '7', '-o', 'jsonl'], { sim });
    expect(
      limited.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(all.slice(0, 7).map((e) => e.id));
  });

  it('the short table: id, created, type, cluster, by', async () => {
    const r = await runCli(['event', 'list', '--limit', '3'], { sim });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+CREATED\s+TYPE\s+CLUSTER\s+BY$/);
    expect(lines).toHaveLength(4);
  });

  it('--org lists the organization events with the org enum', async () => {
    const org = await servedAll<Event>(sim, `/api/atlas/v2/orgs/${SEED.orgId}/events`);
    expect(org.length).toBe(SEEDED_EVENTS.org);
    const r = await runCli(['event', 'list', '--org', SEED.orgId, '--type', 'GROUP_CREATED', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(org.filter((e) => e.eventTypeName === 'GROUP_CREATED'));
  });
});

describe('event list: bad input exits 2 with nothing sent', () => {
  const cases: Array<[string, string[], RegExp]> = [
    [
      'an event type not in the spec, with the closest suggested',
      ['event', 'list', '--type', 'CLUSTER_CRATED'],
      /unknown event type "CLUSTER_CRATED" for project events.*did you mean CLUSTER_CREATED/,
    ],
    ['a project-only type with --org', ['event', 'list', '--org', SEED.orgId, '--type', 'CLUSTER_CREATED'], /unknown event type "CLUSTER_CREATED" for organization events/],
    ['a --since that does not parse', ['event', 'list', '--since', 'yesterday'], /invalid --since "yesterday"/],
    ['a date that does not exist', ['event', 'list', '--until', '2026-02-31'], /invalid --until "2026-02-31"/],
    [
      '--until before --since',
      ['event', 'list', '--since', '2026-11-02', '--until', '2026-11-01'],
      /--until \(2026-11-01T00:00:00Z\) must be after --since \(2026-11-02T00:00:00Z\)/,
    ],
    ['--cluster with --org', ['event', 'list', '--org', SEED.orgId, '--cluster', 'Cluster0'], /--cluster filters project events/],
    ['a cluster name Atlas would refuse', ['event', 'list', '--cluster', 'bad_name'], /invalid cluster name "bad_name"/],
    ['--limit that is not a number', ['event', 'list', '--limit', 'ten'], /invalid --limit "ten"/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      await expectRefusedBeforeSending(sim, args, message);
    });
  }
});
