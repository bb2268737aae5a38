// Teams in the simulator: each rule with its source, as src/simulator/resources/teams.ts
// lists them ("docs": MongoDB's Atlas Administration API error-code list,
// mongodb/docs content/atlas/source/reference/api-errors.txt).
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { projectTeams, teamMembers, teamProjects, teamsOf } from '../../src/simulator/resources/teams.js';
import { useSimulator } from './helpers.js';

const ORG = `/api/atlas/v2/orgs/${SEED.orgId}`;
const PROJECT = `/api/atlas/v2/groups/${SEED.projectId}`;
const STAGING = `/api/atlas/v2/groups/${SEED.stagingProjectId}`;
const V2025 = { version: '2025-02-19' };

describe('teams', () => {
  const fx = useSimulator({ clock: 'manual' });

  const create = (name: string, usernames: string[]) => fx.api('POST', `${ORG}/teams`, { body: { name, usernames } });

  it('creates a team with its users: 201 and {id, links, name, usernames} (recorded …/TestAtlasProjectTeams/POST_…_teams_1.snaphost)', async () => {
    const r = await create('ops', ['rita.reader@example.com', 'NEW.HIRE@example.com']);
    expect(r.status).toBe(201);
    const id = r.json.id as string;
    expect(r.json).toEqual({
      id,
      links: [{ href: `${fx.sim.url}${ORG}/teams/${id}`, rel: 'self' }],
      name: 'ops',
      usernames: ['rita.reader@example.com', 'new.hire@example.com'],
    });
    expect(Object.keys(r.json)).toEqual(['id', 'links', 'name', 'usernames']);
    // the users carry the team, as GET /orgs/{orgId}/users shows them
    const users = await fx.api('GET', `${ORG}/users`, V2025);
    expect(users.json.results.filter((u: any) => u.teamIds.includes(id)).map((u: any) => u.username)).toEqual(['rita.reader@example.com', 'new.hire@example.com']);
  });

  it('refuses a team without users: 400 CANNOT_CREATE_EMPTY_TEAM (docs; terraform-provider-mongodbatlas#703)', async () => {
    const r = await create('empty', []);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ errorCode: 'CANNOT_CREATE_EMPTY_TEAM', detail: 'A team must contain at least one user. Add a user to your team to continue.' });
  });

  it('refuses a username the organization does not have: 404 USER_NOT_IN_ORG (docs; spec addOrgTeamUser); nothing is made', async () => {
    const before = fx.sim.state.teams.size;
    const r = await create('ops', ['rita.reader@example.com', 'ghost@example.com']);
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ errorCode: 'USER_NOT_IN_ORG', detail: `User ghost@example.com is not in organization ${SEED.orgId}.` });
    expect(fx.sim.state.teams.size).toBe(before);
    // a user of another organization only is not in this one
    const other = await fx.api('POST', `/api/atlas/v2/orgs/${SEED.secondOrgId}/teams`, { body: { name: 'x', usernames: ['rita.reader@example.com'] } });
    expect(other.json).toMatchObject({ error: 404, errorCode: 'USER_NOT_IN_ORG' });
  });

  it('refuses a name another team of the organization has, on create and rename: 409 TEAM_NAME_NOT_AVAILABLE (docs; spec: the 409 of createOrgTeam, renameOrgTeam)', async () => {
    const dup = await create('dba-team', ['rita.reader@example.com']);
    expect(dup.status).toBe(409);
    expect(dup.json).toMatchObject({ errorCode: 'TEAM_NAME_NOT_AVAILABLE', detail: `Cannot create a team named dba-team in organization ${SEED.orgId}.` });
    const rename = await fx.api('PATCH', `${ORG}/teams/${SEED.teams.developers}`, { body: { name: 'dba-team' } });
    expect(rename.status).toBe(409);
    // renaming a team to its own name is no collision
    const same = await fx.api('PATCH', `${ORG}/teams/${SEED.teams.dba}`, { body: { name: 'dba-team' } });
    expect(same.status).toBe(200);
  });

  it('gets a team by id and by name, renames it (TeamResponse: id, links, name); unknown ones are TEAM_NOT_FOUND and TEAM_NAME_NOT_FOUND (docs)', async () => {
    const doc = { id: SEED.teams.dba, links: [{ href: `${fx.sim.url}${ORG}/teams/${SEED.teams.dba}`, rel: 'self' }], name: 'dba-team' };
    expect((await fx.api('GET', `${ORG}/teams/${SEED.teams.dba}`)).json).toEqual(doc);
    expect((await fx.api('GET', `${ORG}/teams/byName/dba-team`)).json).toEqual(doc);
    const renamed = await fx.api('PATCH', `${ORG}/teams/${SEED.teams.dba}`, { body: { name: 'dbas' } });
    expect(renamed.json).toEqual({ ...doc, name: 'dbas' });
    expect((await fx.api('GET', `${ORG}/teams/byName/dba-team`)).json).toMatchObject({
      error: 404,
      errorCode: 'TEAM_NAME_NOT_FOUND',
      detail: 'No team with name "dba-team" exists.',
    });
    expect((await fx.api('GET', `${ORG}/teams/ffffffffffffffffffffffff`)).json).toMatchObject({ error: 404, errorCode: 'TEAM_NOT_FOUND' });
    // a team of another organization is not found through this one
    expect((await fx.api('GET', `/api/atlas/v2/orgs/${SEED.secondOrgId}/teams/${SEED.teams.dba}`)).status).toBe(404);
  });

  it('lists a team’s users: active and pending with 2025-02-19, active only with 2023-01-01 (spec: listOrgTeamUsers)', async () => {
    const id = (await create('ops', ['rita.reader@example.com', 'new.hire@example.com'])).json.id as string;
    const now = await fx.api('GET', `${ORG}/teams/${id}/users`, V2025);
    expect(now.json.results.map((u: any) => [u.username, u.orgMembershipStatus])).toEqual([
      ['rita.reader@example.com', 'ACTIVE'],
      ['new.hire@example.com', 'PENDING'],
    ]);
    const old = await fx.api('GET', `${ORG}/teams/${id}/users`);
    expect(old.json.results.map((u: any) => u.emailAddress)).toEqual(['rita.reader@example.com']);
  });

  it('adds and removes a user by id (:addUser, :removeUser answer the user); refuses a second add (409 USER_ALREADY_IN_TEAM, docs) and removing the last user (CANNOT_REMOVE_LAST_USER_FROM_TEAM, terraform-provider-mongodbatlas#2662)', async () => {
    const path = `${ORG}/teams/${SEED.teams.dba}`;
    const added = await fx.api('POST', `${path}:addUser`, { ...V2025, body: { id: SEED.users.readOnly } });
    expect(added.status).toBe(200);
    expect(added.json).toMatchObject({ id: SEED.users.readOnly, username: 'rita.reader@example.com', teamIds: [SEED.teams.dba] });
    expect((await fx.api('POST', `${path}:addUser`, { ...V2025, body: { id: SEED.users.readOnly } })).json).toMatchObject({ error: 409, errorCode: 'USER_ALREADY_IN_TEAM' });
    expect((await fx.api('POST', `${path}:addUser`, { ...V2025, body: { id: 'ffffffffffffffffffffffff' } })).json).toMatchObject({ error: 404, errorCode: 'USER_NOT_IN_ORG' });
    const removed = await fx.api('POST', `${path}:removeUser`, { ...V2025, body: { id: SEED.users.readOnly } });
    expect(removed.json).toMatchObject({ id: SEED.users.readOnly, teamIds: [] });
    expect((await fx.api('POST', `${path}:removeUser`, { ...V2025, body: { id: SEED.users.readOnly } })).json).toMatchObject({ error: 404, errorCode: 'USER_NOT_IN_TEAM' });
    const last = await fx.api('POST', `${path}:removeUser`, { ...V2025, body: { id: SEED.users.owner } });
    expect(last.json).toMatchObject({ error: 400, errorCode: 'CANNOT_REMOVE_LAST_USER_FROM_TEAM' });
    expect(teamMembers(fx.sim.state, fx.sim.state.teams.get(SEED.teams.dba)!).map((u) => u.id)).toEqual([SEED.users.owner]);
  });

  it('refuses to delete a team a project has: 404 CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT (docs, status as listed); once removed from it, deletes (204, recorded DELETE_…_teams_…_1.snaphost)', async () => {
    const refused = await fx.api('DELETE', `${ORG}/teams/${SEED.teams.developers}`);
    expect(refused.status).toBe(404);
    expect(refused.json).toMatchObject({ errorCode: 'CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT' });
    expect((await fx.api('DELETE', `${PROJECT}/teams/${SEED.teams.developers}`)).status).toBe(204);
    expect((await fx.api('DELETE', `${ORG}/teams/${SEED.teams.developers}`)).status).toBe(204);
    expect(teamsOf(fx.sim.state, SEED.orgId).map((t) => t.name)).toEqual(['dba-team']);
    expect(fx.sim.state.users.get(SEED.users.developer)!.teamIds).toEqual([]);
  });

  it('assigns a team to a project with roles (200 PaginatedTeamRoleView of what it added, recorded …/Add/POST_…_teams_1.snaphost) and reads it back', async () => {
    const r = await fx.api('POST', `${STAGING}/teams`, { body: [{ teamId: SEED.teams.dba, roleNames: ['GROUP_READ_ONLY', 'GROUP_DATA_ACCESS_READ_ONLY'] }] });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      links: [{ href: `${fx.sim.url}${STAGING}/teams?pageNum=1&itemsPerPage=100`, rel: 'self' }],
      results: [
        {
          links: [{ href: `${fx.sim.url}${STAGING}/teams/${SEED.teams.dba}`, rel: 'self' }],
          roleNames: ['GROUP_READ_ONLY', 'GROUP_DATA_ACCESS_READ_ONLY'],
          teamId: SEED.teams.dba,
        },
      ],
      totalCount: 1,
    });
    expect((await fx.api('GET', `${STAGING}/teams/${SEED.teams.dba}`)).json).toEqual(r.json.results[0]);
    expect(projectTeams(fx.sim.state, SEED.stagingProjectId)).toEqual([{ teamId: SEED.teams.dba, roleNames: ['GROUP_READ_ONLY', 'GROUP_DATA_ACCESS_READ_ONLY'] }]);
    expect(teamProjects(fx.sim.state, SEED.teams.dba).map((p) => p.id)).toEqual([SEED.projectId, SEED.stagingProjectId]);
  });

  it('refuses an assignment Atlas refuses, changing nothing: TEAM_EXISTS_IN_GROUP 409, TEAM_NOT_IN_ORG 404, TEAM_NOT_FOUND 404, INVALID_ROLE_FOR_GROUP 400 (docs)', async () => {
    const add = (body: unknown) => fx.api('POST', `${PROJECT}/teams`, { body });
    expect((await add([{ teamId: SEED.teams.dba, roleNames: ['GROUP_READ_ONLY'] }])).json).toMatchObject({
      error: 409,
      errorCode: 'TEAM_EXISTS_IN_GROUP',
      detail: 'Cannot add a team that already exists in group.',
    });
    const partnerTeam = (await fx.api('POST', `/api/atlas/v2/orgs/${SEED.secondOrgId}/teams`, { body: { name: 'partners', usernames: ['ada.owner@example.com'] } })).json.id;
    expect((await add([{ teamId: partnerTeam, roleNames: ['GROUP_READ_ONLY'] }])).json).toMatchObject({ error: 404, errorCode: 'TEAM_NOT_IN_ORG' });
    expect((await add([{ teamId: 'ffffffffffffffffffffffff', roleNames: ['GROUP_READ_ONLY'] }])).json).toMatchObject({ error: 404, errorCode: 'TEAM_NOT_FOUND' });
    const id = (await create('ops', ['rita.reader@example.com'])).json.id;
    expect((await add([{ teamId: id, roleNames: ['GROUP_READ_ONLY', 'GROUP_ADMIN'] }])).json).toMatchObject({
      error: 400,
      errorCode: 'INVALID_ROLE_FOR_GROUP',
      detail: `Role GROUP_ADMIN is invalid for group ${SEED.projectId}.`,
    });
    expect(projectTeams(fx.sim.state, SEED.projectId).map((t) => t.teamId)).toEqual([SEED.teams.dba, SEED.teams.developers]);
  });

  it('updates the roles of an assignment (recorded …/Update/PATCH_…_1.snaphost), not to none (403 NO_ROLES_IN_ASSIGNMENT, docs); a team not assigned is TEAM_NOT_IN_GROUP (docs)', async () => {
    const upd = await fx.api('PATCH', `${PROJECT}/teams/${SEED.teams.dba}`, { body: { teamId: SEED.teams.dba, roleNames: ['GROUP_READ_ONLY', 'GROUP_DATA_ACCESS_READ_ONLY'] } });
    expect(upd.json.results).toEqual([
      { links: [{ href: `${fx.sim.url}${PROJECT}/teams/${SEED.teams.dba}`, rel: 'self' }], roleNames: ['GROUP_READ_ONLY', 'GROUP_DATA_ACCESS_READ_ONLY'], teamId: SEED.teams.dba },
    ]);
    expect((await fx.api('PATCH', `${PROJECT}/teams/${SEED.teams.dba}`, { body: { teamId: SEED.teams.dba, roleNames: [] } })).json).toMatchObject({
      error: 403,
      errorCode: 'NO_ROLES_IN_ASSIGNMENT',
    });
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { teamId: SEED.teams.dba, roleNames: ['GROUP_OWNER'] }],
      ['DELETE', undefined],
    ] as const) {
      expect((await fx.api(method, `${STAGING}/teams/${SEED.teams.dba}`, { body })).json, method).toMatchObject({
        error: 404,
        errorCode: 'TEAM_NOT_IN_GROUP',
        detail: 'The team in your request is not assigned to this group.',
      });
    }
  });
});
