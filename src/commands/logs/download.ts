/**
 * Log downloads (operation downloadGroupClusterLog) through the shared gzip download
 * (src/transfer/gzip-download.ts: the client's retries, temporary file renamed when
 * whole, nothing left on failure or Ctrl-C/SIGTERM, flat memory, the gzip stream proven
 * whole whatever the HTTP framing says).
 */
import { basename, join } from 'node:path';
import contentDisposition from 'content-disposition';
import prettyBytes from 'pretty-bytes';
import type { Context } from '../../program/context.js';
import { downloadGzip } from '../../transfer/gzip-download.js';
import { refuseExisting } from '../../transfer/out-file.js';
import type { RawResponse } from '../../atlas/client.js';

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
  const clean = name
    ? basename(name.replace(/\\/g, '/'))
        .replace(/[\u0000-\u001f]/g, '')
        .replace(/^\.+/, '')
    : '';
  return clean || `${hostname}_${logType}.log.gz`;
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
 * stdout (`plan.out` is `-`), under the client's retry policy (a body cut short is
 * downloaded again from scratch; to stdout only while nothing went out).
 * @throws AtlasApiError for refusals (404: exit 4), NetworkError when the body is cut off
 *   or its gzip data is not whole (exit 7, after the retries), CliError for an answer that
 *   is not gzip or a file that cannot be written (exit 1), UsageError when the file Atlas
 *   names exists without --force (exit 2); in every case no file is left behind
 */
export async function downloadLog(ctx: Context, plan: DownloadPlan): Promise<DownloadResult> {
  const client = await ctx.client();
  const what = `${plan.logType} log of ${plan.hostname}`;
  const target =
    plan.out ??
    ((res: RawResponse) => {
      let name = fileNameFrom(res.headers.get('content-disposition'), plan.hostname, plan.logType);
      if (plan.decompress) name = name.replace(/\.gz$/i, '') || name;
      const path = join(plan.dir ?? '.', name);
      refuseExisting(path, plan.force, plan.existingHint);
      return path;
    });
  const saved = await downloadGzip(
    client,
    {
      operationId: 'downloadGroupClusterLog',
      pathParams: { groupId: plan.groupId, hostName: plan.hostname, logName: plan.logType },
      query: { startDate: plan.startDate, endDate: plan.endDate },
    },
    {
      what,
      target,
      stdout: ctx.io.stdout,
      cleanup: ctx.cleanup,
      decompress: plan.decompress,
      progress: plan.progress ? { stderr: ctx.io.stderr, format: (n) => prettyBytes(n, { binary: true }) } : undefined,
      // a file that appeared meanwhile is kept too
      beforeRename: (path) => refuseExisting(path, plan.force, plan.existingHint),
    },
  );
  return { hostname: plan.hostname, logType: plan.logType, path: saved.path, bytes: saved.received, written: saved.written, empty: saved.received === 0 };
}
