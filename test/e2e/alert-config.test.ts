// `alert config …`: alert configurations. The simulator's rules are those of
// src/simulator/resources/alert-configs.ts (spec: GroupAlertsConfig, the toggle and update
// operations, the notification schemas' notes on redacted credentials; ALERT_CONFIG_NOT_FOUND
// from Atlas's error-code list).
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { SEEDED_ALERT_CONFIGS, SEEDED_NOTIFICATION_SECRETS } from '../../src/simulator/resources/alert-configs.js';
import { expectRefusedBeforeSending, fileWriter, runCli } from '../helpers/cli.js';
import { apiRequests, served, servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const file = fileWriter('atlascli-alert-config-');
const configs = `/api/atlas/v2/groups/${SEED.projectId}/alertConfigs`;
const PD = SEEDED_ALERT_CONFIGS.pagerDuty;
const CPU = SEEDED_ALERT_CONFIGS.hostCpu;
const SECRET = 'pd-new-service-key-5566778899';

const sim = sharedSimulator({ port: 0, stepMs: 50, clock: 'manual' });

/** No secret of the seed, nor `extra`, anywhere in what a run printed. */
function expectNoSecrets(r: { stdout: string; stderr: string }, ...extra: string[]): void {
  for (const s of [...Object.values(SEEDED_NOTIFICATION_SECRETS), ...extra]) {
    expect(r.stdout).not.toContain(s);
    expect(r.stderr).not.toContain(s);
  }
}

const cpuAlert = (extra: Record<string, unknown> = {}) => ({
  eventTypeName: 'OUTSIDE_METRIC_THRESHOLD',
  enabled: true,
  metricThreshold: { metricName: 'CONNECTIONS', operator: 'GREATER_THAN', threshold: 500, units: 'RAW', mode: 'AVERAGE' },
  notifications: [{ typeName: 'PAGER_DUTY', serviceKey: SECRET, delayMin: 0 }],
  ...extra,
});

describe('alert config list and get', () => {
  it('list -o json prints every configuration as served (Atlas redacts credentials itself: shown as served)', async () => {
    const r = await runCli(['alert', 'config', 'list', '-o', 'json'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(await servedAll(sim, configs));
    const pd = r.json<any[]>().find((c) => c.id === PD);
    expect(pd.notifications[0].serviceKey).toBe('***************************cdef');
    expectNoSecrets(r);
  });

  it('list as a table: id, event type, enabled, the threshold, the notification types', async () => {
    const r = await runCli(['alert', 'settings', 'list'], { sim });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('ID\tEVENT TYPE\tENABLED\tTHRESHOLD\tNOTIFICATIONS');
    expect(lines).toContain(`${CPU}\tOUTSIDE_METRIC_THRESHOLD\ttrue\tNORMALIZED_SYSTEM_CPU_USER > 90 RAW\tGROUP`);
    expect(lines).toContain(`${SEEDED_ALERT_CONFIGS.oplogWindow}\tREPLICATION_OPLOG_WINDOW_RUNNING_OUT\ttrue\t< 1 HOURS\tGROUP`);
    expect(lines).toContain(`${PD}\tHOST_DOWN\ttrue\t\tPAGER_DUTY,SLACK`);
    expect(lines).toHaveLength(9);
  });

  it('get -o json prints the configuration as served; --debug shows no credential', async () => {
    const r = await runCli(['alert', 'config', 'get', PD, '-o', 'json', '--debug'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(await served(sim, `${configs}/${PD}`));
    expect(r.stderr).toContain('[debug] <');
    expectNoSecrets(r);
  });

  it("an unknown id: exit 4 with Atlas's ALERT_CONFIG_NOT_FOUND; a malformed one: exit 2, nothing sent", async () => {
    const r = await runCli(['alert', 'config', 'get', 'aaaaaaaaaaaaaaaaaaaaaaaa'], { sim });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/404 ALERT_CONFIG_NOT_FOUND: No alert configuration with ID aaaaaaaaaaaaaaaaaaaaaaaa exists in group/);
    await expectRefusedBeforeSending(sim, ['alert', 'config', 'get', '65a1'], /invalid alert configuration id "65a1"/);
    await expectRefusedBeforeSending(sim, ['alert', 'config', 'disable', 'not-an-id'], /invalid alert configuration id/);
  });
});

describe('alert config create', () => {
  it('sends the checked file, prints the new configuration with its credential redacted, never the credential', async () => {
    const before = sim.requests.length;
    const r = await runCli(['alert', 'config', 'create', '--file', file('cpu.json', cpuAlert()), '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const sent = apiRequests(sim, before);
    expect(sent.map((q) => `${q.method} ${q.path}`)).toEqual([`POST ${configs}`]);
    expect(sent[0]!.body).toEqual(cpuAlert());
    const doc = r.json();
    expect(doc).toEqual(await served(sim, `${configs}/${doc.id}`));
    expect(doc).toMatchObject({ eventTypeName: 'OUTSIDE_METRIC_THRESHOLD', enabled: true });
    expect(doc.notifications[0].serviceKey).toBe('*************************8899');
    expectNoSecrets(r, SECRET);
  });

  it('--dry-run prints the request with the credential masked and sends nothing; --debug never shows it', async () => {
    const p = file('cpu.json', cpuAlert());
    const before = sim.requests.length;
    const d = await runCli(['alert', 'config', 'create', '--file', p, '--dry-run', '-o', 'json'], { sim });
    expect(d.code).toBe(0);
    expect(d.json()).toMatchObject({ dryRun: true, method: 'POST', body: { notifications: [{ serviceKey: '********' }] } });
    expect(sim.requests.length).toBe(before);
    expectNoSecrets(d, SECRET);
    const r = await runCli(['alert', 'config', 'create', '--file', p, '--debug'], { sim });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('[debug] > POST');
    expectNoSecrets(r, SECRET);
  });

  it('an error Atlas answers does not repeat the credential', async () => {
    sim.faults.add({ method: 'POST', path: configs, status: 400, errorCode: 'INVALID_ATTRIBUTE', times: 1 });
    const r = await runCli(['alert', 'config', 'create', '--file', file('cpu.json', cpuAlert()), '-o', 'json'], { sim });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { status: 400, errorCode: 'INVALID_ATTRIBUTE' } });
    expectNoSecrets(r, SECRET);
  });

  it.each([
    [
      'an unknown attribute of a notification, named by its JSON pointer',
      cpuAlert({ notifications: [{ typeName: 'SLACK', apiToken: 'xoxb-1', channelName: 'c', intervalMin: 5, colour: 'red' }] }),
      /\/notifications\/0\/colour: unknown attribute/,
    ],
    ['a notification type that does not exist', cpuAlert({ notifications: [{ typeName: 'CARRIER_PIGEON' }] }), /\/notifications\/0\/typeName: must be one of "DATADOG", "EMAIL"/],
    ['an event type that does not exist', cpuAlert({ eventTypeName: 'HOST_ON_FIRE' }), /\/eventTypeName: must be one of/],
    [
      'an operator outside the enum',
      cpuAlert({ metricThreshold: { metricName: 'CONNECTIONS', operator: 'ABOUT', threshold: 1, units: 'RAW' } }),
      /\/metricThreshold\/operator: must be one of "LESS_THAN", "GREATER_THAN"/,
    ],
    ['no notifications', cpuAlert({ notifications: [] }), /\/notifications: must NOT have fewer than 1 items/],
  ])('%s: exit 2, nothing sent', async (_what, doc, message) => {
    const r = await expectRefusedBeforeSending(sim, ['alert', 'config', 'create', '--file', file('bad.json', doc)], message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/does not match the createGroupAlertConfig request of the API \(version 2023-01-01\)/);
  });

  it('malformed JSON, no --file, and a masked credential (a copy of printed output): exit 2, nothing sent', async () => {
    await expectRefusedBeforeSending(
      sim,
      ['alert', 'config', 'create', '--file', file('broken.json', '{\n  "eventTypeName": "HOST_DOWN",,\n}')],
      /invalid JSON in --file ".*broken\.json" at line 2, column 32/,
    );
    await expectRefusedBeforeSending(sim, ['alert', 'config', 'create'], /give the configuration with --file/);
    const printed = await runCli(['alert', 'config', 'get', PD, '-o', 'json'], { sim });
    await expectRefusedBeforeSending(
      sim,
      ['alert', 'config', 'create', '--file', file('copy.json', printed.stdout)],
      /\/notifications\/0\/serviceKey is a mask \(\*+cdef\), not the secret itself/,
    );
  });

  it('a configuration printed by get, with its credential filled in, is created again (read-only fields dropped)', async () => {
    const printed = (await runCli(['alert', 'config', 'get', CPU, '-o', 'json'], { sim })).json();
    const before = sim.requests.length;
    const r = await runCli(['alert', 'config', 'create', '--file', file('clone.json', printed), '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const body = apiRequests(sim, before)[0]!.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['enabled', 'eventTypeName', 'matchers', 'metricThreshold', 'notifications']);
    expect(r.json().id).not.toBe(CPU);
  });
});

describe('alert config update, enable, disable, delete', () => {
  it('get → edit → update: a PUT without read-only fields; a masked credential is left out and Atlas keeps it by notifierId', async () => {
    const doc = (await runCli(['alert', 'config', 'get', PD, '-o', 'json'], { sim })).json();
    doc.notifications[1].channelName = 'ops-pager';
    const before = sim.requests.length;
    const r = await runCli(['alert', 'config', 'update', PD, '--file', file('pd.json', doc), '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const sent = apiRequests(sim, before);
    expect(sent.map((q) => `${q.method} ${q.path}`)).toEqual([`PUT ${configs}/${PD}`]);
    expect(sent[0]!.body).toEqual({
      enabled: true,
      eventTypeName: 'HOST_DOWN',
      matchers: [],
      notifications: [
        { delayMin: 0, notifierId: '65a1b2c3d4e5f60718293b09', region: 'US', typeName: 'PAGER_DUTY' },
        { channelName: 'ops-pager', delayMin: 5, intervalMin: 60, notifierId: '65a1b2c3d4e5f60718293b0a', typeName: 'SLACK' },
      ],
    });
    expect(r.json().notifications[0].serviceKey).toBe('***************************cdef');
    expect(r.json().notifications[1]).toMatchObject({ channelName: 'ops-pager', apiToken: '************************4242' });
    expect(r.stderr).toBe('');
  });

  it('a masked credential without its notifierId is refused: it would replace the secret with asterisks', async () => {
    const doc = (await runCli(['alert', 'config', 'get', PD, '-o', 'json'], { sim })).json();
    delete doc.notifications[0].notifierId;
    await expectRefusedBeforeSending(sim, ['alert', 'config', 'update', PD, '--file', file('pd.json', doc)], /\/notifications\/0\/serviceKey is a mask/);
  });

  it('disable and enable send the toggle ({enabled}) and print the configuration; --dry-run sends nothing', async () => {
    const before = sim.requests.length;
    const off = await runCli(['alert', 'config', 'disable', CPU, '-o', 'json'], { sim });
    expect(off.code).toBe(0);
    const sent = apiRequests(sim, before);
    expect(sent.map((q) => [q.method, q.path, q.body])).toEqual([['PATCH', `${configs}/${CPU}`, { enabled: false }]]);
    expect(off.json()).toEqual(await served(sim, `${configs}/${CPU}`));
    expect(off.json().enabled).toBe(false);
    const table = await runCli(['alert', 'config', 'enable', CPU], { sim });
    expect(table.stderr).toBe(`alert configuration ${CPU} enabled\n`);
    expect(table.stdout).toContain(`${CPU}\tOUTSIDE_METRIC_THRESHOLD\ttrue`);
    const dry = sim.requests.length;
    const d = await runCli(['alert', 'config', 'disable', CPU, '--dry-run', '-o', 'json'], { sim });
    expect(d.json()).toMatchObject({ dryRun: true, method: 'PATCH', body: { enabled: false } });
    expect(sim.requests.length).toBe(dry);
  });

  it('delete asks first (refused without a terminal or --force, nothing sent), then deletes; --if-exists on a deleted one exits 0', async () => {
    await expectRefusedBeforeSending(sim, ['alert', 'config', 'delete', CPU], /refusing to delete alert configuration .* without --force/);
    const r = await runCli(['alert', 'config', 'delete', CPU, '--force', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ id: CPU, deleted: true });
    expect((await runCli(['alert', 'config', 'get', CPU], { sim })).code).toBe(4);
    const again = await runCli(['alert', 'config', 'delete', CPU, '--force'], { sim });
    expect(again.code).toBe(4);
    const quiet = await runCli(['alert', 'config', 'delete', CPU, '--force', '--if-exists'], { sim });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe(`alert configuration ${CPU} does not exist: nothing to delete (--if-exists)\n`);
  });
});
