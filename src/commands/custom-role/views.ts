import type { View } from '../../output/render.js';
import type { InheritedRole, PrivilegeAction } from './privileges.js';

type Role = { roleName?: string; actions?: PrivilegeAction[]; inheritedRoles?: InheritedRole[] };

/** A custom role: its name, privileges and inherited roles in the syntax of --privilege and --inherit. */
export const CUSTOM_ROLE_VIEW: View = {
  empty: 'custom roles',
  columns: [
    { header: 'name', value: 'roleName', identifier: true },
    { header: 'privileges', value: (d: Role) => formatPrivileges(d.actions) },
    { header: 'inherits', value: (d: Role) => formatInherited(d.inheritedRoles) },
  ],
};

/** Privileges in the form they are given: `FIND,LIST_COLLECTIONS@sales INSERT@sales.orders LIST_SESSIONS`. */
export function formatPrivileges(actions: readonly PrivilegeAction[] | undefined): string {
  const byResource = new Map<string, string[]>();
  for (const a of actions ?? []) {
    for (const r of a.resources ?? []) {
      const where = r.cluster ? '' : `@${r.db}${r.collection ? `.${r.collection}` : ''}`;
      byResource.set(where, [...(byResource.get(where) ?? []), a.action]);
    }
  }
  return [...byResource].map(([where, names]) => `${names.join(',')}${where}`).join(' ');
}

export function formatInherited(roles: readonly InheritedRole[] | undefined): string {
  return (roles ?? []).map((r) => `${r.role}@${r.db}`).join(' ');
}
