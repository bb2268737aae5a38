import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { apiRequests } from '../helpers/atlas.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, stepMs: 50 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
});

const HOST = 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const run = (args: string[], cwd: string) => runCli(args, { sim, env: { PWD: cwd } });

/** Runs the CLI in `cwd` (downloads without --out land there). */
async function inDir(cwd: string, args: string[]) {
  const prev = process.cwd();
  process.chdir(cwd);
  try {
    return await run(args, cwd);
  } finally {
    process.chdir(prev);
  }
}

describe('logs download', () => {
  it('saves the file Atlas names, byte-identical to what the simulator sent; epoch seconds on the wire', async () => {
    const dir = tempDir();
    const before = sim.requests.length;
    const r = await inDir(dir, ['logs', 'download', HOST, '--start', '2026-11-01T10:00:00Z', '--end', '2026-11-01T12:00:00Z']);
    expect(r.code).toBe(0);
    const [req] = apiRequests(sim, before);
    // 2026-11-01T10:00:00Z is 1793527200 seconds after the epoch
    expect(req!.query).toEqual({ startDate: '1793527200', endDate: '1793534400' });
    expect(req!.accept).toMatch(/^application\/vnd\.atlas\.\d{4}-\d{2}-\d{2}\+gzip$/);
    const files = readdirSync(dir);
    expect(files).toEqual([`${HOST}_2026-11-01T10:00:00.000000000_2026-11-01T12:00:00.000000000_MONGODB.log.gz`]);
    const body = readFileSync(join(dir, files[0]!));
    const servedLog = sim.state.servedLogs.at(-1)!;
    expect(servedLog.complete).toBe(true);
    expect(body.length).toBe(servedLog.bytes);
    expect(sha(body)).toBe(servedLog.sha256);
    expect(gunzipSync(body).toString().split('\n')[0]).toMatch(/^\{"t":\{"\$date":"2026-11-01T10:00:00/);
    expect(r.stderr).toMatch(/^saved .*MONGODB\.log\.gz/);
  });

  it('--out - writes the gzip to stdout; --decompress the lines', async () => {
    const dir = tempDir();
    const r = await run(['logs', 'download', HOST, '--out', join(dir, 'x.log'), '--decompress', '--start', '3h'], dir);
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'x.log'), 'utf8');
    expect(text.split('\n')[0]).toMatch(/^\{"t":/);
    const s = await run(['logs', 'download', HOST, '--out', '-', '--decompress', '--start', '3h'], dir);
    expect(s.code).toBe(0);
    expect(s.stdout.split('\n')[0]).toMatch(/^\{"t":/);
  });

  it('an empty log (200, Content-Length 0, as recorded for audit logs) is a clear message and an empty file', async () => {
    const dir = tempDir();
    const r = await run(['logs', 'download', HOST, '--type', 'mongodb-audit-log', '--out', join(dir, 'audit.gz')], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/empty/);
    expect(readFileSync(join(dir, 'audit.gz'))).toHaveLength(0);
  });

  it('an existing --out without --force exits 2 before any request; --force overwrites', async () => {
    const dir = tempDir();
    const out = join(dir, 'have.gz');
    writeFileSync(out, 'old');
    const before = sim.requests.length;
    const r = await run(['logs', 'download', HOST, '--out', out], dir);
    expect(r.code).toBe(2);
    expect(apiRequests(sim, before)).toHaveLength(0);
    expect(readFileSync(out, 'utf8')).toBe('old');
    const f = await run(['logs', 'download', HOST, '--out', out, '--force'], dir);
    expect(f.code).toBe(0);
    expect(readFileSync(out)[0]).toBe(0x1f);
  });

  it('a connection reset mid-body leaves no file and no temporary file', async () => {
    const dir = tempDir();
    sim.state.logSettings.hosts.set(HOST, { bytes: 2_000_000, resetAfterBytes: 20_000 });
    const r = await run(['logs', 'download', HOST, '--out', join(dir, 'cut.gz')], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/cut off|nothing was saved/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an answer whose end only the closing connection marks (HTTP/1.0, some proxies): a cut gzip fails and leaves nothing, a whole one is saved', async () => {
    // without Content-Length or chunked coding, a reset looks like the end of the body to
    // HTTP: only the gzip data itself can tell, so it is inflated on the side
    const dir = tempDir();
    sim.state.logSettings.hosts.set(HOST, { bytes: 2_000_000, unframed: true, resetAfterBytes: 20_000 });
    const cut = await run(['logs', 'download', HOST, '--out', join(dir, 'cut.gz')], dir);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/gzip data is incomplete or damaged/);
    expect(cut.stderr).toMatch(/nothing was saved/);
    expect(readdirSync(dir)).toEqual([]);
    sim.state.logSettings.hosts.set(HOST, { bytes: 2_000_000, unframed: true });
    const whole = await run(['logs', 'download', HOST, '--out', join(dir, 'whole.gz')], dir);
    expect(whole.code).toBe(0);
    const served = sim.state.servedLogs.at(-1)!;
    expect(served.complete).toBe(true);
    expect(sha(readFileSync(join(dir, 'whole.gz')))).toBe(served.sha256);
    expect(readdirSync(dir)).toEqual(['whole.gz']);
  });

  it('the simulator\'s cutBody fault cuts a streamed download too: exit 7 (retried first), no file left', async () => {
    const dir = tempDir();
    sim.state.logSettings.hosts.set(HOST, { bytes: 2_000_000 });
    sim.faults.add({ pathRegex: 'logs/mongodb\\.gz$', cutBody: true });
    try {
      const r = await run(['logs', 'download', HOST, '--out', join(dir, 'cut.gz')], dir);
      expect(r.code).toBe(7);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      sim.faults.clear();
    }
  });

  it('a non-gzip answer is a clear error and leaves nothing; gzip under another content type is fine', async () => {
    const dir = tempDir();
    sim.state.logSettings.hosts.set(HOST, { notGzip: true, contentType: 'text/plain' });
    const r = await run(['logs', 'download', HOST, '--out', join(dir, 'x.gz')], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/text\/plain that is not gzip/);
    expect(readdirSync(dir)).toEqual([]);
    sim.state.logSettings.hosts.set(HOST, { contentType: 'application/octet-stream' });
    const ok = await run(['logs', 'download', HOST, '--out', join(dir, 'y.gz')], dir);
    expect(ok.code).toBe(0);
  });

  it('bad input exits 2 with nothing sent', async () => {
    const before = sim.requests.length;
    for (const args of [
      ['logs', 'download', HOST, '--type', 'mongod'],
      ['logs', 'download', HOST, '--start', 'soon'],
      ['logs', 'download', HOST, '--start', '2026-11-02', '--end', '2026-11-01'],
      ['logs', 'download', 'bad host'],
      ['logs', 'download', HOST, '--out', '/no/such/folder/x.gz'],
      ['logs', 'show', HOST, '--severity', 'loud'],
      ['logs', 'show', HOST, '--grep', '('],
    ]) {
      const r = await runCli(args, { sim });
      expect(r.code, args.join(' ')).toBe(2);
    }
    expect(apiRequests(sim, before)).toHaveLength(0);
  });

  it('an unknown host exits 4', async () => {
    const r = await runCli(['logs', 'download', 'nohost.example.net', '--out', '-'], { sim });
    expect(r.code).toBe(4);
  });
});

describe('logs cluster', () => {
  it('writes one file per host of the cluster into --out-dir', async () => {
    const dir = join(tempDir(), 'logs');
    const r = await runCli(['logs', 'cluster', 'Cluster0', '--out-dir', dir, '--start', '2h'], { sim });
    expect(r.code).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(3);
    expect(files.every((f) => /^atlas-x7k2pq-shard-00-0\d\.x7k2pq\.mongodb\.net_.*_MONGODB\.log\.gz$/.test(f))).toBe(true);
    const m = await runCli(['logs', 'cluster', 'ShardedCluster', '--type', 'mongos', '--out-dir', dir, '--start', '2h'], { sim });
    expect(m.code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('_MONGOS.log.gz'))).toHaveLength(6);
    expect(existsSync(dir)).toBe(true);
  });
});

describe('logs show', () => {
  it('prints raw lines when piped, filtered by severity, component and grep', async () => {
    const r = await runCli(['logs', 'show', HOST, '--severity', 'W', '--start', '6h'], { sim });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => /"s":"(W|E|F)"/.test(l))).toBe(true);
    const g = await runCli(['logs', 'show', HOST, '--component', 'access', '--grep', 'Successfully', '--start', '6h', '-o', 'jsonl'], { sim });
    const docs = g.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every((d) => d.c === 'ACCESS' && d.msg === 'Successfully authenticated')).toBe(true);
    // the documents as MongoDB wrote them (4.4+ structured lines), not rewritten
    expect(docs[0]).toHaveProperty('id');
    expect(docs[0].t).toHaveProperty('$date');
    // -o json: one array of the same documents
    const arr = await runCli(['logs', 'show', HOST, '--component', 'access', '--grep', 'Successfully', '--start', '6h', '-o', 'json'], { sim });
    const list = arr.json();
    expect(Array.isArray(list) && list.length > 0 && list.every((d: { c: string; id: unknown }) => d.c === 'ACCESS' && d.id !== undefined)).toBe(true);
    const csv = await runCli(['logs', 'show', HOST, '-o', 'csv'], { sim });
    expect(csv.code).toBe(2);
  });
});

describe('logs download, interrupted', () => {
  it('SIGTERM during a download exits 143 and leaves neither the file nor the temporary one', async () => {
    const { spawn } = await import('node:child_process');
    const { BIN, simEnv } = await import('../helpers/cli.js');
    const dir = tempDir();
    sim.state.logSettings.hosts.set(HOST, { bytes: 4_000_000_000, level: 0 });
    const child = spawn(process.execPath, [BIN, 'logs', 'download', HOST, '--out', join(dir, 'big.gz')], {
      env: { ...process.env, ...simEnv(sim), XDG_CONFIG_HOME: tempDir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    for (let i = 0; i < 200 && !readdirSync(dir).some((f) => f.includes('atlascli-tmp')); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(dir).some((f) => f.startsWith('.big.gz.atlascli-tmp-'))).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(readdirSync(dir)).toEqual([]);
  });
});
