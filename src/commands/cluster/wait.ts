/**
 * Waiting for a cluster: `cluster watch` and `--wait`. Polls GET the cluster with
 * backoff (1 s, growing by half each time, capped at 10 s) until it is IDLE, or gone
 * (404) after a delete. `--wait-timeout` bounds the whole wait (default 1800 s); the
 * global `--timeout` still bounds each request. Ctrl-C stops waiting and leaves the
 * cluster alone (the bin exits 130).
 *
 * ATLASCLI_POLL_MS=<ms> replaces the backoff with a fixed interval (tests, demos).
 */
import type { Context } from '../../context.js';
import { parseSeconds } from '../../context.js';
import { AtlasApiError, CliError, UsageError } from '../../errors.js';
import type { Json } from './body.js';
import { fetchCluster, type Api } from './kind.js';

export const POLL = { firstMs: 1000, factor: 1.5, capMs: 10_000 } as const;
export const DEFAULT_WAIT_SECONDS = 1800;
export const POLL_ENV = 'ATLASCLI_POLL_MS';

export type Target = 'IDLE' | 'GONE';

/** The intervals between polls: fixed with ATLASCLI_POLL_MS, else backoff. */
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

/** `--wait-timeout` in ms; refused without `--wait` on the commands where waiting is optional. */
export function waitTimeoutMs(opts: { wait?: boolean; waitTimeout?: string }, always = false): number | undefined {
  if (!always && !opts.wait) {
    if (opts.waitTimeout !== undefined) throw new UsageError('--wait-timeout needs --wait');
    return undefined;
  }
  return (opts.waitTimeout === undefined ? DEFAULT_WAIT_SECONDS : parseSeconds('--wait-timeout', opts.waitTimeout)) * 1000;
}

export interface PollOptions {
  /** The cluster document, or undefined once it is gone. */
  fetch: () => Promise<Json | undefined>;
  target: Target;
  timeoutMs: number;
  next: () => number;
  onState: (state: string) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** For messages. */
  name: string;
}

/** Polls until the target; returns the last document (undefined when gone). */
export async function pollUntil(o: PollOptions): Promise<Json | undefined> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = now() + o.timeoutMs;
  let last = 'unknown';
  for (;;) {
    const doc = await o.fetch();
    if (doc === undefined) {
      if (o.target === 'GONE') {
        o.onState('DELETED');
        return undefined;
      }
      throw new CliError(`cluster ${o.name} disappeared while waiting for it to be IDLE`, undefined, 4);
    }
    last = typeof doc.stateName === 'string' ? doc.stateName : 'unknown';
    o.onState(last);
    if (o.target === 'IDLE' && last === 'IDLE') return doc;
    const left = deadline - now();
    if (left <= 0) {
      const seconds = Math.round(o.timeoutMs / 1000);
      throw new CliError(
        `gave up waiting after ${seconds} s: cluster ${o.name} is still ${last}`,
        `Atlas carries on; run \`atlascli cluster watch ${o.name}\` to keep waiting, or raise --wait-timeout`,
      );
    }
    await sleep(Math.min(o.next(), left));
  }
}

export interface WaitFor {
  /** the API the cluster was found at (Flex clusters have their own) */
  api?: Api;
  /**
   * After a change: IDLE is not enough, Atlas may still show the state from before the
   * change; wait until the cluster's status (GET …/status) says APPLIED too.
   */
  applied?: boolean;
  /** a document just read: the first poll uses it instead of asking again */
  initial?: Json;
}

/** Shown while Atlas is IDLE but the change is not applied yet. */
const PENDING = 'IDLE, change pending';

/**
 * Waits for a cluster with a spinner on a terminal (one line per state otherwise, on
 * stderr); returns the final document, or undefined once a deleted cluster is gone.
 */
export async function waitForCluster(ctx: Context, groupId: string, name: string, target: Target, timeoutMs: number, how: WaitFor = {}): Promise<Json | undefined> {
  const client = await ctx.client();
  const next = pollIntervals(ctx.io.env);
  const goal = target === 'GONE' ? 'gone' : 'IDLE';
  const spinner = await ctx.term.spinner(`waiting for cluster ${name} to be ${goal}`);
  let state = '';
  let api = how.api;
  let initial = how.initial;
  try {
    const doc = await pollUntil({
      name,
      target,
      timeoutMs,
      next,
      onState: (s) => {
        if (s === state) return;
        state = s;
        // reaching the target is said once, when the spinner stops
        const reached = s === 'DELETED' || (target === 'IDLE' && s === 'IDLE');
        if (!reached) spinner.update(`cluster ${name}: ${s}`);
      },
      fetch: async () => {
        let doc: Json;
        if (initial) {
          doc = initial;
          initial = undefined;
          return doc;
        }
        try {
          const got = await fetchCluster(client, groupId, name, api);
          api = got.api;
          doc = got.value;
        } catch (err) {
          if (err instanceof AtlasApiError && err.status === 404 && (target === 'GONE' || state !== '')) return undefined;
          throw err;
        }
        if (how.applied && api !== 'flex' && doc.stateName === 'IDLE') {
          const status = await client.request<Json>({ operationId: 'getGroupClusterStatus', pathParams: { groupId, clusterName: name } });
          if (status?.changeStatus === 'PENDING') return { ...doc, stateName: PENDING };
        }
        return doc;
      },
    });
    spinner.stop(target === 'GONE' ? `cluster ${name} is deleted` : `cluster ${name} is IDLE`);
    return doc;
  } catch (err) {
    spinner.stop();
    throw err;
  }
}
