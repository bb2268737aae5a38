/** Run: `event list` with a checked query → every page, streamed with -o jsonl. */
import type { Context } from '../../program/context.js';
import { UsageError } from '../../errors.js';
import type { RequestSpec } from '../../atlas/client.js';
import { renderList } from '../shared.js';
import { eventQuery, LIST_OPERATION, type EventListFlags, type EventScope } from './options.js';
import { EVENT_VIEW } from './views.js';

/**
 * listGroupEvents for the project, or listOrgEvents when `--org` is given; pages are
 * fetched concurrently and printed in order (`-o jsonl` prints each page as it is in).
 */
export async function list(ctx: Context, _args: string[], opts: EventListFlags & { limit?: string }): Promise<void> {
  const org = ctx.globals.org !== undefined;
  if (org && (ctx.globals.project !== undefined || ctx.globals.atlasgroup !== undefined)) {
    throw new UsageError('give --org (organization events) or --project (project events), not both');
  }
  const scope: EventScope = org ? 'org' : 'project';
  const query = eventQuery(opts, scope);
  const pathParams: Record<string, string> = org ? { orgId: ctx.orgId() } : { groupId: ctx.projectId() };
  const spec = { operationId: LIST_OPERATION[scope], pathParams, query: { ...query } } as RequestSpec<(typeof LIST_OPERATION)[EventScope]>;
  await renderList(ctx, spec, EVENT_VIEW, opts);
}
