/**
 * The one renderer: table (cli-table3), json, jsonl and csv; `--format short|full`;
 * `--fields`. Only data reaches stdout.
 */
import Table from 'cli-table3';
import type { PreparedRequest } from '../atlas/client.js';
import { maskSecrets } from '../atlas/mask.js';
import { fieldValue, getPath, project, unionLeafPaths } from './fields.js';
import type { Terminal } from './terminal.js';

import { OUTPUT_FORMATS } from '../settings/check.js';

export { OUTPUT_FORMATS };
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const DETAIL_FORMATS = ['short', 'full'] as const;
export type DetailFormat = (typeof DETAIL_FORMATS)[number];

export interface Column {
  header: string;
  /** A dot path into the document, or a function of it. */
  value: string | ((doc: any) => unknown);
}

/** How a resource looks in short tables. */
export interface View {
  columns: Column[];
}

export interface RenderOptions {
  output: OutputFormat;
  format: DetailFormat;
  fields?: string[];
}

export class Renderer {
  constructor(
    private readonly term: Terminal,
    readonly options: RenderOptions,
  ) {}

  get streaming(): boolean {
    return this.options.output === 'jsonl';
  }

  /**
   * One document (`get`, `create`). `--fields` were checked against what the command
   * prints before any request (src/commands/fields.ts); a field a document lacks is left out.
   */
  object(doc: unknown, view: View): void {
    const { output, fields } = this.options;
    if (output === 'json') return this.term.out(JSON.stringify(fields ? project(doc, fields, view.columns) : doc, null, 2));
    if (output === 'jsonl') return this.term.out(JSON.stringify(fields ? project(doc, fields, view.columns) : doc));
    if (output === 'table' && this.options.format === 'full' && !fields) return this.keyValue(doc);
    this.rows([doc], view);
  }

  /** A whole list (`list`), already gathered. */
  list(docs: readonly unknown[], view: View): void {
    const { output, fields } = this.options;
    if (output === 'json') {
      return this.term.out(JSON.stringify(fields ? docs.map((d) => project(d, fields, view.columns)) : docs, null, 2));
    }
    if (output === 'jsonl') return this.jsonLines(docs, view);
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
    if (this.options.output === 'json' || this.options.output === 'jsonl') {
      if (doc !== undefined) this.term.out(JSON.stringify(doc, null, this.options.output === 'json' ? 2 : 0));
      return;
    }
    this.term.info(message);
  }

  /** What a `--dry-run` would send (secret fields masked), on stdout. */
  request(req: PreparedRequest): void {
    const doc = {
      dryRun: true,
      method: req.method,
      url: req.url,
      headers: { Accept: req.accept, ...(req.contentType ? { 'Content-Type': req.contentType } : {}) },
      ...(req.body !== undefined ? { body: maskSecrets(req.body) } : {}),
    };
    const { output } = this.options;
    if (output !== 'table') {
      this.term.out(JSON.stringify(doc, null, output === 'json' ? 2 : 0));
      return;
    }
    const lines = [`${req.method} ${req.url}`, `Accept: ${req.accept}`];
    if (req.contentType) lines.push(`Content-Type: ${req.contentType}`);
    if (doc.body !== undefined) lines.push('', JSON.stringify(doc.body, null, 2));
    this.term.out(lines.join('\n'));
    this.term.info('dry run: nothing was sent');
  }

  private columns(docs: readonly unknown[], view: View): Column[] {
    const { fields, format } = this.options;
    if (fields) return fields.map((f) => ({ header: f, value: (d: unknown) => fieldValue(d, f, view.columns) }));
    if (format === 'full') return unionLeafPaths(docs).map((p) => ({ header: p, value: p }));
    return view.columns;
  }

  private rows(docs: readonly unknown[], view: View): void {
    const cols = this.columns(docs, view);
    const cells = docs.map((d) => cols.map((c) => cell(typeof c.value === 'string' ? getPath(d, c.value) : c.value(d))));
    if (this.options.output === 'csv') {
      const lines = [cols.map((c) => csvField(c.header)).join(','), ...cells.map((r) => r.map(csvField).join(','))];
      return this.term.out(lines.join('\n'));
    }
    this.table(
      cols.map((c) => headerText(c.header)),
      cells,
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
   * Aligned columns with no box drawing: readable on a terminal (bold headers) and
   * usable by grep, cut and awk when piped. cli-table3 measures the cells (ANSI and
   * wide characters included).
   */
  private table(headers: string[], rows: string[][]): void {
    const table = new Table({
      head: headers.map((h) => this.term.color.bold(h)),
      chars: BORDERLESS,
      style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 3 },
      wordWrap: false,
    });
    table.push(...rows);
    this.term.out(
      table
        .toString()
        .split('\n')
        .map((l) => l.trimEnd())
        .join('\n'),
    );
  }
}

const BORDERLESS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '',
  right: '', 'right-mid': '', middle: '',
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

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
