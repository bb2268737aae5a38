/**
 * `atlascli setup`: one non-interactive command that makes a project ready for a test run.
 * Each of project, cluster, database user and access-list entries is found by name and
 * reused, or created when it is not there; with `--wait` it waits until the cluster is
 * IDLE (and has applied the user) and the entries are ACTIVE; then it prints what it did
 * (`-o json`: the contract's document). It never prompts: what it is not told, it takes
 * from the defaults below.
 */
import type { Context } from '../../program/context.js';
import type { AtlasClient, RequestSpec } from '../../atlas/client.js';
import { UsageError } from '../../errors.js';
import { absentAsUndefined, isAbsent } from '../shared.js';
import { orgIdByName } from '../../program/names.js';
import { checkName } from '../project/run.js';
import { waitTimeoutMs } from '../wait.js';
import { buildCreateBody, buildFlexBody, parseClusterFlags, type Json } from '../cluster/body.js';
import { checkClusterName, tierKind } from '../cluster/validate.js';
import { fetchCluster, type Api } from '../cluster/kind.js';
import { waitForCluster } from '../cluster/wait.js';
import { tierOf } from '../cluster/views.js';
import { checkRoleNames, generatePassword } from '../user/run.js';
import { checkUsername, parseRole } from '../user/input.js';
import { entryBody, parseAddresses, parseExpiry, type AddressEntry } from '../whitelist/input.js';
import { currentIp } from '../whitelist/current-ip.js';
import { waitActive } from '../whitelist/run.js';

export interface SetupOptions {
  cluster?: string;
  tier?: string;
  provider?: string;
  region?: string;
  user?: string;
  role?: string[];
  currentIp?: boolean;
  access?: string[];
  ttl?: string;
  wait?: boolean;
  waitTimeout?: string;
  dryRun?: boolean;
}

export const DEFAULTS = { cluster: 'Cluster0', tier: 'M0', user: 'app', role: 'readWriteAnyDatabase@admin' } as const;
const OBJECT_ID = /^[0-9a-f]{24}$/;
/** What a created access-list entry says it is for. */
const COMMENT = 'atlascli setup';

/** The checked input: every problem of the command line is found here, before any request (UsageError, exit 2). */
export function planSetup(opts: SetupOptions, now = Date.now()) {
  if (opts.currentIp && opts.access?.length) throw new UsageError('give --current-ip or --access, not both');
  const cluster = checkClusterName(opts.cluster ?? DEFAULTS.cluster);
  const flags = parseClusterFlags({ tier: opts.tier ?? DEFAULTS.tier, provider: opts.provider, region: opts.region }, 'defaults');
  const flex = tierKind(flags.size) === 'flex';
  const given = (opts.role?.length ? opts.role : [DEFAULTS.role]).map((text) => ({ flag: '--role', text, parsed: parseRole(text) }));
  const deleteAfterDate = opts.ttl !== undefined ? parseExpiry({ ttl: opts.ttl }, now) : undefined;
  if (opts.waitTimeout !== undefined && !opts.wait) throw new UsageError('--wait-timeout goes with --wait');
  return {
    cluster,
    flags,
    clusterBody: flex ? buildFlexBody(cluster, flags) : buildCreateBody(cluster, flags),
    flex,
    username: checkUsername(opts.user ?? DEFAULTS.user),
    given,
    roles: given.map((g) => g.parsed.role),
    access: opts.access?.length ? parseAddresses(opts.access) : undefined,
    deleteAfterDate,
    waitMs: waitTimeoutMs(opts),
  };
}

/** What setup did, as `-o json` prints it (the contract's shape). */
export interface SetupResult {
  project: { id: string; name: string; created: boolean };
  cluster: { name: string; tier: string; created: boolean };
  user: { username: string; created: boolean; password?: string };
  accessList: Array<{ cidrBlock?: string; ipAddress?: string; created: boolean }>;
  connectionString: string | null;
}

/**
 * An organization given by id (24 hex characters) or name: a name is matched exactly
 * among `GET /orgs?name=` (listOrgs). No match: exit 4; several: exit 2 listing their ids.
 */
async function resolveOrg(client: AtlasClient, given: string): Promise<string> {
  return OBJECT_ID.test(given) ? given : orgIdByName(client, given);
}

/** The project by id (getGroup) or name (getGroupByName); undefined when there is none by that name. */
async function findProject(client: AtlasClient, given: string): Promise<{ id: string; name: string } | undefined> {
  if (OBJECT_ID.test(given)) {
    const doc = await client.request<{ id: string; name: string }>({ operationId: 'getGroup', pathParams: { groupId: given } });
    return { id: doc.id, name: doc.name };
  }
  try {
    const doc = await client.request<{ id: string; name: string }>({ operationId: 'getGroupByName', pathParams: { groupName: given } });
    return { id: doc.id, name: doc.name };
  } catch (err) {
    if (isAbsent(err, true)) return undefined;
    throw err;
  }
}

export async function setup(ctx: Context, _args: string[], opts: SetupOptions): Promise<void> {
  const plan = planSetup(opts);
  const projectGiven = ctx.settings.get('projectId');
  if (!projectGiven) throw new UsageError('no project given', 'pass --project <name> (it is created when there is none by that name), or set ATLAS_PROJECT_ID');
  const orgGiven = ctx.settings.get('orgId');
  const client = await ctx.client();
  const say = (m: string) => ctx.term.info(m);

  // ---- reads: what is there already
  const found = await findProject(client, projectGiven);
  let orgId: string | undefined;
  if (!found) {
    if (!orgGiven) throw new UsageError(`there is no project named "${projectGiven}" and no organization to create it in`, 'pass --org <id|name> or set ATLAS_ORG_ID');
    orgId = await resolveOrg(client, orgGiven);
    // a name Atlas could not create is refused before anything is written (Atlas has older projects named otherwise: those are found above)
    checkName(projectGiven);
  }
  if (found) await checkRoleNames(ctx, found.id, plan.given);
  const groupId = found?.id;
  const cluster = groupId ? await absentAsUndefined(() => fetchCluster(client, groupId, plan.cluster)) : undefined;
  const userDoc = groupId
    ? await absentAsUndefined(() => client.request<Json>({ operationId: 'getGroupDatabaseUser', pathParams: { groupId, databaseName: 'admin', username: plan.username } }))
    : undefined;
  const entries: AddressEntry[] = plan.access ?? [await currentIp(client)];
  const existing = new Set<string>();
  if (groupId) {
    for (const e of entries) {
      const doc = await absentAsUndefined(() => client.request<Json>({ operationId: 'getGroupAccessListEntry', pathParams: { groupId, entryValue: e.value } }));
      if (doc) existing.add(e.cidrBlock);
    }
  }
  const newEntries = entries.filter((e) => !existing.has(e.cidrBlock));
  const password = userDoc ? undefined : generatePassword();

  // ---- the writes, in order
  const PLACEHOLDER = '{groupId}';
  const projectSpec: RequestSpec = { operationId: 'createGroup', body: { name: projectGiven, orgId } };
  const clusterSpec = (g: string): RequestSpec => ({
    operationId: plan.flex ? 'createGroupFlexCluster' : 'createGroupCluster',
    pathParams: { groupId: g },
    body: plan.clusterBody,
  });
  const userSpec = (g: string): RequestSpec => ({
    operationId: 'createGroupDatabaseUser',
    pathParams: { groupId: g },
    body: {
      username: plan.username,
      databaseName: 'admin',
      groupId: g,
      roles: plan.roles,
      password,
      ...(plan.deleteAfterDate ? { deleteAfterDate: plan.deleteAfterDate } : {}),
    },
  });
  const accessSpec = (g: string): RequestSpec => ({
    operationId: 'createGroupAccessListEntry',
    pathParams: { groupId: g },
    body: newEntries.map((e) => entryBody(e, COMMENT, plan.deleteAfterDate)),
  });

  if (opts.dryRun) {
    // reads only; the project's id is not known before it is created
    const g = groupId ?? PLACEHOLDER;
    const specs = [...(found ? [] : [projectSpec]), ...(cluster ? [] : [clusterSpec(g)]), ...(userDoc ? [] : [userSpec(g)]), ...(newEntries.length ? [accessSpec(g)] : [])];
    for (const s of specs) ctx.renderer.request(await client.describe(s), { note: false });
    const parts = [
      `project ${projectGiven}: ${found ? 'exists' : 'would be created'}`,
      `cluster ${plan.cluster}: ${cluster ? 'exists' : 'would be created'}`,
      `user ${plan.username}: ${userDoc ? 'exists' : 'would be created'}`,
      `access list ${entries.map((e) => e.value).join(', ')}: ${newEntries.length ? `${newEntries.map((e) => e.value).join(', ')} would be added` : 'already there'}`,
    ];
    say(`dry run: nothing was sent. ${parts.join('; ')}`);
    return;
  }

  let project = found;
  if (!project) {
    const doc = await client.request<{ id: string; name: string }>(projectSpec);
    project = { id: doc.id, name: doc.name };
    say(`created project ${project.name} (${project.id})`);
  } else say(`using project ${project.name} (${project.id})`);
  const g = project.id;
  if (!found) await checkRoleNames(ctx, g, plan.given);

  let api: Api = plan.flex ? 'flex' : 'clusters';
  let clusterDoc: Json;
  const clusterCreated = !cluster;
  if (cluster) {
    ({ api, value: clusterDoc } = cluster);
    say(`using cluster ${plan.cluster} (${tierOf(clusterDoc)}, ${String(clusterDoc.stateName ?? 'unknown')})`);
  } else {
    clusterDoc = await client.request<Json>(clusterSpec(g));
    say(`creating cluster ${plan.cluster} (${tierOf(clusterDoc)})`);
  }

  if (userDoc) say(`using database user ${plan.username} (its password is not changed)`);
  else {
    await client.request(userSpec(g));
    say(`created database user ${plan.username} with a generated password`);
  }

  if (newEntries.length) {
    await client.request(accessSpec(g));
    say(`added ${newEntries.map((e) => e.value).join(', ')} to the access list${plan.deleteAfterDate ? ` until ${plan.deleteAfterDate}` : ''}`);
  }
  if (existing.size)
    say(
      `already on the access list: ${entries
        .filter((e) => existing.has(e.cidrBlock))
        .map((e) => e.value)
        .join(', ')}`,
    );

  if (plan.waitMs !== undefined) {
    for (const e of entries) await waitActive(ctx, g, e, plan.waitMs);
    clusterDoc = (await waitForCluster(ctx, g, plan.cluster, 'IDLE', plan.waitMs, { api, applied: api !== 'flex' }))!;
  } else if (clusterDoc.stateName !== 'IDLE') {
    say(`cluster ${plan.cluster} is ${String(clusterDoc.stateName ?? 'being created')}: --wait waits until it is IDLE`);
  }

  const cs = clusterDoc.connectionStrings as Json | undefined;
  const connectionString = (typeof cs?.standardSrv === 'string' && cs.standardSrv) || (typeof cs?.standard === 'string' && cs.standard) || null;
  const result: SetupResult = {
    project: { id: project.id, name: project.name, created: !found },
    cluster: { name: plan.cluster, tier: tierOf(clusterDoc), created: clusterCreated },
    user: { username: plan.username, created: !userDoc, ...(password ? { password } : {}) },
    accessList: entries.map((e) => ({ ...(e.address ? { ipAddress: e.value } : { cidrBlock: e.value }), created: !existing.has(e.cidrBlock) })),
    connectionString,
  };
  print(ctx, result);
  if (password) say('the generated password is shown only this once: store it now');
}

/** `-o json`: the document; `-o jsonl` on one line; a table: one row per thing, what was done to it. */
function print(ctx: Context, r: SetupResult): void {
  if (ctx.output === 'json' || ctx.output === 'jsonl') {
    ctx.term.out(JSON.stringify(r, null, ctx.output === 'json' ? 2 : 0));
    return;
  }
  const did = (created: boolean) => (created ? 'created' : 'exists');
  const rows = [
    { resource: 'project', name: `${r.project.name} (${r.project.id})`, status: did(r.project.created) },
    { resource: 'cluster', name: `${r.cluster.name} (${r.cluster.tier})`, status: did(r.cluster.created) },
    { resource: 'user', name: r.user.username, status: did(r.user.created) },
    ...r.accessList.map((e) => ({ resource: 'access', name: e.ipAddress ?? e.cidrBlock ?? '', status: did(e.created) })),
    ...(r.user.password ? [{ resource: 'password', name: r.user.password, status: 'generated' }] : []),
    { resource: 'connection', name: r.connectionString ?? '(none yet)', status: '' },
  ];
  ctx.renderer.list(rows, {
    columns: [
      { header: 'resource', value: 'resource' },
      { header: 'name', value: 'name' },
      { header: 'status', value: 'status' },
    ],
  });
}
