/** Run: `alert …` with checked options → requests and rendering. */
import type { Context } from '../../program/context.js';
import type { RequestSpec } from '../../atlas/client.js';
import { dryRun, renderGet, renderList } from '../shared.js';
import { ackBody, checkAlertId, parseStatus, unackBody, type AckFlags, type AcknowledgeBody } from './options.js';
import { ALERT_VIEW } from './views.js';

/** listGroupAlerts, every page; `--status` filters on Atlas's side. */
export async function list(ctx: Context, _args: string[], opts: { status?: string; limit?: string; allProjects?: boolean }): Promise<void> {
  const status = parseStatus(opts.status);
  if (opts.allProjects) {
    const { renderAcrossProjects } = await import('../fleet/fanout.js');
    await renderAcrossProjects(ctx, (client, p) => client.list({ operationId: 'listGroupAlerts', pathParams: { groupId: p.id }, query: { status } }), ALERT_VIEW, opts);
    return;
  }
  const spec: RequestSpec = { operationId: 'listGroupAlerts', pathParams: { groupId: ctx.projectId() }, query: { status } };
  await renderList(ctx, spec, ALERT_VIEW, opts);
}

/** getGroupAlert. */
export async function get(ctx: Context, [id]: string[]): Promise<void> {
  const alertId = checkAlertId(id);
  await renderGet(ctx, { operationId: 'getGroupAlert', pathParams: { groupId: ctx.projectId(), alertId } }, ALERT_VIEW);
}

/** acknowledgeGroupAlert at its newest version (2024-05-30): acknowledge until a date. */
export async function ack(ctx: Context, [id]: string[], opts: AckFlags & { dryRun?: boolean }): Promise<void> {
  const alertId = checkAlertId(id);
  const body = ackBody(opts);
  await acknowledge(ctx, alertId, body, opts, `alert ${alertId} acknowledged until ${body.acknowledgedUntil}`);
}

/** acknowledgeGroupAlert with `unacknowledgeAlert: true`. */
export async function unack(ctx: Context, [id]: string[], opts: { dryRun?: boolean }): Promise<void> {
  const alertId = checkAlertId(id);
  await acknowledge(ctx, alertId, unackBody(), opts, `alert ${alertId} is no longer acknowledged`);
}

async function acknowledge(ctx: Context, alertId: string, body: AcknowledgeBody, opts: { dryRun?: boolean }, message: string): Promise<void> {
  const spec: RequestSpec = { operationId: 'acknowledgeGroupAlert', pathParams: { groupId: ctx.projectId(), alertId }, body };
  if (await dryRun(ctx, opts, spec)) return;
  const doc = await (await ctx.client()).request(spec);
  if (ctx.output === 'table') ctx.term.info(message);
  ctx.renderer.object(doc, ALERT_VIEW);
}
