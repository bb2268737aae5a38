/**
 * `atlascli whitelist exec [--ttl 1h] [--comment …] [--pass-credentials] -- <command> [args…]`:
 * a CI access session. Adds the caller's public address to the project's access list
 * (with a TTL as a safety net), waits until the entry is ACTIVE, runs the command with
 * stdin, stdout and stderr passed through and without the Atlas credentials in its
 * environment, then takes the entry back, also when the command fails or the run is
 * interrupted (Ctrl-C, SIGTERM), and exits with the command's exit code (128 + the
 * signal number when it died of a signal).
 *
 * Runs behind one address (parallel CI jobs behind a NAT) share the entry: each holds a
 * lease on it (shared-entry.ts) and the last one out removes it. An entry that was on
 * the list before, made by someone else, is left in place.
 *
 * The command runs in a process group of its own: on a signal, or once the command has
 * exited, whatever is left of the group (grandchildren too) is stopped and waited for
 * before the entry is taken back.
 */
import type { Context } from '../../program/context.js';
import { UsageError } from '../../errors.js';
import { waitTimeoutMs, pollIntervals, POLL_ENV } from '../wait.js';
import { cannotRun, runBetween, runnable } from '../run-command.js';
import { parseExpiry } from './input.js';
import { MAX_NOTE } from './lease.js';
import { currentIp } from './current-ip.js';
import { waitActive } from './run.js';
import { SharedEntry, type JoinResult } from './shared-entry.js';

export interface ExecOptions {
  currentIp?: boolean;
  ttl?: string;
  comment?: string;
  waitTimeout?: string;
  passCredentials?: boolean;
  dryRun?: boolean;
}

export const DEFAULT_EXEC_TTL = '1h';
/** How often a run checks its lease while the command runs (ATLASCLI_POLL_MS, when set, at least KEEP_MIN_MS). */
const KEEP_EVERY_MS = 20_000;
const KEEP_MIN_MS = 500;

/** The checked input of `exec`: every problem is found here, before any request. */
export function planExec(command: readonly string[], opts: ExecOptions, env: NodeJS.ProcessEnv = {}, now = Date.now()) {
  if (!command.length || !command[0]) throw new UsageError('no command to run', 'put it after --: atlascli whitelist exec --current-ip -- <command> [args…]');
  if (opts.comment !== undefined && [...opts.comment].length > MAX_NOTE) {
    throw new UsageError(`--comment is ${[...opts.comment].length} characters long: whitelist exec keeps at most ${MAX_NOTE} (the rest of Atlas's 80 holds the runs' leases)`);
  }
  pollIntervals(env); // a bad ATLASCLI_POLL_MS is refused here, before anything is sent
  const poll = env[POLL_ENV];
  return {
    command: [...command],
    note: opts.comment,
    deleteAfterDate: parseExpiry({ ttl: opts.ttl ?? DEFAULT_EXEC_TTL }, now)!,
    waitMs: waitTimeoutMs({ wait: true, waitTimeout: opts.waitTimeout })!,
    keepEveryMs: poll ? Math.max(KEEP_MIN_MS, Number(poll)) : KEEP_EVERY_MS,
  };
}

export async function exec(ctx: Context, command: string[], opts: ExecOptions): Promise<void> {
  const plan = planExec(command, opts, ctx.io.env);
  const name = plan.command[0]!;
  // a command that cannot run is found before the access list is touched (exit 127, as a shell says it)
  if (!runnable(name, ctx.io.env)) throw cannotRun(name, 'no such command', 'check the command after -- (and PATH); nothing was sent');
  const groupId = ctx.projectId();
  const client = await ctx.client();
  const entry = await currentIp(client);
  const shared = new SharedEntry(client, groupId, entry, { endMs: Date.parse(plan.deleteAfterDate), note: plan.note, warn: (m) => ctx.term.warn(m) });
  const where = `the access list of project ${groupId}`;

  if (opts.dryRun) {
    // one read, which changes nothing; the command's arguments are not echoed (they may hold a connection string)
    const write = await shared.plannedWrite();
    if (!write) ctx.term.info(`${entry.value} is already on ${where}: nothing would be added or removed`);
    else {
      ctx.renderer.request(await client.describe({ operationId: 'createGroupAccessListEntry', pathParams: { groupId }, body: write.body }), { note: false });
      ctx.renderer.request(await client.describe({ operationId: 'deleteGroupAccessListEntry', pathParams: { groupId, entryValue: entry.value } }), { note: false });
    }
    const between = write ? ', between these two requests (the DELETE only if no other atlascli run holds the entry then)' : '';
    ctx.term.info(`dry run: nothing was sent and ${name} was not run; it would run once the entry is ACTIVE${between}`);
    return;
  }

  let joining: Promise<JoinResult> | undefined;
  let joined: JoinResult | undefined;
  let stopKeeping: () => Promise<void> = async () => undefined;
  await runBetween(
    ctx,
    plan.command,
    {
      async do(run) {
        joining = shared.join();
        joined = await joining;
        if (joined === 'foreign') {
          ctx.term.info(`${entry.value} is already on ${where}; it stays there afterwards`);
          return;
        }
        ctx.term.info(
          joined === 'created'
            ? `added ${entry.value} to ${where} until ${plan.deleteAfterDate}`
            : `${entry.value} is on ${where} for other atlascli runs too; this run holds it until ${plan.deleteAfterDate}`,
        );
        await waitActive(ctx, groupId, entry, plan.waitMs);
        // a last look just before the command starts, then one every keepEveryMs
        await shared.keep();
        if (!run.interrupted) stopKeeping = shared.keepEvery(plan.keepEveryMs);
      },
      // the command's whole group has ended: the lease is given back
      async undo() {
        await stopKeeping();
        if (joining) await joining.catch(() => undefined); // a write in flight lands before the lease is given back
        if (!joining || joined === 'foreign') return;
        try {
          const left = await shared.leave();
          if (left.kind === 'removed') ctx.term.info(`removed ${entry.value} from ${where}`);
          if (left.kind === 'kept') {
            const who = left.overflow ? 'other atlascli runs hold it' : `${left.others} other atlascli run${left.others === 1 ? '' : 's'} hold${left.others === 1 ? 's' : ''} it`;
            ctx.term.info(`left ${entry.value} on ${where}: ${who}${left.until ? ` (it expires at ${left.until})` : ''}`);
          }
        } catch (err) {
          ctx.term.warn(`could not take ${entry.value} back from the access list: ${(err as Error).message}; it expires at ${plan.deleteAfterDate}`);
          throw err;
        }
      },
    },
    { passCredentials: opts.passCredentials },
  );
}
