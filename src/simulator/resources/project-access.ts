// Who reaches a project: removing a user from it (removeGroupUser) and the organization API
// keys assigned to it (listGroupApiKeys, addGroupApiKey, updateGroupApiKeyRoles,
// removeGroupApiKey). The project users list itself, with its flattenTeams and
// includeOrgUsers flags, is in projects.ts.
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
//   that is not a project role 400 INVALID_ENUM_VALUE (a guess); no role at all 400
//   INVALID_ENUM_VALUE too (spec: "provide a minimum of one role"; the code a guess);
// - an unknown key is 400 API_KEY_NOT_FOUND "No API key with ID %s exists." (docs), a
//   malformed id 404 INVALID_KEY_ID (as resources/api-keys.ts); removeGroupApiKey of a key
//   not assigned to the project is 400 API_KEY_NOT_FOUND too (a guess), else 204 (spec).
import { HEX24, paginate, requireProject, type Ctx, type HandlerTable } from '../context.js';
import { ApiError } from '../errors.js';
import type { ApiKeyRecord, Json, Project } from '../state.js';
import { renderApiKey } from './api-keys.js';

/** The project roles Atlas documents (docs: Atlas user roles, "Project Roles"). */
export const PROJECT_ROLES = new Set([
  'GROUP_OWNER',
  'GROUP_CLUSTER_MANAGER',
  'GROUP_STREAM_PROCESSING_OWNER',
  'GROUP_DATABASE_ACCESS_ADMIN',
  'GROUP_DATA_ACCESS_ADMIN',
  'GROUP_DATA_ACCESS_READ_WRITE',
  'GROUP_DATA_ACCESS_READ_ONLY',
  'GROUP_BACKUP_MANAGER',
  'GROUP_SEARCH_INDEX_EDITOR',
  'GROUP_OBSERVABILITY_VIEWER',
  'GROUP_READ_ONLY',
]);

function keyOf(ctx: Ctx, p: Project): ApiKeyRecord {
  const id = ctx.params.apiUserId;
  if (!HEX24.test(id)) throw new ApiError(404, 'INVALID_KEY_ID', `An invalid key ID ${id} was specified.`, [id]);
  const k = ctx.state.apiKeys.get(id);
  if (!k || k.orgId !== p.orgId) throw new ApiError(400, 'API_KEY_NOT_FOUND', `No API key with ID ${id} exists.`, [id]);
  return k;
}

const assigned = (k: ApiKeyRecord, groupId: string) => k.roles.some((r) => r.groupId === groupId);

function checkRoles(roles: unknown): string[] {
  const list = Array.isArray(roles) ? roles.map(String) : [];
  if (!list.length) throw new ApiError(400, 'INVALID_ENUM_VALUE', 'An invalid enumeration value  was specified.', ['']);
  for (const r of list) {
    if (r.startsWith('ORG_')) throw new ApiError(400, 'CANNOT_ADD_ORG_ROLE', 'Adding an organization-level role in a group is not supported.');
    if (!PROJECT_ROLES.has(r)) throw new ApiError(400, 'INVALID_ENUM_VALUE', `An invalid enumeration value ${r} was specified.`, [r]);
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
    setProjectRoles(k, p.id, checkRoles(items.flatMap((i) => i.roles ?? [])));
    return { status: 204 };
  },

  updateGroupApiKeyRoles: (ctx) => {
    const p = requireProject(ctx);
    const k = keyOf(ctx, p);
    setProjectRoles(k, p.id, checkRoles((ctx.body as Json | undefined)?.roles));
    if ((ctx.body as Json | undefined)?.desc !== undefined) k.desc = (ctx.body as Json).desc;
    return { status: 200, body: renderApiKey(ctx.base, k) };
  },

  removeGroupApiKey: (ctx) => {
    const p = requireProject(ctx);
    const k = keyOf(ctx, p);
    if (!assigned(k, p.id)) throw new ApiError(400, 'API_KEY_NOT_FOUND', `No API key with ID ${k.id} exists.`, [k.id]);
    setProjectRoles(k, p.id, []);
    return { status: 204 };
  },
};
