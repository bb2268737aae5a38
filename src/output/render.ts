/**
 * The one renderer: table (cli-table3), json, jsonl, csv and value (the values alone, for
 * `$(…)`); `--format short|full`; `--fields`; `--query` (a JMESPath expression on what
 * `-o json` would print). Only data reaches stdout.
 */
import Table from 'cli-table3';
import stringWidth from 'string-width';
import { fieldValue, getPath, project, unionLeafPaths } from './fields.js';
import { Readable, Writable } from 'node:stream';
import { Terminal } from './terminal.js';
import { escapeControls } from './printable.js';

import { OUTPUT_FORMATS } from '../settings/check.js';
import { DETAIL_FORMATS } from '../settings/definitions.js';

export { OUTPUT_FORMATS };
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export { DETAIL_FORMATS };
export type DetailFormat = (typeof DETAIL_FORMATS)[number];

export interface Column {
  header: string;
  /** A dot path into the document, or a function of it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each column reads the document type of its own view
  value: string | ((doc: any) => unknown);
  /** What people copy whole (an id, a name, a host:port, a connection string): on a terminal never cut. */
  identifier?: boolean;
  /**
   * The cell as the table (and only the table) shows it, decorated for people (a `*` for a
   * default); `value` stays the plain one that -o value, csv and --fields print.
   */
  table?: (doc: any) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any -- as value
}

/** How a resource looks in short tables. */
export interface View {
  columns: Column[];
  /** What a list of these is called, plural (`clusters`), for the line an empty list shows on a terminal. */
  empty?: string;
}

/** A request as a dry run prints it: method, URL, headers and body (secrets already masked). */
export interface RequestDescription {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface RenderOptions {
  output: OutputFormat;
  format: DetailFormat;
  fields?: string[];
  /** `--query`: what is printed is its value on the JSON document (src/output/query.ts). */
  query?: { run(data: unknown): unknown };
}

export class Renderer {
  constructor(
    private readonly term: Terminal,
    readonly options: RenderOptions,
  ) {}

  /** `-o jsonl` prints items as pages arrive; not with `--query`, which needs the whole list. */
  get streaming(): boolean {
    return this.options.output === 'jsonl' && !this.options.query;
  }

  /**
   * One document (`get`, `create`). `--fields` were checked against what the command
   * prints before any request (src/args/fields.ts); a field a document lacks is left out.
   */
  object(doc: unknown, view: View): void {
    const { output, fields, query } = this.options;
    if (query) return this.queried(query.run(fields ? project(doc, fields, view.columns) : doc));
    if (output === 'value') return this.values([doc], view);
    if (output === 'json') return this.term.out(JSON.stringify(fields ? project(doc, fields, view.columns) : doc, null, 2));
    if (output === 'jsonl') return this.term.out(JSON.stringify(fields ? project(doc, fields, view.columns) : doc));
    if (output === 'table' && this.options.format === 'full' && !fields) return this.keyValue(doc);
    this.rows([doc], view);
  }

  /**
   * Whether `object(doc, view)` would print `value` with these output options (--fields,
   * --query, -o value, the short view): the same rendering, into memory, as piped. What a
   * command that prints a secret once asks before any request (commands/shared.ts,
   * keepsOnceShown), so the only copy is never dropped by an output option.
   */
  shows(doc: unknown, view: View, value: string): boolean {
    let printed = '';
    const sink = new Writable({
      write(chunk: Buffer | string, _enc, done) {
        printed += String(chunk);
        done();
      },
    });
    const term = new Terminal({ stdout: sink, stderr: sink, stdin: Readable.from([]), env: {} }, { noColor: true });
    new Renderer(term, this.options).object(doc, view);
    return printed.includes(value);
  }

  /**
   * A whole list (`list`), already gathered. An empty table says so on a terminal (`no
   * clusters in project …`, on stderr; `scope` is the `in project …` part, `empty` the whole
   * line in its place) and prints nothing at all when piped, not even the header; JSON
   * prints `[]` and CSV its header.
   */
  list(docs: readonly unknown[], view: View, scope?: string, empty?: string): void {
    const { output, fields, query } = this.options;
    if (query) return this.queried(query.run(fields ? docs.map((d) => project(d, fields, view.columns)) : docs));
    if (output === 'value') return this.values(docs, view);
    if (output === 'json') {
      return this.term.out(JSON.stringify(fields ? docs.map((d) => project(d, fields, view.columns)) : docs, null, 2));
    }
    if (output === 'jsonl') return this.jsonLines(docs, view);
    if (docs.length === 0 && output === 'table') {
      if (this.term.stdoutIsTTY) this.term.info(empty ?? emptyMessage(view, scope));
      return;
    }
    this.rows(docs, view);
  }

  /** For `-o jsonl`: items as they arrive. */
  jsonLines(docs: readonly unknown[], view?: View): void {
    const { fields } = this.options;
    if (docs.length === 0) return;
    this.term.out(docs.map((d) => JSON.stringify(fields ? project(d, fields, view?.columns) : d)).join('\n'));
  }

  /** A message for a command that has no document to show (delete, dry runs). */
  done(message: string, doc?: unknown): void {
    if (this.options.query && doc !== undefined) return this.queried(this.options.query.run(doc));
    if (this.options.output === 'json' || this.options.output === 'jsonl') {
      if (doc !== undefined) this.term.out(JSON.stringify(doc, null, this.options.output === 'json' ? 2 : 0));
      return;
    }
    this.term.info(message);
  }

  /**
   * What a `--dry-run` would send, on stdout: a plain description of the request, its
   * secrets already masked by whoever described it (the core's `describe`); on a table, a
   * note on stderr that nothing was sent (`note: false` when the caller says it once for
   * several).
   */
  request(req: RequestDescription, { note = true }: { note?: boolean } = {}): void {
    const doc = { dryRun: true, method: req.method, url: req.url, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}) };
    const { output } = this.options;
    if (output !== 'table') {
      this.term.out(JSON.stringify(doc, null, output === 'json' ? 2 : 0));
      return;
    }
    const lines = [`${req.method} ${req.url}`, ...Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`)];
    if (req.body !== undefined) lines.push('', JSON.stringify(req.body, null, 2));
    this.term.out(lines.join('\n'));
    if (note) this.term.info('dry run: nothing was sent');
  }

  /**
   * `--query`'s value: JSON (indented); `-o jsonl`: an array one element a line, as JSON;
   * `-o value`: strings unquoted, an array one element a line (an element that is a list
   * of scalars: tab-separated), nothing for null.
   */
  private queried(result: unknown): void {
    const { output } = this.options;
    if (output === 'value') {
      const lines = (Array.isArray(result) ? result : [result]).filter((x) => x !== null && x !== undefined).map(valueLine);
      if (lines.length) this.term.out(lines.join('\n'));
      return;
    }
    if (output === 'jsonl') {
      const items = Array.isArray(result) ? result : [result];
      if (items.length) this.term.out(items.map((x) => JSON.stringify(x ?? null)).join('\n'));
      return;
    }
    this.term.out(JSON.stringify(result ?? null, null, 2));
  }

  /** `-o value`: one line a document, its fields (`--fields`, else the view's columns) tab-separated, no header. */
  private values(docs: readonly unknown[], view: View): void {
    if (docs.length === 0) return;
    const cols = this.columns(docs, view);
    this.term.out(docs.map((d) => cols.map((c) => escapeControls(cell(typeof c.value === 'string' ? getPath(d, c.value) : c.value(d)))).join('\t')).join('\n'));
  }

  private columns(docs: readonly unknown[], view: View): Column[] {
    const { fields, format } = this.options;
    if (fields) return fields.map((f) => ({ header: f, value: (d: unknown) => fieldValue(d, f, view.columns) }));
    if (format === 'full') return unionLeafPaths(docs).map((p) => ({ header: p, value: p }));
    return view.columns;
  }

  private rows(docs: readonly unknown[], view: View): void {
    const cols = this.columns(docs, view);
    const csv = this.options.output === 'csv';
    const cells = docs.map((d) => cols.map((c) => cell(!csv && c.table ? c.table(d) : typeof c.value === 'string' ? getPath(d, c.value) : c.value(d))));
    if (csv) {
      const lines = [cols.map((c) => csvField(c.header)).join(','), ...cells.map((r) => r.map(csvField).join(','))];
      return this.term.out(lines.join('\n'));
    }
    this.table(
      cols.map((c) => escapeControls(headerText(c.header))),
      cells,
      cols.map((c) => c.identifier ?? IDENTIFIER_HEADER.test(c.header)),
    );
  }

  private keyValue(doc: unknown): void {
    const paths = unionLeafPaths([doc]);
    this.table(
      ['FIELD', 'VALUE'],
      paths.map((p) => [p, cell(getPath(doc, p))]),
    );
  }

  /**
   * Piped: tab-separated columns, the header first, no padding, never truncated (`cut -f2`,
   * `awk -F'\t'`; cells hold no tabs or line breaks). On a terminal, aligned columns with
   * no box drawing: bold headers, and columns that fit the width (the widest shrink, their
   * cells cut with an ellipsis; identifier columns never), drawn by cli-table3 in blocks
   * of rows with fixed widths (cli-table3's layout costs grow with the square of the rows).
   * `identifiers[i]`: column i holds identifiers (the view says so, or every cell is an id,
   * a host:port or a connection string).
   */
  private table(headers: string[], cells: string[][], identifiers: readonly boolean[] = []): void {
    const rows = cells.map((r) => r.map(escapeControls));
    if (!this.term.stdoutIsTTY) {
      this.term.out([headers, ...rows].map((r) => r.join('\t')).join('\n'));
      return;
    }
    const natural = headers.map((h, i) => rows.reduce((w, r) => Math.max(w, textWidth(r[i] ?? '')), textWidth(h)));
    // ids, names, host:port and connection strings are what people copy next: never cut
    const keep = headers.map((_, i) => identifiers[i] === true || (rows.length > 0 && rows.every((r) => !r[i] || IDENTIFIER.test(r[i]!))));
    const fit = fitColumns(natural, headers.map(textWidth), this.term.width, keep);
    const colWidths = fit.widths.map((w) => w + fit.gap);
    const blocks: string[] = [];
    for (let start = 0; start === 0 || start < rows.length; start += TABLE_BLOCK) {
      const block = rows.slice(start, start + TABLE_BLOCK);
      // after the header, blocks of printable ASCII are drawn here, as cli-table3 draws
      // them (its per-cell option merging and ANSI scans made a 10,000-row table 4x
      // slower than its JSON); any other text goes through cli-table3
      if (start > 0 && block.every((r) => r.every(isPlainAscii))) {
        blocks.push(asciiRows(block, colWidths).join('\n'));
        continue;
      }
      const table = new Table({
        head: start === 0 ? headers.map((h) => this.term.color.bold(h)) : [],
        colWidths,
        chars: BORDERLESS,
        style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': fit.gap },
        wordWrap: false,
        truncate: '…',
      });
      table.push(...block);
      const text = table.toString();
      if (text)
        blocks.push(
          text
            .split('\n')
            .map((l) => l.trimEnd())
            .join('\n'),
        );
    }
    this.term.out(blocks.join('\n'));
  }
}

/** `no clusters in project b012…`, or `nothing to show` for a view without a name for its items. */
export function emptyMessage(view: View, scope?: string): string {
  if (!view.empty) return scope ? `nothing to show ${scope}` : 'nothing to show';
  return `no ${view.empty}${scope ? ` ${scope}` : ''}`;
}

/** Columns a text takes on a terminal: its length for printable ASCII, else string-width's count (wide characters). */
function textWidth(s: string): number {
  return isPlainAscii(s) ? s.length : stringWidth(s);
}

function isPlainAscii(s: string): boolean {
  return /^[\x20-\x7e]*$/.test(s);
}

/**
 * Rows of printable-ASCII cells as the terminal table's cli-table3 draws them
 * (borderless, left-aligned, `colWidths` including GAP of padding on the right, a cell
 * longer than its width cut to width - 1 characters and '…'), each line's end trimmed.
 */
export function asciiRows(rows: readonly string[][], colWidths: readonly number[]): string[] {
  return rows.map((r) => {
    let line = '';
    for (let i = 0; i < colWidths.length; i++) {
      const width = colWidths[i]! - GAP;
      let c = r[i] ?? '';
      if (c.length > width) c = `${c.slice(0, Math.max(0, width - 1))}…`;
      line += c + ' '.repeat(Math.max(0, colWidths[i]! - c.length));
    }
    return line.trimEnd();
  });
}

/** Spaces between columns. */
const GAP = 3;
/** Rows drawn by one cli-table3 table on a terminal. */
const TABLE_BLOCK = 100;
/** A column is not shrunk below this many characters (or its header)… */
const MIN_COLUMN = 8;
/** …unless the table cannot fit otherwise: then down to this many (three characters and the ellipsis). */
const TINY_COLUMN = 4;

/**
 * Columns people copy whole, by header, where a view does not say (Column.identifier): ids,
 * names, usernames, hosts, access-list entries, connection strings.
 */
const IDENTIFIER_HEADER =
  /^(?:id|.* id|name|username|host|host:port|hostname|cluster|cluster or host|project|entry|cidr block|public key|srv|standard|connection string|operationId)$/i;

/** A cell people copy whole: an Atlas id, a host:port, a connection string. */
const IDENTIFIER = /^(?:[0-9a-f]{24}|[a-z0-9][a-z0-9.-]*:\d{1,5}|mongodb(?:\+srv)?:\/\/\S+)$/i;

/**
 * Column content widths, and the gap between columns, that fit `width` characters. The
 * `keep` columns (identifiers) are never narrowed: the table may then be wider than the
 * terminal. The others give way, the widest first, in steps: none below its header or
 * MIN_COLUMN; then headers may be cut; then the gap narrows from GAP to 2; last, columns
 * go down to TINY_COLUMN. Unchanged when they fit or the width is unknown.
 */
export function fitColumns(natural: readonly number[], headers: readonly number[], width: number | undefined, keep: readonly boolean[] = []): { widths: number[]; gap: number } {
  if (!width || width <= 0) return { widths: [...natural], gap: GAP };
  const kept = (f: (w: number, i: number) => number) => natural.map((w, i) => (keep[i] ? w : f(w, i)));
  const floors = [kept((w, i) => Math.min(w, Math.max(MIN_COLUMN, headers[i] ?? 0))), kept((w) => Math.min(w, MIN_COLUMN))];
  for (const gap of [GAP, 2]) {
    const widths = [...natural];
    for (const floor of floors) if (shrink(widths, floor, gap, width) <= 0) return { widths, gap };
  }
  const widths = [...natural];
  for (const floor of [...floors, kept((w) => Math.min(w, TINY_COLUMN))]) shrink(widths, floor, 2, width);
  return { widths, gap: 2 };
}

/** Narrows the widest of `widths` (in place), none below `floor`, until they fit; returns what is still too much. */
function shrink(widths: number[], floor: readonly number[], gap: number, width: number): number {
  let excess = widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1) - width;
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) if (widths[i]! > floor[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) break;
    const second = Math.max(floor[widest]!, ...widths.filter((_, i) => i !== widest));
    const cut = Math.max(1, Math.min(excess, widths[widest]! - second));
    widths[widest] = widths[widest]! - cut;
    excess -= cut;
  }
  return excess;
}

const BORDERLESS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '',
};

function headerText(h: string): string {
  return h.toUpperCase();
}

/** A cell's text: nothing for missing values, lists joined, objects as compact JSON. */
export function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v.replace(/[\r\n\t]+/g, ' ');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    return v.every((x) => x === null || typeof x !== 'object') ? v.map((x) => cell(x)).join(',') : JSON.stringify(v);
  }
  return JSON.stringify(v);
}

/** A line of `-o value` for a query's value: a string as is, a list of scalars tab-separated, anything else as JSON. */
function valueLine(v: unknown): string {
  if (typeof v === 'string') return escapeControls(v);
  if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) return v.map((x) => escapeControls(cell(x))).join('\t');
  return escapeControls(typeof v === 'object' ? JSON.stringify(v) : String(v));
}

/**
 * A CSV field, quoted when it holds a quote or a comma (RFC 4180), with every control
 * character as a `\u` escape, as in tables (cells come with line breaks and tabs already
 * made spaces): a value holding an ESC never reaches the terminal that shows the CSV.
 */
export function csvField(v: string): string {
  const text = escapeControls(v);
  return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
