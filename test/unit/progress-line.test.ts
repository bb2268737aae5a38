import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/transfer/download.js';

describe("a download's progress line", () => {
  const label = 'mongodb log of atlas-x7k2pq-shard-00-01.x7k2pq.mongodb.net';
  const figures = '5.63 MiB at 11.3 MiB/s, 1 s';

  it('is whole when it fits', () => {
    expect(progressLine(label, figures, 200)).toBe(`${label}: ${figures}`);
  });

  it('never reaches the last column (a wrapped line leaves a copy at every redraw): the middle of the label gives way', () => {
    for (const columns of [80, 60, 40]) {
      const line = progressLine(label, figures, columns);
      expect([...line].length, String(columns)).toBeLessThan(columns);
      expect(line.endsWith(`: ${figures}`)).toBe(true);
      expect(line.startsWith('mongo')).toBe(true);
      expect(line).toContain('…');
    }
    expect(progressLine(label, figures, 80)).toBe('mongodb log of atlas-x7k2…00-01.x7k2pq.mongodb.net: 5.63 MiB at 11.3 MiB/s, 1 s');
  });

  it('keeps the figures alone on a very narrow terminal', () => {
    expect(progressLine(label, figures, 30)).toBe(figures);
    expect([...progressLine(label, figures, 20)].length).toBe(19);
  });
});
