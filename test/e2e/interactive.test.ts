/**
 * What a person at a terminal sees: prompts before destructive acts, and Ctrl-C
 * that stops a wait (exit 130) without touching the cluster. The terminal is a real
 * pseudo-terminal from util-linux `script`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { BIN, simEnv, tempDir } from '../helpers/cli.js';
import { apiRequests } from '../helpers/atlas.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, stepMs: 60_000 });
});
afterAll(async () => {
  await sim.close();
});

function env(): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ATLAS_|MONGODB_ATLAS_|CI$|NO_COLOR$)/.test(k)));
  return { ...base, ...simEnv(sim), XDG_CONFIG_HOME: tempDir(), TERM: 'xterm', COLUMNS: '100', LINES: '30' };
}

/** Runs the CLI on a pseudo-terminal, typing `input` once the prompt shows. */
function onTerminal(args: string[], input: string): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['-qec', `stty cols 100 rows 30; ${command}`, '/dev/null'], { env: env() });
    let output = '';
    let typed = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      output += d;
      if (!typed && /\[y\/N\]/.test(output)) {
        typed = true;
        child.stdin.write(input);
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
    const r = await onTerminal(['project', 'delete', sim.credentials.projectId], 'n\r');
    expect(r.output).toMatch(/Delete project b0123456789abcdef012345b\? \[y\/N\]/);
    expect(r.output).toMatch(/nothing was changed/);
    expect(r.code).toBe(0);
    expect(apiRequests(sim, before).filter((q) => q.method === 'DELETE')).toHaveLength(0);
  });

  it('deletes a cluster when the answer is yes', async () => {
    const before = sim.requests.length;
    const r = await onTerminal(['cluster', 'delete', 'Cluster0'], 'y\r');
    expect(r.output).toMatch(/\[y\/N\]/);
    expect(r.code).toBe(0);
    expect(apiRequests(sim, before).filter((q) => q.method === 'DELETE').map((q) => q.path)).toEqual([
      `/api/atlas/v2/groups/${sim.credentials.projectId}/clusters/Cluster0`,
    ]);
  });
});

describe('Ctrl-C', () => {
  it('stops waiting with exit 130 and leaves the cluster alone', async () => {
    // a cluster that stays CREATING for the step time (60 s here)
    const create = spawn(process.execPath, [BIN, 'cluster', 'create', 'slow-one'], { env: env() });
    expect(await new Promise((resolve) => create.on('close', resolve))).toBe(0);
    const before = sim.requests.length;
    const child = spawn(process.execPath, [BIN, 'cluster', 'watch', 'slow-one'], { env: { ...env(), ATLASCLI_POLL_MS: '100' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    await new Promise((r) => setTimeout(r, 1500));
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
