// The simulator's own endpoints, for tests and scripts (loopback only, unauthenticated),
// under /__simulator/ (and its short alias /__sim/): health, the request log, faults, reset,
// expiring tokens, and the clock. Answers are plain JSON; a bad body is 400 naming what is
// wrong.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseClockRequest, type SimClock } from './clock.js';
import { validateFault, type Faults } from './faults.js';
import type { RequestLog } from './request-log.js';
import type { Fault, SimulatorCredentials } from './types.js';

export const ADMIN_PREFIXES = ['/__simulator', '/__sim'];

export const ADMIN_ENDPOINTS = [
  'GET /__simulator/health',
  'GET|DELETE /__simulator/requests',
  'GET|POST|DELETE /__simulator/faults',
  'DELETE /__simulator/faults/{id}',
  'POST /__simulator/reset',
  'POST /__simulator/tokens/expire',
  'GET|POST /__simulator/clock',
];

export interface AdminParts {
  credentials: SimulatorCredentials;
  baseUrl: () => string;
  requests: RequestLog;
  faults: Faults;
  clock: SimClock;
  stepMs: () => number;
  /** each kind of change's duration now, clock ms */
  durations: () => Record<string, number>;
  reset: () => void;
  expireTokens: () => void;
}

/** Whether `pathname` is one of the admin endpoints' (under either prefix). */
export function isAdminPath(pathname: string): boolean {
  return ADMIN_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

class BadRequest extends Error {}

/** Answers an admin request; `raw` is its body. */
export function admin(parts: AdminParts, req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): void {
  const send = (status: number, body?: unknown) => {
    const text = body === undefined ? '' : JSON.stringify(body, null, 1);
    res.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json' });
    res.end(text);
  };
  const remote = req.socket.remoteAddress ?? '';
  if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(remote)) return send(403, { error: 'the admin API answers loopback clients only' });
  const method = req.method ?? 'GET';
  const prefix = ADMIN_PREFIXES.find((p) => url.pathname === p || url.pathname.startsWith(`${p}/`))!;
  const path = url.pathname.slice(prefix.length).replace(/\/+$/, '');
  const json = (): unknown => {
    if (!raw.length) return undefined;
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      throw new BadRequest('the body is not valid JSON');
    }
  };
  const clock = () => ({ ...parts.clock.toJSON(), stepMs: parts.stepMs(), durations: parts.durations() });
  try {
    if (path === '/health' && method === 'GET') {
      const c = parts.credentials;
      return send(200, { ok: true, url: parts.baseUrl(), orgId: c.orgId, projectId: c.projectId, credentials: c, clock: clock() });
    }
    if (path === '/requests' && method === 'GET') return send(200, parts.requests.toArray());
    if (path === '/requests' && method === 'DELETE') {
      parts.requests.clear();
      return send(204);
    }
    if (path === '/faults' && method === 'GET') return send(200, parts.faults.list());
    if (path === '/faults' && method === 'POST') {
      const f = json();
      const list = Array.isArray(f) ? f : [f];
      for (const x of list) validateFault(x);
      const ids = list.map((x) => parts.faults.add(x as Fault));
      return send(201, Array.isArray(f) ? { ids } : { id: ids[0] });
    }
    if (path === '/faults' && method === 'DELETE') {
      parts.faults.clear();
      return send(204);
    }
    const one = /^\/faults\/(\d+)$/.exec(path);
    if (one && method === 'DELETE') return send(parts.faults.remove(Number(one[1])) ? 204 : 404);
    if (path === '/reset' && method === 'POST') {
      parts.reset();
      return send(204);
    }
    if (path === '/tokens/expire' && method === 'POST') {
      parts.expireTokens();
      return send(204);
    }
    if (path === '/clock' && method === 'GET') return send(200, clock());
    if (path === '/clock' && method === 'POST') {
      parts.clock.advance(parseClockRequest(json(), parts.clock.now()));
      return send(200, clock());
    }
    return send(404, { error: `no admin endpoint ${method} ${url.pathname}`, endpoints: ADMIN_ENDPOINTS });
  } catch (e) {
    return send(400, { error: (e as Error).message });
  }
}
