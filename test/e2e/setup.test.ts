/**
 * `setup`: reuse or create a project, a cluster, a database user and access-list entries
 * (issue 19, brackets; contract "CI brackets").
 */
import { describe, expect, it } from 'vitest';
import { runCli, expectRefusedBeforeSending } from '../helpers/cli.js';
import { apiRequests } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';
import { SEED } from '../../src/simulator/seed-ids.js';

const env = { ATLASCLI_POLL_MS: '20' };

const sim = sharedSimulator({ port: 0, stepMs: 50 });

const writes = (since: number) =>
  apiRequests(sim, since)
    .filter((q) => q.method !== 'GET')
    .map((q) => `${q.method} ${q.path.replace(/[0-9a-f]{24}/, '{groupId}')}`);

describe('setup', () => {
  it('creates what is missing, waits, and prints the contract document (password only when generated; none in the connection string)', async () => {
    sim.state.callerIp = '203.0.113.70';
    const before = sim.requests.length;
    const r = await runCli(['setup', '--project', 'ci-42', '--org', SEED.orgName, '--tier', 'M0', '--wait', '--ttl', '2h', '-o', 'json'], { sim, env });
    expect(r.code).toBe(0);
    const doc = r.json();
    expect(doc).toEqual({
      project: { id: expect.stringMatching(/^[0-9a-f]{24}$/), name: 'ci-42', created: true },
      cluster: { name: 'Cluster0', tier: 'M0', created: true },
      user: { username: 'app', created: true, password: expect.stringMatching(/^[A-Za-z0-9]{24}$/) },
      accessList: [{ ipAddress: '203.0.113.70', created: true }],
      connectionString: expect.stringMatching(/^mongodb\+srv:\/\/cluster0\.[a-z0-9]+\.mongodb\.net$/),
    });
    expect(writes(before)).toEqual([
      'POST /api/atlas/v2/groups',
      'POST /api/atlas/v2/groups/{groupId}/clusters',
      'POST /api/atlas/v2/groups/{groupId}/databaseUsers',
      'POST /api/atlas/v2/groups/{groupId}/accessList',
    ]);
    // the org was given by name: one exact match among GET /orgs?name=
    expect(apiRequests(sim, before).some((q) => q.path === '/api/atlas/v2/orgs')).toBe(true);
    // --wait: the last reads saw the entry ACTIVE and the cluster IDLE with its changes APPLIED
    const ops = apiRequests(sim, before).map((q) => q.operationId);
    expect(ops).toContain('getGroupAccessListStatus');
    expect(ops.at(-1)).toBe('getGroupClusterStatus');
    const user = apiRequests(sim, before).find((q) => q.path.endsWith('/databaseUsers'))!.body as { deleteAfterDate: string };
    expect(Date.parse(user.deleteAfterDate) - Date.now()).toBeGreaterThan(7_000_000);
    expect(r.stderr).not.toContain(doc.user.password);
  });

  it('run again, reuses everything by name: nothing written, created false, no password', async () => {
    sim.state.callerIp = '203.0.113.71';
    const args = ['setup', '--project', 'ci-43', '--tier', 'FLEX', '--user', 'tester', '--wait', '-o', 'json'];
    expect((await runCli(args, { sim, env })).code).toBe(0);
    const before = sim.requests.length;
    const r = await runCli(args, { sim, env });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({
      project: { id: expect.any(String), name: 'ci-43', created: false },
      cluster: { name: 'Cluster0', tier: 'FLEX', created: false },
      user: { username: 'tester', created: false },
      accessList: [{ ipAddress: '203.0.113.71', created: false }],
      connectionString: expect.stringMatching(/^mongodb\+srv:\/\//),
    });
    expect(writes(before)).toEqual([]);
  });

  it('reuses the configured project and its cluster; --access adds CIDR blocks', async () => {
    const before = sim.requests.length;
    const r = await runCli(['setup', '--cluster', 'Cluster0', '--access', '10.1.0.0/16', '-o', 'json'], { sim, env });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({
      project: { id: SEED.projectId, name: SEED.projectName, created: false },
      cluster: { name: 'Cluster0', created: false },
      accessList: [{ cidrBlock: '10.1.0.0/16', created: true }],
    });
    expect(writes(before)).toEqual(['POST /api/atlas/v2/groups/{groupId}/databaseUsers', 'POST /api/atlas/v2/groups/{groupId}/accessList']);
  });

  it('--dry-run prints the plan and sends nothing that changes anything (reads only)', async () => {
    const before = sim.requests.length;
    const r = await runCli(['setup', '--project', 'ci-44', '--dry-run', '-o', 'jsonl'], { sim, env });
    expect(r.code).toBe(0);
    const docs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { method: string; url: string; body: any });
    expect(docs.map((d) => `${d.method} ${decodeURIComponent(new URL(d.url).pathname)}`)).toEqual([
      'POST /api/atlas/v2/groups',
      'POST /api/atlas/v2/groups/{groupId}/clusters',
      'POST /api/atlas/v2/groups/{groupId}/databaseUsers',
      'POST /api/atlas/v2/groups/{groupId}/accessList',
    ]);
    expect(docs[2]!.body.password).not.toMatch(/^[A-Za-z0-9]{24}$/);
    expect(r.stderr).toMatch(/dry run: nothing was sent\. project ci-44: would be created/);
    expect(writes(before)).toEqual([]);
  });

  it('--org by name: two organizations with that name exit 2 listing their ids, nothing written; an unknown one exits 4', async () => {
    sim.state.orgs.set('a9123456789abcdef012345a', { id: 'a9123456789abcdef012345a', name: SEED.orgName, isDeleted: false, skipDefaultAlertsSettings: false });
    const before = sim.requests.length;
    const r = await runCli(['setup', '--project', 'ci-46', '--org', SEED.orgName], { sim, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`2 organizations are named "${SEED.orgName}": (${SEED.orgId}, a9123456789abcdef012345a|a9123456789abcdef012345a, ${SEED.orgId})`));
    expect(writes(before)).toEqual([]);
    const none = await runCli(['setup', '--project', 'ci-46', '--org', 'No Such Org'], { sim, env });
    expect(none.code).toBe(4);
    expect(writes(before)).toEqual([]);
  });

  it('a project name Atlas cannot create: exit 2, nothing written', async () => {
    const before = sim.requests.length;
    const r = await runCli(['setup', '--project', 'no spaces here?'], { sim, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid project name/);
    expect(writes(before)).toEqual([]);
  });

  it('bad input exits 2 in one line before any request', async () => {
    for (const [args, msg] of [
      [['--tier', 'M3'], /invalid instance size "M3"/],
      [['--tier', ''], /empty/],
      [['--provider', 'IBM'], /provider/],
      [['--region', 'MARS_1'], /region/],
      [['--role', 'readWrite'], /role/],
      [['--user', ''], /empty/],
      [['--access', '300.1.1.1'], /300\.1\.1\.1/],
      [['--current-ip', '--access', '10.0.0.0/8'], /--current-ip or --access, not both/],
      [['--ttl', '0'], /--ttl/],
      [['--ttl', '9d'], /at most one week/],
      [['--cluster', 'bad_name!'], /invalid --cluster "bad_name!"/],
      [['--wait-timeout', '10'], /--wait-timeout goes with --wait/],
    ] as const) {
      await expectRefusedBeforeSending(sim, ['setup', '--project', 'x', ...args], msg);
    }
  });

  it('never prompts without a terminal, and CI=true on a terminal does not either (nothing to ask: defaults apply)', async () => {
    const r = await runCli(['setup', '--project', 'ci-45', '--dry-run'], { sim, env: { ...env, CI: 'true' } });
    expect(r.code).toBe(0);
  });
});

describe('help', () => {
  it('the root help lists setup; cluster help lists connect; both have examples', async () => {
    const root = await runCli(['--help']);
    expect(root.stdout).toMatch(/^ {2}setup \[options\] +reuse or create a project/m);
    const cluster = await runCli(['cluster', '--help']);
    expect(cluster.stdout).toMatch(/^ {2}connect \[options\] <name> \[command\.\.\.\]/m);
    for (const args of [
      ['setup', '--help'],
      ['cluster', 'connect', '--help'],
    ]) {
      const r = await runCli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/\nExamples:\n {2}\$ atlascli /);
    }
  });
});
