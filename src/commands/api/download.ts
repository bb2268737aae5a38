/**
 * Binary answers (gzip logs) of `atlascli api`, saved to `--out` through the shared
 * streaming download (src/commands/download.ts): a temporary file beside the target,
 * renamed into place when complete, removed on failure and on Ctrl-C/SIGTERM; an answer
 * that is not gzip is refused, one whose end the HTTP framing cannot show is inflated on
 * the side to be sure it is whole (src/commands/gzip.ts).
 */
import type { RawResponse } from '../../atlas/client.js';
import { CliError, NetworkError } from '../../errors.js';
import { saveBody } from '../download.js';
import { GzipMagic, GzipVerifier } from '../gzip.js';

/**
 * Writes the body of `res` to `target` (a path in an existing folder).
 * @returns the number of bytes written
 * @throws NetworkError when the body breaks off (exit 7), CliError when it is not (whole)
 *   gzip or cannot be written; nothing is left behind
 */
export async function download(res: RawResponse, target: string): Promise<number> {
  const what = `download to ${target}`;
  const saved = await saveBody(res.body, {
    target,
    check: new GzipMagic(what, res.headers.get('content-type') ?? ''),
    stages: res.framed ? [] : [new GzipVerifier(what)],
    mapError: (err, bytes) => {
      if (err instanceof CliError) return err;
      const e = err as { message?: string; code?: string; cause?: { code?: string } };
      const code = e.cause?.code ?? e.code;
      if (e.message === 'terminated' || e.message === 'other side closed' || (code && /^(UND_ERR|ECONN|ETIMEDOUT|EPIPE)/.test(code))) {
        return new NetworkError(`download to ${target} broke off after ${bytes} bytes${code ? ` (${code})` : ''}`, code, 'nothing was saved; try again');
      }
      return new CliError(`download to ${target} failed after ${bytes} bytes: ${(err as Error).message}`, 'nothing was saved; try again');
    },
  });
  return saved.written;
}
