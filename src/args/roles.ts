/**
 * Organization and project roles as users type them (`--role ORG_MEMBER`,
 * `--project-role GROUP_READ_ONLY`), checked while commander parses (src/args/checks.ts),
 * before any request: case-insensitive, sent in upper case.
 */
import { UsageError } from '../errors.js';
import { PROJECT_ROLES } from '../spec/project-roles.js';
import { suggestionHint } from './suggest.js';

/**
 * The organization roles: the enum of `roles` in the spec's CreateAtlasOrganizationApiKey,
 * OrgServiceAccountRequest and OrganizationInvitationRequest (the same seven values in
 * each; test/spec/index.test.ts holds this list to them).
 */
export const ORG_ROLES = ['ORG_OWNER', 'ORG_MEMBER', 'ORG_GROUP_CREATOR', 'ORG_BILLING_ADMIN', 'ORG_BILLING_READ_ONLY', 'ORG_STREAM_PROCESSING_ADMIN', 'ORG_READ_ONLY'] as const;

/** The project roles (GROUP_*): the one list, src/spec/project-roles.ts, from Atlas's documented roles. */
export const GROUP_ROLES = PROJECT_ROLES;

export type RoleKind = 'org' | 'group';

/**
 * One role as typed → the role Atlas takes (`org_member` → `ORG_MEMBER`).
 * @throws UsageError (exit 2) naming the flag and the closest roles
 */
export function parseRole(kind: RoleKind, flag: string, value: string): string {
  const roles: readonly string[] = kind === 'org' ? ORG_ROLES : GROUP_ROLES;
  const v = value.trim().toUpperCase();
  if (roles.includes(v)) return v;
  const what = kind === 'org' ? 'organization roles' : 'project roles';
  const other = kind === 'org' && v.startsWith('GROUP_') ? `${v} is a project role; ${what} here: ${roles.join(', ')}` : undefined;
  throw new UsageError(`invalid ${flag} "${value.trim()}": not ${kind === 'org' ? 'an organization role' : 'a project role'}`, other ?? suggestionHint(v, roles, what));
}

/** Several roles (a repeatable flag) → the distinct roles, in the order given. */
export function parseRoles(kind: RoleKind, flag: string, values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map((v) => parseRole(kind, flag, v)))];
}
