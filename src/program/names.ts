/**
 * Projects and organizations by id or by name (`-p "Proj Beta"`, `--org Acme`): 24
 * hexadecimal characters are an id, anything else a name matched exactly. A context
 * answers `projectId()` / `orgId()` synchronously: a name it has not resolved yet throws
 * `PendingName`, and `withNames` resolves it (one request) and runs the handler again.
 * Handlers ask for the project before their first request (a missing project is a usage
 * error found before any request), so the run that threw sent nothing.
 */
import { AtlasApiError, CliError, EXIT, UsageError } from '../errors.js';
import type { AtlasClient } from '../atlas/client.js';

export type NameKind = 'project' | 'organization';

const HEX24 = /^[0-9a-f]{24}$/i;

/** True for an Atlas id (24 hexadecimal characters): used as given, never resolved. */
export function isAtlasId(value: string): boolean {
  return HEX24.test(value);
}

/** Thrown by `Context.projectId()`/`orgId()` for a name not resolved yet; caught by `withNames`. */
export class PendingName extends Error {
  constructor(
    readonly kind: NameKind,
    readonly value: string,
  ) {
    super(`${kind} "${value}" is not resolved yet`);
    this.name = 'PendingName';
  }
}

/** What can resolve names: a Context. */
export interface NameResolver {
  resolveName(kind: NameKind, name: string): Promise<void>;
  /** Requests that change something sent so far in the run: a handler is run again only while there are none. */
  readonly writesSent: number;
}

/**
 * Runs `run`, resolving each name it asks for (PendingName) once and running it again.
 * @throws what `run` throws; CliError exit 4 when a name matches nothing; UsageError (exit 2)
 *   when several organizations have the name
 */
export async function withNames<T>(resolver: NameResolver, run: () => Promise<T>): Promise<T> {
  const done = new Set<string>();
  for (;;) {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof PendingName)) throw e;
      // running the handler again would repeat a write: a handler must ask for the project before it changes anything
      if (resolver.writesSent > 0) throw new Error(`${e.kind} "${e.value}" asked for after a write: the handler must resolve it first`, { cause: e });
      const key = `${e.kind}\0${e.value}`;
      if (done.has(key)) throw new Error(`${e.kind} "${e.value}" resolved but not kept`, { cause: e });
      done.add(key);
      await resolver.resolveName(e.kind, e.value);
    }
  }
}

/**
 * The id of the project named `name` (exact match), with the id of the organization it
 * belongs to: one request, operation getGroupByName (`GET /api/atlas/v2/groups/byName/{groupName}`).
 * @returns `{ id, orgId }` (`orgId` undefined when Atlas's answer lacks it)
 * @throws CliError exit 4 when Atlas has no project with that name (404 GROUP_NAME_NOT_FOUND)
 */
export async function projectByName(client: AtlasClient, name: string): Promise<{ id: string; orgId?: string }> {
  try {
    const doc = await client.request<{ id?: string; orgId?: string }>({ operationId: 'getGroupByName', pathParams: { groupName: name } });
    if (typeof doc?.id !== 'string') throw new CliError(`no id in the project named "${name}"`);
    return { id: doc.id, orgId: typeof doc.orgId === 'string' ? doc.orgId : undefined };
  } catch (e) {
    if (e instanceof CliError && e.exitCode === EXIT.notFound) {
      throw new CliError(`no project named "${name}"`, 'list them with: atlascli project list', EXIT.notFound);
    }
    throw e;
  }
}

/**
 * The id of the organization named `name` (exact, case-sensitive): one request, operation
 * listOrgs with the `name` query (`GET /api/atlas/v2/orgs?name=…`; Atlas matches it as a
 * case-insensitive prefix, so the answer is filtered here).
 * @throws CliError exit 4 when none has that name; UsageError (exit 2) listing the ids when several do
 */
export async function orgIdByName(client: AtlasClient, name: string): Promise<string> {
  const orgs = await client.list<{ id: string; name: string }>({ operationId: 'listOrgs', query: { name } });
  const same = orgs.filter((o) => o.name === name);
  if (same.length === 0) throw new CliError(`no organization named "${name}"`, 'list them with: atlascli org list', EXIT.notFound);
  if (same.length > 1) {
    throw new UsageError(`${same.length} organizations are named "${name}": ${same.map((o) => o.id).join(', ')}`, 'pass the id of the one you mean with --org <id>');
  }
  return same[0]!.id;
}

/**
 * The id of the team named `name` in organization `orgId` (exact): one request, operation
 * getOrgTeamByName (`GET /api/atlas/v2/orgs/{orgId}/teams/byName/{teamName}`). "." and "..",
 * which a URL path cannot carry, are looked for in the organization's teams instead
 * (listOrgTeams).
 * @throws CliError exit 4 when the organization has no team with that name (404 TEAM_NAME_NOT_FOUND)
 */
export async function teamIdByName(client: AtlasClient, orgId: string, name: string): Promise<string> {
  const missing = () => new CliError(`no team named "${name}" in organization ${orgId}`, 'list them with: atlascli team list', EXIT.notFound);
  if (/^\.{1,2}$/.test(name)) {
    const found = (await client.list<{ id: string; name: string }>({ operationId: 'listOrgTeams', pathParams: { orgId } })).find((t) => t.name === name);
    if (!found) throw missing();
    return found.id;
  }
  try {
    const doc = await client.request<{ id?: string }>({ operationId: 'getOrgTeamByName', pathParams: { orgId, teamName: name } });
    if (typeof doc?.id !== 'string') throw new CliError(`no id in the team named "${name}"`);
    return doc.id;
  } catch (e) {
    if (e instanceof CliError && e.exitCode === EXIT.notFound && !(e instanceof AtlasApiError && e.errorCode !== 'TEAM_NAME_NOT_FOUND')) throw missing();
    throw e;
  }
}
