// Projects and organizations by name (CLI-CONTRACT "Additions", "Ids or names"): 24 hex
// characters are an id, anything else a name matched exactly, resolved with one request
// (getGroupByName; listOrgs with `name`), once a run, and only by commands that use it.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { apiRequests, servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });

/** The operations the CLI sent since `from`, with their non-paging query. */
function sent(from: number): string[] {
  return apiRequests(sim, from).map((r) => {
    const q = Object.entries(r.query).filter(([k]) => !['pageNum', 'itemsPerPage', 'includeCount'].includes(k));
    return `${r.operationId}${q.length ? ` ${q.map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`;
  });
}

describe('a project by name', () => {
  it('-p "Proj Beta": one getGroupByName, then the command on the id', async () => {
    const from = sim.requests.length;
    const r = await runCli(['cluster', 'list', '-p', SEED.spacedProjectName, '-o', 'json'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // the name first; then both lists, at once (in either order)
    const ops = sent(from);
    expect([ops[0], ...ops.slice(1).sort()]).toEqual(['getGroupByName', 'listGroupClusters', 'listGroupFlexClusters']);
    expect(r.json()).toEqual(await servedAll(sim, `/api/atlas/v2/groups/${SEED.spacedProjectId}/clusters`, '2024-08-05'));
    expect(r.json().map((c: { name: string }) => c.name)).toEqual([SEED.spacedCluster]);
    // the name, a space and all, went in the path (GET /groups/byName/{groupName})
    expect(apiRequests(sim, from)[0]!.path).toBe('/api/atlas/v2/groups/byName/Proj%20Beta');
  });

  it('the environment and the profile take a name too', async () => {
    let from = sim.requests.length;
    const env = await runCli(['cluster', 'list', '--fields', 'name', '-o', 'csv'], { sim, env: { ATLAS_PROJECT_ID: SEED.spacedProjectName } });
    expect([env.code, env.stdout, env.stderr]).toEqual([0, `name\n${SEED.spacedCluster}\n`, '']);
    expect(sent(from)[0]).toBe('getGroupByName');

    const configHome = tempDir();
    const set = await runCli(['config', 'set', 'project-id', SEED.spacedProjectName], { sim, configHome, env: { ATLAS_PROJECT_ID: undefined } });
    expect(set.code).toBe(0);
    from = sim.requests.length;
    const prof = await runCli(['cluster', 'list', '--fields', 'name', '-o', 'csv'], { sim, configHome, env: { ATLAS_PROJECT_ID: undefined } });
    expect([prof.code, prof.stdout, prof.stderr]).toEqual([0, `name\n${SEED.spacedCluster}\n`, '']);
    expect(sent(from)[0]).toBe('getGroupByName');
  });

  it('a project argument is a name or an id, through the same resolver', async () => {
    const from = sim.requests.length;
    const r = await runCli(['project', 'get', SEED.spacedProjectName, '--fields', 'id,name', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ id: SEED.spacedProjectId, name: SEED.spacedProjectName });
    expect(sent(from)).toEqual(['getGroupByName', 'getGroup']);
  });

  it('a name is resolved once a run, however often the command asks', async () => {
    const from = sim.requests.length;
    const r = await runCli(['project', 'get', SEED.spacedProjectName, '-p', SEED.spacedProjectName, '--fields', 'id', '-o', 'csv'], { sim });
    expect(r.code).toBe(0);
    expect(sent(from).filter((s) => s === 'getGroupByName')).toHaveLength(1);
  });

  it('an id is used as given: no lookup', async () => {
    const from = sim.requests.length;
    const r = await runCli(['cluster', 'list', '-p', SEED.spacedProjectId, '--fields', 'name', '-o', 'csv'], { sim });
    expect(r.code).toBe(0);
    expect(sent(from).sort()).toEqual(['listGroupClusters', 'listGroupFlexClusters']);
  });

  it('no project with that name: exit 4, nothing else sent', async () => {
    const from = sim.requests.length;
    const r = await runCli(['cluster', 'list', '-p', 'No Such Project'], { sim });
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('atlascli: no project named "No Such Project" (hint: list them with: atlascli project list)\n');
    expect(sent(from)).toEqual(['getGroupByName']);
  });

  it('a command that does not use the project never resolves it', async () => {
    const from = sim.requests.length;
    const r = await runCli(['org', 'list', '--fields', 'id', '-o', 'csv'], { sim, env: { ATLAS_PROJECT_ID: 'No Such Project' } });
    expect(r.code).toBe(0);
    expect(sent(from)).toEqual(['listOrgs']);
  });

  it('--dry-run resolves the name (a read) and shows the id in the request it would send', async () => {
    const from = sim.requests.length;
    const r = await runCli(['cluster', 'pause', SEED.spacedCluster, '-p', SEED.spacedProjectName, '--dry-run', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ dryRun: true, method: 'PATCH', url: `${sim.url}/api/atlas/v2/groups/${SEED.spacedProjectId}/clusters/${SEED.spacedCluster}` });
    expect(sent(from)).toEqual(['getGroupByName']);
  });

  it('an empty name or one with a control character: exit 2 before any request', async () => {
    const from = sim.requests.length;
    const empty = await runCli(['cluster', 'list', '-p', ''], { sim });
    expect(empty.code).toBe(2);
    expect(empty.stderr.split('\n')).toHaveLength(2);
    const ctl = await runCli(['cluster', 'list', '-p', 'a\u001bb'], { sim });
    expect(ctl.code).toBe(2);
    expect(ctl.stderr).toMatch(/^atlascli: --project holds a control character/);
    expect(sim.requests.length).toBe(from);
  });
});

describe('an organization by name', () => {
  it('--org <name>: one listOrgs with the name, then the command on the id', async () => {
    const from = sim.requests.length;
    const r = await runCli(['project', 'list', '--org', SEED.secondOrgName, '--fields', 'name', '-o', 'csv'], { sim });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, `name\n${SEED.partnerProjectName}\n${SEED.spacedProjectName}\n`, '']);
    expect(sent(from)).toEqual([`listOrgs name=${SEED.secondOrgName}`, 'getOrgGroups']);
  });

  it('matched exactly: Atlas answers a prefix match, a longer name is not taken for a shorter one', async () => {
    const from = sim.requests.length;
    const r = await runCli(['org', 'get', 'atlascli'], { sim });
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('atlascli: no organization named "atlascli" (hint: list them with: atlascli org list)\n');
    expect(sent(from)).toEqual(['listOrgs name=atlascli']);
  });

  it('an org argument takes a name', async () => {
    const r = await runCli(['org', 'get', SEED.secondOrgName, '--fields', 'id', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ id: SEED.secondOrgId });
  });

  it('several organizations with that name: exit 2 listing their ids', async () => {
    const from = sim.requests.length;
    const r = await runCli(['project', 'list', '--org', SEED.twinOrgName], { sim });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`atlascli: 2 organizations are named "${SEED.twinOrgName}": ${SEED.twinOrgIds.join(', ')} (hint: pass the id of the one you mean with --org <id>)\n`);
    expect(sent(from)).toEqual([`listOrgs name=${SEED.twinOrgName}`]);
  });
});
