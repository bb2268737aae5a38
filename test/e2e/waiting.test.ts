// Waiting not on a terminal (CLI-CONTRACT "Additions", "Waiting"): a line on stderr at each
// state change and at least every 30 s while nothing changes, and a last line with the
// total time. The simulator's clock is manual and is also the CLI's clock (runCli's `now`),
// so the test moves time without waiting for it; ATLASCLI_POLL_MS makes the polls quick.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { apiRequests, until } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

// a new cluster is CREATING for 150 s of the manual clock
const sim = sharedSimulator({ port: 0, clock: 'manual', stepMs: 150_000 }, { reset: false });

/** Resolves once the CLI has read the cluster `n` more times. */
async function polls(name: string, n: number): Promise<void> {
  const reads = () => apiRequests(sim).filter((q) => q.method === 'GET' && q.path.endsWith(`/clusters/${name}`)).length;
  const target = reads() + n;
  await until(() => reads() >= target);
}

describe('a wait in CI', () => {
  it('says each state, then where it is every 30 s while nothing changes, then the total time', async () => {
    const run = runCli(['cluster', 'create', 'ci-wait', '--tier', 'M10', '--provider', 'AWS', '--region', 'US_EAST_1', '--wait'], {
      sim,
      env: { ATLASCLI_POLL_MS: '5', CI: 'true' },
      now: () => sim.clock.now(),
    });
    await polls('ci-wait', 2);
    sim.clock.advance(20_000); // 20 s: less than 30 s since the last line, nothing said
    await polls('ci-wait', 2);
    sim.clock.advance(15_000); // 35 s: still CREATING, said again
    await polls('ci-wait', 2);
    sim.clock.advance(29_000); // 64 s: 29 s since the last line
    await polls('ci-wait', 2);
    sim.clock.advance(86_000); // 150 s: IDLE
    const r = await run;
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.slice(lines.indexOf('waiting for cluster ci-wait to be IDLE'))).toEqual([
      'waiting for cluster ci-wait to be IDLE',
      'cluster ci-wait: CREATING · 0s',
      'cluster ci-wait: CREATING · 35s',
      'cluster ci-wait is IDLE (total 2m 30s)',
    ]);
  });
});
