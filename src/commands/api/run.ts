/**
 * `atlascli api <operationId> …` and `atlascli api list`: any operation of the Atlas
 * Administration API, through the one API core (`ctx.client()`), with the spec's checks
 * made before anything is sent (define.ts).
 */
import { readFile } from 'node:fs/promises';
import type { Context } from '../../program/context.js';
import { parseLimit } from '../../args/values.js';
import type { RequestSpec } from '../../atlas/client.js';
import { AtlasApiError } from '../../errors.js';
import { Renderer, type View } from '../../output/render.js';
import { confirmDestructive, dryRun, listThrough } from '../shared.js';
import { checkFields } from '../../args/fields.js';
import { defineCall, type ApiCall, type ApiOptions } from './define.js';

const NO_VIEW: View = { columns: [] };

/** A 501 (an operation the server does not serve, e.g. the simulator's NOT_IMPLEMENTED) gets a hint; everything else unchanged. */
function notImplemented(err: unknown, operationId: string): never {
  if (err instanceof AtlasApiError && err.status === 501) {
    throw err.withHint(`the server does not implement ${operationId}; the same call against Atlas may work`);
  }
  throw err;
}

/** Reads `-` (stdin) or a file, as UTF-8. */
function reader(ctx: Context): (source: string) => Promise<string> {
  return async (source) => {
    if (source !== '-') return readFile(source, 'utf8');
    if (ctx.io.stdin.isTTY) throw new Error('stdin is a terminal: pipe the JSON in (--body - < body.json), or use --file');
    const chunks: Buffer[] = [];
    for await (const c of ctx.io.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  };
}

/**
 * `--fields` against what this call prints: the items of a list when pages are walked
 * (`--all`) or printed one a line (`-o jsonl`), the page envelope when it is printed as
 * served, the answer otherwise (src/args/fields.ts; nothing has been sent yet).
 */
async function checkPrintedFields(ctx: Context, call: ApiCall): Promise<void> {
  if (!ctx.fields) return;
  const command = `api ${call.operationId}`;
  if (call.out) return checkFields(ctx.fields, undefined, command);
  if (call.paginated && !call.all && ctx.output !== 'jsonl') {
    const { responseSchema } = await import('../../spec/index.js');
    const { topLevelFields } = await import('../../spec/paths.js');
    const schema = responseSchema(call.operationId, call.version);
    if (!schema) return;
    return checkFields(ctx.fields, { fields: topLevelFields(schema) }, command);
  }
  return checkFields(ctx.fields, { operationId: call.operationId }, command);
}

/** JSON for people and scripts alike: the table form of `api` is the JSON document. */
function renderer(ctx: Context): Renderer {
  return new Renderer(ctx.term, { output: ctx.output === 'table' ? 'json' : ctx.output, format: 'full', fields: ctx.fields, query: ctx.query });
}

/** The handler of `atlascli api <operationId> [--<param> value …]`; `args` is [operationId, ...parameter flags]. */
export async function invoke(ctx: Context, args: string[], opts: ApiOptions): Promise<void> {
  const [id, ...tokens] = args;
  // define: every check, nothing sent yet
  const call = await defineCall(id, tokens, opts, {
    projectId: () => ctx.projectId(),
    orgId: () => ctx.orgId(),
    readText: reader(ctx),
    today: new Date().toISOString().slice(0, 10),
    force: ctx.assumeYes,
    stdoutIsTTY: ctx.term.stdoutIsTTY,
  });
  await checkPrintedFields(ctx, call);
  for (const w of call.warnings) ctx.term.warn(w);

  // run
  // the operation and its path parameters were checked against the spec by defineCall
  const spec = {
    operationId: call.operationId,
    pathParams: call.pathParams,
    query: call.query,
    body: call.body,
    version: call.version,
  } as RequestSpec;
  if (await dryRun(ctx, opts, spec)) return;
  if (call.op.method === 'DELETE') {
    const what = `${call.op.method} ${call.op.path.replace(/\{([^}]+)\}/g, (_m, n: string) => call.pathParams[n] ?? n)}`;
    if (!(await confirmDestructive(ctx, `Send ${what} (${call.doc.summary})`))) return;
  }
  await send(ctx, call, spec).catch((err: unknown) => notImplemented(err, call.operationId));
}

/** The run step: sends the checked call and prints the answer. */
async function send(ctx: Context, call: ApiCall, spec: RequestSpec): Promise<void> {
  const client = await ctx.client();
  if (call.out) {
    const [{ download }, { STDOUT }] = await Promise.all([import('./download.js'), import('../../transfer/out-file.js')]);
    const out = call.out;
    const toStdout = out === STDOUT;
    // a body cut short is downloaded again from scratch by the client (into stdout only while nothing went out)
    const bytes = await download(client, spec, { target: out, stdout: ctx.io.stdout, force: ctx.assumeYes, cleanup: ctx.cleanup });
    // stdout holds the gzip data: nothing else goes there
    if (!toStdout) ctx.renderer.done(`saved ${bytes} bytes to ${out}`, { file: out, bytes });
    return;
  }
  const r = renderer(ctx);
  if (call.all) {
    await listThrough(r, client, spec, NO_VIEW, { limit: call.limit });
    return;
  }
  const doc = await client.request<unknown>(spec);
  if (doc === undefined) {
    if (!ctx.machineOutput) ctx.term.info(`${call.op.method} ${call.operationId}: done (no content)`);
    return;
  }
  const results = (doc as { results?: unknown }).results;
  if (r.streaming && call.paginated && Array.isArray(results)) {
    r.jsonLines(results, NO_VIEW);
    return;
  }
  if (ctx.output === 'csv' && call.paginated && Array.isArray(results)) {
    r.list(results, NO_VIEW);
    return;
  }
  r.object(doc, NO_VIEW);
}

export const LIST_VIEW: View = {
  columns: [
    { header: 'operationId', value: 'operationId' },
    { header: 'method', value: 'method' },
    { header: 'path', value: 'path' },
    { header: 'summary', value: 'summary' },
  ],
};

/** `atlascli api list [--tag <tag>] [--grep <text>]`: the operations of the spec index. */
export async function list(ctx: Context, _args: string[], opts: { tag?: string; grep?: string; limit?: string }): Promise<void> {
  const limit = parseLimit(opts);
  const { operationRows } = await import('./catalog.js');
  const rows = operationRows(opts);
  ctx.renderer.list(limit === undefined ? rows : rows.slice(0, limit), LIST_VIEW);
}
