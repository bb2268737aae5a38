// Organizations: listOrgs, getOrg, listOrgUsers, getOrgGroups, listOrgTeams.
import { link, paginate, requireOrg, V2, type HandlerTable } from '../context.js';
import type { AppUser, Json, Org } from '../state.js';
import { renderProjectSummary } from './projects.js';

export function renderOrg(base: string, o: Org, full = false): Json {
  const p = `${V2}/orgs/${o.id}`;
  const links = [link(base, p)];
  if (full) {
    links.push(link(base, `${p}/groups`, 'https://cloud.mongodb.com/groups'));
    links.push(link(base, `${p}/teams`, 'https://cloud.mongodb.com/teams'));
    links.push(link(base, `${p}/users`, 'https://cloud.mongodb.com/users'));
  }
  return { id: o.id, isDeleted: o.isDeleted, links, name: o.name, skipDefaultAlertsSettings: o.skipDefaultAlertsSettings };
}

/** A user as the 2025-02-19 org-users API shows it. */
export function renderOrgUser2025(u: AppUser, orgId: string): Json {
  const roles = {
    groupRoleAssignments: Object.entries(u.groupRoles).map(([groupId, groupRoles]) => ({ groupId, groupRoles })),
    orgRoles: u.orgRoles[orgId] ?? [],
  };
  if (u.orgMembershipStatus === 'PENDING') {
    return {
      id: u.id, invitationCreatedAt: u.invitationCreatedAt, invitationExpiresAt: u.invitationExpiresAt, inviterUsername: u.inviterUsername,
      orgMembershipStatus: 'PENDING', roles, teamIds: u.teamIds, username: u.username,
    };
  }
  return {
    country: u.country, createdAt: u.createdAt, firstName: u.firstName, id: u.id, lastAuth: u.lastAuth, lastName: u.lastName,
    mobileNumber: u.mobileNumber ?? null, orgMembershipStatus: u.orgMembershipStatus, roles, teamIds: u.teamIds, username: u.username,
  };
}

/** A user as the 2023-01-01 (CloudAppUser) shape shows it. */
export function renderAppUser2023(base: string, u: AppUser): Json {
  const roles: Json[] = [];
  for (const [orgId, rs] of Object.entries(u.orgRoles)) for (const roleName of rs) roles.push({ orgId, roleName });
  for (const [groupId, rs] of Object.entries(u.groupRoles)) for (const roleName of rs) roles.push({ groupId, roleName });
  return {
    country: u.country, createdAt: u.createdAt, emailAddress: u.username, firstName: u.firstName, id: u.id, lastAuth: u.lastAuth,
    lastName: u.lastName, links: [link(base, `${V2}/users/${u.id}`)], mobileNumber: u.mobileNumber ?? null, roles, teamIds: u.teamIds,
    username: u.username,
  };
}

function byName<T extends { name: string }>(items: T[], name: string | null): T[] {
  if (!name) return items;
  // Atlas: case-insensitive "starts with"
  const n = name.toLowerCase();
  return items.filter((x) => x.name.toLowerCase().startsWith(n));
}

export const orgHandlers: HandlerTable = {
  listOrgs: (ctx) => {
    const orgs = byName([...ctx.state.orgs.values()], ctx.query.get('name'));
    return paginate(ctx, orgs, (o) => renderOrg(ctx.base, o));
  },

  getOrg: (ctx) => ({ body: renderOrg(ctx.base, requireOrg(ctx), true) }),

  listOrgUsers: (ctx) => {
    const org = requireOrg(ctx);
    let users = [...ctx.state.users.values()].filter((u) => u.orgRoles[org.id]);
    const username = ctx.query.get('username');
    if (username) users = users.filter((u) => u.username === username);
    const statuses = [...ctx.query.getAll('orgMembershipStatuses').flatMap((s) => s.split(',')), ...ctx.query.getAll('orgMembershipStatus')];
    if (statuses.length) users = users.filter((u) => statuses.includes(u.orgMembershipStatus));
    if (ctx.version === '2023-01-01') {
      return paginate(ctx, users.filter((u) => u.orgMembershipStatus === 'ACTIVE'), (u) => renderAppUser2023(ctx.base, u));
    }
    return paginate(ctx, users, (u) => renderOrgUser2025(u, org.id));
  },

  getOrgGroups: (ctx) => {
    const org = requireOrg(ctx);
    const projects = byName(ctx.state.projectsOf(org.id), ctx.query.get('name'));
    return paginate(ctx, projects, (p) => renderProjectSummary(ctx, p));
  },

  listOrgTeams: (ctx) => {
    const org = requireOrg(ctx);
    const teams = [...ctx.state.teams.values()].filter((t) => t.orgId === org.id);
    return paginate(ctx, teams, (t) => ({
      id: t.id,
      links: [link(ctx.base, `${V2}/orgs/${org.id}/teams/${t.id}`)],
      name: t.name,
    }));
  },
};
