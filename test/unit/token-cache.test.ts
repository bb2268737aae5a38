/**
 * TokenCache.shared (src/atlas/token-cache.ts): one token minted for all who ask at once.
 * The twenty-process version is in test/e2e/shared-runs.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { TokenCache } from '../../src/atlas/token-cache.js';
import { tempDir } from '../helpers/cli.js';

describe('TokenCache.shared', () => {
  const key = TokenCache.key('https://cloud.mongodb.com', 'mdb_sa_id_a', 'secret-a');

  it('ten caches on one folder asking at once mint one token, and all get it', async () => {
    const dir = tempDir();
    let minted = 0;
    const mint = async () => {
      minted++;
      await new Promise((r) => setTimeout(r, 50)); // the others ask while this one is in flight
      return { value: `tok-${minted}`, expiresAt: Date.now() + 3600_000 };
    };
    const got = await Promise.all(Array.from({ length: 10 }, () => new TokenCache(dir).shared(key, mint)));
    expect(minted).toBe(1);
    expect(new Set(got.map((t) => t.value))).toEqual(new Set(['tok-1']));
  });

  it('a token Atlas refused is not handed out again: a new one is minted in its place', async () => {
    const dir = tempDir();
    const cache = new TokenCache(dir);
    await cache.set(key, { value: 'revoked', expiresAt: Date.now() + 3600_000 });
    expect((await cache.shared(key, async () => ({ value: 'unused', expiresAt: 0 }))).value).toBe('revoked');
    const fresh = await cache.shared(key, async () => ({ value: 'fresh', expiresAt: Date.now() + 3600_000 }), { refused: 'revoked' });
    expect(fresh.value).toBe('fresh');
    expect(new TokenCache(dir).get(key)?.value).toBe('fresh');
  });

  it('without a folder (tokens in memory only) it mints, and a failed mint is thrown as it is', async () => {
    expect((await new TokenCache(undefined).shared(key, async () => ({ value: 'mem', expiresAt: Date.now() + 1000 }))).value).toBe('mem');
    const dir = tempDir();
    await expect(new TokenCache(dir).shared(key, async () => Promise.reject(new Error('401 invalid_client')))).rejects.toThrow('401 invalid_client');
    // the lock was released: the next run can mint
    expect((await new TokenCache(dir).shared(key, async () => ({ value: 'next', expiresAt: Date.now() + 1000 }))).value).toBe('next');
  });
});
