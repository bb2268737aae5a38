import { describe, expect, it } from 'vitest';
import { runCli, spawnSimulator } from '../helpers/cli.js';

describe('atlascli simulator', () => {
  it('prints the environment to export, serves the CLI with it, and stops on SIGTERM', async () => {
    const { child, vars, stderr } = await spawnSimulator(['--port', '0', '--step-ms', '50']);
    expect(Object.keys(vars).sort()).toEqual(['ATLAS_BASE_URL', 'ATLAS_ORG_ID', 'ATLAS_PRIVATE_KEY', 'ATLAS_PROJECT_ID', 'ATLAS_PUBLIC_KEY']);
    expect(vars.ATLAS_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // --atlasgroup is the contract's alias of --project
    const r = await runCli(['cluster', 'list', '-o', 'json', '--atlasgroup', vars.ATLAS_PROJECT_ID!], {
      env: { ...vars, ATLAS_PROJECT_ID: undefined },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(
      r
        .json()
        .map((c: { name: string }) => c.name)
        .sort(),
    ).toEqual(['Cluster0', 'PausedCluster', 'ShardedCluster']);

    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stderr()).toMatch(/listening on http:\/\/127\.0\.0\.1/);
  });

  it('refuses a non-loopback address and a bad port before starting', async () => {
    expect((await runCli(['simulator', '--host', '0.0.0.0'])).code).toBe(2);
    expect((await runCli(['simulator', '--port', '70000'])).code).toBe(2);
  });
});
