/** The views of `org api-keys`: how its commands show a key and an access-list entry. */
import type { View } from '../../output/render.js';

/** An API key; the private key never shows (masked if Atlas sends one). */
export const API_KEY_VIEW: View = {
  empty: 'API keys',
  columns: [
    { header: 'id', value: 'id' },
    { header: 'public key', value: 'publicKey' },
    { header: 'description', value: 'desc' },
    { header: 'roles', value: (k: { roles?: Array<{ roleName?: string }> }) => (k.roles ?? []).map((r) => r.roleName).join(',') },
  ],
};

/** A key just created (`org api-keys create`): its private key, which Atlas shows only this once (never cut to fit a terminal). */
export const NEW_API_KEY_VIEW: View = {
  columns: [...API_KEY_VIEW.columns, { header: 'private key', value: 'privateKey', identifier: true }],
};

/** An entry of an API key's access list. */
export const KEY_ENTRY_VIEW: View = {
  empty: 'access list entries',
  columns: [
    { header: 'entry', value: (e: { ipAddress?: string; cidrBlock?: string }) => e.ipAddress ?? e.cidrBlock },
    { header: 'cidr block', value: 'cidrBlock' },
    { header: 'created', value: 'created' },
    { header: 'last used', value: 'lastUsed' },
    { header: 'uses', value: 'count' },
  ],
};
