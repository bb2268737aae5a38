/**
 * Checks of a gzip download (`logs download`, `atlascli api … --out`), for the shared
 * `saveBody` (src/transfer/download.ts): the magic bytes of every answer, and the whole
 * stream inflated on the side for an answer whose HTTP framing cannot show it complete.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip, type Gunzip } from 'node:zlib';
import { CliError } from '../errors.js';
import type { ChunkCheck } from './download.js';

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
    return new CliError(`${this.what}: Atlas answered with ${this.contentType || 'no Content-Type'} that is not gzip data`, 'nothing was saved; run with --debug to see the answer');
  }
}

/**
 * Passes the gzip data on unchanged while inflating it on the side (the output thrown
 * away), so that a stream that stops short of its gzip trailer fails. Used only when the
 * HTTP answer cannot show that it is complete (see RawResponse.framed): otherwise its
 * framing already fails a cut body, and inflating would cost as much CPU as the
 * download itself for nothing. Fails with CliError (exit 1: "<what>: the gzip data is
 * incomplete or damaged (…)").
 */
export class GzipVerifier extends Transform {
  private readonly inflater: Gunzip = createGunzip({ chunkSize: 256 * 1024 });
  private inflateError: Error | undefined;

  constructor(private readonly what: string) {
    super();
    this.inflater.on('error', (e) => (this.inflateError ??= e));
    this.inflater.resume();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.inflateError) return cb(this.damaged(this.inflateError));
    this.push(chunk);
    if (!this.inflater.write(chunk)) this.inflater.once('drain', () => cb());
    else cb();
  }

  override _flush(cb: TransformCallback): void {
    if (this.inflateError) return cb(this.damaged(this.inflateError));
    this.inflater.once('end', () => cb());
    this.inflater.once('error', (e) => cb(this.damaged(e)));
    this.inflater.end();
  }

  private damaged(e: Error): CliError {
    return new CliError(`${this.what}: the gzip data is incomplete or damaged (${e.message})`, 'nothing was saved; try again');
  }
}
