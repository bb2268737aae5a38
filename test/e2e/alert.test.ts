import { describe, expect, it } from 'vitest';
import { SEEDED_ALERTS } from '../../src/simulator/resources/alerts.js';
import { expectRefusedBeforeSending, runCli } from '../helpers/cli.js';
import { apiRequests, served, servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });

const alerts = () => `/api/atlas/v2/groups/${sim.credentials.projectId}/alerts`;

describe('alert list and get', () => {
  it('list -o json prints every alert as served', async () => {
    const r = await runCli(['alert', 'list', '-o', 'json'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(await servedAll(sim, alerts()));
    expect(r.json().length).toBeGreaterThanOrEqual(7);
  });

  it('--status filters on the Atlas side, case-insensitively', async () => {
    const before = sim.requests.length;
    const r = await runCli(['alert', 'list', '--status', 'open', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const docs = r.json<Array<{ status: string }>>();
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every((d) => d.status === 'OPEN')).toBe(true);
    expect(apiRequests(sim, before).map((q) => q.query.status)).toEqual(['OPEN']);
  });

  it('the short table has id, type, status, cluster or host, created, acknowledged until', async () => {
    const r = await runCli(['alert', 'list', '--status', 'OPEN'], { sim });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+TYPE\s+STATUS\s+CLUSTER OR HOST\s+CREATED\s+ACKNOWLEDGED UNTIL$/);
    const cpu = lines.find((l) => l.startsWith(SEEDED_ALERTS.hostCpu))!;
    expect(cpu).toMatch(/OUTSIDE_METRIC_THRESHOLD\s+OPEN\s+Cluster0\s+\d{4}-/);
  });

  it('get <id> prints the alert as served', async () => {
    const r = await runCli(['alert', 'get', SEEDED_ALERTS.oplogWindow, '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(await served(sim, `${alerts()}/${SEEDED_ALERTS.oplogWindow}`));
  });

  it('an unknown alert exits 4 with ALERT_NOT_FOUND', async () => {
    const r = await runCli(['alert', 'get', 'ffffffffffffffffffffffff'], { sim });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/404 ALERT_NOT_FOUND/);
  });
});

describe('alert ack and unack', () => {
  it('ack --until sends the 2024-05-30 body and prints the acknowledged alert', async () => {
    const until = new Date(Date.now() + 3 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const before = sim.requests.length;
    const r = await runCli(['alert', 'ack', SEEDED_ALERTS.hostCpu, '--until', until, '--comment', 'known: batch job', '-o', 'json'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ id: SEEDED_ALERTS.hostCpu, acknowledgedUntil: until, acknowledgementComment: 'known: batch job' });
    const sent = apiRequests(sim, before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'PATCH', version: '2024-05-30', contentType: 'application/vnd.atlas.2024-05-30+json' });
    expect(sent[0]!.body).toEqual({ acknowledgedUntil: until, acknowledgementComment: 'known: batch job' });
  });

  it('ack --until 8h counts forward from now', async () => {
    const before = sim.requests.length;
    const t0 = Date.now();
    const r = await runCli(['alert', 'ack', SEEDED_ALERTS.diskTracking, '--until', '8h', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const sent = apiRequests(sim, before)[0]!.body as { acknowledgedUntil: string };
    const at = Date.parse(sent.acknowledgedUntil);
    expect(at).toBeGreaterThanOrEqual(Math.floor((t0 + 8 * 3_600_000) / 1000) * 1000);
    expect(at).toBeLessThan(Date.now() + 8 * 3_600_000 + 1000);
  });

  it('ack --forever acknowledges for a hundred years; a CLOSED alert is acknowledged too, as Atlas does (recording)', async () => {
    const r = await runCli(['alert', 'ack', SEEDED_ALERTS.usersWithoutMfa, '--forever', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const doc = r.json<{ status: string; acknowledgedUntil: string }>();
    expect(doc.status).toBe('CLOSED');
    expect(new Date(doc.acknowledgedUntil).getUTCFullYear()).toBe(new Date().getUTCFullYear() + 100);
  });

  it('unack takes the acknowledgement back with unacknowledgeAlert: true', async () => {
    const before = sim.requests.length;
    const r = await runCli(['alert', 'unack', SEEDED_ALERTS.dailyBill, '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json().acknowledgedUntil).toBeUndefined();
    expect(apiRequests(sim, before)[0]!.body).toEqual({ unacknowledgeAlert: true });
    const after = await served(sim, `${alerts()}/${SEEDED_ALERTS.dailyBill}`);
    expect(after.acknowledgedUntil).toBeUndefined();
    expect(after.acknowledgingUsername).toBeUndefined();
  });

  it('ack on a table says what happened on stderr and prints the row', async () => {
    const r = await runCli(['alert', 'ack', SEEDED_ALERTS.noPrimary, '--until', '2h'], { sim });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`alert ${SEEDED_ALERTS.noPrimary} acknowledged until \\d{4}-`));
    expect(r.stdout).toMatch(/NO_PRIMARY\s+CLOSED\s+PausedCluster/);
  });

  it('--dry-run prints the PATCH and sends nothing', async () => {
    const before = sim.requests.length;
    const r = await runCli(['alert', 'ack', SEEDED_ALERTS.hostCpu, '--forever', '--dry-run', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const doc = r.json();
    expect(doc).toMatchObject({ dryRun: true, method: 'PATCH', headers: { 'Content-Type': 'application/vnd.atlas.2024-05-30+json' } });
    expect(doc.url).toBe(`${sim.url}${alerts()}/${SEEDED_ALERTS.hostCpu}`);
    expect(sim.requests.length).toBe(before);
  });
});

describe('alert: bad input exits 2 with nothing sent', () => {
  const ID = SEEDED_ALERTS.oplogWindow;
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown status', ['alert', 'list', '--status', 'OPNE'], /invalid --status "OPNE".*did you mean OPEN/],
    ['malformed id', ['alert', 'get', 'nope'], /invalid alert id "nope"/],
    ['ack without --until or --forever', ['alert', 'ack', ID], /--until <date>.*--forever/],
    ['ack with both', ['alert', 'ack', ID, '--until', '2h', '--forever'], /not both/],
    ['ack --until in the past', ['alert', 'ack', ID, '--until', '2020-01-01'], /--until \(2020-01-01T00:00:00Z\) is not in the future/],
    ['ack --until that does not parse', ['alert', 'ack', ID, '--until', 'tomorrow'], /invalid --until "tomorrow"/],
    ['ack --comment over 200 characters', ['alert', 'ack', ID, '--forever', '--comment', 'x'.repeat(201)], /201 characters.*at most 200/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      await expectRefusedBeforeSending(sim, args, message);
    });
  }
});
