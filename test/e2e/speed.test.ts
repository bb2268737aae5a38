// Behaviour behind the start-up and streaming figures of `npm run bench` (the figures
// themselves are measured there, never timed here).
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli, spawnCli, tempDir } from '../helpers/cli.js';
import { sharedSimulator } from '../helpers/simulator.js';

const HOST = 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('start-up', () => {
  it('--version and -v are answered without loading any module of the CLI', () => {
    // a copy of the bin and package.json with no dist/ beside them: only --version can work there
    const root = tempDir('atlascli-bin-');
    mkdirSync(join(root, 'bin'));
    copyFileSync(BIN, join(root, 'bin', 'atlascli.js'));
    // the bin is CommonJS: bin/package.json says so
    copyFileSync(new URL('../../bin/package.json', import.meta.url), join(root, 'bin', 'package.json'));
    copyFileSync(new URL('../../package.json', import.meta.url), join(root, 'package.json'));
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const r = spawnSync(process.execPath, [join(root, 'bin', 'atlascli.js'), flag], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`${version}\n`);
      expect(r.status).toBe(0);
    }
    const help = spawnSync(process.execPath, [join(root, 'bin', 'atlascli.js'), '--help'], { encoding: 'utf8' });
    expect(help.status).not.toBe(0);
  });

  it('the built CLI prints the same version through commander', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const r = await spawnCli(['--version', '--no-color']);
    expect(r.stdout).toBe(`${version}\n`);
    expect(r.code).toBe(0);
  });
});

describe('streaming against the simulator', () => {
  const sim = sharedSimulator({ port: 0, stepMs: 50, seed: { extraProjects: 49_995 } }, { reset: false });

  it('-o jsonl streams 50,000 projects in a 32 MB heap: pages are handed on, not kept', async () => {
    const r = await spawnCli(['project', 'list', '-o', 'jsonl'], { sim, env: { NODE_OPTIONS: '--max-old-space-size=32' }, timeoutMs: 110_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(50_000);
    expect(new Set(lines.map((l) => (JSON.parse(l) as { id: string }).id)).size).toBe(50_000);
  }, 120_000);

  it('logs download and api --out save byte-identical copies of what the simulator sent (stored and compressed gzip)', async () => {
    const dir = tempDir();
    for (const level of [0, 6]) {
      sim.state.logSettings.hosts.set(HOST, { bytes: 24 * 1024 * 1024, level });
      const out = join(dir, `logs-${level}.gz`);
      const r = await runCli(['logs', 'download', HOST, '--start', '2h', '--out', out], { sim });
      expect(r.code).toBe(0);
      const served = sim.state.servedLogs.at(-1)!;
      expect(served.complete).toBe(true);
      const file = readFileSync(out);
      expect(file.length).toBe(served.bytes);
      expect(sha(file)).toBe(served.sha256);

      const apiOut = join(dir, `api-${level}.gz`);
      const a = await runCli(['api', 'downloadGroupClusterLog', '--hostName', HOST, '--logName', 'mongodb', '--out', apiOut], { sim });
      expect(a.code).toBe(0);
      const apiServed = sim.state.servedLogs.at(-1)!;
      expect(sha(readFileSync(apiOut))).toBe(apiServed.sha256);
      expect(a.stderr).toBe(`saved ${apiServed.bytes} bytes to ${apiOut}\n`);
    }
  }, 60_000);
});
