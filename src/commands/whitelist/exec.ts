/**
 * `atlascli whitelist exec [--ttl 1h] [--comment …] -- <command> [args…]`: a CI access
 * session. Adds the caller's public address to the project's access list (with a TTL
 * as a safety net), waits until the entry is ACTIVE, runs the command with stdin,
 * stdout and stderr passed through, then removes the entry, also when the command
 * fails or the run is interrupted (Ctrl-C, SIGTERM), and exits with the command's
 * exit code (128 + the signal number when it died of a signal). An entry that was on
 * the list before is left in place.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { constants } from 'node:os';
import type { Context } from '../../program/context.js';
import type { RequestSpec } from '../../atlas/client.js';
import { AtlasApiError, CliError, UsageError } from '../../errors.js';
import { onInterrupt } from '../../program/cleanup.js';
import { ENV } from '../../environment.js';
import { waitTimeoutMs } from '../wait.js';
import { checkComment, entryBody, parseExpiry, type AddressEntry } from './input.js';
import { currentIp } from './current-ip.js';
import { waitActive } from './run.js';

export interface ExecOptions {
  currentIp?: boolean;
  ttl?: string;
  comment?: string;
  waitTimeout?: string;
  dryRun?: boolean;
}

export const DEFAULT_EXEC_TTL = '1h';
export const DEFAULT_EXEC_COMMENT = 'atlascli whitelist exec (temporary)';
/** How long an interrupted run waits for the command to end before removing the entry anyway. */
const CHILD_GRACE_MS = 10_000;

/** The checked input of `exec`: every problem is found here, before any request. */
export function planExec(command: readonly string[], opts: ExecOptions, now = Date.now()) {
  if (!command.length || !command[0]) throw new UsageError('no command to run', 'put it after --: atlascli whitelist exec --current-ip -- <command> [args…]');
  return {
    command: [...command],
    comment: checkComment(opts.comment ?? DEFAULT_EXEC_COMMENT),
    deleteAfterDate: parseExpiry({ ttl: opts.ttl ?? DEFAULT_EXEC_TTL }, now)!,
    waitMs: waitTimeoutMs({ wait: true, waitTimeout: opts.waitTimeout })!,
  };
}

/**
 * Whether `name` can be run: a path to an executable file, or a name found on `PATH`
 * (as the shell and spawn look it up).
 */
function runnable(name: string, env: NodeJS.ProcessEnv): boolean {
  const bases = name.includes('/') || name.includes('\\') ? [name] : (env[ENV.path] ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, name));
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

export async function exec(ctx: Context, command: string[], opts: ExecOptions): Promise<void> {
  const plan = planExec(command, opts);
  // a command that cannot run is found before the access list is touched (exit 127, as a shell says it)
  if (!runnable(plan.command[0]!, ctx.io.env)) {
    throw new CliError(`cannot run ${plan.command[0]}: no such command`, 'check the command after -- (and PATH); nothing was sent', 127);
  }
  const groupId = ctx.projectId();
  const client = await ctx.client();
  const entry = await currentIp(client);
  const pathParams = { groupId, entryValue: entry.value };

  const existed = await exists(ctx, groupId, entry);
  const create: RequestSpec = { operationId: 'createGroupAccessListEntry', pathParams: { groupId }, body: [entryBody(entry, plan.comment, plan.deleteAfterDate)] };
  const remove: RequestSpec = { operationId: 'deleteGroupAccessListEntry', pathParams };
  if (opts.dryRun) {
    // the two reads above change nothing; the command's arguments are not echoed (they may hold a connection string)
    if (existed) ctx.term.info(`${entry.value} is already on the access list of project ${groupId}: nothing would be added or removed`);
    else for (const spec of [create, remove]) ctx.renderer.request(client.prepare(spec), { note: false });
    ctx.term.info(`dry run: nothing was sent and ${plan.command[0]} was not run; it would run once the entry is ACTIVE${existed ? '' : ', between these two requests'}`);
    return;
  }
  let child: ChildProcess | undefined;
  let childExit: Promise<number> | undefined;
  let removal: Promise<void> | undefined;
  /** an entry this run may have created: set before the POST, cleared when Atlas refuses it */
  let mayHaveAdded = false;
  // Removes the entry once, whoever asks first (the normal end or an interrupt).
  const removeEntry = (): Promise<void> => {
    removal ??= (async () => {
      if (existed || !mayHaveAdded) return;
      try {
        await client.request(remove);
        ctx.term.info(`removed ${entry.value} from the access list of project ${groupId}`);
      } catch (err) {
        if (err instanceof AtlasApiError && err.status === 404) return; // gone already (expired, or never added)
        ctx.term.warn(`could not remove ${entry.value} from the access list: ${(err as Error).message}; it expires at ${plan.deleteAfterDate}`);
        throw err;
      }
    })();
    return removal;
  };
  const unregister = onInterrupt(async (signal) => {
    if (child && childExit) {
      // on a terminal the command got the same Ctrl-C; a SIGTERM sent to atlascli alone is passed on
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await Promise.race([childExit, new Promise((r) => setTimeout(r, CHILD_GRACE_MS).unref())]);
    }
    await removeEntry();
  });

  try {
    if (existed) {
      ctx.term.info(`${entry.value} is already on the access list of project ${groupId}; it stays there afterwards`);
    } else {
      mayHaveAdded = true;
      try {
        await client.request(create);
      } catch (err) {
        if (err instanceof AtlasApiError && err.status < 500) mayHaveAdded = false;
        throw err;
      }
      ctx.term.info(`added ${entry.value} to the access list of project ${groupId} until ${plan.deleteAfterDate}`);
    }
    await waitActive(ctx, groupId, entry, plan.waitMs);

    child = spawn(plan.command[0]!, plan.command.slice(1), { stdio: 'inherit' });
    let killedBy: NodeJS.Signals | null = null;
    childExit = new Promise<number>((resolve, reject) => {
      child!.once('error', reject);
      child!.once('exit', (code, signal) => {
        killedBy = signal;
        resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
      });
    });
    let code: number;
    try {
      code = await childExit;
    } catch (err) {
      throw new CliError(`cannot run ${plan.command[0]}: ${(err as Error).message}`, 'check the command after --', 127);
    }
    await removeEntry();
    unregister();
    if (code !== 0) throw new CliError(killedBy ? `${plan.command[0]} was killed by ${killedBy} (exit ${code})` : `${plan.command[0]} exited with code ${code}`, undefined, code);
  } catch (err) {
    // the command failed to start, the wait failed, or the command failed: take the entry back
    await removeEntry().catch(() => undefined);
    unregister();
    throw err;
  }
}

/** Whether the entry is on the list already (getGroupAccessListEntry; 404 is no). */
async function exists(ctx: Context, groupId: string, e: AddressEntry): Promise<boolean> {
  try {
    await (await ctx.client()).request({ operationId: 'getGroupAccessListEntry', pathParams: { groupId, entryValue: e.value } });
    return true;
  } catch (err) {
    if (err instanceof AtlasApiError && err.status === 404) return false;
    throw err;
  }
}
