/**
 * Handlers of `atlascli invitation …`: pending invitations to the organization
 * (`/orgs/{orgId}/invites`, 2023-01-01; deprecated by Atlas in favour of pending org users,
 * served until its sunset, 2027-07-01).
 */
import type { Context } from '../../program/context.js';
import type { RequestSpec } from '../../atlas/client.js';
import { UsageError } from '../../errors.js';
import { checkEmail } from '../../args/names.js';
import { parseRoles } from '../../args/roles.js';
import { parseLimit } from '../../args/values.js';
import { confirmDestructive, deleting, dryRun } from '../shared.js';
import { INVITATION_VIEW } from './views.js';

/**
 * listOrgInvites: a plain array (the spec's 200 is `type: array`, no pages), `--limit`
 * applied here; `--email` is Atlas's `username` filter.
 */
export async function list(ctx: Context, _args: string[], opts: { limit?: string; email?: string }): Promise<void> {
  const limit = parseLimit(opts);
  const orgId = ctx.orgId();
  const query = opts.email !== undefined ? { username: checkEmail(opts.email) } : undefined;
  const docs = (await (await ctx.client()).request<unknown[]>({ operationId: 'listOrgInvites', pathParams: { orgId }, query })) ?? [];
  ctx.renderer.list(limit === undefined ? docs : docs.slice(0, limit), INVITATION_VIEW, `in organization ${orgId}`);
}

/** getOrgInvite. */
export async function get(ctx: Context, [invitationId]: string[]): Promise<void> {
  const doc = await (await ctx.client()).request({ operationId: 'getOrgInvite', pathParams: { orgId: ctx.orgId(), invitationId: invitationId! } });
  ctx.renderer.object(doc, INVITATION_VIEW);
}

/**
 * `create <email> --role <ORG_ROLE>… [--project-role <GROUP_ROLE>… (of -p/--project)]`:
 * createOrgInvite, body OrganizationInvitationRequest `{username, roles,
 * groupRoleAssignments?: [{groupId, roles}]}`. The address and every role are checked
 * before anything is sent; the project, given by id or name, is resolved first (getGroupByName,
 * or getGroup for an id) and must belong to the organization: else a UsageError (exit 2)
 * naming its organization, before createOrgInvite.
 */
export async function create(ctx: Context, [email]: string[], opts: { role?: string[]; projectRole?: string[]; dryRun?: boolean }): Promise<void> {
  const username = checkEmail(email);
  const roles = parseRoles('org', '--role', opts.role);
  if (!roles.length) throw new UsageError('an invitation needs at least one --role', 'e.g. --role ORG_MEMBER');
  const projectRoles = parseRoles('group', '--project-role', opts.projectRole);
  // --project on this command line says which project the roles are in; without roles it would do nothing
  if (!projectRoles.length && ctx.settings.resolve('projectId').source === 'flag') {
    throw new UsageError(
      '--project names the project of --project-role: give the roles too',
      'e.g. --project-role GROUP_READ_ONLY; leave --project out to invite to the organization only',
    );
  }
  const body: Record<string, unknown> = { username, roles };
  const orgId = ctx.orgId();
  if (projectRoles.length) {
    const groupId = ctx.projectId();
    // Atlas answers 404 GROUP_NOT_FOUND for a project of another organization: say which before sending
    const projectOrg = await ctx.projectOrgId(groupId);
    if (projectOrg && projectOrg !== orgId) {
      const given = ctx.settings.get('projectId') ?? groupId;
      throw new UsageError(
        `project ${given === groupId ? groupId : `"${given}" (${groupId})`} belongs to organization ${projectOrg}, not to ${orgId}, which the invitation goes to`,
        `to invite to that organization, add --org ${projectOrg}; else give a project of ${orgId} (atlascli org projects)`,
      );
    }
    body.groupRoleAssignments = [{ groupId, roles: projectRoles }];
  }
  const spec: RequestSpec = { operationId: 'createOrgInvite', pathParams: { orgId }, body };
  if (await dryRun(ctx, opts, spec)) return;
  const doc = await (await ctx.client()).request<{ id?: string; expiresAt?: string }>(spec);
  ctx.term.info(`invited ${username} to organization ${orgId}${doc?.expiresAt ? `; the invitation expires ${doc.expiresAt}` : ''}`);
  ctx.renderer.object(doc, INVITATION_VIEW);
}

/** deleteOrgInvite: cancels a pending invitation (asks first; --force in scripts). */
export async function remove(ctx: Context, [invitationId]: string[], opts: { dryRun?: boolean; ifExists?: boolean }): Promise<void> {
  const spec: RequestSpec = { operationId: 'deleteOrgInvite', pathParams: { orgId: ctx.orgId(), invitationId: invitationId! } };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Cancel invitation ${invitationId}`))) return;
  if (!(await deleting(ctx, opts, `invitation ${invitationId}`, async () => (await ctx.client()).request(spec)))) return;
  ctx.renderer.done(`cancelled invitation ${invitationId}`, { id: invitationId, deleted: true });
}
