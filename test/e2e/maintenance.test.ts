import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { expectRefusedBeforeSending, runCli } from '../helpers/cli.js';
import { apiRequests, served } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });

const windowPath = (groupId = SEED.projectId) => `/api/atlas/v2/groups/${groupId}/maintenanceWindow`;

describe('maintenance', () => {
  it('get -o json prints the window as served', async () => {
    const r = await runCli(['maintenance', 'get', '-o', 'json'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(await served(sim, windowPath()));
    expect(r.json()).toMatchObject({ dayOfWeek: 3, hourOfDay: 4 });
  });

  it('get as a table names the day', async () => {
    const r = await runCli(['maintenance', 'get'], { sim });
    expect(r.code).toBe(0);
    const [head, row] = r.stdout.trimEnd().split('\n');
    expect(head).toMatch(/^DAY\s+HOUR\s+START ASAP\s+DEFERRALS\s+AUTO DEFER\s+TIME ZONE$/);
    expect(row).toMatch(/^TUESDAY\s+4\s+false\s+0\s+false\s+UTC$/);
  });

  it('set --day --hour sends dayOfWeek (1 = Sunday) and hourOfDay, then prints the window', async () => {
    const before = sim.requests.length;
    const r = await runCli(['maintenance', 'set', '--day', 'saturday', '--hour', '22', '--start-asap', '--auto-defer', '-o', 'json'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sent = apiRequests(sim, before);
    expect(sent.map((q) => q.method)).toEqual(['PATCH', 'GET']);
    expect(sent[0]!.body).toEqual({ dayOfWeek: 7, hourOfDay: 22, startASAP: true, autoDeferOnceEnabled: true });
    expect(r.json()).toMatchObject({ dayOfWeek: 7, hourOfDay: 22, startASAP: true, autoDeferOnceEnabled: true });
  });

  it('set --no-auto-defer turns auto-defer off; --dry-run sends nothing', async () => {
    const dry = sim.requests.length;
    const d = await runCli(['maintenance', 'set', '--day', 'SUNDAY', '--hour', '0', '--no-auto-defer', '--dry-run', '-o', 'json'], { sim });
    expect(d.code).toBe(0);
    expect(d.json()).toMatchObject({ dryRun: true, method: 'PATCH', body: { dayOfWeek: 1, hourOfDay: 0, autoDeferOnceEnabled: false } });
    expect(sim.requests.length).toBe(dry);
    const r = await runCli(['maintenance', 'set', '--day', 'SUNDAY', '--hour', '0', '--no-auto-defer', '-o', 'json'], { sim });
    expect(r.json()).toMatchObject({ dayOfWeek: 1, hourOfDay: 0, autoDeferOnceEnabled: false });
  });

  it.each([
    [['--auto-defer'], { autoDeferOnceEnabled: true }],
    [['--no-auto-defer'], { autoDeferOnceEnabled: false }],
    [['--start-asap'], { startASAP: true }],
    [['--hour', '6'], { hourOfDay: 6 }],
  ])('set %j alone keeps the day and hour: it reads the window (the spec requires dayOfWeek in the PATCH), then sends it with the change', async (flags, change) => {
    sim.reset();
    const before = sim.requests.length;
    const r = await runCli(['maintenance', 'set', ...flags, '-o', 'json'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sent = apiRequests(sim, before);
    expect(sent.map((q) => q.method)).toEqual(['GET', 'PATCH', 'GET']);
    // the seeded window: Tuesday (3) at 04:00
    expect(sent[1]!.body).toEqual({ dayOfWeek: 3, hourOfDay: 4, ...change });
    expect(r.json()).toMatchObject({ dayOfWeek: 3, hourOfDay: 4, ...change });
  });

  it('set --auto-defer on a table says what changed', async () => {
    sim.reset();
    const r = await runCli(['maintenance', 'set', '--auto-defer'], { sim });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('maintenance window set: auto-defer on\n');
  });

  it('defer counts deferrals; Atlas allows two, the third exits 1 with its error', async () => {
    const first = await runCli(['maintenance', 'defer', '-o', 'json'], { sim });
    expect(first.code).toBe(0);
    expect(first.json().numberOfDeferrals).toBe(1);
    const second = await runCli(['maintenance', 'defer'], { sim });
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/deferred by one week/);
    expect(second.stdout).toMatch(/\s2\s/);
    const third = await runCli(['maintenance', 'defer'], { sim });
    expect(third.code).toBe(1);
    // 400 ATLAS_NUM_MAINTENANCE_DEFERRALS_EXCEEDED: Atlas API error-code list, mongodb.com/docs/atlas/reference/api-errors
    expect(third.stderr).toMatch(/400 ATLAS_NUM_MAINTENANCE_DEFERRALS_EXCEEDED/);
  });

  it('reset refuses without a terminal or --force (exit 2, nothing sent)', async () => {
    const before = sim.requests.length;
    const r = await runCli(['maintenance', 'reset'], { sim });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/without --force/);
    expect(sim.requests.length).toBe(before);
  });

  it('reset --force sends DELETE and the window is back to the default', async () => {
    const before = sim.requests.length;
    const r = await runCli(['maintenance', 'reset', '--force', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ reset: true, groupId: SEED.projectId });
    expect(apiRequests(sim, before).map((q) => `${q.method} ${q.status}`)).toEqual(['DELETE 204']);
    expect(await served(sim, windowPath())).toMatchObject({ dayOfWeek: 1, hourOfDay: 0, startASAP: false });
  });
});

describe('maintenance: bad input exits 2 with nothing sent', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown day, with the closest suggested', ['maintenance', 'set', '--day', 'SUNDY', '--hour', '3'], /invalid --day "SUNDY".*did you mean SUNDAY/],
    ['a day as a number', ['maintenance', 'set', '--day', '1', '--hour', '3'], /invalid --day "1".*by name/],
    ['an hour out of range', ['maintenance', 'set', '--day', 'MONDAY', '--hour', '24'], /invalid --hour "24": give a whole hour from 0 to 23/],
    ['an hour that is not a number', ['maintenance', 'set', '--day', 'MONDAY', '--hour', '3pm'], /invalid --hour "3pm"/],
    ['set without anything to change', ['maintenance', 'set'], /nothing to change \(hint: give --day and --hour, --start-asap, --auto-defer or --no-auto-defer/],
    ['an empty --day', ['maintenance', 'set', '--day', '', '--auto-defer'], /--day is empty/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      await expectRefusedBeforeSending(sim, args, message);
    });
  }
});
