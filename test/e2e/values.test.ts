// Values for `$(…)` (CLI-CONTRACT "Additions", "Ids or names; values for $(...)"):
// `-o value` and `--query <JMESPath>`, checked before any request.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { apiRequests } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });

describe('-o value', () => {
  it('a get with --fields id: the id and a newline', async () => {
    const r = await runCli(['project', 'get', '--name', SEED.spacedProjectName, '--fields', 'id', '-o', 'value'], { sim });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, `${SEED.spacedProjectId}\n`, '']);
  });

  it('a list: one line an item, the fields tab-separated in the order of --fields, no header', async () => {
    const r = await runCli(['cluster', 'list', '--fields', 'stateName,name', '-o', 'value'], { sim });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe('IDLE\tCluster0\nIDLE\tPausedCluster\nIDLE\tShardedCluster\n');
  });

  it("without --fields: the short view's columns", async () => {
    const r = await runCli(['cluster', 'list', '-o', 'value'], { sim });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'Cluster0\tREPLICASET\tM10\tAWS US_EAST_1\t8.0.29\tIDLE\tfalse\n' +
        'PausedCluster\tREPLICASET\tM10\tGCP CENTRAL_US\t7.0.40\tIDLE\ttrue\n' +
        'ShardedCluster\tSHARDED\tM30\tAWS EU_WEST_1\t7.0.40\tIDLE\tfalse\n',
    );
  });

  it('an empty list prints nothing, exit 0', async () => {
    const r = await runCli(['cluster', 'list', '-p', SEED.analyticsProjectId, '-o', 'value'], { sim });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
  });

  it('a command printing one value prints it', async () => {
    const r = await runCli(['cluster', 'connection-string', SEED.clusters.replicaSet, '-o', 'value'], { sim });
    expect([r.code, r.stdout]).toEqual([0, 'mongodb+srv://cluster0.x7k2pq.mongodb.net\n']);
  });

  it('with nothing to show: exit 2 before any request, one line', async () => {
    const from = sim.requests.length;
    const r = await runCli(['logs', 'show', 'host.example.net', '-o', 'value'], { sim });
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'atlascli: -o value cannot be used with `logs show`: it prints no values\n']);
    expect(sim.requests.length).toBe(from);
  });

  it('ATLAS_OUTPUT=value is taken as the flag is', async () => {
    const r = await runCli(['project', 'get', SEED.projectId, '--fields', 'name'], { sim, env: { ATLAS_OUTPUT: 'value' } });
    expect([r.code, r.stdout]).toEqual([0, `${SEED.projectName}\n`]);
  });
});

describe('--query', () => {
  it('applies to what -o json prints (a list is the array); prints JSON', async () => {
    const r = await runCli(['cluster', 'list', '--query', '[?paused].name'], { sim });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe('[\n  "PausedCluster"\n]\n');
    const n = await runCli(['cluster', 'list', '--query', 'length(@)'], { sim });
    expect(n.stdout).toBe('3\n');
  });

  it('on a get: the object', async () => {
    const r = await runCli(['project', 'get', SEED.spacedProjectName, '--query', '{id: id, name: name}'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ id: SEED.spacedProjectId, name: SEED.spacedProjectName });
  });

  it('-o value: strings unquoted, an array one element a line (a list of scalars tab-separated)', async () => {
    const names = await runCli(['cluster', 'list', '--query', '[].name', '-o', 'value'], { sim });
    expect(names.stdout).toBe('Cluster0\nPausedCluster\nShardedCluster\n');
    const pairs = await runCli(['cluster', 'list', '--query', '[].[name, stateName]', '-o', 'value'], { sim });
    expect(pairs.stdout).toBe('Cluster0\tIDLE\nPausedCluster\tIDLE\nShardedCluster\tIDLE\n');
    const one = await runCli(['project', 'get', SEED.projectId, '--query', 'id', '-o', 'value'], { sim });
    expect(one.stdout).toBe(`${SEED.projectId}\n`);
  });

  it('-o jsonl: an array one element a line, as JSON', async () => {
    const r = await runCli(['cluster', 'list', '--query', '[].{n: name, p: paused}', '-o', 'jsonl'], { sim });
    expect(r.stdout).toBe('{"n":"Cluster0","p":false}\n{"n":"PausedCluster","p":true}\n{"n":"ShardedCluster","p":false}\n');
  });

  it('with a project by name and --fields: the query sees the picked fields', async () => {
    const r = await runCli(['cluster', 'list', '-p', SEED.spacedProjectName, '--fields', 'name', '--query', '[0]'], { sim });
    expect(r.json()).toEqual({ name: SEED.spacedCluster });
  });

  it.each([
    [['--query', '[?'], /^atlascli: invalid --query "\[\?": Syntax error: /],
    [['--query', ''], /^atlascli: --query is empty/],
    [['--query', '  '], /^atlascli: empty value for --query/],
    [['-o', 'table', '--query', 'x'], /^atlascli: --query cannot be used with -o table: it prints JSON/],
    [['-o', 'csv', '--query', 'x'], /^atlascli: --query cannot be used with -o csv: it prints JSON/],
  ])('%j: exit 2 before any request, one line', async (flags, message) => {
    const from = sim.requests.length;
    const r = await runCli(['cluster', 'list', ...flags], { sim });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(sim.requests.length).toBe(from);
  });

  it('a command that prints no documents refuses it before any request', async () => {
    const from = sim.requests.length;
    const r = await runCli(['cluster', 'connection-string', SEED.clusters.replicaSet, '--query', '@'], { sim });
    expect([r.code, r.stderr]).toEqual([2, 'atlascli: --query cannot be used with `cluster connection-string`: it prints no JSON documents\n']);
    expect(apiRequests(sim, from)).toEqual([]);
  });
});
