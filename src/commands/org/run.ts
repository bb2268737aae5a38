import type { Context } from '../../program/context.js';
import { UsageError } from '../../errors.js';
import { orgIdByName } from '../../program/names.js';
import { ORG_VIEW, USER_VIEW } from './views.js';
import { renderGet, renderList } from '../shared.js';
import { PROJECT_VIEW } from '../project/views.js';

export async function list(ctx: Context, _args: string[], opts: { name?: string; limit?: string }): Promise<void> {
  await renderList(ctx, { operationId: 'listOrgs', query: { name: opts.name } }, ORG_VIEW, opts);
}

export async function get(ctx: Context, [orgId]: string[], opts: { name?: string }): Promise<void> {
  if (orgId && opts.name) throw new UsageError('give an organization id or --name, not both');
  // a name is resolved as every --org name is (names.ts: none, exit 4; several, exit 2 with their ids)
  const id = opts.name !== undefined ? await orgIdByName(await ctx.client(), opts.name) : ctx.orgId(orgId);
  await renderGet(ctx, { operationId: 'getOrg', pathParams: { orgId: id } }, ORG_VIEW);
}

export async function users(ctx: Context, [orgId]: string[], opts: { limit?: string }): Promise<void> {
  await renderList(ctx, { operationId: 'listOrgUsers', pathParams: { orgId: ctx.orgId(orgId) } }, USER_VIEW, opts);
}

export async function projects(ctx: Context, [orgId]: string[], opts: { name?: string; limit?: string }): Promise<void> {
  await renderList(ctx, { operationId: 'getOrgGroups', pathParams: { orgId: ctx.orgId(orgId) }, query: { name: opts.name } }, PROJECT_VIEW, opts);
}
