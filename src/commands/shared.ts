/** Small helpers the command handlers share: parsing flags, listing, confirming. */
import type { Context } from '../program/context.js';
import { parseLimit } from '../args/values.js';
import { AtlasApiError, UsageError } from '../errors.js';
import type { AtlasClient, RequestSpec } from '../atlas/client.js';
import type { Renderer, View } from '../output/render.js';

/** A flag of a `… set` command and the document field it changes. */
export interface SettingFlag {
  flag: string;
  key: string;
}

/**
 * Fetches every page of a list and renders it; `-o jsonl` streams items as pages arrive.
 * An empty list says what it looked in (`no snapshots of cluster Cluster0 in project …`)
 * on a terminal, from the request's path parameters; `empty` is that whole line instead
 * (`no API keys`). `map` changes each item before it is shown (masking its secrets:
 * src/atlas/mask.ts `maskAnswer`).
 * @param opts the command's options; `limit` is read with parseLimit (UsageError, exit 2)
 * @throws AtlasApiError as `client.list` does
 */
export async function renderList(
  ctx: Context,
  spec: RequestSpec,
  view: View,
  opts: { limit?: string },
  map: (item: unknown) => unknown = (x) => x,
  { empty }: { empty?: string } = {},
): Promise<void> {
  const limit = parseLimit(opts);
  await listThrough(ctx.renderer, await ctx.client(), spec, view, { limit, map, scope: scopeOf(spec.pathParams), empty });
}

/**
 * renderList's work with a renderer and a client of the caller's (`api --all`, whose table
 * is JSON): every page of `spec` (client.list, at most `limit` items), each item through
 * `map`; `-o jsonl` streams them as pages arrive, anything else renders the gathered list
 * (Renderer.list with `scope` and `empty`).
 * @throws AtlasApiError as `client.list` does
 */
export async function listThrough(
  r: Renderer,
  client: AtlasClient,
  spec: RequestSpec,
  view: View,
  { limit, map = (x) => x, scope, empty }: { limit?: number; map?: (item: unknown) => unknown; scope?: string; empty?: string },
): Promise<void> {
  if (r.streaming) {
    await client.list(spec, { limit, onItems: (items) => r.jsonLines(items.map(map), view) });
    return;
  }
  r.list((await client.list(spec, { limit })).map(map), view, scope, empty);
}

/** Where a list was looked for, from its path parameters: `of cluster C in project P`; undefined when unscoped. */
export function scopeOf(pathParams: Record<string, string> | undefined): string | undefined {
  if (!pathParams) return undefined;
  const parts: string[] = [];
  if (pathParams.clusterName) parts.push(`of cluster ${pathParams.clusterName}`);
  if (pathParams.tenantName) parts.push(`of stream workspace ${pathParams.tenantName}`);
  if (pathParams.processId) parts.push(`of process ${pathParams.processId}`);
  if (pathParams.apiUserId) parts.push(`of API key ${pathParams.apiUserId}`);
  if (pathParams.groupId) parts.push(`in project ${pathParams.groupId}`);
  else if (pathParams.orgId) parts.push(`in organization ${pathParams.orgId}`);
  return parts.length ? parts.join(' ') : undefined;
}

/** Gets one document and renders it (`map`: as renderList's). */
export async function renderGet(ctx: Context, spec: RequestSpec, view: View, map: (doc: unknown) => unknown = (x) => x): Promise<void> {
  const client = await ctx.client();
  ctx.renderer.object(map(await client.request(spec)), view);
}

/** `--dry-run`: print the request and return true, sending nothing. */
export async function dryRun(ctx: Context, opts: { dryRun?: boolean }, spec: RequestSpec): Promise<boolean> {
  if (!opts.dryRun) return false;
  ctx.renderer.request(await (await ctx.client()).describe(spec));
  return true;
}

/**
 * The refusal when nothing can confirm `what` (a UsageError, exit 2): "refusing to delete
 * API key X without --force (whatever uses it could no longer reach Atlas): no terminal to
 * confirm on". `consequence`, when given, follows in parentheses.
 */
function refusal(what: string, consequence?: string): UsageError {
  return new UsageError(
    `refusing to ${what.charAt(0).toLowerCase()}${what.slice(1)} without --force${consequence ? ` (${consequence})` : ''}: no terminal to confirm on`,
    'pass --force (or --yes) to go ahead without a prompt',
  );
}

/**
 * Deletes and other destructive acts: a prompt on a terminal, a refusal (exit 2,
 * nothing sent) without one unless --force or --yes. `what` is the act, as a sentence
 * starting with a verb ("Delete API key X"); `consequence`, what follows from it, in the
 * conditional ("whatever uses it could no longer reach Atlas"): shown in parentheses in the
 * question and the refusal.
 * @returns true to go ahead; false when the user said no
 * @throws UsageError (exit 2) when no terminal can ask and neither --force nor --yes was given
 */
export async function confirmDestructive(ctx: Context, what: string, consequence?: string): Promise<boolean> {
  if (ctx.assumeYes) return true;
  if (!ctx.term.canPrompt) throw refusal(what, consequence);
  const ok = await ctx.term.confirm(`${what}${consequence ? ` (${consequence})` : ''}?`, refusal(what, consequence).message);
  if (!ok) ctx.term.info('nothing was changed');
  return ok;
}

/**
 * For a destructive command that must read something before it can ask (the caller's
 * address): refuses at once, before any request, when no one could answer the question
 * later and neither --force nor --yes was given. `what` and `consequence` as for confirmDestructive.
 * @throws UsageError (exit 2), as confirmDestructive
 */
export function assertConfirmable(ctx: Context, what: string, consequence?: string): void {
  if (!ctx.assumeYes && !ctx.term.canPrompt) throw refusal(what, consequence);
}

// The parsers live in src/args/values.ts; re-exported here so existing imports keep working.
export { parseBool, parseCount, parseSeconds } from '../args/values.js';

/**
 * A settings document (project settings, cluster processArgs): one row per setting,
 * named by its flag, in the short table; the document as served in every other form.
 */
export function renderSettings(ctx: Context, doc: Record<string, unknown>, settings: readonly SettingFlag[]): void {
  if (ctx.output === 'table' && ctx.format === 'short' && !ctx.fields) {
    const rows = settings.map((s) => ({ setting: s.flag, value: doc[s.key] }));
    ctx.renderer.list(rows, {
      columns: [
        { header: 'setting', value: 'setting' },
        { header: 'value', value: 'value' },
      ],
    });
    return;
  }
  ctx.renderer.object(doc, { columns: settings.map((s) => ({ header: s.flag, value: s.key })) });
}

/**
 * A secret printed once (a generated password, a new API key's private key, a new
 * service account secret: Atlas shows them only in the answer to the create) must not be
 * dropped by an output option: refuses, before any request, `--fields`, `--query` or
 * `-o value` that would leave it out of what `ctx.renderer.object(doc, view)` prints.
 * `probe` is a document shaped as the one printed, holding `PROBE_SECRET` where the secret
 * goes; `field` names that place for the message; `cause` is the flag or command that
 * makes the secret (`--generate-password`), `what` the secret (`the new password`).
 * @throws UsageError (exit 2) naming the option and how to keep the secret
 */
export function keepsOnceShown(ctx: Context, once: { cause: string; what: string; field: string; probe: unknown; view: View }): void {
  if (ctx.renderer.shows(once.probe, once.view, PROBE_SECRET)) return;
  const option = ctx.query ? '--query' : ctx.fields ? '--fields' : '-o value';
  const hint = ctx.query
    ? `it is shown only this once; keep \`${once.field}\` in the expression, or drop --query`
    : ctx.fields
      ? `e.g. --fields ${[...ctx.fields, once.field].join(',')}`
      : 'it is shown only this once; drop -o value or give --fields with it';
  throw new UsageError(`${once.cause} prints ${once.what} as the field \`${once.field}\`: ${option} must ${ctx.query ? 'keep' : 'include'} it`, hint);
}

/** What stands for a secret in a `keepsOnceShown` probe. */
export const PROBE_SECRET = 'PROBE-SECRET-7f3a9c2e';

/** The 404 error codes that say a *parent* is missing (the project, the organization), not the thing deleted. */
const PARENT_MISSING = new Set(['GROUP_NOT_FOUND', 'INVALID_GROUP_ID', 'ORG_NOT_FOUND', 'INVALID_ORG_ID']);

/**
 * 404 error codes that refuse the delete of a thing that exists (docs' error-code list:
 * CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT is a 404).
 */
const REFUSED_NOT_ABSENT = new Set(['CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT']);

/**
 * The codes Atlas answers with 400, not 404, for a thing that does not exist: an
 * organization API key (API_KEY_NOT_FOUND, 400 in the Atlas API error-code list,
 * mongodb.com/docs/atlas/reference/api-errors).
 */
const ABSENT_400 = new Set(['API_KEY_NOT_FOUND']);

/**
 * Whether `err` says the thing a delete aims at is absent: a 404 from Atlas, other than
 * one naming a missing project or organization (unless `parent` is true: the project
 * itself is what is deleted) or one that refuses to delete a thing that is there.
 */
export function isAbsent(err: unknown, parent = false): boolean {
  if (err instanceof AtlasApiError && err.status === 400 && ABSENT_400.has(err.errorCode ?? '')) return true;
  if (!(err instanceof AtlasApiError) || err.status !== 404 || REFUSED_NOT_ABSENT.has(err.errorCode ?? '')) return false;
  return parent || !PARENT_MISSING.has(err.errorCode ?? '');
}

/**
 * What `read` answers, or undefined when Atlas says the thing is absent (isAbsent: a 404
 * that does not name a missing project or organization). For polls until a deleted thing
 * is gone, and looks before creating.
 * @throws any other error `read` throws
 */
export async function absentAsUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    if (isAbsent(err)) return undefined;
    throw err;
  }
}

/**
 * Sends a delete (`send`) the way every delete does with `--if-exists`: when Atlas says
 * the thing (`what`, e.g. `cluster demo`) is absent (404) and `--if-exists` was given,
 * writes `<what> does not exist: nothing to delete` on stderr and returns false (the
 * command exits 0); otherwise the error is thrown as it came. True when it was deleted.
 * `parent`: the project itself is deleted (GROUP_NOT_FOUND means absent too).
 */
export async function deleting(ctx: Context, opts: { ifExists?: boolean }, what: string, send: () => Promise<unknown>, parent = false): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (err) {
    if (!opts.ifExists || !isAbsent(err, parent)) throw err;
    noteAbsent(ctx, what);
    return false;
  }
}

/** The note `--if-exists` writes on stderr when the thing to delete is absent. */
export function noteAbsent(ctx: Context, what: string): void {
  ctx.term.info(`${what} does not exist: nothing to delete (--if-exists)`);
}

/**
 * Sends, and gives an Atlas answer that has no hint of its own the one `hintFor` has for it
 * (what to do about that errorCode in this command).
 * @throws what `send` throws, an AtlasApiError with the hint when there is one
 */
export async function withHints<T>(send: () => Promise<T>, hintFor: (err: AtlasApiError) => string | undefined): Promise<T> {
  try {
    return await send();
  } catch (err) {
    const hint = err instanceof AtlasApiError && !err.hint ? hintFor(err) : undefined;
    throw hint ? (err as AtlasApiError).withHint(hint) : err;
  }
}
