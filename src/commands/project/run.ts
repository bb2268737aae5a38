import type { Context } from '../../program/context.js';
import type { RequestSpec } from '../../atlas/client.js';
import { AtlasApiError, UsageError } from '../../errors.js';
import { confirmDestructive, deleting, dryRun, isAbsent, noteAbsent, parseBool, renderGet, renderList, renderSettings, scopeOf } from '../shared.js';
import { either, spec as clusterSpec, type Api } from '../cluster/kind.js';
import { waitForCluster } from '../cluster/wait.js';
import { waitTimeoutMs } from '../wait.js';
import type { AtlasClient } from '../../atlas/client.js';
import { parseLimit } from '../../args/values.js';
import { PROJECT_SETTINGS, PROJECT_VIEW, TEAM_VIEW } from './views.js';
import { USER_VIEW } from '../org/views.js';
import { API_KEY_VIEW } from '../org/api-keys-views.js';
import { PROJECT_ROLES } from '../../spec/project-roles.js';
import { maskKey } from '../org/api-keys-run.js';

/**
 * What Atlas accepts when a project is created (the spec's Group.name pattern). Only
 * creation checks it: Atlas itself has named projects outside it ("Project 0"), so
 * lookups send any name as given.
 */
const PROJECT_NAME = /^[\p{L}\p{N}\-_.(),:&@+']{1,64}$/u;

/** Every project the credentials see, or with `--org <id>` on the command line, that organization's. */
export async function list(ctx: Context, _args: string[], opts: { limit?: string }): Promise<void> {
  // only the flag narrows the list: an org id from the environment or profile is for commands that need one
  if (ctx.settings.resolve('orgId').source === 'flag') {
    await renderList(ctx, { operationId: 'getOrgGroups', pathParams: { orgId: ctx.orgId() } }, PROJECT_VIEW, opts);
    return;
  }
  await renderList(ctx, { operationId: 'listGroups' }, PROJECT_VIEW, opts);
}

export async function get(ctx: Context, [projectId]: string[], opts: { name?: string }): Promise<void> {
  if (projectId && opts.name) throw new UsageError('give a project id or --name, not both');
  if (opts.name !== undefined) {
    if (opts.name === '') throw new UsageError('empty value for --name', 'give the project name');
    if (/^\.{1,2}$/.test(opts.name)) return getByListedName(ctx, opts.name);
    await renderGet(ctx, { operationId: 'getGroupByName', pathParams: { groupName: opts.name } }, PROJECT_VIEW);
    return;
  }
  await renderGet(ctx, { operationId: 'getGroup', pathParams: { groupId: ctx.projectId(projectId) } }, PROJECT_VIEW);
}

/**
 * "." and ".." cannot travel in a URL path (URL parsers fold them into folder steps),
 * yet Atlas allows them as names: such a project is found in the list instead.
 */
async function getByListedName(ctx: Context, name: string): Promise<void> {
  const found = (await (await ctx.client()).list<{ name: string }>({ operationId: 'listGroups' })).filter((p) => p.name === name);
  if (found.length === 0) {
    throw new AtlasApiError(404, { error: 404, errorCode: 'GROUP_NAME_NOT_FOUND', detail: `No group with name "${name}" exists.` }, 'GET', '/api/atlas/v2/groups');
  }
  ctx.renderer.object(found[0], PROJECT_VIEW);
}

export function checkName(name: string): string {
  if (!PROJECT_NAME.test(name)) {
    throw new UsageError(`invalid project name "${name}"`, "use 1 to 64 letters, digits and - _ . ( ) , : & @ + '");
  }
  return name;
}

function parseTags(tags: string[] | undefined): Array<{ key: string; value: string }> | undefined {
  if (!tags) return undefined;
  return tags.map((t) => {
    const i = t.indexOf('=');
    if (i <= 0 || i === t.length - 1) throw new UsageError(`invalid --tag "${t}": use key=value`);
    return { key: t.slice(0, i), value: t.slice(i + 1) };
  });
}

export async function create(ctx: Context, [name]: string[], opts: { tag?: string[]; defaultAlerts?: boolean; dryRun?: boolean }): Promise<void> {
  const body: Record<string, unknown> = { name: checkName(name!), orgId: ctx.orgId() };
  const tags = parseTags(opts.tag);
  if (tags) body.tags = tags;
  if (opts.defaultAlerts === false) body.withDefaultAlertsSettings = false;
  const spec: RequestSpec = { operationId: 'createGroup', body };
  if (await dryRun(ctx, opts, spec)) return;
  const created = await (await ctx.client()).request(spec);
  ctx.renderer.object(created, PROJECT_VIEW);
}

const OBJECT_ID = /^[0-9a-f]{24}$/;

/**
 * A project given by id (24 hex characters) or name: `{id, name}`; a name is looked up
 * with getGroupByName (one request). Undefined when it does not exist (404).
 * @throws AtlasApiError for any other refusal
 */
async function findProject(ctx: Context, client: AtlasClient, idOrName: string): Promise<{ id: string; name: string } | undefined> {
  const byId = OBJECT_ID.test(idOrName);
  try {
    const doc = await client.request<{ id: string; name: string }>(
      byId ? { operationId: 'getGroup', pathParams: { groupId: ctx.projectId(idOrName) } } : { operationId: 'getGroupByName', pathParams: { groupName: idOrName } },
    );
    return { id: doc.id, name: doc.name };
  } catch (err) {
    if (isAbsent(err, true)) return undefined;
    throw err;
  }
}

/** The clusters of a project, dedicated and free (listGroupClusters) then Flex (listGroupFlexClusters): names and the API each is at. */
async function projectClusters(client: AtlasClient, groupId: string): Promise<Array<{ name: string; api: Api }>> {
  const [dedicated, flex] = await Promise.all([
    client.list<{ name: string }>({ operationId: 'listGroupClusters', pathParams: { groupId } }),
    client.list<{ name: string }>({ operationId: 'listGroupFlexClusters', pathParams: { groupId } }),
  ]);
  return [...dedicated.map((c) => ({ name: c.name, api: 'clusters' as Api })), ...flex.map((c) => ({ name: c.name, api: 'flex' as Api }))];
}

/**
 * `project delete <id|name> [--cascade] [--if-exists]`: deleteGroup, after one prompt.
 * With --cascade, the project's clusters are deleted first and waited for until they
 * are gone (Atlas refuses to delete a project with clusters: 409
 * CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS); --dry-run prints every request of the plan.
 */
export async function remove(ctx: Context, [idOrName]: string[], opts: { dryRun?: boolean; ifExists?: boolean; cascade?: boolean; waitTimeout?: string }): Promise<void> {
  const given = idOrName!;
  if (OBJECT_ID.test(given)) ctx.projectId(given);
  if (opts.waitTimeout !== undefined && !opts.cascade) throw new UsageError('--wait-timeout goes with --cascade', 'a project is deleted at once; --cascade waits for its clusters');
  const timeoutMs = opts.cascade ? waitTimeoutMs({ wait: true, waitTimeout: opts.waitTimeout })! : undefined;
  const client = await ctx.client();
  // a name needs one read; an id is deleted as given (without --cascade nothing else is read)
  const project: { id: string; name: string } | undefined = OBJECT_ID.test(given) && !opts.cascade ? { id: given, name: given } : await findProject(ctx, client, given);
  if (!project) {
    if (opts.ifExists) return noteAbsent(ctx, `project ${given}`);
    throw new AtlasApiError(404, { error: 404, errorCode: 'GROUP_NAME_NOT_FOUND', detail: `No group with name "${given}" exists.` }, 'GET', `/api/atlas/v2/groups/byName/${given}`);
  }
  const groupId = project.id;
  const label = project.name === groupId ? `project ${groupId}` : `project ${project.name} (${groupId})`;
  const clusters = opts.cascade ? await projectClusters(client, groupId) : [];
  const spec: RequestSpec = { operationId: 'deleteGroup', pathParams: { groupId } };
  if (opts.dryRun) {
    for (const c of clusters) await dryRun(ctx, opts, clusterSpec(c.api, 'delete', groupId, c.name));
    await dryRun(ctx, opts, spec);
    if (opts.cascade)
      ctx.term.info(
        `dry run: would delete ${clusters.length ? `cluster${clusters.length === 1 ? '' : 's'} ${clusters.map((c) => c.name).join(', ')}, wait until gone, then ` : ''}${label}; nothing was sent`,
      );
    return;
  }
  const what = clusters.length ? `Delete ${label} and its cluster${clusters.length === 1 ? '' : 's'} ${clusters.map((c) => c.name).join(', ')}` : `Delete ${label}`;
  if (!(await confirmDestructive(ctx, what))) return;
  for (const c of clusters) {
    const sent = await deleting(ctx, { ifExists: true }, `cluster ${c.name}`, () => either(client, (api) => clusterSpec(api, 'delete', groupId, c.name), c.api));
    if (sent) ctx.term.info(`deleting cluster ${c.name}`);
  }
  for (const c of clusters) await waitForCluster(ctx, groupId, c.name, 'GONE', timeoutMs!, { api: c.api });
  try {
    if (!(await deleting(ctx, opts, label, () => client.request(spec), true))) return;
  } catch (err) {
    if (err instanceof AtlasApiError && err.errorCode === 'CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS') {
      throw err.withHint(`delete its clusters first, or all at once: atlascli project delete ${groupId} --cascade`);
    }
    throw err;
  }
  ctx.renderer.done(`deleted ${label}`, { deleted: true, id: groupId, ...(opts.cascade ? { clusters: clusters.map((c) => c.name) } : {}) });
}

/**
 * `project users [<id|name>] [--flatten-teams] [--include-org-users]`: listGroupUsers with
 * the spec's query flags `flattenTeams` (members of the project's teams too) and
 * `includeOrgUsers` (users with access through an organization role), each sent only
 * when given (Atlas's default is false for both).
 */
export async function users(ctx: Context, [projectId]: string[], opts: { limit?: string; flattenTeams?: boolean; includeOrgUsers?: boolean }): Promise<void> {
  const query: Record<string, boolean> = {};
  if (opts.flattenTeams) query.flattenTeams = true;
  if (opts.includeOrgUsers) query.includeOrgUsers = true;
  await renderList(ctx, { operationId: 'listGroupUsers', pathParams: { groupId: ctx.projectId(projectId) }, query }, USER_VIEW, opts);
}

/**
 * `project users remove <userId>`: removeGroupUser (204), after one prompt (--force in
 * scripts). With --if-exists a user Atlas does not find in the project (404) is a note
 * and exit 0.
 * @throws UsageError (exit 2) when nothing can confirm; AtlasApiError for Atlas's refusals
 */
export async function usersRemove(ctx: Context, [userId]: string[], opts: { dryRun?: boolean; ifExists?: boolean }): Promise<void> {
  const groupId = ctx.projectId();
  const spec: RequestSpec = { operationId: 'removeGroupUser', pathParams: { groupId, userId: userId! } };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Remove user ${userId} from project ${groupId}`))) return;
  const client = await ctx.client();
  if (!(await deleting(ctx, opts, `user ${userId} in project ${groupId}`, () => client.request(spec)))) return;
  ctx.renderer.done(`removed user ${userId} from project ${groupId}`, { removed: true, userId, projectId: groupId });
}

type ApiKey = Record<string, unknown> & { privateKey?: unknown };

/** `project api-keys list [<id|name>]`: listGroupApiKeys, private keys masked as `org api-keys` masks them. */
export async function apiKeysList(ctx: Context, [projectId]: string[], opts: { limit?: string }): Promise<void> {
  const spec: RequestSpec = { operationId: 'listGroupApiKeys', pathParams: { groupId: ctx.projectId(projectId) } };
  await renderList(ctx, spec, API_KEY_VIEW, opts, (k) => maskKey(k as ApiKey));
}

/**
 * `project api-keys assign <keyId> --role <GROUP_ROLE>...`: updateGroupApiKeyRoles
 * (PATCH {roles}), which assigns a key not yet in the project and sets the roles of one
 * that is (as the official CLI's `projects apiKeys assign` does); prints the key, masked.
 */
export async function apiKeysAssign(ctx: Context, [keyId]: string[], opts: { role?: string[]; dryRun?: boolean }): Promise<void> {
  if (!opts.role?.length) throw new UsageError('give at least one --role', `the key's roles in the project: ${PROJECT_ROLES.join(', ')}`);
  const groupId = ctx.projectId();
  const spec: RequestSpec = { operationId: 'updateGroupApiKeyRoles', pathParams: { groupId, apiUserId: keyId! }, body: { roles: opts.role } };
  if (await dryRun(ctx, opts, spec)) return;
  const doc = await (await ctx.client()).request<ApiKey>(spec);
  ctx.renderer.object(maskKey(doc), API_KEY_VIEW);
}

/**
 * `project api-keys unassign <keyId>`: removeGroupApiKey (204), after one prompt. With
 * --if-exists a key Atlas does not find in the project (400 API_KEY_NOT_FOUND, or a 404)
 * is a note on stderr and exit 0.
 */
export async function apiKeysUnassign(ctx: Context, [keyId]: string[], opts: { dryRun?: boolean; ifExists?: boolean }): Promise<void> {
  const groupId = ctx.projectId();
  const spec: RequestSpec = { operationId: 'removeGroupApiKey', pathParams: { groupId, apiUserId: keyId! } };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Unassign API key ${keyId} from project ${groupId}`))) return;
  const client = await ctx.client();
  try {
    await client.request(spec);
  } catch (err) {
    // Atlas answers a key that is not in the project with 400 API_KEY_NOT_FOUND, not 404
    if (!opts.ifExists || !(isAbsent(err) || (err instanceof AtlasApiError && err.errorCode === 'API_KEY_NOT_FOUND'))) throw err;
    return noteAbsent(ctx, `API key ${keyId} in project ${groupId}`);
  }
  ctx.renderer.done(`unassigned API key ${keyId} from project ${groupId}`, { unassigned: true, keyId, projectId: groupId });
}

/** A tag's key or value: what ResourceTag allows (1 to 255 characters). */
const TAG_PART_MAX = 255;

/**
 * `project update <id|name> [--name <new>] [--tag k=v]...`: updateGroup (PATCH GroupUpdate
 * {name, tags}). The tags replace the project's (recorded/iam/atlasprojects/…/Update_resetTags:
 * PATCH answers with the tags sent, the others gone). A name is looked up first
 * (getGroupByName).
 * @throws UsageError (exit 2) for nothing to change, a bad name or tag, before any request
 */
export async function update(ctx: Context, [idOrName]: string[], opts: { name?: string; tag?: string[]; dryRun?: boolean }): Promise<void> {
  const body: Record<string, unknown> = {};
  if (opts.name !== undefined) body.name = checkName(opts.name);
  const tags = parseTags(opts.tag);
  if (tags) {
    for (const t of tags) {
      if (t.key.length > TAG_PART_MAX || t.value.length > TAG_PART_MAX)
        throw new UsageError(`invalid --tag "${t.key}=${t.value}"`, `a tag's key and value are 1 to ${TAG_PART_MAX} characters each`);
    }
    const keys = tags.map((t) => t.key);
    const twice = keys.find((k, i) => keys.indexOf(k) !== i);
    if (twice !== undefined) throw new UsageError(`--tag ${twice} given twice`, 'give each key once');
    body.tags = tags;
  }
  if (!Object.keys(body).length) throw new UsageError('nothing to change', 'give --name <new>, --tag key=value, or both');
  const groupId = ctx.projectId(idOrName);
  const spec: RequestSpec = { operationId: 'updateGroup', pathParams: { groupId }, body };
  if (await dryRun(ctx, opts, spec)) return;
  const doc = await (await ctx.client()).request(spec);
  ctx.renderer.object(doc, PROJECT_VIEW);
}

/**
 * The teams of a project (listGroupTeams: team ids and roles). Where the output shows
 * team names (a table or CSV, short or full, or `--fields name`), they come from the organization's
 * teams (getGroup for its orgId, then listOrgTeams), fetched beside the list; a key that
 * may not read the organization's teams (401/403/404) gets the table without names.
 * `-o json` prints the documents as served.
 */
export async function teams(ctx: Context, [projectId]: string[], opts: { limit?: string }): Promise<void> {
  const spec: RequestSpec = { operationId: 'listGroupTeams', pathParams: { groupId: ctx.projectId(projectId) } };
  if (!showsTeamNames(ctx)) return renderList(ctx, spec, TEAM_VIEW, opts);
  const limit = parseLimit(opts);
  const client = await ctx.client();
  await renderProjectTeams(ctx, spec.pathParams.groupId, client.list<{ teamId?: string }>(spec, { limit }));
}

/** Whether the output shows team names (a table or CSV, or `--fields name`): only then are the organization's teams read. */
function showsTeamNames(ctx: Context): boolean {
  const { output, fields } = ctx.renderer.options;
  return fields ? fields.includes('name') : output === 'table' || output === 'csv';
}

/**
 * Renders a project's team assignments (TeamRole `{teamId, roleNames}`: `project teams`,
 * `project teams add`) in TEAM_VIEW. Where the output shows team names (a table or CSV, or
 * `--fields name`), they come from the organization's teams (getGroup for its orgId, then
 * listOrgTeams), fetched beside `roles`; a key that may not read them (401/403/404) gets
 * the table without names and a note. Else the documents as served.
 */
export async function renderProjectTeams(ctx: Context, groupId: string, roles: Promise<Array<{ teamId?: string }>> | Array<{ teamId?: string }>): Promise<void> {
  const scope = scopeOf({ groupId });
  if (!showsTeamNames(ctx)) return ctx.renderer.list(await roles, TEAM_VIEW, scope);
  const client = await ctx.client();
  let unreadable: string | undefined;
  const [list, names] = await Promise.all([
    roles,
    (async () => {
      try {
        const { orgId } = await client.request<{ orgId: string }>({ operationId: 'getGroup', pathParams: { groupId } });
        const orgTeams = await client.list<{ id: string; name: string }>({ operationId: 'listOrgTeams', pathParams: { orgId } });
        return new Map(orgTeams.map((t) => [t.id, t.name]));
      } catch (err) {
        if (err instanceof AtlasApiError && [401, 403, 404].includes(err.status)) {
          unreadable = err.errorCode ?? String(err.status);
          return new Map<string, string>();
        }
        throw err;
      }
    })(),
  ]);
  ctx.renderer.list(
    list.map((r) => ({ ...r, name: names.get(r.teamId ?? '') })),
    TEAM_VIEW,
    scope,
  );
  if (unreadable && list.length) ctx.term.info(`team names left out: these credentials may not read the organization's teams (${unreadable})`);
}

export async function settingsGet(ctx: Context, [projectId]: string[]): Promise<void> {
  const doc = await (
    await ctx.client()
  ).request<Record<string, unknown>>({
    operationId: 'getGroupSettings',
    pathParams: { groupId: ctx.projectId(projectId) },
  });
  renderSettings(ctx, doc, PROJECT_SETTINGS);
}

export async function settingsSet(ctx: Context, [projectId]: string[], opts: Record<string, string | boolean | undefined>): Promise<void> {
  const body: Record<string, boolean> = {};
  for (const s of PROJECT_SETTINGS) {
    const attr = s.flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    const v = opts[attr];
    if (typeof v === 'string') body[s.key] = parseBool(`--${s.flag}`, v);
  }
  if (Object.keys(body).length === 0) {
    throw new UsageError('nothing to change', `give at least one of: ${PROJECT_SETTINGS.map((s) => `--${s.flag}`).join(', ')}`);
  }
  const spec: RequestSpec = { operationId: 'updateGroupSettings', pathParams: { groupId: ctx.projectId(projectId) }, body };
  if (await dryRun(ctx, opts, spec)) return;
  const doc = await (await ctx.client()).request<Record<string, unknown>>(spec);
  renderSettings(ctx, doc, PROJECT_SETTINGS);
}
