/**
 * Completion values that are not constants: cluster names and processes from the API, profile names
 * from the config file, config keys from the settings definitions. A TAB must never
 * hang or print an error into the command line: every failure (no credentials, no
 * project, a bad config file, an error from Atlas, no answer in time) gives no
 * candidates and prints nothing.
 */
import { ENV } from '../../environment.js';
import { PassThrough } from 'node:stream';
import type { Typed } from './values.js';

/** The longest a TAB waits for Atlas, in milliseconds (ATLASCLI_COMPLETE_TIMEOUT_MS overrides, for tests). */
export const LIVE_TIMEOUT_MS = 2000;
/**
 * The bound on each wait of a request (connection, headers, body), half the above, so
 * that a slow answer fails by itself; a look-up still running at the deadline is cut off
 * (the client destroyed).
 */
const WAIT_FRACTION = 0.5;
/** Names asked for (one page): enough for any project's clusters or processes. */
const MAX_NAMES = 500;

function timeoutMs(env: NodeJS.ProcessEnv): number {
  const n = Number(env[ENV.completeTimeoutMs]);
  return Number.isFinite(n) && n > 0 ? n : LIVE_TIMEOUT_MS;
}

/** The global options typed on the line (`--project x` → { project: 'x' }), as commander would name them. */
function globals(typed: Typed): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [flag, values] of typed.options) {
    const v = values.at(-1);
    if (v !== undefined) out[flag.replace(/^--/, '').replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())] = v;
  }
  return out;
}

/** A context whose terminal writes nowhere: warnings about the config file must not reach the command line. */
async function quietContext(typed: Typed) {
  const { Context } = await import('../../program/context.js');
  const sink = () => new PassThrough().resume();
  const io = { stdout: sink(), stderr: sink(), stdin: new PassThrough(), env: typed.env };
  return Context.create(io, globals(typed), 'complete');
}

/**
 * Asks Atlas for completion values about the project (or with `scope` 'org', the
 * organization) the line would act on (flags typed on the line, environment, profile, as
 * for any command). The client is built from the
 * context's settings, as `ctx.client()` does, but with no retries and a short bound on
 * every wait; the whole lookup is abandoned after LIVE_TIMEOUT_MS.
 * Never throws: [] on any failure.
 */
async function fromAtlas(
  typed: Typed,
  ask: (client: import('../../atlas/client.js').AtlasClient, scopeId: string) => Promise<string[]>,
  scope: 'project' | 'org' = 'project',
): Promise<string[]> {
  const limit = timeoutMs(typed.env);
  let client: import('../../atlas/client.js').AtlasClient | undefined;
  const lookup = async (): Promise<string[]> => {
    const ctx = await quietContext(typed);
    const scopeId = scope === 'org' ? ctx.orgId() : ctx.projectId();
    const [{ AtlasClient }, { checkSetting }, { DEFAULT_BASE_URL }, { configDir }] = await Promise.all([
      import('../../atlas/client.js'),
      import('../../settings/check.js'),
      import('../../settings/definitions.js'),
      import('../../settings/store.js'),
    ]);
    const credentials = ctx.settings.credentials();
    if (!credentials) return [];
    client = new AtlasClient({
      baseUrl: checkSetting('baseUrl', ctx.settings.get('baseUrl') ?? DEFAULT_BASE_URL),
      credentials,
      userAgent: `atlascli/${(await import('../../program/version.js')).packageVersion()} (${process.platform}; ${process.arch}) completion`,
      timeoutMs: Math.max(100, Math.round(limit * WAIT_FRACTION)),
      maxRetries: 0,
      pageConcurrency: 1,
      tokenCacheDir: configDir(typed.env),
      env: typed.env,
      warn: () => undefined,
    });
    return ask(client, scopeId);
  };
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  const deadline = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => ((late = true), resolve([])), limit);
    timer.unref();
  });
  try {
    return await Promise.race([lookup().catch(() => []), deadline]);
  } finally {
    clearTimeout(timer);
    // a look-up given up on is cut off, so the TAB returns now, not when undici's own timers fire
    void (late ? client?.destroy() : client?.close())?.catch(() => undefined);
  }
}

/**
 * Names of the clusters of the project: listGroupClusters and listGroupFlexClusters, one
 * page each, at once. [] on any failure.
 */
export function clusterNames(typed: Typed): Promise<string[]> {
  return fromAtlas(typed, async (client, groupId) => {
    const lists = await Promise.all(
      (['listGroupClusters', 'listGroupFlexClusters'] as const).map((operationId) =>
        client.list<{ name?: string }>({ operationId, pathParams: { groupId } }, { limit: MAX_NAMES }),
      ),
    );
    return lists.flat().flatMap((d) => (typeof d.name === 'string' ? [d.name] : []));
  });
}

/**
 * The project's processes (listGroupProcesses, one page): `host:port` as `process get`
 * and `metrics process` take them, or with `hostsOnly` the host names alone, each once,
 * as `logs download` takes them. [] on any failure.
 */
export function processIds(typed: Typed, hostsOnly: boolean): Promise<string[]> {
  return fromAtlas(typed, async (client, groupId) => {
    const procs = await client.list<{ id?: string; hostname?: string }>({ operationId: 'listGroupProcesses', pathParams: { groupId } }, { limit: MAX_NAMES });
    const values = procs.flatMap((p) => {
      const v = hostsOnly ? p.hostname : p.id;
      return typeof v === 'string' ? [v] : [];
    });
    return [...new Set(values)];
  });
}

/** Profile names in the config file; [] when there is none or it cannot be read. */
export async function profileNames(typed: Typed): Promise<string[]> {
  try {
    const { ProfileStore } = await import('../../settings/store.js');
    return (await new ProfileStore(typed.env).load()).profileNames();
  } catch {
    return [];
  }
}

/** The keys `config set|get|unset` take, in both spellings: `project-id` and `projectId`. */
export async function configKeys(): Promise<string[]> {
  const { PROFILE_KEYS } = await import('../../settings/definitions.js');
  return PROFILE_KEYS.flatMap((k) => {
    const kebab = k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    return kebab === k ? [k] : [kebab, k];
  });
}

/**
 * Regions Atlas offers on a cloud to this project (listGroupClusterProviderRegions, one
 * page), for a tier when one is given. [] on any failure.
 */
export function providerRegions(typed: Typed, provider: string, tier?: string): Promise<string[]> {
  return fromAtlas(typed, async (client, groupId) => {
    const results = await client.list<Record<string, unknown>>(
      { operationId: 'listGroupClusterProviderRegions', pathParams: { groupId }, query: { providers: [provider], ...(tier ? { tier } : {}) } },
      { limit: MAX_NAMES },
    );
    return (await import('../cluster/extras.js')).regionNames(results, provider);
  });
}

/** Names of the project's custom roles (listGroupCustomDbRoleRoles). [] on any failure. */
export function customRoleNames(typed: Typed): Promise<string[]> {
  return fromAtlas(typed, async (client, groupId) => {
    const roles = await client.request<Array<{ roleName?: string }>>({ operationId: 'listGroupCustomDbRoleRoles', pathParams: { groupId } });
    return (roles ?? []).flatMap((r) => (typeof r.roleName === 'string' ? [r.roleName] : []));
  });
}

/**
 * Names of teams, one page each: with 'org' those of the organization (`team get`, `team
 * users add`…: listOrgTeams); with 'project-org' those of the project's organization
 * (`project teams add`: getGroup for its orgId first); with 'project' the teams the project
 * has (`project teams remove`: listGroupTeams, named from the organization's teams as
 * `project teams` names them). [] on any failure.
 */
export function teamNames(typed: Typed, which: 'org' | 'project-org' | 'project'): Promise<string[]> {
  const orgTeams = async (client: import('../../atlas/client.js').AtlasClient, orgId: string) =>
    await client.list<{ id?: string; name?: string }>({ operationId: 'listOrgTeams', pathParams: { orgId } }, { limit: MAX_NAMES });
  const names = (teams: Array<{ name?: string }>) => teams.flatMap((t) => (typeof t.name === 'string' ? [t.name] : []));
  if (which === 'org') return fromAtlas(typed, async (client, orgId) => names(await orgTeams(client, orgId)), 'org');
  return fromAtlas(typed, async (client, groupId) => {
    const [group, has] = await Promise.all([
      client.request<{ orgId: string }>({ operationId: 'getGroup', pathParams: { groupId } }),
      which === 'project' ? client.list<{ teamId?: string }>({ operationId: 'listGroupTeams', pathParams: { groupId } }, { limit: MAX_NAMES }) : undefined,
    ]);
    const teams = await orgTeams(client, group.orgId);
    if (!has) return names(teams);
    const ids = new Set(has.map((t) => t.teamId));
    return names(teams.filter((t) => ids.has(t.id)));
  });
}
