// What every stage of the simulator's pipeline shares: the answer being built (Outcome),
// reading a request's headers and body, and turning an ApiError into an answer.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { ApiError } from './errors.js';

/** Largest request body the simulator reads (bytes); beyond it 413. */
export const MAX_BODY = 10 * 1024 * 1024;

/** An answer, ready to be written by respond.ts. */
export interface Outcome {
  status: number;
  headers: Record<string, string>;
  body?: Buffer;
  /** destroy the socket instead of answering */
  reset?: boolean;
  /** a streamed body (chunked): piped to the response, the connection destroyed if it fails */
  stream?: Readable;
  /** the stream's end marked only by closing the connection (see Reply.unframed) */
  unframed?: boolean;
  /** what a fault does to the answer once it is ready */
  drop?: 'after' | 'cutBody';
  stallBodyMs?: number;
  /** the body sent no faster than this (bytes per second): a link of that speed */
  bytesPerSecond?: number;
}

/** What faults do to an answer once it is ready (respond.ts). */
export type BodyFaults = Pick<Outcome, 'drop' | 'stallBodyMs' | 'bytesPerSecond'>;

/** A request header, repeated values joined with ", "; undefined when absent. */
export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** The whole request body; rejects with 413 REQUEST_TOO_LARGE beyond MAX_BODY bytes. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        // unconfirmed: no source shows Atlas's answer to an oversized body
        reject(new ApiError(413, 'REQUEST_TOO_LARGE', 'The request body is too large.'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** An ApiError answer; Atlas repeats the errorCode in an X-Error-Code header (every error in recorded/ has one). */
export function errorOutcome(e: ApiError): Outcome {
  return {
    status: e.status,
    headers: { 'Content-Type': 'application/json', 'X-Error-Code': e.errorCode, ...e.headers },
    body: Buffer.from(JSON.stringify(e.toBody())),
  };
}

/** A JSON answer with plain `application/json` (the token endpoint, ipinfo). */
export function jsonOutcome(status: number, body: unknown, headers: Record<string, string> = {}): Outcome {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: Buffer.from(JSON.stringify(body)) };
}

export const sleep = (ms: number): Promise<void> => new Promise<void>((r) => setTimeout(r, ms));
