// Atlas (cloud) users as organizations and projects show them: the 2023-01-01 CloudAppUser
// shape (GET /orgs/{orgId}/users, GET /groups/{groupId}/users) and the 2025-02-19 org-user
// shape. Shared by resources/orgs.ts and resources/projects.ts.
import { link, V2 } from '../context.js';
import type { AppUser, Json } from '../state.js';

/** A user as the 2025-02-19 org-users API shows it. */
export function renderOrgUser2025(u: AppUser, orgId: string): Json {
  const roles = {
    groupRoleAssignments: Object.entries(u.groupRoles).map(([groupId, groupRoles]) => ({ groupId, groupRoles })),
    orgRoles: u.orgRoles[orgId] ?? [],
  };
  if (u.orgMembershipStatus === 'PENDING') {
    return {
      id: u.id,
      invitationCreatedAt: u.invitationCreatedAt,
      invitationExpiresAt: u.invitationExpiresAt,
      inviterUsername: u.inviterUsername,
      orgMembershipStatus: 'PENDING',
      roles,
      teamIds: u.teamIds,
      username: u.username,
    };
  }
  return renderActiveUser(u, { roles, teamIds: u.teamIds });
}

/**
 * An active user as the 2025-02-19 user APIs show it (org users and project users alike):
 * the profile fields, then what the caller adds (`roles`, and for org users `teamIds`), in
 * Atlas's field order.
 */
export function renderActiveUser(u: AppUser, own: Json): Json {
  return {
    country: u.country,
    createdAt: u.createdAt,
    firstName: u.firstName,
    id: u.id,
    lastAuth: u.lastAuth,
    lastName: u.lastName,
    mobileNumber: u.mobileNumber ?? null,
    orgMembershipStatus: u.orgMembershipStatus,
    ...own,
    username: u.username,
  };
}

/** A user as the 2023-01-01 (CloudAppUser) shape shows it. */
export function renderAppUser2023(base: string, u: AppUser): Json {
  const roles: Json[] = [];
  for (const [orgId, rs] of Object.entries(u.orgRoles)) for (const roleName of rs) roles.push({ orgId, roleName });
  for (const [groupId, rs] of Object.entries(u.groupRoles)) for (const roleName of rs) roles.push({ groupId, roleName });
  return {
    country: u.country,
    createdAt: u.createdAt,
    emailAddress: u.username,
    firstName: u.firstName,
    id: u.id,
    lastAuth: u.lastAuth,
    lastName: u.lastName,
    links: [link(base, `${V2}/users/${u.id}`)],
    mobileNumber: u.mobileNumber ?? null,
    roles,
    teamIds: u.teamIds,
    username: u.username,
  };
}
