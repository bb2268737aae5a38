// Fault injection: errors, latency, dropped connections (before or after acting), bodies
// cut short, stalling or paced at a link's speed, malformed bodies, extra headers; matched on
// method, path and query.
import type { Fault, FaultControl } from './types.js';

interface ActiveFault {
  id: number;
  fault: Fault;
  remaining?: number;
  regex?: RegExp;
}

export class Faults implements FaultControl {
  private next = 1;
  private active: ActiveFault[] = [];

  add(fault: Fault): number {
    validateFault(fault);
    const id = this.next++;
    const regex = fault.path instanceof RegExp ? fault.path : fault.pathRegex ? new RegExp(fault.pathRegex) : undefined;
    this.active.push({ id, fault, remaining: fault.times, regex });
    return id;
  }

  remove(id: number): boolean {
    const before = this.active.length;
    this.active = this.active.filter((f) => f.id !== id);
    return this.active.length !== before;
  }

  clear(): void {
    this.active = [];
  }

  list(): Array<Fault & { id: number; remaining?: number }> {
    return this.active.map((f) => ({
      ...f.fault,
      ...(f.fault.path instanceof RegExp ? { path: undefined, pathRegex: f.fault.path.source } : {}),
      id: f.id,
      remaining: f.remaining,
    }));
  }

  /** Faults matching this request; each use is counted (and exhausted faults removed). */
  take(method: string, pathname: string, query: URLSearchParams = new URLSearchParams()): Fault[] {
    const out: Fault[] = [];
    for (const f of this.active) {
      if (f.fault.method && f.fault.method.toUpperCase() !== method.toUpperCase()) continue;
      if (typeof f.fault.path === 'string' && !pathname.startsWith(f.fault.path)) continue;
      if (f.regex && !f.regex.test(pathname)) continue;
      if (f.fault.query && !Object.entries(f.fault.query).every(([k, v]) => query.get(k) === v)) continue;
      out.push(f.fault);
      if (f.remaining !== undefined) f.remaining--;
    }
    this.active = this.active.filter((f) => f.remaining === undefined || f.remaining > 0);
    return out;
  }
}

export function validateFault(f: unknown): asserts f is Fault {
  if (!f || typeof f !== 'object' || Array.isArray(f)) throw new TypeError('a fault is an object');
  const x = f as Record<string, unknown>;
  const known = [
    'method',
    'path',
    'pathRegex',
    'query',
    'times',
    'status',
    'errorCode',
    'retryAfter',
    'latencyMs',
    'reset',
    'after',
    'cutBody',
    'stallBodyMs',
    'bytesPerSecond',
    'malformed',
    'headers',
  ];
  for (const k of Object.keys(x)) if (!known.includes(k)) throw new TypeError(`unknown fault property ${k} (known: ${known.join(', ')})`);
  if (x.status !== undefined && (typeof x.status !== 'number' || x.status < 100 || x.status > 599)) throw new TypeError('fault.status must be an HTTP status');
  if (x.times !== undefined && (!Number.isInteger(x.times) || (x.times as number) < 1)) throw new TypeError('fault.times must be a positive integer');
  if (x.latencyMs !== undefined && (typeof x.latencyMs !== 'number' || x.latencyMs < 0)) throw new TypeError('fault.latencyMs must be a number >= 0');
  if (x.retryAfter !== undefined && (typeof x.retryAfter !== 'number' || x.retryAfter < 0)) throw new TypeError('fault.retryAfter must be a number >= 0');
  if (x.pathRegex !== undefined) new RegExp(String(x.pathRegex));
  if (x.headers !== undefined && (typeof x.headers !== 'object' || x.headers === null)) throw new TypeError('fault.headers must be an object');
  if (x.query !== undefined) {
    if (typeof x.query !== 'object' || x.query === null || Array.isArray(x.query)) throw new TypeError('fault.query must be an object of strings');
    for (const v of Object.values(x.query)) if (typeof v !== 'string') throw new TypeError('fault.query values must be strings (as they appear in the URL)');
  }
  for (const k of ['reset', 'after', 'cutBody', 'malformed'] as const) {
    if (x[k] !== undefined && typeof x[k] !== 'boolean') throw new TypeError(`fault.${k} must be true or false`);
  }
  if (x.stallBodyMs !== undefined && (typeof x.stallBodyMs !== 'number' || x.stallBodyMs <= 0)) throw new TypeError('fault.stallBodyMs must be a number > 0');
  if (x.bytesPerSecond !== undefined && (typeof x.bytesPerSecond !== 'number' || !(x.bytesPerSecond >= 1))) throw new TypeError('fault.bytesPerSecond must be a number >= 1');
  const drops = ['reset', 'after', 'cutBody', 'stallBodyMs', 'bytesPerSecond'].filter((k) => x[k]);
  if (drops.length > 1) throw new TypeError(`fault: ${drops.join(' and ')} exclude each other`);
  if (x.status === undefined && !x.latencyMs && !x.malformed && !x.headers && drops.length === 0) {
    throw new TypeError('a fault needs status, latencyMs, reset, after, cutBody, stallBodyMs, bytesPerSecond, malformed or headers');
  }
}

export const DEFAULT_ERROR_CODES: Record<number, string> = {
  400: 'INVALID_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'RESOURCE_NOT_FOUND',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
  500: 'UNEXPECTED_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};
