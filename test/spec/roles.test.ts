// The role lists the CLI checks --role and --project-role against (src/args/roles.ts),
// held to the spec they come from.
import { describe, expect, it } from 'vitest';
import schemas from '../../src/spec/schemas.json' with { type: 'json' };
import { GROUP_ROLES, ORG_ROLES, parseRole, parseRoles } from '../../src/args/roles.js';

type Schema = { properties?: Record<string, { items?: { enum?: string[] } }> };
const named = (schemas as { schemas: Record<string, Schema> }).schemas;

describe('organization and project roles', () => {
  it('ORG_ROLES is the enum of roles in every request that takes organization roles', () => {
    for (const name of ['CreateAtlasOrganizationApiKey', 'UpdateAtlasOrganizationApiKey', 'OrgServiceAccountRequest', 'OrganizationInvitationRequest']) {
      expect([...named[name]!.properties!.roles!.items!.enum!].sort(), name).toEqual([...ORG_ROLES].sort());
    }
  });

  it('the spec gives project roles no enum (so the documented list stands)', () => {
    expect(named.OrganizationInvitationGroupRoleAssignmentsRequest!.properties!.roles!.items!.enum).toBeUndefined();
    expect(GROUP_ROLES).toContain('GROUP_READ_ONLY');
  });

  it('parses any case, keeps the order given without repeats, names project roles given as organization roles', () => {
    expect(parseRoles('org', '--role', ['org_member', 'ORG_READ_ONLY', 'Org_Member'])).toEqual(['ORG_MEMBER', 'ORG_READ_ONLY']);
    expect(() => parseRole('org', '--role', 'GROUP_OWNER')).toThrow(
      expect.objectContaining({ message: 'invalid --role "GROUP_OWNER": not an organization role', hint: expect.stringMatching(/^GROUP_OWNER is a project role/) }),
    );
    expect(() => parseRole('group', '--project-role', 'GROUP_READONLY')).toThrow(/invalid --project-role "GROUP_READONLY"/);
  });
});
