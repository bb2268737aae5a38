/** Run: `maintenance …` → requests and rendering. */
import type { Context } from '../../program/context.js';
import type { RequestSpec } from '../../atlas/client.js';
import { confirmDestructive, dryRun } from '../shared.js';
import { dayName, needsCurrentWindow, windowBody, windowChanges, type SetFlags, type WindowChanges } from './options.js';
import { MAINTENANCE_VIEW } from './views.js';

const windowSpec = (groupId: string): RequestSpec => ({ operationId: 'getGroupMaintenanceWindow', pathParams: { groupId } });

/** getGroupMaintenanceWindow. */
export async function get(ctx: Context, _args: string[] = [], opts: { allProjects?: boolean } = {}): Promise<void> {
  if (opts.allProjects) {
    const { renderAcrossProjects } = await import('../fleet/fanout.js');
    // the window document names no project: each one is given its groupId first
    await renderAcrossProjects(ctx, async (client, p) => [{ groupId: p.id, ...(await client.request<object>(windowSpec(p.id))) }], MAINTENANCE_VIEW, {});
    return;
  }
  await show(ctx, ctx.projectId());
}

/**
 * updateGroupMaintenanceWindow (Atlas answers with no body), then the window as it now
 * is. A flag alone (`--auto-defer`, `--start-asap`, `--hour 4`) keeps the rest of the
 * window: the spec requires dayOfWeek in every body, so the window is read first
 * (getGroupMaintenanceWindow) when --day or --hour is not given.
 */
export async function set(ctx: Context, _args: string[], opts: SetFlags & { dryRun?: boolean }): Promise<void> {
  const changes = windowChanges(opts);
  const groupId = ctx.projectId();
  const current = needsCurrentWindow(changes) ? await (await ctx.client()).request<{ dayOfWeek?: number; hourOfDay?: number }>(windowSpec(groupId)) : undefined;
  const body = windowBody(changes, current);
  const spec: RequestSpec = { operationId: 'updateGroupMaintenanceWindow', pathParams: { groupId }, body };
  if (await dryRun(ctx, opts, spec)) return;
  await (await ctx.client()).request(spec);
  if (ctx.output === 'table') ctx.term.info(`maintenance window set: ${describe(changes, body)}`);
  await show(ctx, groupId);
}

/** What changed, for people: `SATURDAY at 22:00, start as soon as possible, auto-defer on`. */
function describe(changes: WindowChanges, body: { dayOfWeek: number; hourOfDay?: number }): string {
  const parts: string[] = [];
  if (changes.dayOfWeek !== undefined || changes.hourOfDay !== undefined) parts.push(`${dayName(body.dayOfWeek)} at ${body.hourOfDay ?? 0}:00`);
  if (changes.startASAP) parts.push('start as soon as possible');
  if (changes.autoDeferOnceEnabled !== undefined) parts.push(`auto-defer ${changes.autoDeferOnceEnabled ? 'on' : 'off'}`);
  return parts.join(', ');
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
