/**
 * The checks of `atlascli audit`, each a pure function of what one project's lists
 * returned (access list, database users, clusters): no request of its own.
 */
import type { Json } from '../cluster/body.js';
import { kindOf } from '../cluster/kind.js';
import { MAJOR_ORDER, OFFERED_MAJORS } from '../cluster/validate.js';

import { CATALOG, type CheckId, type Severity } from './catalog.js';

export type { Severity } from './catalog.js';
export const SEVERITIES: readonly Severity[] = ['warning', 'error'];

export interface Finding {
  groupId: string;
  projectName: string;
  check: string;
  severity: Severity;
  resource: string;
  detail: string;
}

/** What a check reads: the lists it needs from each project ('pauses': the clusters, then the events of the paused ones). */
export type Needs = 'accessList' | 'users' | 'clusters' | 'pauses';

/** How long a cluster may stay paused before `long-paused` finds it, in ms (30 days). */
export const LONG_PAUSE_MS = 30 * 86_400_000;

/**
 * The events that show a cluster was paused or changed: a pause sent through the API is a
 * cluster update (`CLUSTER_UPDATE_SUBMITTED`), and Atlas's own pause of an idle free cluster
 * is `CLUSTER_AUTOMATICALLY_PAUSED` (the spec's EventTypeForNdsGroup). A paused cluster
 * cannot be changed (Atlas docs, "Pause, Resume, or Terminate a Cluster"), so its latest
 * such event is its pause.
 */
export const PAUSE_EVENT_TYPES = ['CLUSTER_UPDATE_SUBMITTED', 'CLUSTER_AUTOMATICALLY_PAUSED'] as const;

export interface ProjectData {
  accessList: Json[];
  users: Json[];
  clusters: Json[];
  /** 'pauses': the start of the 30-day window read (ISO), and the paused clusters with a pause or change event in it */
  pauses?: { since: string; recent: ReadonlySet<string> };
}

export interface Check {
  id: CheckId;
  severity: Severity;
  /** one line for the help and the README */
  what: string;
  needs: Needs;
  run(data: ProjectData): Array<{ resource: string; detail: string }>;
}

type Rule = Pick<Check, 'needs' | 'run'>;

/** The newest major Atlas offers, as atlascli knows it (src/commands/cluster/validate.ts). */
export const NEWEST_MAJOR = OFFERED_MAJORS[OFFERED_MAJORS.length - 1]!;

const prefixOf = (cidr: string): { v6: boolean; bits: number } | undefined => {
  const m = /^(.+)\/(\d{1,3})$/.exec(cidr);
  if (!m) return undefined;
  return { v6: m[1]!.includes(':'), bits: Number(m[2]) };
};

const ANY_DB = /AnyDatabase$/;

const RULES: Record<CheckId, Rule> = {
  'open-access': {
    needs: 'accessList',
    run: (d) =>
      d.accessList
        .filter((e) => prefixOf(String(e.cidrBlock ?? ''))?.bits === 0)
        .map((e) => ({ resource: `access-list ${e.cidrBlock}`, detail: 'any address on the internet may connect' })),
  },
  'wide-access': {
    needs: 'accessList',
    run: (d) =>
      d.accessList.flatMap((e) => {
        const p = prefixOf(String(e.cidrBlock ?? ''));
        if (!p || p.bits === 0 || p.bits >= (p.v6 ? 48 : 16)) return [];
        return [{ resource: `access-list ${e.cidrBlock}`, detail: `/${p.bits} admits ${p.v6 ? 'a very wide range of' : 2 ** (32 - p.bits) + ''} addresses` }];
      }),
  },
  'admin-user': {
    needs: 'users',
    run: (d) =>
      d.users.flatMap((u) => {
        const roles = (Array.isArray(u.roles) ? (u.roles as Json[]) : []).map((r) => String(r.roleName)).filter((r) => r === 'atlasAdmin' || ANY_DB.test(r));
        return roles.length ? [{ resource: `user ${u.username}`, detail: `role ${roles.join(', ')}` }] : [];
      }),
  },
  'unscoped-user': {
    needs: 'users',
    run: (d) =>
      d.users
        .filter((u) => !Array.isArray(u.scopes) || (u.scopes as Json[]).length === 0)
        .map((u) => ({ resource: `user ${u.username}`, detail: 'no scopes: every cluster of the project' })),
  },
  'no-backup': {
    needs: 'clusters',
    run: (d) =>
      d.clusters
        .filter((c) => kindOf(c) === 'dedicated' && c.backupEnabled !== true && c.providerBackupEnabled !== true)
        .map((c) => ({ resource: `cluster ${c.name}`, detail: 'cloud backup is off' })),
  },
  unprotected: {
    needs: 'clusters',
    run: (d) =>
      d.clusters
        .filter((c) => (Array.isArray(c.tags) ? (c.tags as Json[]) : []).some((t) => t.key === 'env' && t.value === 'prod') && c.terminationProtectionEnabled !== true)
        .map((c) => ({ resource: `cluster ${c.name}`, detail: 'tagged env=prod, termination protection is off' })),
  },
  'old-version': {
    needs: 'clusters',
    run: (d) =>
      d.clusters.flatMap((c) => {
        const major = String(c.mongoDBMajorVersion ?? '');
        if (c.versionReleaseSystem === 'CONTINUOUS' || !MAJOR_ORDER.includes(major)) return [];
        return MAJOR_ORDER.indexOf(major) < MAJOR_ORDER.indexOf(NEWEST_MAJOR) ? [{ resource: `cluster ${c.name}`, detail: `MongoDB ${major}; ${NEWEST_MAJOR} is offered` }] : [];
      }),
  },
  'long-paused': {
    needs: 'pauses',
    run: (d) =>
      d.pauses
        ? d.clusters
            .filter((c) => c.paused === true && !d.pauses!.recent.has(String(c.name)))
            .map((c) => ({ resource: `cluster ${c.name}`, detail: `paused, with no pause or change since ${d.pauses!.since.slice(0, 10)} (more than 30 days)` }))
        : [],
  },
};

/** Every check, in the catalog's order (the order findings and the help list them). */
export const CHECKS: readonly Check[] = CATALOG.map((c) => ({ ...c, ...RULES[c.id] }));
