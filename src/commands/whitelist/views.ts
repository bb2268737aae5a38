import type { View } from '../../output/render.js';

/** An access-list entry (project or API key): the address or block, comment, expiry. */
export const ENTRY_VIEW: View = {
  empty: 'access list entries',
  columns: [
    { header: 'entry', value: (e: { ipAddress?: string; cidrBlock?: string; awsSecurityGroup?: string }) => e.ipAddress ?? e.cidrBlock ?? e.awsSecurityGroup },
    { header: 'cidr block', value: 'cidrBlock' },
    { header: 'comment', value: 'comment' },
    { header: 'expires', value: 'deleteAfterDate' },
  ],
};

/** The status of an entry (`{"STATUS": "ACTIVE"}`). */
export const STATUS_VIEW: View = { columns: [{ header: 'status', value: 'STATUS' }] };
