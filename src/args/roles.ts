/**
 * Atlas project roles (GROUP_*) on the command line, checked while commander parses them.
 *
 * The spec types project roles as plain strings (UserAccessRoleAssignment.roles,
 * UpdateAtlasProjectApiKey.roles, TeamRole.roleNames: `items: {type: string}`) and points
 * to MongoDB Cloud User Roles (mongodb.com/docs/atlas/reference/user-roles/#project-roles)
 * for the values: this is that list. A role outside it is refused before any request.
 */
import { UsageError } from '../errors.js';
import { suggestionHint } from './suggest.js';

/** The project roles Atlas documents (docs: Atlas user roles, "Project Roles"). */
export const GROUP_ROLES = [
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
] as const;

/**
 * A commander parser for a repeatable `--role <GROUP_ROLE>` (also comma-separated):
 * upper-cased, checked against GROUP_ROLES, duplicates dropped.
 * @returns the roles so far, with this value's
 * @throws UsageError (exit 2) naming the closest roles
 */
export function collectGroupRoles(value: string, previous: string[] = []): string[] {
  const out = [...previous];
  for (const raw of value.split(',')) {
    const role = raw.trim().toUpperCase();
    if (!role) continue;
    if (!(GROUP_ROLES as readonly string[]).includes(role)) throw new UsageError(`invalid --role "${raw.trim()}"`, suggestionHint(role, GROUP_ROLES, 'project roles'));
    if (!out.includes(role)) out.push(role);
  }
  return out;
}
