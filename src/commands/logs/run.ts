import { mkdirSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import prettyBytes from 'pretty-bytes';
import type { Context } from '../../program/context.js';
import { CliError, NetworkError, UsageError, exitCodeFor } from '../../errors.js';
import type { RawResponse } from '../../atlas/client.js';
import { checkWindow, epochSeconds, isoSeconds, parseDate } from '../../args/dates.js';
import { collectGarbageEvery, COLLECT_EVERY_BYTES } from '../../atlas/tuning.js';
import { inBatches } from '../../transfer/download.js';
import { EmptyAsGzip, GzipMagic, gzipError } from '../../transfer/gzip.js';
import { checkOutDir, checkOutFile, STDOUT } from '../../transfer/out-file.js';
import { listProjectClusters, mapLimit, parseHostname, processesOfCluster } from '../process/hosts.js';
import { clusterOf, type ProcessDoc } from '../process/views.js';
import { KIND_LABEL, kindOf } from '../cluster/kind.js';
import { downloadLog, emptyLogReason, LOG_TYPES, type DownloadPlan, type DownloadResult, type LogType } from './download.js';
import { keep, parseFilter, parseLine, severityAt, type LineFilter, type LogEntry } from './parse.js';

/** Downloads in flight at once for `logs cluster`. */
export const CLUSTER_DOWNLOADS = 4;

interface WindowFlags {
  type?: string;
  start?: string;
  end?: string;
}

function parseType(value: string | undefined): LogType {
  const v = (value ?? 'mongodb').trim().toLowerCase();
  if (!(LOG_TYPES as readonly string[]).includes(v)) throw new UsageError(`invalid --type "${value}"`, `use one of: ${LOG_TYPES.join(', ')}`);
  return v as LogType;
}

/**
 * --start/--end as Atlas takes them: epoch seconds. Unset ones are left to Atlas (24 hours).
 * @throws UsageError for a date that does not parse, a start in the future (Atlas would
 *   answer an empty log), or an end not after the start
 */
function parseLogWindow(flags: WindowFlags): { startDate?: number; endDate?: number } {
  const now = Date.now();
  const start = flags.start === undefined ? undefined : parseDate('--start', flags.start, { now });
  const end = flags.end === undefined ? undefined : parseDate('--end', flags.end, { now });
  if (start && start.getTime() > now) {
    throw new UsageError(`--start is in the future (${isoSeconds(start)})`, 'a log holds lines written until now: give a start in the past, such as 2h or 2026-11-01T10:00:00Z');
  }
  if (start && end) checkWindow('--start', start, '--end', end);
  return { startDate: start && epochSeconds(start), endDate: end && epochSeconds(end) };
}

/** One line for a download: what was saved (an empty file says why it is empty); for stdout only an empty log is worth a line. */
function report(ctx: Context, r: DownloadResult): void {
  const empty = `the ${r.logType} log of ${r.hostname} is empty (${emptyLogReason(r.logType)})`;
  if (!r.path) {
    if (r.empty) ctx.term.warn(empty);
    return;
  }
  const doc = { hostname: r.hostname, type: r.logType, path: r.path, bytes: r.written, empty: r.empty };
  ctx.renderer.done(r.empty ? `saved an empty ${r.path}: ${empty}` : `saved ${r.path} (${prettyBytes(r.written, { binary: true })})`, doc);
}

interface DownloadFlags extends WindowFlags {
  out?: string;
  decompress?: boolean;
}

export async function download(ctx: Context, [host]: string[], flags: DownloadFlags): Promise<void> {
  const hostname = parseHostname(host!);
  const logType = parseType(flags.type);
  const window = parseLogWindow(flags);
  const force = ctx.assumeYes;
  const decompress = flags.decompress === true;
  if (flags.out !== undefined) {
    checkOutFile(flags.out, { force, stdoutIsTTY: ctx.term.stdoutIsTTY, compressed: !decompress, insteadHint: 'add --decompress', redirectTo: 'log.gz' });
  }
  const groupId = ctx.projectId();
  const toStdout = flags.out === STDOUT;
  const plan: DownloadPlan = { groupId, hostname, logType, ...window, decompress, force, out: flags.out, progress: ctx.term.showsProgress && !toStdout };
  report(ctx, await downloadLog(ctx, plan));
}

/**
 * Every host's log of a cluster into `--out-dir`, a few at once. A host that fails does
 * not stop the others: each failure is one line as it happens, and the command ends
 * with one summary ("2 of 3 logs saved; 1 failed: <host>") and the exit code of the
 * first failure (7 for a network one, 2 for a file that exists).
 */
export async function cluster(ctx: Context, [name]: string[], flags: WindowFlags & { outDir?: string; decompress?: boolean }): Promise<void> {
  const logType = parseType(flags.type);
  const window = parseLogWindow(flags);
  const dir = flags.outDir === undefined ? '.' : checkOutDir(flags.outDir);
  const groupId = ctx.projectId();
  const processes = await processesOfCluster(ctx, groupId, name!);
  const hosts = hostsFor(processes, logType);
  if (!hosts.length) throw new CliError(`cluster ${name} has no ${isMongos(logType) ? 'mongos' : 'mongod'} processes to download ${logType} logs from`);
  await downloadHosts(ctx, { groupId, hosts, logType, window, dir, decompress: flags.decompress === true, concurrency: CLUSTER_DOWNLOADS });
}

/**
 * Downloads in flight at once for `logs project`: a project of up to 12 hosts (three 3-node
 * replica sets and a config server set, say) in one wave, which the bench's figure needs
 * (issue 22: at most 1.5× one host's download plus a round trip; with 8, 10 hosts took two
 * waves and 1.46×); the client's pool holds 16 connections, so requests beside them still go.
 */
export const PROJECT_DOWNLOADS = 12;

/**
 * `logs project`: the log of every host of every cluster of the project (listGroupProcesses,
 * with listGroupClusters and listGroupFlexClusters beside it to name the clusters that have
 * none: paused, free, Flex, still being created), downloaded PROJECT_DOWNLOADS at a time, each file as `logs cluster`
 * writes it. Ends with one summary on stderr ("saved 9 mongodb logs of 2 clusters (1.2 MiB)
 * in ./logs"); some hosts failing, as `logs cluster` (the summary, exit code of the first
 * failure).
 * No host to download from (no clusters, or none with processes of the type) is success:
 * exit 0, no file, a line on stderr saying there was nothing to download.
 */
export async function project(ctx: Context, _args: string[], flags: WindowFlags & { outDir?: string; decompress?: boolean }): Promise<void> {
  const logType = parseType(flags.type);
  const window = parseLogWindow(flags);
  const dir = flags.outDir === undefined ? '.' : checkOutDir(flags.outDir);
  const groupId = ctx.projectId();
  const client = await ctx.client();
  const [processes, clusters] = await Promise.all([client.list<ProcessDoc>({ operationId: 'listGroupProcesses', pathParams: { groupId } }), listProjectClusters(ctx, groupId)]);
  const hosts = hostsFor(processes, logType);
  const byAlias = new Map(clusters.map((c) => [c.name.toLowerCase(), c.name]));
  const clusterOfHost = new Map(processes.map((p) => [p.hostname, byAlias.get(clusterOf(p)) ?? clusterOf(p)]));
  const withHosts = new Set(hosts.map((h) => clusterOfHost.get(h)));
  const without = clusters.filter((c) => !withHosts.has(c.name));
  // why a cluster has no host to download from: paused, free or Flex (Atlas keeps no logs for shared tiers), no process of the kind, or not running yet
  const why = (c: (typeof clusters)[number]) => {
    if (c.paused) return 'paused';
    const kind = kindOf(c);
    if (kind !== 'dedicated') return KIND_LABEL[kind];
    if (processes.some((p) => clusterOf(p) === c.name.toLowerCase())) return `no ${isMongos(logType) ? 'mongos' : 'mongod'}`;
    return (c.stateName ?? 'no processes').toLowerCase();
  };
  const named = without.map((c) => `${c.name} (${why(c)})`).join(', ');
  if (!hosts.length) {
    // nothing to read is no failure (a loop over projects goes on): exit 0, no file, one line on stderr
    ctx.term.info(`no ${logType} logs to download: ${clusters.length ? `none from ${named}` : 'the project has no clusters'}`);
    return;
  }
  if (without.length) ctx.term.info(`no logs from ${named}`);
  const results = await downloadHosts(ctx, { groupId, hosts, logType, window, dir, decompress: flags.decompress === true, concurrency: PROJECT_DOWNLOADS });
  const written = results.reduce((n, r) => n + r.written, 0);
  const n = withHosts.size;
  ctx.term.info(`saved ${hosts.length} ${logType} log${hosts.length === 1 ? '' : 's'} of ${n} cluster${n === 1 ? '' : 's'} (${prettyBytes(written, { binary: true })}) in ${dir}`);
}

const isMongos = (logType: LogType) => logType.startsWith('mongos');

/** The hosts whose `logType` logs exist: mongos hosts for mongos logs, the others for mongod logs; each once, in the order given. */
function hostsFor(processes: readonly ProcessDoc[], logType: LogType): string[] {
  const mongos = isMongos(logType);
  return [...new Set(processes.filter((p) => (p.typeName === 'SHARD_MONGOS') === mongos).map((p) => p.hostname))];
}

/**
 * Downloads the `logType` log of each host into `dir`, `concurrency` at a time (mapLimit),
 * a line for each as it is saved or fails; a failure does not stop the others.
 * @returns what was saved, when every host was
 * @throws CliError "<saved> of <n> <type> logs saved; <k> failed: <hosts>" with the exit code
 *   of the first failure (7 network, 2 for a file that exists, 4 not found)
 */
async function downloadHosts(
  ctx: Context,
  job: { groupId: string; hosts: string[]; logType: LogType; window: { startDate?: number; endDate?: number }; dir: string; decompress: boolean; concurrency: number },
): Promise<DownloadResult[]> {
  const { groupId, hosts, logType, window, dir } = job;
  mkdirSync(dir, { recursive: true });
  const force = ctx.assumeYes;
  const results = await mapLimit(hosts, job.concurrency, async (hostname): Promise<DownloadResult | { error: unknown }> => {
    try {
      const r = await downloadLog(ctx, {
        groupId,
        hostname,
        logType,
        ...window,
        decompress: job.decompress,
        force,
        dir,
        progress: false,
        existingHint: 'pass --force to overwrite it',
      });
      report(ctx, r);
      return r;
    } catch (err) {
      const message = (err as Error).message;
      ctx.term.warn(message.includes(hostname) ? message : `${hostname}: ${message}`);
      return { error: err };
    }
  });
  const failed = hosts.filter((_h, i) => 'error' in results[i]!);
  if (!failed.length) return results as DownloadResult[];
  const errors = results.flatMap((r) => ('error' in r ? [r.error] : []));
  const code = exitCodeFor(errors[0]);
  const allExist = errors.every((e) => e instanceof UsageError && / exists$/.test(e.message));
  const saved = hosts.length - failed.length;
  throw new CliError(
    `${saved} of ${hosts.length} ${logType} logs saved; ${failed.length} failed: ${failed.join(', ')}`,
    allExist
      ? 'pass --force to overwrite the files'
      : saved
        ? 'the saved files are whole; atlascli logs download <host> fetches a failed one again'
        : 'nothing was saved; try again',
    code,
  );
}

interface ShowFlags extends WindowFlags {
  severity?: string;
  component?: string[];
  grep?: string;
}

/**
 * The log's text cut into lines, each kept line formatted and written to `out` with
 * backpressure: one write per chunk of text (not per line), and the next chunk only once
 * `out` has taken it. Lines are found in the bytes as they come (a newline byte is never
 * part of a UTF-8 character): a line below --severity is dropped in place (severityAt),
 * and only the others are decoded and parsed, so a large log filtered hard makes
 * almost no garbage; what there is, the decompressed chunks, is collected every
 * COLLECT_EVERY_BYTES (collectGarbageEvery), as for a download.
 */
class LineWriter extends Writable {
  /** The start of a line that the next chunk ends. */
  private rest: Buffer | undefined;
  private readonly collect = collectGarbageEvery(COLLECT_EVERY_BYTES);
  /** Lines written. */
  lines = 0;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly filter: LineFilter,
    private readonly format: (e: LogEntry, index: number) => string,
    private readonly trailer: (lines: number) => string,
  ) {
    super({ highWaterMark: 256 * 1024 });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.collect(chunk.length);
    let out = '';
    let from = 0;
    if (this.rest) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.rest = Buffer.concat([this.rest, chunk]);
        return cb();
      }
      const line = Buffer.concat([this.rest, chunk.subarray(0, nl)]);
      this.rest = undefined;
      out += this.line(line, 0, line.length);
      from = nl + 1;
    }
    for (let nl = chunk.indexOf(10, from); nl >= 0; nl = chunk.indexOf(10, from)) {
      out += this.line(chunk, from, nl);
      from = nl + 1;
    }
    // a copy: the partial line only, not the chunk it came in
    if (from < chunk.length) this.rest = Buffer.from(chunk.subarray(from));
    this.send(out, cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    let out = this.rest ? this.line(this.rest, 0, this.rest.length) : '';
    this.rest = undefined;
    out += this.trailer(this.lines);
    this.send(out, cb);
  }

  /** The formatted line in bytes [start, end) of `buf` (a trailing CR left out), or '' when it is not kept. */
  private line(buf: Buffer, start: number, end: number): string {
    if (end > start && buf[end - 1] === 13) end--;
    if (end === start) return '';
    if (this.filter.severity !== undefined && (severityAt(buf, start, end) ?? 0) > this.filter.severity) return '';
    const e = parseLine(buf.toString('utf8', start, end));
    return keep(e, this.filter) ? this.format(e, this.lines++) : '';
  }

  private send(text: string, cb: (err?: Error | null) => void): void {
    if (!text) return cb();
    if (this.out.write(text)) cb();
    else this.out.once('drain', () => cb());
  }
}

/**
 * Decompressed lines as they arrive, filtered; readable columns on a terminal, raw lines
 * when piped, JSON with -o json/jsonl. The body goes through one stream pipeline (gzip
 * check, gunzip, lines) inside the client's retry loop: a body cut short, stalled or whose
 * gzip data is not whole is asked for again while nothing was printed, and otherwise ends
 * the command with one line: NetworkError (exit 7) or CliError (exit 1: not gzip).
 */
export async function show(ctx: Context, [host]: string[], flags: ShowFlags): Promise<void> {
  const hostname = parseHostname(host!);
  const logType = parseType(flags.type);
  const window = parseLogWindow(flags);
  const filter = parseFilter(flags);
  if (ctx.output === 'csv') throw new UsageError('logs show prints log lines: use -o table (readable columns), json or jsonl (the documents as written)');
  const groupId = ctx.projectId();
  const client = await ctx.client();
  const what = `${logType} log of ${hostname}`;
  const pretty = ctx.output === 'table' && ctx.io.stdout.isTTY === true;
  const json = ctx.output === 'json' || ctx.output === 'jsonl';
  const c = ctx.term.color;
  const line = (e: LogEntry): string => {
    // JSON: a structured line as MongoDB wrote it; an older text line as its parsed fields
    if (json) return e.raw.startsWith('{') ? e.raw : JSON.stringify({ t: e.t, s: e.s, c: e.c, ctx: e.ctx, msg: e.msg });
    if (!pretty) return e.raw;
    const sev = e.s.startsWith('E') || e.s === 'F' ? c.red(e.s.padEnd(2)) : e.s === 'W' ? c.yellow(e.s.padEnd(2)) : c.dim(e.s.padEnd(2));
    const attr = e.attr === undefined ? '' : ` ${c.dim(JSON.stringify(e.attr))}`;
    return `${c.dim(e.t.slice(0, 23))} ${sev} ${e.c.padEnd(8)} ${c.dim(`[${e.ctx}]`.padEnd(14))} ${e.msg}${attr}`;
  };
  // -o json is one array, streamed as lines arrive; -o jsonl one document a line
  const array = ctx.output === 'json';
  let printed = 0;
  let received = 0;
  const read = async (res: RawResponse): Promise<number> => {
    const input = new EmptyAsGzip(new GzipMagic(what, res.headers.get('content-type') ?? ''));
    const writer = new LineWriter(ctx.io.stdout, filter, array ? (e, i) => `${i ? ',' : '['}\n${line(e)}` : (e) => `${line(e)}\n`, (lines) =>
      !array ? '' : lines ? '\n]\n' : '[]\n',
    );
    try {
      await pipeline(inBatches(res.body), input, createGunzip({ chunkSize: 64 * 1024 }), writer);
    } catch (err) {
      throw gzipError(err);
    } finally {
      printed = writer.lines;
      received = input.received;
    }
    return input.received;
  };
  let bytes: number;
  try {
    bytes = await client.download({ operationId: 'downloadGroupClusterLog', pathParams: { groupId, hostName: hostname, logName: logType }, query: { ...window } }, read, {
      subject: what,
      received: () => received,
      restartable: () => printed === 0,
    });
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
    const hint = printed ? `the ${printed} lines printed are only part of the log; run it again` : 'nothing was printed; try again';
    throw new NetworkError(err.message, err.code, hint);
  }
  if (bytes === 0) ctx.term.warn(`the ${what} is empty (${emptyLogReason(logType)})`);
}
