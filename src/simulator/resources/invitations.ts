// Organization invitations: listOrgInvites, getOrgInvite, createOrgInvite, deleteOrgInvite
// (2023-01-01, deprecated, sunset 2027-07-01).
//
// Rules, and where they come from:
// - an invitation is the organization's pending user: the spec deprecates these operations
//   for "Return All MongoDB Cloud Users in One Organization and filter by
//   orgMembershipStatus to return all pending users" (listOrgInvites' description), so an
//   invitation here is an AppUser with orgMembershipStatus PENDING (the seeded
//   new.hire@example.com is one), and one created here shows in listOrgUsers (2025) as PENDING;
// - shape: {createdAt, expiresAt, groupRoleAssignments: [{groupId, groupRole}], id,
//   inviterUsername, orgId, orgName, roles, teamIds, username} (spec: OrganizationInvitation,
//   GroupRole); the request is {username, roles, groupRoleAssignments: [{groupId, roles}],
//   teamIds} (spec: OrganizationInvitationRequest); create answers 200 (spec);
// - listOrgInvites answers a plain array (spec: its 200 is `type: array`) and filters by
//   `username`;
// - an invitation expires 30 days after it is sent (the seeded pending user's
//   invitationCreatedAt and invitationExpiresAt, from the recorded org users list);
// - a project of groupRoleAssignments must exist: 404 GROUP_NOT_FOUND (docs, Atlas API
//   error-code list).
// Guesses (no recording, spec example or documented code; listed in src/simulator/README.md):
// the invitation id is the pending user's id; inviterUsername is the organization's first
// owner; 409 USER_ALREADY_IN_ORG for an address that is a member or already invited;
// 404 INVITATION_NOT_FOUND for an unknown id.
import { isoAt } from '../clock.js';
import { requireOrg, type Ctx, type HandlerTable } from '../context.js';
import { ApiError, errors } from '../errors.js';
import type { AppUser, Json, Org } from '../state.js';

const DAY = 86_400_000;
/** How long an invitation is valid. */
export const INVITATION_DAYS = 30;

function renderInvitation(org: Org, u: AppUser): Json {
  return {
    createdAt: u.invitationCreatedAt,
    expiresAt: u.invitationExpiresAt,
    groupRoleAssignments: Object.entries(u.groupRoles).flatMap(([groupId, roles]) => roles.map((groupRole) => ({ groupId, groupRole }))),
    id: u.id,
    inviterUsername: u.inviterUsername,
    orgId: org.id,
    orgName: org.name,
    roles: [...(u.orgRoles[org.id] ?? [])],
    teamIds: [...u.teamIds],
    username: u.username,
  };
}

function pendingOf(ctx: Ctx, org: Org): AppUser[] {
  return [...ctx.state.users.values()].filter((u) => u.orgMembershipStatus === 'PENDING' && u.orgRoles[org.id]);
}

function requireInvitation(ctx: Ctx): { org: Org; user: AppUser } {
  const org = requireOrg(ctx);
  const id = ctx.params.invitationId;
  const user = pendingOf(ctx, org).find((u) => u.id === id);
  if (!user) throw new ApiError(404, 'INVITATION_NOT_FOUND', `Invitation ${id} not found.`, [id]);
  return { org, user };
}

export const invitationHandlers: HandlerTable = {
  listOrgInvites: (ctx) => {
    const org = requireOrg(ctx);
    const username = ctx.query.get('username');
    const pending = pendingOf(ctx, org).filter((u) => !username || u.username.toLowerCase() === username.toLowerCase());
    return { body: pending.map((u) => renderInvitation(org, u)) };
  },

  getOrgInvite: (ctx) => {
    const { org, user } = requireInvitation(ctx);
    return { body: renderInvitation(org, user) };
  },

  createOrgInvite: (ctx) => {
    const org = requireOrg(ctx);
    const b = ctx.body as { username?: string; roles?: string[]; groupRoleAssignments?: Array<{ groupId?: string; roles?: string[] }>; teamIds?: string[] };
    if (!b.username) throw errors.missingAttribute('username');
    if (!b.roles?.length) throw errors.missingAttribute('roles');
    const same = [...ctx.state.users.values()].find((u) => u.username.toLowerCase() === b.username!.toLowerCase() && u.orgRoles[org.id]);
    if (same) throw new ApiError(409, 'USER_ALREADY_IN_ORG', `The user ${b.username} is already a member of, or invited to, organization ${org.id}.`, [b.username, org.id]);
    const groupRoles: Record<string, string[]> = {};
    for (const g of b.groupRoleAssignments ?? []) {
      if (!g.groupId) throw errors.missingAttribute('groupRoleAssignments.groupId');
      const p = ctx.state.projects.get(g.groupId);
      if (!p || p.orgId !== org.id) throw errors.groupNotFound(g.groupId);
      groupRoles[g.groupId] = [...new Set([...(groupRoles[g.groupId] ?? []), ...(g.roles ?? [])])];
    }
    const owner = [...ctx.state.users.values()].find((u) => u.orgMembershipStatus === 'ACTIVE' && u.orgRoles[org.id]?.includes('ORG_OWNER'));
    const now = ctx.state.now();
    const user: AppUser = {
      id: ctx.state.newId(),
      username: b.username,
      createdAt: ctx.state.isoNow(),
      orgMembershipStatus: 'PENDING',
      invitationCreatedAt: ctx.state.isoNow(),
      invitationExpiresAt: isoAt(now + INVITATION_DAYS * DAY),
      ...(owner ? { inviterUsername: owner.username } : {}),
      orgRoles: { [org.id]: [...new Set(b.roles)] },
      groupRoles,
      teamIds: [...(b.teamIds ?? [])],
    };
    ctx.state.users.set(user.id, user);
    return { body: renderInvitation(org, user) };
  },

  deleteOrgInvite: (ctx) => {
    const { org, user } = requireInvitation(ctx);
    delete user.orgRoles[org.id];
    if (!Object.keys(user.orgRoles).length) ctx.state.users.delete(user.id);
    return { status: 204 };
  },
};
