/**
 * Reads across projects (`--all-projects`, with `--org` one organization's): the projects
 * are paged (listGroups, or getOrgGroups with --org), then one read per project runs with
 * at most FANOUT_CONCURRENCY in flight, and the results come out in project order as they
 * complete (so `-o jsonl` streams, and memory stays bounded: a worker does not run more
 * than a window ahead of what was emitted).
 */
import type { Context } from '../../program/context.js';
import type { AtlasClient, RequestSpec } from '../../atlas/client.js';
import type { View } from '../../output/render.js';
import { parseLimit } from '../../args/values.js';

/** Per-project requests in flight at most for fleet reads. */
export const FANOUT_CONCURRENCY = 8;

export interface FleetProject {
  id: string;
  name: string;
  orgId?: string;
}

/**
 * The projects `--all-projects` covers, in the order Atlas lists them: every project the
 * credentials reach (GET /groups), or with the `--org` flag that organization's (GET
 * /orgs/{orgId}/groups). The organization of the environment or profile does not narrow it.
 * @throws AtlasApiError as the list request fails; UsageError for a bad --org
 */
export async function fleetProjects(ctx: Context): Promise<FleetProject[]> {
  const client = await ctx.client();
  const org = ctx.globals.org;
  const spec: RequestSpec = org !== undefined ? { operationId: 'getOrgGroups', pathParams: { orgId: ctx.orgId(org) } } : { operationId: 'listGroups' };
  const docs = await client.list<{ id: string; name: string; orgId?: string }>(spec);
  return docs.map((d) => ({ id: d.id, name: d.name, orgId: d.orgId }));
}

/**
 * Runs `work` on each item with at most `concurrency` in flight and hands each result to
 * `emit` in the items' order, as soon as it and every earlier one are done. After the first
 * failure (or once `stop()` says so) nothing new starts; the ones in flight finish, then
 * the first failure is thrown.
 */
export async function orderedFanOut<P, R>(
  items: readonly P[],
  concurrency: number,
  work: (item: P, index: number) => Promise<R>,
  emit: (item: P, result: R, index: number) => void,
  stop: () => boolean = () => false,
): Promise<void> {
  const window = Math.max(concurrency * 4, 16);
  const done = new Map<number, R>();
  let next = 0;
  let flushed = 0;
  let failure: { err: unknown } | undefined;
  // workers waiting for the emitted prefix to move on: every one is woken each time
  let waiting: Array<() => void> = [];
  const wake = () => {
    const w = waiting;
    waiting = [];
    for (const r of w) r();
  };
  const flush = () => {
    while (done.has(flushed)) {
      const r = done.get(flushed)!;
      done.delete(flushed);
      emit(items[flushed]!, r, flushed);
      flushed++;
    }
    wake();
  };
  const worker = async () => {
    for (;;) {
      if (failure || stop() || next >= items.length) return;
      // bounded memory: wait while too far ahead of what was emitted
      while (next - flushed >= window && !failure) await new Promise<void>((r) => waiting.push(r));
      if (failure || stop() || next >= items.length) return;
      const i = next++;
      try {
        done.set(i, await work(items[i]!, i));
        flush();
      } catch (err) {
        failure ??= { err };
        wake();
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure) throw failure.err;
}

/** The PROJECT column tables gain across projects. */
const PROJECT_KEY = '__project';
export function withProjectColumn(view: View): View {
  return { ...view, columns: [{ header: 'project', value: PROJECT_KEY }, ...view.columns] };
}

/**
 * `<list> --all-projects`: `read(client, project)` gives each project's items; JSON prints
 * them as served in one array, `-o jsonl` one a line as each project's come in (in project
 * order), a table one row per item with a PROJECT column. `--limit` caps the items.
 */
export async function renderAcrossProjects<T>(
  ctx: Context,
  read: (client: AtlasClient, project: FleetProject) => Promise<T[]>,
  view: View,
  opts: { limit?: string },
): Promise<void> {
  const limit = parseLimit(opts);
  const client = await ctx.client();
  const projects = await fleetProjects(ctx);
  const r = ctx.renderer;
  const table = ctx.output === 'table' || ctx.output === 'csv';
  const gathered: unknown[] = [];
  let count = 0;
  const full = () => limit !== undefined && count >= limit;
  await orderedFanOut(
    projects,
    FANOUT_CONCURRENCY,
    (p) => read(client, p),
    (p, items) => {
      const left = limit === undefined ? items.length : Math.max(0, limit - count);
      const taken = items.slice(0, left);
      count += taken.length;
      if (r.streaming) r.jsonLines(taken, view);
      else if (table) for (const it of taken) gathered.push({ [PROJECT_KEY]: p.name, ...(it as object) });
      else gathered.push(...taken);
    },
    full,
  );
  if (!r.streaming) r.list(gathered, table ? withProjectColumn(view) : view, 'in any project');
}
