import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { apiRequests, served, servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });

describe('project', () => {
  it('list -o json prints every project as served, in one array', async () => {
    const r = await runCli(['project', 'list', '-o', 'json'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(await servedAll(sim, '/api/atlas/v2/groups'));
  });

  it('list as a table shows the key columns, piped without box drawing', async () => {
    const r = await runCli(['project', 'list'], { sim });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+ORG ID\s+CLUSTERS\s+CREATED$/);
    expect(lines[1]).toMatch(/^[0-9a-f]{24}\s+/);
    expect(r.stdout).not.toMatch(/[│─┌]|\u001b\[/);
  });

  it('get <id> prints the document as served', async () => {
    const id = sim.credentials.projectId;
    const r = await runCli(['project', 'get', id, '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(await served(sim, `/api/atlas/v2/groups/${id}`));
  });

  it('get --name finds the project by name', async () => {
    const doc = await served<{ name: string; id: string }>(sim, `/api/atlas/v2/groups/${sim.credentials.projectId}`);
    const r = await runCli(['project', 'get', '--name', doc.name, '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json().id).toBe(doc.id);
  });

  it('a missing project exits 4 with the Atlas errorCode on one stderr line', async () => {
    const r = await runCli(['project', 'get', 'ffffffffffffffffffffffff'], { sim });
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/404/);
    expect(r.stderr).toMatch(/NOT_FOUND/);
  });

  it('with -o json an error is a JSON document on stderr', async () => {
    const r = await runCli(['project', 'get', 'ffffffffffffffffffffffff', '-o', 'json'], { sim });
    expect(r.code).toBe(4);
    const err = JSON.parse(r.stderr);
    expect(err.error.status).toBe(404);
    expect(err.error.errorCode).toMatch(/NOT_FOUND/);
    expect(typeof err.error.detail).toBe('string');
  });

  it('an id that is not one is a name: one getGroupByName request, exit 4 when no project has it', async () => {
    const before = sim.requests.length;
    const r = await runCli(['project', 'get', 'not-an-id'], { sim });
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('atlascli: no project named "not-an-id" (hint: list them with: atlascli project list)\n');
    expect(apiRequests(sim, before).map((q) => `${q.method} ${q.path}`)).toEqual(['GET /api/atlas/v2/groups/byName/not-an-id']);
  });

  it('a name with a control character exits 2 before any request', async () => {
    const before = sim.requests.length;
    const r = await runCli(['project', 'get', 'bad\u0007name'], { sim });
    expect(r.code).toBe(2);
    expect(sim.requests.length).toBe(before);
  });

  it('create sends a body the spec accepts and prints the new project; a duplicate exits 5', async () => {
    const before = sim.requests.length;
    const r = await runCli(['project', 'create', 'e2e-created', '--tag', 'env=test', '-o', 'json'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const created = r.json();
    expect(created).toMatchObject({ name: 'e2e-created', orgId: sim.credentials.orgId, tags: [{ key: 'env', value: 'test' }] });
    const posts = apiRequests(sim, before).filter((q) => q.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({ name: 'e2e-created', orgId: sim.credentials.orgId, tags: [{ key: 'env', value: 'test' }] });
    expect(posts[0]!.contentType).toMatch(/^application\/vnd\.atlas\.2023-01-01\+json/);
    expect(await served(sim, `/api/atlas/v2/groups/${created.id}`)).toEqual(expect.objectContaining({ name: 'e2e-created' }));

    const dup = await runCli(['project', 'create', 'e2e-created'], { sim });
    expect(dup.code).toBe(5);
  });

  it('create --dry-run prints the request and sends nothing', async () => {
    const before = sim.requests.length;
    const r = await runCli(['project', 'create', 'dry-one', '--dry-run', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({
      dryRun: true,
      method: 'POST',
      url: `${sim.url}/api/atlas/v2/groups`,
      body: { name: 'dry-one', orgId: sim.credentials.orgId },
    });
    expect(sim.requests.length).toBe(before);
  });

  it('create refuses an invalid name before any request', async () => {
    const before = sim.requests.length;
    const r = await runCli(['project', 'create', 'bad/name'], { sim });
    expect(r.code).toBe(2);
    expect(sim.requests.length).toBe(before);
  });

  it('delete without a terminal refuses unless --force, and sends nothing', async () => {
    const made = (await runCli(['project', 'create', 'to-delete', '-o', 'json'], { sim })).json();
    const before = sim.requests.length;
    const refused = await runCli(['project', 'delete', made.id], { sim });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--force/);
    expect(sim.requests.length).toBe(before);

    const done = await runCli(['project', 'delete', made.id, '--force'], { sim });
    expect(done.code).toBe(0);
    const deletes = apiRequests(sim, before).filter((q) => q.method === 'DELETE');
    expect(deletes.map((q) => q.path)).toEqual([`/api/atlas/v2/groups/${made.id}`]);
    expect((await runCli(['project', 'get', made.id], { sim })).code).toBe(4);
  });

  it('users and teams list what the project has', async () => {
    const id = sim.credentials.projectId;
    const users = await runCli(['project', 'users', '-o', 'json'], { sim });
    expect(users.code).toBe(0);
    expect(users.json()).toEqual(await servedAll(sim, `/api/atlas/v2/groups/${id}/users`, '2025-02-19'));
    const teams = await runCli(['project', 'teams', id, '-o', 'json'], { sim });
    expect(teams.code).toBe(0);
    expect(teams.json()).toEqual(await servedAll(sim, `/api/atlas/v2/groups/${id}/teams`));
  });

  it('teams in a table carry the team names from the organization; a key that may not read them gets the ids alone', async () => {
    const table = await runCli(['project', 'teams'], { sim });
    expect(table.code).toBe(0);
    const rows = table.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(rows[0]).toEqual(['TEAM ID', 'NAME', 'ROLES']);
    expect(
      rows
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(['dba-team', 'developers']);
    const full = await runCli(['project', 'teams', '--format', 'full'], { sim });
    expect(full.stdout).toMatch(/dba-team/);
    const csv = await runCli(['project', 'teams', '-o', 'json', '--fields', 'teamId,name'], { sim });
    expect(csv.json()).toEqual(expect.arrayContaining([{ teamId: 'e0123456789abcdef012345e', name: 'dba-team' }]));
    sim.faults.add({ pathRegex: '/orgs/[0-9a-f]+/teams$', status: 403, errorCode: 'USER_CANNOT_ACCESS_ORGANIZATION' });
    try {
      const bare = await runCli(['project', 'teams'], { sim });
      expect(bare.code).toBe(0);
      expect(bare.stdout).toMatch(/e0123456789abcdef012345e\s+GROUP_OWNER/);
      expect(bare.stdout).not.toMatch(/dba-team/);
      expect(bare.stderr).toBe("team names left out: these credentials may not read the organization's teams (USER_CANNOT_ACCESS_ORGANIZATION)\n");
    } finally {
      sim.faults.clear();
    }
  });

  it('settings get and set round-trip, sending only the flags given', async () => {
    const id = sim.credentials.projectId;
    const before = sim.requests.length;
    const set = await runCli(['project', 'settings', 'set', '--data-explorer', 'false', '--schema-advisor', 'true', '-o', 'json'], { sim });
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    const patch = apiRequests(sim, before).find((q) => q.method === 'PATCH');
    expect(patch?.body).toEqual({ isDataExplorerEnabled: false, isSchemaAdvisorEnabled: true });
    const get = await runCli(['project', 'settings', 'get', '-o', 'json'], { sim });
    expect(get.json()).toEqual(await served(sim, `/api/atlas/v2/groups/${id}/settings`));
    expect(get.json()).toMatchObject({ isDataExplorerEnabled: false, isSchemaAdvisorEnabled: true });

    const table = await runCli(['project', 'settings', 'get'], { sim });
    expect(table.stdout.split('\n')[0]).toMatch(/^SETTING\s+VALUE$/);
    expect(table.stdout).toMatch(/^data-explorer\s+false$/m);
    expect(table.stdout).toMatch(/^schema-advisor\s+true$/m);

    const bad = await runCli(['project', 'settings', 'set', '--data-explorer', 'maybe'], { sim });
    expect(bad.code).toBe(2);
    const none = await runCli(['project', 'settings', 'set'], { sim });
    expect(none.code).toBe(2);
  });

  it('no project anywhere is a usage error naming the ways to give one', async () => {
    const r = await runCli(['project', 'users'], { sim, env: { ATLAS_PROJECT_ID: undefined } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--project/);
  });
});
