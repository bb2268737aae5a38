/**
 * The one way a download's body is saved (`logs download`, `logs cluster`, `api … --out`):
 * into a temporary file beside the target (`.<name>.atlascli-tmp-<random>`), renamed into
 * place only when complete, or into stdout. Any failure, Ctrl-C or SIGTERM removes the
 * temporary file. Memory stays flat whatever the size. What the body is checked for
 * (gzip: src/transfer/gzip.ts) is handed in; whether a failure is retried is the API
 * client's call (AtlasClient.download reads the body inside its retry loop).
 *
 * Two ways through, one result:
 * - **Straight to a file** (no stages): each chunk undici parses off the socket is
 *   checked and written to the file synchronously in the 'data' handler, and handed to
 *   the side check (`verify`, which runs beside the copy: zlib on libuv's thread pool),
 *   so the body never backs up unless the side check falls far behind.
 * - **Through stages** (gunzip) or into stdout: a stream pipeline with backpressure, the
 *   body read in batches (see `inBatches`).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform, Writable, type Readable, type TransformCallback } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { CliError } from '../errors.js';
import { outputError } from '../output/terminal.js';
import type { Cleanup } from '../program/cleanup.js';
import { collectGarbageEvery, COLLECT_EVERY_BYTES } from '../atlas/tuning.js';

/** Bytes buffered before the file at most (and the size of the body's reads). */
export const DOWNLOAD_BUFFER_BYTES = 1 << 20;

/** A synchronous look at a body as it passes; either method throws to refuse it. */
export interface ChunkCheck {
  chunk(data: Buffer): void;
  end(): void;
}

/**
 * A check that runs beside the copy (e.g. inflating gzip on the thread pool): it sees
 * every byte written, in order, and says at the end whether the whole was sound.
 */
export interface SideCheck {
  /** Takes a chunk; false when it has fallen behind: wait for `drained()` before the next. Throws once it has failed. */
  write(data: Buffer): boolean;
  /** Resolves when it has caught up (or failed: the next write or `end` throws). */
  drained(): Promise<void>;
  /** Resolves when everything written proved sound; rejects with why not. */
  end(): Promise<void>;
  /** Stops it (the download failed). */
  destroy(): void;
}

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
  /** Proves the bytes written sound, beside the copy (a gzip stream whole); its failure fails the download. */
  verify?: SideCheck;
  /** Stages between the body and the file, in order (gunzip). */
  stages?: Transform[];
  /** Written instead of a body with no bytes at all (an empty gzip member), through `verify` too. */
  emptyAs?: Buffer;
  /** Bytes, rate and elapsed time on `stderr` every 250 ms, prefixed by `label` (a terminal). */
  progress?: { label: string; stderr: Writable; format: (bytes: number) => string };
  /** Runs just before the rename (e.g. refuse a file that appeared meanwhile); may throw. */
  beforeRename?: () => void;
  /** Counts the bytes of garbage a download makes (default: a counter of the body's bytes; see collectGarbageEvery). */
  collect?: (bytes: number) => void;
  /**
   * Filled in as the body goes (set to 0 at the start): bytes received and written, for
   * the caller to know after a failure (what went to stdout already).
   */
  counts?: Saved;
  /** The run's cleanup (`ctx.cleanup`): an interrupt removes the temporary file; without it, only a failure does. */
  cleanup?: Cleanup;
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
 * CPU than fs.createWriteStream on a download). Its failures are CliErrors naming the file.
 */
class FileSink extends Writable {
  private fd: number | undefined;

  /** @param name the file named in errors (the target, not its temporary file) */
  constructor(
    private readonly path: string,
    private readonly name: string,
  ) {
    super({ highWaterMark: DOWNLOAD_BUFFER_BYTES });
  }

  override _construct(cb: (err?: Error | null) => void): void {
    try {
      this.fd = openSync(this.path, 'wx', 0o644);
      cb();
    } catch (e) {
      cb(fileError(e, this.name));
    }
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    try {
      writeAll(this.fd!, chunk, this.name);
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
      cb(fileError(e, this.name));
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

/** Hands what passes to a side check (waiting when it falls behind) and, for an empty stream, `emptyAs` instead. */
class Verified extends Transform {
  private seen = 0;

  constructor(
    private readonly verify: SideCheck | undefined,
    private readonly emptyAs: Buffer | undefined,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.seen += chunk.length;
    this.hand(chunk, cb);
  }

  override _flush(cb: TransformCallback): void {
    const finish = () => {
      if (!this.verify) return cb();
      this.verify.end().then(() => cb(), cb);
    };
    if (this.seen === 0 && this.emptyAs) this.hand(this.emptyAs, (err) => (err ? cb(err) : finish()));
    else finish();
  }

  private hand(chunk: Buffer, cb: TransformCallback): void {
    let behind: boolean;
    try {
      behind = this.verify !== undefined && !this.verify.write(chunk);
    } catch (e) {
      return cb(e as Error);
    }
    this.push(chunk);
    if (behind) this.verify!.drained().then(() => cb(), cb);
    else cb();
  }
}

/**
 * Streams `body` into `o.target` (via a temporary file and a rename) or into `o.stdout`,
 * through `o.check`, `o.verify` and `o.stages`.
 * @returns bytes received and written
 * @throws what the checks throw (a CliError refusal, UnreadableBody), CliError for a file
 *   that cannot be written, OutputError for a stdout that cannot take it, or the body's
 *   own error (the connection failed: for the client to classify); the temporary file is
 *   gone by then and the body destroyed
 */
export async function saveBody(body: Readable, o: SaveOptions): Promise<Saved> {
  if (o.target === undefined && !o.stdout) throw new Error('saveBody: neither a target nor stdout');
  const counted: Saved = o.counts ?? { received: 0, written: 0 };
  counted.received = 0;
  counted.written = 0;
  const collect = o.collect ?? collectGarbageEvery(COLLECT_EVERY_BYTES);
  const stopProgress = o.progress ? drawProgress(o.progress, () => counted.received) : () => undefined;
  const temp = o.target === undefined ? undefined : join(dirname(o.target), `.${basename(o.target)}.atlascli-tmp-${randomBytes(4).toString('hex')}`);
  const forget = temp && o.cleanup ? o.cleanup.onInterrupt(() => removeQuietly(temp)) : () => {};
  try {
    if (temp && !o.stages?.length) await writeAsItArrives(body, temp, o, counted, collect);
    else await throughPipeline(body, temp, o, counted, collect);
    if (temp && o.target) {
      o.beforeRename?.();
      await rename(temp, o.target).catch((e: unknown) => {
        throw fileError(e, o.target!);
      });
    }
  } catch (err) {
    if (temp) removeQuietly(temp);
    body.destroy();
    o.verify?.destroy();
    throw err;
  } finally {
    stopProgress();
    forget();
  }
  return counted;
}

/**
 * The body written to a new file ('wx': never an existing one) chunk by chunk in its
 * 'data' handler, with synchronous writes (into the page cache at once: no thread-pool
 * round trip, no buffering), each chunk handed to the side check as well; the body
 * pauses only while the side check is behind.
 */
async function writeAsItArrives(body: Readable, path: string, o: SaveOptions, counted: Saved, collect: (bytes: number) => void): Promise<void> {
  const name = o.target ?? path;
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (e) {
    throw fileError(e, name);
  }
  const verify = o.verify;
  try {
    let failure: unknown;
    const fail = (e: unknown) => {
      failure ??= e;
      body.destroy(e as Error);
    };
    const write = (chunk: Buffer) => {
      writeAll(fd, chunk, name);
      counted.written += chunk.length;
      if (verify && !verify.write(chunk) && !body.isPaused()) {
        body.pause();
        verify.drained().then(() => failure === undefined && body.resume(), fail);
      }
    };
    body.on('data', (chunk: Buffer) => {
      if (failure !== undefined) return;
      try {
        counted.received += chunk.length;
        o.check?.chunk(chunk);
        write(chunk);
        collect(chunk.length);
      } catch (e) {
        fail(e);
      }
    });
    try {
      await finished(body);
    } catch (e) {
      throw failure ?? e;
    }
    if (failure !== undefined) throw failure;
    o.check?.end();
    if (counted.received === 0 && o.emptyAs) write(o.emptyAs);
    await verify?.end();
  } finally {
    closeSync(fd);
  }
}

/** The body through a stream pipeline: checked, through the stages, into a file or stdout. */
async function throughPipeline(body: Readable, temp: string | undefined, o: SaveOptions, counted: Saved, collect: (bytes: number) => void): Promise<void> {
  const stages: Transform[] = [new Tap((n) => (counted.received += n), o.check)];
  if (o.verify || o.emptyAs) stages.push(new Verified(o.verify, o.emptyAs));
  stages.push(...(o.stages ?? []), new Tap((n) => ((counted.written += n), collect(n))));
  const sink: Writable = temp ? new FileSink(temp, o.target ?? temp) : o.stdout!;
  let sinkFailure: unknown;
  const onSinkError = (e: unknown) => (sinkFailure ??= e);
  sink.on('error', onSinkError);
  const run = pipeline as unknown as (streams: unknown[], options: { end?: boolean }) => Promise<void>;
  try {
    await run([inBatches(body), ...stages, sink], temp ? {} : { end: false });
  } catch (e) {
    // stdout that cannot take it (a full disk, a reader gone) is the output's failure, not the download's
    if (!temp && e === sinkFailure) throw outputError(e);
    throw e;
  } finally {
    sink.off('error', onSinkError);
  }
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

function writeAll(fd: number, chunk: Buffer, path: string): void {
  try {
    for (let off = 0; off < chunk.length;) off += writeSync(fd, chunk, off);
  } catch (e) {
    throw fileError(e, path);
  }
}

/** A file that cannot be made, written or renamed: exit 1, the system's reason in words. */
function fileError(e: unknown, path: string): CliError {
  const err = e as NodeJS.ErrnoException;
  // Node's message names the temporary file ("ENOENT: no such file or directory, open '…'"): the target is named instead
  const why =
    err.code === 'ENOSPC'
      ? 'no space left on the device'
      : err.code === 'EACCES' || err.code === 'EPERM'
        ? 'permission denied'
        : (err.message ?? String(e)).replace(/, \w+ '.*'$/, '');
  return new CliError(`cannot write ${path}: ${why}${err.code && !why.includes(err.code) ? ` (${err.code})` : ''}`, 'nothing was saved');
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
