// Rules of the simulated database users; shapes from shared/atlas-api/recorded/generic/dbusers.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { useSimulator } from './helpers.js';
import { CUSTOM_ROLES_PROJECT } from '../../src/simulator/resources/custom-roles.js';

const USERS = `/api/atlas/v2/groups/${SEED.projectId}/databaseUsers`;
const REC = new URL('../../../shared/atlas-api/recorded/generic/dbusers/TestDBUserWithFlags/', import.meta.url);
// the recordings are on dev machines and in CI (../shared), not in a user's clone
const have = existsSync(REC);
const recordedBody = (path: string) => {
  const text = readFileSync(new URL(path, REC), 'utf8');
  return JSON.parse(text.slice(text.indexOf('\n\n') + 2));
};
const base = { databaseName: 'admin', groupId: SEED.projectId, roles: [{ databaseName: 'admin', roleName: 'atlasAdmin' }] };

describe('database users', () => {
  const fx = useSimulator({ stepMs: 50 });

  it.skipIf(!have)('create answers 201 in the recorded shape, without the password; a second is 409 DUPLICATE_DATABASE_USER', async () => {
    const rec = recordedBody('Create/POST_api_atlas_v2_groups_b0123456789abcdef012345b_databaseUsers_1.snaphost');
    const deleteAfterDate = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const body = { ...base, username: 'user-253', password: 'passW0rd-long', deleteAfterDate, scopes: rec.scopes };
    const r = await fx.api('POST', USERS, { body });
    expect(r.status).toBe(201);
    expect(Object.keys(r.json)).toEqual(Object.keys(rec));
    expect(r.json).toEqual({ ...rec, deleteAfterDate, groupId: SEED.projectId, links: [{ href: `${fx.sim.url}${USERS}/admin/user-253`, rel: 'self' }] });
    const dup = await fx.api('POST', USERS, { body });
    expect(dup.json).toMatchObject({ error: 409, errorCode: 'DUPLICATE_DATABASE_USER' });
  });

  it('a custom role of the project passes the spec check (its enum lists "<a custom role name>"); any-database roles only on admin', async () => {
    const ok = await fx.api('POST', USERS, { body: { ...base, username: 'c1', password: 'passW0rd-long', roles: [{ databaseName: 'admin', roleName: 'salesAuditor' }] } });
    expect(ok.status).toBe(201);
    const bad = await fx.api('POST', USERS, { body: { ...base, username: 'c2', password: 'passW0rd-long', roles: [{ databaseName: 'sales', roleName: 'readAnyDatabase' }] } });
    expect(bad.json).toMatchObject({ error: 400, errorCode: 'ATLAS_INVALID_ROLE_DATABASE' });
  });

  it('a role neither built in nor a custom role of the project is 400 ATLAS_INVALID_ROLE (Atlas error-code reference: "The specified role %s@%s does not exist.")', async () => {
    const body = { ...base, username: 'c3', password: 'passW0rd-long', roles: [{ databaseName: 'sales', roleName: 'redWrite' }] };
    expect((await fx.api('POST', USERS, { body })).json).toMatchObject({
      error: 400,
      errorCode: 'ATLAS_INVALID_ROLE',
      detail: 'The specified role redWrite@sales does not exist.',
    });
    // on update too; and a custom role of one project is not one of another's
    const patch = await fx.api('PATCH', `${USERS}/admin/app-user`, { body: { ...base, username: 'app-user', roles: [{ databaseName: 'sales', roleName: 'nope' }] } });
    expect(patch.json).toMatchObject({ error: 400, errorCode: 'ATLAS_INVALID_ROLE' });
    const other = `/api/atlas/v2/groups/${SEED.stagingProjectId}/databaseUsers`;
    const custom = { ...base, groupId: SEED.stagingProjectId, username: 'c4', password: 'passW0rd-long', roles: [{ databaseName: 'admin', roleName: 'salesAuditor' }] };
    expect((await fx.api('POST', other, { body: custom })).json).toMatchObject({ errorCode: 'ATLAS_INVALID_ROLE' });
  });

  it('a custom role granted on another database than admin, or on a collection, is 400 UNSUPPORTED_ROLE (the answer quoted in terraform-provider-mongodbatlas#728; #1522)', async () => {
    for (const role of [
      { databaseName: 'sales', roleName: 'salesAuditor' },
      { databaseName: 'admin', roleName: 'salesAuditor', collectionName: 'orders' },
    ]) {
      const r = await fx.api('POST', USERS, { body: { ...base, username: 'c5', password: 'passW0rd-long', roles: [role] } });
      expect(r.json).toEqual({ error: 400, errorCode: 'UNSUPPORTED_ROLE', detail: 'The provided role is not supported.', reason: 'Bad Request', parameters: [] });
    }
    expect((await fx.api('GET', `${USERS}/admin/c5`)).status).toBe(404);
  });

  it('serves the custom roles of a project as a plain array of UserCustomDBRole (spec: listGroupCustomDbRoleRoles)', async () => {
    const r = await fx.api('GET', `/api/atlas/v2/groups/${SEED.projectId}/customDBRoles/roles`);
    expect(r.status).toBe(200);
    expect(r.json.map((x: { roleName: string }) => x.roleName)).toEqual(['salesAuditor', 'ordersAppender']);
    expect(r.json[0]).toEqual({
      actions: [
        { action: 'FIND', resources: [{ cluster: false, collection: '', db: 'sales' }] },
        { action: 'LIST_COLLECTIONS', resources: [{ cluster: false, collection: '', db: 'sales' }] },
      ],
      inheritedRoles: [],
      roleName: 'salesAuditor',
    });
    expect((await fx.api('GET', `/api/atlas/v2/groups/${SEED.stagingProjectId}/customDBRoles/roles`)).json).toEqual([]);
    expect(CUSTOM_ROLES_PROJECT).toBe(SEED.projectId);
  });

  it('an LDAP group is created on admin, an LDAP user on $external (error-code reference: DATABASE_NAME_INVALID_ADMIN, DATABASE_NAME_INVALID_EXTERNAL)', async () => {
    const group = { ...base, username: 'CN=dbas,OU=groups,DC=example,DC=com', ldapAuthType: 'GROUP' };
    expect((await fx.api('POST', USERS, { body: { ...group, databaseName: '$external' } })).json).toMatchObject({
      error: 400,
      errorCode: 'DATABASE_NAME_INVALID_ADMIN',
      detail: 'Database name invalid. LDAP groups can only be created on the admin database.',
    });
    expect((await fx.api('POST', USERS, { body: group })).status).toBe(201);
    const user = { ...base, username: 'CN=ada,OU=people,DC=example,DC=com', ldapAuthType: 'USER' };
    expect((await fx.api('POST', USERS, { body: user })).json).toMatchObject({ error: 400, errorCode: 'DATABASE_NAME_INVALID_EXTERNAL' });
    expect((await fx.api('POST', USERS, { body: { ...user, databaseName: '$external' } })).status).toBe(201);
  });

  it('an AWS IAM user is named by the ARN of an IAM user or role: 400 ATLAS_INVALID_AWS_IAM_ARN otherwise (crossplane-contrib/provider-mongodbatlas#22, mongodb/mongodb-atlas-cli#282)', async () => {
    const iam = { ...base, databaseName: '$external', awsIAMType: 'ROLE' };
    expect((await fx.api('POST', USERS, { body: { ...iam, username: 'mongodb-access' } })).json).toMatchObject({
      error: 400,
      errorCode: 'ATLAS_INVALID_AWS_IAM_ARN',
      detail: 'The ARN specified in the username field, mongodb-access, is not valid for AWS IAM type ROLE.',
    });
    expect((await fx.api('POST', USERS, { body: { ...iam, username: 'arn:aws:iam::123456789012:user/ci' } })).json).toMatchObject({ errorCode: 'ATLAS_INVALID_AWS_IAM_ARN' });
    expect((await fx.api('POST', USERS, { body: { ...iam, username: 'arn:aws-us-gov:iam::123456789012:role/app' } })).status).toBe(201);
  });

  it('auth database by method, a password only for SCRAM users, no temporary x.509 users', async () => {
    const arn = 'arn:aws:iam::123456789012:user/ci';
    expect((await fx.api('POST', USERS, { body: { ...base, username: arn, awsIAMType: 'USER' } })).json).toMatchObject({ errorCode: 'DATABASE_NAME_INVALID_EXTERNAL' });
    expect((await fx.api('POST', USERS, { body: { ...base, databaseName: '$external', username: arn, awsIAMType: 'USER' } })).status).toBe(201);
    expect((await fx.api('POST', USERS, { body: { ...base, username: 'nopw' } })).json).toMatchObject({ errorCode: 'MISSING_ATTRIBUTE' });
    const x509 = { ...base, databaseName: '$external', username: 'CN=x', x509Type: 'MANAGED', deleteAfterDate: new Date(Date.now() + 3_600_000).toISOString() };
    expect((await fx.api('POST', USERS, { body: x509 })).json).toMatchObject({ errorCode: 'ATLAS_X509_USER_CANNOT_BE_TEMPORARY' });
  });

  it('a username with / is found through %2F; a missing user is 404 USERNAME_NOT_FOUND', async () => {
    const name = 'd0123456789abcdef012345d/user-332';
    await fx.api('POST', USERS, { body: { ...base, username: name, oidcAuthType: 'IDP_GROUP' } });
    const r = await fx.api('GET', `${USERS}/admin/${encodeURIComponent(name)}`);
    expect(r.json.links[0].href).toBe(`${fx.sim.url}${USERS}/admin/d0123456789abcdef012345d%2Fuser-332`);
    expect((await fx.api('GET', `${USERS}/admin/nobody`)).json).toMatchObject({ error: 404, errorCode: 'USERNAME_NOT_FOUND', detail: 'No user with username nobody exists.' });
  });

  it('PATCH changes what it is given; a past deleteAfterDate removes the user', async () => {
    const r = await fx.api('PATCH', `${USERS}/admin/app-user`, { body: { ...base, username: 'app-user', roles: [{ databaseName: 'sales', roleName: 'read' }] } });
    expect(r.json.roles).toEqual([{ databaseName: 'sales', roleName: 'read' }]);
    fx.sim.state.databaseUsers.get(`${SEED.projectId}/admin/app-user`)!.doc.deleteAfterDate = new Date(Date.now() - 1000).toISOString();
    expect((await fx.api('GET', `${USERS}/admin/app-user`)).status).toBe(404);
  });
});
