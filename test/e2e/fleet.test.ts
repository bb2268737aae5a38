// Issue 20 end to end: reads across projects, --select, fleet plans and their --apply,
// audits. Each test checks stdout, stderr, the exit code and the requests the simulator saw.
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { Cleanup } from '../../src/program/cleanup.js';
import { expectRefusedBeforeSending, runCli, simEnv, tempDir } from '../helpers/cli.js';
import { apiRequests, until } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const run = (args: string[], env: Record<string, string> = {}) => runCli(args, { sim, env });
const since = () => sim.requests.length;
const sent = (from: number) => apiRequests(sim, from);
const patches = (from: number) => sent(from).filter((r) => r.method === 'PATCH');

/** The fleet seed: 6 projects fleet-0001…0006 of 3 clusters (c1 env=dev, c2 env=prod, c3 env=staging). */
const FLEET = { projects: 6, clustersPerProject: 3 };
const DEV = Array.from({ length: 6 }, (_, i) => `fleet-000${i + 1}-c1`);

const sim = sharedSimulator({ port: 0, stepMs: 50, seed: { fleet: FLEET } });

describe('--select: bad input is refused before any request (exit 2)', () => {
  const cases: Array<[string[], RegExp]> = [
    [['cluster', 'list', '--select', 'name'], /invalid --select term "name": expected key=value/],
    [['cluster', 'list', '--select', 'colour=red'], /unknown key "colour"/],
    [['cluster', 'list', '--select', 'older-than=3x'], /invalid --select term "older-than=3x": not a duration/],
    [['cluster', 'list', '--select', 'paused=maybe'], /paused is true or false/],
    [['cluster', 'list', '--select', 'provider=IBM'], /the provider is one of AWS, GCP, AZURE/],
    [['cluster', 'list', '--select', 'name=a,,tier=M10'], /a term is empty/],
    [['cluster', 'pause', '--apply'], /--apply needs --select/],
    [['cluster', 'pause', '--all-projects', '--select', 'tag:env=dev', '--apply', '--concurrency', '0'], /invalid --concurrency "0": give at least 1/],
    [['cluster', 'pause', '--all-projects', '--select', 'tag:env=dev', '--apply', '--concurrency', '17'], /invalid --concurrency "17": give at most 16/],
    [['cluster', 'pause', 'Cluster0', '--select', 'tag:env=dev'], /give a cluster name or --select, not both/],
    [['cluster', 'delete', '--all-projects', '--select', 'tag:env=dev', '--apply'], /refusing to delete clusters with --apply without --force/],
    [['cluster', 'update', '--all-projects', '--select', 'tag:env=dev'], /nothing to change/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), async () => {
      await expectRefusedBeforeSending(sim, args, message);
    });
  }
});

describe('reads across projects', () => {
  it('cluster list --all-projects --select: evaluated on the lists (no request per cluster), documents as served', async () => {
    const from = since();
    const r = await run(['cluster', 'list', '--all-projects', '--select', 'tag:env=dev,project=fleet-*', '-o', 'json']);
    expect(r.code).toBe(0);
    const docs = r.json<Array<{ name: string; groupId: string }>>();
    expect(docs.map((d) => d.name)).toEqual(DEV);
    expect(docs.every((d) => /^ba/.test(d.groupId))).toBe(true);
    const ops = sent(from).map((q) => q.operationId);
    expect(ops.filter((o) => o === 'getGroupCluster')).toEqual([]);
    // 4 seeded projects + 6 of the fleet, each listed once in each API
    expect(ops.filter((o) => o === 'listGroupClusters').length).toBe(sim.state.projects.size);
  });

  it('name globs, tiers, providers, paused and ages: Cluster0 and the paused GCP cluster of the seed', async () => {
    const names = async (select: string) => (await run(['cluster', 'list', '--select', select, '-o', 'json'])).json<Array<{ name: string }>>().map((d) => d.name);
    expect(await names('name=Cluster*')).toEqual(['Cluster0']);
    expect(await names('provider=GCP,paused=true')).toEqual([SEED.clusters.paused]);
    expect(await names('tier=m30')).toEqual([SEED.clusters.sharded]);
    // the seed's clusters were created on 2025-01-15: older than a day, not newer than one
    expect((await names('older-than=1d')).length).toBe(3);
    expect(await names('newer-than=1d')).toEqual([]);
  });

  it('-o jsonl streams one cluster a line in project order; a table has a PROJECT column', async () => {
    const jl = await run(['cluster', 'list', '--all-projects', '--select', 'name=fleet-*-c2', '-o', 'jsonl']);
    expect(jl.code).toBe(0);
    expect(
      jl.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).name),
    ).toEqual(DEV.map((n) => n.replace('-c1', '-c2')));
    const table = await run(['cluster', 'list', '--all-projects', '--select', 'name=fleet-0002-*']);
    expect(table.stdout.split('\n')[0]).toMatch(/^PROJECT\s+NAME\s+TYPE/);
    expect(table.stdout).toMatch(/^fleet-0002\s+fleet-0002-c1\s+REPLICASET\s+M10\s/m);
  });

  it('--limit caps the items across projects, the first ones in project order', async () => {
    const r = await run(['cluster', 'list', '--all-projects', '--limit', '4', '-o', 'json']);
    expect(r.code).toBe(0);
    const docs = r.json<Array<{ name: string; groupId: string }>>();
    expect(docs.length).toBe(4);
    // the default project's three clusters first (it is listed first), then one of the next project
    expect(
      docs
        .slice(0, 3)
        .map((d) => d.name)
        .sort(),
    ).toEqual(['Cluster0', SEED.clusters.paused, SEED.clusters.sharded].sort());
    expect(docs.slice(0, 3).every((d) => d.groupId === SEED.projectId)).toBe(true);
    expect(docs[3]!.groupId).not.toBe(SEED.projectId);
  });

  it('--org narrows --all-projects to that organization (getOrgGroups)', async () => {
    const from = since();
    const r = await run(['user', 'list', '--all-projects', '--org', SEED.secondOrgId, '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual([]);
    const inOrg = [...sim.state.projects.values()].filter((p) => p.orgId === SEED.secondOrgId).length;
    expect(sent(from).map((q) => q.operationId)).toEqual(['getOrgGroups', ...Array<string>(inOrg).fill('listGroupDatabaseUsers')]);
  });

  it('user, whitelist, alert, process list and maintenance get --all-projects: items as served, a PROJECT column', async () => {
    const users = await run(['user', 'list', '--all-projects', '-o', 'json']);
    expect(
      users
        .json<Array<{ username: string; groupId: string }>>()
        .map((u) => `${u.groupId}:${u.username}`)
        .sort(),
    ).toEqual(['app-user', 'analytics-ro', 'arn:aws:iam::123456789012:role/app-role'].map((u) => `${SEED.projectId}:${u}`).sort());
    const wl = await run(['whitelist', 'list', '--all-projects']);
    expect(wl.code).toBe(0);
    expect(wl.stdout).toMatch(/^PROJECT\s+ENTRY/);
    expect(wl.stdout).toMatch(/^atlascli-sim\s+203\.0\.113\.10\s/m);
    const alerts = await run(['alert', 'list', '--all-projects', '-o', 'jsonl']);
    expect(alerts.code).toBe(0);
    const alertGroups = alerts.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).groupId as string);
    expect(alertGroups).toContain(SEED.projectId);
    // in project order: the seed's projects come before the fleet's
    expect(alertGroups).toEqual([...alertGroups].sort((a, b) => Number(a.startsWith('ba')) - Number(b.startsWith('ba'))));
    const procs = await run(['process', 'list', '--all-projects', '--type', 'primary', '-o', 'json']);
    expect(procs.code).toBe(0);
    expect(procs.json<unknown[]>().length).toBeGreaterThan(0);
    const mw = await run(['maintenance', 'get', '--all-projects', '-o', 'json']);
    expect(mw.code).toBe(0);
    const windows = mw.json<Array<{ groupId: string }>>();
    expect(windows.length).toBe(sim.state.projects.size);
    expect(windows[0]!.groupId).toBe(SEED.projectId);
  });
});

describe('fleet actions', () => {
  it('without --apply: the plan, sorted, with skips; nothing that changes anything is sent', async () => {
    const from = since();
    const r = await run(['cluster', 'pause', '--all-projects', '--select', 'tag:env=dev', '-o', 'json']);
    expect(r.code).toBe(0);
    const seeded = { groupId: SEED.projectId, projectName: SEED.projectName, name: SEED.clusters.replicaSet, action: 'pause' };
    expect(r.json()).toEqual([
      ...[seeded].filter((s) => s.projectName < 'fleet'),
      ...DEV.map((name, i) => ({ groupId: `ba${(i + 1).toString(16).padStart(22, '0')}`, projectName: name.slice(0, 10), name, action: 'pause' })),
      ...[seeded].filter((s) => s.projectName > 'fleet'),
    ]);
    expect(sent(from).filter((q) => q.method !== 'GET')).toEqual([]);
    expect(r.stderr).toMatch(/plan: 7 to pause, 0 skipped; nothing was sent \(run it with --apply\)/);
  });

  it('--apply: one PATCH {paused:true} per cluster, none twice, one line each, skips what is paused, a summary', async () => {
    await run(['cluster', 'pause', 'fleet-0003-c1', '-p', `ba${(3).toString(16).padStart(22, '0')}`]);
    const from = since();
    const r = await run(['cluster', 'pause', '--all-projects', '--select', 'tag:env=dev,project=fleet-*', '--apply', '--concurrency', '2']);
    expect(r.code).toBe(0);
    const sentPatches = patches(from);
    expect(sentPatches.map((p) => p.path.split('/').pop()).sort()).toEqual(DEV.filter((n) => n !== 'fleet-0003-c1'));
    expect(sentPatches.every((p) => JSON.stringify(p.body) === '{"paused":true}')).toBe(true);
    expect(r.stdout.trim().split('\n').sort()).toEqual(DEV.map((n) => `${n.slice(0, 10)}\t${n}\t${n === 'fleet-0003-c1' ? 'skipped (already paused)' : 'paused'}`).sort());
    expect(r.stderr).toMatch(/^5 paused, 1 skipped \(already paused\)$/m);
    const again = await run(['cluster', 'resume', '--all-projects', '--select', 'tag:env=dev,project=fleet-*', '--apply', '-o', 'json']);
    expect(again.code).toBe(0);
    expect(again.json<Array<{ result: string }>>().map((x) => x.result)).toEqual(DEV.map(() => 'done'));
  });

  it("a failing cluster: the others still run; the exit code is the first failure's kind (409: 5)", async () => {
    sim.faults.add({
      method: 'PATCH',
      path: `/api/atlas/v2/groups/ba${(2).toString(16).padStart(22, '0')}/clusters/fleet-0002-c1`,
      status: 409,
      errorCode: 'CANNOT_PAUSE_CLUSTER_WITH_PENDING_CHANGES',
    });
    const from = since();
    const r = await run(['cluster', 'pause', '--all-projects', '--select', 'tag:env=dev,project=fleet-*', '--apply']);
    expect(r.code).toBe(5);
    expect(patches(from).length).toBe(6);
    expect(r.stdout).toMatch(/^fleet-0002\tfleet-0002-c1\tfailed: 409 CANNOT_PAUSE_CLUSTER_WITH_PENDING_CHANGES/m);
    expect(r.stderr).toMatch(/^5 paused, 1 failed$/m);
  });

  it('update --select: the plan names what changes; --apply sends only that', async () => {
    const plan = await run(['cluster', 'update', '--all-projects', '--select', 'tag:env=prod,project=fleet-000[12]', '--termination-protection', '-o', 'json']);
    expect(plan.json()).toEqual(
      [1, 2].map((i) => ({
        groupId: `ba${i.toString(16).padStart(22, '0')}`,
        projectName: `fleet-000${i}`,
        name: `fleet-000${i}-c2`,
        action: 'update',
        changes: ['terminationProtectionEnabled'],
      })),
    );
    const from = since();
    const r = await run(['cluster', 'update', '--all-projects', '--select', 'tag:env=prod,project=fleet-000[12]', '--termination-protection', '--apply']);
    expect(r.code).toBe(0);
    expect(patches(from).map((p) => p.body)).toEqual([{ terminationProtectionEnabled: true }, { terminationProtectionEnabled: true }]);
    // now protected: a fleet delete skips them
    const del = await run(['cluster', 'delete', '--all-projects', '--select', 'tag:env=prod,project=fleet-000[12]', '--apply', '--force']);
    expect(del.code).toBe(0);
    expect(del.stderr).toMatch(/^0 deleted, 2 skipped \(termination protection is on\)$/m);
  });

  it('a 429 storm: the fleet slows down together and every cluster is paused once', async () => {
    // Atlas answers 429 RATE_LIMITED with Retry-After (recorded/… Ratelimit-Limit, errors.ts rateLimited)
    sim.faults.add({ method: 'PATCH', path: '/api/atlas/v2/groups/ba', status: 429, errorCode: 'RATE_LIMITED', retryAfter: 1, times: 3 });
    const from = since();
    const r = await run(['cluster', 'pause', '--all-projects', '--select', 'tag:env=dev,project=fleet-*', '--apply', '--concurrency', '4']);
    expect(r.code).toBe(0);
    const ok = patches(from).filter((p) => p.status === 200);
    expect(ok.map((p) => p.path.split('/').pop()).sort()).toEqual(DEV);
    expect(patches(from).filter((p) => p.status === 429).length).toBe(3);
    expect(r.stderr).toMatch(/^6 paused$/m);
  });
});

describe('rate limits per endpoint family', () => {
  // 20 requests per second on the clusters family only (rate-limits.ts; Atlas answers 429 with
  // Retry-After past its limit: mongodb.com/docs/atlas/api/api-rate-limit)
  const limited = sharedSimulator({ port: 0, seed: { fleet: FLEET }, rateLimit: { limit: 20, windowMs: 1000, family: 'clusters' } }, { reset: false });

  it('--apply under the limit: every cluster paused once, the 429s waited out, no budget exhausted', async () => {
    const r = await runCli(['cluster', 'pause', '--all-projects', '--select', 'tag:env=dev,project=fleet-*', '--apply'], { sim: limited });
    expect(r.code).toBe(0);
    const answered = apiRequests(limited, 0);
    expect(answered.filter((q) => q.status === 429).length).toBeGreaterThan(0);
    // the projects list is in another family: never limited here
    expect(answered.filter((q) => q.operationId === 'listGroups').every((q) => q.status === 200)).toBe(true);
    const ok = answered.filter((q) => q.method === 'PATCH' && q.status === 200);
    expect(ok.map((q) => q.path.split('/').pop()).sort()).toEqual(DEV);
    expect(r.stderr).toMatch(/^6 paused$/m);
  });
});

/** Runs the CLI in this process with a Cleanup the test can interrupt, as the bin does on SIGINT. */
async function runInterruptible(args: string[], cleanup: Cleanup) {
  const { main } = await import('../../src/program/cli.js');
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  const sink = (into: Buffer[]) => new Writable({ write: (c: Buffer, _e, done) => (into.push(c), done()) });
  const stdin = new PassThrough();
  stdin.end();
  const home = tempDir('atlascli-fleet-');
  const code = await main(args, { stdout: sink(chunks.out), stderr: sink(chunks.err), stdin, env: { ...simEnv(sim), XDG_CONFIG_HOME: home, HOME: home } } as never, cleanup);
  return { code, stdout: Buffer.concat(chunks.out).toString(), stderr: Buffer.concat(chunks.err).toString() };
}

describe('Ctrl-C during --apply', () => {
  it('starts nothing new, waits for what is in flight, prints what was done, exits 130', async () => {
    sim.faults.add({ method: 'PATCH', path: '/api/atlas/v2/groups/ba', latencyMs: 300 });
    const cleanup = new Cleanup();
    const from = since();
    const running = runInterruptible(['cluster', 'pause', '--all-projects', '--select', 'tag:env=dev,project=fleet-*', '--apply', '--concurrency', '2'], cleanup);
    await until(() => sent(from).some((q) => q.method === 'PATCH') || cleanup.pending > 0);
    const hookCode = await cleanup.interrupt('SIGINT');
    const r = await running;
    expect(hookCode).toBe(130);
    expect(r.code).toBe(130);
    const done = patches(from);
    expect(done.length).toBeLessThan(6);
    expect(done.every((p) => p.status === 200)).toBe(true);
    // every PATCH sent was answered and reported; nothing started after the interrupt
    expect(r.stdout.trim().split('\n').filter(Boolean).length).toBe(done.length);
    expect(r.stderr).toMatch(new RegExp(`^${done.length} paused, ${6 - done.length} not started \\(interrupted\\)$`, 'm'));
  });
});

describe('audit', () => {
  it('fires and does not fire: findings as JSON, exit 1 at --fail-on', async () => {
    const analytics = ['-p', SEED.analyticsProjectId];
    // nothing in the analytics project yet: no finding, exit 0
    const clean = await run(['audit', ...analytics, '-o', 'json']);
    expect(clean.code).toBe(0);
    expect(clean.json()).toEqual([]);
    expect((await run(['whitelist', 'add', '0.0.0.0/0', '10.0.0.0/8', '192.168.0.0/16', ...analytics])).code).toBe(0);
    expect((await run(['user', 'create', 'root', '--role', 'atlasAdmin@admin', '--generate-password', '--scope', 'cluster:prod1', ...analytics])).code).toBe(0);
    expect((await run(['user', 'create', 'scoped', '--role', 'readWrite@app', '--generate-password', '--scope', 'cluster:prod1', ...analytics])).code).toBe(0);
    expect((await run(['cluster', 'create', 'prod1', '--tag', 'env=prod', '--mongodb-version', '8.0', '--backup', '--wait', ...analytics], { ATLASCLI_POLL_MS: '20' })).code).toBe(
      0,
    );
    expect((await run(['cluster', 'create', 'old1', '--mongodb-version', '7.0', '--termination-protection', '--wait', ...analytics], { ATLASCLI_POLL_MS: '20' })).code).toBe(0);
    const r = await run(['audit', ...analytics, '-o', 'json']);
    expect(r.code).toBe(1);
    const g = { groupId: SEED.analyticsProjectId, projectName: SEED.analyticsProjectName };
    expect(r.json()).toEqual([
      { ...g, check: 'open-access', severity: 'error', resource: 'access-list 0.0.0.0/0', detail: 'any address on the internet may connect' },
      { ...g, check: 'wide-access', severity: 'warning', resource: 'access-list 10.0.0.0/8', detail: '/8 admits 16777216 addresses' },
      { ...g, check: 'admin-user', severity: 'warning', resource: 'user root', detail: 'role atlasAdmin' },
      { ...g, check: 'no-backup', severity: 'warning', resource: 'cluster old1', detail: 'cloud backup is off' },
      { ...g, check: 'unprotected', severity: 'error', resource: 'cluster prod1', detail: 'tagged env=prod, termination protection is off' },
      { ...g, check: 'old-version', severity: 'warning', resource: 'cluster old1', detail: 'MongoDB 7.0; 8.0 is offered' },
    ]);
    expect(r.stderr).toMatch(/audit failed: 2 findings at or above error/);
    // only warnings asked for, and under --fail-on error: exit 0
    const warnings = await run(['audit', ...analytics, '--check', 'wide-access,old-version']);
    expect(warnings.code).toBe(0);
    expect(warnings.stdout.split('\n')[0]).toMatch(/^PROJECT\s+RESOURCE\s+CHECK\s+SEVERITY\s+DETAIL$/);
    expect((await run(['audit', ...analytics, '--check', 'wide-access', '--fail-on', 'warning'])).code).toBe(1);
    // the seed project: unscoped users fire there
    const seed = await run(['audit', '--check', 'unscoped-user', '-o', 'json']);
    expect(seed.json<Array<{ resource: string }>>().map((f) => f.resource)).toEqual(['user app-user', 'user arn:aws:iam::123456789012:role/app-role']);
  });

  it('--all-projects reads each project once per list it needs; bad --check or --fail-on: exit 2 before any request', async () => {
    const from = since();
    const r = await run(['audit', '--all-projects', '--check', 'unprotected', '-o', 'json']);
    expect(r.code).toBe(1);
    expect(r.json<Array<{ resource: string }>>().map((f) => f.resource)).toEqual(Array.from({ length: 6 }, (_, i) => `cluster fleet-000${i + 1}-c2`));
    const ops = sent(from).map((q) => q.operationId);
    expect(ops.filter((o) => o === 'listGroupClusters').length).toBe(sim.state.projects.size);
    expect(ops.filter((o) => o === 'listGroupDatabaseUsers' || o === 'listGroupAccessListEntries')).toEqual([]);
    await expectRefusedBeforeSending(sim, ['audit', '--check', 'nope'], /unknown --check "nope"/);
    await expectRefusedBeforeSending(sim, ['audit', '--fail-on', 'info'], /invalid --fail-on "info"/);
  });
});
