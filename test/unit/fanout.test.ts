// orderedFanOut (src/commands/fleet/fanout.ts): bounded, in order, and never stuck when an
// early item holds the emitted prefix back (the window fills and several workers wait).
import { describe, expect, it } from 'vitest';
import { orderedFanOut } from '../../src/commands/fleet/fanout.js';

describe('orderedFanOut', () => {
  it('emits every result in order with at most `concurrency` in flight, a slow first item included', { timeout: 5000 }, async () => {
    const items = Array.from({ length: 500 }, (_, i) => i);
    let inFlight = 0;
    let peak = 0;
    const emitted: number[] = [];
    let releaseFirst!: () => void;
    const first = new Promise<void>((r) => (releaseFirst = r));
    await orderedFanOut(
      items,
      4,
      async (i) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        // item 0 finishes only once the others have filled the window (16 ahead) and the
        // three other workers all wait for it
        if (i === 0) await first;
        else await new Promise((r) => setImmediate(r));
        if (i === 15) setTimeout(releaseFirst, 20);
        inFlight--;
        return i * 2;
      },
      (i, r) => emitted.push(r - i),
    );
    expect(emitted).toEqual(items);
    expect(peak).toBeLessThanOrEqual(4);
  });

  it('after a failure nothing new starts; the first failure is thrown', async () => {
    const started: number[] = [];
    await expect(
      orderedFanOut(
        Array.from({ length: 50 }, (_, i) => i),
        2,
        async (i) => {
          started.push(i);
          await new Promise((r) => setImmediate(r));
          if (i === 3) throw new Error('boom');
          return i;
        },
        () => undefined,
      ),
    ).rejects.toThrow('boom');
    expect(started.length).toBeLessThan(8);
  });
});
