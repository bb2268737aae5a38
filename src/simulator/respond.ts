// Writing an answer to the socket, with the faults that act on it once it is ready: the
// connection dropped after acting, the body cut short or stalled halfway (a streamed body:
// after its first chunk), or sent no faster than a link's speed. Completes the request's
// record (status, dropped).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RecordedRequest } from './types.js';
import { sleep, type Outcome } from './wire.js';

/** Writes `out` (plus `extra` headers) as the answer to `req`; resolves once it is written or dropped. */
export async function respond(
  req: IncomingMessage,
  res: ServerResponse,
  out: Outcome,
  extra: Record<string, string>,
  rec: RecordedRequest,
  log?: (line: string) => void,
): Promise<void> {
  const started = rec.time;
  const line = (what: string) => log?.(`${rec.method} ${req.url} ${what}`);
  if (out.reset || out.drop === 'after') {
    rec.status = 0;
    rec.dropped = out.reset ? 'reset' : 'after';
    req.socket.destroy();
    line(`${out.reset ? 'RESET' : `DROPPED after ${out.status}`} ${Date.now() - started}ms`);
    return;
  }
  rec.status = out.status;
  const headers = { ...extra, ...out.headers };
  if (out.body !== undefined) headers['Content-Length'] = String(out.body.length);
  if (out.stream) return respondStream(req, res, out, out.stream, headers, rec, line);
  // a body of known length is paced as a stream; cut short or stalled (other faults matching too), as one
  if (out.bytesPerSecond && !out.drop && !out.stallBodyMs) return respondStream(req, res, out, Readable.from([out.body ?? Buffer.alloc(0)]), headers, rec, line);
  res.writeHead(out.status, headers);
  const body = out.body ?? Buffer.alloc(0);
  if ((out.drop === 'cutBody' || out.stallBodyMs) && body.length > 0) {
    const half = Math.max(1, Math.floor(body.length / 2));
    if (out.drop === 'cutBody') {
      rec.dropped = 'cutBody';
      res.write(body.subarray(0, half), () => req.socket.destroy());
      line(`${out.status} BODY CUT at ${half}/${body.length} bytes`);
      return;
    }
    res.write(body.subarray(0, half));
    await sleep(out.stallBodyMs!);
    if (!res.destroyed && !req.socket.destroyed) res.end(body.subarray(half));
    line(`${out.status} BODY STALLED ${out.stallBodyMs}ms`);
    return;
  }
  res.end(out.body);
  line(`${out.status} ${Date.now() - started}ms${rec.operationId ? ` ${rec.operationId}` : ''}`);
}

async function respondStream(
  req: IncomingMessage,
  res: ServerResponse,
  out: Outcome,
  stream: Readable,
  headers: Record<string, string>,
  rec: RecordedRequest,
  line: (what: string) => void,
): Promise<void> {
  if (out.unframed) {
    res.useChunkedEncodingByDefault = false;
    res.shouldKeepAlive = false;
  }
  res.writeHead(out.status, headers);
  if (out.drop === 'cutBody' || out.stallBodyMs) {
    // a streamed body has no known length: the cut or the stall comes after its first chunk
    const first = await new Promise<Buffer | undefined>((resolve) => {
      const done = (chunk?: Buffer): void => {
        stream.off('data', onData).off('end', onEnd).off('error', onEnd);
        resolve(chunk);
      };
      const onData = (chunk: Buffer): void => {
        stream.pause();
        done(chunk);
      };
      const onEnd = (): void => done(undefined);
      stream.on('data', onData).once('end', onEnd).once('error', onEnd);
    });
    if (first) res.write(first);
    if (out.drop === 'cutBody') {
      rec.dropped = 'cutBody';
      stream.destroy();
      await new Promise<void>((r) => res.write('', () => r()));
      req.socket.destroy();
      line(`${out.status} STREAMED BODY CUT after its first chunk`);
      return;
    }
    await sleep(out.stallBodyMs!);
    if (res.destroyed || req.socket.destroyed) {
      stream.destroy();
      return;
    }
  }
  await pipeline(out.bytesPerSecond ? paced(stream, out.bytesPerSecond) : stream, res).catch(() => res.destroy());
  line(`${out.status} ${Date.now() - rec.time}ms streamed${out.bytesPerSecond ? ` at ${out.bytesPerSecond} bytes/s` : ''}${rec.operationId ? ` ${rec.operationId}` : ''}`);
}

/** Bytes a paced body is sent in, at most (64 KiB: what a socket read takes). */
const PACE_PIECE = 64 * 1024;

/**
 * `source` no faster than `bytesPerSecond`: in pieces of at most PACE_PIECE, each sent once
 * the time for every byte up to its end has passed since the first (real time, as a link's
 * speed is; waits under 1 ms are gathered into the next).
 */
export function paced(source: Readable, bytesPerSecond: number): Readable {
  return Readable.from(
    (async function* () {
      const started = performance.now();
      let sent = 0;
      for await (const chunk of source as AsyncIterable<Buffer>) {
        for (let at = 0; at < chunk.length; at += PACE_PIECE) {
          const piece = chunk.subarray(at, at + PACE_PIECE);
          const due = started + ((sent + piece.length) / bytesPerSecond) * 1000;
          // a loop, not one sleep: a timer may fire early (its start is the event loop's cached time)
          for (let wait = due - performance.now(); wait >= 1; wait = due - performance.now()) await sleep(wait);
          sent += piece.length;
          yield piece;
        }
      }
    })(),
    { objectMode: false },
  );
}
