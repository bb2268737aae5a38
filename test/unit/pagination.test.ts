import { describe, expect, it } from 'vitest';
import { paginate } from '../../src/atlas/pagination.js';

function source(total: number, delays: Record<number, number> = {}) {
  const calls: Array<{ pageNum: number; itemsPerPage: number }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchPage = async (pageNum: number, itemsPerPage: number) => {
    calls.push({ pageNum, itemsPerPage });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, delays[pageNum] ?? 1));
    inFlight--;
    const start = (pageNum - 1) * itemsPerPage;
    const results = Array.from({ length: Math.max(0, Math.min(itemsPerPage, total - start)) }, (_, i) => start + i);
    return { results, totalCount: total };
  };
  return { calls, fetchPage, maxInFlight: () => maxInFlight };
}

describe('paginate', () => {
  it('gathers 1,234 items in ceil(1234/500) = 3 page requests, in order', async () => {
    const s = source(1234);
    const items = await paginate<number>(s.fetchPage);
    expect(items).toEqual(Array.from({ length: 1234 }, (_, i) => i));
    expect(s.calls.map((c) => c.pageNum).sort()).toEqual([1, 2, 3]);
    expect(s.calls.every((c) => c.itemsPerPage === 500)).toBe(true);
  });

  it('emits pages in order even when later pages arrive first, with bounded concurrency', async () => {
    const s = source(5000, { 2: 40, 3: 5, 4: 5 });
    const seen: number[] = [];
    const kept = await paginate<number>(s.fetchPage, { concurrency: 4, onItems: (xs) => seen.push(...xs) });
    expect(seen).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    // handed-on items are not kept (jsonl streams with flat memory)
    expect(kept).toEqual([]);
    expect(s.maxInFlight()).toBeLessThanOrEqual(4);
    expect(s.maxInFlight()).toBeGreaterThan(1);
  });

  it('--limit also bounds what is handed on', async () => {
    const s = source(1234);
    const seen: number[] = [];
    await paginate<number>(s.fetchPage, { limit: 600, onItems: (xs) => seen.push(...xs) });
    expect(seen).toEqual(Array.from({ length: 600 }, (_, i) => i));
  });

  it('stops early at --limit and asks for no more than needed', async () => {
    const s = source(1234);
    expect(await paginate<number>(s.fetchPage, { limit: 7 })).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(s.calls).toEqual([{ pageNum: 1, itemsPerPage: 7 }]);
    const t = source(1234);
    expect(await paginate<number>(t.fetchPage, { limit: 600 })).toHaveLength(600);
    expect(t.calls.map((c) => c.pageNum).sort()).toEqual([1, 2]);
  });

  it('handles an empty list with one request', async () => {
    const s = source(0);
    expect(await paginate<number>(s.fetchPage)).toEqual([]);
    expect(s.calls).toHaveLength(1);
  });

  it('walks pages one by one until a short one when there is no count', async () => {
    const calls: number[] = [];
    const sizes = [500, 500, 3];
    const items = await paginate<number>(async (n, per) => {
      calls.push(n);
      return { results: Array.from({ length: sizes[n - 1] ?? 0 }, (_, i) => (n - 1) * per + i) };
    });
    expect(items).toEqual(Array.from({ length: 1003 }, (_, i) => i));
    expect(calls).toEqual([1, 2, 3]);
  });
});
