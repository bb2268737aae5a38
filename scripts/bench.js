#!/usr/bin/env node
// Benchmarks with targets (not timed unit tests):
//  1. start-up: `atlascli --version` within 2x the time of `node -e 0` (median of runs)
//  2. listing 1,234 projects from the simulator: wall time, page requests, peak memory
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/atlascli.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 21);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeRuns(args, env = process.env) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return median(times);
}

let failed = false;
const base = timeRuns(['-e', '0']);
const version = timeRuns([bin, '--version']);
const help = timeRuns([bin, 'cluster', '--help']);
const ratio = version / base;
console.log(`start-up: node -e 0 ${base.toFixed(1)} ms, atlascli --version ${version.toFixed(1)} ms (${ratio.toFixed(2)}x, target <= 2x), cluster --help ${help.toFixed(1)} ms`);
if (ratio > 2) failed = true;

const { startSimulator } = await import('../dist/simulator/index.js');
const sim = await startSimulator({ port: 0, seed: { extraProjects: 1230 } /* + 4 seeded = 1,234 */ });
const env = {
  ...process.env,
  XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'atlascli-bench-')),
  ATLAS_BASE_URL: sim.url,
  ATLAS_PUBLIC_KEY: sim.credentials.publicKey,
  ATLAS_PRIVATE_KEY: sim.credentials.privateKey,
};
const gnuTime = existsSync('/usr/bin/time');
const args = gnuTime ? ['-f', '%M', process.execPath, bin, 'project', 'list', '-o', 'json'] : [bin, 'project', 'list', '-o', 'json'];
const before = sim.requests.length;
const t0 = process.hrtime.bigint();
// The simulator runs in this process: the CLI must run asynchronously beside it.
const r = await new Promise((resolve, reject) => {
  const child = spawn(gnuTime ? '/usr/bin/time' : process.execPath, args, { env });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  child.on('error', reject).on('close', (status) => resolve({ status, stdout, stderr }));
});
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
if (r.status !== 0) throw new Error(`project list exited ${r.status}: ${r.stderr}`);
const items = JSON.parse(r.stdout).length;
const pages = sim.requests.slice(before).filter((q) => q.method === 'GET' && q.path === '/api/atlas/v2/groups' && q.status === 200).length;
const rssKb = gnuTime ? Number(r.stderr.trim().split('\n').pop()) : NaN;
console.log(`list: ${items} projects in ${ms.toFixed(0)} ms, ${pages} page requests${gnuTime ? `, peak RSS ${(rssKb / 1024).toFixed(1)} MiB` : ''}`);
if (pages !== Math.ceil(items / 500)) failed = true;
await sim.close();
process.exitCode = failed ? 1 : 0;
