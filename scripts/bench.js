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

if (!(await benchLogDownload())) failed = true;
if (!(await benchMetricsCluster())) failed = true;
process.exitCode = failed ? 1 : 0;

// ---- observability (process, metrics, logs) ---------------------------------------

/** Runs a command beside the in-process simulator; resolves with status, output and wall time. */
function runAsync(cmd, args, env) {
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject).on('close', (status) => resolve({ status, stdout, stderr, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
  });
}

function simEnvOf(s) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'atlascli-bench-')),
    ATLAS_BASE_URL: s.url,
    ATLAS_PUBLIC_KEY: s.credentials.publicKey,
    ATLAS_PRIVATE_KEY: s.credentials.privateKey,
    ATLAS_PROJECT_ID: s.credentials.projectId,
  };
}

/**
 * A 1 GB log (gzip level 0, so the simulator is not the bottleneck) downloaded by the
 * CLI and by `curl --digest`: peak RSS of the CLI under 100 MB, throughput at least 0.8x curl's.
 */
async function benchLogDownload() {
  const { rmSync, statSync } = await import('node:fs');
  const s = await startSimulator({ port: 0 });
  const host = 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net';
  // bytes are per 24 hours of log; the window asked is 24 hours
  s.state.logSettings.hosts.set(host, { bytes: 1024 ** 3, level: 0 });
  const env = simEnvOf(s);
  const dir = mkdtempSync(join(tmpdir(), 'atlascli-bench-logs-'));
  const end = Math.floor(Date.now() / 1000);
  const start = end - 86_400;
  const cliArgs = [bin, 'logs', 'download', host, '--start', new Date(start * 1000).toISOString(), '--end', new Date(end * 1000).toISOString(), '--out', join(dir, 'cli.gz')];
  const cli = await runAsync(gnuTime ? '/usr/bin/time' : process.execPath, gnuTime ? ['-f', '%M', process.execPath, ...cliArgs] : cliArgs, env);
  if (cli.status !== 0) throw new Error(`logs download exited ${cli.status}: ${cli.stderr}`);
  const size = statSync(join(dir, 'cli.gz')).size;
  const rssMb = gnuTime ? Number(cli.stderr.trim().split('\n').pop()) / 1024 : NaN;
  const url = `${s.url}/api/atlas/v2/groups/${s.credentials.projectId}/clusters/${host}/logs/mongodb.gz?startDate=${start}&endDate=${end}`;
  const curl = await runAsync('curl', ['-sS', '--fail', '--digest', '-u', `${s.credentials.publicKey}:${s.credentials.privateKey}`, '-H', 'Accept: application/vnd.atlas.2023-02-01+gzip', '-o', join(dir, 'curl.gz'), url], env).catch(() => undefined);
  const curlOk = curl && curl.status === 0;
  const ratio = curlOk ? curl.ms / cli.ms : NaN;
  console.log(
    `logs download: ${(size / 1024 ** 2).toFixed(0)} MiB in ${(cli.ms / 1000).toFixed(1)} s (${(size / 1024 ** 2 / (cli.ms / 1000)).toFixed(0)} MiB/s)` +
      `${gnuTime ? `, peak RSS ${rssMb.toFixed(1)} MiB (target < 100)` : ''}` +
      `${curlOk ? `; curl --digest ${(curl.ms / 1000).toFixed(1)} s: ${ratio.toFixed(2)}x curl's throughput (target >= 0.8)` : '; curl not available'}`,
  );
  rmSync(dir, { recursive: true, force: true });
  await s.close();
  return (!gnuTime || rssMb < 100) && (!curlOk || ratio >= 0.8);
}

/** `metrics cluster` over 30 processes with 100 ms of latency on every request: under 4 round trips of wall time (start-up aside). */
async function benchMetricsCluster() {
  const { newCluster } = await import('../dist/simulator/resources/cluster-model.js');
  const s = await startSimulator({ port: 0 });
  const rec = newCluster(s.state, s.credentials.projectId, {
    name: 'Wide', clusterType: 'REPLICASET',
    replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 30 } }] }],
  }, '2024-10-23');
  rec.doc.stateName = 'IDLE';
  s.state.addCluster(rec);
  s.faults.add({ path: '/api/atlas/v2/', latencyMs: 100 });
  const env = simEnvOf(s);
  const startup = median([0, 1, 2].map(() => { const t = process.hrtime.bigint(); spawnSync(process.execPath, [bin, '--version']); return Number(process.hrtime.bigint() - t) / 1e6; }));
  const before = s.requests.length;
  const r = await runAsync(process.execPath, [bin, 'metrics', 'cluster', 'Wide', '--metric', 'CONNECTIONS', '--period', 'PT1H', '-o', 'json'], env);
  if (r.status !== 0) throw new Error(`metrics cluster exited ${r.status}: ${r.stderr}`);
  const docs = JSON.parse(r.stdout).length;
  const sent = s.requests.slice(before).filter((q) => q.status === 200).length;
  const roundTrips = (r.ms - startup) / 100;
  console.log(`metrics cluster: ${docs} processes, ${sent} requests in ${r.ms.toFixed(0)} ms (start-up ${startup.toFixed(0)} ms): ${roundTrips.toFixed(1)} round trips of 100 ms (target < 4)`);
  await s.close();
  return docs === 30 && roundTrips < 4;
}
