// Teams: an organization's teams (create with users, get by id or name, rename, delete),
// their users (list, add, remove) and their assignment to projects with project roles
// (list, get, add, update, remove).
//
// The team state, and the functions other families read it through:
// - a team is a `Team` record in `state.teams` (id, orgId, name);
// - its users are the org's users whose `teamIds` hold its id (`teamMembers`), so
//   GET /orgs/{orgId}/users shows each user's teams;
// - its projects are the `teams` ({teamId, roleNames}) of each project (`projectTeams`,
//   `teamProjects`), so a project's users seen through their teams (`project users
//   --flatten-teams`) come from `teamMembers` of each of `projectTeams`.
//
// Rules, and where they come from ("docs": MongoDB's Atlas Administration API error-code
// list, mongodb/docs content/atlas/source/reference/api-errors.txt; "spec": the operation in
// the official OpenAPI spec):
// - create answers 201 with {id, links, name, usernames} (recorded/iam/atlasprojectteams/
//   TestAtlasProjectTeams/POST_…_teams_1.snaphost; the spec documents 200);
// - a team needs at least one user: 400 CANNOT_CREATE_EMPTY_TEAM "A team must contain at least
//   one user. Add a user to your team to continue." (docs; the same answer quoted from Atlas in
//   mongodb/terraform-provider-mongodbatlas#703 and mongodb/mongodb-atlas-cli#396);
// - a username that is not a user of the organization (active or pending): 404 USER_NOT_IN_ORG
//   "User %s is not in organization %s." (docs; the spec's addOrgTeamUser names
//   USER_NOT_IN_ORG for a user who does not belong to the organization); pending users may be
//   added (spec: addOrgTeamUser, "an active user or a user that has not yet accepted the
//   invitation"; listOrgTeamUsers 2025-02-19 lists "pending and active" users);
// - a name another team of the organization has: 409 TEAM_NAME_NOT_AVAILABLE "Cannot create a
//   team named %s in organization %s." (docs; createOrgTeam and renameOrgTeam are the team
//   operations whose spec lists a 409; which names collide, exact or case-insensitive, is a
//   guess: exact);
// - at most 250 users per team and 250 teams per organization (spec: addOrgTeamUsers,
//   createOrgTeam descriptions): 400 MAX_USERS_PER_TEAM_EXCEEDED, MAX_TEAMS_PER_ORG_EXCEEDED
//   (docs); at most 100 teams per project (spec: addGroupTeams): 400 MAX_TEAMS_PER_GROUP_EXCEEDED;
// - unknown team id: 404 TEAM_NOT_FOUND "No team with ID %s exists."; unknown name: 404
//   TEAM_NAME_NOT_FOUND "No team with name \"%s\" exists." (docs);
// - a team assigned to a project cannot be deleted: 404 (sic) CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT
//   (docs, status as listed);
// - the last user of a team cannot be removed: CANNOT_REMOVE_LAST_USER_FROM_TEAM (the code
//   quoted from Atlas in mongodb/terraform-provider-mongodbatlas#2662; its status, 400, is a guess);
// - adding a user already in the team: 409 USER_ALREADY_IN_TEAM "The user with ID %s in team
//   %s already exists." (docs); removing one who is not in it: 404 USER_NOT_IN_TEAM (a guess:
//   no source names it);
// - assigning a team of another organization: 404 TEAM_NOT_IN_ORG "Team %s is not in
//   Organization %s."; one already assigned: 409 TEAM_EXISTS_IN_GROUP "Cannot add a team that
//   already exists in group."; a team not assigned (get, update, remove): 404 TEAM_NOT_IN_GROUP
//   "The team in your request is not assigned to this group."; a role that is not a project
//   role: 400 INVALID_ROLE_FOR_GROUP "Role %s is invalid for group %s."; an update leaving no
//   role: 403 NO_ROLES_IN_ASSIGNMENT "You cannot remove all project roles a team has." (docs);
// - add answers the assignments it made, update the one it changed, as
//   PaginatedTeamRoleView (recorded …/Add/POST_…_teams_1 and …/Update/PATCH_…_1.snaphost),
//   remove 204 (…/Delete/DELETE_…_1.snaphost), delete of a team 204 (DELETE_…_teams_…_1).
import { isProjectRole } from '../../spec/project-roles.js';
import { link, paginate, requireOrg, requireProject, V2, type Ctx, type HandlerTable } from '../context.js';
import { ApiError, errors } from '../errors.js';
import type { AppUser, Json, Org, Project, ProjectTeam, SimulatorState, Team } from '../state.js';
import { renderAppUser2023, renderOrgUser2025 } from './users.js';

/** Atlas's limits (spec: createOrgTeam, addOrgTeamUsers, addGroupTeams descriptions). */
export const TEAM_LIMITS = { usersPerTeam: 250, teamsPerOrg: 250, teamsPerProject: 100 } as const;

// ---- the team state, for every family that reads it ----------------------------------

/** The teams of an organization, in the order they were made. */
export function teamsOf(state: SimulatorState, orgId: string): Team[] {
  return [...state.teams.values()].filter((t) => t.orgId === orgId);
}

/** The users of a team (active and pending), in the order the organization lists them. */
export function teamMembers(state: SimulatorState, team: Team): AppUser[] {
  return [...state.users.values()].filter((u) => u.orgRoles[team.orgId] && u.teamIds.includes(team.id));
}

/** The teams assigned to a project, with their project roles. */
export function projectTeams(state: SimulatorState, groupId: string): ProjectTeam[] {
  return state.project(groupId)?.teams ?? [];
}

/** The projects a team is assigned to. */
export function teamProjects(state: SimulatorState, teamId: string): Project[] {
  return [...state.projects.values()].filter((p) => p.teams.some((t) => t.teamId === teamId));
}

// ---- errors --------------------------------------------------------------------------

const teamErrors = {
  nameNotFound: (name: string) => new ApiError(404, 'TEAM_NAME_NOT_FOUND', `No team with name "${name}" exists.`, [name]),
  nameNotAvailable: (name: string, orgId: string) => new ApiError(409, 'TEAM_NAME_NOT_AVAILABLE', `Cannot create a team named ${name} in organization ${orgId}.`, [name, orgId]),
  empty: () => new ApiError(400, 'CANNOT_CREATE_EMPTY_TEAM', 'A team must contain at least one user. Add a user to your team to continue.'),
  userNotInOrg: (user: string, orgId: string) => new ApiError(404, 'USER_NOT_IN_ORG', `User ${user} is not in organization ${orgId}.`, [user, orgId]),
  userAlreadyInTeam: (userId: string, teamId: string) =>
    new ApiError(409, 'USER_ALREADY_IN_TEAM', `The user with ID ${userId} in team ${teamId} already exists.`, [userId, teamId]),
  userNotInTeam: (userId: string, teamId: string) => new ApiError(404, 'USER_NOT_IN_TEAM', `The user with ID ${userId} is not in team ${teamId}.`, [userId, teamId]),
  lastUser: (teamId: string) =>
    new ApiError(400, 'CANNOT_REMOVE_LAST_USER_FROM_TEAM', `Cannot remove the last user from team ${teamId}. A team must contain at least one user.`, [teamId]),
  assignedToProject: () =>
    new ApiError(
      404,
      'CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT',
      'You cannot delete a team that has at least one project assigned to it. Make sure to remove the team from all project before deleting it.',
    ),
  tooManyUsers: (teamId: string, orgId: string) =>
    new ApiError(400, 'MAX_USERS_PER_TEAM_EXCEEDED', `Maximum number of users per team ${TEAM_LIMITS.usersPerTeam} in ${teamId} exceeded while trying to add users.`, [
      teamId,
      orgId,
    ]),
  tooManyTeams: (orgId: string) =>
    new ApiError(400, 'MAX_TEAMS_PER_ORG_EXCEEDED', `Maximum number of teams per organization ${TEAM_LIMITS.teamsPerOrg} in ${orgId} exceeded while trying to add team.`, [orgId]),
  tooManyProjectTeams: (groupId: string) =>
    new ApiError(400, 'MAX_TEAMS_PER_GROUP_EXCEEDED', `Maximum number of teams per group ${TEAM_LIMITS.teamsPerProject} in ${groupId} exceeded while trying to add teams.`, [
      groupId,
    ]),
  notInOrg: (teamId: string, orgId: string) => new ApiError(404, 'TEAM_NOT_IN_ORG', `Team ${teamId} is not in Organization ${orgId}.`, [teamId, orgId]),
  existsInGroup: (teamId: string) => new ApiError(409, 'TEAM_EXISTS_IN_GROUP', 'Cannot add a team that already exists in group.', [teamId]),
  notInGroup: (teamId: string) => new ApiError(404, 'TEAM_NOT_IN_GROUP', 'The team in your request is not assigned to this group.', [teamId]),
  invalidRole: (role: string, groupId: string) => new ApiError(400, 'INVALID_ROLE_FOR_GROUP', `Role ${role} is invalid for group ${groupId}.`, [role, groupId]),
  noRoles: () => new ApiError(403, 'NO_ROLES_IN_ASSIGNMENT', 'You cannot remove all project roles a team has.'),
};

// ---- look-ups and renderers ----------------------------------------------------------

function requireTeam(ctx: Ctx, org: Org, teamId = ctx.params.teamId): Team {
  const t = ctx.state.teams.get(teamId);
  if (!t || t.orgId !== org.id) throw errors.teamNotFound(teamId);
  return t;
}

function teamPath(t: Team): string {
  return `${V2}/orgs/${t.orgId}/teams/${t.id}`;
}

/** TeamResponse: {id, links, name} (get, byName, rename; the items of listOrgTeams). */
export function renderTeam(ctx: Ctx, t: Team): Json {
  return { id: t.id, links: [link(ctx.base, teamPath(t))], name: t.name };
}

/** An org user found by username (emails compare case-insensitively), or undefined. */
function orgUserByName(state: SimulatorState, orgId: string, username: string): AppUser | undefined {
  const u = username.toLowerCase();
  return [...state.users.values()].find((x) => x.orgRoles[orgId] && x.username.toLowerCase() === u);
}

function orgUserById(ctx: Ctx, org: Org, userId: string): AppUser {
  const u = ctx.state.users.get(userId);
  if (!u || !u.orgRoles[org.id]) throw teamErrors.userNotInOrg(userId, org.id);
  return u;
}

function checkNameFree(state: SimulatorState, org: Org, name: string, except?: Team): void {
  if (teamsOf(state, org.id).some((t) => t !== except && t.name === name)) throw teamErrors.nameNotAvailable(name, org.id);
}

function renderAssignment(ctx: Ctx, groupId: string, t: ProjectTeam): Json {
  return { links: [link(ctx.base, `${V2}/groups/${groupId}/teams/${t.teamId}`)], roleNames: [...t.roleNames], teamId: t.teamId };
}

/** PaginatedTeamRoleView of the assignments an add or update answers with (one page: self only). */
function assignmentEnvelope(ctx: Ctx, groupId: string, teams: ProjectTeam[]): Json {
  return {
    links: [{ href: `${ctx.base}${ctx.pathname}?pageNum=1&itemsPerPage=100`, rel: 'self' }],
    results: teams.map((t) => renderAssignment(ctx, groupId, t)),
    totalCount: teams.length,
  };
}

function checkRoles(roles: string[], groupId: string): void {
  for (const r of roles) if (!isProjectRole(r)) throw teamErrors.invalidRole(r, groupId);
}

function assignment(ctx: Ctx, p: Project, teamId = ctx.params.teamId): ProjectTeam {
  const t = p.teams.find((x) => x.teamId === teamId);
  if (!t) throw teamErrors.notInGroup(teamId);
  return t;
}

export const teamHandlers: HandlerTable = {
  // ---- organization teams ----
  createOrgTeam: (ctx) => {
    const org = requireOrg(ctx);
    const b = ctx.body as { name: string; usernames: string[] };
    if (b.usernames.length === 0) throw teamErrors.empty();
    checkNameFree(ctx.state, org, b.name);
    if (teamsOf(ctx.state, org.id).length >= TEAM_LIMITS.teamsPerOrg) throw teamErrors.tooManyTeams(org.id);
    const members: AppUser[] = [];
    for (const name of b.usernames) {
      const u = orgUserByName(ctx.state, org.id, name);
      if (!u) throw teamErrors.userNotInOrg(name, org.id);
      members.push(u);
    }
    const team: Team = { id: ctx.state.newId(), orgId: org.id, name: b.name };
    if (members.length > TEAM_LIMITS.usersPerTeam) throw teamErrors.tooManyUsers(team.id, org.id);
    ctx.state.teams.set(team.id, team);
    for (const u of members) if (!u.teamIds.includes(team.id)) u.teamIds.push(team.id);
    return { status: 201, body: { ...renderTeam(ctx, team), usernames: members.map((u) => u.username) } };
  },

  getOrgTeam: (ctx) => ({ body: renderTeam(ctx, requireTeam(ctx, requireOrg(ctx))) }),

  getOrgTeamByName: (ctx) => {
    const org = requireOrg(ctx);
    const t = teamsOf(ctx.state, org.id).find((x) => x.name === ctx.params.teamName);
    if (!t) throw teamErrors.nameNotFound(ctx.params.teamName);
    return { body: renderTeam(ctx, t) };
  },

  renameOrgTeam: (ctx) => {
    const org = requireOrg(ctx);
    const t = requireTeam(ctx, org);
    const name = (ctx.body as { name: string }).name;
    checkNameFree(ctx.state, org, name, t);
    t.name = name;
    return { body: renderTeam(ctx, t) };
  },

  deleteOrgTeam: (ctx) => {
    const org = requireOrg(ctx);
    const t = requireTeam(ctx, org);
    if (teamProjects(ctx.state, t.id).length) throw teamErrors.assignedToProject();
    ctx.state.teams.delete(t.id);
    for (const u of ctx.state.users.values()) u.teamIds = u.teamIds.filter((id) => id !== t.id);
    return { status: 204 };
  },

  // ---- the users of a team ----
  listOrgTeamUsers: (ctx) => {
    const org = requireOrg(ctx);
    const members = teamMembers(ctx.state, requireTeam(ctx, org));
    // 2023-01-01 lists active users only (spec: listOrgTeamUsers description)
    if (ctx.version === '2023-01-01') {
      return paginate(
        ctx,
        members.filter((u) => u.orgMembershipStatus === 'ACTIVE'),
        (u) => renderAppUser2023(ctx.base, u),
      );
    }
    let users = members;
    const username = ctx.query.get('username');
    if (username) users = users.filter((u) => u.username.toLowerCase() === username.toLowerCase());
    const userId = ctx.query.get('userId');
    if (userId) users = users.filter((u) => u.id === userId);
    return paginate(ctx, users, (u) => renderOrgUser2025(u, org.id));
  },

  addOrgTeamUser: (ctx) => {
    const org = requireOrg(ctx);
    const t = requireTeam(ctx, org);
    const u = orgUserById(ctx, org, (ctx.body as { id: string }).id);
    if (u.teamIds.includes(t.id)) throw teamErrors.userAlreadyInTeam(u.id, t.id);
    if (teamMembers(ctx.state, t).length >= TEAM_LIMITS.usersPerTeam) throw teamErrors.tooManyUsers(t.id, org.id);
    u.teamIds.push(t.id);
    return { body: renderOrgUser2025(u, org.id) };
  },

  removeOrgTeamUser: (ctx) => {
    const org = requireOrg(ctx);
    const t = requireTeam(ctx, org);
    const u = orgUserById(ctx, org, (ctx.body as { id: string }).id);
    if (!u.teamIds.includes(t.id)) throw teamErrors.userNotInTeam(u.id, t.id);
    if (teamMembers(ctx.state, t).length === 1) throw teamErrors.lastUser(t.id);
    u.teamIds = u.teamIds.filter((id) => id !== t.id);
    return { body: renderOrgUser2025(u, org.id) };
  },

  // ---- teams assigned to projects ----
  listGroupTeams: (ctx) => {
    const p = requireProject(ctx);
    return paginate(ctx, p.teams, (t) => renderAssignment(ctx, p.id, t));
  },

  getGroupTeam: (ctx) => {
    const p = requireProject(ctx);
    return { body: renderAssignment(ctx, p.id, assignment(ctx, p)) };
  },

  addGroupTeams: (ctx) => {
    const p = requireProject(ctx);
    const wanted = ctx.body as Array<{ teamId: string; roleNames: string[] }>;
    // every team and role is checked before anything changes
    for (const w of wanted) {
      const team = ctx.state.teams.get(w.teamId);
      if (!team) throw errors.teamNotFound(w.teamId);
      if (team.orgId !== p.orgId) throw teamErrors.notInOrg(w.teamId, p.orgId);
      if (p.teams.some((x) => x.teamId === w.teamId) || wanted.filter((x) => x.teamId === w.teamId).length > 1) throw teamErrors.existsInGroup(w.teamId);
      if (w.roleNames.length === 0) throw errors.missingAttribute('roleNames');
      checkRoles(w.roleNames, p.id);
    }
    if (p.teams.length + wanted.length > TEAM_LIMITS.teamsPerProject) throw teamErrors.tooManyProjectTeams(p.id);
    const added = wanted.map((w) => ({ teamId: w.teamId, roleNames: [...new Set(w.roleNames)] }));
    p.teams.push(...added);
    return { body: assignmentEnvelope(ctx, p.id, added) };
  },

  updateGroupTeam: (ctx) => {
    const p = requireProject(ctx);
    const t = assignment(ctx, p);
    const roles = (ctx.body as { roleNames: string[] }).roleNames;
    if (roles.length === 0) throw teamErrors.noRoles();
    checkRoles(roles, p.id);
    t.roleNames = [...new Set(roles)];
    return { body: assignmentEnvelope(ctx, p.id, [t]) };
  },

  removeGroupTeam: (ctx) => {
    const p = requireProject(ctx);
    const t = assignment(ctx, p);
    p.teams = p.teams.filter((x) => x !== t);
    return { status: 204 };
  },
};
