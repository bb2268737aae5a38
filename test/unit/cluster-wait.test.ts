import { describe, expect, it } from 'vitest';
import { CliError, UsageError } from '../../src/errors.js';
import { pollIntervals, pollUntil, waitTimeoutMs } from '../../src/commands/cluster/wait.js';

/** A fake clock: sleeping moves time forward. */
function clock() {
  let t = 0;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
    slept,
  };
}

describe('poll intervals', () => {
  it('back off from 1 s by half each time, capped at 10 s', () => {
    const next = pollIntervals({});
    const got = Array.from({ length: 9 }, () => next());
    expect(got).toEqual([1000, 1500, 2250, 3375, 5063, 7595, 10000, 10000, 10000]);
  });
  it('ATLASCLI_POLL_MS fixes the interval', () => {
    const next = pollIntervals({ ATLASCLI_POLL_MS: '20' });
    expect([next(), next(), next()]).toEqual([20, 20, 20]);
    expect(() => pollIntervals({ ATLASCLI_POLL_MS: 'fast' })).toThrow(UsageError);
  });
});

describe('--wait-timeout', () => {
  it('defaults to 1800 s with --wait, and is refused without it', () => {
    expect(waitTimeoutMs({ wait: true })).toBe(1_800_000);
    expect(waitTimeoutMs({ wait: true, waitTimeout: '5' })).toBe(5000);
    expect(waitTimeoutMs({})).toBeUndefined();
    expect(() => waitTimeoutMs({ waitTimeout: '5' })).toThrow(/needs --wait/);
    expect(waitTimeoutMs({ waitTimeout: '2' }, true)).toBe(2000);
    expect(() => waitTimeoutMs({ wait: true, waitTimeout: '0' })).toThrow(UsageError);
  });
});

describe('pollUntil', () => {
  it('returns the IDLE document, reporting each state', async () => {
    const states = ['CREATING', 'CREATING', 'UPDATING', 'IDLE'];
    const seen: string[] = [];
    const c = clock();
    const doc = await pollUntil({
      name: 'c1',
      target: 'IDLE',
      timeoutMs: 60_000,
      next: pollIntervals({}),
      onState: (s) => seen.push(s),
      fetch: async () => ({ name: 'c1', stateName: states.shift() }),
      ...c,
    });
    expect(doc).toEqual({ name: 'c1', stateName: 'IDLE' });
    expect(seen).toEqual(['CREATING', 'CREATING', 'UPDATING', 'IDLE']);
    expect(c.slept).toEqual([1000, 1500, 2250]);
  });

  it('waits for a deleted cluster to be gone', async () => {
    const answers = [{ stateName: 'DELETING' }, { stateName: 'DELETING' }, undefined];
    const c = clock();
    const seen: string[] = [];
    const doc = await pollUntil({ name: 'c1', target: 'GONE', timeoutMs: 60_000, next: () => 100, onState: (s) => seen.push(s), fetch: async () => answers.shift(), ...c });
    expect(doc).toBeUndefined();
    expect(seen).toEqual(['DELETING', 'DELETING', 'DELETED']);
  });

  it('gives up when --wait-timeout runs out, with the last state, exit 1', async () => {
    const c = clock();
    const p = pollUntil({ name: 'c1', target: 'IDLE', timeoutMs: 5000, next: pollIntervals({}), onState: () => {}, fetch: async () => ({ stateName: 'UPDATING' }), ...c });
    await expect(p).rejects.toThrow('gave up waiting after 5 s: cluster c1 is still UPDATING');
    await p.catch((e: CliError) => expect(e.exitCode).toBe(1));
    // never sleeps past the deadline
    expect(c.slept.reduce((a, b) => a + b, 0)).toBe(5000);
  });

  it('a cluster that vanishes while waiting for IDLE is an error', async () => {
    const c = clock();
    const answers = [{ stateName: 'CREATING' }, undefined];
    await expect(pollUntil({ name: 'c1', target: 'IDLE', timeoutMs: 60_000, next: () => 10, onState: () => {}, fetch: async () => answers.shift(), ...c })).rejects.toThrow(
      /disappeared/,
    );
  });
});
