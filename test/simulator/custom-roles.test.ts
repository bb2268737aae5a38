// Rules of the simulated custom database roles (src/simulator/resources/custom-roles.ts), each
// with its source: the spec's operations (createGroupCustomDbRoleRole … deleteGroupCustomDbRoleRole)
// and the Atlas Administration API error-code list (mongodb.com/docs/atlas/reference/api-errors).
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { useSimulator } from './helpers.js';

const ROLES = `/api/atlas/v2/groups/${SEED.projectId}/customDBRoles/roles`;
const USERS = `/api/atlas/v2/groups/${SEED.projectId}/databaseUsers`;
const find = (db: string, collection = '') => ({ action: 'FIND', resources: [{ cluster: false, collection, db }] });

describe('custom database roles', () => {
  const fx = useSimulator({ stepMs: 50 });

  it('create answers 202 with the role (spec), then get and list serve it; a reset forgets it', async () => {
    const r = await fx.api('POST', ROLES, { body: { roleName: 'r1', actions: [find('sales')] } });
    expect(r.status).toBe(202);
    expect(r.json).toEqual({ actions: [find('sales')], inheritedRoles: [], roleName: 'r1' });
    expect((await fx.api('GET', `${ROLES}/r1`)).json).toEqual(r.json);
    expect((await fx.api('GET', ROLES)).json.map((x: { roleName: string }) => x.roleName)).toEqual(['salesAuditor', 'ordersAppender', 'r1']);
    // a reset forgets it
    fx.sim.reset();
    expect((await fx.api('GET', `${ROLES}/r1`)).status).toBe(404);
  });

  it.each([
    [{ roleName: 'salesAuditor', actions: [find('x')] }, 409, 'ATLAS_CUSTOM_ROLE_ALREADY_EXISTS'], // guess (README)
    [{ roleName: 'a b', actions: [find('x')] }, 400, 'ATLAS_CUSTOM_ROLE_INVALID_NAME'],
    [{ roleName: 'read', actions: [find('x')] }, 400, 'ATLAS_INVALID_CUSTOM_ROLE_RESTRICTED'],
    [{ roleName: 'xgen-r', actions: [find('x')] }, 400, 'ATLAS_RESERVED_CUSTOM_ROLE_RESTRICTED'],
    [{ roleName: 'r2', actions: [], inheritedRoles: [] }, 400, 'ATLAS_CUSTOM_ROLE_HAS_NO_PERMISSIONS'],
    // as Atlas answered the official CLI (mongodb/mongodb-atlas-cli#2791)
    [{ roleName: 'r2', actions: [find('a', 'x'), find('a', 'y')] }, 400, 'ATLAS_DUPLICATE_CUSTOM_ROLE_ACTION'],
    [{ roleName: 'r2', actions: [{ action: 'FIND', resources: [find('a').resources[0], find('a').resources[0]] }] }, 400, 'ATLAS_DUPLICATE_CUSTOM_ROLE_RESOURCE'],
    [{ roleName: 'r2', inheritedRoles: [{ db: 'admin', role: 'ghost' }] }, 400, 'ATLAS_INVALID_CUSTOM_ROLE_INHERITANCE'],
    [{ roleName: 'r2', inheritedRoles: [{ db: 'admin', role: 'r2' }] }, 400, 'ATLAS_INVALID_CUSTOM_ROLE_SELF_REFERENTIAL'],
  ])('create %j: %i %s', async (body, status, code) => {
    const r = await fx.api('POST', ROLES, { body });
    expect(r.status).toBe(status);
    expect(r.json).toMatchObject({ error: status, errorCode: code });
  });

  it('a resource without its three fields is refused by the spec check (DatabasePermittedNamespaceResource requires cluster, collection, db)', async () => {
    const r = await fx.api('POST', ROLES, { body: { roleName: 'r4', actions: [{ action: 'FIND', resources: [{ db: 'a' }] }] } });
    expect(r.status).toBe(400);
  });

  it('an action on the cluster resource that does not apply to it: 400 ATLAS_INVALID_RESOURCE (Atlas error-code list; which actions apply: MongoDB "Privilege Actions", src/spec/privilege-actions.ts)', async () => {
    const cluster = (action: string) => ({ action, resources: [{ cluster: true, collection: '', db: '' }] });
    const r = await fx.api('POST', ROLES, { body: { roleName: 'r4', actions: [cluster('FIND')] } });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: 400, errorCode: 'ATLAS_INVALID_RESOURCE', detail: 'One or more of the selected actions was applied to an incorrect resource.' });
    expect((await fx.api('GET', `${ROLES}/r4`)).status).toBe(404);
    const ok = await fx.api('POST', ROLES, { body: { roleName: 'r5', actions: [cluster('LIST_SESSIONS'), cluster('SERVER_STATUS')] } });
    expect(ok.status).toBe(202);
    const patched = await fx.api('PATCH', `${ROLES}/r5`, { body: { actions: [cluster('INSERT')] } });
    expect(patched.json).toMatchObject({ error: 400, errorCode: 'ATLAS_INVALID_RESOURCE' });
  });

  // MongoDB Manual, "Privilege Actions" (mongodb.com/docs/manual/reference/privilege-actions),
  // Sharding Actions: enableSharding on a database or collection and on the cluster (shard zone
  // operations); splitChunk on the cluster (v7.0 and later pages); moveChunk on a database or
  // collection only. Server Administration Actions: compact on a database or collection (its
  // cluster grant, for autoCompact, is for self-managed deployments only).
  it.each([
    ['ENABLE_SHARDING', 202],
    ['SPLIT_CHUNK', 202],
    ['MOVE_CHUNK', 400],
    ['COMPACT', 400],
  ])('%s on the cluster resource: %i', async (action, status) => {
    const onCluster = { action, resources: [{ cluster: true, collection: '', db: '' }] };
    const r = await fx.api('POST', ROLES, { body: { roleName: 'sharder', actions: [onCluster] } });
    expect(r.status).toBe(status);
    if (status === 202) {
      expect(r.json).toEqual({ actions: [onCluster], inheritedRoles: [], roleName: 'sharder' });
      expect((await fx.api('GET', `${ROLES}/sharder`)).json).toEqual(r.json);
    } else {
      expect(r.json).toMatchObject({ error: 400, errorCode: 'ATLAS_INVALID_RESOURCE' });
      expect((await fx.api('GET', `${ROLES}/sharder`)).status).toBe(404);
    }
    // on a database every one of them is taken
    const onDb = { action, resources: [{ cluster: false, collection: '', db: 'sales' }] };
    expect((await fx.api('POST', ROLES, { body: { roleName: 'onDb', actions: [onDb] } })).status).toBe(202);
  });

  it('an action outside the spec enum is refused by the spec check (400), nothing stored', async () => {
    const r = await fx.api('POST', ROLES, { body: { roleName: 'r3', actions: [{ action: 'FINDD', resources: [{ cluster: false, collection: '', db: 'a' }] }] } });
    expect(r.status).toBe(400);
    expect((await fx.api('GET', `${ROLES}/r3`)).status).toBe(404);
  });

  it('update replaces what it is given; a cycle is ATLAS_INVALID_CUSTOM_ROLE_CIRCULAR_DEPENDENCY; unknown is 404 ATLAS_CUSTOM_ROLE_NOT_FOUND', async () => {
    const u = await fx.api('PATCH', `${ROLES}/salesAuditor`, { body: { inheritedRoles: [{ db: 'crm', role: 'read' }] } });
    expect(u.status).toBe(200);
    expect(u.json.inheritedRoles).toEqual([{ db: 'crm', role: 'read' }]);
    expect(u.json.actions).toHaveLength(2);
    expect((await fx.api('POST', ROLES, { body: { roleName: 'kid', inheritedRoles: [{ db: 'admin', role: 'salesAuditor' }] } })).status).toBe(202);
    const cycle = await fx.api('PATCH', `${ROLES}/salesAuditor`, { body: { inheritedRoles: [{ db: 'admin', role: 'kid' }] } });
    expect(cycle.json).toMatchObject({ error: 400, errorCode: 'ATLAS_INVALID_CUSTOM_ROLE_CIRCULAR_DEPENDENCY' });
    const missing = await fx.api('PATCH', `${ROLES}/nope`, { body: { actions: [find('a')] } });
    expect(missing.json).toMatchObject({ error: 404, errorCode: 'ATLAS_CUSTOM_ROLE_NOT_FOUND', detail: 'The specified custom db role nope does not exist.' });
  });

  it('delete: 204; refused while a user would be left without roles (spec: deleteGroupCustomDbRoleRole); taken off users that keep another role', async () => {
    const user = (name: string, roles: object[]) => ({ databaseName: 'admin', groupId: SEED.projectId, username: name, password: 'passW0rd-long', roles });
    expect((await fx.api('POST', USERS, { body: user('only', [{ databaseName: 'admin', roleName: 'salesAuditor' }]) })).status).toBe(201);
    expect(
      (
        await fx.api('POST', USERS, {
          body: user('both', [
            { databaseName: 'admin', roleName: 'salesAuditor' },
            { databaseName: 'sales', roleName: 'read' },
          ]),
        })
      ).status,
    ).toBe(201);
    const refused = await fx.api('DELETE', `${ROLES}/salesAuditor`);
    expect(refused.json).toMatchObject({ error: 409, errorCode: 'ATLAS_CUSTOM_ROLE_IN_USE' }); // code: a guess (README)
    expect((await fx.api('DELETE', `${USERS}/admin/only`)).status).toBe(204);
    expect((await fx.api('DELETE', `${ROLES}/salesAuditor`)).status).toBe(204);
    expect((await fx.api('GET', `${USERS}/admin/both`)).json.roles).toEqual([{ databaseName: 'sales', roleName: 'read' }]);
    // and database users no longer accept it (spec: DatabaseUserRole.roleName, a built-in or custom role)
    const after = await fx.api('POST', USERS, { body: user('late', [{ databaseName: 'admin', roleName: 'salesAuditor' }]) });
    expect(after.json).toMatchObject({ error: 400, errorCode: 'ATLAS_INVALID_ROLE' });
  });

  it('a role created through the API is accepted by databaseUsers at once', async () => {
    expect((await fx.api('POST', ROLES, { body: { roleName: 'fresh', actions: [find('a')] } })).status).toBe(202);
    const r = await fx.api('POST', USERS, {
      body: { databaseName: 'admin', groupId: SEED.projectId, username: 'u-fresh', password: 'passW0rd-long', roles: [{ databaseName: 'admin', roleName: 'fresh' }] },
    });
    expect(r.status).toBe(201);
  });
});
