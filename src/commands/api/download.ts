/**
 * Binary answers (gzip logs) of `atlascli api`, saved to `--out` through the shared gzip
 * download (src/transfer/gzip-download.ts): the client's retries, a temporary file
 * beside the target renamed into place when whole, removed on failure and on
 * Ctrl-C/SIGTERM; or written to stdout (`--out -`). An answer that is not gzip is
 * refused; the gzip stream is proven whole whatever the HTTP framing says. The target
 * was checked before sending.
 */
import type { Writable } from 'node:stream';
import type { AtlasClient, RequestSpec } from '../../atlas/client.js';
import type { Cleanup } from '../../program/cleanup.js';
import { downloadGzip } from '../../transfer/gzip-download.js';
import { refuseExisting, STDOUT } from '../../transfer/out-file.js';

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

/**
 * Downloads the answer of `spec` to `o.target` or stdout.
 * @returns the number of bytes written
 * @throws NetworkError when the body breaks off or is not whole gzip after the retries
 *   (exit 7), CliError when it is not gzip or cannot be written (exit 1), UsageError when
 *   the file appeared meanwhile without --force (exit 2); nothing is left behind
 */
export async function download(client: AtlasClient, spec: RequestSpec, o: ApiDownload): Promise<number> {
  const what = o.target === STDOUT ? 'download to stdout' : `download to ${o.target}`;
  const saved = await downloadGzip(client, spec, {
    what,
    target: o.target,
    stdout: o.stdout,
    cleanup: o.cleanup,
    beforeRename: (path) => refuseExisting(path, o.force, 'pass --force to overwrite it, or pick another name'),
  });
  return saved.written;
}
