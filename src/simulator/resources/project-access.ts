// Who reaches a project: removing a user from it (removeGroupUser) and the organization API
// keys assigned to it (listGroupApiKeys, addGroupApiKey, updateGroupApiKeyRoles,
// removeGroupApiKey); and which users listGroupUsers (projects.ts) shows under its
// flattenTeams and includeOrgUsers flags (projectUsers).
//
// Rules, as Atlas applies them:
// - removeGroupUser answers 204 (spec); an unknown user is 404 USER_NOT_FOUND "No user with
//   ID %s exists." (docs: Atlas API error codes, mongodb.com/docs/atlas/reference/api-errors);
//   a known user without a role in the project the same (a guess: README, "Guesses");
// - a key is an organization API key (resources/api-keys.ts) with roles `{groupId, roleName}`
//   beside its `{orgId, roleName}` ones; "assigned to a project" means it has a role there
//   (spec: listGroupApiKeys "Returns all organization API keys that you assigned to the
//   specified project");
// - listGroupApiKeys pages the assigned keys, each as ApiKeyUserDetails with its private key
//   masked (as listOrgApiKeys; spec: "Redacted private key");
// - updateGroupApiKeyRoles (PATCH {roles}) sets the key's roles in the project, assigning it
//   when it was not (the official CLI's `projects apiKeys assign` relies on this: it sends
//   this PATCH), answering 200 with the key; addGroupApiKey (POST [{roles}]) assigns, 204
//   (spec);
// - a role of an organization in a project is 400 CANNOT_ADD_ORG_ROLE "Adding an
//   organization-level role in a group is not supported." (docs: error codes); another name
//   that is not a project role (src/spec/project-roles.ts) 400 INVALID_ROLE_FOR_GROUP "Role %s
//   is invalid for group %s." (docs: error codes); no role at all 400 MISSING_ATTRIBUTE (spec:
//   "provide a minimum of one role"; the code a guess);
// - an unknown key is 400 API_KEY_NOT_FOUND "No API key with ID %s exists." (docs), a
//   malformed id 404 INVALID_KEY_ID (as resources/api-keys.ts); removeGroupApiKey of a key
//   not assigned to the project is 400 API_KEY_NOT_FOUND too (a guess), else 204 (spec).
import { HEX24, paginate, requireProject, type Ctx, type HandlerTable } from '../context.js';
import { ApiError, errors } from '../errors.js';
import type { ApiKeyRecord, AppUser, Json, Project } from '../state.js';
import { isProjectRole } from '../../spec/project-roles.js';
import { renderApiKey } from './api-keys.js';

/**
 * The users listGroupUsers answers, with the project roles each shows. The spec's query
 * flags (listGroupUsers parameters):
 * - without flags, the users with a role in the project (recorded/iam/atlasprojects/…/Users:
 *   `roles: ["GROUP_OWNER"]`; the self link echoes flattenTeams=false&includeOrgUsers=false);
 * - `flattenTeams=true` adds "users who belong to teams with roles in the project";
 * - `includeOrgUsers=true` adds "users who have implicit access to the project through their
 *   organization role", the Organization Owner or Organization Read Only role.
 * Guesses (README, "Guesses"): a user listed through a team shows its own project roles and
 * the team's, once each; one listed only through the organization shows `roles: []`; an
 * invitation not yet accepted (PENDING) gives no implicit access; the order is that of the
 * users in the organization.
 */
export function projectUsers(ctx: Ctx, p: Project): { users: AppUser[]; rolesOf: (u: AppUser) => string[] } {
  const flatten = ctx.query.get('flattenTeams') === 'true';
  const orgUsers = ctx.query.get('includeOrgUsers') === 'true';
  const teamRoles = new Map(p.teams.map((t) => [t.teamId, t.roleNames]));
  const viaTeams = (u: AppUser) => (flatten ? u.teamIds.flatMap((id) => teamRoles.get(id) ?? []) : []);
  const viaOrg = (u: AppUser) => orgUsers && u.orgMembershipStatus === 'ACTIVE' && (u.orgRoles[p.orgId] ?? []).some((r) => r === 'ORG_OWNER' || r === 'ORG_READ_ONLY');
  const users = [...ctx.state.users.values()].filter((u) => u.groupRoles[p.id] || viaTeams(u).length > 0 || viaOrg(u));
  return { users, rolesOf: (u) => [...new Set([...(u.groupRoles[p.id] ?? []), ...viaTeams(u)])] };
}

function keyOf(ctx: Ctx, p: Project): ApiKeyRecord {
  const id = ctx.params.apiUserId;
  if (!HEX24.test(id)) throw new ApiError(404, 'INVALID_KEY_ID', `An invalid key ID ${id} was specified.`, [id]);
  const k = ctx.state.apiKeys.get(id);
  if (!k || k.orgId !== p.orgId) throw new ApiError(400, 'API_KEY_NOT_FOUND', `No API key with ID ${id} exists.`, [id]);
  return k;
}

const assigned = (k: ApiKeyRecord, groupId: string) => k.roles.some((r) => r.groupId === groupId);

function checkRoles(roles: unknown, groupId: string): string[] {
  const list = Array.isArray(roles) ? roles.map(String) : [];
  if (!list.length) throw errors.missingAttribute('roles');
  for (const r of list) {
    if (r.startsWith('ORG_')) throw new ApiError(400, 'CANNOT_ADD_ORG_ROLE', 'Adding an organization-level role in a group is not supported.');
    if (!isProjectRole(r)) throw new ApiError(400, 'INVALID_ROLE_FOR_GROUP', `Role ${r} is invalid for group ${groupId}.`, [r, groupId]);
  }
  return [...new Set(list)];
}

/** The key's roles with those in project `groupId` replaced by `roles` (none: taken off the project). */
function setProjectRoles(k: ApiKeyRecord, groupId: string, roles: string[]): void {
  k.roles = [...k.roles.filter((r: Json) => r.groupId !== groupId), ...roles.map((roleName) => ({ groupId, roleName }))];
}

export const projectAccessHandlers: HandlerTable = {
  removeGroupUser: (ctx) => {
    const p = requireProject(ctx);
    const id = ctx.params.userId;
    const u = ctx.state.users.get(id);
    if (!u || !u.groupRoles[p.id]) throw new ApiError(404, 'USER_NOT_FOUND', `No user with ID ${id} exists.`, [id]);
    delete u.groupRoles[p.id];
    return { status: 204 };
  },

  listGroupApiKeys: (ctx) => {
    const p = requireProject(ctx);
    const keys = [...ctx.state.apiKeys.values()].filter((k) => k.orgId === p.orgId && assigned(k, p.id));
    return paginate(ctx, keys, (k) => renderApiKey(ctx.base, k));
  },

  addGroupApiKey: (ctx) => {
    const p = requireProject(ctx);
    const k = keyOf(ctx, p);
    const items = Array.isArray(ctx.body) ? (ctx.body as Json[]) : [];
    setProjectRoles(
      k,
      p.id,
      checkRoles(
        items.flatMap((i) => i.roles ?? []),
        p.id,
      ),
    );
    return { status: 204 };
  },

  updateGroupApiKeyRoles: (ctx) => {
    const p = requireProject(ctx);
    const k = keyOf(ctx, p);
    setProjectRoles(k, p.id, checkRoles((ctx.body as Json | undefined)?.roles, p.id));
    if ((ctx.body as Json | undefined)?.desc !== undefined) k.desc = (ctx.body as Json).desc;
    return { status: 200, body: renderApiKey(ctx.base, k) };
  },

  removeGroupApiKey: (ctx) => {
    const p = requireProject(ctx);
    const k = keyOf(ctx, p);
    if (!assigned(k, p.id)) throw new ApiError(400, 'API_KEY_NOT_FOUND', `API key ${k.id} is not assigned to project ${p.id}.`, [k.id, p.id]);
    setProjectRoles(k, p.id, []);
    return { status: 204 };
  },
};
