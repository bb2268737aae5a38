// Exit 2 sends nothing, output options included: `--fields` is checked against what a
// command prints before its first request (issue: "Promises kept", §1).
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { apiRequests } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });

describe('--fields is checked before any request', () => {
  it.each([
    [['cluster', 'create', 'fx1', '-o', 'json', '--fields', 'name,tierr'], /unknown field tierr for `cluster create`/],
    [['project', 'create', 'p-fields', '--fields', 'nme'], /unknown field nme for `project create`/],
    [['cluster', 'resume', 'PausedCluster', '--fields', 'bogus'], /unknown field bogus for `cluster resume`/],
    [['cluster', 'list', '--fields', 'results'], /unknown field results for `cluster list`/],
    [['cluster', 'delete', 'Cluster0', '--force', '--fields', 'id'], /unknown field id for `cluster delete`/],
  ])('%j exits 2 and the simulator sees nothing', async (args, message) => {
    const before = sim.requests.length;
    const r = await runCli(args, { sim });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(sim.requests.length).toBe(before);
  });

  it('create with a table column name as a field creates the cluster and prints the picked fields', async () => {
    const before = sim.requests.length;
    const r = await runCli(['cluster', 'create', 'fields-ok', '-o', 'json', '--fields', 'name,tier,stateName'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ name: 'fields-ok', tier: 'M10', stateName: 'CREATING' });
    expect(apiRequests(sim, before).map((q) => q.method)).toEqual(['POST']);
  });

  it('nested paths with array indexes keep the arrays, in JSON and CSV', async () => {
    const path = 'replicationSpecs.0.regionConfigs.0.electableSpecs.instanceSize';
    const r = await runCli(['cluster', 'get', 'Cluster0', '-o', 'json', '--fields', `name,${path}`], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ name: 'Cluster0', replicationSpecs: [{ regionConfigs: [{ electableSpecs: { instanceSize: 'M10' } }] }] });
    const csv = await runCli(['cluster', 'get', 'Cluster0', '-o', 'csv', '--fields', `name,${path}`], { sim });
    expect(csv.stdout).toBe(`name,${path}\nCluster0,M10\n`);
  });
});
