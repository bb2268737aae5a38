import { describe, expect, it } from 'vitest';
import { SEED, startSimulator } from '../../src/simulator/index.js';
import { client, useSimulator } from './helpers.js';

describe('organizations and projects', () => {
  const fx = useSimulator({ stepMs: 50 }, { reset: false });

  it('lists and describes organizations, with the name filter', async () => {
    const all = await fx.api('GET', '/api/atlas/v2/orgs');
    expect(all.json.totalCount).toBe(4);
    expect(all.json.results[0]).toEqual({
      id: SEED.orgId,
      isDeleted: false,
      links: [{ href: `${fx.sim.url}/api/atlas/v2/orgs/${SEED.orgId}`, rel: 'self' }],
      name: SEED.orgName,
      skipDefaultAlertsSettings: false,
    });
    const filtered = await fx.api('GET', `/api/atlas/v2/orgs?name=${encodeURIComponent('atlascli partner')}`);
    expect(filtered.json.results.map((o: any) => o.id)).toEqual([SEED.secondOrgId]);
    const one = await fx.api('GET', `/api/atlas/v2/orgs/${SEED.orgId}`);
    expect(one.json.links.map((l: any) => l.rel)).toEqual(['self', 'https://cloud.mongodb.com/groups', 'https://cloud.mongodb.com/teams', 'https://cloud.mongodb.com/users']);
    const missing = await fx.api('GET', '/api/atlas/v2/orgs/ffffffffffffffffffffffff');
    expect(missing.json).toMatchObject({ error: 404, errorCode: 'ORG_NOT_FOUND' });
  });

  it('lists org users in both versions and the org projects', async () => {
    const v2025 = await fx.api('GET', `/api/atlas/v2/orgs/${SEED.orgId}/users`, { version: '2025-02-19' });
    expect(v2025.json.totalCount).toBe(5);
    const owner = v2025.json.results.find((u: any) => u.id === SEED.users.owner);
    expect(owner).toMatchObject({ orgMembershipStatus: 'ACTIVE', roles: { orgRoles: ['ORG_OWNER'] } });
    expect(owner.roles.groupRoleAssignments).toContainEqual({ groupId: SEED.projectId, groupRoles: ['GROUP_OWNER'] });
    expect(v2025.json.results.find((u: any) => u.orgMembershipStatus === 'PENDING')).toHaveProperty('invitationExpiresAt');
    const v2023 = await fx.api('GET', `/api/atlas/v2/orgs/${SEED.orgId}/users`, { version: '2023-01-01' });
    expect(v2023.json.results[0]).toHaveProperty('emailAddress');
    expect(v2023.json.results[0].roles).toContainEqual({ orgId: SEED.orgId, roleName: 'ORG_OWNER' });
    const projects = await fx.api('GET', `/api/atlas/v2/orgs/${SEED.secondOrgId}/groups`);
    expect(projects.json.results.map((p: any) => p.name)).toEqual([SEED.partnerProjectName, SEED.spacedProjectName]);
  });

  it('creates (201), finds by name, updates and deletes (202) a project', async () => {
    const created = await fx.api('POST', '/api/atlas/v2/groups', { body: { name: 'my-new-project', orgId: SEED.orgId, tags: [{ key: 'env', value: 'test' }] } });
    expect(created.status).toBe(201);
    const id = created.json.id;
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(created.json).toMatchObject({ clusterCount: 0, name: 'my-new-project', orgId: SEED.orgId, tags: [{ key: 'env', value: 'test' }], withDefaultAlertsSettings: true });
    expect(created.json.links).toHaveLength(7);
    expect(created.json.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const dup = await fx.api('POST', '/api/atlas/v2/groups', { body: { name: 'my-new-project', orgId: SEED.orgId } });
    expect(dup.status).toBe(409);
    expect(dup.json.errorCode).toBe('GROUP_ALREADY_EXISTS');
    // the same name in another org is fine
    expect((await fx.api('POST', '/api/atlas/v2/groups', { body: { name: 'my-new-project', orgId: SEED.secondOrgId } })).status).toBe(201);
    expect((await fx.api('POST', '/api/atlas/v2/groups', { body: { name: 'x', orgId: 'ffffffffffffffffffffffff' } })).json.errorCode).toBe('ORG_NOT_FOUND');

    const byName = await fx.api('GET', '/api/atlas/v2/groups/byName/my-new-project');
    expect(byName.status).toBe(200);
    expect((await fx.api('GET', '/api/atlas/v2/groups/byName/no-such-project')).json).toMatchObject({ error: 404, errorCode: 'GROUP_NAME_NOT_FOUND' });

    const updated = await fx.api('PATCH', `/api/atlas/v2/groups/${id}`, { body: { name: 'renamed', tags: [] } });
    expect(updated.json).toMatchObject({ name: 'renamed', tags: [] });
    // GroupUpdate has no orgId: moving a project is refused (its own orgId, echoed unchanged, is not: atlas-client.test.ts)
    const badUpdate = await fx.api('PATCH', `/api/atlas/v2/groups/${id}`, { body: { orgId: SEED.secondOrgId } });
    expect(badUpdate.status).toBe(400);

    const del = await fx.api('DELETE', `/api/atlas/v2/groups/${id}`);
    expect(del.status).toBe(202);
    expect((await fx.api('GET', `/api/atlas/v2/groups/${id}`)).json.errorCode).toBe('GROUP_NOT_FOUND');
  });

  it('shows project users (2025-02-19) and teams; adds, updates and removes teams', async () => {
    const P = `/api/atlas/v2/groups/${SEED.projectId}`;
    const users = await fx.api('GET', `${P}/users`, { version: '2025-02-19' });
    expect(users.json.results.map((u: any) => u.username).sort()).toEqual(['ada.owner@example.com', 'dev.eloper@example.com', 'rita.reader@example.com']);
    expect(users.json.results.find((u: any) => u.id === SEED.users.owner).roles).toEqual(['GROUP_OWNER']);

    const staging = `/api/atlas/v2/groups/${SEED.stagingProjectId}`;
    expect((await fx.api('GET', `${staging}/teams`)).json.totalCount).toBe(0);
    const added = await fx.api('POST', `${staging}/teams`, { body: [{ teamId: SEED.teams.dba, roleNames: ['GROUP_READ_ONLY'] }] });
    expect(added.status).toBe(200);
    expect(added.json.results).toEqual([
      { links: [{ href: `${fx.sim.url}${staging}/teams/${SEED.teams.dba}`, rel: 'self' }], roleNames: ['GROUP_READ_ONLY'], teamId: SEED.teams.dba },
    ]);
    const unknownTeam = await fx.api('POST', `${staging}/teams`, { body: [{ teamId: 'ffffffffffffffffffffffff', roleNames: ['GROUP_READ_ONLY'] }] });
    expect(unknownTeam.status).toBe(404);
    const upd = await fx.api('PATCH', `${staging}/teams/${SEED.teams.dba}`, { body: { teamId: SEED.teams.dba, roleNames: ['GROUP_OWNER'] } });
    expect(upd.json.results[0].roleNames).toEqual(['GROUP_OWNER']);
    expect((await fx.api('DELETE', `${staging}/teams/${SEED.teams.dba}`)).status).toBe(204);
    expect((await fx.api('GET', `${staging}/teams`)).json.totalCount).toBe(0);
  });

  it('reads and patches project settings', async () => {
    const P = `/api/atlas/v2/groups/${SEED.projectId}/settings`;
    const before = await fx.api('GET', P);
    expect(before.json.isDataExplorerEnabled).toBe(true);
    const after = await fx.api('PATCH', P, { body: { isDataExplorerEnabled: false } });
    expect(after.json).toEqual({ ...before.json, isDataExplorerEnabled: false });
    const refused = await fx.api('PATCH', P, { body: { isSomethingElse: true } });
    expect(refused.status).toBe(400);
    expect(refused.json.detail).toContain('/isSomethingElse: unknown attribute');
  });
});

describe('independent instances', () => {
  it('runs several simulators in parallel without shared state', async () => {
    const [a, b] = await Promise.all([startSimulator(), startSimulator()]);
    try {
      expect(a.port).not.toBe(b.port);
      const res = await client(a)('POST', '/api/atlas/v2/groups', { body: { name: 'only-in-a', orgId: SEED.orgId } });
      expect(res.status).toBe(201);
      expect(a.state.projectByName('only-in-a')).toBeDefined();
      expect(b.state.projectByName('only-in-a')).toBeUndefined();
      expect(b.requests).toHaveLength(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
