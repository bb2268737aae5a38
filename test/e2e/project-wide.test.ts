// Project-wide commands (issue 22): logs project, metrics project, project users (flags and
// remove), project api-keys list|assign|unassign, project update.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/seed-ids.js';
import { expectRefusedBeforeSending, runCli, tempDir } from '../helpers/cli.js';
import { apiRequests, served, servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0, stepMs: 50 });

const P = SEED.projectId;
const KEY = 'f0123456789abcdef012345f'; // ci-deploy, assigned to the default project with GROUP_CLUSTER_MANAGER
const OTHER_KEY = 'f1123456789abcdef012345f'; // read-only-reports, in no project
const run = (args: string[]) => runCli(args, { sim });

/** The mongod hosts of the seeded project: Cluster0 (3), ShardedCluster (2 shards of 3, 3 config servers); PausedCluster none. */
async function mongodHosts(): Promise<string[]> {
  const procs = await servedAll<{ hostname: string; typeName: string }>(sim, `/api/atlas/v2/groups/${P}/processes`);
  return [...new Set(procs.filter((p) => p.typeName !== 'SHARD_MONGOS').map((p) => p.hostname))];
}

describe('logs project', () => {
  it('saves the log of every host of every cluster, one file each as logs cluster names them, byte for byte as served, and a summary on stderr', async () => {
    const dir = tempDir();
    const hosts = await mongodHosts();
    expect(hosts).toHaveLength(12);
    const before = sim.requests.length;
    const r = await run(['logs', 'project', '--out-dir', dir, '--start', '2026-11-01T10:00:00Z', '--end', '2026-11-01T12:00:00Z']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const sent = apiRequests(sim, before);
    const downloads = sent.filter((q) => q.path.includes('/logs/'));
    expect(downloads.map((q) => decodeURIComponent(q.path.split('/clusters/')[1]!.split('/logs/')[0]!)).sort()).toEqual([...hosts].sort());
    // epoch seconds on the wire, as logs download sends them
    for (const q of downloads) expect(q.query).toEqual({ startDate: '1793527200', endDate: '1793534400' });
    const files = readdirSync(dir).sort();
    expect(files).toEqual(hosts.map((h) => `${h}_2026-11-01T10:00:00.000000000_2026-11-01T12:00:00.000000000_MONGODB.log.gz`).sort());
    for (const served of sim.state.servedLogs.slice(-12)) {
      const file = join(dir, `${served.hostname}_2026-11-01T10:00:00.000000000_2026-11-01T12:00:00.000000000_MONGODB.log.gz`);
      expect(readFileSync(file).length).toBe(served.bytes);
    }
    const lines = r.stderr.trimEnd().split('\n');
    // the paused cluster is named, then a line a file, then the summary
    expect(lines[0]).toBe('no logs from PausedCluster (paused)');
    expect(lines.filter((l) => l.startsWith('saved '))).toHaveLength(13);
    expect(lines.at(-1)).toMatch(new RegExp(`^saved 12 mongodb logs of 2 clusters \\(\\d+(\\.\\d+)? KiB\\) in ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  it('--type mongos: only the hosts that run a mongos', async () => {
    const dir = tempDir();
    const r = await run(['logs', 'project', '--type', 'mongos', '--out-dir', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toHaveLength(6);
    expect(readdirSync(dir).every((f) => f.endsWith('_MONGOS.log.gz'))).toBe(true);
    expect(r.stderr).toMatch(/^no logs from Cluster0 \(no mongos\), PausedCluster \(paused\)$/m);
    expect(r.stderr).toMatch(/saved 6 mongos logs of 1 cluster \(/);
  });

  it('-o json: one document a file', async () => {
    const dir = tempDir();
    const r = await run(['logs', 'project', '--out-dir', dir, '-o', 'jsonl']);
    expect(r.code).toBe(0);
    const docs = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(docs).toHaveLength(12);
    expect(Object.keys(docs[0])).toEqual(['hostname', 'type', 'path', 'bytes', 'empty']);
  });

  it('a host that fails does not stop the others: the failed hosts listed, exit 7 (network), the other files whole', async () => {
    const dir = tempDir();
    const hosts = await mongodHosts();
    const bad = hosts[4]!;
    // the connection is reset after 100 bytes on every try (the client's retries included)
    sim.state.logSettings.hosts.set(bad, { resetAfterBytes: 100 });
    const r = await run(['logs', 'project', '--out-dir', dir]);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(new RegExp(`11 of 12 mongodb logs saved; 1 failed: ${bad.replace(/\./g, '\\.')}`));
    expect(readdirSync(dir)).toHaveLength(11);
    expect(readdirSync(dir).some((f) => f.startsWith(bad))).toBe(false);
  });

  it('files that exist are kept without --force: exit 2, and --force overwrites them', async () => {
    const dir = tempDir();
    expect((await run(['logs', 'project', '--out-dir', dir, '--start', '2026-11-01T10:00:00Z', '--end', '2026-11-01T12:00:00Z'])).code).toBe(0);
    const [first] = readdirSync(dir);
    writeFileSync(join(dir, first!), 'mine');
    const again = await run(['logs', 'project', '--out-dir', dir, '--start', '2026-11-01T10:00:00Z', '--end', '2026-11-01T12:00:00Z']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/0 of 12 mongodb logs saved; 12 failed/);
    expect(again.stderr).toMatch(/pass --force to overwrite the files/);
    expect(readFileSync(join(dir, first!), 'utf8')).toBe('mine');
    const forced = await run(['logs', 'project', '--out-dir', dir, '--start', '2026-11-01T10:00:00Z', '--end', '2026-11-01T12:00:00Z', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, first!)).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });

  // a new user's trial: the Flex cluster went unnamed (only listGroupClusters was read) and nothing to read was exit 1
  it('a project without dedicated clusters: nothing to download is success, one line naming every cluster of both APIs, exit 0', async () => {
    const before = sim.requests.length;
    const r = await run(['logs', 'project', '-p', SEED.stagingProjectId, '--out-dir', tempDir()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    // the staging project: a free M0 (listed by the clusters API) and a Flex cluster (listed by the Flex API only)
    expect(r.stderr).toBe('no mongodb logs to download: none from FreeCluster (free (M0)), FlexCluster (Flex)\n');
    const sent = apiRequests(sim, before);
    expect(sent.map((q) => q.operationId).sort()).toEqual(['listGroupClusters', 'listGroupFlexClusters', 'listGroupProcesses']);
  });

  it('a Flex cluster beside dedicated ones is named among the clusters without logs', async () => {
    const made = await run(['cluster', 'create', 'FlexLogs', '--tier', 'FLEX']);
    expect(made.code).toBe(0);
    const r = await run(['logs', 'project', '--out-dir', tempDir()]);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe('no logs from PausedCluster (paused), FlexLogs (Flex)');
    expect(r.stderr).toMatch(/saved 12 mongodb logs of 2 clusters/);
  });

  it('a project with no clusters: exit 0, nothing on stdout (even -o json: a document a file, and no file), one line on stderr', async () => {
    for (const out of ['table', 'json']) {
      const before = sim.requests.length;
      const dir = tempDir();
      const r = await run(['logs', 'project', '-p', SEED.analyticsProjectName, '--out-dir', dir, '-o', out]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('no mongodb logs to download: the project has no clusters\n');
      expect(apiRequests(sim, before).some((q) => q.path.includes('/logs/'))).toBe(false);
    }
  });

  it('bad input sends nothing', async () => {
    await expectRefusedBeforeSending(sim, ['logs', 'project', '--type', 'mongo'], /invalid --type "mongo"/);
    await expectRefusedBeforeSending(sim, ['logs', 'project', '--start', 'yesterday-ish'], /--start/);
    await expectRefusedBeforeSending(sim, ['logs', 'project', '--start', '2026-11-01T12:00:00Z', '--end', '2026-11-01T10:00:00Z'], /--end/);
  });
});

describe('metrics project', () => {
  it('-o json: the documents of every process of the project, as served', async () => {
    const procs = await servedAll<{ id: string }>(sim, `/api/atlas/v2/groups/${P}/processes`);
    const before = sim.requests.length;
    const r = await run(['metrics', 'project', '--metric', 'CONNECTIONS', '--period', 'PT1H', '--granularity', 'PT5M', '-o', 'json']);
    expect(r.code).toBe(0);
    const docs = r.json<Array<{ processId: string; measurements: Array<{ name: string }> }>>();
    expect(docs.map((d) => d.processId)).toEqual(procs.map((p) => p.id));
    expect(docs.every((d) => d.measurements.map((m) => m.name).join() === 'CONNECTIONS')).toBe(true);
    const measured = apiRequests(sim, before).filter((q) => q.path.endsWith('/measurements'));
    expect(measured).toHaveLength(procs.length);
    expect(measured[0]!.query).toEqual({ granularity: 'PT5M', period: 'PT1H', m: 'CONNECTIONS' });
  });

  it('a table with a host column, as metrics cluster prints it', async () => {
    const r = await run(['metrics', 'project', '--metric', 'CONNECTIONS', '--period', 'PT1H']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^METRIC\s+HOST\s+MIN\s+MAX\s+MEAN\s+LAST$/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => /^CONNECTIONS\s+atlas-\S+:\d+\s/.test(l))).toBe(true);
  });

  it('-o csv: timestamp,host,metric,value,unit rows for every process', async () => {
    const procs = await servedAll<{ id: string }>(sim, `/api/atlas/v2/groups/${P}/processes`);
    const r = await run(['metrics', 'project', '--metric', 'CONNECTIONS', '--period', 'PT1H', '--granularity', 'PT5M', '-o', 'csv']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe('timestamp,host,metric,value,unit');
    expect(new Set(rows.slice(1).map((l) => l.split(',')[1]))).toEqual(new Set(procs.map((p) => p.id)));
    expect(rows.slice(1).every((l) => /^\d{4}-\d\d-\d\dT[^,]+,[^,]+,CONNECTIONS,[\d.]*,SCALAR$/.test(l))).toBe(true);
  });

  // a new user's trial: an empty project was exit 1, which stops a loop over projects
  it.each([
    ['the staging project (free and Flex clusters only)', SEED.stagingProjectId],
    ['a project with no clusters', SEED.analyticsProjectName],
  ])('%s: nothing to read is success: exit 0, [] for -o json, nothing for a piped table, one line on stderr', async (_what, project) => {
    const line = 'no measurements to read: the project has no running processes (Flex and free (M0) clusters have none; paused clusters have no running processes)\n';
    const before = sim.requests.length;
    const json = await run(['metrics', 'project', '-p', project, '-o', 'json']);
    expect(json.code).toBe(0);
    expect(json.stdout).toBe('[]\n');
    expect(json.stderr).toBe(line);
    expect(apiRequests(sim, before).some((q) => q.path.endsWith('/measurements'))).toBe(false);
    const table = await run(['metrics', 'project', '-p', project]);
    expect(table.code).toBe(0);
    expect(table.stdout).toBe('');
    expect(table.stderr).toBe(line);
  });

  it('bad input sends nothing', async () => {
    await expectRefusedBeforeSending(sim, ['metrics', 'project', '--metric', 'CONECTIONS'], /unknown --metric "CONECTIONS"/);
    await expectRefusedBeforeSending(sim, ['metrics', 'project', '--granularity', 'PT2M'], /invalid --granularity/);
  });
});

describe('project users', () => {
  const ids = (r: { json: <T>() => T }) => r.json<Array<{ id: string }>>().map((u) => u.id);

  it('project users, project users <id> and project users <name> still list (a command with a subcommand and its own action)', async () => {
    const bare = await run(['project', 'users', '-o', 'json']);
    expect(bare.code).toBe(0);
    expect(bare.json()).toEqual(await servedAll(sim, `/api/atlas/v2/groups/${P}/users`, '2025-02-19'));
    const byId = await run(['project', 'users', P, '-o', 'json']);
    expect(byId.json()).toEqual(bare.json());
    const byName = await run(['project', 'users', SEED.projectName, '-o', 'json']);
    expect(byName.code).toBe(0);
    expect(byName.json()).toEqual(bare.json());
    expect(ids(bare)).toEqual([SEED.users.owner, SEED.users.developer, SEED.users.readOnly]);
  });

  it('--flatten-teams and --include-org-users are sent as the spec names them, only when given', async () => {
    // a team member without a role of their own (listGroupUsers, flattenTeams: "users who belong to teams with roles in the project")
    sim.state.users.get(SEED.users.billing)!.teamIds.push(SEED.teams.developers);
    let before = sim.requests.length;
    const plain = await run(['project', 'users', '-o', 'json']);
    expect(apiRequests(sim, before).at(-1)!.query).toEqual({ includeCount: 'true', itemsPerPage: '500', pageNum: '1' });
    expect(ids(plain)).not.toContain(SEED.users.billing);

    before = sim.requests.length;
    const flat = await run(['project', 'users', '--flatten-teams', '-o', 'json']);
    expect(apiRequests(sim, before).at(-1)!.query).toMatchObject({ flattenTeams: 'true' });
    expect(apiRequests(sim, before).at(-1)!.query).not.toHaveProperty('includeOrgUsers');
    const billing = flat.json<Array<{ id: string; roles: string[] }>>().find((u) => u.id === SEED.users.billing);
    // the team's roles (seed: developers have GROUP_READ_ONLY and GROUP_DATA_ACCESS_READ_WRITE in the project)
    expect(billing!.roles).toEqual(['GROUP_READ_ONLY', 'GROUP_DATA_ACCESS_READ_WRITE']);
    expect(flat.json()).toEqual(await servedAll(sim, `/api/atlas/v2/groups/${P}/users?flattenTeams=true`, '2025-02-19'));
  });

  it("--include-org-users adds the Organization Owners and Read Only users of the project's organization", async () => {
    // an org read-only user without a project role
    delete sim.state.users.get(SEED.users.readOnly)!.groupRoles[P];
    const without = await run(['project', 'users', '-o', 'json']);
    expect(ids(without)).not.toContain(SEED.users.readOnly);
    const before = sim.requests.length;
    const withOrg = await run(['project', 'users', '--include-org-users', '-o', 'json']);
    expect(apiRequests(sim, before).at(-1)!.query).toMatchObject({ includeOrgUsers: 'true' });
    expect(ids(withOrg)).toContain(SEED.users.readOnly);
    // ORG_BILLING_ADMIN gives no implicit access; a PENDING invitee (ORG_READ_ONLY) none yet
    expect(ids(withOrg)).not.toContain(SEED.users.billing);
    expect(ids(withOrg)).not.toContain(SEED.users.invited);
    expect(withOrg.json<Array<{ id: string; roles: string[] }>>().find((u) => u.id === SEED.users.readOnly)!.roles).toEqual([]);
  });

  it('a table for people: id, username, name, status and the project roles', async () => {
    const r = await run(['project', 'users']);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^ID\s+USERNAME\s+NAME\s+STATUS\s+ROLES$/),
      expect.stringMatching(new RegExp(`^${SEED.users.owner}\\s+ada\\.owner@example\\.com\\s+Ada Owner\\s+ACTIVE\\s+GROUP_OWNER$`)),
      expect.stringMatching(new RegExp(`^${SEED.users.developer}\\s+dev\\.eloper@example\\.com\\s+Devi Eloper\\s+ACTIVE\\s+GROUP_DATA_ACCESS_READ_WRITE$`)),
      expect.stringMatching(new RegExp(`^${SEED.users.readOnly}\\s+rita\\.reader@example\\.com\\s+Rita Reader\\s+ACTIVE\\s+GROUP_READ_ONLY$`)),
    ]);
  });

  it('remove <userId> --force: removeGroupUser, then the user is gone from the list', async () => {
    const before = sim.requests.length;
    const r = await run(['project', 'users', 'remove', SEED.users.developer, '--force', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ removed: true, userId: SEED.users.developer, projectId: P });
    const sent = apiRequests(sim, before);
    expect(sent.map((q) => `${q.method} ${q.path} ${q.status}`)).toEqual([`DELETE /api/atlas/v2/groups/${P}/users/${SEED.users.developer} 204`]);
    const after = await run(['project', 'users', '-o', 'json']);
    expect(ids(after)).not.toContain(SEED.users.developer);
  });

  it('remove -p <name> resolves the project first; the table line says what was done', async () => {
    const r = await run(['project', 'users', 'remove', SEED.users.developer, '-p', SEED.projectName, '--force']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`removed user ${SEED.users.developer} from project ${P}\n`);
  });

  it('remove asks first: without a terminal and without --force it refuses and sends nothing', async () => {
    const r = await expectRefusedBeforeSending(sim, ['project', 'users', 'remove', SEED.users.developer], /--force/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('remove --dry-run prints the request and sends nothing', async () => {
    const before = sim.requests.length;
    const r = await run(['project', 'users', 'remove', SEED.users.developer, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`DELETE ${sim.url}/api/atlas/v2/groups/${P}/users/${SEED.users.developer}`);
    expect(sim.requests.length).toBe(before);
  });

  it('a user not in the project: Atlas 404 USER_NOT_FOUND, exit 4; with --if-exists a note and exit 0', async () => {
    const r = await run(['project', 'users', 'remove', SEED.users.billing, '--force']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/USER_NOT_FOUND/);
    const ok = await run(['project', 'users', 'remove', SEED.users.billing, '--force', '--if-exists']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe(`user ${SEED.users.billing} in project ${P} does not exist: nothing to delete (--if-exists)\n`);
  });

  it('a malformed user id is refused before any request', async () => {
    await expectRefusedBeforeSending(sim, ['project', 'users', 'remove', 'ada@example.com', '--force'], /user id/);
  });
});

describe('project api-keys', () => {
  it('list: the keys assigned to the project, as served, the private key masked as Atlas masks it', async () => {
    const r = await run(['project', 'api-keys', 'list', '-o', 'json']);
    expect(r.code).toBe(0);
    const doc = r.json<Array<{ id: string; privateKey: string }>>();
    expect(doc).toEqual(await servedAll(sim, `/api/atlas/v2/groups/${P}/apiKeys`));
    expect(doc.map((k) => k.id)).toEqual([KEY]);
    expect(doc[0]!.privateKey).toBe('********-****-****-a1b2c3d4e5f6');
    expect(r.stdout).not.toContain('6f1c2d3e-4a5b-4c6d-8e7f-a1b2c3d4e5f6');
  });

  it('list as a table, and by project name', async () => {
    const r = await run(['project', 'api-keys', 'list', SEED.projectName]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+PUBLIC KEY\s+DESCRIPTION\s+ROLES\nf0123456789abcdef012345f\s+cideploy\s+ci-deploy\s+ORG_MEMBER,GROUP_CLUSTER_MANAGER\n$/);
    const empty = await run(['project', 'api-keys', 'list', SEED.stagingProjectId]);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe('');
  });

  it('assign <keyId> --role …: updateGroupApiKeyRoles with the roles, the key printed; then listed', async () => {
    const before = sim.requests.length;
    const r = await run(['project', 'api-keys', 'assign', OTHER_KEY, '--role', 'group_read_only', '--role', 'GROUP_DATA_ACCESS_READ_ONLY,GROUP_READ_ONLY', '-o', 'json']);
    expect(r.code).toBe(0);
    const [req] = apiRequests(sim, before);
    expect(req!.method).toBe('PATCH');
    expect(req!.path).toBe(`/api/atlas/v2/groups/${P}/apiKeys/${OTHER_KEY}`);
    expect(req!.body).toEqual({ roles: ['GROUP_READ_ONLY', 'GROUP_DATA_ACCESS_READ_ONLY'] });
    expect(r.json()).toMatchObject({
      id: OTHER_KEY,
      privateKey: '********-****-****-1e0f9a8b7c6d',
      roles: [
        { orgId: SEED.orgId, roleName: 'ORG_READ_ONLY' },
        { groupId: P, roleName: 'GROUP_READ_ONLY' },
        { groupId: P, roleName: 'GROUP_DATA_ACCESS_READ_ONLY' },
      ],
    });
    const listed = await run(['project', 'api-keys', 'list', '-o', 'json']);
    expect(listed.json<Array<{ id: string }>>().map((k) => k.id)).toEqual([KEY, OTHER_KEY]);
  });

  it('assign to a key already assigned replaces its project roles', async () => {
    const r = await run(['project', 'api-keys', 'assign', KEY, '--role', 'GROUP_OWNER', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json<{ roles: unknown[] }>().roles).toEqual([
      { orgId: SEED.orgId, roleName: 'ORG_MEMBER' },
      { groupId: P, roleName: 'GROUP_OWNER' },
    ]);
  });

  it("roles are checked at parse time against Atlas's project roles: bad ones, org roles and none send nothing", async () => {
    await expectRefusedBeforeSending(
      sim,
      ['project', 'api-keys', 'assign', OTHER_KEY, '--role', 'GROUP_READONLY'],
      /invalid --role "GROUP_READONLY": not a project role \(hint: did you mean GROUP_READ_ONLY/,
    );
    await expectRefusedBeforeSending(sim, ['project', 'api-keys', 'assign', OTHER_KEY, '--role', 'ORG_OWNER'], /invalid --role "ORG_OWNER"/);
    await expectRefusedBeforeSending(sim, ['project', 'api-keys', 'assign', OTHER_KEY], /--role/);
    await expectRefusedBeforeSending(sim, ['project', 'api-keys', 'assign', 'nothex', '--role', 'GROUP_OWNER'], /API key id/);
  });

  it('assign --dry-run prints the PATCH and sends nothing', async () => {
    const before = sim.requests.length;
    const r = await run(['project', 'api-keys', 'assign', OTHER_KEY, '--role', 'GROUP_READ_ONLY', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`PATCH ${sim.url}/api/atlas/v2/groups/${P}/apiKeys/${OTHER_KEY}`);
    expect(r.stdout).toContain('GROUP_READ_ONLY');
    expect(sim.requests.length).toBe(before);
  });

  it('an unknown key: Atlas 400 API_KEY_NOT_FOUND, exit 4 (not found)', async () => {
    const r = await run(['project', 'api-keys', 'assign', 'f9123456789abcdef012345f', '--role', 'GROUP_OWNER']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/API_KEY_NOT_FOUND/);
  });

  it('unassign --force: removeGroupApiKey, the key leaves the project and stays in the organization', async () => {
    const before = sim.requests.length;
    const r = await run(['project', 'api-keys', 'unassign', KEY, '--force', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ unassigned: true, keyId: KEY, projectId: P });
    expect(apiRequests(sim, before).map((q) => `${q.method} ${q.path} ${q.status}`)).toEqual([`DELETE /api/atlas/v2/groups/${P}/apiKeys/${KEY} 204`]);
    expect((await run(['project', 'api-keys', 'list', '-o', 'json'])).json()).toEqual([]);
    const org = await run(['org', 'api-keys', 'get', KEY, '-o', 'json']);
    expect(org.json<{ roles: unknown[] }>().roles).toEqual([{ orgId: SEED.orgId, roleName: 'ORG_MEMBER' }]);
  });

  it('unassign of a key not in the project: exit 4, not found (400 API_KEY_NOT_FOUND); --if-exists: a note, exit 0', async () => {
    const r = await run(['project', 'api-keys', 'unassign', OTHER_KEY, '--force']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(new RegExp(`400 API_KEY_NOT_FOUND: API key ${OTHER_KEY} is not assigned to project ${P}`));
    const ok = await run(['project', 'api-keys', 'unassign', OTHER_KEY, '--force', '--if-exists']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe(`API key ${OTHER_KEY} in project ${P} does not exist: nothing to delete (--if-exists)\n`);
  });

  it('unassign asks first, --dry-run sends nothing', async () => {
    await expectRefusedBeforeSending(sim, ['project', 'api-keys', 'unassign', KEY], /--force/);
    const before = sim.requests.length;
    const r = await run(['project', 'api-keys', 'unassign', KEY, '--dry-run']);
    expect(r.stdout).toContain(`DELETE ${sim.url}/api/atlas/v2/groups/${P}/apiKeys/${KEY}`);
    expect(sim.requests.length).toBe(before);
  });
});

describe('project update', () => {
  it('--name and --tag: updateGroup with GroupUpdate {name, tags}; prints the project as served', async () => {
    const before = sim.requests.length;
    const r = await run(['project', 'update', P, '--name', 'renamed', '--tag', 'env=e2e', '--tag', 'app=cli', '-o', 'json']);
    expect(r.code).toBe(0);
    const [req] = apiRequests(sim, before);
    expect(req!.method).toBe('PATCH');
    expect(req!.body).toEqual({
      name: 'renamed',
      tags: [
        { key: 'env', value: 'e2e' },
        { key: 'app', value: 'cli' },
      ],
    });
    // recorded/iam/atlasprojects/TestAtlasProjects/Update_setNameAndTags: the whole project, with the new name and tags
    expect(r.json()).toEqual(await served(sim, `/api/atlas/v2/groups/${P}`));
    expect(r.json()).toMatchObject({
      name: 'renamed',
      tags: [
        { key: 'env', value: 'e2e' },
        { key: 'app', value: 'cli' },
      ],
    });
  });

  it("by name: looked up first; the tags given replace the project's (Update_resetTags)", async () => {
    const r = await run(['project', 'update', SEED.stagingProjectName, '--tag', 'team=payments', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ id: SEED.stagingProjectId, tags: [{ key: 'team', value: 'payments' }] });
  });

  it('a table for people', async () => {
    const r = await run(['project', 'update', P, '--tag', 'env=prod']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^ID\\s+NAME\\s+ORG ID\\s+CLUSTERS\\s+CREATED\\n${P}\\s+`));
  });

  it('a name taken in the organization: Atlas 409 GROUP_ALREADY_EXISTS, exit 5', async () => {
    const r = await run(['project', 'update', P, '--name', SEED.stagingProjectName]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/GROUP_ALREADY_EXISTS/);
  });

  it('--dry-run prints the PATCH and sends nothing', async () => {
    const before = sim.requests.length;
    const r = await run(['project', 'update', P, '--name', 'x', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`PATCH ${sim.url}/api/atlas/v2/groups/${P}`);
    expect(sim.requests.length).toBe(before);
  });

  it('bad input sends nothing', async () => {
    await expectRefusedBeforeSending(sim, ['project', 'update', P], /nothing to change/);
    await expectRefusedBeforeSending(sim, ['project', 'update', P, '--tag', 'env'], /invalid --tag "env": use key=value/);
    await expectRefusedBeforeSending(sim, ['project', 'update', P, '--tag', 'env=a', '--tag', 'env=b'], /--tag env given twice/);
    await expectRefusedBeforeSending(sim, ['project', 'update', P, '--tag', `k=${'v'.repeat(256)}`], /1 to 255 characters/);
    await expectRefusedBeforeSending(sim, ['project', 'update', P, '--name', 'bad/name'], /invalid project name/);
  });
});

describe('the README section "Project-wide: users, API keys, logs and metrics"', () => {
  it('every example in its block runs against the simulator with exit 0', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = /\n### Project-wide: users, API keys, logs and metrics\n([^]*?)\n### /.exec(readme)?.[1];
    const block = /```sh\n([^]*?)```/.exec(section ?? '')?.[1];
    const lines = (block ?? '').split('\n').filter((l) => l.startsWith('atlascli '));
    expect(lines.length).toBeGreaterThanOrEqual(8);
    const dir = tempDir();
    const prev = process.cwd();
    process.chdir(dir);
    try {
      for (const line of lines) {
        // words as a shell splits these lines: spaces, and double quotes around a word
        const words = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!).slice(1);
        const r = await run(words);
        expect({ line, code: r.code, stderr: r.code ? r.stderr : '' }).toEqual({ line, code: 0, stderr: '' });
      }
    } finally {
      process.chdir(prev);
    }
    expect(readdirSync(join(dir, 'logs'))).toHaveLength(12);
  });
});
