// Rules of the simulated project users (listGroupUsers's flags, removeGroupUser), project API
// keys (listGroupApiKeys, addGroupApiKey, updateGroupApiKeyRoles, removeGroupApiKey) and
// project updates (updateGroup): src/simulator/resources/project-access.ts and projects.ts.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { useSimulator } from './helpers.js';

const GROUP = `/api/atlas/v2/groups/${SEED.projectId}`;
const KEY = 'f0123456789abcdef012345f';
const OTHER_KEY = 'f1123456789abcdef012345f';

const fx = useSimulator({ stepMs: 50 });

describe('project users', () => {
  it('the 2025-02-19 shape and the self link as recorded (recorded/iam/atlasprojects/TestAtlasProjects/Users)', async () => {
    const r = await fx.api('GET', `${GROUP}/users?flattenTeams=false&includeOrgUsers=false`, { version: '2025-02-19' });
    expect(r.status).toBe(200);
    expect(r.json.links[0].href).toBe(`${fx.sim.url}${GROUP}/users?flattenTeams=false&includeOrgUsers=false&includeCount=true&pageNum=1&itemsPerPage=100`);
    expect(Object.keys(r.json.results[0])).toEqual(['country', 'createdAt', 'firstName', 'id', 'lastAuth', 'lastName', 'mobileNumber', 'orgMembershipStatus', 'roles', 'username']);
  });

  it("flattenTeams=true adds the members of the project's teams with the team's roles (spec: listGroupUsers, flattenTeams)", async () => {
    fx.sim.state.users.get(SEED.users.billing)!.teamIds.push(SEED.teams.dba);
    const plain = await fx.api('GET', `${GROUP}/users`, { version: '2025-02-19' });
    expect(plain.json.results.map((u: any) => u.id)).not.toContain(SEED.users.billing);
    const flat = await fx.api('GET', `${GROUP}/users?flattenTeams=true`, { version: '2025-02-19' });
    expect(flat.json.results.find((u: any) => u.id === SEED.users.billing).roles).toEqual(['GROUP_OWNER']);
    // a user with a role of their own and a team's: each role once
    expect(flat.json.results.find((u: any) => u.id === SEED.users.developer).roles).toEqual(['GROUP_DATA_ACCESS_READ_WRITE', 'GROUP_READ_ONLY']);
  });

  it("includeOrgUsers=true adds the organization's active ORG_OWNER and ORG_READ_ONLY users (spec: listGroupUsers, includeOrgUsers)", async () => {
    delete fx.sim.state.users.get(SEED.users.readOnly)!.groupRoles[SEED.projectId];
    const r = await fx.api('GET', `${GROUP}/users?includeOrgUsers=true`, { version: '2025-02-19' });
    const ids = r.json.results.map((u: any) => u.id);
    expect(ids).toContain(SEED.users.readOnly);
    expect(ids).not.toContain(SEED.users.billing); // ORG_BILLING_ADMIN
    expect(ids).not.toContain(SEED.users.invited); // PENDING
  });

  it('removeGroupUser: 204, then 404 USER_NOT_FOUND (docs: Atlas API error codes)', async () => {
    expect((await fx.api('DELETE', `${GROUP}/users/${SEED.users.readOnly}`, { version: '2025-02-19' })).status).toBe(204);
    const again = await fx.api('DELETE', `${GROUP}/users/${SEED.users.readOnly}`, { version: '2025-02-19' });
    expect(again.json).toMatchObject({ error: 404, errorCode: 'USER_NOT_FOUND', detail: `No user with ID ${SEED.users.readOnly} exists.` });
    // the user stays in the organization
    expect(fx.sim.state.users.get(SEED.users.readOnly)!.orgRoles[SEED.orgId]).toEqual(['ORG_READ_ONLY']);
  });
});

describe('project API keys', () => {
  it('listGroupApiKeys: the assigned keys, masked (spec: ApiKeyUserDetails.privateKey "Redacted")', async () => {
    const r = await fx.api('GET', `${GROUP}/apiKeys`);
    expect(r.json.results.map((k: any) => k.id)).toEqual([KEY]);
    expect(r.json.results[0].privateKey).toMatch(/^\*{8}-\*{4}-\*{4}-[0-9a-f]{12}$/);
    expect((await fx.api('GET', `/api/atlas/v2/groups/${SEED.stagingProjectId}/apiKeys`)).json.totalCount).toBe(0);
  });

  it('updateGroupApiKeyRoles assigns a key and sets its roles: 200 with the key', async () => {
    const r = await fx.api('PATCH', `${GROUP}/apiKeys/${OTHER_KEY}`, { body: { roles: ['GROUP_READ_ONLY'] } });
    expect(r.status).toBe(200);
    expect(r.json.roles).toEqual([
      { orgId: SEED.orgId, roleName: 'ORG_READ_ONLY' },
      { groupId: SEED.projectId, roleName: 'GROUP_READ_ONLY' },
    ]);
  });

  it('addGroupApiKey (POST [{roles}]) assigns: 204 (spec)', async () => {
    const r = await fx.api('POST', `${GROUP}/apiKeys/${OTHER_KEY}`, { body: [{ roles: ['GROUP_CLUSTER_MANAGER'] }] });
    expect(r.status).toBe(204);
    expect((await fx.api('GET', `${GROUP}/apiKeys`)).json.results.map((k: any) => k.id)).toEqual([KEY, OTHER_KEY]);
  });

  it('an organization role in a project: 400 CANNOT_ADD_ORG_ROLE (docs: Atlas API error codes)', async () => {
    const r = await fx.api('PATCH', `${GROUP}/apiKeys/${OTHER_KEY}`, { body: { roles: ['ORG_OWNER'] } });
    expect(r.json).toMatchObject({ error: 400, errorCode: 'CANNOT_ADD_ORG_ROLE' });
  });

  it('a name that is not a project role: 400 INVALID_ROLE_FOR_GROUP (docs: Atlas API error codes); no role: 400', async () => {
    const r = await fx.api('PATCH', `${GROUP}/apiKeys/${OTHER_KEY}`, { body: { roles: ['GROUP_READONLY'] } });
    expect(r.json).toMatchObject({ error: 400, errorCode: 'INVALID_ROLE_FOR_GROUP', detail: `Role GROUP_READONLY is invalid for group ${SEED.projectId}.` });
    expect((await fx.api('PATCH', `${GROUP}/apiKeys/${OTHER_KEY}`, { body: { roles: [] } })).status).toBe(400);
    // nothing was assigned
    expect((await fx.api('GET', `${GROUP}/apiKeys`)).json.results.map((k: any) => k.id)).toEqual([KEY]);
  });

  it('unknown key: 400 API_KEY_NOT_FOUND (docs); malformed: 404 INVALID_KEY_ID', async () => {
    expect((await fx.api('PATCH', `${GROUP}/apiKeys/f9123456789abcdef012345f`, { body: { roles: ['GROUP_OWNER'] } })).json).toMatchObject({
      error: 400,
      errorCode: 'API_KEY_NOT_FOUND',
    });
    expect((await fx.api('DELETE', `${GROUP}/apiKeys/nothex`)).json).toMatchObject({ error: 404, errorCode: 'INVALID_KEY_ID' });
  });

  it('removeGroupApiKey: 204, the key keeps its organization roles; a key not in the project 400 API_KEY_NOT_FOUND', async () => {
    expect((await fx.api('DELETE', `${GROUP}/apiKeys/${KEY}`)).status).toBe(204);
    expect((await fx.api('GET', `/api/atlas/v2/orgs/${SEED.orgId}/apiKeys/${KEY}`)).json.roles).toEqual([{ orgId: SEED.orgId, roleName: 'ORG_MEMBER' }]);
    expect((await fx.api('DELETE', `${GROUP}/apiKeys/${KEY}`)).json).toMatchObject({ error: 400, errorCode: 'API_KEY_NOT_FOUND' });
  });

  it('updateOrgApiKey changes the organization roles and keeps the project ones', async () => {
    await fx.api('PATCH', `/api/atlas/v2/orgs/${SEED.orgId}/apiKeys/${KEY}`, { body: { roles: ['ORG_READ_ONLY'] } });
    expect((await fx.api('GET', `${GROUP}/apiKeys`)).json.results[0].roles).toEqual([
      { orgId: SEED.orgId, roleName: 'ORG_READ_ONLY' },
      { groupId: SEED.projectId, roleName: 'GROUP_CLUSTER_MANAGER' },
    ]);
  });
});

describe('project update', () => {
  it('PATCH {name, tags}: the project as recorded (Update_setNameAndTags), tags replaced (Update_resetTags: [] clears them)', async () => {
    const r = await fx.api('PATCH', GROUP, { body: { name: 'e2e-proj-updated', tags: [{ key: 'env', value: 'e2e' }] } });
    expect(r.status).toBe(200);
    expect(Object.keys(r.json)).toEqual(['clusterCount', 'created', 'id', 'links', 'name', 'orgId', 'tags', 'withDefaultAlertsSettings']);
    expect(r.json.tags).toEqual([{ key: 'env', value: 'e2e' }]);
    const reset = await fx.api('PATCH', GROUP, { body: { tags: [] } });
    expect(reset.json).toMatchObject({ name: 'e2e-proj-updated', tags: [] });
  });
});
