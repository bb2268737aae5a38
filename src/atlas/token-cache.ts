/**
 * Service-account access tokens kept across runs, so that a script calling atlascli a
 * hundred times mints one token, not a hundred (Atlas limits how many a service account
 * may request). One JSON file, mode 0600, beside the config file; written atomically
 * (temporary file + rename) so two runs at once never leave half a file. The tokens are
 * secrets: nothing here prints them, and a file that cannot be read or written only
 * costs a fresh token.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** A cached token: its value and when it stops being used (epoch ms, already short of the real expiry). */
export interface CachedToken {
  value: string;
  expiresAt: number;
}

type CacheFile = Record<string, CachedToken>;

/** The name of the cache file inside the config folder. */
export const TOKEN_CACHE_FILE = 'oauth-tokens.json';

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

  /** Stores a token (and drops expired ones). Never throws: a cache that cannot be written is only slower. */
  set(key: string, token: CachedToken): void {
    this.update((all) => {
      all[key] = token;
    });
  }

  /** Forgets a token Atlas refused (revoked, invalid). */
  drop(key: string): void {
    this.update((all) => {
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

  private update(change: (all: CacheFile) => void): void {
    const path = this.path;
    if (!path || !this.dir) return;
    const all = this.read();
    change(all);
    const now = this.now();
    for (const [k, t] of Object.entries(all)) if (!t || typeof t.expiresAt !== 'number' || t.expiresAt <= now) delete all[k];
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      writeFileSync(tmp, `${JSON.stringify(all)}\n`, { mode: 0o600 });
      chmodSync(tmp, 0o600);
      renameSync(tmp, path);
    } catch {
      try {
        unlinkSync(tmp);
      } catch {
        // nothing was written
      }
    }
  }
}
