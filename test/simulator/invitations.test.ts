// Rules of the simulated organization invitations (resources/invitations.ts): shapes from
// the spec (OrganizationInvitation, a plain array for the list), an invitation as the
// organization's pending user (the spec deprecates invites for pending users), 30 days of
// validity as the seeded pending user (from the recorded org users list) shows.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { useSimulator } from './helpers.js';

const INVITES = `/api/atlas/v2/orgs/${SEED.orgId}/invites`;

const fx = useSimulator({ stepMs: 50, clock: 'manual' });

describe('organization invitations', () => {
  it('the seeded pending user is an invitation; the list is a plain array (spec: listOrgInvites 200 is type: array)', async () => {
    const r = await fx.api('GET', INVITES);
    expect(r.status).toBe(200);
    expect(r.json).toEqual([
      {
        createdAt: '2025-01-10T03:03:42Z',
        expiresAt: '2025-02-09T03:03:42Z',
        groupRoleAssignments: [],
        id: SEED.users.invited,
        inviterUsername: 'ada.owner@example.com',
        orgId: SEED.orgId,
        orgName: SEED.orgName,
        roles: ['ORG_READ_ONLY'],
        teamIds: [],
        username: 'new.hire@example.com',
      },
    ]);
    expect((await fx.api('GET', `${INVITES}?username=nobody@example.com`)).json).toEqual([]);
  });

  it('create: 200 with the invitation, valid 30 days; it shows as a PENDING org user (2025 users API); delete cancels it', async () => {
    const body = { username: 'jane@example.com', roles: ['ORG_MEMBER'], groupRoleAssignments: [{ groupId: SEED.projectId, roles: ['GROUP_READ_ONLY'] }] };
    const r = await fx.api('POST', INVITES, { body });
    expect(r.status).toBe(200);
    expect(Date.parse(r.json.expiresAt) - Date.parse(r.json.createdAt)).toBe(30 * 86_400_000);
    expect(r.json.groupRoleAssignments).toEqual([{ groupId: SEED.projectId, groupRole: 'GROUP_READ_ONLY' }]);
    const users = await fx.api('GET', `/api/atlas/v2/orgs/${SEED.orgId}/users?orgMembershipStatus=PENDING`, { version: '2025-02-19' });
    expect(users.json.results.map((u: { username: string }) => u.username)).toContain('jane@example.com');
    expect((await fx.api('GET', `${INVITES}/${r.json.id}`)).json).toEqual(r.json);
    expect((await fx.api('DELETE', `${INVITES}/${r.json.id}`)).status).toBe(204);
    expect((await fx.api('GET', `${INVITES}/${r.json.id}`)).json).toMatchObject({ error: 404, errorCode: 'INVITATION_NOT_FOUND' });
  });

  it('a member or invitee again: 409; a project of another org: 404 GROUP_NOT_FOUND (docs, Atlas API error-code list)', async () => {
    expect((await fx.api('POST', INVITES, { body: { username: 'ada.owner@example.com', roles: ['ORG_MEMBER'] } })).json).toMatchObject({
      error: 409,
      errorCode: 'USER_ALREADY_IN_ORG',
    });
    expect((await fx.api('POST', INVITES, { body: { username: 'NEW.HIRE@example.com', roles: ['ORG_MEMBER'] } })).json).toMatchObject({ error: 409 });
    const other = await fx.api('POST', INVITES, {
      body: { username: 'x@example.com', roles: ['ORG_MEMBER'], groupRoleAssignments: [{ groupId: SEED.partnerProjectId, roles: ['GROUP_OWNER'] }] },
    });
    expect(other.json).toMatchObject({ error: 404, errorCode: 'GROUP_NOT_FOUND' });
    // roles outside the spec's enum are refused before the handler
    expect((await fx.api('POST', INVITES, { body: { username: 'y@example.com', roles: ['ORG_ADMIN'] } })).json).toMatchObject({ error: 400 });
  });
});
