// The help examples of the new groups (issues 22 and 23) work against the simulator as
// written: a new user's trial copied `metrics project -p staging` and got exit 4, as the
// simulator's projects are atlascli-sim and atlascli-sim-staging.
import { describe, expect, it } from 'vitest';
import { exampleLines as examplesOf, words } from '../helpers/examples.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { sharedSimulator } from '../helpers/simulator.js';

const GROUPS = ['network', 'private-endpoint', 'cloud-access', 'stream', 'search-index', 'service-account', 'invitation', 'team', 'project', 'logs project', 'metrics project'];

const sim = sharedSimulator({ port: 0, clock: 'manual' });

const exampleLines = () => examplesOf(GROUPS);

describe('help examples of the new groups', () => {
  it('name only projects and organizations the simulator has (-p, --project, --org)', async () => {
    const lines = await exampleLines();
    expect(lines.length).toBeGreaterThan(50);
    const projects = new Set([...sim.state.projects.values()].flatMap((p) => [p.id, p.name]));
    const orgs = new Set([...sim.state.orgs.values()].flatMap((o) => [o.id, o.name]));
    const unknown: string[] = [];
    for (const { path, line } of lines) {
      const w = words(line);
      w.forEach((word, i) => {
        const value = w[i + 1];
        if (value === undefined || value.startsWith('<') || value.startsWith('$')) return;
        // `setup --project` and `project create` make the project they name
        if ((word === '-p' || word === '--project') && !path.startsWith('setup') && !projects.has(value)) unknown.push(`${path}: ${line}`);
        if (word === '--org' && !orgs.has(value)) unknown.push(`${path}: ${line}`);
      });
    }
    expect(unknown).toEqual([]);
  });

  // the trial's instances, run as the help prints them
  it.each([
    ['metrics project -p atlascli-sim --metric PROCESS_CPU_USER --granularity PT1H --period P1D -o csv'],
    ['project update atlascli-sim-staging --name atlascli-sim-eu'],
    ['project users remove d2123456789abcdef012345d -p atlascli-sim --force'],
    ['project api-keys assign f1123456789abcdef012345f --role GROUP_CLUSTER_MANAGER --role GROUP_DATA_ACCESS_READ_ONLY -p atlascli-sim-staging'],
    ['invitation create jane2@example.com --role ORG_MEMBER --project atlascli-sim-staging --project-role GROUP_READ_ONLY'],
    ['service-accounts ls --org "atlascli Simulated Org" -o json'],
  ])('atlascli %s: exit 0, as the help shows it', async (line) => {
    const lines = await exampleLines();
    expect(lines.map((l) => l.line)).toContain(`atlascli ${line}`);
    const r = await runCli(words(line), { sim });
    expect(r.stderr).not.toMatch(/^atlascli: /m);
    expect(r.code).toBe(0);
  });

  it('atlascli logs project --type mongos --out-dir ./mongos -p atlascli-sim: exit 0, the mongos logs saved', async () => {
    const lines = await exampleLines();
    expect(lines.map((l) => l.line)).toContain('atlascli logs project --type mongos --out-dir ./mongos -p atlascli-sim');
    const r = await runCli(['logs', 'project', '--type', 'mongos', '--out-dir', tempDir(), '-p', 'atlascli-sim'], { sim });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^saved 6 mongos logs of 1 cluster /m);
  });
});
