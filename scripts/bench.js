#!/usr/bin/env node
// `npm run bench`: speed figures of the built CLI against the bundled simulator on
// loopback, each beside its target (issue 12 and issue 9). A benchmark, not a test: it
// prints a table and exits 0, or 1 when a target is missed. Whole-process figures come
// from the operating system (`/usr/bin/time` when present: CPU, peak RSS); comparisons
// run the two commands in turn and quote the median of the pair-by-pair ratios, so a
// machine whose speed drifts (shared, busy) still compares fairly.
//
// Environment: BENCH_RUNS (pairs per start-up figure, default 21), BENCH_LOG_MB (size of
// the log download, default 256; the README's 1 GB figures use 1024), BENCH_ONLY (comma
// list of sections: startup, get, tcp, table, jsonl, config, latency, logs, metrics).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { cpus, freemem, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/atlascli.js', import.meta.url));
const minimalClient = fileURLToPath(new URL('./bench-minimal-client.js', import.meta.url));
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 21));
const LOG_MB = Math.max(1, Number(process.env.BENCH_LOG_MB ?? 256));
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
const HOST = 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net';
const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;
const HAS_CURL = spawnSync('curl', ['--version']).status === 0;
const HAS_SCRIPT = spawnSync('script', ['-qc', 'true', '/dev/null']).status === 0;
const started = Date.now();

const { startSimulator } = await import('../dist/simulator/index.js');

const rows = [];
const notes = [];
let missed = 0;

/** One line of the table: what, then (issue 12's figure), now, target, and whether it is met (undefined: no target). */
function row(what, then, now, target, ok) {
  rows.push({ what, then, now, target, ok });
  if (ok === false) missed++;
  process.stderr.write(`  ${what}: ${now}${ok === false ? '  (missed)' : ''}\n`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(0)} ms`;
const x2 = (x) => `${x.toFixed(2)}×`;
const mib = (kb) => `${(kb / 1024).toFixed(0)} MiB`;

/**
 * Runs a command to its end without blocking the in-process simulator. With GNU time:
 * user+sys CPU seconds and peak RSS (KiB) of the command itself.
 */
function run(cmd, args, { env = process.env, stdout = 'ignore', input } = {}) {
  const timed = GNU_TIME ? ['/usr/bin/time', ['-f', '\n@@%e %U %S %M', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(timed[0], timed[1], { env, stdio: [input === undefined ? 'ignore' : 'pipe', stdout === 'ignore' ? 'ignore' : 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    if (input !== undefined) child.stdin.end(input);
    child.on('error', reject).on('close', (status) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      let cpuMs;
      let rssKb;
      const m = /\n?@@([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(err);
      if (m) {
        err = err.slice(0, m.index);
        cpuMs = (Number(m[2]) + Number(m[3])) * 1000;
        rssKb = Number(m[4]);
      }
      resolve({ status, stdout: out, stderr: err, wallMs, cpuMs, rssKb });
    });
  });
}

async function ok(cmd, args, opts) {
  const r = await run(cmd, args, opts);
  if (r.status !== 0) throw new Error(`${[cmd, ...args].join(' ')} exited ${r.status}: ${r.stderr.trim().slice(0, 500)}`);
  return r;
}

/** A and B in turn, `n` pairs after one warm-up each: medians and the median ratio A/B of wall and CPU. */
async function paired(a, b, n = RUNS) {
  await ok(...a);
  await ok(...b);
  const A = [];
  const B = [];
  for (let i = 0; i < n; i++) {
    A.push(await ok(...a));
    B.push(await ok(...b));
  }
  const ratio = (k) => median(A.map((r, i) => r[k] / B[i][k]));
  return {
    a: median(A.map((r) => r.wallMs)),
    b: median(B.map((r) => r.wallMs)),
    wall: ratio('wallMs'),
    cpu: GNU_TIME ? ratio('cpuMs') : NaN,
    rssKb: GNU_TIME ? median(A.map((r) => r.rssKb)) : NaN,
  };
}

function simEnv(sim, extra = {}) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'atlascli-bench-')),
    ATLAS_BASE_URL: sim.url,
    ATLAS_PUBLIC_KEY: sim.credentials.publicKey,
    ATLAS_PRIVATE_KEY: sim.credentials.privateKey,
    ATLAS_ORG_ID: sim.credentials.orgId,
    ATLAS_PROJECT_ID: sim.credentials.projectId,
    NO_COLOR: '1',
    ...extra,
  };
}

const want = (section) => !ONLY || ONLY.has(section);
const node = process.execPath;

// ---- start-up -----------------------------------------------------------------------
if (want('startup')) {
  process.stderr.write(`start-up (${RUNS} pairs each)…\n`);
  for (const args of [['--version'], ['--help'], ['cluster', '--help']]) {
    const p = await paired([node, [bin, ...args]], [node, ['-e', '0']]);
    row(`\`${args.join(' ')}\` vs \`node -e 0\``, '2.4×', `${x2(p.wall)} (${ms(p.a)} vs ${ms(p.b)}; CPU ${x2(p.cpu)})`, '≤ 1.5× (stretch 1.2×)', p.wall <= 1.5);
  }
}

// ---- one API command ----------------------------------------------------------------
const sim = await startSimulator({ port: 0, seed: { extraProjects: 9_996 } /* + 4 seeded = 10,000 */ });
const env = simEnv(sim);
const groupPath = `/api/atlas/v2/groups/${sim.credentials.projectId}`;

if (want('get')) {
  process.stderr.write('project get…\n');
  const p = await paired([node, [bin, 'project', 'get', sim.credentials.projectId, '-o', 'json'], { env }], [node, [minimalClient, groupPath], { env }]);
  row('`project get` vs a minimal digest client (node:http)', '6.7× (336 vs 50 ms)', `${x2(p.wall)} (${ms(p.a)} vs ${ms(p.b)}; CPU ${x2(p.cpu)})`, '≤ 2.5×', p.wall <= 2.5);
}

if (want('tcp')) {
  // a TCP relay in front of the simulator counts the connections the CLI opens
  let connections = 0;
  const relay = net.createServer((c) => {
    connections++;
    const s = net.connect(sim.port, '127.0.0.1');
    c.pipe(s).pipe(c);
    c.on('error', () => s.destroy());
    s.on('error', () => c.destroy());
  });
  await new Promise((r) => relay.listen(0, '127.0.0.1', r));
  await ok(node, [bin, 'project', 'get', sim.credentials.projectId, '-o', 'json'], { env: { ...env, ATLAS_BASE_URL: `http://127.0.0.1:${relay.address().port}` } });
  await new Promise((r) => relay.close(r));
  row('TCP connections for one API command (digest challenge + answer)', '2', String(connections), '1', connections === 1);
}

// ---- 10,000-row list: table vs JSON -----------------------------------------------------
if (want('table')) {
  process.stderr.write('10,000-row project list…\n');
  const n = Math.max(3, Math.round(RUNS / 4));
  const list = (o) => [node, [bin, 'project', 'list', '-o', o], { env }];
  const piped = await paired(list('table'), list('json'), n);
  row('10,000-row `project list`: table (piped) vs JSON', '7.8 s vs 1.3 s', `${x2(piped.wall)} (${ms(piped.a)} vs ${ms(piped.b)})`, '≤ 1.5×', piped.wall <= 1.5);
  if (HAS_SCRIPT) {
    // on a terminal (a pseudo-terminal from util-linux `script`; its own output thrown away)
    const tty = (o) => ['script', ['-qec', `${node} ${bin} project list -o ${o}`, '/dev/null'], { env: { ...env, COLUMNS: '150' } }];
    const onTerm = await paired(tty('table'), tty('json'), n);
    row('10,000-row `project list`: table (terminal) vs JSON', '—', `${x2(onTerm.wall)} (${ms(onTerm.a)} vs ${ms(onTerm.b)})`, '≤ 1.5×', onTerm.wall <= 1.5);
  } else notes.push('no `script` (util-linux): the terminal table was not measured');
  // linear: 4× the rows, about 4× the time past start-up (`--help` stands for start-up)
  const small = await startSimulator({ port: 0, seed: { extraProjects: 2_496 } });
  const smallEnv = simEnv(small);
  const seq = async (args, e) => {
    const walls = [];
    for (let i = 0; i < 3; i++) walls.push((await ok(node, args, { env: e })).wallMs);
    return median(walls);
  };
  const base = await seq([bin, '--help'], env);
  const t10k = await seq([bin, 'project', 'list', '-o', 'table'], env);
  const t2k = await seq([bin, 'project', 'list', '-o', 'table'], smallEnv);
  const growth = (t10k - base) / Math.max(1, t2k - base);
  await small.close();
  row('table (piped) time past start-up: 10,000 rows / 2,500 rows', 'quadratic', `${x2(growth)} (${ms(t10k)} vs ${ms(t2k)}, start-up ${ms(base)})`, '≈ 4× (linear)', growth <= 6);
}

// ---- jsonl of 50,000 items in a 32 MB heap ------------------------------------------------
if (want('jsonl')) {
  process.stderr.write('jsonl of 50,000 items…\n');
  const big = await startSimulator({ port: 0, seed: { extraProjects: 49_996 } });
  const r = await run(node, ['--max-old-space-size=32', bin, 'project', 'list', '-o', 'jsonl'], { env: simEnv(big), stdout: 'pipe' });
  const lines = r.stdout.split('\n').filter(Boolean).length;
  await big.close();
  row('`-o jsonl` of 50,000 items with --max-old-space-size=32', 'keeps every item', r.status === 0 && lines === 50_000 ? `completes, ${lines} lines in ${ms(r.wallMs)}${GNU_TIME ? `, peak RSS ${mib(r.rssKb)}` : ''}` : `failed (exit ${r.status})`, 'completes', r.status === 0 && lines === 50_000);
}

// ---- a config file present -----------------------------------------------------------------
if (want('config')) {
  process.stderr.write('config file…\n');
  const withConfig = simEnv(sim);
  mkdirSync(join(withConfig.XDG_CONFIG_HOME, 'atlascli'), { recursive: true });
  writeFileSync(join(withConfig.XDG_CONFIG_HOME, 'atlascli', 'config.json'), JSON.stringify({ profiles: { default: { output: 'json' }, other: { output: 'table' } } }, null, 2), { mode: 0o600 });
  const args = [bin, 'project', 'get', sim.credentials.projectId, '-o', 'json'];
  const p = await paired([node, args, { env: withConfig }], [node, args, { env }]);
  row('`project get` with a config file vs without', '+54 ms', `${x2(p.wall)} (${ms(p.a)} vs ${ms(p.b)}; ${p.a >= p.b ? "+" : "−"}${ms(Math.abs(p.a - p.b))})`, 'as JSON.parse (≈ 1.0×)', p.wall <= 1.1);
}

// ---- latency-bound commands ----------------------------------------------------------------
/** Median wall time of a command with `latencyMs` on every API request, minus its median without: in round trips. */
async function roundTrips(s, args, latencyMs = 100) {
  const e = simEnv(s);
  const plain = median([await ok(node, args, { env: e }), await ok(node, args, { env: e }), await ok(node, args, { env: e })].map((r) => r.wallMs));
  s.faults.add({ path: '/api/atlas/v2/', latencyMs });
  const before = s.requests.length;
  const slow = await ok(node, args, { env: e, stdout: 'pipe' });
  const sent = s.requests.length - before;
  const slowMs = median([slow.wallMs, (await ok(node, args, { env: e })).wallMs, (await ok(node, args, { env: e })).wallMs]);
  s.faults.clear();
  return { trips: (slowMs - plain) / latencyMs, wallMs: slowMs, plain, sent, stdout: slow.stdout };
}

if (want('latency')) {
  process.stderr.write('1,234 items at 100 ms per request…\n');
  // 5 seeded projects and 1,229 extra
  const s = await startSimulator({ port: 0, seed: { extraProjects: 1_229 } });
  const r = await roundTrips(s, [bin, 'project', 'list', '-o', 'json']);
  const items = JSON.parse(r.stdout).length;
  // a project by name costs one request (getGroupByName), not a list of all projects (issue 19)
  process.stderr.write('cluster list -p "Proj Beta" at 100 ms per request…\n');
  const n = await roundTrips(s, [bin, 'cluster', 'list', '-p', 'Proj Beta', '-o', 'json']);
  const clusters = JSON.parse(n.stdout).length;
  await s.close();
  row(`list of ${items} items, 100 ms per request (${r.sent} requests)`, '—', `${r.trips.toFixed(1)} round trips (${ms(r.wallMs)}, ${ms(r.plain)} without latency)`, '≤ 3 round trips', r.trips <= 3 && items === 1234);
  row(`\`cluster list -p "Proj Beta"\` (a name), 100 ms per request (${n.sent} requests)`, '—', `${n.trips.toFixed(1)} round trips (${ms(n.wallMs)}, ${ms(n.plain)} without latency)`, '≤ 3 round trips', n.trips <= 3 && clusters === 1);
}

if (want('metrics')) {
  process.stderr.write('metrics cluster over 30 processes at 100 ms…\n');
  const { newCluster } = await import('../dist/simulator/resources/cluster-model.js');
  const s = await startSimulator({ port: 0 });
  const rec = newCluster(
    s.state,
    s.credentials.projectId,
    { name: 'Wide', clusterType: 'REPLICASET', replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 30 } }] }] },
    '2024-10-23',
  );
  rec.doc.stateName = 'IDLE';
  s.state.addCluster(rec);
  const r = await roundTrips(s, [bin, 'metrics', 'cluster', 'Wide', '--metric', 'CONNECTIONS', '--period', 'PT1H', '-o', 'json']);
  const docs = JSON.parse(r.stdout).length;
  await s.close();
  row(`\`metrics cluster\` over ${docs} processes, 100 ms per request (${r.sent} requests)`, '—', `${r.trips.toFixed(1)} round trips (${ms(r.wallMs)}, ${ms(r.plain)} without latency)`, '< 4 round trips', r.trips < 4 && docs === 30);
}

// ---- the log download ------------------------------------------------------------------------
if (want('logs')) {
  process.stderr.write(`${LOG_MB} MiB log download…\n`);
  const s = await startSimulator({ port: 0 });
  // bytes are per 24 hours of log, the window asked is 24 hours; gzip level 0 (stored)
  s.state.logSettings.hosts.set(HOST, { bytes: LOG_MB * 1024 ** 2, level: 0 });
  const e = simEnv(s);
  const dir = mkdtempSync(join(tmpdir(), 'atlascli-bench-logs-'));
  const end = Math.floor(Date.now() / 1000) - 60;
  const start = end - 86_400;
  const iso = (sec) => new Date(sec * 1000).toISOString();
  const cli = () => ok(node, [bin, 'logs', 'download', HOST, '--start', iso(start), '--end', iso(end), '--out', join(dir, 'cli.gz'), '--force'], { env: e });
  const url = `${s.url}/api/atlas/v2/groups/${s.credentials.projectId}/clusters/${HOST}/logs/mongodb.gz?startDate=${start}&endDate=${end}`;
  const curl = () => ok('curl', ['-sS', '--fail', '--digest', '-u', `${s.credentials.publicKey}:${s.credentials.privateKey}`, '-H', 'Accept: application/vnd.atlas.2023-02-01+gzip', '-o', join(dir, 'curl.gz'), url], { env: e });
  const pairs = LOG_MB > 512 ? 2 : 3;
  const c = [];
  const k = [];
  for (let i = 0; i < pairs; i++) {
    c.push(await cli());
    if (HAS_CURL) k.push(await curl());
  }
  const size = statSync(join(dir, 'cli.gz')).size;
  const same = HAS_CURL ? spawnSync('cmp', ['-s', join(dir, 'cli.gz'), join(dir, 'curl.gz')]).status === 0 : undefined;
  rmSync(dir, { recursive: true, force: true });
  await s.close();
  const mbps = (r) => size / 1024 ** 2 / (r.wallMs / 1000);
  const cliMbps = median(c.map(mbps));
  if (GNU_TIME) {
    const rss = Math.max(...c.map((r) => r.rssKb));
    row(`peak RSS downloading a ${(size / 1024 ** 2).toFixed(0)} MiB log`, '—', mib(rss), '< 100 MB', rss / 1024 < 100 * 1e6 / 1024 ** 2);
  } else notes.push('no GNU time at /usr/bin/time: peak RSS not measured');
  if (HAS_CURL) {
    const ratio = median(c.map((r, i) => k[i].wallMs / r.wallMs));
    row(`log download throughput vs \`curl --digest\`${same === false ? ' (files differ!)' : ''}`, '~0.05× (76 s vs 3.9 s for 50 MB)', `${x2(ratio)} (${cliMbps.toFixed(0)} vs ${median(k.map(mbps)).toFixed(0)} MiB/s)`, '≥ 0.8×', ratio >= 0.8 && same !== false);
  } else {
    row('log download throughput', '—', `${cliMbps.toFixed(0)} MiB/s`, '≥ 0.8× curl', undefined);
    notes.push('curl not found: the throughput ratio was not measured (apt-get install curl)');
  }
}

await sim.close();

// ---- the report ----------------------------------------------------------------------------
const cpu = cpus();
console.log(`\natlascli bench — ${new Date().toISOString().slice(0, 16)}Z, ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB (${(freemem() / 1024 ** 3).toFixed(0)} free), Linux ${release()}, Node ${process.versions.node}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`runs: ${RUNS} pairs per start-up figure (medians of pair ratios), log ${LOG_MB} MiB${GNU_TIME ? '' : '; no GNU time: no CPU or RSS figures'}\n`);
const header = ['figure', 'then', 'now', 'target', ''];
const table = [header, ...rows.map((r) => [r.what, r.then, r.now, r.target, r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED'])];
const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
console.log(`| ${header.map((h, i) => h.padEnd(widths[i])).join(' | ')} |`);
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of table.slice(1)) console.log(`| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`);
for (const n of notes) console.log(`note: ${n}`);
console.log(missed ? `\n${missed} target(s) missed` : '\nall targets met');
process.exitCode = missed ? 1 : 0;
