/**
 * What a person at a terminal sees: prompts before destructive acts, and Ctrl-C
 * that stops a wait (exit 130) without touching the cluster. The terminal is a real
 * pseudo-terminal from util-linux `script`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { BIN, runCli, simEnv, tempDir } from '../helpers/cli.js';
import { apiRequests, until } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

/** Terminal control sequences (cursor moves, colours), left out when matching prompts. */
const CSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

const hasScript = spawnSync('script', ['--version']).status === 0;

// a manual clock: a wait stays in CREATING (a snapshot queued) for the test, whatever the machine's speed
const sim = sharedSimulator({ port: 0, clock: 'manual' }, { reset: false });

function env(): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ATLAS_|MONGODB_ATLAS_|CI$|NO_COLOR$)/.test(k)));
  return { ...base, ...simEnv(sim), XDG_CONFIG_HOME: tempDir(), TERM: 'xterm', COLUMNS: '100', LINES: '30' };
}

/**
 * Runs the CLI on a pseudo-terminal; each answer is typed once the output (so far,
 * after the previous answer) matches its prompt.
 */
function onTerminal(args: string[], answers: Array<[RegExp, string]>, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-qec', `stty cols 100 rows 30; ${command}`, '/dev/null'], { env: { ...env(), ...extraEnv } });
    let output = '';
    let seen = 0;
    const pending = [...answers];
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      output += d;
      const next = pending[0];
      if (next && next[0].test(output.slice(seen).replace(CSI, ''))) {
        pending.shift();
        seen = output.length;
        child.stdin.write(next[1]);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe.skipIf(!hasScript)('on a terminal', () => {
  it('asks before deleting a project and sends nothing when the answer is no', async () => {
    const before = sim.requests.length;
    const r = await onTerminal(['project', 'delete', sim.credentials.projectId], [[/\[y\/N\]/, 'n\r']]);
    expect(r.output).toMatch(/Delete project b0123456789abcdef012345b\? \[y\/N\]/);
    expect(r.output).toMatch(/nothing was changed/);
    expect(r.code).toBe(0);
    expect(apiRequests(sim, before).filter((q) => q.method === 'DELETE')).toHaveLength(0);
  });

  it('never prompts in CI, even on a pseudo-terminal: the delete is refused (exit 2), nothing sent', async () => {
    const before = sim.requests.length;
    const r = await onTerminal(['project', 'delete', sim.credentials.projectId], [], { CI: 'true' });
    expect(r.output).not.toMatch(/\[y\/N\]/);
    expect(r.output).toMatch(/refusing to delete project .* without --force/);
    expect(r.code).toBe(2);
    expect(apiRequests(sim, before)).toHaveLength(0);
  });

  it('deletes a cluster when the answer is yes', async () => {
    const before = sim.requests.length;
    const r = await onTerminal(['cluster', 'delete', 'Cluster0'], [[/\[y\/N\]/, 'y\r']]);
    expect(r.output).toMatch(/\[y\/N\]/);
    expect(r.code).toBe(0);
    expect(
      apiRequests(sim, before)
        .filter((q) => q.method === 'DELETE')
        .map((q) => q.path),
    ).toEqual([`/api/atlas/v2/groups/${sim.credentials.projectId}/clusters/Cluster0`]);
  });
});

describe.skipIf(!hasScript)('on a terminal, output', () => {
  it('has bold headers, and no colour with NO_COLOR or --no-color', async () => {
    const coloured = await onTerminal(['project', 'list', '--limit', '1'], []);
    expect(coloured.code).toBe(0);
    expect(coloured.output).toMatch(/\u001b\[1mID\u001b\[22m\s+\u001b\[1mNAME/);
    const plain = await onTerminal(['project', 'list', '--limit', '1'], [], { NO_COLOR: '1' });
    expect(plain.output).toMatch(/^ID\s+NAME/m);
    expect(plain.output).not.toMatch(/\u001b\[1m/);
    const flag = await onTerminal(['project', 'list', '--limit', '1', '--no-color'], []);
    expect(flag.output).not.toMatch(/\u001b\[1m/);
  });

  it('config init prompts for each setting, hides secrets, and saves the profile', async () => {
    const home = tempDir();
    const r = await onTerminal(
      ['config', 'init', '--profile', 'typed', '--no-verify'],
      [
        [/API public key: $/, 'typed-public\r'],
        [/API private key: $/, 'typed-private-secret\r'],
        [/client id: $/, '\r'],
        [/client secret: $/, '\r'],
        [/project id or name: $/, `${sim.credentials.projectId}\r`],
        [/organization id or name: $/, '\r'],
        [/API base URL \[https:\/\/cloud\.mongodb\.com\]: $/, '\r'],
        [/output format \[table\]: $/, 'json\r'],
      ],
      { XDG_CONFIG_HOME: home, ATLAS_PUBLIC_KEY: '', ATLAS_PRIVATE_KEY: '', ATLAS_PROJECT_ID: '', ATLAS_ORG_ID: '', ATLAS_BASE_URL: '' },
    );
    expect(r.code).toBe(0);
    expect(r.output).toMatch(/saved profile "typed"/);
    expect(r.output).not.toContain('typed-private-secret');
    const saved = JSON.parse(readFileSync(join(home, 'atlascli', 'config.json'), 'utf8'));
    expect(saved.profiles.typed).toEqual({
      publicKey: 'typed-public',
      privateKey: 'typed-private-secret',
      projectId: sim.credentials.projectId,
      output: 'json',
    });
  });

  it('config init asks a bad answer again instead of dropping the wizard', async () => {
    const home = tempDir();
    const r = await onTerminal(
      ['config', 'init', '--profile', 'retyped', '--no-verify'],
      [
        [/API public key: $/, 'typed-public\r'],
        [/API private key: $/, 'typed-private-secret\r'],
        [/client id: $/, '\r'],
        [/client secret: $/, '\r'],
        [/project id or name: $/, `${'x'.repeat(65)}\r`],
        [/expected an id \(24 hexadecimal characters\) or a name \(1 to 64 characters[^\n]*; try again[\s\S]*project id or name: $/, `${sim.credentials.projectId}\r`],
        [/organization id or name: $/, '\r'],
        [/API base URL \[https:\/\/cloud\.mongodb\.com\]: $/, '\r'],
        [/output format \[table\]: $/, '\r'],
      ],
      { XDG_CONFIG_HOME: home, ATLAS_PUBLIC_KEY: '', ATLAS_PRIVATE_KEY: '', ATLAS_PROJECT_ID: '', ATLAS_ORG_ID: '', ATLAS_BASE_URL: '' },
    );
    expect(r.code).toBe(0);
    const saved = JSON.parse(readFileSync(join(home, 'atlascli', 'config.json'), 'utf8'));
    expect(saved.profiles.retyped.projectId).toBe(sim.credentials.projectId);
  });
});

describe('config init on a terminal, credentials proven', () => {
  it("offers the organizations the credentials reach, then that organization's projects, for a profile naming none", async () => {
    const home = tempDir();
    const r = await onTerminal(
      ['config', 'init', '--profile', 'offered'],
      [
        [/API public key: $/, `${sim.credentials.publicKey}\r`],
        [/API private key: $/, `${sim.credentials.privateKey}\r`],
        [/client id: $/, '\r'],
        [/client secret: $/, '\r'],
        [/project id or name: $/, '\r'],
        [/organization id or name: $/, '\r'],
        [/API base URL \[https:\/\/cloud\.mongodb\.com\]: $/, `${sim.url}\r`],
        [/output format \[table\]: $/, '\r'],
        [/2\) atlascli Partner Org \(a1123456789abcdef012345a\)[\s\S]*default organization \[1-4, Enter: none\]: $/, '2\r'],
        [/1\) partner-app \(b3123456789abcdef012345b\)\s+2\) Proj Beta \(b4123456789abcdef012345b\)[\s\S]*default project \[1-2, Enter: none\]: $/, '2\r'],
      ],
      { XDG_CONFIG_HOME: home, ATLAS_PUBLIC_KEY: '', ATLAS_PRIVATE_KEY: '', ATLAS_PROJECT_ID: '', ATLAS_ORG_ID: '', ATLAS_BASE_URL: '' },
    );
    expect(r.code).toBe(0);
    expect(r.output).toMatch(/credentials verified: they reach 4 organizations/);
    const saved = JSON.parse(readFileSync(join(home, 'atlascli', 'config.json'), 'utf8'));
    expect(saved.profiles.offered).toMatchObject({ orgId: SEED.secondOrgId, projectId: SEED.spacedProjectId, baseUrl: sim.url });
  });
});

describe('Ctrl-C', () => {
  it('stops waiting with exit 130 and leaves the cluster alone', async () => {
    // a cluster that stays CREATING for the step time (60 s here)
    expect((await runCli(['cluster', 'create', 'slow-one'], { sim })).code).toBe(0);
    const before = sim.requests.length;
    const child = spawn(process.execPath, [BIN, 'cluster', 'watch', 'slow-one'], { env: { ...env(), ATLASCLI_POLL_MS: '100' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // Ctrl-C once it is waiting: it has said the state Atlas reports
    await until(() => /CREATING/.test(stderr));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted/);
    const seen = apiRequests(sim, before);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((q) => q.method === 'GET')).toBe(true);
    expect(stderr).toMatch(/CREATING/);
  });
});
