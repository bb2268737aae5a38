/**
 * Service-account access tokens kept across runs, so that a script calling atlascli a
 * hundred times mints one token, not a hundred (Atlas limits how many a service account
 * may request). One JSON file, mode 0600, beside the config file; written atomically as
 * the config file is (src/settings/json-file.ts) so two runs at once never leave half a file. Runs that
 * start together with no token cached share one: `shared` mints under a lock
 * (proper-lockfile, `oauth-tokens.json.lock`) and the others wait for the file to hold
 * it, as config writes do (src/settings/store.ts). The tokens are secrets: nothing here
 * prints them, and a file that cannot be read, written or locked only costs a fresh token.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { writeJsonFile } from '../settings/json-file.js';

/** A cached token: its value and when it stops being used (epoch ms, already short of the real expiry). */
export interface CachedToken {
  value: string;
  expiresAt: number;
}

type CacheFile = Record<string, CachedToken>;

/** The name of the cache file inside the config folder. */
export const TOKEN_CACHE_FILE = 'oauth-tokens.json';

/** How long a run waits for another to mint the token before it mints one itself. */
const SHARED_WAIT_MS = 120_000;
/** A lock older than this whose holder stopped refreshing it (a run killed while minting) is taken over. */
const LOCK_STALE_MS = 10_000;
/** Between two looks at the file while another run mints: a random pause in this range, ms. */
const LOOK_EVERY_MS = [25, 100] as const;

export class TokenCache {
  /**
   * @param dir the config folder (`configDir(env)`); undefined keeps tokens in memory only.
   * @param now clock in epoch ms (tests).
   */
  constructor(
    private readonly dir: string | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The key of one service account on one Atlas: base URL, client id and a fingerprint of
   * the secret (the first 16 hex digits of its SHA-256; the secret itself is never stored),
   * so a token is reused only with the credentials it was minted for: a wrong, rotated or
   * revoked secret asks for a token of its own, and gets Atlas's answer.
   */
  static key(baseUrl: string, clientId: string, clientSecret: string): string {
    const fingerprint = createHash('sha256').update(`${clientId}:${clientSecret}`).digest('hex').slice(0, 16);
    return `${baseUrl.replace(/\/+$/, '')} ${clientId} ${fingerprint}`;
  }

  get path(): string | undefined {
    return this.dir === undefined ? undefined : join(this.dir, TOKEN_CACHE_FILE);
  }

  /** A token still good for use, or undefined. */
  get(key: string): CachedToken | undefined {
    const t = this.read()[key];
    if (!t || typeof t.value !== 'string' || typeof t.expiresAt !== 'number') return undefined;
    return t.expiresAt > this.now() ? t : undefined;
  }

  /**
   * A token for `key`, minted at most once by all the runs that ask at the same time: a
   * cached token still good (and not `refused`, the one Atlas just turned down) is
   * returned at once; else the first run to take the lock calls `mint` and stores its
   * token, and the others, looking at the file every 25-100 ms, take it from there. A
   * lock that cannot be had (no config folder, a read-only one, 2 minutes of waiting)
   * means minting without it.
   * @throws whatever `mint` throws (the lock is released first)
   */
  async shared(key: string, mint: () => Promise<CachedToken>, opts: { refused?: string } = {}): Promise<CachedToken> {
    const usable = () => {
      const t = this.get(key);
      return t && t.value !== opts.refused ? t : undefined;
    };
    const cached = usable();
    if (cached) return cached; // the common case: no lock, and proper-lockfile not even loaded
    const path = this.path;
    if (!path || !this.dir) return await this.keep(key, await mint());
    const { default: lockfile } = await import('proper-lockfile');
    const deadline = this.now() + SHARED_WAIT_MS;
    let release: (() => Promise<void>) | undefined;
    for (;;) {
      const ready = usable();
      if (ready) return ready;
      try {
        mkdirSync(this.dir, { recursive: true, mode: 0o700 });
        // a lock whose holder cannot refresh it in time is only a second token: never an error
        release = await lockfile.lock(path, { realpath: false, stale: LOCK_STALE_MS, retries: 0, onCompromised: () => undefined });
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ELOCKED' || this.now() >= deadline) break; // no lock to be had: mint without it
      }
      await new Promise((r) => setTimeout(r, LOOK_EVERY_MS[0] + Math.random() * (LOOK_EVERY_MS[1] - LOOK_EVERY_MS[0])));
    }
    try {
      // another run may have stored one between the last look and the lock
      return usable() ?? (await this.keep(key, await mint()));
    } finally {
      await release?.().catch(() => undefined);
    }
  }

  private async keep(key: string, token: CachedToken): Promise<CachedToken> {
    await this.set(key, token);
    return token;
  }

  /** Stores a token (and drops expired ones). Never throws: a cache that cannot be written is only slower. */
  async set(key: string, token: CachedToken): Promise<void> {
    await this.update((all) => {
      all[key] = token;
    });
  }

  /** Forgets a token Atlas refused (revoked, invalid). */
  async drop(key: string): Promise<void> {
    await this.update((all) => {
      delete all[key];
    });
  }

  private read(): CacheFile {
    const path = this.path;
    if (!path) return {};
    try {
      const doc = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      return doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as CacheFile) : {};
    } catch {
      return {};
    }
  }

  private async update(change: (all: CacheFile) => void): Promise<void> {
    if (!this.dir) return;
    const all = this.read();
    change(all);
    const now = this.now();
    for (const [k, t] of Object.entries(all)) if (!t || typeof t.expiresAt !== 'number' || t.expiresAt <= now) delete all[k];
    try {
      await writeJsonFile(this.dir, TOKEN_CACHE_FILE.replace(/\.json$/, ''), all);
    } catch {
      // not written: the next run mints a token of its own
    }
  }
}
