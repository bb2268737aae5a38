/**
 * `atlascli api <operationId> [--<param> value …]`, the define step: argv and the
 * command's options become one checked `ApiCall`. Every check of the input happens here
 * (exit 2, nothing sent): the operation exists, each flag is one of its parameters,
 * path values match their spec schema, query values their type/enum/range (the
 * validator the simulator uses), the version is offered, the body parses and matches
 * the request schema of that version. The run step (run.ts) only sends.
 */
import { UsageError } from '../../errors.js';
import { checkOutFile } from '../../transfer/out-file.js';
import { parseLimit } from '../../args/values.js';
import { closestNames, suggestionHint } from '../../args/suggest.js';
import { newestRequestVersion, newestVersion, operation, operations, type OperationSpec } from '../../spec/index.js';
import { formatIssue, LISTED_ENUM, summarizeIssues, validateQuery, validateRequestBody } from '../../spec/validate.js';
import type { OperationId } from '../../spec/operation-types.js';
import { operationDoc, type OperationDoc, type ParamDoc } from './docs.js';
import { isPaginated, parameterFlags, parameterNames, queryValue } from './params.js';
import { checkValue } from '../../args/checks.js';

/** The command's own options, as commander hands them over. */
export interface ApiOptions {
  /** `--version` (rewritten to `--api-version` before parsing: see src/program/cli.ts). */
  apiVersion?: string;
  file?: string;
  body?: string;
  all?: boolean;
  limit?: string;
  out?: string;
  dryRun?: boolean;
}

/** Where the defaults of groupId and orgId come from (the context's settings); called only when needed. */
export interface Defaults {
  projectId: () => string;
  orgId: () => string;
  /** Reads the request body: a file path, or '-' for stdin. */
  readText: (source: string) => Promise<string>;
  /** Today, YYYY-MM-DD (for sunset dates). */
  today: string;
  /** The global --force: `--out` may name an existing file (default false). */
  force?: boolean;
  /** stdout is a terminal: `--out -` refuses gzip there (default false). */
  stdoutIsTTY?: boolean;
}

/** A checked call, ready to send. */
export interface ApiCall {
  operationId: OperationId;
  op: OperationSpec;
  doc: OperationDoc;
  pathParams: Record<string, string>;
  /** Query parameters as sent: an array parameter's items one by one (form, exploded: see queryValue). */
  query: Record<string, string | string[]>;
  body?: unknown;
  version: string;
  /** Gather every page (`--all`, `--limit`). */
  all: boolean;
  limit?: number;
  /** The operation answers with pages (`results`, `totalCount`) and takes pageNum/itemsPerPage. */
  paginated: boolean;
  /** Binary answer (gzip): the file it is saved to, absolute, or `-` for stdout. */
  out?: string;
  /** Lines for stderr before sending: deprecated operation or version, past sunset. */
  warnings: string[];
}

/** The operation, or a usage error suggesting the closest operationIds. */
export function findOperation(id: string | undefined): { op: OperationSpec; doc: OperationDoc } {
  if (!id) throw new UsageError('give an operationId', 'atlascli api list shows them; atlascli api <operationId> --help shows one');
  if (id.startsWith('-')) throw new UsageError(`give the operationId before the flags (found ${id} first)`, 'atlascli api <operationId> [--<param> value …]');
  const op = operation(id);
  const doc = op && operationDoc(id);
  if (!op || !doc) {
    const close = closestNames(id, Object.keys(operations()));
    throw new UsageError(
      `unknown operation "${id}"`,
      close.length ? `did you mean ${close.join(', ')}? (atlascli api list --grep <text> searches them)` : 'atlascli api list --grep <text> searches the operations',
    );
  }
  return { op, doc };
}

/**
 * `--name value`, `--name=value`, and for boolean query parameters a bare `--name`
 * (true). Scalars may be given once; array parameters repeat or take a comma list.
 * @returns parameter name (spec spelling) → values as typed
 */
export function parseParamTokens(id: string, op: OperationSpec, tokens: readonly string[]): Map<string, string[]> {
  const flags = parameterFlags(op);
  const values = new Map<string, string[]>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '--') throw new UsageError(`unexpected "--" after ${id}`, 'parameters are flags: --<param> value');
    if (!t.startsWith('--')) {
      throw new UsageError(`unexpected argument "${t}"`, `parameters are flags: ${paramList(op)}`);
    }
    const eq = t.indexOf('=');
    const flag = eq > 0 ? t.slice(2, eq) : t.slice(2);
    const name = flags.get(flag);
    if (name === undefined) throw unknownFlag(id, op, flag);
    const spec = op.query?.[name];
    let value: string;
    if (eq > 0) value = t.slice(eq + 1);
    else if (i + 1 < tokens.length && !tokens[i + 1]!.startsWith('--')) value = tokens[++i]!;
    else if (spec?.type === 'boolean') value = 'true';
    else throw new UsageError(`--${flag} needs a value`, describeParam(name, op));
    // the checks every option's value gets (src/args/checks.ts): not empty, no control character
    checkValue('text', `--${flag}`, `--${flag}`, value);
    const list = values.get(name) ?? [];
    if (list.length && spec?.type !== 'array') throw new UsageError(`--${flag} given more than once`);
    list.push(value);
    values.set(name, list);
  }
  return values;
}

function unknownFlag(id: string, op: OperationSpec, flag: string): UsageError {
  const names = parameterNames(op);
  const close = closestNames(flag, [...parameterFlags(op).keys()]).map((f) => `--${f}`);
  const list = names.length ? `${id} takes ${paramList(op)}` : `${id} takes no parameters`;
  return new UsageError(`unknown flag --${flag} for ${id}`, close.length ? `did you mean ${close.join(', ')}? ${list}` : list);
}

/** For a value outside a long enum: the closest allowed values (the message names only the enum's size). */
function enumHint(name: string, raw: Record<string, string[]>, op: OperationSpec): string | undefined {
  const values = op.query?.[name]?.enum?.map(String);
  if (!values || values.length <= LISTED_ENUM) return undefined;
  const bad = (raw[name] ?? []).flatMap((v) => v.split(',')).find((v) => !values.includes(v));
  return bad === undefined ? undefined : suggestionHint(bad, values, 'allowed values');
}

function paramList(op: OperationSpec): string {
  const names = parameterNames(op);
  return names.length ? names.map((n) => `--${n}`).join(', ') : 'no parameters';
}

function describeParam(name: string, op: OperationSpec): string | undefined {
  const q = op.query?.[name];
  if (q?.enum) return q.enum.length <= LISTED_ENUM ? `one of: ${q.enum.join(', ')}` : `${q.enum.length} allowed values; see --help`;
  if (q) return `a${q.type === 'integer' ? 'n' : ''} ${q.type}${q.type === 'array' ? ` of ${q.items ?? 'string'}` : ''}`;
  return undefined;
}

/** Checks a path parameter's value against its spec schema; returns it unchanged. */
export function checkPathValue(name: string, value: string, doc: ParamDoc | undefined): string {
  const flag = `--${name}`;
  if (value === '') throw new UsageError(`${flag} is empty`);
  if (!doc) return value;
  if (doc.enum && !doc.enum.map(String).includes(value)) {
    throw new UsageError(`invalid ${flag} "${value}": must be one of ${doc.enum.join(', ')}`);
  }
  if (doc.type === 'integer' && !/^-?\d+$/.test(value)) throw new UsageError(`invalid ${flag} "${value}": must be an integer`);
  if (doc.minLength !== undefined && value.length < doc.minLength) throw new UsageError(`invalid ${flag} "${value}": at least ${doc.minLength} characters`);
  if (doc.maxLength !== undefined && value.length > doc.maxLength) throw new UsageError(`invalid ${flag} "${value}": at most ${doc.maxLength} characters`);
  if (doc.pattern) {
    const re = compile(doc.pattern);
    if (re && !re.test(value)) throw new UsageError(`invalid ${flag} "${value}": must match ${doc.pattern}`, doc.description);
  }
  return value;
}

function compile(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern);
  } catch {
    return undefined; // a pattern JavaScript cannot read is left to Atlas
  }
}

/**
 * The version a call uses: `--version` when given (must be offered), else the newest
 * dated version (preview only when nothing else is offered). With a body, the versions
 * that accept one. Warnings: an operation the spec deprecates, a version older than the
 * newest (Atlas deprecates it and names a sunset date), a sunset date already past.
 */
export function chooseVersion(id: string, op: OperationSpec, pinned: string | undefined, withBody: boolean, today: string): { version: string; warnings: string[] } {
  const offered = withBody ? (op.requestVersions ?? op.versions) : op.versions;
  const newest = (withBody ? newestRequestVersion(id) : undefined) ?? newestVersion(id)!;
  let version = newest;
  if (pinned !== undefined) {
    if (!/^(\d{4}-\d{2}-\d{2}|preview)$/.test(pinned)) throw new UsageError(`invalid --version "${pinned}": give a date YYYY-MM-DD`, `${id} offers ${offered.join(', ')}`);
    if (!offered.includes(pinned)) throw new UsageError(`${id} does not offer version ${pinned}`, `it offers ${offered.join(', ')}`);
    version = pinned;
  }
  const warnings: string[] = [];
  const sunset = op.sunset?.[version];
  if (op.deprecated) warnings.push(`warning: ${id} is deprecated${sunset ? ` and will be removed on ${sunset}` : ''}`);
  const dated = offered.filter((v) => v !== 'preview');
  if (version !== 'preview' && dated.indexOf(version) < dated.length - 1 && dated.includes(version)) {
    warnings.push(`warning: version ${version} of ${id} is deprecated (newest: ${dated[dated.length - 1]})${sunset && sunset > today ? `; Atlas removes it on ${sunset}` : ''}`);
  }
  if (sunset && sunset <= today) warnings.push(`warning: version ${version} of ${id} passed its sunset date (${sunset}); Atlas may refuse it`);
  return { version, warnings };
}

/** Parses JSON text, locating a syntax error by line and column. */
export async function parseBody(text: string, source: string): Promise<unknown> {
  const src = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(src);
  } catch {
    const { describeJsonError } = await import('../../args/json-errors.js');
    const { line, column, message } = describeJsonError(src);
    throw new UsageError(`invalid JSON in ${source} at line ${line}, column ${column}: ${message}`);
  }
}

/**
 * The define step. `tokens` are the words after the operationId as commander left them
 * (the parameter flags; the command's own options are already in `opts`).
 * @throws UsageError for every bad input (exit 2); nothing has been sent
 */
export async function defineCall(id: string | undefined, tokens: readonly string[], opts: ApiOptions, d: Defaults): Promise<ApiCall> {
  const { op, doc } = findOperation(id);
  // found in the spec by findOperation: from here on an OperationId
  const operationId = id as OperationId;
  const given = parseParamTokens(operationId, op, tokens);

  // path parameters: given, or groupId/orgId from the settings
  const pathParams: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of op.pathParams) {
    const v = given.get(name)?.[0] ?? (name === 'groupId' ? d.projectId() : name === 'orgId' ? d.orgId() : undefined);
    if (v === undefined) missing.push(name);
    else pathParams[name] = checkPathValue(name, v, doc.params[name]);
  }
  if (missing.length) {
    throw new UsageError(
      `${operationId} needs ${missing.map((m) => `--${m}`).join(', ')}`,
      missing
        .map((m) => doc.params[m]?.description)
        .filter(Boolean)
        .join(' ') || undefined,
    );
  }

  // query parameters: the spec's types, enums and ranges, checked as the simulator checks them
  const query: Record<string, string | string[]> = {};
  const raw: Record<string, string[]> = {};
  for (const [name, values] of given) {
    if (op.pathParams.includes(name)) continue;
    raw[name] = values;
    query[name] = queryValue(op, name, values);
  }
  const issues = validateQuery(operationId, raw);
  if (issues.length) {
    const first = issues[0]!;
    const flag = `--${first.pointer.replace(/^\?/, '')}`;
    throw new UsageError(
      first.kind === 'missing' ? `${operationId} needs ${flag}` : `invalid ${flag}: ${first.message}`,
      issues.length > 1
        ? issues
            .slice(1)
            .map((i) => `--${formatIssue(i).replace(/^\?/, '')}`)
            .join('; ')
        : (enumHint(first.pointer.slice(1), raw, op) ?? describeParam(first.pointer.slice(1), op)),
    );
  }

  // pages
  const paginated = isPaginated(op);
  const limit = parseLimit(opts);
  const all = opts.all === true || limit !== undefined;
  if (all) {
    const flag = opts.all ? '--all' : '--limit';
    if (!paginated) throw new UsageError(`${flag}: ${operationId} does not answer in pages`);
    const clash = ['pageNum', 'itemsPerPage', 'includeCount'].filter((q) => q in query);
    if (clash.length) throw new UsageError(`${flag} walks the pages itself: leave out ${clash.map((c) => `--${c}`).join(', ')}`);
  }

  // binary answers go to a file
  let out: string | undefined;
  if (op.gzip) {
    if (opts.out === undefined) throw new UsageError(`${operationId} answers with a gzip file: give --out <file>`, '--out - writes it to stdout');
    out = checkOutFile(opts.out, { force: d.force === true, stdoutIsTTY: d.stdoutIsTTY === true, compressed: true, insteadHint: 'give --out <file>' });
  } else if (opts.out !== undefined) {
    throw new UsageError(`--out is for binary answers; ${operationId} answers with JSON (redirect stdout to save it)`);
  }

  // body, then the version that accepts it, then the body against that version's schema
  if (opts.file !== undefined && opts.body !== undefined) throw new UsageError('give --file or --body, not both');
  if (opts.body !== undefined && opts.body !== '-') {
    // JSON given in place may hold secrets: it is not echoed
    const got = /^\s*[[{]/.test(opts.body) ? 'got JSON text' : `got "${opts.body}"`;
    throw new UsageError(
      `--body takes "-" (read the JSON from stdin); ${got}`,
      /^\s*[[{]/.test(opts.body) ? 'pipe it in: … | atlascli api … --body -, or use --file <path>' : 'use --file <path> for a file',
    );
  }
  const source = opts.file ?? opts.body;
  if (source !== undefined && !op.requestVersions) throw new UsageError(`${operationId} takes no request body`);
  if (source === undefined && op.bodyRequired) throw new UsageError(`${operationId} needs a request body: --file body.json, or --body - to read stdin`, doc.body);
  let body: unknown;
  if (source !== undefined) {
    const name = source === '-' ? 'stdin' : `--file "${source}"`;
    let text: string;
    try {
      text = await d.readText(source);
    } catch (err) {
      const code = (err as { code?: string }).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
      throw new UsageError(`cannot read ${name}: ${why}`);
    }
    body = await parseBody(text, name);
  }
  const { version, warnings } = chooseVersion(operationId, op, opts.apiVersion, body !== undefined, d.today);
  if (body !== undefined) {
    const bodyIssues = validateRequestBody(operationId, version, body);
    if (bodyIssues.length) {
      throw new UsageError(
        `the request body does not match the ${operationId} request of the API (version ${version}): ${summarizeIssues(bodyIssues)}`,
        `atlascli api ${operationId} --help describes the operation`,
      );
    }
  }
  return { operationId, op, doc, pathParams, query, body, version, all, limit, paginated, out, warnings };
}
