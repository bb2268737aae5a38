/**
 * Binary answers (gzip logs) of `atlascli api`, saved to `--out`: streamed into a
 * temporary file beside the target, renamed into place when complete. The temporary
 * file is removed when the download fails and, through onInterrupt, on Ctrl-C/SIGTERM.
 * (The same pattern as `logs download`; to be shared when both land.)
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Response } from 'undici';
import { onInterrupt } from '../../cleanup.js';
import { CliError, NetworkError } from '../../errors.js';

/**
 * Writes the body of `res` to `target` (an absolute path in an existing folder).
 * @returns the number of bytes written
 * @throws CliError when the body cannot be read or written; nothing is left behind
 */
export async function download(res: Response, target: string): Promise<number> {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.part`);
  const removeTemp = () => rm(temp, { force: true });
  const unregister = onInterrupt(removeTemp);
  let bytes = 0;
  try {
    const body = res.body ? Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>) : Readable.from([]);
    body.on('data', (chunk: Buffer) => (bytes += chunk.length));
    await pipeline(body, createWriteStream(temp, { flags: 'w' }));
    await rename(temp, target);
    return bytes;
  } catch (err) {
    await removeTemp().catch(() => undefined);
    if (err instanceof CliError) throw err;
    const e = err as { message?: string; code?: string; cause?: { code?: string } };
    const code = e.cause?.code ?? e.code;
    if (e.message === 'terminated' || (code && /^(UND_ERR|ECONN|ETIMEDOUT|EPIPE)/.test(code))) {
      throw new NetworkError(`download to ${target} broke off after ${bytes} bytes${code ? ` (${code})` : ''}`, code, 'nothing was saved; try again');
    }
    throw new CliError(`download to ${target} failed after ${bytes} bytes: ${(err as Error).message}`, 'nothing was saved; try again');
  } finally {
    unregister();
  }
}
