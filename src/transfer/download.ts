/**
 * The one streaming download of the CLI (`logs download`, `logs cluster`, `api … --out`):
 * an answer's body goes into a temporary file beside the target
 * (`.<name>.atlascli-tmp-<random>`), renamed into place only when complete, or into
 * stdout. Any failure, Ctrl-C or SIGTERM removes the temporary file. Memory stays flat
 * whatever the size.
 *
 * Two ways through, one result:
 * - **Straight to a file** (no stages): each chunk undici parses off the socket is
 *   checked and written to the file synchronously in the 'data' handler, so the body
 *   never backs up: no chunk is buffered, copied or joined on the way, and the only
 *   memory a download churns is the socket's own reads (see `collectGarbageEvery`).
 * - **Through stages** (gunzip, a gzip verifier) or into stdout: a stream pipeline with
 *   backpressure, the body read in batches (see `inBatches`).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform, Writable, type Readable, type TransformCallback } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Cleanup } from '../program/cleanup.js';

/** Bytes buffered before the file at most (and the size of the body's reads). */
export const DOWNLOAD_BUFFER_BYTES = 1 << 20;

export interface SaveOptions {
  /** The file to write (its folder exists); undefined writes to `stdout`. */
  target?: string;
  /** Where the bytes go without a target (not ended afterwards). */
  stdout?: Writable;
  /**
   * Looks at every chunk of the body before it is written, in order (e.g. the gzip magic
   * bytes), and at the end; throws to stop the download (nothing is left behind).
   */
  check?: ChunkCheck;
  /** Stages between the body and the file, in order (a gzip verifier, gunzip). */
  stages?: Transform[];
  /** Bytes, rate and elapsed time on `stderr` every 250 ms, prefixed by `label` (a terminal). */
  progress?: { label: string; stderr: Writable; format: (bytes: number) => string };
  /** Runs just before the rename (e.g. refuse a file that appeared meanwhile); may throw. */
  beforeRename?: () => void;
  /**
   * Turns a failure into the error to throw, given the bytes received until then and the
   * bytes written (after the stages: what already went to stdout, when it is stdout).
   */
  mapError?: (err: unknown, received: number, written: number) => unknown;
  /** The run's cleanup (`ctx.cleanup`): an interrupt removes the temporary file; without it, only a failure does. */
  cleanup?: Cleanup;
}

/** A synchronous look at a body as it passes; either method throws to refuse it. */
export interface ChunkCheck {
  chunk(data: Buffer): void;
  end(): void;
}

export interface Saved {
  /** Bytes of the body received. */
  received: number;
  /** Bytes written (after the stages). */
  written: number;
}

/**
 * A new file (never an existing one: 'wx') written with synchronous writes: each batch
 * goes to the page cache at once, with no thread-pool round trip or buffering (11% less
 * CPU than fs.createWriteStream on a download).
 */
class FileSink extends Writable {
  private fd: number | undefined;

  constructor(private readonly path: string) {
    super({ highWaterMark: DOWNLOAD_BUFFER_BYTES });
  }

  override _construct(cb: (err?: Error | null) => void): void {
    try {
      this.fd = openSync(this.path, 'wx', 0o644);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    try {
      for (let off = 0; off < chunk.length; ) off += writeSync(this.fd!, chunk, off);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // closing is all that is left to do
      }
      this.fd = undefined;
    }
    cb(err);
  }

  override _final(cb: (err?: Error | null) => void): void {
    try {
      if (this.fd !== undefined) closeSync(this.fd);
      this.fd = undefined;
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }
}

/**
 * Passes data on unchanged, counting its bytes (`received`, and `count` for each chunk)
 * and showing each chunk and the end to `check`, whose throw fails the stream.
 */
export class Tap extends Transform {
  /** Bytes that went through. */
  received = 0;

  constructor(
    private readonly count?: (bytes: number) => void,
    private readonly check?: ChunkCheck,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.received += chunk.length;
    this.count?.(chunk.length);
    try {
      this.check?.chunk(chunk);
    } catch (e) {
      return cb(e as Error);
    }
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    try {
      this.check?.end();
    } catch (e) {
      return cb(e as Error);
    }
    cb();
  }
}

/** Bytes of body between two collections of young garbage (see `collectGarbageEvery`). */
export const COLLECT_EVERY_BYTES = 4 << 20;

/**
 * A counter that collects V8's young generation each time `every` more bytes have gone
 * by. Every socket read of a download is a fresh 64 KiB Buffer that is garbage a moment
 * later, but V8 collects Buffers on external-memory pressure only, after some 30 MB of
 * them have piled up: a 1 GB download peaked at 107 MiB of RSS, 72 MiB when a scavenge
 * (well under a millisecond: the young generation holds little else) runs every 4 MiB.
 * The collector is V8's `gc()`, exposed at run time and only to a new context, so
 * nothing global changes; where V8 does not offer it the counter does nothing.
 */
export function collectGarbageEvery(every: number): (bytes: number) => void {
  const gc = exposedGc();
  if (!gc) return () => {};
  let since = 0;
  return (bytes) => {
    since += bytes;
    if (since < every) return;
    since = 0;
    gc({ type: 'minor' });
  };
}

let gcFunction: ((o: { type: 'minor' | 'major' }) => void) | null | undefined;

function exposedGc(): ((o: { type: 'minor' | 'major' }) => void) | null {
  if (gcFunction === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as unknown;
      gcFunction = typeof gc === 'function' ? (gc as (o: { type: 'minor' | 'major' }) => void) : null;
    } catch {
      gcFunction = null;
    }
  }
  return gcFunction;
}

/**
 * Streams `body` into `o.target` (via a temporary file and a rename) or into `o.stdout`,
 * through `o.check` and `o.stages`.
 * @returns bytes received and written
 * @throws whatever `o.mapError` makes of a failure (the raw error without it); the
 *   temporary file is gone by then
 */
export async function saveBody(body: Readable, o: SaveOptions): Promise<Saved> {
  if (o.target === undefined && !o.stdout) throw new Error('saveBody: neither a target nor stdout');
  const counted: Saved = { received: 0, written: 0 };
  const collect = collectGarbageEvery(COLLECT_EVERY_BYTES);
  const stopProgress = o.progress ? drawProgress(o.progress, () => counted.received) : () => undefined;
  const temp = o.target === undefined ? undefined : join(dirname(o.target), `.${basename(o.target)}.atlascli-tmp-${randomBytes(4).toString('hex')}`);
  const unregister = temp && o.cleanup ? o.cleanup.onInterrupt(() => removeQuietly(temp)) : () => {};
  try {
    if (temp && !o.stages?.length) await writeAsItArrives(body, temp, o.check, counted, collect);
    else await throughPipeline(body, temp, o, counted, collect);
    if (temp && o.target) {
      o.beforeRename?.();
      await rename(temp, o.target);
    }
  } catch (err) {
    if (temp) removeQuietly(temp);
    body.destroy();
    throw o.mapError ? o.mapError(err, counted.received, counted.written) : err;
  } finally {
    stopProgress();
    unregister();
  }
  return counted;
}

/**
 * The body written to a new file ('wx': never an existing one) chunk by chunk in its
 * 'data' handler, with synchronous writes (into the page cache at once: no thread-pool
 * round trip, no buffering, and the body never has to pause).
 */
async function writeAsItArrives(body: Readable, path: string, check: ChunkCheck | undefined, counted: Saved, collect: (bytes: number) => void): Promise<void> {
  const fd = openSync(path, 'wx', 0o644);
  try {
    let failure: unknown;
    body.on('data', (chunk: Buffer) => {
      if (failure !== undefined) return;
      try {
        counted.received += chunk.length;
        check?.chunk(chunk);
        for (let off = 0; off < chunk.length; ) off += writeSync(fd, chunk, off);
        counted.written += chunk.length;
        collect(chunk.length);
      } catch (e) {
        failure = e;
        body.destroy(e as Error);
      }
    });
    try {
      await finished(body);
    } catch (e) {
      throw failure ?? e;
    }
    check?.end();
  } finally {
    closeSync(fd);
  }
}

/** The body through a stream pipeline: checked, through the stages, into a file or stdout. */
async function throughPipeline(body: Readable, temp: string | undefined, o: SaveOptions, counted: Saved, collect: (bytes: number) => void): Promise<void> {
  const stages: Transform[] = [];
  if (o.stages?.length) {
    stages.push(new Tap((n) => (counted.received += n), o.check), ...o.stages, new Tap((n) => ((counted.written += n), collect(n))));
  } else {
    stages.push(new Tap((n) => ((counted.received += n), (counted.written += n), collect(n)), o.check));
  }
  const sink: Writable = temp ? new FileSink(temp) : o.stdout!;
  const run = pipeline as unknown as (streams: unknown[], options: { end?: boolean }) => Promise<void>;
  await run([inBatches(body), ...stages, sink], temp ? {} : { end: false });
}

/**
 * The body read in batches: each read takes all that is buffered (up to
 * DOWNLOAD_BUFFER_BYTES). Piping the body instead (flowing mode) takes one chunk per read,
 * and each read resumes undici's parser for one more HTTP chunk only: once the disk or
 * the gzip check falls behind the network, undici copies the whole socket backlog again
 * for every chunk it then parses, and a download became 20× slower than curl. (`logs
 * show` reads its body this way too.)
 */
export async function* inBatches(body: Readable): AsyncGenerator<Buffer> {
  for await (const chunk of body) yield chunk as Buffer;
}

function drawProgress(p: NonNullable<SaveOptions['progress']>, bytes: () => number): () => void {
  const started = Date.now();
  const draw = () => {
    const s = (Date.now() - started) / 1000;
    const n = bytes();
    const columns = (p.stderr as Writable & { columns?: number }).columns || 80;
    p.stderr.write(`\r\u001b[K${progressLine(p.label, `${p.format(n)} at ${p.format(s > 0 ? n / s : 0)}/s, ${s.toFixed(0)} s`, columns)}`);
  };
  const timer = setInterval(draw, 250);
  return () => {
    clearInterval(timer);
    p.stderr.write('\r\u001b[K');
  };
}

/**
 * `label: figures` in fewer than `columns` characters, so that `\r` redraws it in place
 * (a line that wraps leaves a copy behind at every redraw): the label gives way first,
 * keeping its end (the host name's distinctive part is at its start, so the middle goes).
 */
export function progressLine(label: string, figures: string, columns: number): string {
  const room = columns - 1 - figures.length - 2;
  if (room >= label.length) return `${label}: ${figures}`;
  if (room < 8) return figures.slice(0, Math.max(0, columns - 1));
  const head = Math.ceil((room - 1) / 2);
  return `${label.slice(0, head)}…${label.slice(label.length - (room - 1 - head))}: ${figures}`;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
