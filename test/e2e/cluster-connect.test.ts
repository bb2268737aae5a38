/**
 * `cluster connect`: a temporary user and access-list entry around one command
 * (issue 19, brackets; contract "CI brackets").
 */
import { spawn } from 'node:child_process';
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import { BIN, runCli, simEnv, spawnWrapper, tempDir } from '../helpers/cli.js';
import { apiRequests, until } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';
import { groupAlive } from '../../src/commands/run-command.js';

const env = { ATLASCLI_POLL_MS: '20' };
const PROJECT = 'b0123456789abcdef012345b';
const LIST = `/api/atlas/v2/groups/${PROJECT}/accessList`;
const USERS = `/api/atlas/v2/groups/${PROJECT}/databaseUsers`;

const sim = sharedSimulator({ port: 0, stepMs: 50 });

const temporaryUsers = () => [...sim.state.databaseUsers.keys()].filter((k) => k.includes('atlascli-connect-'));
/** A command that prints what it got: MONGODB_URI's form (not its secret), its argv, and whether Atlas keys reached it. */
const REPORT = `const u = process.env.MONGODB_URI || ''; console.log(JSON.stringify({ form: u.replace(/\\/\\/[^:]+:[^@]+@/, '//USER:PASS@'), argv: process.argv.slice(1), key: process.env.ATLAS_PRIVATE_KEY ?? null, user: decodeURIComponent((/\\/\\/([^:]+):/.exec(u) || [])[1] || '') }))`;

describe('cluster connect', () => {
  it('creates a scoped temporary user and an entry, runs the command with MONGODB_URI, removes both, exit 0', async () => {
    sim.state.callerIp = '203.0.113.60';
    const before = sim.requests.length;
    const r = await runCli(['cluster', 'connect', 'Cluster0', '--role', 'read@sales', '--', process.execPath, '-e', REPORT], { sim, env });
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout) as { form: string; argv: string[]; key: string | null; user: string };
    expect(got.form).toMatch(/^mongodb\+srv:\/\/USER:PASS@cluster0\./);
    expect(got.argv).toEqual([]);
    expect(got.key).toBeNull(); // the Atlas credentials are not passed on
    expect(got.user).toMatch(/^atlascli-connect-[0-9a-z]{6}$/);
    const sent = apiRequests(sim, before);
    const post = sent.find((q) => q.method === 'POST' && q.path === USERS)!;
    const body = post.body as { roles: unknown; scopes: unknown; deleteAfterDate: string; username: string; password: string };
    expect(body.username).toBe(got.user);
    expect(body.roles).toEqual([{ roleName: 'read', databaseName: 'sales' }]);
    expect(body.scopes).toEqual([{ name: 'Cluster0', type: 'CLUSTER' }]);
    expect(Date.parse(body.deleteAfterDate) - Date.now()).toBeGreaterThan(3_500_000);
    expect(Date.parse(body.deleteAfterDate) - Date.now()).toBeLessThanOrEqual(3_600_000);
    // the password is nowhere on screen
    expect(r.stdout + r.stderr).not.toContain(body.password);
    const dels = sent.filter((q) => q.method === 'DELETE').map((q) => `${q.path} ${q.status}`);
    expect(dels).toEqual(expect.arrayContaining([`${USERS}/admin/${got.user} 204`, `${LIST}/203.0.113.60 204`]));
    // the command ran only once the entry was ACTIVE and the cluster had applied the user
    const ops = sent.map((q) => q.operationId);
    expect(ops.indexOf('getGroupAccessListStatus')).toBeLessThan(ops.indexOf('deleteGroupDatabaseUser'));
    expect(ops).toContain('getGroupClusterStatus');
    expect(temporaryUsers()).toEqual([]);
    expect(sim.state.accessList.has(`${PROJECT}/203.0.113.60/32`)).toBe(false);
  });

  it('the default role is readWriteAnyDatabase@admin; a failing command: both removed, exit with its code', async () => {
    sim.state.callerIp = '203.0.113.61';
    const before = sim.requests.length;
    const r = await runCli(['cluster', 'connect', 'Cluster0', '--', process.execPath, '-e', 'process.exit(9)'], { sim, env });
    expect(r.code).toBe(9);
    expect(r.stderr).toMatch(/exited with code 9/);
    const post = apiRequests(sim, before).find((q) => q.method === 'POST' && q.path === USERS)!;
    expect((post.body as { roles: unknown }).roles).toEqual([{ roleName: 'readWriteAnyDatabase', databaseName: 'admin' }]);
    expect(temporaryUsers()).toEqual([]);
    expect(sim.state.accessList.has(`${PROJECT}/203.0.113.61/32`)).toBe(false);
  });

  it('--type standard: MONGODB_URI is the standard connection string with the credentials', async () => {
    sim.state.callerIp = '203.0.113.69';
    const r = await runCli(['cluster', 'connect', 'Cluster0', '--type', 'standard', '--', process.execPath, '-e', REPORT], { sim, env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).form).toMatch(/^mongodb:\/\/USER:PASS@[a-z0-9.-]+:27017,/);
  });

  it('an entry someone made that already allows the address (a wider block): no entry added or removed, the user still is', async () => {
    const added = await runCli(['whitelist', 'add', '203.0.113.0/24'], { sim });
    expect(added.code, added.stderr).toBe(0);
    sim.state.callerIp = '203.0.113.68';
    const before = sim.requests.length;
    const r = await runCli(['cluster', 'connect', 'Cluster0', '--', process.execPath, '-e', '0'], { sim, env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/203\.0\.113\.68 is allowed by 203\.0\.113\.0\/24 on the access list of project b0123456789abcdef012345b: no entry added/);
    const writes = apiRequests(sim, before)
      .filter((q) => q.method !== 'GET')
      .map((q) => `${q.method} ${q.path.replace(/atlascli-connect-[0-9a-z]+/, 'USER')}`);
    expect(writes).toEqual([`POST ${USERS}`, `DELETE ${USERS}/admin/USER`]);
    expect(sim.state.accessList.has(`${PROJECT}/203.0.113.0/24`)).toBe(true);
  });

  it('--debug traces never show the password nor MONGODB_URI', async () => {
    sim.state.callerIp = '203.0.113.62';
    const r = await runCli(['cluster', 'connect', 'Cluster0', '--debug', '--', process.execPath, '-e', 'console.log(process.env.MONGODB_URI)'], { sim, env });
    expect(r.code).toBe(0);
    const uri = r.stdout.trim();
    const password = decodeURIComponent(/:\/\/[^:]+:([^@]+)@/.exec(uri)![1]!);
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(r.stderr).toMatch(/POST .*databaseUsers/);
    expect(r.stderr).not.toContain(password);
  });

  it('--dry-run prints the requests with the password masked, sends nothing that changes anything, runs nothing', async () => {
    sim.state.callerIp = '203.0.113.63';
    const marker = tempDir();
    const before = sim.requests.length;
    const r = await runCli(
      ['cluster', 'connect', 'Cluster0', '--dry-run', '-o', 'jsonl', '--', process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(join(marker, 'ran'))}, '')`],
      { sim, env },
    );
    expect(r.code).toBe(0);
    const docs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { method: string; url: string; body?: unknown });
    expect(docs.map((d) => `${d.method} ${new URL(d.url).pathname.replace(/atlascli-connect-[0-9a-z]+/, 'USER')}`)).toEqual([
      `POST ${USERS}`,
      `POST ${LIST}`,
      `DELETE ${USERS}/admin/USER`,
      `DELETE ${LIST}/203.0.113.63`,
    ]);
    expect(JSON.stringify(docs[0]!.body)).toMatch(/"password":"\*+"|"password":"\[/);
    expect(apiRequests(sim, before).filter((q) => q.method !== 'GET')).toEqual([]);
    expect(() => statSync(join(marker, 'ran'))).toThrow();
  });

  it('a command that cannot run: exit 127, nothing sent', async () => {
    const before = sim.requests.length;
    const r = await runCli(['cluster', 'connect', 'Cluster0', '--', 'no-such-command-atlascli'], { sim, env });
    expect(r.code).toBe(127);
    expect(r.stderr).toMatch(/cannot run no-such-command-atlascli/);
    expect(sim.requests.length).toBe(before);
  });

  it('without a command and without mongosh on PATH: exit 2 saying so; with a mongosh on PATH it runs that', async () => {
    const before = sim.requests.length;
    const empty = tempDir();
    const r = await runCli(['cluster', 'connect', 'Cluster0'], { sim, env: { ...env, PATH: empty } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mongosh is not on PATH/);
    expect(sim.requests.length).toBe(before);
    const bin = tempDir();
    writeFileSync(join(bin, 'mongosh'), `#!${process.execPath}\nconsole.log('mongosh stand-in ' + (process.env.MONGODB_URI ? 'with URI' : 'without'))\n`);
    chmodSync(join(bin, 'mongosh'), 0o755);
    sim.state.callerIp = '203.0.113.64';
    const ok = await runCli(['cluster', 'connect', 'Cluster0'], { sim, env: { ...env, PATH: bin } });
    expect(ok.stderr).toMatch(/deleted the temporary database user/);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('mongosh stand-in with URI\n');
  });

  it('bad input exits 2 before any request', async () => {
    for (const [args, msg] of [
      [['--ttl', '0'], /invalid --ttl "0"/],
      [['--ttl', '8d'], /at most one week/],
      [['--ttl', 'soon'], /invalid --ttl "soon"/],
      [['--type', 'private'], /invalid --type "private" for cluster connect/],
      [['--role', 'read'], /role/],
      [['--role', ''], /empty/],
      [['--wait-timeout', '-3'], /wait-timeout/],
    ] as const) {
      const before = sim.requests.length;
      const r = await runCli(['cluster', 'connect', 'Cluster0', ...args, '--', 'true'], { sim, env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(sim.requests.length, args.join(' ')).toBe(before);
    }
    const bad = await runCli(['cluster', 'connect', 'bad_name!', '--', 'true'], { sim, env });
    expect(bad.code).toBe(2);
  });

  const CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  const IPS = { SIGINT: '203.0.113.65', SIGTERM: '203.0.113.66', SIGHUP: '203.0.113.67' } as const;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} while the command runs: the command is stopped, the user and the entry removed, exit ${CODES[signal]}`, async () => {
      sim.state.callerIp = IPS[signal];
      const { child, commandPid, closed, stderr } = await spawnWrapper(['cluster', 'connect', 'Cluster0'], { sim, env });
      expect(temporaryUsers()).toHaveLength(1);
      child.kill(signal);
      expect(await closed, stderr()).toBe(CODES[signal]);
      expect(temporaryUsers()).toEqual([]);
      expect(sim.state.accessList.has(`${PROJECT}/${IPS[signal]}/32`)).toBe(false);
      // the command's group has no running process (a zombie, the command reparented to PID 1
      // when atlascli exits before reaping it, answers kill(pid, 0) until PID 1 reaps it)
      expect(groupAlive(commandPid)).toBe(false);
    });
  }

  it('SIGTERM while waiting for the entry (before the command starts): the user and the entry are removed, the command never runs, exit 143', async () => {
    // a simulator whose entries stay PENDING: the run is still waiting when the signal comes
    const slow = await startSimulator({ port: 0, stepMs: 600_000 });
    try {
      slow.state.callerIp = '203.0.113.90';
      const marker = join(tempDir(), 'ran');
      const child = spawn(process.execPath, [BIN, 'cluster', 'connect', 'Cluster0', '--', process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`], {
        env: { ...process.env, ...simEnv(slow), ...env, XDG_CONFIG_HOME: tempDir() },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      await until(() => slow.requests.slice(0).some((q) => q.operationId === 'getGroupAccessListStatus'));
      child.kill('SIGTERM');
      expect(await closed, err).toBe(143);
      expect([...slow.state.databaseUsers.keys()].filter((k) => k.includes('atlascli-connect-'))).toEqual([]);
      expect(slow.state.accessList.has(`${PROJECT}/203.0.113.90/32`)).toBe(false);
      expect(() => statSync(marker)).toThrow();
    } finally {
      await slow.close();
    }
  });
});
