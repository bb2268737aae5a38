import type { View } from '../../output/render.js';

export const ORG_VIEW: View = {
  empty: 'organizations',
  columns: [
    { header: 'id', value: 'id' },
    { header: 'name', value: 'name' },
    { header: 'deleted', value: 'isDeleted' },
  ],
};

export const USER_VIEW: View = {
  empty: 'users',
  columns: [
    { header: 'id', value: 'id' },
    { header: 'username', value: 'username' },
    { header: 'name', value: (u: { firstName?: string; lastName?: string }) => [u.firstName, u.lastName].filter(Boolean).join(' ') },
    { header: 'status', value: 'orgMembershipStatus' },
    { header: 'roles', value: (u: { roles?: unknown }) => roleNames(u.roles) },
  ],
};

/** Org users carry `{orgRoles, groupRoleAssignments}`, project users a plain list. */
function roleNames(roles: unknown): string {
  if (Array.isArray(roles)) return roles.join(',');
  if (roles && typeof roles === 'object') {
    const r = roles as { orgRoles?: string[] };
    return (r.orgRoles ?? []).join(',');
  }
  return '';
}
