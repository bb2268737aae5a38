/**
 * Running a user's command for a while, as `whitelist exec` and `cluster connect` do:
 * find it before anything is changed, hand it an environment without the Atlas
 * credentials, run it in a process group of its own, and stop that whole group
 * (grandchildren included) and wait for it before what the run added is taken back
 * (`runBetween`: the "do", the command, the "undo", whatever ends the run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants, readdirSync, readFileSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { delimiter, join } from 'node:path';
import { CliError, EXIT, InterruptedError } from '../errors.js';
import type { IOStreams } from '../output/terminal.js';
import type { Cleanup } from '../program/cleanup.js';
import { ENV } from '../environment.js';
import { definition, type SettingKey } from '../settings/definitions.js';

/** Exit code when the command cannot be found or executed (as a shell says it). */
export const EXIT_CANNOT_RUN = EXIT.commandNotFound;
/** A process that died of signal N exits 128 + N (the shell's convention). */
const SIGNAL_EXIT_BASE = 128;

/** 128 + the signal's number: the exit code a shell reports for a process killed by `signal`. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return SIGNAL_EXIT_BASE + (constants.signals[signal] ?? 0);
}

// ---- the command's environment ---------------------------------------------------------

/** The settings that are credentials: their variables are not handed to the command. */
const CREDENTIAL_SETTINGS: readonly SettingKey[] = ['publicKey', 'privateKey', 'clientId', 'clientSecret'];

/**
 * Names of other tools' Atlas credentials (the Terraform provider's MONGODB_ATLAS_PUBLIC_KEY,
 * MONGODB_ATLAS_PRIVATE_KEY, an ATLAS_ACCESS_TOKEN…) that CI jobs carry beside atlascli's:
 * an ATLAS_ or MONGODB_ATLAS_ variable whose name holds KEY, SECRET, TOKEN or PASSWORD.
 */
const CREDENTIAL_LIKE = /^(ATLAS|MONGODB_ATLAS)_.*(KEY|SECRET|TOKEN|PASSWORD)/;

/** Whether `name` carries Atlas credentials (declared settings, or named like them). */
export function isCredentialVariable(name: string): boolean {
  const upper = name.toUpperCase();
  return CREDENTIAL_SETTINGS.some((k) => definition(k).env.includes(upper)) || CREDENTIAL_LIKE.test(upper);
}

/**
 * The environment a command runs with: `env` without the Atlas credentials (the
 * variables of the credential settings, and ATLAS_* / MONGODB_ATLAS_* ones named like
 * keys, secrets and tokens), unless `passCredentials`. Returns a new object; `env` is
 * not changed. The names of what was left out are in `withheld` (never the values).
 */
export function commandEnv(env: NodeJS.ProcessEnv, opts: { passCredentials?: boolean } = {}): { env: NodeJS.ProcessEnv; withheld: string[] } {
  const out: NodeJS.ProcessEnv = {};
  const withheld: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (!opts.passCredentials && isCredentialVariable(name)) withheld.push(name);
    else out[name] = value;
  }
  return { env: out, withheld };
}

// ---- finding it ---------------------------------------------------------------------------

/**
 * Whether `name` can be run: a path to an executable file, or a name found on `PATH`
 * (as the shell and spawn look it up; on Windows with the extensions of PATHEXT).
 */
export function runnable(name: string, env: NodeJS.ProcessEnv): boolean {
  const bases =
    name.includes('/') || name.includes('\\')
      ? [name]
      : (env[ENV.path] ?? '')
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => join(dir, name));
  // Windows finds `npm` as npm.cmd: the extensions of PATHEXT
  const exts = process.platform === 'win32' ? ['', ...(env[ENV.pathExt] ?? '.COM;.EXE;.BAT;.CMD').split(';')] : [''];
  const candidates = bases.flatMap((base) => exts.map((ext) => base + ext));
  return candidates.some((file) => {
    try {
      accessSync(file, fsConstants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

/** The CliError (exit 127) for a command that cannot be run; `detail` says why. */
export function cannotRun(name: string, detail: string, hint: string): CliError {
  return new CliError(`cannot run ${name}: ${detail}`, hint, EXIT_CANNOT_RUN);
}

// ---- running it in a process group of its own --------------------------------------------------

/** How the command ended: its exit code (128 + N when killed by signal N) and the signal, if any. */
export interface CommandExit {
  code: number;
  signal: NodeJS.Signals | null;
}

/** How long the group has to end after a signal before it is sent SIGKILL. */
const GROUP_GRACE_MS = 10_000;
/** After SIGKILL: how long to wait for the kernel to take the group down before giving up. */
const KILL_WAIT_MS = 5_000;
/** How often the group is looked at while waiting for it to end. */
const GROUP_POLL_MS = 50;

const POSIX = process.platform !== 'win32';

/**
 * A command started by `startCommand`: the direct child, its end, and `stop`.
 */
export interface RunningCommand {
  readonly child: ChildProcess;
  /** Resolves when the direct child has ended; rejects when it could not be started (spawn error). */
  readonly exit: Promise<CommandExit>;
  /**
   * Ends the command's whole process group and waits until no process of it is left
   * (zombies, which only their parent can reap, are not counted): sends `signal` to
   * the group, waits up to 10 s, then SIGKILL and up to 5 s more. Called once the
   * command has exited it only stops what the command left running in its group. The
   * first call does the work; later calls return the same promise, whatever their signal.
   */
  stop(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `argv` with stdin, stdout and stderr passed through and the environment `env`,
 * as the leader of a new process group (POSIX: a new session, `detached`), so that a
 * signal sent to atlascli alone can be passed on to everything the command started. If
 * atlascli ends abruptly (a second Ctrl-C), the group is sent SIGKILL on the way out.
 */
export function startCommand(argv: readonly string[], env: NodeJS.ProcessEnv, io: Pick<IOStreams, 'stdin' | 'stdout' | 'stderr'>): RunningCommand {
  const child = spawnThrough(argv, env, io);
  const pgid = child.pid;
  // the last resort: process.exit() with the group still running (a second signal)
  const killOnExit = () => {
    if (pgid !== undefined && POSIX) signalGroup(pgid, 'SIGKILL');
  };
  process.on('exit', killOnExit);
  const exit = new Promise<CommandExit>((resolve, reject) => {
    child.once('error', (err) => {
      process.off('exit', killOnExit);
      reject(err);
    });
    // 'close': once it has exited and what it printed has been passed on
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? signalExitCode(signal) : EXIT.failure), signal }));
  });
  let stopping: Promise<void> | undefined;
  const stop = (signal: NodeJS.Signals): Promise<void> => {
    stopping ??= (async () => {
      try {
        if (pgid === undefined) return;
        if (!POSIX) {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await Promise.race([exit.catch(() => undefined), sleep(GROUP_GRACE_MS)]);
          return;
        }
        if (!groupAlive(pgid)) return;
        signalGroup(pgid, signal);
        if (await groupEnded(pgid, GROUP_GRACE_MS)) return;
        signalGroup(pgid, 'SIGKILL');
        await groupEnded(pgid, KILL_WAIT_MS);
      } finally {
        process.off('exit', killOnExit);
      }
    })();
    return stopping;
  };
  return { child, exit, stop };
}

/**
 * Spawns the command with its stdin, stdout and stderr passed through: a stream on a
 * descriptor (the process's own, a terminal included) is handed to the command as it is;
 * an in-memory one (tests, a program that embeds the CLI) is piped to and from it.
 */
function spawnThrough(argv: readonly string[], env: NodeJS.ProcessEnv, io: Pick<IOStreams, 'stdin' | 'stdout' | 'stderr'>): ChildProcess {
  const fdOf = (s: object): number | 'pipe' => {
    const fd = (s as { fd?: unknown }).fd;
    return typeof fd === 'number' ? fd : 'pipe';
  };
  const child = spawn(argv[0]!, argv.slice(1), { stdio: [fdOf(io.stdin), fdOf(io.stdout), fdOf(io.stderr)], env, detached: POSIX });
  if (child.stdin) {
    // a command that stops reading (or never reads) is not an error of the run
    child.stdin.on('error', () => undefined);
    io.stdin.pipe(child.stdin);
    child.once('exit', () => io.stdin.unpipe(child.stdin!));
  }
  child.stdout?.pipe(io.stdout, { end: false });
  child.stderr?.pipe(io.stderr, { end: false });
  return child;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is gone already
  }
}

/** Waits until the group has no live process, at most `ms`; true when it ended. */
async function groupEnded(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (groupAlive(pgid)) {
    if (Date.now() >= deadline) return false;
    await sleep(GROUP_POLL_MS);
  }
  return true;
}

/**
 * Whether process group `pgid` has a process that is still running. `kill(-pgid, 0)`
 * also counts zombies: a grandchild whose parent died is reaped by PID 1, and some
 * PID 1s (a container's first process) never reap. On Linux the group's members are
 * read from /proc, and zombies (state Z or X) do not count.
 */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return true;
  }
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended while we looked
    }
    // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so split after the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
  }
  return false;
}

// ---- a command between a "do" and an "undo" -----------------------------------------------

/** What `runBetween` needs of the run (a Context has it all). */
export interface CommandHost {
  readonly io: Pick<IOStreams, 'stdin' | 'stdout' | 'stderr' | 'env'>;
  /** Where the run's interrupt hook goes (SIGINT, SIGTERM, SIGHUP: src/program/cleanup.ts). */
  readonly cleanup: Pick<Cleanup, 'onInterrupt'>;
  /** Where notes go (stderr). */
  readonly term: { info(text: string): void };
}

/** What a run makes before its command and takes back after it. */
export interface DoUndo {
  /**
   * The "do" (an access-list entry, a database user…), before the command starts. An
   * interrupt while it runs starts `undo` at once, beside it: `run.interrupted` is then
   * true, and nothing that outlives the run (a keeper, a timer) may be started after it.
   * Resolves to variables added to the command's environment (e.g. MONGODB_URI).
   */
  do(run: { readonly interrupted: boolean }): Promise<NodeJS.ProcessEnv | void>;
  /**
   * The "undo": runs exactly once, whatever ends the run (the command's end, a failure of
   * the "do" or of the command, an interrupt), and only after the command's whole process
   * group has ended, when it was started. When it starts during the "do" (an interrupt), it
   * must itself wait for what the "do" has in flight.
   */
  undo(): Promise<void>;
}

/**
 * Runs `argv` between `steps.do` and `steps.undo`: the "do"; then, unless interrupted,
 * the command (startCommand) with `host.io.env` less the Atlas credentials (commandEnv;
 * the names withheld said on stderr) plus what the "do" returned; then, once its process
 * group has been stopped (SIGTERM, or the interrupt's signal) and has ended, the "undo".
 * An interrupt (host.cleanup) stops the command's group with its signal and runs the
 * "undo"; the interrupt hook is unregistered when the run ends.
 * @param argv the command and its arguments, found runnable beforehand (runnable)
 * @throws the "do"'s error; InterruptedError when interrupted before the command
 *   started; CliError exit 127 when it cannot be started; CliError with the command's exit
 *   code (128 + N when killed by signal N) when it ends with another than 0; the "undo"'s
 *   error when the command ended with 0 (it is dropped when the run failed already)
 */
export async function runBetween(host: CommandHost, argv: readonly string[], steps: DoUndo, opts: { passCredentials?: boolean } = {}): Promise<void> {
  const program = argv[0]!;
  const child = commandEnv(host.io.env, opts);
  let running: RunningCommand | undefined;
  let finishing: Promise<void> | undefined;
  // Ends the run once, whoever asks first (the normal end, a failure or a signal): the
  // command's whole group is stopped and waited for, then what the "do" made is taken back.
  const finish = (signal: NodeJS.Signals): Promise<void> => {
    finishing ??= (async () => {
      if (running) await running.stop(signal);
      await steps.undo();
    })();
    return finishing;
  };
  const unregister = host.cleanup.onInterrupt((signal) => finish(signal));
  const run = {
    get interrupted() {
      return finishing !== undefined;
    },
  };

  try {
    const added = await steps.do(run);
    // interrupted during the "do": it is being taken back, the command is not started
    if (finishing) throw new InterruptedError();
    if (child.withheld.length) {
      host.term.info(`the command runs without the Atlas credentials (${child.withheld.sort().join(', ')}); --pass-credentials passes them on`);
    }
    running = startCommand(argv, { ...child.env, ...added }, host.io);
    let end: CommandExit;
    try {
      end = await running.exit;
    } catch (err) {
      throw cannotRun(program, (err as Error).message, 'check the command after --');
    }
    // what the command left running in its group is stopped too; when the command failed,
    // its exit code is the run's (an undo that fails has said so on stderr)
    const undone = finish('SIGTERM');
    await (end.code === 0 ? undone : undone.catch(() => undefined));
    unregister();
    if (end.code !== 0)
      throw new CliError(end.signal ? `${program} was killed by ${end.signal} (exit ${end.code})` : `${program} exited with code ${end.code}`, undefined, end.code);
  } catch (err) {
    // the "do" failed, the command could not start, or it failed: take back what was made
    await finish('SIGTERM').catch(() => undefined);
    unregister();
    throw err;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
