/**
 * Binary answers (gzip logs) of `atlascli api`, saved to `--out` through the shared
 * streaming download (src/transfer/download.ts): a temporary file beside the target,
 * renamed into place when complete, removed on failure and on Ctrl-C/SIGTERM; or
 * written to stdout (`--out -`). An answer that is not gzip is refused, one whose end
 * the HTTP framing cannot show is inflated on the side to be sure it is whole
 * (src/transfer/gzip.ts). The target was checked before sending, and a body cut short
 * is downloaded again by the caller (src/transfer/out-file.ts).
 */
import type { Writable } from 'node:stream';
import { Transform } from 'node:stream';
import type { RawResponse } from '../../atlas/client.js';
import type { Cleanup } from '../../program/cleanup.js';
import { CliError, NetworkError } from '../../errors.js';
import { saveBody } from '../../transfer/download.js';
import { GzipMagic, GzipVerifier } from '../../transfer/gzip.js';
import { failedDownloadHint, refuseExisting, STDOUT } from '../../transfer/out-file.js';

export interface ApiDownload {
  /** A checked path in an existing folder, or `-` (STDOUT). */
  target: string;
  /** Where `-` writes (not ended). */
  stdout: Writable;
  /** An existing file may be replaced (the global --force). */
  force: boolean;
  /** The run's cleanup: an interrupt removes the temporary file. */
  cleanup?: Cleanup;
}

const NETWORK_CODE = /^(UND_ERR|ECONN|ETIMEDOUT|EPIPE|ENETUNREACH|EHOSTUNREACH|EAI_)/;

/**
 * Writes the body of `res` to `o.target` or stdout.
 * @returns the number of bytes written
 * @throws NetworkError when the body breaks off (exit 7), CliError when it is not (whole)
 *   gzip or cannot be written (exit 1), UsageError when the file appeared meanwhile
 *   without --force (exit 2); nothing is left behind
 */
export async function download(res: RawResponse, o: ApiDownload): Promise<number> {
  const toStdout = o.target === STDOUT;
  const what = toStdout ? 'download to stdout' : `download to ${o.target}`;
  const stages: Transform[] = res.framed ? [] : [new GzipVerifier(what)];
  const saved = await saveBody(res.body, {
    target: toStdout ? undefined : o.target,
    stdout: o.stdout,
    cleanup: o.cleanup,
    check: new GzipMagic(what, res.headers.get('content-type') ?? ''),
    stages,
    beforeRename: () => refuseExisting(o.target, o.force, 'pass --force to overwrite it, or pick another name'),
    mapError: (err, bytes, written) => {
      if (err instanceof CliError) return err;
      const e = err as { message?: string; code?: string; syscall?: string; cause?: { code?: string } };
      const code = e.cause?.code ?? e.code;
      const hint = failedDownloadHint(toStdout, written);
      if (e.message === 'terminated' || e.message === 'other side closed' || (code && NETWORK_CODE.test(code))) {
        return new NetworkError(`${what} broke off after ${bytes} bytes${code ? ` (${code})` : ''}`, code, hint);
      }
      return new CliError(`${what} failed after ${bytes} bytes: ${(err as Error).message}`, hint);
    },
  });
  return saved.written;
}
