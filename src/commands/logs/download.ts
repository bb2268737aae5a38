/**
 * Streaming log downloads (operation downloadGroupClusterLog) through the shared
 * `saveBody` (src/transfer/download.ts: temporary file, rename when complete, nothing left
 * on failure or Ctrl-C/SIGTERM, flat memory): the body is checked to be gzip; a cut
 * connection fails it by the HTTP framing, or, for an answer without framing, by
 * inflating it on the side. The target's checks and the retry of a cut body are the
 * shared ones of src/transfer/out-file.ts.
 */
import { basename, join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip, gzipSync } from 'node:zlib';
import contentDisposition from 'content-disposition';
import prettyBytes from 'pretty-bytes';
import type { Context } from '../../program/context.js';
import type { RawResponse } from '../../atlas/client.js';
import { saveBody, Tap, type ChunkCheck } from '../../transfer/download.js';
import { discardBody, failedDownloadHint, refuseExisting, retryCutDownload, STDOUT } from '../../transfer/out-file.js';
import { GzipMagic, GzipVerifier } from '../../transfer/gzip.js';
import { CliError, NetworkError } from '../../errors.js';

export const LOG_TYPES = ['mongodb', 'mongos', 'mongodb-audit-log', 'mongos-audit-log'] as const;
export type LogType = (typeof LOG_TYPES)[number];

/** One checked download: where from, which window (epoch seconds), where to. */
export interface DownloadPlan {
  groupId: string;
  hostname: string;
  logType: LogType;
  startDate?: number;
  endDate?: number;
  decompress: boolean;
  force: boolean;
  /** A file, `-` for stdout, or undefined for the name Atlas gives, in `dir`. */
  out?: string;
  /** Folder for the name Atlas gives (default the current one). */
  dir?: string;
  /** Progress on stderr (a terminal). */
  progress: boolean;
  /** Hint when the name Atlas gives exists without --force (default: --force or --out). */
  existingHint?: string;
}

export interface DownloadResult {
  hostname: string;
  logType: LogType;
  /** The file written; undefined for stdout. */
  path?: string;
  /** Bytes received from Atlas (compressed). */
  bytes: number;
  /** Bytes written (decompressed with --decompress). */
  written: number;
  empty: boolean;
}

/**
 * The file name from Content-Disposition (parsed by `content-disposition`), reduced to a
 * plain base name so a server cannot write outside the folder; a name of our own when
 * the header is missing or unusable.
 */
export function fileNameFrom(header: string | null, hostname: string, logType: LogType): string {
  let name: string | undefined;
  try {
    if (header) name = contentDisposition.parse(header).parameters.filename;
  } catch {
    name = undefined;
  }
  const clean = name ? basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f]/g, '').replace(/^\.+/, '') : '';
  return clean || `${hostname}_${logType}.log.gz`;
}

/** An empty gzip member (20 bytes): what an empty log inflates from. */
const EMPTY_GZIP = gzipSync(Buffer.alloc(0));

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
 * Why a log is empty, true whatever the reason: Atlas answers an empty log (0 bytes) for
 * a window with no lines, and also, with no other sign, for a mongos log of a host that
 * runs no mongos and for an audit log while database auditing is off.
 * @returns e.g. "no lines in this window, or database auditing is off"
 */
export function emptyLogReason(logType: LogType): string {
  const why = ['no lines in this window'];
  if (logType.startsWith('mongos')) why.push('the host runs no mongos');
  if (logType.endsWith('audit-log')) why.push('database auditing is off');
  return why.length === 1 ? why[0]! : `${why.slice(0, -1).join(', ')}, or ${why.at(-1)}`;
}

/**
 * Downloads one log, to a file (`plan.out` or the name Atlas gives, in `plan.dir`) or to
 * stdout (`plan.out` is `-`). A download to a file whose body breaks off is run again
 * from scratch (retryCutDownload: up to DOWNLOAD_RETRIES more times, a fresh temporary
 * file each time); one to stdout is not.
 * @throws AtlasApiError for refusals (404: exit 4), NetworkError when the body is cut off
 *   (exit 7, after the retries), CliError for an answer that is not (complete) gzip or a
 *   file that cannot be written (exit 1), UsageError when the file Atlas names exists
 *   without --force (exit 2); in every case no file is left behind
 */
export async function downloadLog(ctx: Context, plan: DownloadPlan): Promise<DownloadResult> {
  const client = await ctx.client();
  const toStdout = plan.out === STDOUT;
  return retryCutDownload(
    () =>
      client.requestRaw({
        operationId: 'downloadGroupClusterLog',
        pathParams: { groupId: plan.groupId, hostName: plan.hostname, logName: plan.logType },
        query: { startDate: plan.startDate, endDate: plan.endDate },
      }),
    (res) => saveLog(ctx, plan, res),
    { retries: toStdout ? 0 : undefined, trace: ctx.globals.debug ? (line) => ctx.term.info(`[debug] ${line}`) : undefined },
  );
}

/** One answer's body into its file or stdout (see downloadLog). */
async function saveLog(ctx: Context, plan: DownloadPlan, res: RawResponse): Promise<DownloadResult> {
  const what = `${plan.logType} log of ${plan.hostname}`;
  const toStdout = plan.out === STDOUT;
  let target: string | undefined;
  if (!toStdout) {
    if (plan.out !== undefined) target = plan.out;
    else {
      let name = fileNameFrom(res.headers.get('content-disposition'), plan.hostname, plan.logType);
      if (plan.decompress) name = name.replace(/\.gz$/i, '') || name;
      target = join(plan.dir ?? '.', name);
      try {
        refuseExisting(target, plan.force, plan.existingHint);
      } catch (e) {
        discardBody(res.body);
        throw e;
      }
    }
  }
  const contentType = res.headers.get('content-type') ?? '';
  // gunzip checks the data as a whole itself; a copy as sent needs checking only when the
  // HTTP answer cannot tell a cut connection from its end
  const stages: Transform[] = [];
  if (plan.decompress) stages.push(new EmptyAsGzip(), createGunzip({ chunkSize: 64 * 1024 }) as unknown as Transform);
  else if (!res.framed) stages.push(new GzipVerifier(what));
  const saved = await saveBody(res.body, {
    target,
    stdout: ctx.io.stdout,
    cleanup: ctx.cleanup,
    check: new GzipMagic(what, contentType),
    stages,
    progress: plan.progress ? { label: what, stderr: ctx.io.stderr, format: (n) => prettyBytes(n, { binary: true }) } : undefined,
    // a file that appeared meanwhile is kept too
    beforeRename: () => refuseExisting(target!, plan.force, plan.existingHint),
    mapError: (err, received, written) => toDownloadError(err, what, received, failedDownloadHint(toStdout, written)),
  });
  return { hostname: plan.hostname, logType: plan.logType, path: target, bytes: saved.received, written: saved.written, empty: saved.received === 0 };
}

const NETWORK_CODE = /^(UND_ERR|ECONN|ETIMEDOUT|EPIPE|ENETUNREACH|EHOSTUNREACH|EAI_)/;

/**
 * What a failed log download is to the user: a CliError as it is; a gzip stream that is
 * incomplete or damaged (exit 1); a file that cannot be written (exit 1); otherwise the
 * connection failed under the body (NetworkError, exit 7).
 * @param hint what is true of the output now (see failedDownloadHint)
 */
export function toDownloadError(err: unknown, what: string, bytes: number, hint: string): unknown {
  if (err instanceof CliError) return err;
  const e = err as { code?: string; message?: string; syscall?: string; cause?: { code?: string; message?: string } };
  if (e?.code === 'Z_BUF_ERROR' || e?.code === 'Z_DATA_ERROR') {
    return new CliError(`${what}: the gzip data is incomplete or damaged (${e.message})`, hint);
  }
  const code = e?.cause?.code ?? e?.code;
  if (e?.syscall && !(code && NETWORK_CODE.test(code))) {
    return new CliError(`${what}: cannot write the file: ${e.message}`);
  }
  return new NetworkError(`${what}: the download was cut off after ${bytes} bytes (${e?.cause?.message ?? e?.message ?? 'connection closed'})`, code, hint);
}
