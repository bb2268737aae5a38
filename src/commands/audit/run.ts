/** `atlascli audit`: the checks of checks.ts over one project or every project, findings as rows or JSON. */
import type { Context } from '../../program/context.js';
import type { AtlasClient } from '../../atlas/client.js';
import { CliError, EXIT, UsageError } from '../../errors.js';
import type { Json } from '../cluster/body.js';
import { FANOUT_CONCURRENCY, orderedFanOut, type FleetProject } from '../fleet/fanout.js';
import { scopeProjects } from '../fleet/clusters.js';
import { isoSeconds } from '../../args/dates.js';
import { CHECKS, LONG_PAUSE_MS, PAUSE_EVENT_TYPES, SEVERITIES, type Check, type Finding, type ProjectData, type Severity } from './checks.js';

export interface AuditOptions {
  allProjects?: boolean;
  check?: string[];
  failOn?: string;
}

export const FINDING_VIEW = {
  empty: 'findings',
  columns: [
    { header: 'project', value: 'projectName' },
    { header: 'resource', value: 'resource' },
    { header: 'check', value: 'check' },
    { header: 'severity', value: 'severity' },
    { header: 'detail', value: 'detail' },
  ],
};

/** The checks asked for (every one without --check); a usage error for an unknown id. */
export function pickChecks(ids: string[] | undefined): Check[] {
  if (!ids || ids.length === 0) return [...CHECKS];
  const wanted = ids
    .flatMap((i) => i.split(','))
    .map((i) => i.trim())
    .filter(Boolean);
  for (const id of wanted) {
    if (!CHECKS.some((c) => c.id === id)) throw new UsageError(`unknown --check "${id}"`, `checks: ${CHECKS.map((c) => c.id).join(', ')}`);
  }
  return CHECKS.filter((c) => wanted.includes(c.id));
}

export function parseFailOn(v: string | undefined): Severity {
  if (v === undefined) return 'error';
  if (!(SEVERITIES as readonly string[]).includes(v)) throw new UsageError(`invalid --fail-on "${v}"`, 'give warning or error');
  return v as Severity;
}

/**
 * Reads what the checks need of one project: access list, database users, clusters (only
 * those asked for); for `long-paused`, when a cluster is paused, the project's pause and
 * change events of the last 30 days of those clusters (listGroupEvents, one list).
 * `now` is epoch ms.
 */
async function readProject(client: AtlasClient, p: FleetProject, checks: Check[], now: number): Promise<ProjectData> {
  const needs = new Set(checks.map((c) => c.needs));
  const groupId = p.id;
  const [accessList, users, clusters] = await Promise.all([
    needs.has('accessList') ? client.list<Json>({ operationId: 'listGroupAccessListEntries', pathParams: { groupId } }) : [],
    needs.has('users') ? client.list<Json>({ operationId: 'listGroupDatabaseUsers', pathParams: { groupId } }) : [],
    needs.has('clusters') || needs.has('pauses') ? client.list<Json>({ operationId: 'listGroupClusters', pathParams: { groupId } }) : [],
  ]);
  const data: ProjectData = { accessList, users, clusters };
  const paused = clusters.filter((c) => c.paused === true).map((c) => String(c.name));
  if (needs.has('pauses') && paused.length) {
    const since = isoSeconds(new Date(now - LONG_PAUSE_MS));
    const events = await client.list<Json>({
      operationId: 'listGroupEvents',
      pathParams: { groupId },
      query: { eventType: [...PAUSE_EVENT_TYPES], clusterNames: paused, minDate: since },
    });
    data.pauses = { since, recent: new Set(events.map((e) => String(e.clusterName))) };
  }
  return data;
}

/**
 * Runs the checks; prints one finding a row (JSON: an array of {groupId, projectName,
 * check, severity, resource, detail}, in project order, then check order).
 * @throws UsageError (exit 2) for an unknown check or --fail-on before any request;
 *   CliError exit 1 when a finding is at or above --fail-on (after printing them all)
 */
export async function audit(ctx: Context, _args: string[], opts: AuditOptions): Promise<void> {
  const checks = pickChecks(opts.check);
  const failOn = parseFailOn(opts.failOn);
  const projects = await scopeProjects(ctx, opts.allProjects);
  const client = await ctx.client();
  const now = (ctx.io.now ?? Date.now)();
  const findings: Finding[] = [];
  await orderedFanOut(
    projects,
    FANOUT_CONCURRENCY,
    (p) => readProject(client, p, checks, now),
    (p, data) => {
      for (const c of checks) {
        for (const f of c.run(data)) findings.push({ groupId: p.id, projectName: p.name, check: c.id, severity: c.severity, resource: f.resource, detail: f.detail });
      }
    },
  );
  ctx.renderer.list(findings, FINDING_VIEW, opts.allProjects ? 'in any project' : `in project ${projects[0]?.name}`);
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  const errors = findings.filter((f) => f.severity === 'error').length;
  ctx.term.info(
    `${findings.length} finding${findings.length === 1 ? '' : 's'} (${errors} error, ${findings.length - errors} warning) in ${projects.length} project${projects.length === 1 ? '' : 's'}`,
  );
  const failing = findings.filter((f) => rank(f.severity) >= rank(failOn));
  if (failing.length) throw new CliError(`audit failed: ${failing.length} finding${failing.length === 1 ? '' : 's'} at or above ${failOn}`, undefined, EXIT.failure);
}
