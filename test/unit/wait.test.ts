import { describe, expect, it } from 'vitest';
import { pollUntil, waitTimeoutMs } from '../../src/commands/wait.js';

type Doc = { status: string };

function fake(states: Array<string | undefined>) {
  let t = 0;
  let i = 0;
  const seen: string[] = [];
  return {
    seen,
    spec: {
      subject: 'snapshot 1',
      fetch: async () => {
        const s = states[Math.min(i++, states.length - 1)];
        return s === undefined ? undefined : { status: s };
      },
      state: (d: Doc) => d.status,
      next: () => 1000,
      onState: (s: string) => seen.push(s),
      now: () => t,
      sleep: async (ms: number) => {
        t += ms;
      },
      follow: 'atlascli backup snapshot get C 1',
    },
  };
}

describe('pollUntil', () => {
  it('polls until done and returns the last document', async () => {
    const f = fake(['queued', 'inProgress', 'completed']);
    const doc = await pollUntil({ ...f.spec, done: (d) => d?.status === 'completed', timeoutMs: 60_000 });
    expect(doc).toEqual({ status: 'completed' });
    expect(f.seen).toEqual(['queued', 'inProgress', 'completed']);
  });

  it('stops at a failed state with exit 1', async () => {
    const f = fake(['queued', 'failed']);
    const err = await pollUntil({ ...f.spec, done: (d) => d?.status === 'completed', failed: (d) => (d.status === 'failed' ? 'failed' : undefined), timeoutMs: 60_000 }).catch(
      (e) => e,
    );
    expect(err.message).toBe('snapshot 1 failed');
    expect(err.exitCode).toBe(1);
  });

  it('gives up at the deadline, naming the last state and the command that keeps following', async () => {
    const f = fake(['queued']);
    const err = await pollUntil({ ...f.spec, done: () => false, timeoutMs: 3000 }).catch((e) => e);
    expect(err.message).toBe('gave up waiting after 3 s: snapshot 1 is still queued');
    expect(err.hint).toMatch(/atlascli backup snapshot get C 1/);
  });

  it('gone is done for a delete, exit 4 otherwise', async () => {
    expect(await pollUntil({ ...fake(['deleting', undefined]).spec, done: (d) => d === undefined, timeoutMs: 60_000 })).toBeUndefined();
    const err = await pollUntil({ ...fake([undefined]).spec, done: (d) => d?.status === 'completed', timeoutMs: 60_000 }).catch((e) => e);
    expect(err.exitCode).toBe(4);
  });

  it('--wait-timeout needs --wait', () => {
    expect(() => waitTimeoutMs({ waitTimeout: '5' })).toThrow(/--wait-timeout needs --wait/);
    expect(waitTimeoutMs({ wait: true })).toBe(1_800_000);
    expect(waitTimeoutMs({}, true)).toBe(1_800_000);
  });
});
