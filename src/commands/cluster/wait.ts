/**
 * Waiting for a cluster: `cluster watch` and `--wait`, through the one waiter of the CLI
 * (src/commands/wait.ts: backoff, `--wait-timeout`, spinner, Ctrl-C). What is particular
 * to clusters is here: the state is `stateName`; the goal is IDLE, or gone (404) after a
 * delete; after a change, IDLE is not enough until the cluster's status says APPLIED.
 */
import type { Context } from '../../program/context.js';
import { AtlasApiError } from '../../errors.js';
import { pollUntil as poll, waitFor, type PollSpec } from '../wait.js';
import type { Json } from './body.js';
import { fetchCluster, type Api } from './kind.js';

export { DEFAULT_WAIT_SECONDS, POLL, POLL_ENV, pollIntervals, waitTimeoutMs } from '../wait.js';

export type Target = 'IDLE' | 'GONE';

/** The parts of a cluster's wait that do not depend on how it is fetched or shown. */
function clusterSpec(name: string, target: Target): Pick<PollSpec<Json>, 'subject' | 'state' | 'done' | 'follow'> {
  return {
    subject: `cluster ${name}`,
    state: (doc) => (typeof doc.stateName === 'string' ? doc.stateName : 'unknown'),
    done: (doc) => (target === 'GONE' ? doc === undefined : doc?.stateName === 'IDLE'),
    follow: `atlascli cluster watch ${name}`,
  };
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

/**
 * Polls a cluster until the target (the generic pollUntil with the cluster's spec);
 * returns the last document, or undefined once gone (reported as the state DELETED).
 */
export async function pollUntil(o: PollOptions): Promise<Json | undefined> {
  const doc = await poll<Json>({ ...clusterSpec(o.name, o.target), fetch: o.fetch, timeoutMs: o.timeoutMs, next: o.next, onState: o.onState, now: o.now, sleep: o.sleep });
  if (doc === undefined) o.onState('DELETED');
  return doc;
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
  let api = how.api;
  let initial = how.initial;
  let seen = false;
  return waitFor<Json>(ctx, {
    ...clusterSpec(name, target),
    goal: target === 'GONE' ? 'gone' : 'IDLE',
    reached: target === 'GONE' ? `cluster ${name} is deleted` : `cluster ${name} is IDLE`,
    timeoutMs,
    fetch: async () => {
      if (initial) {
        const doc = initial;
        initial = undefined;
        seen = true;
        return doc;
      }
      let doc: Json;
      try {
        const got = await fetchCluster(client, groupId, name, api);
        api = got.api;
        doc = got.value;
      } catch (err) {
        // gone: the goal of a delete; for any other wait, gone after being seen is reported as such (exit 4)
        if (err instanceof AtlasApiError && err.status === 404 && (target === 'GONE' || seen)) return undefined;
        throw err;
      }
      seen = true;
      if (how.applied && api !== 'flex' && doc.stateName === 'IDLE') {
        const status = await client.request<Json>({ operationId: 'getGroupClusterStatus', pathParams: { groupId, clusterName: name } });
        if (status?.changeStatus === 'PENDING') return { ...doc, stateName: PENDING };
      }
      return doc;
    },
  });
}
