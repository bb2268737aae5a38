// Packaging: `npm pack` gives a tarball that installs with production dependencies only
// and runs. The test packs the built tree (the suite has just built dist/; .ci/run also
// packs with the prepack build), installs it globally into a temporary prefix from the
// npm cache (the registry when something is missing), and runs the installed binary.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { simEnv, tempDir } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };

function run(cmd: string, args: string[], env: Record<string, string | undefined> = {}, cwd = ROOT): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // nothing of the caller's Atlas settings, nor of the npm run this suite may run under (npm_config_prefix…)
    const base = Object.entries(process.env).filter(([k]) => !/^(ATLAS_|MONGODB_ATLAS_|npm_)/i.test(k));
    const merged = Object.entries({ ...Object.fromEntries(base), ...env }).filter((kv): kv is [string, string] => kv[1] !== undefined);
    const child = spawn(cmd, args, { cwd, env: Object.fromEntries(merged) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let sim: RunningSimulator;
const dir = tempDir('atlascli-pack-');
const prefix = join(dir, 'prefix');
let files: string[] = [];
let installed = '';

beforeAll(async () => {
  sim = await startSimulator({ port: 0, stepMs: 50 });
  const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir]);
  expect(packed.code, packed.stderr).toBe(0);
  const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = info!.files.map((f) => f.path);
  const install = await run('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(dir, info!.filename)], {
    XDG_CONFIG_HOME: dir,
  });
  expect(install.code, install.stderr).toBe(0);
  installed = join(prefix, 'lib', 'node_modules', pkg.name);
}, 240_000);

afterAll(async () => {
  await sim.close();
});

describe('npm pack', () => {
  it('holds what the CLI needs at run time, and nothing of the tests or the sources', () => {
    for (const f of ['package.json', 'README.md', 'bin/atlascli.js', 'dist/program/cli.js', 'dist/commands/completion/run.js', 'completions/atlascli.bash', 'completions/atlascli.zsh', 'completions/atlascli.fish']) {
      expect(files).toContain(f);
    }
    for (const f of readdirSync(join(ROOT, 'src', 'spec')).filter((n) => n.endsWith('.json'))) expect(files).toContain(`src/spec/${f}`);
    expect(files.filter((f) => /^(test|scripts|\.ci)\/|^src\/.*\.ts$|\.map$|^tsconfig|^vitest/.test(f))).toEqual([]);
    // the scenario schema ships as data beside the spec index (atlascli simulator --print-schema)
    expect(files).toContain('src/simulator/scenario.schema.json');
    expect(files.every((f) => /^(bin|dist|completions|src\/spec)\/|^src\/simulator\/[^/]+\.json$|^(package\.json|README\.md|LICENSE)$/.test(f))).toBe(true);
  });

  it('installs with the production dependencies only', () => {
    const modules = readdirSync(join(installed, 'node_modules'));
    for (const dep of Object.keys(pkg.dependencies)) expect(existsSync(join(installed, 'node_modules', dep))).toBe(true);
    for (const dev of Object.keys(pkg.devDependencies)) expect(modules).not.toContain(dev.split('/')[0]);
  });

  it('runs: --version, the completion script, a command against the simulator, completion names', async () => {
    const bin = join(prefix, 'bin', 'atlascli');
    const env = { XDG_CONFIG_HOME: tempDir('atlascli-pack-config-') };
    const version = await run(bin, ['--version'], env, dir);
    expect([version.code, version.stdout, version.stderr]).toEqual([0, `${pkg.version}\n`, '']);
    const script = await run(bin, ['completion', 'bash'], env, dir);
    expect(script.stdout).toBe(readFileSync(join(ROOT, 'completions', 'atlascli.bash'), 'utf8'));
    const list = await run(bin, ['cluster', 'list', '-o', 'json'], { ...env, ...simEnv(sim) }, dir);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as Array<{ name: string }>).map((c) => c.name)).toEqual(expect.arrayContaining(['Cluster0', 'ShardedCluster']));
    // the spec index (src/spec/*.json) is read from the package: `api list` and checked input
    const api = await run(bin, ['api', 'list', '--tag', 'clusters', '-o', 'json'], env, dir);
    expect(api.code).toBe(0);
    expect(api.stdout).toContain('listGroupClusters');
    // so is the scenario schema
    const schema = await run(bin, ['simulator', '--print-schema'], env, dir);
    expect([schema.code, JSON.parse(schema.stdout).title]).toEqual([0, 'atlascli simulator scenario']);
    const names = await run(bin, ['__complete', 'cluster', 'get', ''], { ...env, ...simEnv(sim), ATLASCLI_COMPLETE_TIMEOUT_MS: '20000' }, dir);
    expect(names.stdout).toBe('Cluster0\nPausedCluster\nShardedCluster\n');
  });
});
