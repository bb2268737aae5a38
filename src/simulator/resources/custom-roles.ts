// Custom database roles: listGroupCustomDbRoleRoles (GET /groups/{groupId}/customDBRoles/roles,
// `listCustomDbRoles` in Atlas's own naming).
//
// Rules, and where they come from:
// - the answer is a plain JSON array of UserCustomDBRole documents, not a paginated
//   envelope (spec: the 200 response's schema is `type: array`, items UserCustomDBRole);
// - a document is {actions: [{action, resources: [{cluster, collection, db}]}],
//   inheritedRoles: [{db, role}], roleName} (spec: UserCustomDBRole, DatabasePrivilegeAction,
//   DatabasePermittedNamespaceResource, whose cluster, collection and db are all required,
//   and DatabaseInheritedRole);
// - custom roles are defined per project, for all of its clusters (Atlas docs, Custom
//   Database Roles); database users may be given them (spec: DatabaseUserRole.roleName is
//   "either a built-in role or a custom role"), see resources/database-users.ts.
// The seeded roles are read-only here: the simulator serves no create, update or delete.
import { requireProject, type HandlerTable } from '../context.js';
import type { Json, SimulatorState } from '../state.js';

/**
 * The project the seeded roles belong to: SEED.projectId, written out so this module
 * does not import the seed (which imports the resources); a test checks they agree.
 */
export const CUSTOM_ROLES_PROJECT = 'b0123456789abcdef012345b';

/** The custom roles of the default project (CUSTOM_ROLES_PROJECT); other projects have none. */
export const SEEDED_CUSTOM_ROLES: readonly Json[] = [
  {
    actions: [
      { action: 'FIND', resources: [{ cluster: false, collection: '', db: 'sales' }] },
      { action: 'LIST_COLLECTIONS', resources: [{ cluster: false, collection: '', db: 'sales' }] },
    ],
    inheritedRoles: [],
    roleName: 'salesAuditor',
  },
  {
    actions: [{ action: 'INSERT', resources: [{ cluster: false, collection: 'orders', db: 'sales' }] }],
    inheritedRoles: [{ db: 'analytics', role: 'read' }],
    roleName: 'ordersAppender',
  },
];

/** The custom roles of a project, as served. */
export function customRolesOf(_state: SimulatorState, groupId: string): Json[] {
  return groupId === CUSTOM_ROLES_PROJECT ? SEEDED_CUSTOM_ROLES.map((r) => structuredClone(r)) : [];
}

/** The names of a project's custom roles (what a database user's role may name besides the built-in ones). */
export function customRoleNames(state: SimulatorState, groupId: string): string[] {
  return customRolesOf(state, groupId).map((r) => String(r.roleName));
}

export const customRoleHandlers: HandlerTable = {
  listGroupCustomDbRoleRoles: (ctx) => ({ body: customRolesOf(ctx.state, requireProject(ctx).id) }),
};
