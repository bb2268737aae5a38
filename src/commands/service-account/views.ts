/** The views of `service-account`: a service account, and one of its secrets. */
import type { View } from '../../output/render.js';

type Secret = { id?: string; expiresAt?: string; secret?: string; maskedSecretValue?: string };
type Account = { secrets?: Secret[] };

/** The secret of an account's answer that is shown whole: the new one, in a create's answer. */
const newSecret = (a: Account): Secret | undefined => a.secrets?.find((s) => typeof s.secret === 'string') ?? a.secrets?.[0];

/** A service account (OrgServiceAccount): client id, name, roles, its secrets' count and the first expiry. */
export const SERVICE_ACCOUNT_VIEW: View = {
  empty: 'service accounts',
  columns: [
    { header: 'client id', value: 'clientId' },
    { header: 'name', value: 'name' },
    { header: 'roles', value: (a: { roles?: string[] }) => (a.roles ?? []).join(',') },
    { header: 'secrets', value: (a: Account) => (a.secrets ?? []).length },
    {
      header: 'next expiry',
      value: (a: Account) =>
        (a.secrets ?? [])
          .map((s) => s.expiresAt ?? '')
          .filter(Boolean)
          .sort()[0] ?? '',
    },
  ],
};

/** A service account just created: with its first secret, which Atlas shows only this once. */
export const NEW_SERVICE_ACCOUNT_VIEW: View = {
  columns: [
    { header: 'client id', value: 'clientId' },
    { header: 'name', value: 'name' },
    { header: 'roles', value: (a: { roles?: string[] }) => (a.roles ?? []).join(',') },
    { header: 'secret id', value: (a: Account) => newSecret(a)?.id },
    { header: 'secret', value: (a: Account) => newSecret(a)?.secret, identifier: true },
    { header: 'expires', value: (a: Account) => newSecret(a)?.expiresAt },
  ],
};

/** A secret (ServiceAccountSecret) as `secret create` prints it: the secret itself, once. */
export const NEW_SECRET_VIEW: View = {
  columns: [
    { header: 'id', value: 'id' },
    { header: 'secret', value: 'secret', identifier: true },
    { header: 'created', value: 'createdAt' },
    { header: 'expires', value: 'expiresAt' },
  ],
};
