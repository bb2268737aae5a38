import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import prettyBytes from 'pretty-bytes';
import type { Context } from '../../context.js';
import { CliError, UsageError } from '../../errors.js';
import { checkWindow, epochSeconds, parseDate } from '../../dates.js';
import { mapLimit, parseHostname, processesOfCluster } from '../process/hosts.js';
import { checkTarget, downloadLog, LOG_TYPES, type DownloadPlan, type DownloadResult, type LogType } from './download.js';
import { keep, parseFilter, parseLine, type LogEntry } from './parse.js';

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

/** --start/--end as Atlas takes them: epoch seconds. Unset ones are left to Atlas (24 hours). */
function parseLogWindow(flags: WindowFlags): { startDate?: number; endDate?: number } {
  const now = Date.now();
  const start = flags.start === undefined ? undefined : parseDate('--start', flags.start, { now });
  const end = flags.end === undefined ? undefined : parseDate('--end', flags.end, { now });
  if (start && end) checkWindow('--start', start, '--end', end);
  return { startDate: start && epochSeconds(start), endDate: end && epochSeconds(end) };
}

function report(ctx: Context, r: DownloadResult): void {
  if (r.empty) ctx.term.warn(`the ${r.logType} log of ${r.hostname} is empty for this window (Atlas gathers logs about every five minutes)${r.path ? `; wrote an empty ${r.path}` : ''}`);
  if (!r.path) return;
  ctx.renderer.done(`saved ${r.path} (${prettyBytes(r.written, { binary: true })})`, { hostname: r.hostname, type: r.logType, path: r.path, bytes: r.written, empty: r.empty });
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
  if (flags.out !== undefined && flags.out !== '-') {
    if (!existsSync(dirname(flags.out)) || !statSync(dirname(flags.out)).isDirectory()) throw new UsageError(`--out ${flags.out}: the folder ${dirname(flags.out)} does not exist`);
    checkTarget(flags.out, force);
  }
  const groupId = ctx.projectId();
  const plan: DownloadPlan = { groupId, hostname, logType, ...window, decompress: flags.decompress === true, force, out: flags.out, progress: ctx.term.stderrIsTTY && flags.out !== '-' };
  report(ctx, await downloadLog(ctx, plan));
}

export async function cluster(ctx: Context, [name]: string[], flags: WindowFlags & { outDir?: string; decompress?: boolean }): Promise<void> {
  const logType = parseType(flags.type);
  const window = parseLogWindow(flags);
  const dir = flags.outDir ?? '.';
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`--out-dir ${dir} is not a folder`);
  const groupId = ctx.projectId();
  const processes = await processesOfCluster(ctx, groupId, name!);
  const mongos = logType.startsWith('mongos');
  const hosts = [...new Set(processes.filter((p) => (p.typeName === 'SHARD_MONGOS') === mongos).map((p) => p.hostname))];
  if (!hosts.length) throw new CliError(`cluster ${name} has no ${mongos ? 'mongos' : 'mongod'} processes to download ${logType} logs from`);
  mkdirSync(dir, { recursive: true });
  const results = await mapLimit(hosts, CLUSTER_DOWNLOADS, async (hostname) => {
    try {
      const r = await downloadLog(ctx, { groupId, hostname, logType, ...window, decompress: flags.decompress === true, force: ctx.assumeYes, dir, progress: false });
      report(ctx, r);
      return undefined;
    } catch (err) {
      ctx.term.warn(`${hostname}: ${(err as Error).message}`);
      return err;
    }
  });
  const failed = results.filter((e) => e !== undefined);
  if (failed.length) throw failed[0];
}

interface ShowFlags extends WindowFlags {
  severity?: string;
  component?: string[];
  grep?: string;
}

/** Decompressed lines as they arrive, filtered; readable columns on a terminal, raw lines when piped. */
export async function show(ctx: Context, [host]: string[], flags: ShowFlags): Promise<void> {
  const hostname = parseHostname(host!);
  const logType = parseType(flags.type);
  const window = parseLogWindow(flags);
  const filter = parseFilter(flags);
  if (ctx.output === 'csv') throw new UsageError('logs show prints log lines: use -o table (readable columns), json or jsonl (the documents as written)');
  const groupId = ctx.projectId();
  const client = await ctx.client();
  const res = await client.requestRaw({ operationId: 'downloadGroupClusterLog', pathParams: { groupId, hostName: hostname, logName: logType }, query: { ...window } });
  const it = res.body[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done || (first.value as Buffer).length === 0) {
    ctx.term.warn(`the ${logType} log of ${hostname} is empty for this window (Atlas gathers logs about every five minutes)`);
    return;
  }
  const head = Buffer.from(first.value as Uint8Array);
  if (head[0] !== 0x1f || (head.length > 1 && head[1] !== 0x8b)) {
    res.body.destroy();
    throw new CliError(`${logType} log of ${hostname}: Atlas answered with ${res.headers.get('content-type') ?? 'no Content-Type'} that is not gzip data`);
  }
  const gunzip = createGunzip();
  Readable.from((async function* () {
    yield head;
    for (let n = await it.next(); !n.done; n = await it.next()) yield n.value as Buffer;
  })()).pipe(gunzip);
  const pretty = ctx.output === 'table' && ctx.io.stdout.isTTY === true;
  const json = ctx.output === 'json' || ctx.output === 'jsonl';
  const out = ctx.io.stdout;
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
  let written = 0;
  let buf = '';
  const flush = async (): Promise<void> => {
    if (!buf) return;
    const ok = out.write(buf);
    buf = '';
    if (!ok) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  try {
    for await (const raw of createInterface({ input: gunzip, crlfDelay: Infinity })) {
      if (!raw) continue;
      const e = parseLine(raw);
      if (!keep(e, filter)) continue;
      buf += array ? `${written++ ? ',' : '['}\n${line(e)}` : `${line(e)}\n`;
      if (buf.length > 65_536) await flush();
    }
  } catch (err) {
    await flush();
    const e = err as { code?: string; message?: string };
    if (e.code?.startsWith('Z_')) throw new CliError(`${logType} log of ${hostname}: the gzip data is incomplete or damaged (${e.message})`);
    throw err;
  }
  if (array) buf += written ? '\n]\n' : '[]\n';
  await flush();
}
