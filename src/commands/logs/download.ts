/**
 * Streaming log downloads (operation downloadGroupClusterLog) through the shared
 * `saveBody` (src/commands/download.ts: temporary file, rename when complete, nothing left
 * on failure or Ctrl-C/SIGTERM, flat memory): the body is checked to be gzip; a cut
 * connection fails it by the HTTP framing, or, for an answer without framing, by
 * inflating it on the side.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import contentDisposition from 'content-disposition';
import prettyBytes from 'pretty-bytes';
import type { Context } from '../../context.js';
import { saveBody } from '../download.js';
import { GzipMagic, GzipVerifier } from '../gzip.js';
import { CliError, NetworkError, UsageError } from '../../errors.js';

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

/** Refuses an existing file without --force (exit 2). */
export function checkTarget(path: string, force: boolean): void {
  if (!force && existsSync(path)) throw new UsageError(`${path} exists`, 'pass --force to overwrite it, or --out to pick another name');
}

/**
 * Downloads one log. Throws AtlasApiError for refusals (404: exit 4), NetworkError when
 * the body is cut off (exit 7), CliError for an answer that is not (complete) gzip, and
 * UsageError when the file Atlas names exists without --force; in every case no file is
 * left behind.
 */
export async function downloadLog(ctx: Context, plan: DownloadPlan): Promise<DownloadResult> {
  const what = `${plan.logType} log of ${plan.hostname}`;
  const client = await ctx.client();
  const res = await client.requestRaw({
    operationId: 'downloadGroupClusterLog',
    pathParams: { groupId: plan.groupId, hostName: plan.hostname, logName: plan.logType },
    query: { startDate: plan.startDate, endDate: plan.endDate },
  });
  const toStdout = plan.out === '-';
  let target: string | undefined;
  if (!toStdout) {
    if (plan.out !== undefined) target = plan.out;
    else {
      let name = fileNameFrom(res.headers.get('content-disposition'), plan.hostname, plan.logType);
      if (plan.decompress) name = name.replace(/\.gz$/i, '') || name;
      target = join(plan.dir ?? '.', name);
      try {
        checkTarget(target, plan.force);
      } catch (e) {
        res.body.destroy();
        throw e;
      }
    }
  }
  const contentType = res.headers.get('content-type') ?? '';
  // gunzip checks the data as a whole itself; a copy as sent needs checking only when the
  // HTTP answer cannot tell a cut connection from its end
  const stages: Transform[] = [];
  if (plan.decompress) stages.push(createGunzip({ chunkSize: 64 * 1024 }) as unknown as Transform);
  else if (!res.framed) stages.push(new GzipVerifier(what));
  const saved = await saveBody(res.body, {
    target,
    stdout: ctx.io.stdout,
    check: new GzipMagic(what, contentType),
    stages,
    progress: plan.progress ? { label: what, stderr: ctx.io.stderr, format: (n) => prettyBytes(n, { binary: true }) } : undefined,
    beforeRename: () => {
      if (!plan.force && plan.out === undefined) checkTarget(target!, false);
    },
    mapError: (err, received) => toDownloadError(err, what, received),
  });
  return { hostname: plan.hostname, logType: plan.logType, path: target, bytes: saved.received, written: saved.written, empty: saved.received === 0 };
}

function toDownloadError(err: unknown, what: string, bytes: number): unknown {
  if (err instanceof CliError) return err;
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.code === 'Z_BUF_ERROR' || e?.code === 'Z_DATA_ERROR') {
    return new CliError(`${what}: the gzip data is incomplete or damaged (${e.message})`, 'nothing was saved; try again');
  }
  if (e?.code === 'EEXIST' || e?.code === 'EACCES' || e?.code === 'ENOENT' || e?.code === 'ENOSPC') {
    return new CliError(`${what}: cannot write the file: ${e.message}`);
  }
  const code = e?.cause?.code ?? e?.code;
  return new NetworkError(`${what}: the download was cut off after ${bytes} bytes (${e?.cause?.message ?? e?.message ?? 'connection closed'})`, code, 'nothing was saved; try again');
}
