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
// list of sections: startup, get, tcp, table, jsonl, config, latency, logs, metrics,
// snapshot, tuning, fixture, logsproject, fleet; BENCH_SNAPSHOT_MB: the snapshot archive, default 1024; BENCH_FIXTURE_REQUESTS: requests the fixture figure sends after its
// warm-up, default 20,000).
//
// Every command runs as users start it: without NODE_EXTRA_CA_CERTS and NODE_OPTIONS,
// on both sides of each comparison. A machine that sets NODE_EXTRA_CA_CERTS (this one
// does) adds ~40 ms of certificate loading to every Node start, which would hide the
// CLI's own start-up inside Node's.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { cpus, freemem, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/atlascli.js', import.meta.url));
const minimalClient = fileURLToPath(new URL('./bench-minimal-client.js', import.meta.url));
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 21));
const LOG_MB = Math.max(1, Number(process.env.BENCH_LOG_MB ?? 256));
const SNAPSHOT_MB = Math.max(1, Number(process.env.BENCH_SNAPSHOT_MB ?? 1024));
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
const HOST = 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net';
const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;
const HAS_CURL = spawnSync('curl', ['--version']).status === 0;
const HAS_SCRIPT = spawnSync('script', ['-qc', 'true', '/dev/null']).status === 0;
const started = Date.now();
/** The environment every measured command gets: this one without the two variables above. */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS' && k !== 'NODE_OPTIONS'));

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

/** The command line that runs `cmd` under GNU time when it is there (its figures end stderr). */
const timedCommand = (cmd, args) => (GNU_TIME ? ['/usr/bin/time', ['-f', '\n@@%e %U %S %M', cmd, ...args]] : [cmd, args]);

/** A command's stderr without GNU time's line, and that line's CPU ms and peak RSS (KiB). */
function splitTimed(stderr) {
  const m = /\n?@@([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(stderr);
  if (!m) return { err: stderr, cpuMs: undefined, rssKb: undefined };
  return { err: stderr.slice(0, m.index), cpuMs: (Number(m[2]) + Number(m[3])) * 1000, rssKb: Number(m[4]) };
}

/**
 * Runs a command to its end without blocking the in-process simulator. With GNU time:
 * user+sys CPU seconds and peak RSS (KiB) of the command itself.
 */
function run(cmd, args, { env = ENV, stdout = 'ignore', input } = {}) {
  const timed = timedCommand(cmd, args);
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
      const t = splitTimed(err);
      resolve({ status, stdout: out, stderr: t.err, wallMs, endedAt: Date.now(), cpuMs: t.cpuMs, rssKb: t.rssKb });
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
    rssKbB: GNU_TIME ? median(B.map((r) => r.rssKb)) : NaN,
  };
}

function simEnv(sim, extra = {}) {
  return {
    ...ENV,
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
// Measured with blocking spawns (spawnSync): the figure is the child's life, with no wait
// for this process's event loop to notice its end (which, on a busy machine, added tens of
// milliseconds to both sides). bin/compile-cache.js keeps V8's compiled code of the bundle
// between runs, as a user's every run after the first has it: the warm-up run of each pair
// makes it; the first-run row measures without it (a new empty cache folder, through
// TMPDIR, for every run).

/** run(), blocking. */
function runSync(cmd, args, { env = ENV } = {}) {
  const timed = timedCommand(cmd, args);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(timed[0], timed[1], { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const { err, cpuMs, rssKb } = splitTimed(r.stderr ?? '');
  if (r.status !== 0) throw new Error(`${[cmd, ...args].join(' ')} exited ${r.status}: ${err.trim().slice(0, 500)}`);
  return { status: r.status, stderr: err, wallMs, cpuMs, rssKb };
}

/** paired(), blocking. */
function pairedSync(a, b, n = RUNS) {
  runSync(...a);
  runSync(...b);
  const A = [];
  const B = [];
  for (let i = 0; i < n; i++) {
    A.push(runSync(...a));
    B.push(runSync(...b));
  }
  const ratio = (k) => median(A.map((r, i) => r[k] / B[i][k]));
  return { a: median(A.map((r) => r.wallMs)), b: median(B.map((r) => r.wallMs)), wall: ratio('wallMs'), cpu: GNU_TIME ? ratio('cpuMs') : NaN };
}

/** `atlascli simulator --port 0` in a process of its own (a blocking spawn cannot be answered from this one): its environment, and how to stop it. */
async function simulatorProcess() {
  const child = spawn(node, [bin, 'simulator', '--port', '0'], {
    env: { ...ENV, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'atlascli-bench-')) },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let text = '';
  await new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d) => {
      text += d;
      if (/ATLAS_PROJECT_ID=.*\n/.test(text)) resolve();
    });
    child.on('error', reject).on('exit', (code) => reject(new Error(`atlascli simulator exited ${code}`)));
  });
  const vars = Object.fromEntries([...text.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
  return { env: { ...ENV, ...vars, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'atlascli-bench-')), NO_COLOR: '1' }, stop: () => child.kill('SIGTERM') };
}

if (want('startup')) {
  process.stderr.write(`start-up (${RUNS} pairs each)…\n`);
  for (const args of [['--version'], ['--help'], ['cluster', '--help']]) {
    const p = pairedSync([node, [bin, ...args]], [node, ['-e', '0']]);
    row(`\`${args.join(' ')}\` vs \`node -e 0\``, '2.4×', `${x2(p.wall)} (${ms(p.a)} vs ${ms(p.b)}; CPU ${x2(p.cpu)})`, '≤ 1.5×', p.wall <= 1.5);
  }
  const cold = [];
  const base = [];
  for (let i = 0; i < Math.max(3, Math.round(RUNS / 3)); i++) {
    const tmp = mkdtempSync(join(tmpdir(), 'atlascli-bench-cold-'));
    cold.push(runSync(node, [bin, '--help'], { env: { ...ENV, TMPDIR: tmp } }));
    base.push(runSync(node, ['-e', '0']));
    rmSync(tmp, { recursive: true, force: true });
  }
  const coldRatio = median(cold.map((r, i) => r.wallMs / base[i].wallMs));
  row('`--help` on a first run (no code cache, no stored help yet) vs `node -e 0`', '—', `${x2(coldRatio)} (${ms(median(cold.map((r) => r.wallMs)))})`, '—', undefined);
  // what the help text cache (bin/help-cache.js) is worth: `cluster --help` rendered with
  // the code cache, its stored help removed before each run (as a first run at a new
  // terminal width has it)
  const rendered = [];
  const base2 = [];
  const tmp = mkdtempSync(join(tmpdir(), 'atlascli-bench-render-'));
  const dropHelps = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) dropHelps(join(d, e.name));
      else if (e.name.startsWith('help-')) rmSync(join(d, e.name), { force: true });
    }
  };
  runSync(node, [bin, 'cluster', '--help'], { env: { ...ENV, TMPDIR: tmp } });
  for (let i = 0; i < RUNS; i++) {
    dropHelps(tmp);
    rendered.push(runSync(node, [bin, 'cluster', '--help'], { env: { ...ENV, TMPDIR: tmp } }));
    base2.push(runSync(node, ['-e', '0']));
  }
  rmSync(tmp, { recursive: true, force: true });
  const renderRatio = median(rendered.map((r, i) => r.wallMs / base2[i].wallMs));
  row('`cluster --help` rendered (code cache, no stored help) vs `node -e 0`', '—', `${x2(renderRatio)} (${ms(median(rendered.map((r) => r.wallMs)))})`, '—', undefined);

  // What a TAB costs (bash, zsh and fish run `atlascli __complete <words>`): the
  // subcommands of a group (its module loaded, no other group's) and the names of the
  // clusters, asked of Atlas (here the simulator on loopback).
  process.stderr.write('TAB completion…\n');
  const tabSim = await simulatorProcess();
  try {
    for (const words of [
      ['cluster', ''],
      ['cluster', 'get', ''],
    ]) {
      const args = [bin, '__complete', ...words];
      runSync(node, args, { env: tabSim.env });
      const walls = [];
      for (let i = 0; i < RUNS; i++) walls.push(runSync(node, args, { env: tabSim.env }).wallMs);
      const m = median(walls);
      row(`TAB: \`atlascli __complete ${words.join(' ')}''\`${words.length > 2 ? ' (cluster names from Atlas)' : ''}`, '—', ms(m), '< 100 ms', m < 100);
    }
  } finally {
    tabSim.stop();
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
  const big = await startSimulator({ port: 0, seed: { extraProjects: 49_995 } });
  const r = await run(node, ['--max-old-space-size=32', bin, 'project', 'list', '-o', 'jsonl'], { env: simEnv(big), stdout: 'pipe' });
  const lines = r.stdout.split('\n').filter(Boolean).length;
  // 50,000 with the seed's own projects (counted, not assumed: the seed grows)
  const expected = big.state.projects.size;
  await big.close();
  row(
    '`-o jsonl` of 50,000 items with --max-old-space-size=32',
    'keeps every item',
    r.status === 0 && lines === expected ? `completes, ${lines} lines in ${ms(r.wallMs)}${GNU_TIME ? `, peak RSS ${mib(r.rssKb)}` : ''}` : `failed (exit ${r.status})`,
    'completes',
    r.status === 0 && lines === expected,
  );
}

// ---- a config file present -----------------------------------------------------------------
if (want('config')) {
  process.stderr.write('config file…\n');
  const withConfig = simEnv(sim);
  mkdirSync(join(withConfig.XDG_CONFIG_HOME, 'atlascli'), { recursive: true });
  writeFileSync(join(withConfig.XDG_CONFIG_HOME, 'atlascli', 'config.json'), JSON.stringify({ profiles: { default: { output: 'json' }, other: { output: 'table' } } }, null, 2), {
    mode: 0o600,
  });
  const args = [bin, 'project', 'get', sim.credentials.projectId, '-o', 'json'];
  const p = await paired([node, args, { env: withConfig }], [node, args, { env }]);
  row(
    '`project get` with a config file vs without',
    '+54 ms',
    `${x2(p.wall)} (${ms(p.a)} vs ${ms(p.b)}; ${p.a >= p.b ? '+' : '−'}${ms(Math.abs(p.a - p.b))})`,
    'as JSON.parse (≈ 1.0×)',
    p.wall <= 1.1,
  );
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
  row(
    `list of ${items} items, 100 ms per request (${r.sent} requests)`,
    '—',
    `${r.trips.toFixed(1)} round trips (${ms(r.wallMs)}, ${ms(r.plain)} without latency)`,
    '≤ 3 round trips',
    r.trips <= 3 && items === 1234,
  );
  row(
    `\`cluster list -p "Proj Beta"\` (a name), 100 ms per request (${n.sent} requests)`,
    '—',
    `${n.trips.toFixed(1)} round trips (${ms(n.wallMs)}, ${ms(n.plain)} without latency)`,
    '≤ 3 round trips',
    n.trips <= 3 && clusters === 1,
  );
}

if (want('metrics')) {
  process.stderr.write('metrics cluster over 30 processes at 100 ms…\n');
  const { newCluster } = await import('../dist/simulator/resources/cluster-model.js');
  const s = await startSimulator({ port: 0 });
  const rec = newCluster(
    s.state,
    s.credentials.projectId,
    {
      name: 'Wide',
      clusterType: 'REPLICASET',
      replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 30 } }] }],
    },
    '2024-10-23',
  );
  rec.doc.stateName = 'IDLE';
  s.state.addCluster(rec);
  const r = await roundTrips(s, [bin, 'metrics', 'cluster', 'Wide', '--metric', 'CONNECTIONS', '--period', 'PT1H', '-o', 'json']);
  const docs = JSON.parse(r.stdout).length;
  await s.close();
  row(
    `\`metrics cluster\` over ${docs} processes, 100 ms per request (${r.sent} requests)`,
    '—',
    `${r.trips.toFixed(1)} round trips (${ms(r.wallMs)}, ${ms(r.plain)} without latency)`,
    '< 4 round trips',
    r.trips < 4 && docs === 30,
  );
}

// ---- the log download ------------------------------------------------------------------------
/**
 * A simulator serving a log of `mb` MiB of text (gzip `level`; 0 stores it) and a
 * download of it by the CLI (`nodeArgs` before the bin), to a file in `dir`.
 */
async function logServer(mb, level) {
  const s = await startSimulator({ port: 0 });
  // bytes are per 24 hours of log, the window asked is 24 hours
  s.state.logSettings.hosts.set(HOST, { bytes: mb * 1024 ** 2, level });
  const e = simEnv(s);
  const dir = mkdtempSync(join(tmpdir(), 'atlascli-bench-logs-'));
  const end = Math.floor(Date.now() / 1000) - 60;
  const start = end - 86_400;
  const iso = (sec) => new Date(sec * 1000).toISOString();
  const cli = (nodeArgs = []) =>
    ok(node, [...nodeArgs, bin, 'logs', 'download', HOST, '--start', iso(start), '--end', iso(end), '--out', join(dir, 'cli.gz'), '--force'], { env: e });
  const url = `${s.url}/api/atlas/v2/groups/${s.credentials.projectId}/clusters/${HOST}/logs/mongodb.gz?startDate=${start}&endDate=${end}`;
  const curl = () =>
    ok(
      'curl',
      [
        '-sS',
        '--fail',
        '--digest',
        '-u',
        `${s.credentials.publicKey}:${s.credentials.privateKey}`,
        '-H',
        'Accept: application/vnd.atlas.2023-02-01+gzip',
        '-o',
        join(dir, 'curl.gz'),
        url,
      ],
      { env: e },
    );
  const close = async () => {
    rmSync(dir, { recursive: true, force: true });
    await s.close();
  };
  return { s, dir, cli, curl, close };
}

/** `node --import` of a data URL that leaves the named tricks of src/atlas/tuning.ts off (its TUNING_OFF switch). */
const tricksOff = (...names) => ['--import', `data:text/javascript,globalThis[Symbol.for('atlascli.tuning.off')]=${JSON.stringify(names)}`];

if (want('logs')) {
  process.stderr.write(`${LOG_MB} MiB log download…\n`);
  // gzip level 0 (stored): the simulator must not be the bottleneck
  const { dir, cli, curl, close } = await logServer(LOG_MB, 0);
  const pairs = LOG_MB > 512 ? 2 : 3;
  const c = [];
  const k = [];
  for (let i = 0; i < pairs; i++) {
    c.push(await cli());
    if (HAS_CURL) k.push(await curl());
  }
  const size = statSync(join(dir, 'cli.gz')).size;
  const same = HAS_CURL ? spawnSync('cmp', ['-s', join(dir, 'cli.gz'), join(dir, 'curl.gz')]).status === 0 : undefined;
  await close();
  const mbps = (r) => size / 1024 ** 2 / (r.wallMs / 1000);
  const cliMbps = median(c.map(mbps));
  if (GNU_TIME) {
    const rss = Math.max(...c.map((r) => r.rssKb));
    row(`peak RSS downloading a ${(size / 1024 ** 2).toFixed(0)} MiB log`, '—', mib(rss), '< 100 MB', rss / 1024 < (100 * 1e6) / 1024 ** 2);
  } else notes.push('no GNU time at /usr/bin/time: peak RSS not measured');
  if (HAS_CURL) {
    const ratio = median(c.map((r, i) => k[i].wallMs / r.wallMs));
    row(
      `log download throughput vs \`curl --digest\`${same === false ? ' (files differ!)' : ''}`,
      '~0.05× (76 s vs 3.9 s for 50 MB)',
      `${x2(ratio)} (${cliMbps.toFixed(0)} vs ${median(k.map(mbps)).toFixed(0)} MiB/s)`,
      '≥ 0.8×',
      ratio >= 0.8 && same !== false,
    );
  } else {
    row('log download throughput', '—', `${cliMbps.toFixed(0)} MiB/s`, '≥ 0.8× curl', undefined);
    notes.push('curl not found: the throughput ratio was not measured (apt-get install curl)');
  }
}

if (want('logs') && HAS_CURL) {
  // Atlas's logs are compressed: the gzip check beside the copy then inflates ~10× the bytes received
  const mb = Math.max(16, Math.round(LOG_MB / 4));
  process.stderr.write(`a compressed log (${mb} MiB of text, gzip level 6)…\n`);
  const { dir, cli, curl, close } = await logServer(mb, 6);
  const c = [];
  const k = [];
  for (let i = 0; i < 3; i++) {
    c.push(await cli());
    k.push(await curl());
  }
  const size = statSync(join(dir, 'cli.gz')).size;
  await close();
  const ratio = median(c.map((r, i) => k[i].wallMs / r.wallMs));
  const rss = GNU_TIME ? `, peak RSS ${mib(Math.max(...c.map((r) => r.rssKb)))}` : '';
  row(
    `compressed log (${(size / 1024 ** 2).toFixed(1)} MiB gzip of ${mb} MiB) vs \`curl --digest\``,
    '—',
    `${x2(ratio)}${rss}`,
    '(no target: the simulator compressing bounds both)',
    undefined,
  );
}

// ---- the snapshot download (issue 22) --------------------------------------------------------
// `backup snapshot download` as a user runs it (the download restore job made, its URL
// awaited, the .tar.gz saved with its gzip stream proven whole) against `curl` fetching the
// same delivery URL to a file. The target is the download's: for each side, from its request
// for the delivery URL reaching the simulator (the simulator's request log) to the end of
// its process. The whole command (start-up, the job, the wait for its URL: two steps of
// 100 ms of the simulator's clock, polled every 50 ms) is shown beside it, without a target.
// Each run writes a new file onto a settled disk: both files are removed and `sync` run
// before every run, outside its time. (Overwriting the files of the run before measured the
// disk writing back the last gigabyte: curl took 1.0-2.1 s and the CLI 2.0-4.3 s, by turns.)
if (want('snapshot')) {
  process.stderr.write(`${SNAPSHOT_MB} MiB snapshot download…\n`);
  const s = await startSimulator({ port: 0, stepMs: 100 });
  s.state.backup.archiveBytes = SNAPSHOT_MB * 1024 ** 2;
  const e = simEnv(s, { ATLASCLI_POLL_MS: '50' });
  const dir = mkdtempSync(join(tmpdir(), 'atlascli-bench-snapshot-'));
  const snap = 'ba0000000000000000000002';
  const files = { cli: join(dir, 'cli.tar.gz'), curl: join(dir, 'curl.tar.gz') };
  const settle = () => {
    for (const f of Object.values(files)) rmSync(f, { force: true });
    spawnSync('sync');
  };
  /** A run that writes `file`, and its download's time: from its request for the archive reaching the simulator to its end. */
  const timedDownload = async (file, cmd, args) => {
    settle();
    const before = s.requests.length;
    const r = await ok(cmd, args, { env: e });
    const asked = s.requests.slice(before).find((q) => q.path.endsWith('.tar.gz'));
    if (!asked) throw new Error(`${cmd} did not ask the simulator for the archive`);
    return { ...r, downloadMs: r.endedAt - asked.time, size: statSync(file).size };
  };
  const cli = () => timedDownload(files.cli, node, [bin, 'backup', 'snapshot', 'download', 'Cluster0', snap, '--out', files.cli, '--force']);
  // a delivery URL for curl: a download restore job made by the CLI, its URL on stdout
  const made = await ok(node, [bin, 'backup', 'restore', 'create', 'Cluster0', '--type', 'download', '--snapshot', snap, '--wait'], { env: e, stdout: 'pipe' });
  const url = made.stdout.trim();
  const curl = () => timedDownload(files.curl, 'curl', ['-sS', '--fail', '-o', files.curl, url]);
  // five pairs: the median of their ratios holds on a machine whose load swings
  const pairs = 5;
  const c = [];
  const k = [];
  let same;
  for (let i = 0; i < pairs; i++) {
    c.push(await cli());
    if (HAS_CURL) {
      const kept = join(dir, 'cli-kept.tar.gz');
      if (i === 0) renameSync(files.cli, kept);
      k.push(await curl());
      if (i === 0) same = spawnSync('cmp', ['-s', kept, files.curl]).status === 0;
      if (i === 0) rmSync(kept, { force: true });
    }
  }
  // the same at a link's speed: the simulator sends the archive at 1 Gbit/s (fault bytesPerSecond)
  const LINK = 125_000_000;
  s.faults.add({ pathRegex: '\\.tar\\.gz$', bytesPerSecond: LINK });
  const cl = [];
  const kl = [];
  for (let i = 0; i < 3 && HAS_CURL; i++) {
    cl.push(await cli());
    kl.push(await curl());
  }
  s.faults.clear();
  settle();
  rmSync(dir, { recursive: true, force: true });
  await s.close();
  const size = c[0].size;
  const mbps = (ms) => size / 1024 ** 2 / (ms / 1000);
  if (GNU_TIME) {
    const rss = Math.max(...c.map((r) => r.rssKb));
    row(`peak RSS of \`backup snapshot download\`, a ${(size / 1024 ** 2).toFixed(0)} MiB archive`, '—', mib(rss), '< 100 MB', rss / 1024 < (100 * 1e6) / 1024 ** 2);
  } else notes.push('no GNU time at /usr/bin/time: peak RSS of the snapshot download not measured');
  if (HAS_CURL) {
    const ratio = median(c.map((r, i) => k[i].downloadMs / r.downloadMs));
    row(
      `\`backup snapshot download\` vs \`curl\` of its URL: the download${same === false ? ' (files differ!)' : ''}`,
      '—',
      `${x2(ratio)} (${mbps(median(c.map((r) => r.downloadMs))).toFixed(0)} vs ${mbps(median(k.map((r) => r.downloadMs))).toFixed(0)} MiB/s)`,
      '≥ 0.8×',
      ratio >= 0.8 && same !== false,
    );
    row(
      '… the whole command (start-up, the job, the wait for its URL, the download) vs `curl`',
      '—',
      `${x2(median(c.map((r, i) => k[i].wallMs / r.wallMs)))} (${ms(median(c.map((r) => r.wallMs)))} vs ${ms(median(k.map((r) => r.wallMs)))})`,
      '(no target)',
      undefined,
    );
    row(
      '… the download at 1 Gbit/s (the simulator pacing the archive) vs `curl`',
      '—',
      `${x2(median(cl.map((r, i) => kl[i].downloadMs / r.downloadMs)))} (${mbps(median(cl.map((r) => r.downloadMs))).toFixed(0)} vs ${mbps(median(kl.map((r) => r.downloadMs))).toFixed(0)} MiB/s)`,
      '(no target)',
      undefined,
    );
  } else row('snapshot download throughput', '—', `${mbps(median(c.map((r) => r.downloadMs))).toFixed(0)} MiB/s`, '≥ 0.8× curl', undefined);
}

// ---- the tricks of src/atlas/tuning.ts, each off vs on ------------------------------------------
if (want('tuning')) {
  process.stderr.write('tuning: each trick off vs on…\n');
  // 1. undici's private files vs its index, bundled as the CLI bundles them
  const { build } = await import('esbuild');
  const tdir = mkdtempSync(join(tmpdir(), 'atlascli-bench-tuning-'));
  const entry = (name, code) => {
    writeFileSync(join(tdir, `${name}.cjs`), code);
    return build({
      entryPoints: [join(tdir, `${name}.cjs`)],
      outfile: join(tdir, `${name}.mjs`),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      nodePaths: [fileURLToPath(new URL('../node_modules', import.meta.url))],
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'warning',
    });
  };
  await entry('index', "const { EnvHttpProxyAgent } = require('undici'); new EnvHttpProxyAgent({});");
  await entry(
    'parts',
    "const A = require('undici/lib/dispatcher/env-http-proxy-agent.js'); Object.assign(require('undici/lib/dispatcher/dispatcher.js').prototype, require('undici/lib/api/index.js')); new A({});",
  );
  const bare = ENV;
  const u = await paired([node, [join(tdir, 'index.mjs')], { env: bare }], [node, [join(tdir, 'parts.mjs')], { env: bare }]);
  rmSync(tdir, { recursive: true, force: true });
  row(
    '1. undici: a process loading its index vs its private parts (bundled)',
    '—',
    `${ms(u.a)} vs ${ms(u.b)} (CPU ${x2(u.cpu)})${GNU_TIME ? `, peak RSS ${mib(u.rssKb)} vs ${mib(u.rssKbB)}` : ''}`,
    '(defends the trick)',
    undefined,
  );
  // 2. --liftoff-only, on a short command and on a download
  const args = [bin, 'project', 'get', sim.credentials.projectId, '-o', 'json'];
  const l = await paired([node, [...tricksOff('liftoff'), ...args], { env }], [node, args, { env }]);
  row(
    '2. `--liftoff-only` off vs on: `project get`',
    '—',
    `${ms(l.a)} vs ${ms(l.b)} (CPU ${x2(l.cpu)})${GNU_TIME ? `, peak RSS ${mib(l.rssKb)} vs ${mib(l.rssKbB)}` : ''}`,
    '(defends the trick)',
    undefined,
  );
  const { cli, close } = await logServer(LOG_MB, 0);
  // in turn, so that a machine whose speed drifts treats them alike
  const variants = [[], tricksOff('liftoff'), tricksOff('gc')];
  const runs = variants.map(() => []);
  await cli();
  for (let i = 0; i < 3; i++) for (const [j, v] of variants.entries()) runs[j].push(await cli(v));
  const [on, noLiftoff, noGc] = runs.map((rs) => ({ rss: median(rs.map((r) => r.rssKb)), wall: median(rs.map((r) => r.wallMs)) }));
  await close();
  if (GNU_TIME) {
    row(
      `2. \`--liftoff-only\` off vs on: ${LOG_MB} MiB log download, peak RSS`,
      '—',
      `${mib(noLiftoff.rss)} vs ${mib(on.rss)} (${ms(noLiftoff.wall)} vs ${ms(on.wall)})`,
      '(defends the trick)',
      undefined,
    );
    row(
      `3. young-generation scavenge every 4 MiB off vs on: ${LOG_MB} MiB log download, peak RSS`,
      '—',
      `${mib(noGc.rss)} vs ${mib(on.rss)} (${ms(noGc.wall)} vs ${ms(on.wall)})`,
      '(defends the trick)',
      undefined,
    );
  } else notes.push("no GNU time: the tuning tricks' memory was not measured");
}

// ---- the simulator as a fixture (issue 21) ------------------------------------------------------
// `atlascli simulator --scenario` with 2,000 projects × 3 clusters and --record, in its own
// process: its resident memory after a warm-up and after many more requests (the request
// log is bounded, the record goes to disk), and while serving 1 GiB log downloads.
if (want('fixture')) {
  const REQUESTS = Math.max(2_000, Number(process.env.BENCH_FIXTURE_REQUESTS ?? 20_000));
  process.stderr.write(`fixture: 2,000 projects × 3 clusters, ${REQUESTS.toLocaleString('en-US')} requests…\n`);
  const dir = mkdtempSync(join(tmpdir(), 'atlascli-bench-fixture-'));
  const projects = Array.from({ length: 2_000 }, (_, i) => ({
    name: `p${String(i).padStart(4, '0')}`,
    clusters: [
      { name: 'app', tier: 'M10' },
      { name: 'web', tier: 'M30', provider: 'GCP', region: 'WESTERN_EUROPE' },
      { name: 'dev', tier: 'M10', paused: true },
    ],
  }));
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ orgs: [{ name: 'bench', projects }] }));
  const child = spawn(node, [bin, 'simulator', '--port', '0', '--scenario', join(dir, 'scenario.json'), '--record', join(dir, 'rec.jsonl'), '--env-out', join(dir, 'env')], {
    stdio: ['ignore', 'ignore', 'ignore'],
    env: { ...ENV, XDG_CONFIG_HOME: dir },
  });
  const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN);
  const startedAt = Date.now();
  while (!existsSync(join(dir, 'env')) && Date.now() - startedAt < 60_000) await new Promise((r) => setTimeout(r, 50));
  const startMs = Date.now() - startedAt;
  const vars = Object.fromEntries([...readFileSync(join(dir, 'env'), 'utf8').matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
  const { default: DigestClient } = await import('digest-fetch');
  const dc = new DigestClient(vars.ATLAS_PUBLIC_KEY, vars.ATLAS_PRIVATE_KEY);
  const list = await (
    await dc.fetch(`${vars.ATLAS_BASE_URL}/api/atlas/v2/groups?itemsPerPage=500&pageNum=4`, { headers: { Accept: 'application/vnd.atlas.2023-01-01+json' } })
  ).json();
  const ids = list.results.map((g) => g.id);
  let sent = 0;
  let waited = 0;
  const burst = async (n) => {
    const t0 = Date.now();
    for (let i = 0; i < n; i += 8) {
      await Promise.all(
        Array.from({ length: Math.min(8, n - i) }, async (_, k) => {
          const g = ids[(i + k) % ids.length];
          for (;;) {
            const r = await dc.fetch(`${vars.ATLAS_BASE_URL}/api/atlas/v2/groups/${g}/clusters?itemsPerPage=500`, { headers: { Accept: 'application/vnd.atlas.2024-08-05+json' } });
            await r.arrayBuffer();
            // Atlas's limit for a cluster's endpoints (10,000 a minute) applies: wait as told
            if (r.status === 429) {
              const wait = Number(r.headers.get('retry-after') ?? 1) * 1000;
              waited += 1;
              await new Promise((res) => setTimeout(res, wait));
              continue;
            }
            if (r.status !== 200) throw new Error(`cluster list answered ${r.status}`);
            break;
          }
        }),
      );
    }
    sent += n;
    return Date.now() - t0;
  };
  let warm;
  let wall;
  let after;
  let recorded;
  try {
    await burst(2_000);
    warm = rssKb();
    waited = 0;
    wall = await burst(REQUESTS);
    after = rssKb();
    recorded = readFileSync(join(dir, 'rec.jsonl'), 'utf8').split('\n').length - 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.on('close', r));
    rmSync(dir, { recursive: true, force: true });
  }
  row('fixture start-up, 2,000 projects × 3 clusters (--scenario)', '—', ms(startMs), '< 10 s', startMs < 10_000);
  row(
    `fixture RSS after 2,000 requests → after ${(2_000 + REQUESTS).toLocaleString('en-US')} (--record)`,
    '—',
    `${mib(warm)} → ${mib(after)} (${((REQUESTS * 1000) / wall).toFixed(0)} req/s${waited ? `, ${waited} answered 429 and retried after Retry-After` : ''})`,
    '< +32 MiB',
    after - warm < 32 * 1024,
  );
  if (recorded < sent) notes.push(`fixture: the record holds ${recorded} lines for ${sent} requests`);

  // 1 GiB log downloads served by an in-process simulator: its process's RSS while streaming
  const s = await startSimulator({ port: 0 });
  s.state.logSettings.hosts.set(HOST, { bytes: 1024 ** 3, level: 0 });
  const end = Math.floor(Date.now() / 1000) - 60;
  const url = `${s.url}/api/atlas/v2/groups/${s.credentials.projectId}/clusters/${HOST}/logs/mongodb.gz?startDate=${end - 86_400}&endDate=${end}`;
  const ldc = new DigestClient(s.credentials.publicKey, s.credentials.privateKey);
  const before = process.memoryUsage().rss;
  let peak = before;
  let bytes = 0;
  for (let i = 0; i < 2; i++) {
    const r = await ldc.fetch(url, { headers: { Accept: 'application/vnd.atlas.2023-02-01+gzip' } });
    for await (const chunk of r.body) {
      bytes += chunk.length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  }
  await s.close();
  row(
    `simulator RSS growth serving 2 × ${(bytes / 2 / 1024 ** 3).toFixed(2)} GiB log downloads (in process)`,
    '—',
    mib((peak - before) / 1024),
    '< 64 MiB',
    peak - before < 64 * 1024 ** 2,
  );
}

// ---- logs project (issue 22) ---------------------------------------------------------------------
// `logs project` over 10 hosts (two 5-node replica sets in a project of their own), each host's
// log of a different size, 100 ms on every API request: its wall time against the download of
// the largest log alone (`logs download`) plus one round trip. Pairs run in turn; the figure is
// the median of the pair-by-pair ratios. The logs are small enough (0.2 to 2 MiB of text,
// gzip level 6 as Atlas serves them) that latency, not the two cores, is what concurrency hides.
if (want('logsproject')) {
  process.stderr.write('logs project over 10 hosts at 100 ms per request…\n');
  const { newCluster } = await import('../dist/simulator/resources/cluster-model.js');
  const { clusterProcesses } = await import('../dist/simulator/resources/processes.js');
  const s = await startSimulator({ port: 0 });
  // a project of its own: the seed's default one has other clusters
  const { defaultSettings } = await import('../dist/simulator/resources/projects.js');
  const projectId = 'bb0000000000000000000001';
  s.state.projects.set(projectId, {
    id: projectId,
    name: 'bench-logs',
    orgId: s.credentials.orgId,
    created: '2025-01-15T09:30:00Z',
    tags: [],
    withDefaultAlertsSettings: true,
    settings: defaultSettings(),
    teams: [],
  });
  const hosts = [];
  for (const [i, name] of ['LogsA', 'LogsB'].entries()) {
    const rec = newCluster(
      s.state,
      projectId,
      {
        name,
        clusterType: 'REPLICASET',
        replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 5 } }] }],
      },
      '2024-10-23',
    );
    rec.doc.stateName = 'IDLE';
    rec.domain = `l${i}gs${i}x.mongodb.net`;
    s.state.addCluster(rec);
    hosts.push(...clusterProcesses(s.state, rec).map((p) => p.hostname));
  }
  // 0.2, 0.4 … 2 MiB of text per 24 hours, the window asked
  hosts.forEach((h, i) => s.state.logSettings.hosts.set(h, { bytes: (i + 1) * 0.2 * 1024 ** 2 }));
  const largest = hosts.at(-1);
  const e = simEnv(s, { ATLAS_PROJECT_ID: projectId });
  const end = Math.floor(Date.now() / 1000) - 60;
  const iso = (sec) => new Date(sec * 1000).toISOString();
  const window = ['--start', iso(end - 86_400), '--end', iso(end)];
  const dir = mkdtempSync(join(tmpdir(), 'atlascli-bench-logsproject-'));
  const single = () => ok(node, [bin, 'logs', 'download', largest, ...window, '--out', join(dir, 'single.gz'), '--force'], { env: e });
  const all = () => ok(node, [bin, 'logs', 'project', ...window, '--out-dir', join(dir, 'all'), '--force'], { env: e });
  s.faults.add({ path: '/api/atlas/v2/', latencyMs: 100 });
  await single();
  await all();
  const A = [];
  const B = [];
  for (let i = 0; i < 5; i++) {
    A.push(await all());
    B.push(await single());
  }
  const files = readdirSync(join(dir, 'all')).length;
  const sent = s.requests.length;
  rmSync(dir, { recursive: true, force: true });
  await s.close();
  const ratio = median(A.map((r, i) => r.wallMs / (B[i].wallMs + 100)));
  row(
    `\`logs project\` over ${hosts.length} hosts (0.2–2 MiB logs), 100 ms per request, vs the largest log alone + 1 round trip`,
    '—',
    `${x2(ratio)} (${ms(median(A.map((r) => r.wallMs)))} vs ${ms(median(B.map((r) => r.wallMs)))} + 100 ms; ${files} files${GNU_TIME ? `, peak RSS ${mib(Math.max(...A.map((r) => r.rssKb)))}` : ''})`,
    '≤ 1.5×',
    ratio <= 1.5 && files === hosts.length && sent > 0,
  );
}

// ---- fleets (issue 20) -------------------------------------------------------------------------
// `cluster list --all-projects -o jsonl` over 200 and 2,000 projects of 3 clusters, 100 ms on
// every API request: complete, round trips against what the bound allows (8 projects in
// flight, FANOUT_CONCURRENCY in src/commands/fleet/fanout.ts: 2 paged project lists + one
// round per 8 projects), peak RSS flat. Then `cluster pause --select tag:env=dev --all-projects
// --apply` over 500 matching clusters under 100 requests per window on the clusters family,
// the window scaled from a minute to a second (Retry-After: 1) so the run takes seconds.
if (want('fleet')) {
  const BOUND = 8;
  const rss = {};
  for (const projects of [200, 2000]) {
    process.stderr.write(`cluster list --all-projects over ${projects} projects at 100 ms per request…\n`);
    const s = await startSimulator({ port: 0, seed: { fleet: { projects, clustersPerProject: 3 } }, requestLogSize: 20_000 });
    // as roundTrips() does: the run without latency first, its time taken off (start-up, CPU)
    const plain = await ok(node, [bin, 'cluster', 'list', '--all-projects', '-o', 'jsonl'], { env: simEnv(s) });
    s.faults.add({ path: '/api/atlas/v2/', latencyMs: 100 });
    const before = s.requests.length;
    const r = await ok(node, [bin, 'cluster', 'list', '--all-projects', '-o', 'jsonl'], { env: simEnv(s), stdout: 'pipe' });
    const sent = s.requests.slice(before).filter((q) => q.status !== 401).length;
    const clusters = r.stdout.split('\n').filter(Boolean).length;
    const expected = s.state.clusters.size; // the fleet's and the seed's (dedicated, free and Flex)
    const allowed = 2 + Math.ceil(s.state.projects.size / BOUND); // the fleet's and the seed's projects
    const trips = (r.wallMs - plain.wallMs) / 100;
    await s.close();
    row(
      `\`cluster list --all-projects -o jsonl\`, ${projects} projects, 100 ms per request (${sent} requests, ${BOUND} projects in flight)`,
      '—',
      `${clusters} of ${expected} clusters, ${trips.toFixed(0)} round trips (${ms(r.wallMs)}, ${ms(plain.wallMs)} without latency) vs ${allowed} the bound allows: ${x2(trips / allowed)}`,
      'complete, ≤ 1.5× the bound',
      clusters === expected && trips <= 1.5 * allowed,
    );
    if (GNU_TIME) {
      rss[projects] = Math.max(r.rssKb, plain.rssKb);
      row(
        `peak RSS of that list (${projects} projects)`,
        '—',
        mib(rss[projects]),
        '< 150 MB, flat',
        rss[projects] / 1024 < (150 * 1e6) / 1024 ** 2 && (projects === 200 || rss[projects] < 1.5 * rss[200]),
      );
    }
  }

  process.stderr.write('cluster pause --select tag:env=dev --all-projects --apply over 500 clusters, 100 requests per window…\n');
  const s = await startSimulator({
    port: 0,
    seed: { fleet: { projects: 500, clustersPerProject: 3 } },
    requestLogSize: 20_000,
    rateLimit: { limit: 100, windowMs: 1000, family: 'clusters' },
  });
  const before = s.requests.length;
  const r = await run(node, [bin, 'cluster', 'pause', '--select', 'tag:env=dev,project=fleet-*', '--all-projects', '--apply'], { env: simEnv(s), stdout: 'pipe' });
  const answered = s.requests.slice(before).filter((q) => q.status !== 401);
  const patched = new Map();
  for (const q of answered) if (q.method === 'PATCH' && q.status === 200) patched.set(q.path, (patched.get(q.path) ?? 0) + 1);
  const limited = answered.filter((q) => q.status === 429).length;
  let paused = 0;
  for (const [id] of s.state.projects) if (id.startsWith('ba')) for (const c of s.state.clustersOf(id)) if (c.doc.paused === true && /-c1$/.test(c.doc.name)) paused++;
  const twice = [...patched.values()].filter((n) => n > 1).length;
  await s.close();
  row(
    `\`cluster pause --select tag:env=dev --all-projects --apply\`, 500 clusters, 100 requests/window on the clusters family (${answered.length} requests, ${limited} answered 429)`,
    '—',
    `exit ${r.status}, ${paused} paused, ${twice} twice, ${ms(r.wallMs)}; ${r.stderr.trim().split('\n').pop()}`,
    'all paused, none twice, no budget exhausted (exit 0)',
    r.status === 0 && paused === 500 && twice === 0 && patched.size === 500,
  );
}

await sim.close();

// ---- the report ----------------------------------------------------------------------------
const cpu = cpus();
console.log(`\natlascli bench — ${new Date().toISOString().slice(0, 16)}Z, ${Math.round((Date.now() - started) / 1000)} s`);
console.log(
  `machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB (${(freemem() / 1024 ** 3).toFixed(0)} free), Linux ${release()}, Node ${process.versions.node}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
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
