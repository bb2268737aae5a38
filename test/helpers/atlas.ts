/** Direct, authenticated requests to the simulator: what Atlas serves, to compare the CLI's output with. */
import DigestClient from 'digest-fetch';
import type { RecordedRequest, RunningSimulator } from '../../src/simulator/index.js';

export async function served<T = any>(sim: RunningSimulator, path: string, version = '2023-01-01'): Promise<T> {
  const client = new DigestClient(sim.credentials.publicKey, sim.credentials.privateKey, { algorithm: 'MD5' });
  const res = await client.fetch(`${sim.url}${path}`, { headers: { Accept: `application/vnd.atlas.${version}+json` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every item of a list, as served, page after page. */
export async function servedAll<T = any>(sim: RunningSimulator, path: string, version = '2023-01-01'): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const doc = await served<{ results: T[]; totalCount: number }>(sim, `${path}${sep}itemsPerPage=500&pageNum=${page}`, version);
    out.push(...doc.results);
    if (doc.results.length < 500) return out;
  }
}

/** The requests the CLI sent, without the simulator's own bookkeeping and without digest challenges. */
export function apiRequests(sim: RunningSimulator, since = 0) {
  return sim.requests.slice(since).filter((r) => r.path.startsWith('/api/atlas/v2') && r.status !== 401);
}

/**
 * Resolves once `done()` holds, checking after each turn of the event loop (a run in this
 * process, or the simulator, makes progress in between): for a test that acts when the CLI
 * has reached a point (the simulator saw a request), instead of sleeping a guessed time.
 * Bounded by the test's own timeout.
 */
export async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 1));
}

/**
 * Runs `run` (a CLI run that changes a cluster, then waits) with the simulator's cluster
 * transitions held: a cluster stays CREATING, UPDATING or DELETING until the simulator has
 * answered a request `seen` picks (the CLI read the cluster in that state), then every
 * pending transition completes. What the wait shows then depends on no timing.
 * @returns what `run` returns
 */
export async function withTransitionsHeld<T>(sim: RunningSimulator, run: () => Promise<T>, seen: (r: RecordedRequest) => boolean): Promise<T> {
  const step = sim.state.stepMs;
  const from = sim.requests.length;
  sim.state.stepMs = Infinity;
  const running = run();
  try {
    await Promise.race([until(() => sim.requests.slice(from).some((r) => r.status === 200 && seen(r))), running]);
  } finally {
    sim.state.stepMs = step;
    for (const c of sim.state.clusters.values()) if (c.transition) c.transition.at = 0;
  }
  return running;
}
