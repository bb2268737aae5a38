/** Run: `maintenance …` → requests and rendering. */
import type { Context } from '../../program/context.js';
import type { RequestSpec } from '../../atlas/client.js';
import { confirmDestructive, dryRun } from '../shared.js';
import { dayName, windowBody, type SetFlags } from './options.js';
import { MAINTENANCE_VIEW } from './views.js';

const windowSpec = (groupId: string): RequestSpec => ({ operationId: 'getGroupMaintenanceWindow', pathParams: { groupId } });

/** getGroupMaintenanceWindow. */
export async function get(ctx: Context): Promise<void> {
  await show(ctx, ctx.projectId());
}

/** updateGroupMaintenanceWindow (Atlas answers with no body), then the window as it now is. */
export async function set(ctx: Context, _args: string[], opts: SetFlags & { dryRun?: boolean }): Promise<void> {
  const body = windowBody(opts);
  const groupId = ctx.projectId();
  const spec: RequestSpec = { operationId: 'updateGroupMaintenanceWindow', pathParams: { groupId }, body };
  if (await dryRun(ctx, opts, spec)) return;
  await (await ctx.client()).request(spec);
  if (ctx.output === 'table') ctx.term.info(`maintenance window set: ${dayName(body.dayOfWeek)} at ${body.hourOfDay}:00`);
  await show(ctx, groupId);
}

/** deferGroupMaintenanceWindow: the scheduled maintenance moves a week on; then the window. */
export async function defer(ctx: Context, _args: string[], opts: { dryRun?: boolean }): Promise<void> {
  const groupId = ctx.projectId();
  const spec: RequestSpec = { operationId: 'deferGroupMaintenanceWindow', pathParams: { groupId } };
  if (await dryRun(ctx, opts, spec)) return;
  await (await ctx.client()).request(spec);
  if (ctx.output === 'table') ctx.term.info('scheduled maintenance deferred by one week');
  await show(ctx, groupId);
}

/** resetGroupMaintenanceWindow: back to the window Atlas picks (asks first; --force in scripts). */
export async function reset(ctx: Context, _args: string[], opts: { dryRun?: boolean }): Promise<void> {
  const groupId = ctx.projectId();
  const spec: RequestSpec = { operationId: 'resetGroupMaintenanceWindow', pathParams: { groupId } };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Reset the maintenance window of project ${groupId}`))) return;
  await (await ctx.client()).request(spec);
  ctx.renderer.done(`maintenance window of project ${groupId} reset`, { reset: true, groupId });
}

async function show(ctx: Context, groupId: string): Promise<void> {
  const doc = await (await ctx.client()).request(windowSpec(groupId));
  ctx.renderer.object(doc, MAINTENANCE_VIEW);
}
