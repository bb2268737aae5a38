/**
 * Runs that share something (issue 17, "Runs that share something"): each test spawns
 * real `bin/atlascli.js` processes against the simulator, because the processes
 * themselves are the subject. The commands they run write files and wait for files, so
 * the tests wait on observable events (a file, a request in sim.requests, the state of
 * the simulator), each with a generous deadline, never on a margin of milliseconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import { parseLeaseComment } from '../../src/commands/whitelist/lease.js';
import { BIN, simEnv, tempDir } from '../helpers/cli.js';
import { sharedSimulator } from '../helpers/simulator.js';

const PROJECT = 'b0123456789abcdef012345b';
const LIST = `/api/atlas/v2/groups/${PROJECT}/accessList`;
/** ATLASCLI_POLL_MS 20: fast waits; the lease check while the command runs is then every 500 ms (its floor). */
const FAST = { ATLASCLI_POLL_MS: '20' };

// tokenRateLimit as Atlas's (a guess: see src/simulator/auth.ts): ten tokens a minute per service account
const sim = sharedSimulator({ port: 0, stepMs: 50, tokenRateLimit: { limit: 10, windowMs: 60_000 } });

interface Run {
  child: ChildProcess;
  stderr: () => string;
  /** atlascli has ended and its stdout and stderr are closed (by every process that shared them) */
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** atlascli has ended (a command it left behind may still hold its stdout) */
  exited: Promise<number | null>;
}

/** Environment of a spawned run: nothing of the caller's Atlas settings, a config folder of its own unless given. */
function runEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(ATLAS_|MONGODB_ATLAS_)/.test(k) && k !== 'CI') env[k] = v;
  Object.assign(env, { XDG_CONFIG_HOME: tempDir('atlascli-config-') }, simEnv(sim), FAST);
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

function start(args: string[], env: NodeJS.ProcessEnv = runEnv()): Run {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => stderr, done, exited };
}

/** Polls `ok` every 20 ms until it holds; fails after `ms` (generous: a busy machine is slow, never wrong). */
async function until(ok: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A command that writes `<dir>/<name>.started` (with its pid), then waits until
 * `<dir>/<name>.go` exists and exits 0.
 */
function waitingCommand(dir: string, name: string): string[] {
  const started = JSON.stringify(join(dir, `${name}.started`));
  const go = JSON.stringify(join(dir, `${name}.go`));
  return [
    process.execPath,
    '-e',
    `const fs = require('fs'); fs.writeFileSync(${started}, String(process.pid)); const t = setInterval(() => { if (fs.existsSync(${go})) clearInterval(t); }, 20);`,
  ];
}

const entryKey = (ip: string) => `${PROJECT}/${ip}/32`;
const entry = (ip: string) => sim.state.accessList.get(entryKey(ip));
const leases = (ip: string) => parseLeaseComment(entry(ip)?.comment)?.leases.map((l) => l.id) ?? [];
const deletes = () => sim.requests.filter((q) => q.method === 'DELETE' && q.path.startsWith(LIST));

/** Whether `pid` is a running process (a zombie, which its parent or PID 1 has not reaped yet, is not). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!);
  } catch {
    return false;
  }
}

describe('two whitelist exec runs behind one address share the entry', () => {
  it('the first run out leaves the entry to the run still using it; the last one out removes it', async () => {
    const ip = '203.0.113.60';
    sim.state.callerIp = ip;
    const dir = tempDir();
    const a = start(['whitelist', 'exec', '--comment', 'job A', '--', ...waitingCommand(dir, 'a')]);
    await until(() => existsSync(join(dir, 'a.started')), 'A’s command started');
    expect(leases(ip)).toHaveLength(1);
    const [leaseA] = leases(ip);
    expect(entry(ip)!.comment).toMatch(/^atlascli exec [0-9a-z]{9}; job A$/);

    const b = start(['whitelist', 'exec', '--comment', 'job B', '--', ...waitingCommand(dir, 'b')]);
    await until(() => existsSync(join(dir, 'b.started')), 'B’s command started');
    expect(leases(ip)).toHaveLength(2);
    const leaseB = leases(ip).find((id) => id !== leaseA)!;
    // the note of the run that made the entry stays
    expect(entry(ip)!.comment).toMatch(/; job A$/);
    expect(b.stderr()).toMatch(/203\.0\.113\.60 is on the access list of project \S+ for other atlascli runs too; this run holds it until/);

    writeFileSync(join(dir, 'a.go'), '');
    const ra = await a.done;
    expect(ra.code).toBe(0);
    expect(ra.stderr).toMatch(/left 203\.0\.113\.60 on the access list of project \S+: 1 other atlascli run holds it \(it expires at \S+\)/);
    // B's command still runs: the entry is there, with B's lease alone, and nobody sent a DELETE
    expect(existsSync(join(dir, 'b.go'))).toBe(false);
    expect(leases(ip)).toEqual([leaseB]);
    expect(deletes()).toEqual([]);

    writeFileSync(join(dir, 'b.go'), '');
    const rb = await b.done;
    expect(rb.code).toBe(0);
    expect(rb.stderr).toMatch(/removed 203\.0\.113\.60 from the access list/);
    expect(entry(ip)).toBeUndefined();
    expect(deletes().map((q) => `${q.path} ${q.status}`)).toEqual([`${LIST}/${ip} 204`]);
  }, 90_000);

  it('two runs starting at the same moment both end up on the entry before their commands run on', async () => {
    const ip = '203.0.113.61';
    sim.state.callerIp = ip;
    const dir = tempDir();
    const a = start(['whitelist', 'exec', '--', ...waitingCommand(dir, 'a')]);
    const b = start(['whitelist', 'exec', '--', ...waitingCommand(dir, 'b')]);
    await until(() => existsSync(join(dir, 'a.started')) && existsSync(join(dir, 'b.started')), 'both commands started');
    // a lease lost to a write made at the same moment is written back (join reads back; the check while the command runs repairs)
    await until(() => leases(ip).length === 2, 'both leases are on the entry');
    writeFileSync(join(dir, 'a.go'), '');
    expect((await a.done).code).toBe(0);
    expect(entry(ip)).toBeDefined();
    writeFileSync(join(dir, 'b.go'), '');
    expect((await b.done).code).toBe(0);
    expect(entry(ip)).toBeUndefined();
    expect(deletes().filter((q) => q.status === 204)).toHaveLength(1);
  }, 90_000);

  it('a lease lost to another run’s write is written back, and an entry removed under a running command is added again', async () => {
    const ip = '203.0.113.62';
    sim.state.callerIp = ip;
    const dir = tempDir();
    const a = start(['whitelist', 'exec', '--', ...waitingCommand(dir, 'a')]);
    await until(() => existsSync(join(dir, 'a.started')), 'the command started');
    const [mine] = leases(ip);
    // what a write made at the same moment by another run leaves: its lease, not ours (Atlas has no compare-and-swap)
    const other = `zzzz${Math.ceil((Date.now() + 600_000) / 60_000).toString(36)}`;
    entry(ip)!.comment = `atlascli exec ${other}`;
    await until(() => leases(ip).includes(mine!), 'the lease is written back');
    expect(leases(ip)).toEqual(['zzzz', mine]);
    // removed under the command (another run that believed it was the last one out)
    sim.state.accessList.delete(entryKey(ip));
    await until(() => entry(ip) !== undefined, 'the entry is added again');
    await until(() => /was removed while the command runs; adding it again/.test(a.stderr()), 'the warning');
    expect(leases(ip)).toEqual([mine]);
    writeFileSync(join(dir, 'a.go'), '');
    const r = await a.done;
    expect(r.code).toBe(0);
    expect(entry(ip)).toBeUndefined();
  }, 90_000);

  it('a run killed outright leaves its lease: the next run does not remove the entry, which expires with the dead run’s TTL', async () => {
    const ip = '203.0.113.63';
    sim.state.callerIp = ip;
    const dir = tempDir();
    const dead = start(['whitelist', 'exec', '--ttl', '30m', '--', ...waitingCommand(dir, 'dead')]);
    await until(() => existsSync(join(dir, 'dead.started')), 'the command started');
    const commandPid = Number(readFileSync(join(dir, 'dead.started'), 'utf8'));
    dead.child.kill('SIGKILL'); // nothing of atlascli runs after this: no lease given back
    await dead.exited;
    try {
      const r = await start(['whitelist', 'exec', '--ttl', '10m', '--', process.execPath, '-e', '']).done;
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/left 203\.0\.113\.63 on the access list of project \S+: 1 other atlascli run holds it \(it expires at \S+\)/);
      expect(deletes()).toEqual([]);
      expect(leases(ip)).toHaveLength(1);
      // the TTL backstop: deleteAfterDate is the dead run's 30 minutes (to the minute), not more
      const left = Date.parse(entry(ip)!.deleteAfterDate!) - Date.now();
      expect(left).toBeGreaterThan(28 * 60_000);
      expect(left).toBeLessThanOrEqual(31 * 60_000);
    } finally {
      process.kill(-commandPid, 'SIGKILL'); // the dead run's command, in its own process group
    }
  }, 90_000);

  it('an entry someone else made (a comment not in the lease form) is never changed or removed', async () => {
    sim.state.callerIp = '203.0.113.10'; // seeded, comment "office", no expiry
    const r = await start(['whitelist', 'exec', '--', process.execPath, '-e', '']).done;
    expect(r.code).toBe(0);
    expect(sim.requests.filter((q) => q.method === 'POST' || q.method === 'DELETE')).toEqual([]);
    expect(entry('203.0.113.10')).toMatchObject({ comment: 'office' });
    expect(entry('203.0.113.10')!.deleteAfterDate).toBeUndefined();
  }, 60_000);
});

describe('SIGTERM sent to atlascli alone', () => {
  it('stops the command’s whole process group, grandchildren too, and waits for it before the entry is removed; exit 143', async () => {
    const ip = '203.0.113.64';
    sim.state.callerIp = ip;
    const dir = tempDir();
    const file = (n: string) => JSON.stringify(join(dir, n));
    // the grandchild: on SIGTERM it says so, then ends only once the test says go
    const grandchild = join(dir, 'grandchild.js');
    writeFileSync(
      grandchild,
      `const fs = require('fs');
process.on('SIGTERM', () => {
  fs.writeFileSync(${file('stopping')}, '');
  setInterval(() => { if (fs.existsSync(${file('go')})) process.exit(0); }, 20);
});
fs.writeFileSync(${file('grandchild.pid')}, String(process.pid));
setInterval(() => {}, 1000);`,
    );
    // the command: starts the grandchild (same process group) and waits
    const command = [
      process.execPath,
      '-e',
      `require('child_process').spawn(process.execPath, [${JSON.stringify(grandchild)}], { stdio: 'inherit' }); setInterval(() => {}, 1000);`,
    ];
    const run = start(['whitelist', 'exec', '--', ...command]);
    await until(() => existsSync(join(dir, 'grandchild.pid')), 'the grandchild started');
    const pid = Number(readFileSync(join(dir, 'grandchild.pid'), 'utf8'));
    expect(entry(ip)).toBeDefined();

    run.child.kill('SIGTERM'); // atlascli's pid only, not its group (as `kill <pid>` or a CI runner does)
    await until(() => existsSync(join(dir, 'stopping')), 'the grandchild got SIGTERM');
    // the grandchild still runs: the entry is still there
    expect(running(pid)).toBe(true);
    expect(deletes()).toEqual([]);
    expect(entry(ip)).toBeDefined();

    writeFileSync(join(dir, 'go'), '');
    const r = await run.done;
    expect(r.code).toBe(143);
    expect(running(pid)).toBe(false);
    expect(deletes().map((q) => `${q.path} ${q.status}`)).toEqual([`${LIST}/${ip} 204`]);
    expect(entry(ip)).toBeUndefined();
  }, 90_000);

  it('a second SIGTERM exits at once and takes the whole group down with SIGKILL (the entry is left to its TTL)', async () => {
    const ip = '203.0.113.68';
    sim.state.callerIp = ip;
    const dir = tempDir();
    const file = (n: string) => JSON.stringify(join(dir, n));
    // a grandchild that ignores SIGTERM
    const grandchild = join(dir, 'stubborn.js');
    writeFileSync(
      grandchild,
      `const fs = require('fs'); process.on('SIGTERM', () => fs.writeFileSync(${file('stopping')}, '')); fs.writeFileSync(${file('pid')}, String(process.pid)); setInterval(() => {}, 1000);`,
    );
    const command = [
      process.execPath,
      '-e',
      `require('child_process').spawn(process.execPath, [${JSON.stringify(grandchild)}], { stdio: 'inherit' }); setInterval(() => {}, 1000);`,
    ];
    const run = start(['whitelist', 'exec', '--ttl', '20m', '--', ...command]);
    await until(() => existsSync(join(dir, 'pid')), 'the grandchild started');
    const pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
    run.child.kill('SIGTERM');
    await until(() => existsSync(join(dir, 'stopping')), 'the grandchild got the first SIGTERM');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(143);
    await until(() => !running(pid), 'the grandchild is gone');
    expect(deletes()).toEqual([]);
    expect(Date.parse(entry(ip)!.deleteAfterDate!) - Date.now()).toBeLessThanOrEqual(20 * 60_000);
  }, 90_000);

  it('a command that exits leaves nothing running in its group: what it started in the background is stopped before the entry goes', async () => {
    const ip = '203.0.113.65';
    sim.state.callerIp = ip;
    const dir = tempDir();
    const pidFile = join(dir, 'bg.pid');
    const command = [
      process.execPath,
      '-e',
      `const c = require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(c.pid)); c.unref();`,
    ];
    const r = await start(['whitelist', 'exec', '--', ...command]).done;
    expect(r.code).toBe(0);
    expect(running(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
    expect(entry(ip)).toBeUndefined();
  }, 60_000);
});

describe('the command’s environment', () => {
  const printEnv = [process.execPath, '-e', 'console.log(JSON.stringify(Object.keys(process.env).filter((k) => /^(ATLAS|MONGODB_ATLAS)_/.test(k)).sort()))'];
  // beside atlascli's own (ATLAS_PUBLIC_KEY, ATLAS_PRIVATE_KEY): the Terraform provider's keys, and a token
  const others = {
    MONGODB_ATLAS_PUBLIC_KEY: 'tf-public',
    MONGODB_ATLAS_PRIVATE_KEY: 'tf-private-secret',
    ATLAS_ACCESS_TOKEN: 'token-secret',
  };

  it('holds no Atlas credentials (keys, secrets, client ids, tokens); stderr names what was withheld, never a value', async () => {
    sim.state.callerIp = '203.0.113.66';
    const r = await start(['whitelist', 'exec', '--', ...printEnv], runEnv(others)).done;
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(['ATLAS_BASE_URL', 'ATLAS_ORG_ID', 'ATLAS_PROJECT_ID']);
    expect(r.stderr).toMatch(
      /the command runs without the Atlas credentials \(ATLAS_ACCESS_TOKEN, ATLAS_PRIVATE_KEY, ATLAS_PUBLIC_KEY, MONGODB_ATLAS_PRIVATE_KEY, MONGODB_ATLAS_PUBLIC_KEY\); --pass-credentials passes them on/,
    );
    for (const secret of [...Object.values(others), sim.credentials.privateKey]) expect(r.stderr + r.stdout).not.toContain(secret);
  }, 60_000);

  it('--pass-credentials passes them on, as the contract says', async () => {
    sim.state.callerIp = '203.0.113.67';
    const r = await start(['whitelist', 'exec', '--pass-credentials', '--', ...printEnv], runEnv(others)).done;
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      'ATLAS_ACCESS_TOKEN',
      'ATLAS_BASE_URL',
      'ATLAS_ORG_ID',
      'ATLAS_PRIVATE_KEY',
      'ATLAS_PROJECT_ID',
      'ATLAS_PUBLIC_KEY',
      'MONGODB_ATLAS_PRIVATE_KEY',
      'MONGODB_ATLAS_PUBLIC_KEY',
    ]);
    expect(r.stderr).not.toMatch(/without the Atlas credentials/);
  }, 60_000);
});

describe('twenty service-account runs starting at once with no cached token', () => {
  it('mint one token between them (one request under a lock; the others read it from the cache)', async () => {
    const config = tempDir('atlascli-config-');
    const env = runEnv({
      XDG_CONFIG_HOME: config,
      ATLAS_PUBLIC_KEY: undefined,
      ATLAS_PRIVATE_KEY: undefined,
      ATLAS_CLIENT_ID: sim.credentials.clientId,
      ATLAS_CLIENT_SECRET: sim.credentials.clientSecret,
    });
    const runs = Array.from({ length: 20 }, () => start(['project', 'get', '-o', 'json'], env));
    const results = await Promise.all(runs.map((r) => r.done));
    for (const r of results) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ id: PROJECT });
    }
    const tokens = sim.requests.filter((q) => q.path === '/api/oauth/token');
    expect(tokens.map((q) => q.status)).toEqual([200]);
    expect(sim.requests.filter((q) => q.auth === 'bearer' && q.status === 200)).toHaveLength(20);
  }, 120_000);

  it('a service account at Atlas’s cap of 100 active tokens: exit 3 with Atlas’s words and what to do', async () => {
    const capped = await startSimulator({ tokenRateLimit: { limit: 1000, windowMs: 60_000 } });
    try {
      const basic = Buffer.from(`${capped.credentials.clientId}:${capped.credentials.clientSecret}`).toString('base64');
      for (let i = 0; i < 100; i++) {
        const res = await fetch(`${capped.url}/api/oauth/token`, {
          method: 'POST',
          headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=client_credentials',
        });
        expect(res.status).toBe(200);
      }
      const env = runEnv({
        ...simEnv(capped),
        ATLAS_PUBLIC_KEY: undefined,
        ATLAS_PRIVATE_KEY: undefined,
        ATLAS_CLIENT_ID: capped.credentials.clientId,
        ATLAS_CLIENT_SECRET: capped.credentials.clientSecret,
      });
      const r = await start(['project', 'get'], env).done;
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(
        /POST \/api\/oauth\/token failed: 403 access_denied: Access Token limit reached\. Please use the existing Access Tokens or create a new Service Account\./,
      );
      expect(r.stderr).toMatch(/hint: service account mdb_sa_id_aa0123456789abcdef0123aa holds as many access tokens as Atlas allows/);
      expect(r.stderr).not.toContain(capped.credentials.clientSecret);
    } finally {
      await capped.close();
    }
  }, 60_000);
});
