/**
 * MongoDB log lines for `logs show`: structured JSON lines (4.4 and later), audit log
 * lines, and the older text form `2019-04-05T15:38:24.123+0000 I NETWORK  [conn12] msg`.
 */
import { UsageError } from '../../errors.js';

export interface LogEntry {
  /** time as written in the line */
  t: string;
  /** severity: F, E, W, I, D1…D5 */
  s: string;
  /** component: NETWORK, ACCESS, … */
  c: string;
  ctx: string;
  msg: string;
  attr?: unknown;
  id?: number;
  /** the line as received */
  raw: string;
}

const TEXT = /^(\d{4}-\d{2}-\d{2}T\S+)\s+([FEWI]|D\d?)\s+(\S+)\s+\[([^\]]*)\]\s?(.*)$/;

/** One line; a line of no known form keeps its text as the message. */
export function parseLine(raw: string): LogEntry {
  if (raw.startsWith('{')) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a log line's JSON, read field by field
      const o = JSON.parse(raw) as Record<string, any>;
      if (o.atype !== undefined) {
        return {
          t: String(o.ts?.$date ?? ''),
          s: o.result ? 'W' : 'I',
          c: 'AUDIT',
          ctx: o.remote?.ip ? `${o.remote.ip}:${o.remote.port ?? ''}` : '',
          msg: String(o.atype),
          attr: o.param,
          raw,
        };
      }
      return {
        t: String(o.t?.$date ?? o.t ?? ''),
        s: String(o.s ?? ''),
        c: String(o.c ?? ''),
        ctx: String(o.ctx ?? ''),
        msg: String(o.msg ?? ''),
        attr: o.attr,
        id: typeof o.id === 'number' ? o.id : undefined,
        raw,
      };
    } catch {
      // not JSON after all
    }
  }
  const m = TEXT.exec(raw);
  if (m) return { t: m[1]!, s: m[2]!, c: m[3]!, ctx: m[4]!, msg: m[5]!, raw };
  return { t: '', s: '', c: '', ctx: '', msg: raw, raw };
}

const RANK: Record<string, number> = { F: 0, E: 1, W: 2, I: 3, D: 4 };
const NAMES: Record<string, string> = { fatal: 'F', error: 'E', warning: 'W', warn: 'W', info: 'I', debug: 'D' };

/** `--severity W` (or `warning`): that severity and worse. Returns the highest rank kept. */
export function parseSeverity(value: string): number {
  const v = value.trim();
  const letter = NAMES[v.toLowerCase()] ?? v.toUpperCase().replace(/^D\d$/, 'D');
  const rank = RANK[letter];
  if (rank === undefined) throw new UsageError(`invalid --severity "${value}"`, 'use F, E, W, I or D (fatal, error, warning, info, debug): that severity and worse are shown');
  return rank;
}

export function severityRank(s: string): number {
  return RANK[s.charAt(0).toUpperCase()] ?? 3;
}

/** `{"t":`, how a structured line starts. */
const STRUCTURED = Buffer.from('{"t":', 'latin1');
/** Rank by the byte of a severity letter. */
const RANK_BY_BYTE: Record<number, number> = { 0x46: 0, 0x45: 1, 0x57: 2, 0x49: 3, 0x44: 4 };

/**
 * The severity rank of the structured line in bytes [start, end) of `buf`, read in place
 * without decoding or parsing it: MongoDB writes `t` first and `s` right after it
 * (`{"t":{"$date":"…"},"s":"W",…`), so `"s":"` is looked for in the first 64 bytes only.
 * undefined when the line is not of that form (it is then parsed whole).
 */
export function severityAt(buf: Buffer, start: number, end: number): number | undefined {
  for (let k = 0; k < STRUCTURED.length; k++) if (buf[start + k] !== STRUCTURED[k]) return undefined;
  const last = Math.min(end, start + 64) - 6;
  for (let i = start + STRUCTURED.length; i <= last; i++) {
    // "s":"
    if (buf[i] === 0x22 && buf[i + 1] === 0x73 && buf[i + 2] === 0x22 && buf[i + 3] === 0x3a && buf[i + 4] === 0x22) return RANK_BY_BYTE[buf[i + 5]!];
  }
  return undefined;
}

export interface LineFilter {
  /** highest severity rank kept */
  severity?: number;
  /** components kept, upper case */
  components?: string[];
  grep?: RegExp;
}

/** Checks `--severity`, `--component a,b` and `--grep <regex>` (a UsageError for a bad one). */
export function parseFilter(opts: { severity?: string; component?: string[]; grep?: string }): LineFilter {
  const f: LineFilter = {};
  if (opts.severity !== undefined) f.severity = parseSeverity(opts.severity);
  if (opts.component?.length)
    f.components = opts.component
      .flatMap((c) => c.split(','))
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean);
  if (opts.grep !== undefined) {
    try {
      f.grep = new RegExp(opts.grep);
    } catch (e) {
      throw new UsageError(`invalid --grep "${opts.grep}": ${(e as Error).message}`);
    }
  }
  return f;
}

export function keep(e: LogEntry, f: LineFilter): boolean {
  if (f.severity !== undefined && severityRank(e.s) > f.severity) return false;
  if (f.components && !f.components.includes(e.c.toUpperCase())) return false;
  if (f.grep && !f.grep.test(e.raw)) return false;
  return true;
}
