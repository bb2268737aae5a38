import type { View } from '../../output/render.js';
import { formatRole } from './input.js';

type Scope = { name?: string; type?: string };

/** A database user: username, auth database, roles (compact), scopes, expiry. */
export const DATABASE_USER_VIEW: View = {
  empty: 'database users',
  columns: [
    { header: 'username', value: 'username' },
    { header: 'auth db', value: 'databaseName' },
    { header: 'roles', value: (u: { roles?: unknown[] }) => (u.roles ?? []).map((r) => formatRole(r as Record<string, string>)).join(', ') },
    {
      header: 'scopes',
      value: (u: { scopes?: Scope[] }) =>
        (u.scopes ?? [])
          .map(
            (s) =>
              `${String(s.type ?? '')
                .toLowerCase()
                .replace('_', '-')}:${s.name}`,
          )
          .join(', '),
    },
    { header: 'expires', value: 'deleteAfterDate' },
  ],
};

/** After `--generate-password`: the user and the password, printed once, whole (never cut to fit a terminal). */
export const GENERATED_PASSWORD_VIEW: View = {
  columns: [...DATABASE_USER_VIEW.columns, { header: 'password', value: 'password', identifier: true }],
};
