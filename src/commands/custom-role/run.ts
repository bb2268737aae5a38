/** Run: `custom-role …` → requests and rendering. */
import type { Context } from '../../program/context.js';
import type { RequestSpec } from '../../atlas/client.js';
import { UsageError } from '../../errors.js';
import { confirmDestructive, deleting, dryRun, withHints } from '../shared.js';
import { checkRoleNames } from '../user/run.js';
import { checkRoleName, inheritsToCheck, parseInherits, parsePrivileges, type InheritedRole, type PrivilegeAction } from './privileges.js';
import { CUSTOM_ROLE_VIEW } from './views.js';

interface Role {
  roleName: string;
  actions: PrivilegeAction[];
  inheritedRoles: InheritedRole[];
}

interface CreateOptions {
  privilege?: string[];
  inherit?: string[];
  dryRun?: boolean;
}

interface ChangeOptions extends CreateOptions {
  append?: boolean;
}

const rolePath = (groupId: string, roleName: string) => ({ groupId, roleName });

/** listGroupCustomDbRoleRoles: a plain array (not paginated), printed as served. */
export async function list(ctx: Context): Promise<void> {
  const roles = await (await ctx.client()).request<Role[]>({ operationId: 'listGroupCustomDbRoleRoles', pathParams: { groupId: ctx.projectId() } });
  ctx.renderer.list(roles ?? [], CUSTOM_ROLE_VIEW);
}

/** getGroupCustomDbRoleRole. @throws AtlasApiError 404 ATLAS_CUSTOM_ROLE_NOT_FOUND, with `custom-role list` as the hint */
export async function get(ctx: Context, [name]: string[]): Promise<void> {
  const roleName = checkRoleName(name);
  ctx.renderer.object(await fetchRole(ctx, ctx.projectId(), roleName), CUSTOM_ROLE_VIEW);
}

/**
 * createGroupCustomDbRoleRole (Atlas answers 202 with the role): the privileges merged one
 * entry per action, the inherited roles each once; at least one of them (Atlas:
 * ATLAS_CUSTOM_ROLE_HAS_NO_PERMISSIONS). Everything is checked before the request (exit 2);
 * an inherited role not built in is looked up among the project's custom roles first
 * (checkRoleNames: one listGroupCustomDbRoleRoles), as `user create --role` is.
 */
export async function create(ctx: Context, [name]: string[], opts: CreateOptions): Promise<void> {
  const roleName = checkRoleName(name, true);
  const actions = parsePrivileges(opts.privilege ?? []);
  const inheritedRoles = parseInherits(opts.inherit ?? []);
  if (!actions.length && !inheritedRoles.length) {
    throw new UsageError('a custom role needs at least one --privilege or --inherit', 'e.g. --privilege FIND@sales or --inherit read@sales');
  }
  const groupId = ctx.projectId();
  await checkRoleNames(ctx, groupId, inheritsToCheck(opts.inherit ?? []));
  const spec: RequestSpec = { operationId: 'createGroupCustomDbRoleRole', pathParams: { groupId }, body: { actions, inheritedRoles, roleName } };
  if (await dryRun(ctx, opts, spec)) return;
  const created = await send<Role>(ctx, spec, roleName);
  ctx.renderer.object(created, CUSTOM_ROLE_VIEW);
}

/**
 * updateGroupCustomDbRoleRole: what is given replaces what the role has (`--privilege` the
 * actions, `--inherit` the inherited roles); with --append it is added to it (the role is
 * read first). Nothing given: exit 2 before any request; `--inherit` checked as in create.
 */
export async function update(ctx: Context, [name]: string[], opts: ChangeOptions): Promise<void> {
  const roleName = checkRoleName(name);
  if (opts.privilege === undefined && opts.inherit === undefined) {
    throw new UsageError('nothing to change', 'give --privilege and/or --inherit (with --append to add to what the role has)');
  }
  const actions = opts.privilege === undefined ? undefined : parsePrivileges(opts.privilege);
  const inherited = opts.inherit === undefined ? undefined : parseInherits(opts.inherit);
  const groupId = ctx.projectId();
  await checkRoleNames(ctx, groupId, inheritsToCheck(opts.inherit ?? []));
  const body: { actions?: PrivilegeAction[]; inheritedRoles?: InheritedRole[] } = {};
  if (opts.append) {
    const current = await fetchRole(ctx, groupId, roleName);
    if (actions) body.actions = parsePrivileges([...toTexts(current.actions), ...opts.privilege!]);
    if (inherited) body.inheritedRoles = parseInherits([...current.inheritedRoles.map((r) => `${r.role}@${r.db}`), ...opts.inherit!]);
  } else {
    if (actions) body.actions = actions;
    if (inherited) body.inheritedRoles = inherited;
  }
  const spec: RequestSpec = { operationId: 'updateGroupCustomDbRoleRole', pathParams: rolePath(groupId, roleName), body };
  if (await dryRun(ctx, opts, spec)) return;
  ctx.renderer.object(await send<Role>(ctx, spec, roleName), CUSTOM_ROLE_VIEW);
}

/** deleteGroupCustomDbRoleRole (asks first; --force in scripts; --if-exists). */
export async function remove(ctx: Context, [name]: string[], opts: { dryRun?: boolean; ifExists?: boolean }): Promise<void> {
  const roleName = checkRoleName(name);
  const groupId = ctx.projectId();
  const spec: RequestSpec = { operationId: 'deleteGroupCustomDbRoleRole', pathParams: rolePath(groupId, roleName) };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Delete custom role ${roleName}`))) return;
  if (!(await deleting(ctx, opts, `custom role ${roleName}`, () => send(ctx, spec, roleName)))) return;
  ctx.renderer.done(`deleted custom role ${roleName}`, { roleName, deleted: true });
}

// ---- helpers ---------------------------------------------------------------------------

/** A role's actions back in --privilege syntax, one text per action and resource. */
function toTexts(actions: readonly PrivilegeAction[]): string[] {
  return actions.flatMap((a) => a.resources.map((r) => (r.cluster ? a.action : `${a.action}@${r.db}${r.collection ? `.${r.collection}` : ''}`)));
}

async function fetchRole(ctx: Context, groupId: string, roleName: string): Promise<Role> {
  return send<Role>(ctx, { operationId: 'getGroupCustomDbRoleRole', pathParams: rolePath(groupId, roleName) }, roleName);
}

/** Hints for Atlas's refusals that a person can act on. */
const HINTS: Record<string, (name: string) => string> = {
  ATLAS_CUSTOM_ROLE_NOT_FOUND: () => '`atlascli custom-role list` shows the custom roles of the project',
  ATLAS_CUSTOM_ROLE_ALREADY_EXISTS: (n) => `change it with \`atlascli custom-role update ${n}\``,
  ATLAS_INVALID_CUSTOM_ROLE_INHERITANCE: () => 'an inherited role is a built-in role or a custom role of the project (`atlascli custom-role list`)',
  ATLAS_CUSTOM_ROLE_IN_USE: (n) => `give the users another role first (\`atlascli user update <user> --add-role … --remove-role ${n}@admin\`), then delete it`,
};

async function send<T>(ctx: Context, spec: RequestSpec, roleName: string): Promise<T> {
  const client = await ctx.client();
  return withHints(
    () => client.request<T>(spec),
    (err) => HINTS[err.errorCode ?? '']?.(roleName),
  );
}
