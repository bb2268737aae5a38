// Packaging: `npm pack` gives a tarball that holds the bundle (dist/bundle/, every
// dependency inside it), the spec data it reads, bin/ and completions/, and nothing else;
// it installs with no package of its own under 3 MiB and runs, the lazily loaded chunks
// included. The test packs the built tree (the suite has built dist/; .ci/run packs the
// same way, after its one build), installs it globally into a temporary prefix, and runs
// the installed binary.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simEnv, tempDir } from '../helpers/cli.js';
import { sharedSimulator } from '../helpers/simulator.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
};

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

const dir = tempDir('atlascli-pack-');
const prefix = join(dir, 'prefix');
let files: string[] = [];
let installed = '';

const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });
beforeAll(async () => {
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

/** An installed package: a folder with a package.json right under node_modules/ (or under node_modules/@scope/). */
function isPackage(path: string): boolean {
  const parent = basename(dirname(path));
  return existsSync(join(path, 'package.json')) && (parent === 'node_modules' || (parent.startsWith('@') && basename(dirname(dirname(path))) === 'node_modules'));
}

/** Bytes of the files under `dir`, and the packages installed under it. */
function tree(dir: string): { bytes: number; packages: number } {
  let bytes = 0;
  let packages = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      const sub = tree(path);
      bytes += sub.bytes;
      packages += sub.packages + (isPackage(path) ? 1 : 0);
    } else bytes += statSync(path).size;
  }
  return { bytes, packages };
}

/** Reads stdout of a running child until `pattern` shows; the text so far. */
function until(child: ReturnType<typeof spawn>, pattern: RegExp): Promise<string> {
  let text = '';
  return new Promise((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      text += d;
      if (pattern.test(text)) resolve(text);
    });
    child.on('close', (code) => reject(new Error(`exited ${code} before printing ${pattern}: ${text}`)));
  });
}

describe('npm pack', () => {
  it('holds the bundle, every chunk of it, the spec data, bin and completions, and nothing else', () => {
    for (const f of [
      'package.json',
      'README.md',
      'bin/atlascli.js',
      'bin/compile-cache.js',
      'bin/help-cache.js',
      'dist/bundle/build-key',
      'bin/package.json',
      'dist/bundle/cli.cjs',
      'completions/atlascli.bash',
      'completions/atlascli.zsh',
      'completions/atlascli.fish',
    ]) {
      expect(files).toContain(f);
    }
    // every chunk the entry may load on demand
    for (const f of readdirSync(join(ROOT, 'dist', 'bundle')).filter((n) => n.endsWith('.cjs'))) expect(files).toContain(`dist/bundle/${f}`);
    // the spec data: what every command reads as JSON, what validation and `api` help read gzipped (src/spec/files.ts)
    for (const f of ['operations.json', 'secrets.json', 'schemas.json.gz', 'api-docs.json.gz']) expect(files).toContain(`src/spec/${f}`);
    expect(files).not.toContain('src/spec/schemas.json');
    expect(files).not.toContain('src/spec/api-docs.json');
    expect(files.filter((f) => /^(test|scripts|\.ci)\/|^src\/.*\.ts$|\.map$|^tsconfig|^vitest|^eslint/.test(f))).toEqual([]);
    // the scenario schema ships as data beside the spec index (atlascli simulator --print-schema)
    expect(files).toContain('src/simulator/scenario.schema.json');
    expect(files.every((f) => /^(bin|dist\/bundle|completions|src\/spec)\/|^src\/simulator\/[^/]+\.json$|^(package\.json|README\.md|LICENSE)$/.test(f))).toBe(true);
  });

  it('installs alone: no dependency to install (the bundle holds them), under 3 MiB', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    const modules = join(installed, 'node_modules');
    expect(existsSync(modules) ? readdirSync(modules) : []).toEqual([]);
    const { bytes, packages } = tree(join(prefix, 'lib', 'node_modules'));
    expect(packages).toBe(1);
    expect(bytes).toBeLessThan(3 * 1024 * 1024);
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
    // the spec index (src/spec/*.json) is read from the package: `api list`, checked input and an operation's help (api-docs.json)
    const api = await run(bin, ['api', 'list', '--tag', 'clusters', '-o', 'json'], env, dir);
    expect(api.code).toBe(0);
    expect(api.stdout).toContain('listGroupClusters');
    const docs = await run(bin, ['api', 'getGroup', '--help'], env, dir);
    expect(docs.code).toBe(0);
    expect(docs.stdout).toContain('Return One Project');
    const bad = await run(bin, ['cluster', 'create', 'x', '--tier', 'M7'], { ...env, ...simEnv(sim) }, dir);
    expect(bad.code).toBe(2);
    // a file checked against the spec's request schema: schemas.json, gzipped in the package
    const def = join(dir, 'cluster.json');
    writeFileSync(def, JSON.stringify({ name: 'x', clusterType: 'REPLICASET', replicationSpecs: 'none' }));
    const schemaChecked = await run(bin, ['cluster', 'create', 'x', '--file', def], { ...env, ...simEnv(sim) }, dir);
    expect(schemaChecked.code).toBe(2);
    expect(schemaChecked.stderr).toMatch(/replicationSpecs/);
    // __complete walks the whole tree: every group's module is loaded
    // so is the scenario schema
    const schema = await run(bin, ['simulator', '--print-schema'], env, dir);
    expect([schema.code, JSON.parse(schema.stdout).title]).toEqual([0, 'atlascli simulator scenario']);
    const names = await run(bin, ['__complete', 'cluster', 'get', ''], { ...env, ...simEnv(sim), ATLASCLI_COMPLETE_TIMEOUT_MS: '20000' }, dir);
    expect(names.stdout).toBe('Cluster0\nPausedCluster\nShardedCluster\n');
    const groups = await run(bin, ['__complete', ''], env, dir);
    expect(groups.stdout).toMatch(/^backup\t/m);
    expect(groups.stdout).toMatch(/^simulator\t/m);
  });

  it('runs the simulator it ships, which serves the installed CLI', async () => {
    const bin = join(prefix, 'bin', 'atlascli');
    const base = Object.entries(process.env).filter(([k]) => !/^(ATLAS_|MONGODB_ATLAS_|npm_)/i.test(k));
    const child = spawn(bin, ['simulator', '--port', '0', '--step-ms', '50'], { cwd: dir, env: { ...Object.fromEntries(base), XDG_CONFIG_HOME: tempDir('atlascli-pack-sim-') } });
    try {
      const printed = await until(child, /ATLAS_PROJECT_ID=.*\n/);
      const vars = Object.fromEntries([...printed.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
      const r = await run(bin, ['project', 'get', vars.ATLAS_PROJECT_ID!, '-o', 'json'], { ...vars, XDG_CONFIG_HOME: tempDir('atlascli-pack-config-') }, dir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as { id: string }).id).toBe(vars.ATLAS_PROJECT_ID);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('close', resolve)));
    expect(code).toBe(0);
  });
});
