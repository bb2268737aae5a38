// Log downloads (downloadGroupClusterLog): gzip generated and streamed on the fly, at any
// size, never held in memory. Rules, from recorded/logs and the spec:
// - startDate/endDate are epoch seconds; without them the window is the 24 hours before
//   the request (or 24 h around the one given); end before start is refused (400);
// - Content-Type application/vnd.atlas.<version>+gzip for every log type, and
//   Content-Disposition `attachment; filename="<host>_<start>_<end>_<TYPE>.log.gz"`;
// - an empty log is 200 with Content-Length 0 (and X-Uncompressed-Content-Length 0): a
//   window before the cluster existed, a mongos log of a host that runs no mongos, an
//   audit log while database auditing is off (recorded: all of these answer 0 bytes);
// - other answers are chunked (no Content-Length), as a stream of unknown length is.
// Knobs for tests and the bench live in state.logSettings (see the README).
import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { createGzip } from 'node:zlib';
import { requireProject, type HandlerTable } from '../context.js';
import { errors } from '../errors.js';
import { fnv1a, mix } from '../noise.js';
import type { SimulatorState } from '../state.js';
import { LOG_NAMES, type LogKnobs, type LogName, type ServedLog } from './log-settings.js';
import { processErrors, processesOnHost } from './processes.js';

const TYPE: Record<LogName, string> = {
  mongodb: 'MONGODB',
  mongos: 'MONGOS',
  'mongodb-audit-log': 'MONGODB_AUDIT_LOG',
  'mongos-audit-log': 'MONGOS_AUDIT_LOG',
};

/** `2026-08-09T03:44:46.000000000`, as Atlas writes the window in the file name. */
function nameDate(sec: number): string {
  return new Date(sec * 1000).toISOString().replace(/\.\d{3}Z$/, '.000000000');
}

export function logFileName(hostname: string, logName: LogName, startSec: number, endSec: number): string {
  return `${hostname}_${nameDate(startSec)}_${nameDate(endSec)}_${TYPE[logName]}.log.gz`;
}

const COMPONENTS = ['NETWORK', 'ACCESS', 'COMMAND', 'REPL', 'STORAGE', 'WTCHKPT', 'CONTROL', 'QUERY', 'SHARDING'];

/**
 * A mongod/mongos log line split around its timestamp: `[before, after]`, `after` ending
 * in a newline. `r` picks the kind of line and its details.
 */
function mongodLine(r: number, seed: number, mongos: boolean): [string, string] {
  const ip = `10.${(r >>> 8) & 255}.${(r >>> 16) & 255}.${r & 255}`;
  const port = 30000 + (r % 30000);
  const conn = 1000 + (r % 50000);
  const kind = r % 16;
  const head = (s: string, c: string, id: number, ctx: string) => `"},"s":"${s}","c":"${c}",     "id":${id},   "ctx":"${ctx}",`;
  let rest: string;
  if (kind < 5)
    rest = `${head('I', 'NETWORK', 22943, 'listener')}"msg":"Connection accepted","attr":{"remote":"${ip}:${port}","uuid":{"uuid":{"$uuid":"${((r * 2654435761) >>> 0).toString(16).padStart(8, '0')}-7c1d-4d2e-9f3a-${(r ^ seed).toString(16).padStart(12, '0').slice(0, 12)}"}},"connectionId":${conn},"connectionCount":${10 + (r % 90)}}}`;
  else if (kind < 9)
    rest = `${head('I', 'NETWORK', 22944, `conn${conn}`)}"msg":"Connection ended","attr":{"remote":"${ip}:${port}","connectionId":${conn},"connectionCount":${10 + (r % 90)}}}`;
  else if (kind < 12)
    rest = `${head('I', 'ACCESS', 5286306, `conn${conn}`)}"msg":"Successfully authenticated","attr":{"client":"${ip}:${port}","isSpeculative":true,"isClusterMember":false,"mechanism":"SCRAM-SHA-256","user":"app-user","db":"admin","result":0}}`;
  else if (kind < 14)
    rest = `${head('I', 'COMMAND', 51803, `conn${conn}`)}"msg":"Slow query","attr":{"type":"command","ns":"sample_mflix.movies","command":{"find":"movies","filter":{"year":${1950 + (r % 70)}}},"planSummary":"COLLSCAN","keysExamined":0,"docsExamined":${r % 23000},"nreturned":${r % 101},"durationMillis":${100 + (r % 900)}}}`;
  else if (kind === 14)
    rest = `${head('W', mongos ? 'SHARDING' : 'REPL', 21402, 'ReplCoord-1')}"msg":"Heartbeat failed","attr":{"target":"${ip}:27017","error":"NetworkTimeout","durationMillis":${2000 + (r % 8000)}}}`;
  else
    rest = `${head('E', COMPONENTS[r % COMPONENTS.length]!, 4615610, `conn${conn}`)}"msg":"Failed to authenticate","attr":{"client":"${ip}:${port}","mechanism":"SCRAM-SHA-256","user":"unknown","db":"admin","error":"UserNotFound: Could not find user"}}`;
  return ['{"t":{"$date":"', `${rest}\n`];
}

/** An audit log line split around its timestamp, as mongodLine. */
function auditLine(r: number): [string, string] {
  const ip = `10.${(r >>> 8) & 255}.${(r >>> 16) & 255}.${r & 255}`;
  return [
    '{"atype":"authenticate","ts":{"$date":"',
    `"},"uuid":{"$binary":"${Buffer.from(String(r)).toString('base64')}","$type":"04"},"local":{"ip":"127.0.0.1","port":27017},"remote":{"ip":"${ip}","port":${30000 + (r % 30000)}},"users":[{"user":"app-user","db":"admin"}],"roles":[{"role":"readWriteAnyDatabase","db":"admin"}],"param":{"user":"app-user","db":"admin","mechanism":"SCRAM-SHA-256"},"result":0}\n`,
  ];
}

const ZONE = Buffer.from('+00:00', 'latin1');

/** Distinct lines per log (picked per line by a hash of its number). */
const LINE_POOL = 1024;
/** Bytes of text per chunk pushed (big chunks: the simulator must outrun any client). */
const TEXT_CHUNK = 1 << 20;

/**
 * The uncompressed text of a log, line by line, in chunks of about 1 MiB: `bytes` of text
 * (a whole number of lines) with timestamps spread evenly over [startSec, endSec).
 * Fast (hundreds of MB/s, so a download bench measures the client): the lines are drawn
 * from a pool built once, each one the pool's bytes around a freshly written timestamp.
 */
export function logText(hostname: string, logName: LogName, startSec: number, endSec: number, bytes: number): Readable {
  const seed = fnv1a(`${hostname}/${logName}`);
  const audit = logName.endsWith('audit-log');
  const mongos = logName.startsWith('mongos');
  const pool: Array<[Buffer, Buffer]> = [];
  for (let j = 0; j < LINE_POOL; j++) {
    const [before, after] = audit ? auditLine(mix(seed, j)) : mongodLine(mix(seed, j), seed, mongos);
    pool.push([Buffer.from(before, 'latin1'), Buffer.from(after, 'latin1')]);
  }
  // the timestamp is `2026-08-09T03:44:46.123+00:00`: 29 characters
  const longest = Math.max(...pool.map(([b, a]) => b.length + a.length)) + 29;
  const approxLines = Math.max(1, Math.ceil(bytes / 260));
  const stepMs = ((endSec - startSec) * 1000) / approxLines;
  let written = 0;
  let i = 0;
  let second = NaN;
  const secondText = Buffer.alloc(20);
  return new Readable({
    read() {
      if (written >= bytes) {
        this.push(null);
        return;
      }
      const buf = Buffer.allocUnsafe(TEXT_CHUNK + longest);
      let pos = 0;
      while (pos < TEXT_CHUNK && written + pos < bytes) {
        const t = Math.floor(startSec * 1000 + Math.min(i, approxLines - 1) * stepMs);
        const sec = Math.floor(t / 1000);
        if (sec !== second) {
          second = sec;
          secondText.write(new Date(sec * 1000).toISOString().slice(0, 20), 'latin1');
        }
        const ms = t - sec * 1000;
        const [before, after] = pool[mix(seed ^ 0x5bd1e995, i) & (LINE_POOL - 1)]!;
        pos += before.copy(buf, pos);
        pos += secondText.copy(buf, pos);
        buf[pos++] = 48 + Math.floor(ms / 100);
        buf[pos++] = 48 + (Math.floor(ms / 10) % 10);
        buf[pos++] = 48 + (ms % 10);
        pos += ZONE.copy(buf, pos);
        pos += after.copy(buf, pos);
        i++;
      }
      written += pos;
      this.push(buf.subarray(0, pos));
    },
  });
}

/**
 * Hashes what passes through and reports it when the stream ends. `resetAfter` bytes:
 * fails the stream (the connection is destroyed; not reported); `endAfter` bytes: ends it
 * there cleanly, the rest dropped (reported as not complete).
 */
function recorder(onEnd: (bytes: number, sha256: string, complete: boolean) => void, resetAfter?: number, endAfter?: number): Transform {
  const h = createHash('sha256');
  let n = 0;
  let cut = false;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      if (endAfter !== undefined && n + chunk.length > endAfter) {
        const head = chunk.subarray(0, Math.max(0, endAfter - n));
        n += head.length;
        h.update(head);
        cut = true;
        return cb(null, head.length ? head : undefined);
      }
      if (resetAfter !== undefined && n + chunk.length > resetAfter) {
        const head = chunk.subarray(0, Math.max(0, resetAfter - n));
        n += head.length;
        if (head.length) this.push(head);
        // let the head reach the socket, then fail the stream: the server destroys the connection
        setTimeout(() => cb(new Error('simulated connection reset')), 20);
        return;
      }
      h.update(chunk);
      n += chunk.length;
      cb(null, chunk);
    },
    flush(cb) {
      onEnd(n, h.digest('hex'), !cut);
      cb();
    },
  });
}

function windowOf(q: URLSearchParams, nowSec: number): { startSec: number; endSec: number } {
  const s = q.get('startDate');
  const e = q.get('endDate');
  let startSec = s === null ? undefined : Number(s);
  let endSec = e === null ? undefined : Number(e);
  if (startSec === undefined && endSec === undefined) endSec = nowSec;
  if (startSec === undefined) startSec = endSec! - 86_400;
  if (endSec === undefined) endSec = startSec + 86_400;
  if (endSec <= startSec) throw errors.invalidQuery('endDate', 'endDate must be after startDate');
  return { startSec, endSec };
}

function knobsFor(state: SimulatorState, hostname: string): LogKnobs & { auditing?: boolean } {
  const s = state.logSettings;
  return { ...s, ...(s.hosts.get(hostname) ?? {}) };
}

export const logHandlers: HandlerTable = {
  downloadGroupClusterLog: (ctx) => {
    const g = requireProject(ctx);
    const hostname = ctx.params.hostName;
    const logName = ctx.params.logName as LogName;
    if (!LOG_NAMES.includes(logName)) throw errors.invalidQuery('logName', `${logName} is not one of ${LOG_NAMES.join(', ')}`);
    const procs = processesOnHost(ctx.state, g.id, hostname);
    if (!procs.length) throw processErrors.hostNotFound(hostname, g.id);
    const { startSec, endSec } = windowOf(ctx.query, Math.floor(ctx.state.now() / 1000));
    const knobs = knobsFor(ctx.state, hostname);
    const headers: Record<string, string> = {
      'Content-Disposition': `attachment; filename="${logFileName(hostname, logName, startSec, endSec)}"`,
      ...(knobs.contentType ? { 'Content-Type': knobs.contentType } : {}),
    };
    const created = Date.parse(procs[0]!.cluster.doc.createDate) / 1000;
    const runsMongos = procs.some((p) => p.kind === 'mongos');
    const empty =
      endSec <= created ||
      startSec >= ctx.state.now() / 1000 ||
      (logName.startsWith('mongos') && !runsMongos) ||
      (logName.endsWith('audit-log') && !knobs.auditing) ||
      (knobs.bytes ?? 200_000) <= 0;
    if (empty) {
      keepServed(ctx.state.servedLogs, { hostname, logName, bytes: 0, sha256: createHash('sha256').digest('hex'), complete: true });
      return { raw: Buffer.alloc(0), headers: { ...headers, 'X-Uncompressed-Content-Length': '0' } };
    }
    // the share of the 24-hour volume that falls in the window
    // lines only between the cluster's creation and now: a window reaching into the future holds none there
    const from = Math.max(startSec, created);
    const to = Math.min(endSec, Math.floor(ctx.state.now() / 1000));
    const bytes = Math.max(1, Math.round(((knobs.bytes ?? 200_000) * Math.max(60, to - from)) / 86_400));
    const text = logText(hostname, logName, from, Math.max(from + 1, to), bytes);
    const served: ServedLog = { hostname, logName, bytes: 0, sha256: '', complete: false };
    keepServed(ctx.state.servedLogs, served);
    const rec = recorder((n, sha, complete) => Object.assign(served, { bytes: n, sha256: sha, complete }), knobs.resetAfterBytes, knobs.endCleanlyAfterBytes);
    const unframed = knobs.unframed === true;
    if (knobs.notGzip) return { stream: text.pipe(rec), headers, unframed };
    const gzip = createGzip({ level: knobs.level ?? 6, chunkSize: 64 * 1024 });
    text.on('error', (e) => gzip.destroy(e));
    return { stream: text.pipe(gzip).pipe(rec), headers, unframed };
  },
};

/** How many served downloads `state.servedLogs` keeps (the last ones), so a long-running simulator does not grow with downloads. */
export const SERVED_LOGS_KEPT = 1000;

function keepServed(list: ServedLog[], served: ServedLog): void {
  list.push(served);
  if (list.length > SERVED_LOGS_KEPT) list.splice(0, list.length - SERVED_LOGS_KEPT);
}
