// Ratelimit-Limit per endpoint family, as every recorded Atlas response shows it
// (../shared/atlas-api/recorded/**/*.snaphost: the header of each file).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rateFamily } from '../../src/simulator/rate-limits.js';
import { SEED, startSimulator } from '../../src/simulator/index.js';
import { client, useSimulator } from './helpers.js';

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
  // a manual clock: the 60 s windows cannot roll over between two requests
  const fx = useSimulator({ clock: 'manual' }, { reset: false });

  it('say the family limit and count down within it', async () => {
    const api = client(fx.sim);
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

// Atlas docs, "Atlas Administration API Rate Limits": a token bucket per endpoint set; a
// request takes a token, tokens come back at refillRate per refillDurationSeconds, an empty
// bucket answers 429 with Retry-After. The refill (the whole capacity every 60 s here) is the
// simulator's guess (README.md).
describe('token buckets', () => {
  it('take a token a request, answer 429 with the seconds to the refill when empty, and refill with clock time', async () => {
    const sim = await startSimulator({ clock: 'manual', nonceTtlMs: 3_600_000, rateLimit: { limit: 3, windowMs: 60_000, family: 'monitoring' } });
    try {
      const api = client(sim);
      const orgs = () => api('GET', '/api/atlas/v2/orgs');
      // the digest challenge of the first request (a 401) is answered on another family's path
      expect((await api('GET', `/api/atlas/v2/groups/${SEED.projectId}`)).status).toBe(200);
      const remaining = [];
      for (let i = 0; i < 3; i++) remaining.push((await orgs()).headers.get('ratelimit-remaining'));
      expect(remaining).toEqual(['2', '1', '0']);
      const empty = await orgs();
      expect(empty.status).toBe(429);
      expect(empty.headers.get('retry-after')).toBe('60');
      expect(empty.json.errorCode).toBe('RATE_LIMITED_TOKEN_BUCKET');
      // another family has its own bucket
      expect((await api('GET', `/api/atlas/v2/groups/${SEED.projectId}`)).status).toBe(200);
      sim.clock.advance(45_000);
      expect((await orgs()).headers.get('retry-after')).toBe('15');
      sim.clock.advance(15_000);
      const back = await orgs();
      expect(back.status).toBe(200);
      expect(back.headers.get('ratelimit-remaining')).toBe('2');
      // a long quiet time refills no more than the capacity
      sim.clock.advance(10 * 60_000);
      expect((await orgs()).headers.get('ratelimit-remaining')).toBe('2');
    } finally {
      await sim.close();
    }
  });
});
