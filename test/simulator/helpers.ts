// Test helpers: an HTTP Digest client (digest-fetch, as the CLI uses) and a tiny
// hand-rolled one for handshake details.
import { createHash } from 'node:crypto';
import DigestClient from 'digest-fetch';
import type { RunningSimulator, SimulatorOptions } from '../../src/simulator/index.js';
import { sharedSimulator } from '../helpers/simulator.js';

export const md5 = (s: string) => createHash('md5').update(s).digest('hex');

export function accept(version: string, format = 'json'): string {
  return `application/vnd.atlas.${version}+${format}`;
}

export interface CallOptions {
  version?: string;
  body?: unknown;
  /** raw body text (not JSON-encoded) */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface Result {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

async function toResult(res: Response): Promise<Result> {
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A digest-authenticated API client bound to one simulator. */
export function client(sim: RunningSimulator, user = sim.credentials.publicKey, password = sim.credentials.privateKey) {
  const dc = new DigestClient(user, password);
  return async (method: string, path: string, o: CallOptions = {}): Promise<Result> => {
    const headers: Record<string, string> = { Accept: accept(o.version ?? '2023-01-01'), ...(o.headers ?? {}) };
    let body: string | undefined;
    if (o.body !== undefined || o.rawBody !== undefined) {
      body = o.rawBody ?? JSON.stringify(o.body);
      headers['Content-Type'] ??= accept(o.version ?? '2023-01-01');
    }
    const res: Response = await dc.fetch(`${sim.url}${path}`, { method, headers, body });
    return toResult(res);
  };
}

/** Bearer-authenticated client (service account). */
export async function bearerClient(sim: RunningSimulator) {
  const token = await getToken(sim);
  return async (method: string, path: string, o: CallOptions = {}): Promise<Result> => {
    const headers: Record<string, string> = { Accept: accept(o.version ?? '2023-01-01'), Authorization: `Bearer ${token}`, ...(o.headers ?? {}) };
    let body: string | undefined;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['Content-Type'] = accept(o.version ?? '2023-01-01');
    }
    return toResult(await fetch(`${sim.url}${path}`, { method, headers, body }));
  };
}

export async function getToken(sim: RunningSimulator, id = sim.credentials.clientId, secret = sim.credentials.clientSecret): Promise<string> {
  const res = await fetch(`${sim.url}/api/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export function parseChallenge(h: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  for (const m of h.replace(/^Digest\s+/i, '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) out[m[1]] = m[2] ?? m[3];
  return out;
}

/** Builds an Authorization: Digest header by hand. */
export function digestHeader(o: { user: string; password: string; nonce: string; method: string; uri: string; nc?: string; cnonce?: string; realm?: string }): string {
  const realm = o.realm ?? 'MMS Public API';
  const nc = o.nc ?? '00000001';
  const cnonce = o.cnonce ?? 'abcdef0123456789';
  const ha1 = md5(`${o.user}:${realm}:${o.password}`);
  const ha2 = md5(`${o.method}:${o.uri}`);
  const response = md5(`${ha1}:${o.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `Digest username="${o.user}", realm="${realm}", nonce="${o.nonce}", uri="${o.uri}", qop=auth, nc=${nc}, cnonce="${cnonce}", algorithm=MD5, response="${response}"`;
}

/**
 * Moves the simulator's clock by `ms` after each GET it answers with 200 (a poll), so a command
 * that waits sees one state change per poll, in order, however slow the machine: the clock is
 * the test's, not the wall's (start the simulator with `clock: 'manual'`). Returns a function
 * that stops it.
 */
export function stepPerPoll(sim: RunningSimulator, ms: number): () => void {
  return sim.requests.onAnswered((r) => {
    if (r.method === 'GET' && r.status === 200) sim.clock.advance(ms);
  });
}

/**
 * One simulator for the enclosing file or describe block (sharedSimulator: started before its
 * tests with `options`, closed after them, reset before each test unless `reset: false`). Read
 * `fx.sim` and `fx.api` (a digest client bound to it) inside the tests.
 */
export function useSimulator(options: SimulatorOptions = {}, { reset = true }: { reset?: boolean } = {}) {
  const sim = sharedSimulator(options, { reset });
  let digest: ReturnType<typeof client> | undefined;
  const api: ReturnType<typeof client> = (method, path, o) => (digest ??= client(sim))(method, path, o);
  return { sim, api };
}
