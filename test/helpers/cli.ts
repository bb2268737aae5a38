/**
 * Runs the CLI for end-to-end tests, the way scripts and CI do: no terminal, a private
 * config folder, and nothing of the test runner's environment (ATLAS_*, CI, NO_COLOR…)
 * leaking in.
 *
 * `runCli` runs `main(argv, io)` from src in this process (as wrangler's tests do):
 * in-memory stdout and stderr that are not terminals, stdin from a string, an `env` that
 * is the only environment the run sees, and the exit code `main` returns. A run takes a
 * few milliseconds; several may go on at once.
 *
 * `spawnCli` starts the built `bin/atlascli.js` as a child process: for tests whose
 * subject is the process itself (signals, a failing stdout, start-up flags such as
 * NODE_OPTIONS or NODE_EXTRA_CA_CERTS, the bin and the bundle).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { RunningSimulator } from '../../src/simulator/index.js';

export const BIN = fileURLToPath(new URL('../../bin/atlascli.js', import.meta.url));

export interface CliResult {
  /** The exit code; null when the run did not end within `timeoutMs` (spawned: it was killed). */
  code: number | null;
  stdout: string;
  /** stdout as the bytes written (gzip data, say). */
  stdoutBytes: Buffer;
  stderr: string;
  /** stdout parsed as JSON (throws when it is not). */
  json: <T = any>() => T;
}

export interface RunOptions {
  /** Extra environment (wins over the defaults); undefined removes a variable. */
  env?: Record<string, string | undefined>;
  /** Points the CLI at this simulator with its API key, org and project. */
  sim?: RunningSimulator;
  /** Written to stdin, then closed. */
  stdin?: string;
  /** A config folder to reuse across runs (XDG_CONFIG_HOME). */
  configHome?: string;
  timeoutMs?: number;
  /**
   * In-process only: stdout and stderr are a terminal of this many columns (isTTY); stdin
   * is not, so nothing prompts. Without it nothing is a terminal, as when piped.
   */
  terminal?: { columns: number };
  /** In-process only: the run's clock (IOStreams.now), e.g. the simulator's manual clock: `() => sim.clock.now()`. */
  now?: () => number;
}

export function tempDir(prefix = 'atlascli-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A writer of files in a new temp dir (`prefix`): (name, doc) → the file's path; a string is written as is, anything else as indented JSON. */
export function fileWriter(prefix?: string): (name: string, doc: unknown) => string {
  const dir = tempDir(prefix);
  return (name, doc) => {
    const p = join(dir, name);
    writeFileSync(p, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
    return p;
  };
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

/** `base`, then a private config folder, the simulator's settings and `opts.env` (undefined removes). */
function runEnv(base: Record<string, string>, opts: RunOptions): Record<string, string> {
  const configHome = opts.configHome ?? tempDir('atlascli-config-');
  const env: Record<string, string> = {
    ...base,
    XDG_CONFIG_HOME: configHome,
    ...(opts.sim ? simEnv(opts.sim) : {}),
  };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Variables Node reads once, when a process starts: they mean nothing to a run in this one. */
const START_UP_ONLY = /^NODE_(OPTIONS|EXTRA_CA_CERTS|USE_ENV_PROXY|TLS_REJECT_UNAUTHORIZED)$/;

/** An in-memory stdout or stderr: no descriptor (`whitelist exec` pipes to it), a terminal only when asked. */
class Capture extends Writable {
  private readonly chunks: Buffer[] = [];
  readonly isTTY: boolean;
  readonly columns: number | undefined;

  constructor(terminal: RunOptions['terminal']) {
    super();
    this.isTTY = terminal !== undefined;
    this.columns = terminal?.columns;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    this.chunks.push(chunk);
    done();
  }

  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }

  get text(): string {
    return this.bytes.toString('utf8');
  }
}

/**
 * Runs `atlascli <args>` in this process: `main(args, io)` from src, with in-memory
 * streams (not terminals unless `opts.terminal`) and an environment of PATH (for `whitelist exec`), HOME and XDG_CONFIG_HOME
 * (a new temp folder, or `configHome`), the simulator's settings and `opts.env`, and
 * nothing else.
 * @throws Error for a start-up variable (NODE_OPTIONS, NODE_EXTRA_CA_CERTS…) in
 *   `opts.env`: use spawnCli
 */
export async function runCli(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  const base: Record<string, string> = {};
  if (process.env.PATH !== undefined) base.PATH = process.env.PATH;
  const env = runEnv(base, opts);
  env.HOME ??= env.XDG_CONFIG_HOME ?? tempDir('atlascli-home-');
  for (const k of Object.keys(env)) {
    if (START_UP_ONLY.test(k)) throw new Error(`runCli: ${k} acts when a process starts; run this test with spawnCli`);
  }
  const { main } = await import('../../src/program/cli.js');
  const stdout = new Capture(opts.terminal);
  const stderr = new Capture(opts.terminal);
  const stdin = new PassThrough();
  stdin.end(opts.stdin ?? '');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), opts.timeoutMs ?? 25_000)));
  try {
    const code = await Promise.race([main([...args], { stdout, stderr, stdin, env, ...(opts.now ? { now: opts.now } : {}) }), timedOut]);
    const out = stdout.text;
    return { code, stdout: out, stdoutBytes: stdout.bytes, stderr: stderr.text, json: () => JSON.parse(out) };
  } finally {
    clearTimeout(timer);
  }
}

/** This process's environment less ATLAS_*, MONGODB_ATLAS_*, NO_COLOR and CI, then as runCli's. */
function spawnEnv(opts: RunOptions): Record<string, string> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(ATLAS_|MONGODB_ATLAS_)/.test(k) && k !== 'NO_COLOR' && k !== 'CI') base[k] = v;
  }
  return runEnv(base, opts);
}

/**
 * Runs the built CLI (`bin/atlascli.js`) as a child process, with this process's
 * environment less ATLAS_*, MONGODB_ATLAS_*, NO_COLOR and CI, then as runCli's.
 * The run is killed (SIGKILL, code null) after `timeoutMs` (default 25 s).
 */
export function spawnCli(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  if (opts.terminal) throw new Error('spawnCli: a terminal needs a pseudo-terminal (util-linux script), see test/e2e/terminal.test.ts');
  const env = spawnEnv(opts);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 25_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdoutBytes = Buffer.concat(chunks);
      const stdout = stdoutBytes.toString('utf8');
      resolve({
        code,
        stdout,
        stdoutBytes,
        stderr,
        json: () => JSON.parse(stdout),
      });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

/** A command wrapper (`whitelist exec`, `cluster connect`) started by spawnWrapper, its command running. */
export interface RunningWrapper {
  /** atlascli itself: signal it with `child.kill(signal)`. */
  child: ChildProcessWithoutNullStreams;
  /** The pid of the wrapped command (a Node process idling for a minute). */
  commandPid: number;
  /** atlascli's exit code once it has closed (null when killed by a signal it did not handle). */
  closed: Promise<number | null>;
  /** atlascli's stderr so far. */
  stderr: () => string;
}

/**
 * Starts `atlascli <wrapper> -- node -e <print "started <pid>", idle 60 s>` as spawnCli does (env as
 * spawnCli's), for tests whose subject is the process (signals passed on to the command). Resolves
 * once the command has printed its pid; rejects with atlascli's stderr if atlascli ends before that.
 */
export function spawnWrapper(wrapper: string[], opts: RunOptions = {}): Promise<RunningWrapper> {
  const command = [process.execPath, '-e', 'console.log("started " + process.pid); setTimeout(() => {}, 60000)'];
  const child = spawn(process.execPath, [BIN, ...wrapper, '--', ...command], { env: spawnEnv(opts), stdio: 'pipe' });
  child.stdin.end();
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    void closed.then((code) => reject(new Error(`the command never started (atlascli exit ${code}): ${err}`)));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const started = /started (\d+)/.exec(out);
      if (started) resolve({ child, commandPid: Number(started[1]), closed, stderr: () => err });
    });
  });
}

/** `atlascli simulator` started by spawnSimulator, serving. */
export interface SpawnedSimulator {
  child: ChildProcessWithoutNullStreams;
  /** The variables it printed to export (`export NAME=value` lines): ATLAS_BASE_URL, ATLAS_PUBLIC_KEY… */
  vars: Record<string, string>;
  /** Its stderr so far. */
  stderr: () => string;
}

/**
 * Starts the built `atlascli simulator <args>` as a child process (this process's environment
 * and a new config folder). Resolves once it has printed the environment to export (up to its
 * ATLAS_PROJECT_ID line); rejects with its stderr if it ends before that. Stop it with
 * `child.kill(signal)`.
 */
export function spawnSimulator(args: string[]): Promise<SpawnedSimulator> {
  const child = spawn(process.execPath, [BIN, 'simulator', ...args], { env: { ...process.env, XDG_CONFIG_HOME: tempDir() } });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`atlascli simulator ended (exit ${code}) before printing its environment: ${stderr}`)));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (!/ATLAS_PROJECT_ID=/.test(stdout)) return;
      const vars = Object.fromEntries([...stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
      resolve({ child, vars, stderr: () => stderr });
    });
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
