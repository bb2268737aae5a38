/** The view of `invitation`: an organization invitation (OrganizationInvitation). */
import type { View } from '../../output/render.js';

export const INVITATION_VIEW: View = {
  empty: 'pending invitations',
  columns: [
    { header: 'id', value: 'id' },
    { header: 'email', value: 'username' },
    { header: 'roles', value: (i: { roles?: string[] }) => (i.roles ?? []).join(',') },
    {
      header: 'project roles',
      value: (i: { groupRoleAssignments?: Array<{ groupId?: string; groupRole?: string }> }) => (i.groupRoleAssignments ?? []).map((g) => `${g.groupRole}@${g.groupId}`).join(','),
    },
    { header: 'invited by', value: 'inviterUsername' },
    { header: 'expires', value: 'expiresAt' },
  ],
};
