import { describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkBaseUrl } from '../../src/atlas/client.js';
import { TokenCache } from '../../src/atlas/token-cache.js';
import { NetworkError, UsageError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';
import { localServers, testClient } from '../helpers/http.js';

const { serve } = localServers();

/** A server that answers every request 200 with `chunks` of JSON, `gapMs` apart (the last gap may differ). */
async function slowBody(chunks: string[], gapsMs: number[]): Promise<string> {
  return serve(async (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/vnd.atlas.2023-01-01+json' });
    for (let i = 0; i < chunks.length; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, gapsMs[i - 1] ?? 0));
      if (res.destroyed) return;
      res.write(chunks[i]);
    }
    res.end();
  });
}

const client = (baseUrl: string, timeoutMs: number) => testClient(baseUrl, { timeoutMs, maxRetries: 0 });

describe('the bound on each wait (timeoutMs: no byte for that long)', () => {
  it('never cuts an answer that keeps flowing, however long it takes in all', async () => {
    const parts = ['{"results":[', '1,', '2,', '3,', '4', '],"totalCount":4}'];
    const url = await slowBody(parts, [150, 150, 150, 150, 150]);
    const started = Date.now();
    const doc = await client(url, 400).request<{ results: number[] }>({ operationId: 'listOrgs' });
    expect(doc.results).toEqual([1, 2, 3, 4]);
    expect(Date.now() - started).toBeGreaterThan(700); // longer than the bound, and still fine
  });

  it('fails a body that stops for longer than the bound: NetworkError naming the bound as given', async () => {
    const url = await slowBody(['{"results":[', '1]}'], [2000]);
    const err = await client(url, 300)
      .request({ operationId: 'listOrgs' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).exitCode).toBe(7);
    expect((err as NetworkError).message).toMatch(/stalled: nothing for 0\.3 s in the middle of the body/);
  });
});

describe('checkBaseUrl', () => {
  it('refuses a base URL that already holds /api/atlas/v2, naming the host to give instead', () => {
    expect(() => checkBaseUrl('https://cloud.mongodb.com/api/atlas/v2')).toThrow(UsageError);
    const err = (() => {
      try {
        checkBaseUrl('https://cloud.mongodb.com/api/atlas/v2/');
      } catch (e) {
        return e as UsageError;
      }
    })();
    expect(err?.message).toMatch(/already holds the API path \/api\/atlas\/v2/);
    // the core names no CLI flag or command; the program's hint (Context) adds them, as the e2e tests show
    expect(err?.hint).toBe('give only the scheme and host: https://cloud.mongodb.com');
    expect(() => checkBaseUrl('https://h.example/api/atlas/v2', (u) => `use ${u}`)).toThrow(expect.objectContaining({ hint: 'use https://h.example' }));
    expect(checkBaseUrl('https://cloud.mongodb.com/')).toBe('https://cloud.mongodb.com');
    expect(checkBaseUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
  });
});

describe('TokenCache', () => {
  it('keeps tokens per base URL and client id in a 0600 file, forgets expired and dropped ones', async () => {
    let now = 1_000_000;
    const dir = join(tempDir(), 'atlascli');
    const cache = new TokenCache(dir, () => now);
    const a = TokenCache.key('https://cloud.mongodb.com/', 'mdb_sa_id_a', 'secret-a');
    const b = TokenCache.key('https://cloud.mongodb.com', 'mdb_sa_id_b', 'secret-b');
    // the same account with another secret is another entry; the secret itself is not in the key
    expect(TokenCache.key('https://cloud.mongodb.com', 'mdb_sa_id_a', 'rotated')).not.toBe(a);
    expect(a).not.toContain('secret-a');
    await cache.set(a, { value: 'tok-a', expiresAt: now + 1000 });
    await cache.set(b, { value: 'tok-b', expiresAt: now + 5000 });
    expect(statSync(cache.path!).mode & 0o777).toBe(0o600);
    // another run reads what this one wrote
    expect(new TokenCache(dir, () => now).get(a)?.value).toBe('tok-a');
    now += 2000;
    expect(cache.get(a)).toBeUndefined();
    expect(cache.get(b)?.value).toBe('tok-b');
    await cache.drop(b);
    expect(cache.get(b)).toBeUndefined();
    expect(JSON.parse(readFileSync(cache.path!, 'utf8'))).toEqual({});
  });

  it('without a folder keeps nothing and never throws', async () => {
    const cache = new TokenCache(undefined);
    await cache.set('k', { value: 'v', expiresAt: Date.now() + 1000 });
    expect(cache.get('k')).toBeUndefined();
  });
});

describe('RawResponse', () => {
  it('a body left unread and destroyed with an error does not end the process; a reader still gets the error', async () => {
    const { Readable } = await import('node:stream');
    const { RawResponse } = await import('../../src/atlas/client.js');
    const unread = new RawResponse(200, 'OK', {}, new Readable({ read() {} }));
    // without a listener this 'error' would be an uncaught exception (vitest fails the run on one)
    unread.body.destroy(new Error('request aborted'));
    await new Promise((r) => setImmediate(r));
    expect(unread.body.destroyed).toBe(true);
    const read = new RawResponse(200, 'OK', {}, new Readable({ read() {} }));
    setImmediate(() => read.body.destroy(new Error('other side closed')));
    await expect(read.text()).rejects.toMatchObject({ message: 'terminated', cause: { message: 'other side closed' } });
  });
});
