// Custom database roles (/groups/{groupId}/customDBRoles/roles[/{roleName}]): list, get,
// create, update (PATCH), delete.
//
// Rules, and where they come from:
// - the list is a plain JSON array of UserCustomDBRole documents, not a paginated envelope
//   (spec: the 200 response's schema is `type: array`, items UserCustomDBRole);
// - a document is {actions: [{action, resources: [{cluster, collection, db}]}],
//   inheritedRoles: [{db, role}], roleName} (spec: UserCustomDBRole, DatabasePrivilegeAction,
//   DatabasePermittedNamespaceResource, whose cluster, collection and db are all required,
//   and DatabaseInheritedRole); an action outside the spec's enum is refused by the spec check;
// - create answers 202 with the role, update 200, delete 204 (spec);
// - custom roles are defined per project, for all of its clusters (Atlas docs, Custom
//   Database Roles); database users may be given them (spec: DatabaseUserRole.roleName is
//   "either a built-in role or a custom role"), see resources/database-users.ts;
// - 400 ATLAS_CUSTOM_ROLE_INVALID_NAME, ATLAS_INVALID_CUSTOM_ROLE_RESTRICTED (a built-in
//   role's name), ATLAS_RESERVED_CUSTOM_ROLE_RESTRICTED (xgen- prefix),
//   ATLAS_CUSTOM_ROLE_HAS_NO_PERMISSIONS, ATLAS_DUPLICATE_CUSTOM_ROLE_ACTION,
//   ATLAS_DUPLICATE_CUSTOM_ROLE_RESOURCE, ATLAS_INVALID_CUSTOM_ROLE_INHERITANCE (an inherited
//   role that does not exist), ATLAS_INVALID_CUSTOM_ROLE_SELF_REFERENTIAL,
//   ATLAS_INVALID_CUSTOM_ROLE_CIRCULAR_DEPENDENCY, ATLAS_INVALID_RESOURCE (an action on the
//   cluster resource that does not apply to it: src/spec/privilege-actions.ts, from MongoDB's
//   "Privilege Actions" reference); 404 ATLAS_CUSTOM_ROLE_NOT_FOUND "The
//   specified custom db role %s does not exist." (Atlas Administration API error codes, with
//   their wording; ATLAS_DUPLICATE_CUSTOM_ROLE_ACTION also as answered to the official CLI in
//   mongodb/mongodb-atlas-cli#2791);
// - a role cannot be deleted when that would leave a database user without roles, or a
//   custom role that inherits it without actions or inherited roles; otherwise it is taken
//   off the users and roles that had it (spec: deleteGroupCustomDbRoleRole's description).
// Guesses (listed in src/simulator/README.md): a duplicate name is 409
// ATLAS_CUSTOM_ROLE_ALREADY_EXISTS; a refused delete is 409 ATLAS_CUSTOM_ROLE_IN_USE.
import { requireProject, storeBeside, type Ctx, type HandlerTable } from '../context.js';
import { ApiError } from '../errors.js';
import type { Json, Project, SimulatorState } from '../state.js';
import { BUILT_IN_ROLES } from './builtin-roles.js';
import { isClusterAction } from '../../spec/privilege-actions.js';

/**
 * The project the seeded roles belong to: SEED.projectId, written out so this module
 * does not import the seed (which imports the resources); a test checks they agree.
 */
export const CUSTOM_ROLES_PROJECT = 'b0123456789abcdef012345b';

/** The custom roles of the default project (CUSTOM_ROLES_PROJECT); other projects start with none. */
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

/** Roles by name, per project object: a reset seeds new projects, and so starts again from the seed. */
const storeOf = storeBeside((p: Project): Map<string, Json> => {
  const s = new Map<string, Json>();
  if (p.id === CUSTOM_ROLES_PROJECT) for (const r of SEEDED_CUSTOM_ROLES) s.set(String(r.roleName), structuredClone(r));
  return s;
});

function rolesOf(state: SimulatorState, groupId: string): Map<string, Json> {
  const p = state.project(groupId);
  return p ? storeOf(p) : new Map();
}

/** The custom roles of a project, as served. */
export function customRolesOf(state: SimulatorState, groupId: string): Json[] {
  return [...rolesOf(state, groupId).values()].map((r) => structuredClone(r));
}

/** The names of a project's custom roles (what a database user's role may name besides the built-in ones). */
export function customRoleNames(state: SimulatorState, groupId: string): string[] {
  return [...rolesOf(state, groupId).keys()];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

const notFound = (name: string) => new ApiError(404, 'ATLAS_CUSTOM_ROLE_NOT_FOUND', `The specified custom db role ${name} does not exist.`, [name]);

function checkName(name: unknown): string {
  const n = typeof name === 'string' ? name : '';
  if (!NAME.test(n)) {
    throw new ApiError(
      400,
      'ATLAS_CUSTOM_ROLE_INVALID_NAME',
      `The role name, "${n}", is invalid. A custom role name must be a non-empty string made up of only ASCII letters, numbers, hyphens, and underscores, and should begin with a letter or number.`,
      [n],
    );
  }
  if (n.startsWith('xgen-'))
    throw new ApiError(400, 'ATLAS_RESERVED_CUSTOM_ROLE_RESTRICTED', `Cannot create custom role ${n} because the prefix xgen-" is reserved for built-in roles.`, [n]);
  if (BUILT_IN_ROLES.includes(n))
    throw new ApiError(400, 'ATLAS_INVALID_CUSTOM_ROLE_RESTRICTED', `Cannot create custom role ${n} because a built-in role with that name already exists.`, [n]);
  return n;
}

/** Actions as stored: each resource with its three fields; duplicates refused. */
function normalActions(actions: Json[]): Json[] {
  const seen = new Set<string>();
  return actions.map((a) => {
    if (seen.has(a.action)) throw new ApiError(400, 'ATLAS_DUPLICATE_CUSTOM_ROLE_ACTION', 'A custom role cannot have duplicate actions.');
    seen.add(a.action);
    const resources = ((a.resources ?? []) as Json[]).map((r) => ({ cluster: r.cluster === true, collection: r.collection ?? '', db: r.db ?? '' }));
    if (resources.some((r) => r.cluster) && !isClusterAction(String(a.action)))
      throw new ApiError(400, 'ATLAS_INVALID_RESOURCE', 'One or more of the selected actions was applied to an incorrect resource.');
    const keys = new Set(resources.map((r) => JSON.stringify(r)));
    if (keys.size !== resources.length)
      throw new ApiError(400, 'ATLAS_DUPLICATE_CUSTOM_ROLE_RESOURCE', 'A custom role cannot have duplicate resources applied to the same action.');
    return { action: a.action, resources };
  });
}

/** Inherited roles: built-in ones, or custom roles of the project other than `self`, with no cycle. */
function normalInherited(roles: Map<string, Json>, self: string, inherited: Json[]): Json[] {
  const out = inherited.map((r) => ({ db: r.db, role: r.role }));
  for (const r of out) {
    if (r.role === self) throw new ApiError(400, 'ATLAS_INVALID_CUSTOM_ROLE_SELF_REFERENTIAL', 'A custom DB role cannot inherit from itself.');
    if (!BUILT_IN_ROLES.includes(r.role) && !roles.has(r.role)) {
      throw new ApiError(400, 'ATLAS_INVALID_CUSTOM_ROLE_INHERITANCE', 'One or more of the specified inherited roles do not exist.');
    }
  }
  // a cycle: some inherited custom role reaches `self` through what it inherits
  const reaches = (name: string, seen: Set<string>): boolean => {
    if (name === self) return true;
    if (seen.has(name)) return false;
    seen.add(name);
    return ((roles.get(name)?.inheritedRoles ?? []) as Json[]).some((r) => reaches(r.role, seen));
  };
  if (out.some((r) => roles.has(r.role) && reaches(r.role, new Set()))) {
    throw new ApiError(400, 'ATLAS_INVALID_CUSTOM_ROLE_CIRCULAR_DEPENDENCY', 'One or more of the specified inherited roles creates a circular dependency.');
  }
  return out;
}

function hasPermissions(role: Json): boolean {
  return (role.actions as Json[]).length > 0 || (role.inheritedRoles as Json[]).length > 0;
}

function noPermissions(): ApiError {
  return new ApiError(400, 'ATLAS_CUSTOM_ROLE_HAS_NO_PERMISSIONS', 'Custom roles must have one or more user privilege actions or inherited roles.');
}

function requireRole(ctx: Ctx): { roles: Map<string, Json>; role: Json; name: string } {
  const p = requireProject(ctx);
  const roles = storeOf(p);
  const name = ctx.params.roleName!;
  const role = roles.get(name);
  if (!role) throw notFound(name);
  return { roles, role, name };
}

/** Database users of the project that hold the role, and what they would keep without it. */
function usersWith(state: SimulatorState, groupId: string, name: string): Array<{ doc: Json; left: Json[] }> {
  const out: Array<{ doc: Json; left: Json[] }> = [];
  for (const u of state.databaseUsers.values()) {
    if (u.doc.groupId !== groupId) continue;
    const roles = (u.doc.roles ?? []) as Json[];
    if (!roles.some((r) => r.roleName === name)) continue;
    out.push({ doc: u.doc, left: roles.filter((r) => r.roleName !== name) });
  }
  return out;
}

export const customRoleHandlers: HandlerTable = {
  listGroupCustomDbRoleRoles: (ctx) => ({ body: customRolesOf(ctx.state, requireProject(ctx).id) }),

  getGroupCustomDbRoleRole: (ctx) => ({ body: structuredClone(requireRole(ctx).role) }),

  createGroupCustomDbRoleRole: (ctx) => {
    const p = requireProject(ctx);
    const roles = storeOf(p);
    const body = ctx.body as Json;
    const name = checkName(body.roleName);
    if (roles.has(name)) throw new ApiError(409, 'ATLAS_CUSTOM_ROLE_ALREADY_EXISTS', `A custom role named ${name} already exists in group ${p.id}.`, [name, p.id]);
    const role: Json = {
      actions: normalActions((body.actions ?? []) as Json[]),
      inheritedRoles: normalInherited(roles, name, (body.inheritedRoles ?? []) as Json[]),
      roleName: name,
    };
    if (!hasPermissions(role)) throw noPermissions();
    roles.set(name, role);
    return { status: 202, body: structuredClone(role) };
  },

  updateGroupCustomDbRoleRole: (ctx) => {
    const { roles, role, name } = requireRole(ctx);
    const body = ctx.body as Json;
    const next: Json = {
      actions: body.actions === undefined ? role.actions : normalActions(body.actions as Json[]),
      inheritedRoles: body.inheritedRoles === undefined ? role.inheritedRoles : normalInherited(roles, name, body.inheritedRoles as Json[]),
      roleName: name,
    };
    if (!hasPermissions(next)) throw noPermissions();
    roles.set(name, next);
    return { body: structuredClone(next) };
  },

  deleteGroupCustomDbRoleRole: (ctx) => {
    const { roles, name } = requireRole(ctx);
    const groupId = ctx.params.groupId!;
    const users = usersWith(ctx.state, groupId, name);
    const stranded = users.find((u) => u.left.length === 0);
    if (stranded) {
      throw new ApiError(409, 'ATLAS_CUSTOM_ROLE_IN_USE', `Cannot remove custom role ${name}: database user ${String(stranded.doc.username)} would be left without roles.`, [
        name,
        stranded.doc.username,
      ]);
    }
    const children = [...roles.values()].filter((r) => ((r.inheritedRoles ?? []) as Json[]).some((i) => i.role === name));
    const orphan = children.find((r) => (r.actions as Json[]).length === 0 && (r.inheritedRoles as Json[]).length === 1);
    if (orphan) {
      throw new ApiError(
        409,
        'ATLAS_CUSTOM_ROLE_IN_USE',
        `Cannot remove custom role ${name}: custom role ${String(orphan.roleName)} would be left without actions or inherited roles.`,
        [name, orphan.roleName],
      );
    }
    for (const u of users) u.doc.roles = u.left;
    for (const r of children) r.inheritedRoles = (r.inheritedRoles as Json[]).filter((i) => i.role !== name);
    roles.delete(name);
    return { status: 204 };
  },
};
