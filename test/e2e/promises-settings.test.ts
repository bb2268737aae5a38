/**
 * Issue 6, "Promises kept" — settings, config file and reporting: what a user notices
 * when they give an empty flag, half a credential, an absurd number, a name full of
 * control characters, a broken config file, a busy port, a full disk, or SIGTERM.
 */
import { spawn } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { SEED } from '../../src/simulator/seed.js';
import { BIN, runCli, simEnv, tempDir } from '../helpers/cli.js';
import { apiRequests, servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0, stepMs: 60_000, seed: { extraProjects: 1200 } }, { reset: false });

const oneLine = (s: string): void => expect(s.endsWith('\n') && s.trimEnd().split('\n').length === 1).toBe(true);

/** Runs the CLI and expects it to refuse with exit 2 before sending anything. */
async function refused(args: string[], opts: Parameters<typeof runCli>[1] = {}) {
  const before = sim.requests.length;
  const r = await runCli(args, { sim, ...opts });
  expect(r.code, r.stderr).toBe(2);
  oneLine(r.stderr);
  expect(sim.requests.length).toBe(before);
  return r;
}

describe('1. an empty flag is never a silent fallback', () => {
  it.each([
    ['--project'],
    ['--atlasgroup'],
    ['--org'],
    ['--output', '-o'],
    ['--profile'],
    ['--base-url'],
    ['--public-key'],
    ['--private-key'],
    ['--client-id'],
    ['--client-secret'],
    ['--format'],
    ['--fields'],
    ['--timeout'],
  ])('%s "" exits 2 naming the flag', async (flag, typed = flag) => {
    const r = await refused(['project', 'list', typed, '']);
    expect(r.stderr).toContain(flag);
  });
});

describe('2. half a credential pair is a usage error', () => {
  it('--client-id without a secret names --client-secret, with an API key in the environment', async () => {
    const r = await refused(['project', 'list', '--client-id', 'mdb_sa_id_x']);
    expect(r.stderr).toMatch(/incomplete credentials: --client-id .*--client-secret/);
  });

  it('each half resolves by precedence: a public key flag goes with the private key of the environment (contract: flag > env > profile, per setting)', async () => {
    const before = sim.requests.length;
    const r = await runCli(['project', 'list', '--limit', '1', '--public-key', sim.credentials.publicKey], { sim, env: { ATLAS_PUBLIC_KEY: 'someone-else' } });
    expect(r.code).toBe(0);
    expect(sim.requests.length).toBeGreaterThan(before);
  });

  it('a public key with no private key anywhere names every place the private key could come from', async () => {
    const r = await refused(['project', 'list'], { env: { ATLAS_PRIVATE_KEY: undefined } });
    expect(r.stderr).toMatch(
      /ATLAS_PUBLIC_KEY gives the API public key but no API private key is set \(--private-key, ATLAS_PRIVATE_KEY, MONGODB_ATLAS_PRIVATE_API_KEY or profile key privateKey\)/,
    );
  });

  it('a service-account id as a flag never switches quietly to the API key of the profile', async () => {
    const home = tempDir();
    expect((await runCli(['config', 'set', 'public-key', sim.credentials.publicKey], { configHome: home })).code).toBe(0);
    expect((await runCli(['config', 'set', 'private-key', sim.credentials.privateKey], { configHome: home })).code).toBe(0);
    const r = await refused(['project', 'list', '--client-id', 'mdb_sa_id_x'], { configHome: home, env: { ATLAS_PUBLIC_KEY: undefined, ATLAS_PRIVATE_KEY: undefined } });
    expect(r.stderr).toMatch(/--client-id gives the service account client id but no service account client secret is set/);
    expect(r.stderr).not.toContain(sim.credentials.privateKey);
  });

  it('a whole API key from flags wins over a service account in the profile', async () => {
    const home = tempDir();
    await runCli(['config', 'set', 'client-id', 'mdb_sa_id_nobody'], { configHome: home });
    await runCli(['config', 'set', 'client-secret', 'mdb_sa_sk_nobody'], { configHome: home });
    const r = await runCli(['project', 'list', '--limit', '1', '--public-key', sim.credentials.publicKey, '--private-key', sim.credentials.privateKey], {
      sim,
      configHome: home,
      env: { ATLAS_PUBLIC_KEY: undefined, ATLAS_PRIVATE_KEY: undefined },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('3. numbers are checked', () => {
  it.each([
    ['0.0001', /at least 0.1/],
    ['9999999999', /at most 3600/],
    ['abc', /--timeout "abc"/],
  ])('--timeout %s exits 2', async (v, re) => {
    expect((await refused(['project', 'list', '--timeout', v])).stderr).toMatch(re);
  });

  it('a count beyond the largest exact integer exits 2', async () => {
    const r = await refused(['cluster', 'advanced', 'set', 'Cluster0', '--oplog-size-mb', '99999999999999999999']);
    expect(r.stderr).toMatch(/--oplog-size-mb.*at most/);
  });

  it('--help documents the --timeout bounds', async () => {
    expect((await runCli(['--help'])).stdout).toMatch(/--timeout <seconds>\s+bound on each HTTP request, 0\.1 to\s+3600 seconds/);
  });
});

describe('4. echoed values are printable', () => {
  const name = 'a\nb\u001b[31mc\td';
  it('a newline, tab or escape in an argument is refused before sending, on one uncoloured line', async () => {
    // issue 17: control characters are refused as the value is parsed (src/args/checks.ts), naming where
    const r = await refused(['project', 'get', '--name', name]);
    oneLine(r.stderr);
    expect(r.stderr).toBe('atlascli: --name holds a control character (U+000A, character 2) (hint: give it without escape sequences, tabs or line breaks)\n');
    const refusedName = await refused(['project', 'create', name]);
    expect(refusedName.stderr).toContain('<name> holds a control character (U+000A, character 2)');
    expect(refusedName.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('with -o json the error stays one valid JSON document without raw controls', async () => {
    const r = await runCli(['project', 'create', `${name}\u009b`, '-o', 'json'], { sim });
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(JSON.parse(r.stderr).error).toEqual({ status: 0, errorCode: 'INVALID_INPUT', detail: '<name> holds a control character (U+000A, character 2)' });
  });
});

describe('5. a name cannot address another endpoint', () => {
  it.each(['.', '..'])('get --name %s never requests /groups/ or /groups/byName/', async (n) => {
    const before = sim.requests.length;
    const r = await runCli(['project', 'get', '--name', n], { sim });
    expect(r.code).toBe(4);
    const paths = apiRequests(sim, before).map((q) => q.path);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => p.startsWith('/api/atlas/v2/groups?') || p === '/api/atlas/v2/groups')).toBe(true);
  });

  it('a project Atlas named ".." is found by name', async () => {
    const base = sim.state.projects.get(sim.credentials.projectId)!;
    sim.state.projects.set('d0123456789abcdef0123450', { ...base, id: 'd0123456789abcdef0123450', name: '..' });
    const r = await runCli(['project', 'get', '--name', '..', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ id: 'd0123456789abcdef0123450', name: '..' });
    sim.state.projects.delete('d0123456789abcdef0123450');
  });
});

describe('6. config file problems are not bugs', () => {
  function broken(content: string | 'dir'): string {
    const home = tempDir();
    mkdirSync(join(home, 'atlascli'), { recursive: true, mode: 0o700 });
    const path = join(home, 'atlascli', 'config.json');
    if (content === 'dir') mkdirSync(path);
    else writeFileSync(path, content, { mode: 0o600 });
    return home;
  }

  it.each([
    ['invalid JSON', '{\n  "profiles": {,\n}', /config\.json is not valid JSON: line 2, column 16/],
    ['an empty file', '', /config\.json is empty/],
    ['a directory', 'dir', /config\.json is a directory/],
  ] as const)('%s: one line naming the file, exit 1, for commands that need it', async (_what, content, re) => {
    const home = broken(content);
    for (const args of [
      ['config', 'describe'],
      ['config', 'set', 'output', 'json'],
      ['project', 'list', '--limit', '1'],
    ]) {
      const before = sim.requests.length;
      const r = await runCli(args, { configHome: home, sim, env: args[0] === 'project' ? { ATLAS_PUBLIC_KEY: undefined, ATLAS_PRIVATE_KEY: undefined } : {} });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(1);
      oneLine(r.stderr);
      expect(r.stderr).toContain(join(home, 'atlascli', 'config.json'));
      expect(r.stderr).toMatch(re);
      expect(r.stderr).not.toMatch(/internal error|this is a bug/);
      expect(sim.requests.length).toBe(before);
    }
  });

  it('commands that do not need the file keep working', async () => {
    const home = broken('{ nope');
    expect((await runCli(['config', 'path'], { configHome: home })).stdout.trim()).toBe(join(home, 'atlascli', 'config.json'));
    expect((await runCli(['completion', 'bash'], { configHome: home })).code).toBe(0);
    expect((await runCli(['--help'], { configHome: home })).code).toBe(0);
    const all = await runCli(['project', 'list', '-o', 'json', '--limit', '2'], { configHome: home, sim });
    expect(all.stderr).toBe('');
    expect(all.code).toBe(0);
    expect(all.json()).toHaveLength(2);
  });

  it('a config folder that cannot be written says which path, exit 1', async () => {
    const home = tempDir();
    writeFileSync(join(home, 'not-a-folder'), 'x');
    const r = await runCli(['config', 'set', 'output', 'json'], { configHome: join(home, 'not-a-folder') });
    expect(r.code).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/cannot write the config file .*not-a-folder.*ENOTDIR/);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});

describe('7. the simulator on a busy port', () => {
  it('says the port is in use and how to pick a free one', async () => {
    const r = await runCli(['simulator', '--port', String(sim.port)]);
    expect(r.code).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toContain(`port ${sim.port} is in use (hint: --port 0 picks a free one)`);
  });
});

describe('8. stdout that fails', () => {
  it('a full device is one line on stderr and exit 1', async () => {
    const fd = openSync('/dev/full', 'w');
    const child = spawn(process.execPath, [BIN, 'project', 'list', '-o', 'json'], {
      env: { ...process.env, ...simEnv(sim), XDG_CONFIG_HOME: tempDir() },
      stdio: ['ignore', fd, 'pipe'],
    });
    closeSync(fd);
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    oneLine(stderr);
    expect(stderr).toMatch(/cannot write the output to stdout: ENOSPC/);
  });

  it('a reader that stops early (| head -1) is quiet, exit 0', async () => {
    // async: the simulator runs in this process and must keep answering
    const child = spawn('bash', ['-c', `"${process.execPath}" "${BIN}" project list -o jsonl | head -1 >/dev/null; echo "status=\${PIPESTATUS[0]}" >&2`], {
      env: { ...process.env, ...simEnv(sim), XDG_CONFIG_HOME: tempDir() },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('status=0\n');
  });
});

describe('9. lookups take every name Atlas gave', () => {
  it('get --name "Project 0" finds Atlas\'s default project', async () => {
    const base = sim.state.projects.get(sim.credentials.projectId)!;
    sim.state.projects.set('d0123456789abcdef0123451', { ...base, id: 'd0123456789abcdef0123451', name: 'Project 0' });
    const r = await runCli(['project', 'get', '--name', 'Project 0', '-o', 'json'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.json().id).toBe('d0123456789abcdef0123451');
    sim.state.projects.delete('d0123456789abcdef0123451');
  });

  it("create still follows Atlas's naming rule", async () => {
    expect((await refused(['project', 'create', 'Project 1'])).stderr).toMatch(/invalid project name/);
  });

  it("list --org lists that organization's projects only", async () => {
    const before = sim.requests.length;
    const r = await runCli(['project', 'list', '--org', SEED.secondOrgId, '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(await servedAll(sim, `/api/atlas/v2/orgs/${SEED.secondOrgId}/groups`));
    expect(r.json().length).toBeGreaterThan(0);
    expect(r.json().every((p: { orgId: string }) => p.orgId === SEED.secondOrgId)).toBe(true);
    expect(apiRequests(sim, before)[0]!.path).toMatch(new RegExp(`^/api/atlas/v2/orgs/${SEED.secondOrgId}/groups`));
  });
});

describe('10. SIGTERM ends like Ctrl-C', () => {
  it('exits 143 with a message, and jsonl output is whole lines', async () => {
    // the later pages hang, so the signal comes while the list is still going whatever the machine's speed
    const held = [2, 3].map((n) => sim.faults.add({ path: '/api/atlas/v2/groups', query: { pageNum: String(n) }, latencyMs: 60_000 }));
    onTestFinished(() => held.forEach((id) => sim.faults.remove(id)));
    const child = spawn(process.execPath, [BIN, 'project', 'list', '-o', 'jsonl'], { env: { ...process.env, ...simEnv(sim), XDG_CONFIG_HOME: tempDir() } });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    await new Promise<void>((resolve) =>
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
        resolve();
      }),
    );
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(143);
    expect(stderr).toMatch(/atlascli: terminated\n$/);
    expect(stdout.endsWith('\n')).toBe(true);
    for (const line of stdout.trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe('11. settings that never lose anything', () => {
  it('20 concurrent config set runs all land', async () => {
    const home = tempDir();
    const ids = Array.from({ length: 20 }, (_, i) => i.toString(16).padStart(24, 'a'));
    const runs = await Promise.all(ids.map((id, i) => runCli(['config', 'set', 'project-id', id, '--profile', `p${i}`], { configHome: home, timeoutMs: 60_000 })));
    expect(runs.map((r) => r.code)).toEqual(ids.map(() => 0));
    const saved = JSON.parse(readFileSync(join(home, 'atlascli', 'config.json'), 'utf8'));
    expect(Object.keys(saved.profiles).sort()).toEqual(ids.map((_, i) => `p${i}`).sort());
    ids.forEach((id, i) => expect(saved.profiles[`p${i}`].projectId).toBe(id));
  }, 90_000);

  it('a config others can read is named with the chmod that fixes it, not re-moded on read', async () => {
    const home = tempDir();
    await runCli(['config', 'set', 'output', 'json'], { configHome: home });
    const path = join(home, 'atlascli', 'config.json');
    chmodSync(path, 0o644);
    const r = await runCli(['config', 'list'], { configHome: home });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`chmod 600 ${path}`);
    expect(statSync(path).mode & 0o777).toBe(0o644);
  });

  it('a read-only config file is not overwritten', async () => {
    const home = tempDir();
    await runCli(['config', 'set', 'output', 'json'], { configHome: home });
    const path = join(home, 'atlascli', 'config.json');
    chmodSync(path, 0o400);
    const before = readFileSync(path, 'utf8');
    const r = await runCli(['config', 'set', 'output', 'csv', '-o', 'table'], { configHome: home });
    expect(r.code).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/read-only \(mode 0400\).*chmod 600/);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('config describe --profile nosuch exits 2', async () => {
    const home = tempDir();
    await runCli(['config', 'set', 'output', 'json'], { configHome: home });
    const r = await runCli(['config', 'describe', '--profile', 'nosuch'], { configHome: home });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/profile "nosuch" does not exist/);
  });

  it.each(['private-key', 'client-secret'])('config set %s - reads the secret from stdin and never prints it', async (key) => {
    const home = tempDir();
    const r = await runCli(['config', 'set', key, '-'], { configHome: home, stdin: 'piped-secret-value\n' });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('piped-secret-value');
    const saved = JSON.parse(readFileSync(join(home, 'atlascli', 'config.json'), 'utf8'));
    expect(Object.values(saved.profiles.default)).toEqual(['piped-secret-value']);
    expect((await runCli(['config', 'set', key, '-'], { configHome: home, stdin: '' })).code).toBe(2);
  });
});
