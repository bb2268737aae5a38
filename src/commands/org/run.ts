import type { Context } from '../../program/context.js';
import { AtlasApiError, CliError, UsageError } from '../../errors.js';
import { ORG_VIEW, USER_VIEW } from './views.js';
import { renderGet, renderList } from '../shared.js';
import { PROJECT_VIEW } from '../project/views.js';

export async function list(ctx: Context, _args: string[], opts: { name?: string; limit?: string }): Promise<void> {
  await renderList(ctx, { operationId: 'listOrgs', query: { name: opts.name } }, ORG_VIEW, opts);
}

export async function get(ctx: Context, [orgId]: string[], opts: { name?: string }): Promise<void> {
  if (orgId && opts.name) throw new UsageError('give an organization id or --name, not both');
  if (opts.name !== undefined) {
    const client = await ctx.client();
    const found = await client.list<{ name: string }>({ operationId: 'listOrgs', query: { name: opts.name } });
    const exact = found.filter((o) => o.name === opts.name);
    if (exact.length === 0) {
      // the list filter matches prefixes; no exact name is a not-found, like get by id
      throw new AtlasApiError(404, { error: 404, errorCode: 'ORG_NOT_FOUND', detail: `No organization named ${opts.name} exists.` }, 'GET', '/api/atlas/v2/orgs');
    }
    if (exact.length > 1) throw new CliError(`${exact.length} organizations are named "${opts.name}"`, 'use the id instead');
    ctx.renderer.object(exact[0], ORG_VIEW);
    return;
  }
  await renderGet(ctx, { operationId: 'getOrg', pathParams: { orgId: ctx.orgId(orgId) } }, ORG_VIEW);
}

export async function users(ctx: Context, [orgId]: string[], opts: { limit?: string }): Promise<void> {
  await renderList(ctx, { operationId: 'listOrgUsers', pathParams: { orgId: ctx.orgId(orgId) } }, USER_VIEW, opts);
}

export async function projects(ctx: Context, [orgId]: string[], opts: { name?: string; limit?: string }): Promise<void> {
  await renderList(ctx, { operationId: 'getOrgGroups', pathParams: { orgId: ctx.orgId(orgId) }, query: { name: opts.name } }, PROJECT_VIEW, opts);
}
