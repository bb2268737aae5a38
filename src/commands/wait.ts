/**
 * Waiting for something Atlas does in the background (`--wait`, `watch`): polls with
 * backoff (1 s, growing by half each time, capped at 10 s) until the thing is done,
 * has failed, or is gone. `--wait-timeout` bounds the whole wait (default 1800 s); the
 * global `--timeout` still bounds each request. A spinner on a terminal, one line per
 * change of state otherwise, on stderr. Ctrl-C stops waiting and leaves Atlas alone, saying
 * what was left running and the command that keeps following it.
 * Every wait of the CLI goes through here: snapshots, restore jobs, access-list entries,
 * and clusters (src/commands/cluster/wait.ts builds the cluster's spec).
 *
 * ATLASCLI_POLL_MS=<ms> replaces the backoff with a fixed interval (tests, demos).
 */
import type { Context } from '../program/context.js';
import { parseSeconds } from '../program/context.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { ENV } from '../environment.js';
import { elapsed } from '../output/terminal.js';
import { absentAsUndefined } from './shared.js';

export const POLL = { firstMs: 1000, factor: 1.5, capMs: 10_000 } as const;
export const DEFAULT_WAIT_SECONDS = 1800;
export const POLL_ENV = ENV.pollMs;

/** The intervals between polls, in ms: fixed with ATLASCLI_POLL_MS, else backoff. */
export function pollIntervals(env: NodeJS.ProcessEnv): () => number {
  const fixed = env[POLL_ENV];
  if (fixed !== undefined && fixed !== '') {
    if (!/^\d+$/.test(fixed.trim()) || Number(fixed) < 1) throw new UsageError(`invalid ${POLL_ENV} "${fixed}": give a whole number of milliseconds`);
    const ms = Number(fixed);
    return () => ms;
  }
  let next: number = POLL.firstMs;
  return () => {
    const now = next;
    next = Math.min(POLL.capMs, Math.round(next * POLL.factor));
    return now;
  };
}

/**
 * `--wait-timeout` in ms; undefined without `--wait`, where waiting is optional (and
 * `--wait-timeout` alone is a usage error). `always`: the command always waits (`watch`).
 */
export function waitTimeoutMs(opts: { wait?: boolean; waitTimeout?: string }, always = false): number | undefined {
  if (!always && !opts.wait) {
    if (opts.waitTimeout !== undefined) throw new UsageError('--wait-timeout needs --wait');
    return undefined;
  }
  return (opts.waitTimeout === undefined ? DEFAULT_WAIT_SECONDS : parseSeconds('--wait-timeout', opts.waitTimeout)) * 1000;
}

export interface PollSpec<T> {
  /** What is waited for, for messages: `snapshot 6b0c…`, `access list entry 10.0.0.1`. */
  subject: string;
  /** The current document, or undefined once it is gone. */
  fetch: () => Promise<T | undefined>;
  /** The state to show (`inProgress`, `PENDING`). */
  state: (doc: T) => string;
  /** The wait is over: the document reached its goal (or, for a delete, is gone: `doc` undefined). */
  done: (doc: T | undefined) => boolean;
  /** A state the thing will not come back from (FAILED, CANCELLED): the failure to report. */
  failed?: (doc: T) => string | undefined;
  /** Bound on the whole wait, in ms. */
  timeoutMs: number;
  /** The command that keeps following it after a timeout or Ctrl-C. */
  follow: string;
  next: () => number;
  /** Each state read (`doc` is the document it was read from; `at` when the read began, by `now`). */
  onState?: (state: string, doc: T, at: number) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Polls until `done`; returns the last document (undefined when gone). Throws a
 * CliError: `EXIT.failure` when the thing fails or the time runs out (Atlas carries on
 * either way), `EXIT.notFound` when it disappears while not expected to.
 */
export async function pollUntil<T>(o: PollSpec<T>): Promise<T | undefined> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = now() + o.timeoutMs;
  for (;;) {
    const at = now();
    const doc = await o.fetch();
    if (doc === undefined) {
      if (o.done(undefined)) return undefined;
      throw new CliError(`${o.subject} disappeared while waiting for it`, undefined, EXIT.notFound);
    }
    const last = o.state(doc);
    o.onState?.(last, doc, at);
    if (o.done(doc)) return doc;
    const failure = o.failed?.(doc);
    if (failure) throw new CliError(`${o.subject} ${failure}`);
    const left = deadline - now();
    if (left <= 0) {
      throw new CliError(
        `gave up waiting after ${Math.round(o.timeoutMs / 1000)} s: ${o.subject} is still ${last}`,
        `Atlas carries on; run \`${o.follow}\` to keep following it, or raise --wait-timeout`,
      );
    }
    await sleep(Math.min(o.next(), left));
  }
}

export type WaitSpec<T> = Omit<PollSpec<T>, 'next' | 'onState' | 'now' | 'sleep'> & {
  /** The goal, for the spinner: `completed`, `ACTIVE`, `gone`. */
  goal: string;
  /** What is said once the goal is reached (default `<subject> is <goal>`). */
  reached?: string;
};

/** Not on a terminal, a wait says where it is at least this often while nothing changes (CI services kill a step silent for minutes). */
export const HEARTBEAT_MS = 30_000;

/**
 * Waits with a spinner on a terminal (the state Atlas reports and the time spent: `cluster
 * demo: UPDATING · 1m 12s`). Elsewhere (CI, pipes) plain lines on stderr: the first says
 * what is awaited, then a line at each change of state and at least every HEARTBEAT_MS
 * while nothing changes (`cluster demo: CREATING · 2m 30s`, checked at each poll, which
 * are at most 10 s apart), and a last line with the total time (`cluster demo is IDLE
 * (total 7m 5s)`). Time is the run's clock (`ctx.io.now`, default Date.now). Returns the
 * final document (undefined when gone). Ctrl-C while waiting stops the spinner and says
 * what is still running and how to follow it.
 */
export async function waitFor<T>(ctx: Context, w: WaitSpec<T>): Promise<T | undefined> {
  const next = pollIntervals(ctx.io.env); // a bad ATLASCLI_POLL_MS: a usage error before anything is shown
  const now = ctx.io.now ?? Date.now;
  const started = now();
  const lines = !ctx.term.showsProgress;
  const spinner = lines ? undefined : await ctx.term.spinner(`waiting for ${w.subject} to be ${w.goal}`);
  if (lines) ctx.term.info(`waiting for ${w.subject} to be ${w.goal}`);
  let shown = '';
  let saidAt = started;
  const release = ctx.cleanup.onInterrupt(() => {
    spinner?.stop();
    ctx.term.info(stoppedWaiting(w.subject, shown, w.follow));
  });
  try {
    const doc = await pollUntil({
      ...w,
      next,
      now,
      // a state is as of when it was asked for: a line never says more time than the answer knew
      onState: (s, d, at) => {
        const changed = s !== shown;
        shown = s;
        // reaching the goal is said once, at the end
        if (w.done(d)) return;
        if (spinner) {
          if (changed) spinner.update(`${w.subject}: ${s}`);
        } else if (changed || at - saidAt >= HEARTBEAT_MS) {
          saidAt = at;
          ctx.term.info(`${w.subject}: ${s} · ${elapsed(at - started)}`);
        }
      },
    });
    const reached = w.reached ?? `${w.subject} is ${w.goal}`;
    if (spinner) spinner.stop(reached);
    else ctx.term.info(`${reached} (total ${elapsed(now() - started)})`);
    return doc;
  } catch (err) {
    spinner?.stop();
    throw err;
  } finally {
    release();
  }
}

/**
 * Waits (waitFor) until what `fetch` reads is gone: Atlas answers 404 (absentAsUndefined),
 * as after a delete. `state` names what it is meanwhile (`DELETING`).
 * @throws what waitFor throws (CliError when `timeoutMs` passes); `fetch`'s errors other than 404
 */
export async function waitGone<T>(ctx: Context, w: { subject: string; timeoutMs: number; follow: string; fetch: () => Promise<T>; state: (doc: T) => string }): Promise<void> {
  await waitFor<T>(ctx, { ...w, goal: 'gone', fetch: () => absentAsUndefined(w.fetch), done: (d) => d === undefined });
}

/** What Ctrl-C during a wait says: `stopped waiting: cluster demo is still UPDATING in Atlas; follow it with: atlascli cluster watch demo`. */
export function stoppedWaiting(subject: string, state: string, follow: string): string {
  const where = state ? `${subject} is still ${state} in Atlas` : `${subject} carries on in Atlas`;
  return `stopped waiting: ${where}; follow it with: ${follow}`;
}
