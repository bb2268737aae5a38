/**
 * A gzip download from request to file, for every command that saves one (`logs
 * download`, `logs cluster`, `api … --out`, snapshots): the API client sends the request
 * and reads the body inside its own retry loop (AtlasClient.download: one retry policy,
 * one budget, one classification of failures), the body goes through `saveBody` with the
 * gzip checks of ./gzip.ts, and a failure says what is left where it was going.
 */
import type { Writable } from 'node:stream';
import type { AtlasClient, DownloadOptions, RawResponse, RequestSpec } from '../atlas/client.js';
import { NetworkError } from '../errors.js';
import type { Cleanup } from '../program/cleanup.js';
import { saveBody, type Saved } from './download.js';
import { gzipBody, gzipError } from './gzip.js';
import { failedDownloadHint, STDOUT } from './out-file.js';

export interface GzipDownload {
  /** Names the download in messages, e.g. "mongodb log of <host>", "download to x.gz". */
  what: string;
  /**
   * Where it goes: a checked file path, `-` (STDOUT), or the path for an answer (e.g. the
   * name Atlas gives in Content-Disposition), which may throw to refuse it (a UsageError
   * for a file that exists: the answer is let go unread).
   */
  target: string | ((res: RawResponse) => string);
  /** Where `-` writes (not ended). */
  stdout: Writable;
  /** Save it decompressed (gunzip). */
  decompress?: boolean;
  /** Progress on this stream (a terminal), redrawn every 250 ms. */
  progress?: { stderr: Writable; format: (bytes: number) => string };
  /** Runs with the path just before the file appears (e.g. refuse one that appeared meanwhile); may throw. */
  beforeRename?: (path: string) => void;
  /** The run's cleanup (`ctx.cleanup`): an interrupt removes the temporary file. */
  cleanup?: Cleanup;
}

/** A URL Atlas handed out to download from, outside the API (a snapshot's delivery URL: AtlasClient.downloadUrl). */
export interface DeliveryUrl {
  deliveryUrl: string;
}

export interface GzipDownloaded extends Saved {
  /** The file written; undefined for stdout. */
  path?: string;
}

/**
 * Downloads the gzip answer of `from` (an API operation, or a delivery URL) into a file (temporary file, renamed when whole) or
 * stdout. The gzip stream is proven whole whatever the HTTP framing says; an empty
 * answer is saved as an empty gzip member (empty output with `decompress`). A body cut
 * short, stalled or not whole gzip is downloaded again from scratch under the client's
 * retry policy (to stdout only while nothing went out).
 * @throws NetworkError (exit 7; nothing left, or what stdout holds in the hint),
 *   AtlasApiError (a refusal), CliError (an answer that is not gzip, a file that cannot
 *   be written: exit 1), UsageError (the file exists: exit 2)
 */
export async function downloadGzip(client: AtlasClient, from: RequestSpec | DeliveryUrl, d: GzipDownload): Promise<GzipDownloaded> {
  const toStdout = d.target === STDOUT;
  const counts: Saved = { received: 0, written: 0 };
  const get = <T>(consume: (res: RawResponse) => Promise<T>, o: DownloadOptions) =>
    'deliveryUrl' in from ? client.downloadUrl(from.deliveryUrl, consume, o) : client.download(from, consume, o);
  try {
    return await get(
      async (res) => {
        counts.received = counts.written = 0;
        const path = toStdout ? undefined : typeof d.target === 'function' ? d.target(res) : d.target;
        try {
          const saved = await saveBody(res.body, {
            target: path,
            stdout: d.stdout,
            ...gzipBody(d.what, res.headers.get('content-type') ?? '', d.decompress === true),
            progress: d.progress ? { label: d.what, ...d.progress } : undefined,
            beforeRename: path === undefined || !d.beforeRename ? undefined : () => d.beforeRename!(path),
            counts,
            cleanup: d.cleanup,
          });
          return { path, ...saved };
        } catch (err) {
          throw gzipError(err);
        }
      },
      { subject: d.what, received: () => counts.received, restartable: () => !toStdout || counts.written === 0 },
    );
  } catch (err) {
    throw withHint(err, failedDownloadHint(toStdout, counts.written));
  }
}

/** A network failure of a download, its hint saying what is left where it was going. */
function withHint(err: unknown, hint: string): unknown {
  return err instanceof NetworkError ? new NetworkError(err.message, err.code, hint) : err;
}
