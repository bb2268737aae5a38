/**
 * The project-level roles of Atlas (`GROUP_*`): what a team, a user or an API key may be
 * given in a project. The spec types them as free strings (TeamRole.roleNames,
 * GroupRoleAssignment.groupRoles: `type: string`, no enum, with an external link to the
 * roles page), so the list is taken from that page: MongoDB's "Atlas User Roles", section
 * "Project Roles" (mongodb/docs content/atlas/source/reference/user-roles.txt, the
 * "Project Role (API, CLI)" column), in its order. The CLI checks `--role` against it at
 * parse time; the simulator refuses anything else as Atlas does (INVALID_ROLE_FOR_GROUP).
 */
export const PROJECT_ROLES = [
  'GROUP_OWNER',
  'GROUP_CLUSTER_MANAGER',
  'GROUP_STREAM_PROCESSING_OWNER',
  'GROUP_DATA_ACCESS_ADMIN',
  'GROUP_DATA_ACCESS_READ_WRITE',
  'GROUP_DATA_ACCESS_READ_ONLY',
  'GROUP_DATABASE_ACCESS_ADMIN',
  'GROUP_BACKUP_MANAGER',
  'GROUP_OBSERVABILITY_VIEWER',
  'GROUP_READ_ONLY',
  'GROUP_SEARCH_INDEX_EDITOR',
] as const;

export type ProjectRole = (typeof PROJECT_ROLES)[number];

/** True for a project role Atlas knows (exact, upper case). */
export function isProjectRole(value: string): value is ProjectRole {
  return (PROJECT_ROLES as readonly string[]).includes(value);
}
