// The steps a download's body is gathered into before the gzip check inflates it
// (src/transfer/steps.ts): every byte once, in order; at most `most` steps out; a step's
// buffer filled again once done with; the sink's failure is the writer's.
import { describe, expect, it } from 'vitest';
import { Steps } from '../../src/transfer/steps.js';

/** A sink whose steps stay out until released: copies of what it took, in order. */
function heldSink() {
  const taken: Buffer[] = [];
  const buffers: ArrayBuffer[] = [];
  const pending: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  const sink = (step: Buffer) => {
    taken.push(Buffer.from(step));
    buffers.push(step.buffer as ArrayBuffer);
    return new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
  };
  const releaseAll = async () => {
    while (pending.length) pending.shift()!.resolve();
    await new Promise((r) => setImmediate(r));
  };
  return { sink, taken, buffers, pending, releaseAll };
}

describe('Steps', () => {
  it('hands on every byte once, in order, in full steps and a shorter last one', async () => {
    const s = heldSink();
    const steps = new Steps(s.sink, 4, 100);
    for (const part of ['abc', 'defghijklm', 'n', 'opqrstu']) steps.push(Buffer.from(part));
    expect(s.taken.map(String)).toEqual(['abcd', 'efgh', 'ijkl', 'mnop', 'qrst']);
    const ended = steps.end();
    expect(s.taken.map(String).at(-1)).toBe('u');
    await s.releaseAll();
    await ended;
    expect(Buffer.concat(s.taken).toString()).toBe('abcdefghijklmnopqrstu');
  });

  it('nothing pushed: end hands on nothing', async () => {
    const s = heldSink();
    const steps = new Steps(s.sink, 4, 2);
    await steps.end();
    expect(s.taken).toEqual([]);
  });

  it('says to wait once `most` steps are out, and drained() resolves only when one comes back', async () => {
    const s = heldSink();
    const steps = new Steps(s.sink, 4, 2);
    expect(steps.push(Buffer.from('1111'))).toBe(true);
    expect(steps.push(Buffer.from('2222'))).toBe(false);
    let drained = false;
    const waiting = steps.drained().then(() => (drained = true));
    await new Promise((r) => setImmediate(r));
    expect(drained).toBe(false);
    s.pending.shift()!.resolve();
    await waiting;
    expect(drained).toBe(true);
    expect(steps.push(Buffer.from('33'))).toBe(true);
  });

  it('fills a step buffer again once the sink is done with it (the memory stays `most` steps)', async () => {
    const s = heldSink();
    const steps = new Steps(s.sink, 4, 2);
    steps.push(Buffer.from('aaaa'));
    await s.releaseAll();
    steps.push(Buffer.from('bbbb'));
    expect(s.buffers[1]).toBe(s.buffers[0]);
    // a step still out is never written over: the next one takes a new buffer
    steps.push(Buffer.from('cccc'));
    expect(s.buffers[2]).not.toBe(s.buffers[1]);
    expect(s.taken.map(String)).toEqual(['aaaa', 'bbbb', 'cccc']);
  });

  it("the sink's failure comes back from push, drained and end", async () => {
    const s = heldSink();
    const steps = new Steps(s.sink, 4, 1);
    expect(steps.push(Buffer.from('aaaa'))).toBe(false);
    const waiting = steps.drained();
    const why = new Error('damaged');
    s.pending.shift()!.reject(why);
    await expect(waiting).rejects.toBe(why);
    expect(() => steps.push(Buffer.from('b'))).toThrow(why);
    await expect(steps.end()).rejects.toBe(why);
  });

  it('end waits for every step out, and fails if one fails meanwhile', async () => {
    const s = heldSink();
    const steps = new Steps(s.sink, 4, 4);
    steps.push(Buffer.from('aaaabb'));
    let ended = false;
    const end = steps.end().then(() => (ended = true));
    await new Promise((r) => setImmediate(r));
    expect(ended).toBe(false);
    await s.releaseAll();
    await end;
    const t = heldSink();
    const failing = new Steps(t.sink, 4, 4);
    failing.push(Buffer.from('aaaabb'));
    const end2 = failing.end();
    t.pending[0]!.resolve();
    t.pending[1]!.reject(new Error('cut'));
    await expect(end2).rejects.toThrow('cut');
  });
});
