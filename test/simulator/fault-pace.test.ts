// The fault `bytesPerSecond` (src/simulator/respond.ts `paced`): a body sent no faster than a
// link's speed, whole. A simulator's own fixture (no Atlas behaviour to follow): what users'
// scripts and the bench use to see a download at the speed of a real network.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { paced } from '../../src/simulator/respond.js';
import { useSimulator } from './helpers.js';

describe('paced (the bytesPerSecond fault)', () => {
  it('passes every byte, in order, each piece no earlier than the time its bytes take at that speed', async () => {
    const data = Buffer.from(Array.from({ length: 300_000 }, (_v, i) => i % 251));
    const rate = 1_000_000; // bytes per second: 0.3 s for the whole
    const source = Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]);
    const started = performance.now();
    const got: Buffer[] = [];
    const at: Array<{ bytes: number; ms: number }> = [];
    let bytes = 0;
    for await (const piece of paced(source, rate) as AsyncIterable<Buffer>) {
      got.push(piece);
      bytes += piece.length;
      at.push({ bytes, ms: performance.now() - started });
    }
    expect(Buffer.concat(got).equals(data)).toBe(true);
    // pieces of at most 64 KiB (a socket read), so the pace is smooth, not one burst a second
    expect(Math.max(...got.map((p) => p.length))).toBeLessThanOrEqual(64 * 1024);
    // a lower bound only (a busy machine is slower, never faster): waits under 1 ms are gathered into the next
    for (const p of at) expect(p.ms).toBeGreaterThanOrEqual((p.bytes / rate) * 1000 - 1);
  });
});

describe('the bytesPerSecond fault', () => {
  const fx = useSimulator();

  it('sends an API answer whole, with its Content-Length, taking at least its length over the speed', async () => {
    const plain = await fx.api('GET', '/api/atlas/v2/orgs');
    const length = Number(plain.headers.get('content-length'));
    expect(length).toBeGreaterThan(100);
    fx.sim.faults.add({ path: '/api/atlas/v2/orgs', bytesPerSecond: length * 2, times: 1 });
    const started = performance.now();
    const r = await fx.api('GET', '/api/atlas/v2/orgs');
    expect(performance.now() - started).toBeGreaterThanOrEqual(500 - 1);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-length')).toBe(String(length));
    expect(r.json).toEqual(plain.json);
    expect(fx.sim.faults.list()).toEqual([]);
  });

  it('is refused when it is not a speed, or with a fault that drops or stalls the body', () => {
    expect(() => fx.sim.faults.add({ bytesPerSecond: 0 })).toThrow('fault.bytesPerSecond must be a number >= 1');
    expect(() => fx.sim.faults.add({ bytesPerSecond: '1e9' } as never)).toThrow('fault.bytesPerSecond must be a number >= 1');
    expect(() => fx.sim.faults.add({ bytesPerSecond: 1e6, cutBody: true })).toThrow('fault: cutBody and bytesPerSecond exclude each other');
    expect(() => fx.sim.faults.add({ bytesPerSecond: 1e6, stallBodyMs: 10 })).toThrow('fault: stallBodyMs and bytesPerSecond exclude each other');
    expect(fx.sim.faults.add({ bytesPerSecond: 125_000_000 })).toBeGreaterThan(0);
  });
});
