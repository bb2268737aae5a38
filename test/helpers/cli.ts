/**
 * Runs the built CLI (`bin/atlascli.js`) as a child process, the way scripts and CI
 * do: no terminal, a private config folder, and nothing from the caller's ATLAS_*
 * environment leaking in.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningSimulator } from '../../src/simulator/index.js';

export const BIN = fileURLToPath(new URL('../../bin/atlascli.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws when it is not). */
  json: <T = any>() => T;
}

export interface RunOptions {
  /** Extra environment (wins over the defaults). */
  env?: Record<string, string | undefined>;
  /** Points the CLI at this simulator with its API key, org and project. */
  sim?: RunningSimulator;
  /** Written to stdin, then closed. */
  stdin?: string;
  /** A config folder to reuse across runs (XDG_CONFIG_HOME). */
  configHome?: string;
  timeoutMs?: number;
}

export function tempDir(prefix = 'atlascli-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Environment for a run against a simulator: base URL and the simulator's API key. */
export function simEnv(sim: RunningSimulator): Record<string, string> {
  return {
    ATLAS_BASE_URL: sim.url,
    ATLAS_PUBLIC_KEY: sim.credentials.publicKey,
    ATLAS_PRIVATE_KEY: sim.credentials.privateKey,
    ATLAS_ORG_ID: sim.credentials.orgId,
    ATLAS_PROJECT_ID: sim.credentials.projectId,
  };
}

export function runCli(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(ATLAS_|MONGODB_ATLAS_)/.test(k) && k !== 'NO_COLOR' && k !== 'CI') base[k] = v;
  }
  const env: Record<string, string> = {
    ...base,
    XDG_CONFIG_HOME: opts.configHome ?? tempDir('atlascli-config-'),
    ...(opts.sim ? simEnv(opts.sim) : {}),
  };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 25_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout,
        stderr,
        json: () => JSON.parse(stdout),
      });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

/**
 * Runs the CLI against `sim` and expects a refusal before any request: exit 2, nothing on
 * stdout, `message` on stderr, and no request reaching the simulator.
 */
export async function expectRefusedBeforeSending(sim: RunningSimulator, args: string[], message: RegExp): Promise<CliResult> {
  const { expect } = await import('vitest');
  const before = sim.requests.length;
  const r = await runCli(args, { sim });
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(sim.requests.length).toBe(before);
  return r;
}
