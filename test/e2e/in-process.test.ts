// What makes running the CLI in-process (test/helpers/cli.ts) honest: each run sees only
// the environment and streams it is given, several runs at once keep apart, and nothing of
// the process running them (its environment) reaches a run.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });

describe('runs in one process', () => {
  it('at once, each lists the clusters of the project its own environment names, in the format it asks for', async () => {
    const projects = [SEED.projectId, SEED.stagingProjectId];
    const runs = await Promise.all(
      [...projects, ...projects].map((id, i) => runCli(['cluster', 'list'], { sim, env: { ATLAS_PROJECT_ID: id, ATLAS_OUTPUT: i < 2 ? 'json' : 'jsonl' } })),
    );
    for (const [i, r] of runs.entries()) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const group = `/api/atlas/v2/groups/${projects[i % 2]}`;
      const served = [...(await servedAll(sim, `${group}/clusters`, '2024-08-05')), ...(await servedAll(sim, `${group}/flexClusters`, '2024-11-13'))];
      expect(
        i < 2
          ? r.json()
          : r.stdout
              .trimEnd()
              .split('\n')
              .map((l) => JSON.parse(l)),
      ).toEqual(served);
    }
  });

  it('a run given a terminal gets what a terminal gets: colour (none with NO_COLOR), tables fitted to its width, identifiers whole', async () => {
    const piped = await runCli(['process', 'list'], { sim });
    expect(piped.stdout).not.toContain('\u001b[');
    const rows = piped.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t'));
    const onTerminal = await runCli(['process', 'list'], { sim, terminal: { columns: 60 } });
    expect(onTerminal.code).toBe(0);
    expect(onTerminal.stdout).toContain('\u001b[1m');
    const lines = onTerminal.stdout
      .replace(/\u001b\[[0-9;]*m/g, '')
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(rows.length);
    // HOST:PORT and CLUSTER are identifiers: whole, aligned; the other columns gave way
    for (const [i, line] of lines.slice(1).entries()) expect(line.startsWith(`${rows[i + 1]![0]}  `), line).toBe(true);
    expect(lines.slice(1).every((l) => l.includes('…'))).toBe(true);
    const plain = await runCli(['process', 'list'], { sim, terminal: { columns: 60 }, env: { NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\u001b[');
    expect(plain.stdout.trimEnd().split('\n')).toEqual(lines);
  });

  it("never read the test runner's environment: only the env they are given", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { ATLAS_OUTPUT: 'json', ATLAS_PROJECT_ID: 'not-a-project', NO_COLOR: '1', XDG_CONFIG_HOME: '/nonexistent' });
    try {
      const r = await runCli(['project', 'get', SEED.projectId], { sim });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      // a table: ATLAS_OUTPUT=json of the runner did not reach the run
      expect(() => r.json()).toThrow();
      expect(r.stdout).toContain(SEED.projectId);
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});
