import { describe, expect, it } from 'vitest';
import { runCli, spawnWrapper, tempDir } from '../helpers/cli.js';
import { apiRequests, servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';
import { groupAlive } from '../../src/commands/run-command.js';

const env = { ATLASCLI_POLL_MS: '20' };
const PROJECT = 'b0123456789abcdef012345b';
const LIST = `/api/atlas/v2/groups/${PROJECT}/accessList`;

const sim = sharedSimulator({ port: 0, stepMs: 50 });

/** Requests the CLI sent, the non-spec ipinfo look-up included. */
const sent = (since = 0) => sim.requests.slice(since).filter((r) => r.status !== 401);

describe('whitelist (access-list)', () => {
  it('list -o json prints every entry as served; the alias access-list is the same command', async () => {
    const r = await runCli(['access-list', 'list', '-o', 'json'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(await servedAll(sim, LIST));
  });

  it('1,234 entries print as one JSON array built from ceil(1234/500) = 3 page requests', async () => {
    for (let i = 0; i < 1234; i++) {
      const block = `10.${Math.floor(i / 256)}.${i % 256}.0/24`;
      sim.state.accessList.set(`${PROJECT}/${block}`, { groupId: PROJECT, cidrBlock: block, activeAt: 0 });
    }
    const before = sim.requests.length;
    const r = await runCli(['whitelist', 'list', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toHaveLength(1236);
    const gets = apiRequests(sim, before).filter((q) => q.operationId === 'listGroupAccessListEntries');
    expect(gets).toHaveLength(3);
    expect(gets.map((q) => q.query.itemsPerPage)).toEqual(['500', '500', '500']);
  });

  it('get sends a CIDR block with its / as %2F, and the table shows the entry', async () => {
    const before = sim.requests.length;
    const r = await runCli(['whitelist', 'get', '10.8.0.0/16'], { sim });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ENTRY\s+CIDR BLOCK\s+COMMENT\s+EXPIRES\n10\.8\.0\.0\/16\s+10\.8\.0\.0\/16\s+VPN/);
    const [get] = apiRequests(sim, before);
    expect(get!.path).toBe(`${LIST}/10.8.0.0%2F16`);
  });

  it('a missing entry exits 4 with Atlas’s errorCode', async () => {
    const r = await runCli(['whitelist', 'get', '192.0.2.1'], { sim });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/404 ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND: IP Address 192\.0\.2\.1 not on Atlas access list/);
  });

  it('add sends every entry in one request, says which existed already, and --wait polls each status until ACTIVE', async () => {
    const before = sim.requests.length;
    const r = await runCli(['whitelist', 'add', '203.0.113.10', '192.0.2.0/24', '--comment', 'ci', '--ttl', '2h', '--wait', '-o', 'json'], { sim, env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/added 192\.0\.2\.0\/24 to the access list/);
    expect(r.stderr).toMatch(/already on the access list: 203\.0\.113\.10/);
    const posts = apiRequests(sim, before).filter((q) => q.method === 'POST');
    expect(posts).toHaveLength(1);
    const body = posts[0]!.body as Array<Record<string, string>>;
    expect(body.map((b) => b.ipAddress ?? b.cidrBlock)).toEqual(['203.0.113.10', '192.0.2.0/24']);
    expect(body.every((b) => b.comment === 'ci' && Date.parse(b.deleteAfterDate!) - Date.now() > 7_100_000)).toBe(true);
    const statuses = apiRequests(sim, before).filter((q) => q.operationId === 'getGroupAccessListStatus');
    expect(statuses.map((q) => q.path)).toContain(`${LIST}/192.0.2.0%2F24/status`);
    expect(r.json().map((d: { cidrBlock: string }) => d.cidrBlock)).toEqual(['203.0.113.10/32', '192.0.2.0/24']);
  });

  it('add --current-ip asks Atlas for the caller’s address (GET /api/private/ipinfo) and adds it', async () => {
    sim.state.callerIp = '203.0.113.99';
    const before = sim.requests.length;
    const r = await runCli(['whitelist', 'add', '--current-ip', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const reqs = sent(before);
    const info = reqs.find((q) => q.path === '/api/private/ipinfo');
    expect(info).toMatchObject({ method: 'GET', accept: 'application/json', status: 200 });
    expect(reqs.find((q) => q.method === 'POST')!.body).toEqual([{ ipAddress: '203.0.113.99' }]);
    expect(r.json()[0]).toMatchObject({ ipAddress: '203.0.113.99', cidrBlock: '203.0.113.99/32' });
  });

  it('delete asks on a terminal, refuses without one, and with --force deletes each entry', async () => {
    const before = sim.requests.length;
    let r = await runCli(['whitelist', 'delete', '203.0.113.10'], { sim });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/without --force/);
    expect(sim.requests.length).toBe(before);
    // --current-ip needs a request to know the address: the refusal comes before it
    r = await runCli(['whitelist', 'delete', '--current-ip'], { sim });
    expect(r.code).toBe(2);
    expect(sim.requests.length).toBe(before);
    r = await runCli(['org', 'api-keys', 'access-list', 'delete', 'f0123456789abcdef012345f', '--current-ip'], { sim });
    expect(r.code).toBe(2);
    expect(sim.requests.length).toBe(before);
    r = await runCli(['whitelist', 'delete', '203.0.113.10', '10.8.0.0/16', '--force'], { sim });
    expect(r.code).toBe(0);
    expect(apiRequests(sim, before).map((q) => `${q.method} ${q.path}`)).toEqual([`DELETE ${LIST}/203.0.113.10`, `DELETE ${LIST}/10.8.0.0%2F16`]);
  });

  it('bad input exits 2 with one line and sends nothing', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['whitelist', 'add', '300.1.1.1'], /invalid address "300\.1\.1\.1"/],
      [['whitelist', 'add', '2001:db8::zz'], /invalid address/],
      [['whitelist', 'add', '10.0.0.0/40'], /prefix length must be 0 to 32/],
      [['whitelist', 'add', '10.1.2.3/8'], /host bits are set; the network address is 10\.0\.0\.0\/8/],
      [['whitelist', 'add', '10.0.0.1', '--comment', 'x'.repeat(81)], /--comment is 81 characters long/],
      [['whitelist', 'add', '10.0.0.1', '--delete-after', '2020-01-01'], /not in the future/],
      [['whitelist', 'add', '10.0.0.1', '--ttl', '8d'], /at most one week/],
      [['whitelist', 'add'], /nothing to add/],
      [['whitelist', 'delete', '10.0.0.0/33', '--force'], /prefix length/],
      [['whitelist', 'get', 'nope'], /invalid address/],
      [['whitelist', 'exec', '--ttl', '9d', '--', 'true'], /at most one week/],
      [['whitelist', 'exec', '--comment', 'y'.repeat(56), '--', 'true'], /56 characters long: whitelist exec keeps at most 55/],
    ];
    for (const [args, msg] of cases) {
      const before = sim.requests.length;
      const r = await runCli(args, { sim });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(sim.requests.length, args.join(' ')).toBe(before);
    }
  });

  it('--dry-run prints the POST and sends nothing to the access list', async () => {
    const before = sim.requests.length;
    const r = await runCli(['whitelist', 'add', '198.51.100.7', '--dry-run', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ dryRun: true, method: 'POST', body: [{ ipAddress: '198.51.100.7' }] });
    expect(sim.requests.length).toBe(before);
  });
});

describe('whitelist exec', () => {
  it('adds the caller’s address with a TTL, waits until ACTIVE, runs the command with stdio passed through, removes the entry', async () => {
    sim.state.callerIp = '203.0.113.50';
    const before = sim.requests.length;
    const r = await runCli(['whitelist', 'exec', '--current-ip', '--', process.execPath, '-e', 'process.stdin.pipe(process.stdout)'], { sim, env, stdin: 'through\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('through\n');
    const ops = sent(before).map((q) => q.operationId ?? q.path);
    expect(ops[0]).toBe('/api/private/ipinfo');
    expect(ops).toContain('createGroupAccessListEntry');
    expect(ops.at(-1)).toBe('deleteGroupAccessListEntry');
    expect(ops.indexOf('getGroupAccessListStatus')).toBeLessThan(ops.indexOf('deleteGroupAccessListEntry'));
    const post = sent(before).find((q) => q.method === 'POST')!;
    const [item] = post.body as Array<{ ipAddress: string; deleteAfterDate: string; comment: string }>;
    expect(item!.ipAddress).toBe('203.0.113.50');
    expect(Date.parse(item!.deleteAfterDate) - Date.now()).toBeGreaterThan(3_500_000);
    expect(Date.parse(item!.deleteAfterDate) - Date.now()).toBeLessThanOrEqual(3_600_000);
    expect(sim.state.accessList.has(`${PROJECT}/203.0.113.50/32`)).toBe(false);
  });

  it('a failing command: the entry is removed and atlascli exits with the command’s code', async () => {
    sim.state.callerIp = '203.0.113.51';
    const r = await runCli(['whitelist', 'exec', '--', process.execPath, '-e', 'process.exit(7)'], { sim, env });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/exited with code 7/);
    const del = sim.requests.filter((q) => q.method === 'DELETE' && q.status === 204);
    expect(del.map((q) => q.path)).toEqual([`${LIST}/203.0.113.51`]);
  });

  it('--dry-run prints the POST and the DELETE it would send, runs nothing, changes nothing and echoes no argument', async () => {
    sim.state.callerIp = '203.0.113.54';
    const before = sim.requests.length;
    const marker = tempDir();
    const r = await runCli(
      [
        'whitelist',
        'exec',
        '--dry-run',
        '-o',
        'jsonl',
        '--',
        process.execPath,
        '-e',
        `require('fs').writeFileSync(${JSON.stringify(`${marker}/ran`)}, '')`,
        'mongodb+srv://u:hunter2@x.example.net',
      ],
      { sim, env },
    );
    expect(r.code).toBe(0);
    const docs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(docs.map((d) => [d.dryRun, d.method, d.url])).toEqual([
      [true, 'POST', `${sim.url}${LIST}`],
      [true, 'DELETE', `${sim.url}${LIST}/203.0.113.54`],
    ]);
    // the comment holds this run's lease (shared-entry.ts): 4 characters of id, the minute its TTL ends
    expect(docs[0].body).toEqual([expect.objectContaining({ ipAddress: '203.0.113.54', comment: expect.stringMatching(/^atlascli exec [0-9a-z]{9}$/) })]);
    expect(r.stderr).toMatch(/was not run/);
    expect(r.stderr + r.stdout).not.toMatch(/hunter2/);
    expect(sent(before).map((q) => q.method)).toEqual(['GET', 'GET']);
    expect(sim.state.accessList.has(`${PROJECT}/203.0.113.54/32`)).toBe(false);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(marker)).toEqual([]);
  });

  it('--dry-run on a table says once that nothing was sent', async () => {
    sim.state.callerIp = '203.0.113.56';
    const r = await runCli(['whitelist', 'exec', '--dry-run', '--', 'true'], { sim, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^POST .*\/accessList\n/);
    expect(r.stdout).toMatch(/\nDELETE .*\/accessList\/203\.0\.113\.56\n/);
    expect(r.stderr.match(/nothing was sent/g)).toHaveLength(1);
  });

  it('a command that cannot run exits 127 before the access list is touched', async () => {
    const before = sim.requests.length;
    const r = await runCli(['whitelist', 'exec', '--', 'no-such-command-atlascli'], { sim, env });
    expect([r.code, r.stderr]).toEqual([127, 'atlascli: cannot run no-such-command-atlascli: no such command (hint: check the command after -- (and PATH); nothing was sent)\n']);
    expect(sim.requests.length).toBe(before);
  });

  it('a command killed by a signal is reported as such, with 128 + the signal number', async () => {
    sim.state.callerIp = '203.0.113.57';
    const r = await runCli(['whitelist', 'exec', '--', process.execPath, '-e', 'process.kill(process.pid, "SIGKILL")'], { sim, env });
    expect(r.code).toBe(137);
    expect(r.stderr).toMatch(/was killed by SIGKILL \(exit 137\)/);
    expect(sim.state.accessList.has(`${PROJECT}/203.0.113.57/32`)).toBe(false);
  });

  it('an entry that existed before is left in place', async () => {
    sim.state.callerIp = '203.0.113.10';
    const before = sim.requests.length;
    const r = await runCli(['whitelist', 'exec', '--', process.execPath, '-e', ''], { sim, env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/already on the access list.*stays there/);
    expect(sent(before).filter((q) => q.method === 'POST' || q.method === 'DELETE')).toEqual([]);
  });

  const CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  const IPS = { SIGINT: '203.0.113.52', SIGTERM: '203.0.113.53', SIGHUP: '203.0.113.55' } as const;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} while the command runs: the command is stopped, the entry removed, exit ${CODES[signal]}`, async () => {
      sim.state.callerIp = IPS[signal];
      const { child, commandPid, closed } = await spawnWrapper(['whitelist', 'exec'], { sim, env });
      // only atlascli gets the signal (as from `kill`, a CI runner, or a closed terminal); it passes it on
      child.kill(signal);
      expect(await closed).toBe(CODES[signal]);
      const dels = sim.requests.filter((q) => q.method === 'DELETE');
      expect(dels.map((q) => `${q.path} ${q.status}`)).toContain(`${LIST}/${sim.state.callerIp} 204`);
      expect(sim.state.accessList.has(`${PROJECT}/${sim.state.callerIp}/32`)).toBe(false);
      // the command is gone too
      // the command's group has no running process (a zombie, the command reparented to PID 1
      // when atlascli exits before reaping it, answers kill(pid, 0) until PID 1 reaps it)
      expect(groupAlive(commandPid)).toBe(false);
    });
  }
});
