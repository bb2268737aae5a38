import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { apiRequests, served, servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });

describe('org', () => {
  it('list -o json equals the served organizations', async () => {
    const r = await runCli(['org', 'list', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const all = await servedAll(sim, '/api/atlas/v2/orgs');
    expect(all.length).toBeGreaterThan(1);
    expect(r.json()).toEqual(all);
  });

  it('list --name filters on the server', async () => {
    const org = await served<{ name: string }>(sim, `/api/atlas/v2/orgs/${sim.credentials.orgId}`);
    const before = sim.requests.length;
    const r = await runCli(['org', 'list', '--name', org.name, '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json().map((o: { name: string }) => o.name)).toContain(org.name);
    expect(apiRequests(sim, before)[0]!.query.name).toBe(org.name);
  });

  it('get by id and by --name give the same document', async () => {
    const doc = await served<{ name: string }>(sim, `/api/atlas/v2/orgs/${sim.credentials.orgId}`);
    const byId = await runCli(['org', 'get', sim.credentials.orgId, '-o', 'json'], { sim });
    expect(byId.json()).toEqual(doc);
    const byName = await runCli(['org', 'get', '--name', doc.name, '-o', 'json'], { sim });
    expect(byName.code).toBe(0);
    expect(byName.json()).toEqual(doc);
    const missing = await runCli(['org', 'get', '--name', 'no such org'], { sim });
    expect(missing.code).toBe(4);
    // a name is resolved as every --org name is (src/program/names.ts): two of that name, exit 2 with their ids
    const twins = await runCli(['org', 'get', '--name', SEED.twinOrgName], { sim });
    expect([twins.code, twins.stdout]).toEqual([2, '']);
    expect(twins.stderr).toBe(`atlascli: 2 organizations are named "${SEED.twinOrgName}": ${SEED.twinOrgIds.join(', ')} (hint: pass the id of the one you mean with --org <id>)\n`);
  });

  it('users and projects of the org', async () => {
    const id = sim.credentials.orgId;
    const users = await runCli(['org', 'users', id, '-o', 'json'], { sim });
    expect(users.code).toBe(0);
    expect(users.json()).toEqual(await servedAll(sim, `/api/atlas/v2/orgs/${id}/users`, '2025-02-19'));
    const projects = await runCli(['org', 'projects', '-o', 'jsonl'], { sim });
    expect(projects.code).toBe(0);
    const lines = projects.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual(await servedAll(sim, `/api/atlas/v2/orgs/${id}/groups`));
  });

  it('table output for org list has the key columns', async () => {
    const r = await runCli(['org', 'list'], { sim });
    expect(r.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+DELETED$/);
  });
});
