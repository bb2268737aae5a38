// HTTP Digest (RFC 7616, MD5, qop=auth) as Atlas serves it for API keys, and OAuth 2.0
// client credentials for service accounts. State lives in the instances (one per simulator).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const DIGEST_REALM = 'MMS Public API';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

export interface DigestParams {
  username?: string;
  realm?: string;
  nonce?: string;
  uri?: string;
  response?: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
  algorithm?: string;
  opaque?: string;
}

/** Parses `Digest k="v", k2=v2, …` (quoted or token values). */
export function parseDigestHeader(header: string): DigestParams | undefined {
  const m = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/g;
  let x: RegExpExecArray | null;
  while ((x = re.exec(m[1]))) out[x[1].toLowerCase()] = x[2] !== undefined ? x[2].replace(/\\(.)/g, '$1') : x[3];
  return out as DigestParams;
}

export type DigestResult = { ok: true; username: string } | { ok: false; stale: boolean; reason: string };

export class DigestAuth {
  private readonly nonces = new Map<string, number>(); // nonce -> issued at (ms)

  constructor(
    private readonly keys: () => Map<string, string>, // publicKey -> privateKey
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The WWW-Authenticate challenge, with a fresh nonce. */
  challenge(stale = false): string {
    const nonce = randomBytes(24).toString('base64url');
    this.nonces.set(nonce, this.now());
    this.gc();
    return `Digest realm="${DIGEST_REALM}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`;
  }

  /** Checks an Authorization: Digest header for `method` and the request target `url` (path + query). */
  verify(header: string, method: string, url: string): DigestResult {
    const p = parseDigestHeader(header);
    if (!p || !p.username || !p.nonce || !p.uri || !p.response) return { ok: false, stale: false, reason: 'malformed digest header' };
    const secret = this.keys().get(p.username);
    if (secret === undefined) return { ok: false, stale: false, reason: 'unknown public key' };
    if (p.realm !== undefined && p.realm !== DIGEST_REALM) return { ok: false, stale: false, reason: 'wrong realm' };
    if (p.algorithm && p.algorithm.toUpperCase() !== 'MD5') return { ok: false, stale: false, reason: `unsupported algorithm ${p.algorithm}` };
    if (!sameTarget(p.uri, url)) return { ok: false, stale: false, reason: `digest uri ${p.uri} does not match request ${url}` };
    const ha1 = md5(`${p.username}:${DIGEST_REALM}:${secret}`);
    const ha2 = md5(`${method.toUpperCase()}:${p.uri}`);
    let expected: string;
    if (p.qop) {
      if (p.qop !== 'auth') return { ok: false, stale: false, reason: `unsupported qop ${p.qop}` };
      if (!p.nc || !/^[0-9a-fA-F]{8}$/.test(p.nc) || !p.cnonce) return { ok: false, stale: false, reason: 'qop=auth needs nc and cnonce' };
      expected = md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
    } else {
      expected = md5(`${ha1}:${p.nonce}:${ha2}`);
    }
    if (!safeEqual(expected, p.response.toLowerCase())) return { ok: false, stale: false, reason: 'wrong credentials' };
    // the client knows the secret; is the nonce still ours and fresh?
    const issued = this.nonces.get(p.nonce);
    if (issued === undefined || this.now() - issued > this.ttlMs) {
      this.nonces.delete(p.nonce);
      return { ok: false, stale: true, reason: 'nonce expired' };
    }
    return { ok: true, username: p.username };
  }

  private gc(): void {
    if (this.nonces.size < 1000) return;
    const limit = this.now() - this.ttlMs;
    for (const [n, t] of this.nonces) if (t < limit) this.nonces.delete(n);
  }
}

function sameTarget(uri: string, url: string): boolean {
  if (uri === url) return true;
  try {
    return decodeURI(uri) === decodeURI(url);
  } catch {
    return false;
  }
}

/** RFC 6749 2.3.1: client id and secret are form-urlencoded before base64 (lenient). */
function formDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface TokenInfo {
  clientId: string;
  expiresAt: number;
}

/**
 * Atlas's limits on minting tokens, per service account:
 * - at most 100 active (unexpired, unrevoked) tokens; the next request is refused with
 *   403 `access_denied` "Access Token limit reached. Please use the existing Access Tokens
 *   or create a new Service Account." (documented: mongodb.com/docs/mcp-server/remote-mcp/rate-limits,
 *   "Service Account Access Token Limits", which points to the service account limits of
 *   mongodb.com/docs/atlas/reference/atlas-limits; not recorded here);
 * - a rate: `tokenRateLimit` tokens per window (default 10 a minute, answered 429
 *   RATE_LIMITED with Retry-After; counted in server.ts). That figure is the issue's
 *   ("about ten a minute per client"): a guess, no document or recording gives one.
 */
export const MAX_ACTIVE_TOKENS = 100;

/** The body of Atlas's refusal when a service account holds MAX_ACTIVE_TOKENS active tokens. */
export const TOKEN_LIMIT_REACHED = {
  error: 'access_denied',
  error_description: 'Access Token limit reached. Please use the existing Access Tokens or create a new Service Account.',
} as const;

export class OAuthTokens {
  private readonly tokens = new Map<string, TokenInfo>();

  constructor(
    private readonly clients: () => Map<string, string | readonly string[]>, // clientId -> its secret, or its secrets
    private readonly ttlSec: number,
    private readonly now: () => number = Date.now,
    private readonly maxActive = MAX_ACTIVE_TOKENS,
  ) {}

  /** Whether `clientId` holds as many active tokens as Atlas allows (the next one is refused, 403). */
  atActiveLimit(clientId: string): boolean {
    const now = this.now();
    let active = 0;
    for (const t of this.tokens.values()) if (t.clientId === clientId && t.expiresAt > now) active++;
    return active >= this.maxActive;
  }

  /** Checks `Authorization: Basic base64(id:secret)`; returns the client id. */
  checkBasic(header: string | undefined): string | undefined {
    const m = /^\s*Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
    if (!m) return undefined;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i < 0) return undefined;
    const id = formDecode(decoded.slice(0, i));
    const secret = formDecode(decoded.slice(i + 1));
    const expected = this.clients().get(id);
    const secrets = expected === undefined ? [] : typeof expected === 'string' ? [expected] : expected;
    return secrets.some((s) => safeEqual(s, secret)) ? id : undefined;
  }

  issue(clientId: string): { access_token: string; token_type: 'Bearer'; expires_in: number } {
    const token = `sim_${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { clientId, expiresAt: this.now() + this.ttlSec * 1000 });
    return { access_token: token, token_type: 'Bearer', expires_in: this.ttlSec };
  }

  revoke(token: string): boolean {
    return this.tokens.delete(token);
  }

  /** 'ok' | 'expired' | 'unknown' */
  check(token: string): 'ok' | 'expired' | 'unknown' {
    const t = this.tokens.get(token);
    if (!t) return 'unknown';
    if (t.expiresAt <= this.now()) {
      this.tokens.delete(token);
      return 'expired';
    }
    return 'ok';
  }

  /** Makes every issued token expire now (tests). */
  expireAll(): void {
    for (const t of this.tokens.values()) t.expiresAt = this.now();
  }

  clear(): void {
    this.tokens.clear();
  }
}
