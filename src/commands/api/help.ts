/**
 * `atlascli api <operationId> --help`: the operation's help, generated from the spec
 * index (summary, method and path, versions, parameters with types, enums and defaults,
 * the body, an example). Synchronous, as commander's help is; the index files are read
 * only when this runs.
 */
import { newestVersion, operation, type OperationSpec } from '../../spec/index.js';
import { operationDoc, type OperationDoc } from './docs.js';
import { isPaginated, kebab, parameterFlags, parameterNames } from './params.js';

/** The help text of an operation, or undefined when there is no such operation. */
export function operationHelp(id: string): string | undefined {
  const op = operation(id);
  const doc = op && operationDoc(id);
  if (!op || !doc) return undefined;
  const lines: string[] = [];
  lines.push(`Usage: atlascli api ${id} [--<param> value ...] [options]`, '');
  lines.push(`${doc.summary} (${doc.tag})${op.deprecated ? ' [deprecated]' : ''}`);
  if (doc.description && doc.description !== doc.summary) lines.push(doc.description);
  lines.push('', `  ${op.method} ${op.path}`);
  lines.push(`  versions: ${versionsText(id, op)}`);
  lines.push(`  answer: ${answerText(op)}`);
  lines.push(`  request body: ${bodyText(op, doc)}`);

  const names = parameterNames(op);
  lines.push('', 'Parameters:');
  if (!names.length) lines.push('  (none)');
  const flags = parameterFlags(op);
  const rows = names.map((name) => {
    const alias = [...flags].find(([f, n]) => n === name && f !== name)?.[0];
    return [`--${name} <${paramType(op, doc, name)}>${alias ? ` (--${alias})` : ''}`, paramText(op, doc, name)] as const;
  });
  const width = Math.min(44, Math.max(0, ...rows.map(([t]) => t.length)));
  for (const [term, text] of rows) lines.push(`  ${term.padEnd(width)}  ${text}`);

  lines.push('', 'Options:');
  const options: Array<[string, string]> = [['--version <YYYY-MM-DD>', `API version (default: the newest, ${newestVersion(id)})`]];
  if (op.requestVersions) options.push(['--file <path>', 'request body, a JSON file'], ['--body -', 'request body, JSON read from stdin']);
  if (isPaginated(op)) options.push(['--all', 'every page: one JSON array (-o jsonl: one item a line)'], ['--limit <n>', 'stop after N items (with --all)']);
  if (op.gzip) options.push(['--out <file>', 'where the gzip file is saved, or - for stdout (required; an existing file only with --force)']);
  options.push(['--dry-run', 'print the request it would send and exit']);
  const ow = Math.max(...options.map(([t]) => t.length));
  for (const [t, d] of options) lines.push(`  ${t.padEnd(ow)}  ${d}`);
  lines.push('  Global options (-o, --fields, --project, --org, --debug …): atlascli --help');

  lines.push('', 'Example:', `  $ ${example(id, op, doc)}`, '');
  return lines.join('\n');
}

function versionsText(id: string, op: OperationSpec): string {
  const newest = newestVersion(id);
  return op.versions
    .map((v) => {
      const notes: string[] = [];
      if (v === newest) notes.push('default');
      if (op.sunset?.[v]) notes.push(`sunset ${op.sunset[v]}`);
      return notes.length ? `${v} (${notes.join(', ')})` : v;
    })
    .join(', ');
}

function answerText(op: OperationSpec): string {
  if (op.gzip) return 'a gzip file, saved with --out <file>';
  if (isPaginated(op)) return 'JSON pages ({results, totalCount}); --all gathers every page';
  if (op.status.length && op.status.every((s) => s === 204)) return 'nothing (204)';
  return 'JSON';
}

function bodyText(op: OperationSpec, doc: OperationDoc): string {
  if (!op.requestVersions) return 'none';
  const how = `${op.bodyRequired ? 'required' : 'optional'}, JSON (--file body.json or --body -), checked against the spec's schema`;
  return doc.body ? `${how}: ${doc.body}` : how;
}

function paramType(op: OperationSpec, doc: OperationDoc, name: string): string {
  const q = op.query?.[name];
  if (q) return q.type === 'array' ? `${q.items ?? 'string'},...` : q.type;
  return doc.params[name]?.type ?? 'string';
}

function paramText(op: OperationSpec, doc: OperationDoc, name: string): string {
  const parts: string[] = [];
  const p = doc.params[name];
  const q = op.query?.[name];
  if (op.pathParams.includes(name)) {
    parts.push(name === 'groupId' ? 'path (default: the configured project)' : name === 'orgId' ? 'path (default: the configured organization)' : 'path, required');
  } else parts.push(q?.required ? 'query, required' : 'query');
  if (p?.description) parts.push(p.description);
  const facts: string[] = [];
  const values = q?.enum ?? p?.enum;
  if (values) facts.push(`one of: ${values.join(', ')}`);
  if (p?.pattern) facts.push(`pattern ${p.pattern}`);
  if (q?.min !== undefined) facts.push(`min ${q.min}`);
  if (q?.max !== undefined) facts.push(`max ${q.max}`);
  if (q?.default !== undefined) facts.push(`default ${JSON.stringify(q.default)}`);
  if (facts.length) parts.push(`[${facts.join('; ')}]`);
  return parts.join(' — ');
}

/** One invocation using the required parameters (groupId/orgId left to the settings). */
export function example(id: string, op: OperationSpec, doc: OperationDoc): string {
  const words = ['atlascli', 'api', id];
  for (const name of op.pathParams) {
    if (name === 'groupId' || name === 'orgId') continue;
    const values = doc.params[name]?.enum;
    words.push(`--${name}`, values?.length ? String(values[0]) : `<${name}>`);
  }
  for (const [name, q] of Object.entries(op.query ?? {})) {
    if (!q.required) continue;
    words.push(`--${name}`, q.enum?.length ? String(q.enum[0]) : `<${name}>`);
  }
  if (op.bodyRequired) words.push('--file', 'body.json');
  if (op.gzip) words.push('--out', `${kebab(id)}.gz`);
  if (isPaginated(op)) words.push('--all', '-o', 'json');
  return words.join(' ');
}
