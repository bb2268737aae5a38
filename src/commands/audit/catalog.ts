/**
 * The audit checks' ids, severities and one-line descriptions: what `audit --help` and the
 * README list. No imports, so the command's definition (loaded with the root's help) stays
 * light; checks.ts gives each id its test.
 */
export type Severity = 'warning' | 'error';

export const CATALOG = [
  { id: 'open-access', severity: 'error', what: 'an access-list entry open to the world (0.0.0.0/0 or ::/0)' },
  { id: 'wide-access', severity: 'warning', what: 'an access-list CIDR block wider than /16 (IPv6: wider than /48), not open to all' },
  { id: 'admin-user', severity: 'warning', what: 'a database user with atlasAdmin or an any-database role (readWriteAnyDatabase…)' },
  { id: 'unscoped-user', severity: 'warning', what: 'a database user not scoped to clusters (it may connect to every cluster of the project)' },
  { id: 'no-backup', severity: 'warning', what: 'a dedicated cluster without cloud backup' },
  { id: 'unprotected', severity: 'error', what: 'a cluster tagged env=prod without termination protection' },
  { id: 'old-version', severity: 'warning', what: 'a cluster on a MongoDB major below the newest Atlas offers (8.0)' },
  { id: 'long-paused', severity: 'warning', what: 'a cluster paused more than 30 days (no pause or change of it in the events of the last 30 days)' },
] as const satisfies ReadonlyArray<{ id: string; severity: Severity; what: string }>;

export type CheckId = (typeof CATALOG)[number]['id'];
