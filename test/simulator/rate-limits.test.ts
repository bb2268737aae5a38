// Ratelimit-Limit per endpoint family, as every recorded Atlas response shows it
// (../shared/atlas-api/recorded/**/*.snaphost: the header of each file).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateFamily } from '../../src/simulator/rate-limits.js';
import { SEED, startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { client } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../../shared/atlas-api/recorded/', import.meta.url));
const have = existsSync(ROOT);
const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));

describe.skipIf(!have)('rate-limit families match the recordings', () => {
  it('every recorded response whose path the file name spells unambiguously has the limit of its family', () => {
    let checked = 0;
    for (const file of walk(ROOT).filter((f) => f.endsWith('.snaphost'))) {
      const limit = /^ratelimit-limit: (\d+)/im.exec(readFileSync(file, 'utf8'))?.[1];
      if (!limit) continue;
      // file names are <METHOD>_<path with / as _>_<n>; names with _ of their own are skipped
      const base = file
        .split('/')
        .pop()!
        .replace(/_\d+\.snaphost$/, '');
      const path = `/${base.split('_').slice(1).join('/')}`;
      expect(String(rateFamily(path).limit), path).toBe(limit);
      checked++;
    }
    expect(checked).toBeGreaterThan(150);
  });
});

describe('Ratelimit headers', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    // a manual clock: the 60 s windows cannot roll over between two requests
    sim = await startSimulator({ clock: 'manual' });
  });
  afterAll(() => sim.close());

  it('say the family limit and count down within it', async () => {
    const api = client(sim);
    const clusters = await api('GET', `/api/atlas/v2/groups/${SEED.projectId}/clusters`, { version: '2024-08-05' });
    expect(clusters.headers.get('ratelimit-limit')).toBe('10000');
    const first = await api('GET', `/api/atlas/v2/groups/${SEED.projectId}`);
    const second = await api('GET', `/api/atlas/v2/groups/${SEED.projectId}/settings`);
    expect(first.headers.get('ratelimit-limit')).toBe('1200');
    expect(Number(second.headers.get('ratelimit-remaining'))).toBe(Number(first.headers.get('ratelimit-remaining')) - 1);
    const orgs = await api('GET', '/api/atlas/v2/orgs');
    expect(orgs.headers.get('ratelimit-limit')).toBe('300');
  });
});
