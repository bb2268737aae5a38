/**
 * Every speed trick of the CLI that reaches into Node, V8 or a dependency's private files,
 * in one labelled drawer, each with what `npm run bench` measured with it on and off
 * (section "tuning"; figures of 2026-12-06, Node 20.20.2, 2 cores, without
 * NODE_EXTRA_CA_CERTS and NODE_OPTIONS: the 256 MiB figures at load 2, the 1 GiB ones at a
 * load of 11-17, whose times read as orders of magnitude).
 * A trick no figure defends does not belong here. The benchmark turns a trick off with
 * `TUNING_OFF`.
 *
 * 1. undici's private files (`undici/lib/…`, so undici is pinned exactly in
 *    package.json): the client loads the proxy agent and the request API, not undici's
 *    index, which also loads fetch, WebSocket, caches, mocks and node:worker_threads.
 *    As undici's own index does (its line `Object.assign(Dispatcher.prototype, api)`), the
 *    request API goes onto every dispatcher (the proxy agent calls `connect` on its own).
 *    Measured: a process loading the index vs these parts, bundled as the CLI bundles
 *    them, 103 vs 67 ms (CPU 1.80×), 53 vs 45 MiB peak RSS.
 * 2. `--liftoff-only` (v8.setFlagsFromString), set before undici compiles its llhttp
 *    WebAssembly (at the first connection): V8 compiles it once, quickly, and not again
 *    optimized on background threads, which costs memory and holds the process at exit
 *    for that compile. Measured off vs on: `project get` 256 vs 128 ms (CPU 2.33×), 93
 *    vs 57 MiB peak RSS; a 256 MiB log download 108 vs 75 MiB, a 1 GiB one 105 vs 78 MiB
 *    peak RSS (the target is < 100 MB).
 * 3. A scavenge of V8's young generation every 4 MiB of a download (`gc()`, from
 *    `--expose-gc` set for one new context and unset again): every socket read is a fresh
 *    64 KiB Buffer, and the gzip check's inflated output is thrown away as it comes, all
 *    garbage a moment later, which V8 collects on external-memory pressure only, after
 *    some 30 MB of it. Measured off vs on: a 256 MiB log download 95 vs 75 MiB peak RSS
 *    (2.04 vs 2.31 s: the scavenges cost time), a 1 GiB one 99 vs 78 MiB (the target is
 *    < 100 MB, i.e. 95 MiB).
 *
 * Node documents V8 flags changed after start-up as unsupported ("unpredictable
 * behaviour, including crashes and data loss"). Both are used as narrowly as it allows:
 * set once per process, before anything they change exists (no WebAssembly compiled yet;
 * `gc` taken from a new context, the flag unset again); the guards below are facts about
 * the process, not per-run state. They stay because without either a 1 GiB download
 * misses its memory target; they go when a public way does the same.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Dispatcher, EnvHttpProxyAgent as EnvHttpProxyAgentType } from 'undici';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import DispatcherBase from 'undici/lib/dispatcher/dispatcher.js';
import dispatcherApi from 'undici/lib/api/index.js';

/** The tricks by name, as the benchmark turns them off. */
export type Trick = 'liftoff' | 'gc';

/**
 * The benchmark's switch (scripts/bench.js, section "tuning"): `globalThis[TUNING_OFF]`
 * set to the names of tricks to leave off, before the CLI loads. Nothing else sets it.
 */
export const TUNING_OFF = Symbol.for('atlascli.tuning.off');

function off(trick: Trick): boolean {
  const list = (globalThis as { [TUNING_OFF]?: readonly string[] })[TUNING_OFF];
  return list?.includes(trick) === true;
}

let apiOnDispatchers = false;
let liftoffOnly = false;

/**
 * The HTTP agent of the API client: undici's EnvHttpProxyAgent (keep-alive, proxies from
 * the options), loaded from its own file (trick 1), with llhttp to be compiled by Liftoff
 * only (trick 2).
 */
export function httpAgent(options: EnvHttpProxyAgentType.Options): Dispatcher {
  if (!apiOnDispatchers) {
    apiOnDispatchers = true;
    Object.assign(DispatcherBase.prototype, dispatcherApi);
  }
  if (!liftoffOnly && !off('liftoff')) {
    liftoffOnly = true;
    setFlagsFromString('--liftoff-only');
  }
  return new EnvHttpProxyAgent(options) as unknown as Dispatcher;
}

/** Bytes of body between two scavenges (see `collectGarbageEvery`). */
export const COLLECT_EVERY_BYTES = 4 << 20;

/**
 * A counter that scavenges V8's young generation each time `every` more bytes have gone by
 * (trick 3; a scavenge is well under a millisecond: the young generation holds little
 * else). Where V8 does not offer `gc` the counter does nothing.
 */
export function collectGarbageEvery(every: number): (bytes: number) => void {
  const gc = off('gc') ? null : exposedGc();
  if (!gc) return () => {};
  let since = 0;
  return (bytes) => {
    since += bytes;
    if (since < every) return;
    since = 0;
    gc({ type: 'minor' });
  };
}

type Gc = (o: { type: 'minor' | 'major' }) => void;
let gcFunction: Gc | null | undefined;

/** V8's `gc`, exposed to one new context only: the flag is set for its creation and unset again. */
function exposedGc(): Gc | null {
  if (gcFunction === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as unknown;
      gcFunction = typeof gc === 'function' ? (gc as Gc) : null;
    } catch {
      gcFunction = null;
    } finally {
      setFlagsFromString('--no-expose-gc');
    }
  }
  return gcFunction;
}
