/** Run: `alert config …` with checked options → requests and rendering, credentials masked. */
import type { Context } from '../../program/context.js';
import type { RequestSpec } from '../../atlas/client.js';
import { maskAnswer } from '../../atlas/mask.js';
import { UsageError } from '../../errors.js';
import { confirmDestructive, deleting, dryRun, renderGet, renderList } from '../shared.js';
import { readBodyFile } from '../body-file.js';
import { ALERT_CONFIG_VIEW } from './config-views.js';

/** What `alert config get -o json` prints that the API refuses back (the spec marks them readOnly). */
const READ_ONLY = ['id', 'groupId', 'created', 'updated', 'links'] as const;

/** listGroupAlertConfigs, every page; credentials masked. */
export async function list(ctx: Context, _args: string[], opts: { limit?: string }): Promise<void> {
  const spec: RequestSpec = { operationId: 'listGroupAlertConfigs', pathParams: { groupId: ctx.projectId() } };
  await renderList(ctx, spec, ALERT_CONFIG_VIEW, opts, (c) => maskAnswer(c, 'getGroupAlertConfig'));
}

/** getGroupAlertConfig; credentials masked. */
export async function get(ctx: Context, [alertConfigId]: string[]): Promise<void> {
  const spec: RequestSpec = { operationId: 'getGroupAlertConfig', pathParams: { groupId: ctx.projectId(), alertConfigId: alertConfigId! } };
  await renderGet(ctx, spec, ALERT_CONFIG_VIEW, (c) => maskAnswer(c, 'getGroupAlertConfig'));
}

async function fileBody(ctx: Context, opts: { file?: string }, operationId: 'createGroupAlertConfig' | 'updateGroupAlertConfig') {
  if (opts.file === undefined)
    throw new UsageError('give the configuration with --file <file.json> (- for stdin)', '`atlascli alert config get <id> -o json` prints one to start from');
  // an update may leave a masked credential to Atlas, which keeps the stored one of the notifier it names; a new configuration has none stored
  const keep = operationId === 'updateGroupAlertConfig' ? 'notifierId' : undefined;
  return readBodyFile(opts.file, ctx.io.stdin, operationId, 'an alert configuration', { readOnly: READ_ONLY, keep });
}

async function send(
  ctx: Context,
  spec: RequestSpec & { operationId: 'createGroupAlertConfig' | 'updateGroupAlertConfig' | 'toggleGroupAlertConfig' },
  opts: { dryRun?: boolean },
  message: (doc: { id?: string }) => string,
): Promise<void> {
  if (await dryRun(ctx, opts, spec)) return;
  const doc = maskAnswer(await (await ctx.client()).request<{ id?: string }>(spec), spec.operationId);
  if (ctx.output === 'table') ctx.term.info(message(doc));
  ctx.renderer.object(doc, ALERT_CONFIG_VIEW);
}

/** createGroupAlertConfig with the checked --file. */
export async function create(ctx: Context, _args: string[], opts: { file?: string; dryRun?: boolean }): Promise<void> {
  const groupId = ctx.projectId();
  const body = await fileBody(ctx, opts, 'createGroupAlertConfig');
  await send(
    ctx,
    { operationId: 'createGroupAlertConfig', pathParams: { groupId }, body, checkWith: 'atlascli alert config list' },
    opts,
    (d) => `created alert configuration ${d.id}`,
  );
}

/** updateGroupAlertConfig (PUT: the whole configuration) with the checked --file. */
export async function update(ctx: Context, [alertConfigId]: string[], opts: { file?: string; dryRun?: boolean }): Promise<void> {
  const groupId = ctx.projectId();
  const body = await fileBody(ctx, opts, 'updateGroupAlertConfig');
  const spec: RequestSpec & { operationId: 'updateGroupAlertConfig' } = {
    operationId: 'updateGroupAlertConfig',
    pathParams: { groupId, alertConfigId: alertConfigId! },
    body,
    checkWith: `atlascli alert config get ${alertConfigId}`,
  };
  await send(ctx, spec, opts, () => `updated alert configuration ${alertConfigId}`);
}

async function toggle(ctx: Context, alertConfigId: string, enabled: boolean, opts: { dryRun?: boolean }): Promise<void> {
  const spec: RequestSpec & { operationId: 'toggleGroupAlertConfig' } = {
    operationId: 'toggleGroupAlertConfig',
    pathParams: { groupId: ctx.projectId(), alertConfigId },
    body: { enabled },
    checkWith: `atlascli alert config get ${alertConfigId}`,
  };
  await send(ctx, spec, opts, () => `alert configuration ${alertConfigId} ${enabled ? 'enabled' : 'disabled'}`);
}

/** toggleGroupAlertConfig `{enabled: true}`. */
export async function enable(ctx: Context, [alertConfigId]: string[], opts: { dryRun?: boolean }): Promise<void> {
  await toggle(ctx, alertConfigId!, true, opts);
}

/** toggleGroupAlertConfig `{enabled: false}`. */
export async function disable(ctx: Context, [alertConfigId]: string[], opts: { dryRun?: boolean }): Promise<void> {
  await toggle(ctx, alertConfigId!, false, opts);
}

/** deleteGroupAlertConfig, after a confirmation (--force in scripts); --if-exists. */
export async function remove(ctx: Context, [alertConfigId]: string[], opts: { dryRun?: boolean; ifExists?: boolean }): Promise<void> {
  const spec: RequestSpec = { operationId: 'deleteGroupAlertConfig', pathParams: { groupId: ctx.projectId(), alertConfigId: alertConfigId! } };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Delete alert configuration ${alertConfigId}`))) return;
  const client = await ctx.client();
  if (!(await deleting(ctx, opts, `alert configuration ${alertConfigId}`, () => client.request(spec)))) return;
  ctx.renderer.done(`deleted alert configuration ${alertConfigId}`, { id: alertConfigId, deleted: true });
}
