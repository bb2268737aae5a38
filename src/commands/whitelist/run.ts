/** Handlers of `atlascli whitelist …` (alias `access-list`): the project's IP access list. */
import type { Context } from '../../program/context.js';
import { AtlasApiError, UsageError } from '../../errors.js';
import type { RequestSpec } from '../../atlas/client.js';
import { waitFor, waitTimeoutMs } from '../wait.js';
import { assertConfirmable, confirmDestructive, deleting, dryRun, renderGet, renderList } from '../shared.js';
import { checkComment, entryBody, parseAddress, parseAddresses, parseExpiry, type AddressEntry } from './input.js';
import { currentIp } from './current-ip.js';
import { ENTRY_VIEW } from './views.js';

export interface AddOptions {
  currentIp?: boolean;
  comment?: string;
  deleteAfter?: string;
  ttl?: string;
  wait?: boolean;
  waitTimeout?: string;
  dryRun?: boolean;
}

type Entry = { cidrBlock?: string; ipAddress?: string; STATUS?: string };

const entryPath = (groupId: string, e: AddressEntry) => ({ groupId, entryValue: e.value });

export async function list(ctx: Context, _args: string[], opts: { limit?: string; allProjects?: boolean }): Promise<void> {
  if (opts.allProjects) {
    const { renderAcrossProjects } = await import('../fleet/fanout.js');
    await renderAcrossProjects(ctx, (client, p) => client.list({ operationId: 'listGroupAccessListEntries', pathParams: { groupId: p.id } }), ENTRY_VIEW, opts);
    return;
  }
  await renderList(ctx, { operationId: 'listGroupAccessListEntries', pathParams: { groupId: ctx.projectId() } }, ENTRY_VIEW, opts);
}

export async function get(ctx: Context, [entry]: string[]): Promise<void> {
  const e = parseAddress(entry!);
  await renderGet(ctx, { operationId: 'getGroupAccessListEntry', pathParams: entryPath(ctx.projectId(), e) }, ENTRY_VIEW);
}

/** The checked input of `add`: every problem is found here, before any request. */
export function planAdd(inputs: readonly string[], opts: AddOptions, now = Date.now()) {
  if (!inputs.length && !opts.currentIp) throw new UsageError('nothing to add', 'give one or more addresses or CIDR blocks, or --current-ip');
  return {
    entries: parseAddresses(inputs),
    comment: checkComment(opts.comment),
    deleteAfterDate: parseExpiry(opts, now),
    waitMs: waitTimeoutMs(opts),
  };
}

/**
 * Adds every entry in one request (createGroupAccessListEntry). Entries already on the
 * list are a success; they are named on stderr. With --wait, polls each entry's status
 * (getGroupAccessListStatus) until it is ACTIVE.
 */
export async function add(ctx: Context, inputs: string[], opts: AddOptions): Promise<void> {
  const plan = planAdd(inputs, opts);
  const groupId = ctx.projectId();
  const client = await ctx.client();
  const entries = opts.currentIp ? mergeEntries(plan.entries, [await currentIp(client)]) : plan.entries;
  const spec: RequestSpec = {
    operationId: 'createGroupAccessListEntry',
    pathParams: { groupId },
    body: entries.map((e) => entryBody(e, plan.comment, plan.deleteAfterDate)),
  };
  if (await dryRun(ctx, opts, spec)) return;
  const before = await existingBlocks(ctx, groupId);
  const answer = await client.request<{ results?: Entry[] }>(spec);
  const already = entries.filter((e) => before.has(e.cidrBlock));
  const added = entries.filter((e) => !before.has(e.cidrBlock));
  if (added.length) ctx.term.info(`added ${added.map((e) => e.value).join(', ')} to the access list of project ${groupId}`);
  if (already.length)
    ctx.term.info(
      `already on the access list: ${already.map((e) => e.value).join(', ')}${plan.comment !== undefined || plan.deleteAfterDate ? ' (comment and expiry updated)' : ''}`,
    );
  if (plan.waitMs !== undefined) for (const e of entries) await waitActive(ctx, groupId, e, plan.waitMs);
  ctx.renderer.list(await entryDocs(ctx, groupId, entries, answer?.results ?? []), ENTRY_VIEW);
}

/** Deletes each entry (deleteGroupAccessListEntry), after one confirmation. */
export async function remove(ctx: Context, inputs: string[], opts: { currentIp?: boolean; dryRun?: boolean; ifExists?: boolean }): Promise<void> {
  if (!inputs.length && !opts.currentIp) throw new UsageError('nothing to delete', 'give one or more addresses or CIDR blocks, or --current-ip');
  let entries = parseAddresses(inputs);
  const groupId = ctx.projectId();
  // --current-ip reads the address first: a refusal must come before that request
  if (!opts.dryRun) assertConfirmable(ctx, `Delete entries from the access list of project ${groupId}`);
  const client = await ctx.client();
  if (opts.currentIp) entries = mergeEntries(entries, [await currentIp(client)]);
  const specs: RequestSpec[] = entries.map((e) => ({ operationId: 'deleteGroupAccessListEntry', pathParams: entryPath(groupId, e) }));
  if (opts.dryRun) {
    for (const s of specs) await dryRun(ctx, opts, s);
    return;
  }
  const names = entries.map((e) => e.value).join(', ');
  if (!(await confirmDestructive(ctx, `Delete ${names} from the access list of project ${groupId}`))) return;
  for (const [i, s] of specs.entries()) {
    if (!(await deleting(ctx, opts, `access-list entry ${entries[i]!.value}`, () => client.request(s)))) continue;
    ctx.renderer.done(`deleted ${entries[i]!.value} from the access list`, { entry: entries[i]!.value, deleted: true });
  }
}

// ---- helpers shared with `exec` ------------------------------------------------------

/** `a` then the entries of `b` not in `a` (same CIDR block). */
export function mergeEntries(a: AddressEntry[], b: AddressEntry[]): AddressEntry[] {
  const seen = new Set(a.map((e) => e.cidrBlock));
  return [...a, ...b.filter((e) => !seen.has(e.cidrBlock))];
}

/** The CIDR blocks on the project's access list now (every page). */
async function existingBlocks(ctx: Context, groupId: string): Promise<Set<string>> {
  const client = await ctx.client();
  const all = await client.list<Entry>({ operationId: 'listGroupAccessListEntries', pathParams: { groupId } });
  const out = new Set<string>();
  for (const d of all) {
    if (!d.cidrBlock) continue;
    try {
      out.add(parseAddress(d.cidrBlock).cidrBlock);
    } catch {
      out.add(d.cidrBlock);
    }
  }
  return out;
}

/** The documents of `entries`: from the POST's answer (first page of the list), else fetched. */
async function entryDocs(ctx: Context, groupId: string, entries: AddressEntry[], answered: Entry[]): Promise<Entry[]> {
  const byBlock = new Map<string, Entry>();
  for (const d of answered) {
    if (!d.cidrBlock) continue;
    try {
      byBlock.set(parseAddress(d.cidrBlock).cidrBlock, d);
    } catch {
      // an entry Atlas shows in a form we do not parse is not one of ours
    }
  }
  const client = await ctx.client();
  const out: Entry[] = [];
  for (const e of entries) {
    out.push(byBlock.get(e.cidrBlock) ?? (await client.request<Entry>({ operationId: 'getGroupAccessListEntry', pathParams: entryPath(groupId, e) })));
  }
  return out;
}

/**
 * Polls getGroupAccessListStatus until the entry is ACTIVE (a first connection fails
 * while it is PENDING). Throws a CliError on FAILED, on disappearance, or at the timeout.
 */
export async function waitActive(ctx: Context, groupId: string, e: AddressEntry, timeoutMs: number): Promise<void> {
  const client = await ctx.client();
  await waitFor<Entry>(ctx, {
    subject: `access list entry ${e.value}`,
    goal: 'ACTIVE',
    timeoutMs,
    follow: `atlascli whitelist get ${e.value}`,
    fetch: async () => {
      try {
        return await client.request<Entry>({ operationId: 'getGroupAccessListStatus', pathParams: entryPath(groupId, e) });
      } catch (err) {
        if (err instanceof AtlasApiError && err.status === 404) return undefined;
        throw err;
      }
    },
    state: (d) => d.STATUS ?? 'unknown',
    done: (d) => d?.STATUS === 'ACTIVE',
    failed: (d) => (d.STATUS === 'FAILED' ? 'failed: Atlas could not apply it' : undefined),
  });
}
