// Organizations: listOrgs, getOrg, listOrgUsers, getOrgGroups, listOrgTeams.
import { link, paginate, requireOrg, V2, type HandlerTable } from '../context.js';
import type { Json, Org } from '../state.js';
import { renderProjectSummary } from './projects.js';
import { renderAppUser2023, renderOrgUser2025 } from './users.js';

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
      return paginate(
        ctx,
        users.filter((u) => u.orgMembershipStatus === 'ACTIVE'),
        (u) => renderAppUser2023(ctx.base, u),
      );
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
