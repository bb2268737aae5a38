/**
 * What makes a gzip download whole, for the shared `saveBody` (src/transfer/download.ts):
 * the magic bytes of every answer, the whole stream inflated beside the copy whatever the
 * HTTP framing says (a server may close a chunked body cleanly in the middle of the gzip
 * data), and an empty answer saved as an empty gzip member. Every download of the CLI is
 * gzip (logs, `api … --out`, snapshots).
 */
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip, gzipSync, type Gunzip } from 'node:zlib';
import { CliError } from '../errors.js';
import { UnreadableBody } from '../atlas/network.js';
import { collectGarbageEvery, COLLECT_EVERY_BYTES } from '../atlas/tuning.js';
import { Tap, type ChunkCheck, type SaveOptions, type SideCheck } from './download.js';
import { STEP_BYTES, Steps } from './steps.js';

/** An empty gzip member (20 bytes): what an empty log is saved as, so that `zcat` and `gzip -t` take it. */
export const EMPTY_GZIP = gzipSync(Buffer.alloc(0));

/**
 * Output bytes per inflate call of the side check (one buffer, thrown away): as large as
 * a step of the body (STEP_BYTES), so that a step of stored (incompressible) data is one
 * trip to the thread pool.
 */
const CHECK_OUT_BYTES = STEP_BYTES;

/**
 * The gzip magic bytes at the start of the body: a body that is not gzip is refused whole
 * (CliError, exit 1: "<what>: Atlas answered with <content type> that is not gzip data").
 * An empty body passes (Atlas answers an empty log with 0 bytes).
 */
export class GzipMagic implements ChunkCheck {
  private head = Buffer.alloc(0);

  constructor(
    private readonly what: string,
    private readonly contentType: string,
  ) {}

  chunk(data: Buffer): void {
    if (this.head.length >= 2) return;
    this.head = Buffer.concat([this.head, data.subarray(0, 2 - this.head.length)]);
    if (this.head.length === 2 && (this.head[0] !== 0x1f || this.head[1] !== 0x8b)) throw this.notGzip();
  }

  end(): void {
    if (this.head.length === 1) throw this.notGzip();
  }

  private notGzip(): CliError {
    return new CliError(
      `${this.what}: Atlas answered with ${this.contentType || 'no Content-Type'} that is not gzip data`,
      'nothing was saved; run with --debug to see the answer',
    );
  }
}

/**
 * Inflates the gzip data written, beside the copy (zlib runs on libuv's thread pool; the
 * output is thrown away), so that a stream that stops before its trailer, or whose data or
 * CRC is wrong, fails the download: UnreadableBody ("the gzip data stops before its end",
 * "the gzip data is damaged"), which the client treats as a body cut short. What is
 * written goes to the inflater in steps of 1 MiB (see ./steps.ts).
 */
export class GzipCheck implements SideCheck {
  // no writableHighWaterMark: write()'s answer is not used, Steps bounds what is out (STEPS_OUT)
  private readonly inflater: Gunzip = createGunzip({ chunkSize: CHECK_OUT_BYTES });
  private readonly steps = new Steps((step) => this.inflate(step));
  private failure: unknown;
  /** Settles once: ends (resolves) or fails, is destroyed (rejects with why). */
  private readonly done: Promise<void>;
  /** The rejections of steps being inflated: a step in the inflater when it fails never hears back from the stream. */
  private readonly inflating = new Set<(why: unknown) => void>();

  /** @param collect counts the inflated bytes thrown away (see collectGarbageEvery): share the download's */
  constructor(collect: (bytes: number) => void = collectGarbageEvery(COLLECT_EVERY_BYTES)) {
    this.done = new Promise<void>((resolve, reject) => {
      const stop = (why: unknown) => {
        this.failure ??= why;
        for (const r of this.inflating) r(this.failure);
        this.inflating.clear();
        reject(this.failure);
      };
      let ended = false;
      this.inflater.once('end', () => ((ended = true), resolve()));
      this.inflater.once('error', (e) => stop(gzipError(e)));
      this.inflater.once('close', () => ended || stop(new UnreadableBody('the gzip check was stopped')));
    });
    this.done.catch(() => undefined);
    // the output is thrown away: its buffers are garbage at once, collected as the body's are
    this.inflater.on('data', (out: Buffer) => collect(out.length));
  }

  write(data: Buffer): boolean {
    return this.steps.push(data);
  }

  drained(): Promise<void> {
    return this.steps.drained();
  }

  async end(): Promise<void> {
    await this.steps.end();
    this.inflater.end();
    return this.done;
  }

  destroy(): void {
    this.inflater.destroy();
  }

  private inflate(step: Buffer): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.inflating.add(reject);
      this.inflater.write(step, (err) => {
        this.inflating.delete(reject);
        if (err) reject(this.failure ?? gzipError(err));
        else resolve();
      });
    });
  }
}

/**
 * A zlib failure as what it says of the body (UnreadableBody: the download counts as
 * cut); anything else unchanged.
 */
export function gzipError(err: unknown): unknown {
  const e = err as { code?: unknown; message?: string };
  if (e?.code === 'Z_BUF_ERROR') return new UnreadableBody(`the gzip data stops before its end (${e.message})`);
  if (typeof e?.code === 'string' && e.code.startsWith('Z_')) return new UnreadableBody(`the gzip data is damaged (${e.message})`);
  return err;
}

/**
 * Passes gzip data on unchanged, after `check` has seen each chunk, counting the bytes
 * (`received`). A body with no bytes at all (Atlas's empty log: 200 with Content-Length
 * 0) becomes an empty gzip member, so that gunzip after it makes an empty output instead
 * of failing with "unexpected end of file"; a body cut short still fails gunzip.
 */
export class EmptyAsGzip extends Tap {
  constructor(check?: ChunkCheck) {
    super(undefined, check);
  }

  override _flush(cb: TransformCallback): void {
    super._flush((err) => {
      if (!err && this.received === 0) this.push(EMPTY_GZIP);
      cb(err);
    });
  }
}

/**
 * How `saveBody` takes a gzip answer: the magic bytes checked; saved as it came, inflated
 * beside the copy to prove it whole, an empty answer as an empty gzip member; or, with
 * `decompress`, through gunzip (which proves it whole itself; an empty answer is an empty
 * file).
 * @param what names the body in refusals, e.g. "mongodb log of <host>"
 */
export function gzipBody(what: string, contentType: string, decompress: boolean): Pick<SaveOptions, 'check' | 'verify' | 'emptyAs' | 'stages' | 'collect'> {
  const check = new GzipMagic(what, contentType);
  if (decompress) return { check, stages: [new EmptyAsGzip(), createGunzip({ chunkSize: 64 * 1024 }) as unknown as Transform] };
  // one count for the body and the inflated bytes thrown away, both garbage once seen: a
  // scavenge every 4 MiB of them (every 8 MiB let a 1 GiB snapshot's peak RSS reach 94-96 MiB
  // on a busy machine, against 83-88 MiB; the same speed)
  const collect = collectGarbageEvery(COLLECT_EVERY_BYTES);
  return { check, verify: new GzipCheck(collect), emptyAs: EMPTY_GZIP, stages: [], collect };
}
