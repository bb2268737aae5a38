/**
 * `team …` (the teams of an organization and their users) and `project teams add|remove`
 * (a team's access to a project). Teams are given by id (24 hexadecimal characters) or by
 * name (one getOrgTeamByName, src/program/names.ts); users by username, an email address
 * (checked at parse time, src/args/checks.ts), looked up in the organization before
 * anything changes.
 */
import type { AtlasClient, RequestSpec } from '../../atlas/client.js';
import { AtlasApiError, CliError, EXIT, UsageError } from '../../errors.js';
import { parseRole } from '../../args/roles.js';
import { PROJECT_ROLES } from '../../spec/project-roles.js';
import type { Context } from '../../program/context.js';
import { isAtlasId, teamIdByName } from '../../program/names.js';
import { USER_VIEW } from '../org/views.js';
import { assertConfirmable, confirmDestructive, deleting, dryRun, noteAbsent, renderGet, renderList, withHints } from '../shared.js';
import { NEW_TEAM_VIEW, TEAM_VIEW } from './views.js';

/** A team as a command names it: its id, and how messages call it (`team dba (e01…)`). */
interface TeamRef {
  id: string;
  label: string;
}

/** A team given by id: used as given (lower case), nothing looked up. */
function byId(id: string): TeamRef {
  return { id: id.toLowerCase(), label: `team ${id.toLowerCase()}` };
}

/**
 * The team `given` (an id, or a name in organization `orgId`): an id costs nothing, a
 * name one request (getOrgTeamByName).
 * @throws CliError exit 4 when no team has that name
 */
async function teamRef(client: AtlasClient, orgId: string, given: string): Promise<TeamRef> {
  if (isAtlasId(given)) return byId(given);
  const id = await teamIdByName(client, orgId, given);
  return { id, label: `team ${given} (${id})` };
}

/**
 * The team `lookup` finds (teamRef, projectTeamRef), or undefined when no team is named
 * `given` and `--if-exists` says that is fine (the note is written).
 */
async function existingTeamRef(ctx: Context, given: string, opts: { ifExists?: boolean }, lookup: () => Promise<TeamRef>): Promise<TeamRef | undefined> {
  try {
    return await lookup();
  } catch (err) {
    if (opts.ifExists && err instanceof CliError && err.exitCode === EXIT.notFound && !(err instanceof AtlasApiError)) {
      noteAbsent(ctx, `team ${given}`);
      return undefined;
    }
    throw err;
  }
}

/** Usernames as given, each once (Atlas compares them without case). */
function distinctUsernames(usernames: readonly string[]): string[] {
  const seen = new Set<string>();
  return usernames.filter((u) => {
    const k = u.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** What to do about a username the organization does not have (USER_NOT_IN_ORG). */
const ORG_USERS_HINT = '`atlascli org users` lists the users of the organization (invited users count; invite others first)';

/**
 * A username the organization does not have, found by the look-up before anything was
 * sent: Atlas's own error for it (404 USER_NOT_IN_ORG, as addOrgTeamUser and createOrgTeam
 * answer it), so `-o json` prints what Atlas would; the line says what happened.
 */
function notInOrg(orgId: string, missing: string[]): AtlasApiError {
  const [first] = missing;
  const err = new AtlasApiError(
    404,
    { error: 404, errorCode: 'USER_NOT_IN_ORG', detail: `User ${first} is not in organization ${orgId}.` },
    'GET',
    `/api/atlas/v2/orgs/${orgId}/users`,
    ORG_USERS_HINT,
  );
  err.message = `${missing.join(', ')} ${missing.length === 1 ? 'is not a user' : 'are not users'} of organization ${orgId} (USER_NOT_IN_ORG): nothing was added`;
  return err;
}

// ---- organization teams ---------------------------------------------------------------

/** `team list`: listOrgTeams of the organization (--org or the configured one). */
export async function list(ctx: Context, _args: string[], opts: { limit?: string }): Promise<void> {
  await renderList(ctx, { operationId: 'listOrgTeams', pathParams: { orgId: ctx.orgId() } }, TEAM_VIEW, opts);
}

/** `team get <id|name>`: getOrgTeam, or getOrgTeamByName for a name (one request either way). */
export async function get(ctx: Context, [given]: string[]): Promise<void> {
  const orgId = ctx.orgId();
  const client = await ctx.client();
  if (isAtlasId(given!) || /^\.{1,2}$/.test(given!)) {
    const team = await teamRef(client, orgId, given!);
    await renderGet(ctx, { operationId: 'getOrgTeam', pathParams: { orgId, teamId: team.id } }, TEAM_VIEW);
    return;
  }
  await renderGet(ctx, { operationId: 'getOrgTeamByName', pathParams: { orgId, teamName: given! } }, TEAM_VIEW);
}

/**
 * `team create <name> --user <username>...`: createOrgTeam with the users (Atlas refuses a
 * team without one, and usernames that are not users of the organization: 404 USER_NOT_IN_ORG).
 */
export async function create(ctx: Context, [name]: string[], opts: { user?: string[]; dryRun?: boolean }): Promise<void> {
  if (!opts.user?.length) throw new UsageError('give the team its first users: --user <username>', 'Atlas refuses a team without users (CANNOT_CREATE_EMPTY_TEAM)');
  const orgId = ctx.orgId();
  const spec: RequestSpec = { operationId: 'createOrgTeam', pathParams: { orgId }, body: { name: name!, usernames: distinctUsernames(opts.user) } };
  if (await dryRun(ctx, opts, spec)) return;
  const client = await ctx.client();
  const created = await withHints(
    () => client.request(spec),
    (err) =>
      err.errorCode === 'USER_NOT_IN_ORG'
        ? ORG_USERS_HINT
        : err.errorCode === 'TEAM_NAME_NOT_AVAILABLE'
          ? `the organization has a team named "${name}": atlascli team get "${name}"`
          : undefined,
  );
  ctx.renderer.object(created, NEW_TEAM_VIEW);
}

/** `team rename <id|name> <new>`: renameOrgTeam (a name is looked up first). */
export async function rename(ctx: Context, [given, newName]: string[], opts: { dryRun?: boolean }): Promise<void> {
  const orgId = ctx.orgId();
  const client = await ctx.client();
  const team = await teamRef(client, orgId, given!);
  const spec: RequestSpec = { operationId: 'renameOrgTeam', pathParams: { orgId, teamId: team.id }, body: { name: newName! } };
  if (await dryRun(ctx, opts, spec)) return;
  ctx.renderer.object(await client.request(spec), TEAM_VIEW);
}

/**
 * `team delete <id|name>`: deleteOrgTeam after one prompt. Atlas refuses to delete a team
 * that a project still has (CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT, a 404 that does not
 * mean absent).
 */
export async function remove(ctx: Context, [given]: string[], opts: { dryRun?: boolean; ifExists?: boolean }): Promise<void> {
  const orgId = ctx.orgId();
  // no one to ask and no --force: refused before the name is looked up
  if (!opts.dryRun) assertConfirmable(ctx, `Delete team ${given}`);
  const client = await ctx.client();
  const team = await existingTeamRef(ctx, given!, opts, () => teamRef(client, orgId, given!));
  if (!team) return;
  const spec: RequestSpec = { operationId: 'deleteOrgTeam', pathParams: { orgId, teamId: team.id } };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Delete ${team.label}`))) return;
  const deleted = await withHints(
    () => deleting(ctx, opts, team.label, () => client.request(spec)),
    (err) => (err.errorCode === 'CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT' ? `remove it from its projects first: atlascli project teams remove ${team.id} -p <project>` : undefined),
  );
  if (!deleted) return;
  ctx.renderer.done(`deleted ${team.label}`, { deleted: true, id: team.id });
}

// ---- the users of a team --------------------------------------------------------------

/** `team users list <id|name>`: listOrgTeamUsers (active and pending users). */
export async function usersList(ctx: Context, [given]: string[], opts: { limit?: string }): Promise<void> {
  const orgId = ctx.orgId();
  const team = await teamRef(await ctx.client(), orgId, given!);
  await renderList(ctx, { operationId: 'listOrgTeamUsers', pathParams: { orgId, teamId: team.id } }, USER_VIEW, opts);
}

/**
 * `team users add <id|name> <username>...`: each username is looked up in the organization
 * (listOrgUsers with `username`, all at once) before anything is sent: one it does not have
 * is reported as Atlas reports it (404 USER_NOT_IN_ORG) and nothing is added; one already
 * in the team is left out with a note. Then addOrgTeamUser for each, in the order given;
 * prints the users as Atlas answers them.
 */
export async function usersAdd(ctx: Context, [given, ...usernames]: string[], opts: { dryRun?: boolean }): Promise<void> {
  const orgId = ctx.orgId();
  const client = await ctx.client();
  const team = await teamRef(client, orgId, given!);
  const wanted = distinctUsernames(usernames);
  const found = await Promise.all(
    wanted.map(async (username) => {
      const users = await client.list<{ id: string; username: string; teamIds?: string[] }>({ operationId: 'listOrgUsers', pathParams: { orgId }, query: { username } });
      return { username, user: users.find((u) => u.username.toLowerCase() === username.toLowerCase()) };
    }),
  );
  const missing = found.filter((f) => !f.user).map((f) => f.username);
  if (missing.length) throw notInOrg(orgId, missing);
  const toAdd = found.filter((f) => {
    if (!f.user!.teamIds?.includes(team.id)) return true;
    ctx.term.info(`${f.user!.username} is in ${team.label} already: nothing to add`);
    return false;
  });
  const specs: RequestSpec[] = toAdd.map((f) => ({ operationId: 'addOrgTeamUser', pathParams: { orgId, teamId: team.id }, body: { id: f.user!.id } }));
  if (opts.dryRun) {
    for (const spec of specs) ctx.renderer.request(await client.describe(spec), { note: false });
    ctx.term.info('dry run: nothing was sent');
    return;
  }
  const added: unknown[] = [];
  for (const spec of specs) added.push(await client.request(spec));
  ctx.renderer.list(added, USER_VIEW);
}

/**
 * `team users remove <id|name> <username>...`: the team's users are read (listOrgTeamUsers)
 * to find each one's id; a username not in the team is an error (exit 4) unless
 * `--if-exists`; removing every user is refused before anything is sent (Atlas keeps at
 * least one: CANNOT_REMOVE_LAST_USER_FROM_TEAM), a UsageError (exit 2). One prompt, then removeOrgTeamUser for each.
 */
export async function usersRemove(ctx: Context, [given, ...usernames]: string[], opts: { dryRun?: boolean; ifExists?: boolean }): Promise<void> {
  const orgId = ctx.orgId();
  if (!opts.dryRun) assertConfirmable(ctx, `Remove ${usernames.join(', ')} from team ${given}`);
  const client = await ctx.client();
  const team = await teamRef(client, orgId, given!);
  const members = await client.list<{ id: string; username: string }>({ operationId: 'listOrgTeamUsers', pathParams: { orgId, teamId: team.id } });
  const byName = new Map(members.map((m) => [m.username.toLowerCase(), m]));
  const toRemove: Array<{ id: string; username: string }> = [];
  for (const username of distinctUsernames(usernames)) {
    const m = byName.get(username.toLowerCase());
    if (m) toRemove.push(m);
    else if (opts.ifExists) noteAbsent(ctx, `${username} in ${team.label}`);
    else throw new CliError(`${username} is not in ${team.label}`, `\`atlascli team users list ${given}\` lists its users`, EXIT.notFound);
  }
  if (toRemove.length === 0) return;
  if (toRemove.length === members.length) {
    // about the input (its usernames are all the team has): exit 2, as every refusal before sending
    throw new UsageError(
      `refusing to remove every user of ${team.label}: a team keeps at least one user (Atlas: CANNOT_REMOVE_LAST_USER_FROM_TEAM); nothing was sent`,
      `delete the team instead: atlascli team delete ${team.id}`,
    );
  }
  const specs: RequestSpec[] = toRemove.map((m) => ({ operationId: 'removeOrgTeamUser', pathParams: { orgId, teamId: team.id }, body: { id: m.id } }));
  if (opts.dryRun) {
    for (const spec of specs) ctx.renderer.request(await client.describe(spec), { note: false });
    ctx.term.info('dry run: nothing was sent');
    return;
  }
  const names = toRemove.map((m) => m.username);
  if (!(await confirmDestructive(ctx, `Remove ${names.join(', ')} from ${team.label}`))) return;
  for (const spec of specs) await client.request(spec);
  ctx.renderer.done(`removed ${names.join(', ')} from ${team.label}`, { removed: names, teamId: team.id });
}

// ---- teams of a project ---------------------------------------------------------------

/**
 * The team `given` for project `groupId`: an id as given, a name looked up in the
 * project's organization (getGroup for its orgId, then getOrgTeamByName).
 */
async function projectTeamRef(client: AtlasClient, groupId: string, given: string): Promise<TeamRef> {
  if (isAtlasId(given)) return byId(given);
  const { orgId } = await client.request<{ orgId: string }>({ operationId: 'getGroup', pathParams: { groupId } });
  return teamRef(client, orgId, given);
}

/**
 * `project teams add <teamId|name> --role <GROUP_ROLE>...`: addGroupTeams, the team with
 * these project roles (checked at parse time against the project roles). Prints the
 * assignment as Atlas answers it.
 */
export async function projectTeamAdd(ctx: Context, [given]: string[], opts: { role?: string[]; dryRun?: boolean }): Promise<void> {
  if (!opts.role?.length) throw new UsageError('give the team its project roles: --role <GROUP_ROLE>', `project roles: ${PROJECT_ROLES.join(', ')}`);
  const groupId = ctx.projectId();
  const roleNames = [...new Set(opts.role.map((r) => parseRole('group', '--role', r)))];
  const client = await ctx.client();
  const team = await projectTeamRef(client, groupId, given!);
  const spec: RequestSpec = { operationId: 'addGroupTeams', pathParams: { groupId }, body: [{ teamId: team.id, roleNames }] };
  if (await dryRun(ctx, opts, spec)) return;
  const answer = await withHints(
    () => client.request<{ results?: Array<{ teamId?: string }> }>(spec),
    (err) =>
      err.errorCode === 'TEAM_EXISTS_IN_GROUP'
        ? `\`atlascli project teams ${groupId}\` shows its roles; to give it others, remove it and add it again: atlascli project teams remove ${team.id} --force`
        : undefined,
  );
  // the view of `project teams`: TEAM ID, NAME, ROLES
  const { renderProjectTeams } = await import('../project/run.js');
  await renderProjectTeams(ctx, groupId, answer.results ?? []);
}

/**
 * `project teams remove <teamId|name>`: removeGroupTeam after one prompt; `--if-exists`
 * for a team the project does not have (404 TEAM_NOT_IN_GROUP) or that does not exist.
 */
export async function projectTeamRemove(ctx: Context, [given]: string[], opts: { dryRun?: boolean; ifExists?: boolean }): Promise<void> {
  const groupId = ctx.projectId();
  if (!opts.dryRun) assertConfirmable(ctx, `Remove team ${given} from project ${groupId}`);
  const client = await ctx.client();
  const team = await existingTeamRef(ctx, given!, opts, () => projectTeamRef(client, groupId, given!));
  if (!team) return;
  const spec: RequestSpec = { operationId: 'removeGroupTeam', pathParams: { groupId, teamId: team.id } };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Remove ${team.label} from project ${groupId}`))) return;
  if (!(await deleting(ctx, opts, `${team.label} in project ${groupId}`, () => client.request(spec)))) return;
  ctx.renderer.done(`removed ${team.label} from project ${groupId}`, { removed: true, teamId: team.id, groupId });
}
