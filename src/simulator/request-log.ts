// The recorder: every request that reaches the API (not the admin endpoints) is recorded
// when it arrives and completed when it is answered, in a bounded log (a ring of the last
// `capacity` requests), so a simulator left running for days does not grow without end.
//
// Positions are counted since the last clear: `length` is how many requests arrived, so the
// tests' idiom `const before = sim.requests.length; …; sim.requests.slice(before)` keeps
// working, and `sim.requests.length === before` still proves nothing was sent, whatever the
// capacity. Only the last `capacity` can be read back.
import type { IncomingMessage } from 'node:http';
import type { RecordedRequest } from './types.js';
import { header } from './wire.js';

/** How many requests the log keeps by default. */
export const DEFAULT_REQUEST_LOG_SIZE = 10_000;

export type RequestListener = (request: RecordedRequest) => void;

export class RequestLog implements Iterable<RecordedRequest> {
  /** the retained requests, oldest first: positions `dropped` … `dropped + ring.length - 1` */
  private ring: RecordedRequest[] = [];
  private dropped = 0;
  private readonly listeners = new Set<RequestListener>();

  /** @param capacity how many requests are kept (an integer >= 1); RangeError otherwise */
  constructor(readonly capacity = DEFAULT_REQUEST_LOG_SIZE) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`the request log keeps at least 1 request, not ${capacity}`);
  }

  /** How many requests arrived since the last clear (not only the retained ones). */
  get length(): number {
    return this.dropped + this.ring.length;
  }

  /** `log.length = 0` clears the log, as it cleared the array it once was; other values throw RangeError. */
  set length(n: number) {
    if (n !== 0) throw new RangeError('the request log can only be cleared (length = 0)');
    this.clear();
  }

  clear(): void {
    this.ring = [];
    this.dropped = 0;
  }

  /** Records a request as it arrives (the recorder's own use). */
  push(rec: RecordedRequest): void {
    this.ring.push(rec);
    if (this.ring.length > this.capacity) {
      this.ring.shift();
      this.dropped++;
    }
  }

  /** The request at position `i` since the last clear (negative: from the end); undefined if out of range or no longer kept. */
  at(i: number): RecordedRequest | undefined {
    const abs = i < 0 ? this.length + i : i;
    return abs < this.dropped ? undefined : this.ring[abs - this.dropped];
  }

  /** The kept requests between positions `start` and `end` (as Array.prototype.slice; positions no longer kept are skipped). */
  slice(start = 0, end = this.length): RecordedRequest[] {
    const abs = (i: number) => Math.max(0, (i < 0 ? this.length + i : i) - this.dropped);
    return this.ring.slice(abs(start), abs(end));
  }

  filter(pred: (r: RecordedRequest, i: number) => unknown): RecordedRequest[] {
    return this.ring.filter(pred);
  }

  map<T>(fn: (r: RecordedRequest, i: number) => T): T[] {
    return this.ring.map(fn);
  }

  find(pred: (r: RecordedRequest, i: number) => unknown): RecordedRequest | undefined {
    return this.ring.find(pred);
  }

  some(pred: (r: RecordedRequest, i: number) => unknown): boolean {
    return this.ring.some(pred);
  }

  every(pred: (r: RecordedRequest, i: number) => unknown): boolean {
    return this.ring.every(pred);
  }

  [Symbol.iterator](): Iterator<RecordedRequest> {
    return this.ring[Symbol.iterator]();
  }

  /** The kept requests, oldest first (a copy). */
  toArray(): RecordedRequest[] {
    return [...this.ring];
  }

  toJSON(): RecordedRequest[] {
    return this.toArray();
  }

  /**
   * Calls `listener` once each request has been answered (or dropped by a fault), with its
   * record complete; synchronously, before the simulator reads its next request. Returns a
   * function that removes the listener. A test uses it to move a manual clock between polls.
   */
  onAnswered(listener: RequestListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The recorder's own use: the request is answered. */
  answered(rec: RecordedRequest): void {
    for (const l of [...this.listeners]) l(rec);
  }
}

/** The query as a record: a parameter given once is a string, a repeated one (eventType=A&eventType=B) an array, in order. */
export function queryOf(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

/** A new record of a request as it arrives (status 0 until answered); `time` is wall-clock epoch ms. */
export function recordOf(req: IncomingMessage, url: URL, raw: Buffer): RecordedRequest {
  const rec: RecordedRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: queryOf(url.searchParams),
    status: 0,
    auth: 'none',
    time: Date.now(),
  };
  const accept = header(req, 'accept');
  const contentType = header(req, 'content-type');
  const userAgent = header(req, 'user-agent');
  const body = parseForRecord(raw);
  if (accept !== undefined) rec.accept = accept;
  if (contentType !== undefined) rec.contentType = contentType;
  if (userAgent !== undefined) rec.userAgent = userAgent;
  if (body !== undefined) rec.body = body;
  return rec;
}

function parseForRecord(raw: Buffer): unknown {
  if (!raw.length) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
