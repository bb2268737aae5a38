import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BIN, runCli, simEnv, tempDir } from '../helpers/cli.js';
import { apiRequests, until } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0, stepMs: 50 });

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

  it('an empty log (200, Content-Length 0, as recorded for audit logs) is one line saying why, and a valid empty gzip file (zcat and gzip -t take it), to stdout too', async () => {
    const dir = tempDir();
    const file = join(dir, 'audit.gz');
    const r = await run(['logs', 'download', HOST, '--type', 'mongodb-audit-log', '--out', file, '-o', 'json'], dir);
    expect(r.code).toBe(0);
    // recorded/logs/…/Download_mongodb-audit-log.gz: Atlas answers an audit log with auditing off with 0 bytes
    expect(sim.requests.at(-1)!.status).toBe(200);
    expect(sim.state.servedLogs.at(-1)!.bytes).toBe(0);
    expect(r.json()).toEqual({ hostname: HOST, type: 'mongodb-audit-log', path: file, bytes: 20, empty: true });
    const saved = readFileSync(file);
    expect(saved.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(saved)).toHaveLength(0);
    if (spawnSync('gzip', ['--version']).status === 0) {
      expect(spawnSync('gzip', ['-t', file]).status).toBe(0);
      expect(spawnSync('zcat', [file]).stdout).toHaveLength(0);
    }
    const plain = await run(['logs', 'download', HOST, '--type', 'mongodb-audit-log', '--out', join(dir, 'again.gz')], dir);
    expect(plain.stderr).toBe(`saved an empty ${join(dir, 'again.gz')}: the mongodb-audit-log log of ${HOST} is empty (no lines in this window, or database auditing is off)\n`);
    const out = await runCli(['logs', 'download', HOST, '--type', 'mongodb-audit-log', '--out', '-'], { sim });
    expect(out.code).toBe(0);
    expect(gunzipSync(out.stdoutBytes)).toHaveLength(0);
    expect(out.stdoutBytes).toEqual(saved);
    expect(readdirSync(dir).sort()).toEqual(['again.gz', 'audit.gz']);
  });

  it('an empty log with --decompress is an empty file (or nothing on stdout) and exit 0, for every reason Atlas sends one', async () => {
    const dir = tempDir();
    const cases: Array<[string[], string]> = [
      [['--type', 'mongodb-audit-log'], 'no lines in this window, or database auditing is off'],
      // HOST belongs to a replica set: it runs no mongos
      [['--type', 'mongos'], 'no lines in this window, or the host runs no mongos'],
      // a window before the cluster existed
      [['--start', '2010-01-01', '--end', '2010-01-02'], 'no lines in this window'],
    ];
    for (const [flags, why] of cases) {
      const file = join(dir, `${flags[1]}.log`);
      const f = await run(['logs', 'download', HOST, ...flags, '--decompress', '--out', file], dir);
      expect(f.code, flags.join(' ')).toBe(0);
      expect(f.stderr).toBe(`saved an empty ${file}: the ${flags[0] === '--type' ? flags[1] : 'mongodb'} log of ${HOST} is empty (${why})\n`);
      expect(readFileSync(file)).toHaveLength(0);
      const o = await run(['logs', 'download', HOST, ...flags, '--decompress', '--out', '-'], dir);
      expect(o.code, flags.join(' ')).toBe(0);
      expect(o.stdout).toBe('');
      expect(o.stderr).toBe(`the ${flags[0] === '--type' ? flags[1] : 'mongodb'} log of ${HOST} is empty (${why})\n`);
      const show = await runCli(['logs', 'show', HOST, ...flags], { sim });
      expect(show.code, flags.join(' ')).toBe(0);
      expect(show.stdout).toBe('');
      expect(show.stderr).toBe(o.stderr);
    }
    // the name Atlas gives, without .gz
    const named = await inDir(dir, ['logs', 'download', HOST, '--type', 'mongodb-audit-log', '--decompress']);
    expect(named.code).toBe(0);
    const plain = readdirSync(dir).filter((f) => f.endsWith('_MONGODB_AUDIT_LOG.log'));
    expect(plain).toHaveLength(1);
    expect(readFileSync(join(dir, plain[0]!))).toHaveLength(0);
    expect(readdirSync(dir).some((f) => f.includes('atlascli-tmp'))).toBe(false);
    // -o json of an empty log is an empty array
    const json = await runCli(['logs', 'show', HOST, '--type', 'mongos', '-o', 'json'], { sim });
    expect(json.code).toBe(0);
    expect(json.json()).toEqual([]);
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

  it('an answer whose end only the closing connection marks (HTTP/1.0, some proxies): a cut gzip fails as any cut download and leaves nothing, a whole one is saved', async () => {
    // without Content-Length or chunked coding, a reset looks like the end of the body to
    // HTTP: only the gzip data itself can tell, and it is inflated beside the copy
    const dir = tempDir();
    sim.state.logSettings.hosts.set(HOST, { bytes: 2_000_000, unframed: true, resetAfterBytes: 20_000 });
    const before = sim.requests.length;
    const cut = await run(['logs', 'download', HOST, '--out', join(dir, 'cut.gz')], dir);
    expect(cut.code).toBe(7);
    expect(cut.stderr).toMatch(
      /^atlascli: mongodb log of \S+: the answer from http:\/\/127\.0\.0\.1:\d+ could not be read after 20000 bytes: the gzip data stops before its end \(unexpected end of file\) \(hint: nothing was saved; try again\)\n$/,
    );
    expect(apiRequests(sim, before).map((q) => q.status)).toEqual([200, 200, 200, 200]);
    expect(readdirSync(dir)).toEqual([]);
    sim.state.logSettings.hosts.set(HOST, { bytes: 2_000_000, unframed: true });
    const whole = await run(['logs', 'download', HOST, '--out', join(dir, 'whole.gz')], dir);
    expect(whole.code).toBe(0);
    const served = sim.state.servedLogs.at(-1)!;
    expect(served.complete).toBe(true);
    expect(sha(readFileSync(join(dir, 'whole.gz')))).toBe(served.sha256);
    expect(readdirSync(dir)).toEqual(['whole.gz']);
  });

  it('a chunked body that ends cleanly in the middle of its gzip data is never saved: retried from scratch like any cut download, then exit 7 and nothing left (to a file, decompressed, and to stdout)', async () => {
    // HTTP shows nothing wrong (the last chunk is sent); only the gzip stream can tell
    const dir = tempDir();
    sim.state.logSettings.hosts.set(HOST, { bytes: 2_000_000, endCleanlyAfterBytes: 50_000 });
    const line = (hint: string) =>
      new RegExp(
        `^atlascli: mongodb log of ${HOST.replace(/\./g, '\\.')}: the answer from http://127\\.0\\.0\\.1:\\d+ could not be read after 50000 bytes: the gzip data stops before its end \\(unexpected end of file\\) \\(hint: ${hint}\\)\\n$`,
      );
    for (const extra of [[], ['--decompress']]) {
      const before = sim.requests.length;
      const r = await run(['logs', 'download', HOST, '--out', join(dir, 'x.gz'), ...extra], dir);
      expect(r.code, extra.join(' ')).toBe(7);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(line('nothing was saved; try again'));
      const sent = apiRequests(sim, before);
      expect(sent.map((q) => q.status)).toEqual([200, 200, 200, 200]);
      expect(sim.state.servedLogs.slice(-4).every((l) => !l.complete && l.bytes === 50_000)).toBe(true);
      expect(readdirSync(dir)).toEqual([]);
    }
    // to stdout the bytes that went out cannot be taken back: one request, and the hint says so
    const before = sim.requests.length;
    const out = await runCli(['logs', 'download', HOST, '--out', '-'], { sim });
    expect(out.code).toBe(7);
    expect(out.stderr).toMatch(line('the 50000 bytes already written to stdout are incomplete; run it again'));
    expect(apiRequests(sim, before)).toHaveLength(1);
  });

  it('logs cluster: a host whose gzip stops short is a failed host, the others are saved whole', async () => {
    const dir = join(tempDir(), 'logs');
    const bad = 'atlas-x7k2pq-shard-00-01.x7k2pq.mongodb.net';
    sim.state.logSettings.hosts.set(bad, { endCleanlyAfterBytes: 1_000 });
    const r = await runCli(['logs', 'cluster', 'Cluster0', '--out-dir', dir, '--start', '2h'], { sim });
    expect(r.code).toBe(7);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith(`${bad}: `) || l.startsWith(`atlascli: mongodb log of ${bad}`) || l.includes(`log of ${bad}: the answer`))).toHaveLength(1);
    expect(lines.at(-1)).toBe(`atlascli: 2 of 3 mongodb logs saved; 1 failed: ${bad} (hint: the saved files are whole; atlascli logs download <host> fetches a failed one again)`);
    const files = readdirSync(dir);
    expect(files).toHaveLength(2);
    for (const f of files) expect(gunzipSync(readFileSync(join(dir, f))).length).toBeGreaterThan(0);
  });

  it("the simulator's cutBody fault cuts a streamed download too: exit 7 after 4 requests (the client's 3 retries, from scratch), one line, no file left", async () => {
    const dir = tempDir();
    sim.state.logSettings.hosts.set(HOST, { bytes: 2_000_000 });
    sim.faults.add({ pathRegex: 'logs/mongodb\\.gz$', cutBody: true });
    try {
      const before = sim.requests.length;
      const r = await run(['logs', 'download', HOST, '--out', join(dir, 'cut.gz')], dir);
      expect(r.code).toBe(7);
      const sent = apiRequests(sim, before);
      expect(sent).toHaveLength(4);
      expect(sent.every((q) => q.dropped === 'cutBody')).toBe(true);
      expect(r.stderr).toMatch(
        /^atlascli: mongodb log of \S+: the answer from http:\/\/127\.0\.0\.1:\d+ was cut short after \d+ bytes: connection closed by the server \(UND_ERR_SOCKET\) \(hint: nothing was saved; try again\)\n$/,
      );
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      sim.faults.clear();
    }
  });

  it('a body cut once is downloaded again from scratch: exit 0, a file byte-identical to what was served, no temporary file left', async () => {
    const dir = tempDir();
    sim.state.logSettings.hosts.set(HOST, { bytes: 2_000_000 });
    sim.faults.add({ pathRegex: 'logs/mongodb\\.gz$', cutBody: true, times: 1 });
    try {
      const before = sim.requests.length;
      const r = await run(['logs', 'download', HOST, '--out', join(dir, 'once.gz')], dir);
      expect(r.code).toBe(0);
      const sent = apiRequests(sim, before);
      expect(sent.map((q) => q.dropped)).toEqual(['cutBody', undefined]);
      const served = sim.state.servedLogs.at(-1)!;
      expect(served.complete).toBe(true);
      expect(sha(readFileSync(join(dir, 'once.gz')))).toBe(served.sha256);
      expect(readdirSync(dir)).toEqual(['once.gz']);
      expect(r.stderr).toMatch(/^saved .*once\.gz \(/);
    } finally {
      sim.faults.clear();
    }
  });

  it('to stdout a cut body is not retried (its bytes went out): exit 7, one request, and the hint says what stdout holds', async () => {
    sim.state.logSettings.hosts.set(HOST, { bytes: 2_000_000 });
    sim.faults.add({ pathRegex: 'logs/mongodb\\.gz$', cutBody: true });
    try {
      const before = sim.requests.length;
      const r = await runCli(['logs', 'download', HOST, '--out', '-'], { sim });
      expect(r.code).toBe(7);
      expect(apiRequests(sim, before)).toHaveLength(1);
      expect(r.stdout.length).toBeGreaterThan(0);
      expect(r.stderr).not.toMatch(/nothing was saved/);
      expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/\(hint: the \d+ bytes already written to stdout are incomplete; run it again\)$/)]);
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

  it('--out checks before any request: empty, a folder (even with --force), a missing folder; nothing left in the current folder', async () => {
    const dir = tempDir();
    const sub = join(dir, 'd');
    mkdirSync(sub);
    const before = sim.requests.length;
    const cases: Array<[string[], string]> = [
      [['--out', ''], 'atlascli: --out is empty (hint: give a file name, or --out - for stdout)'],
      [['--out', sub], `atlascli: --out "${sub}" is a folder: give a file name`],
      [['--out', sub, '--force'], `atlascli: --out "${sub}" is a folder: give a file name`],
      [['--out', join(dir, 'nope', 'x.gz')], `atlascli: --out "${join(dir, 'nope', 'x.gz')}": the folder ${join(dir, 'nope')} does not exist`],
    ];
    for (const [flags, line] of cases) {
      const r = await inDir(dir, ['logs', 'download', HOST, ...flags]);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr).toBe(`${line}\n`);
      expect(r.stdout).toBe('');
    }
    expect(apiRequests(sim, before)).toHaveLength(0);
    expect(readdirSync(dir)).toEqual(['d']);
    expect(readdirSync(sub)).toEqual([]);
  });

  it('a start in the future, or a time without a zone, exits 2 with nothing sent and says why', async () => {
    const before = sim.requests.length;
    for (const cmd of [
      ['download', HOST, '--out', '-'],
      ['show', HOST],
      ['cluster', 'Cluster0', '--out-dir', tempDir()],
    ]) {
      const future = await runCli(['logs', ...cmd, '--start', '2030-01-01'], { sim });
      expect(future.code, cmd[0]).toBe(2);
      expect(future.stderr).toMatch(/^atlascli: --start is in the future \(2030-01-01T00:00:00Z\)/);
      const zoneless = await runCli(['logs', ...cmd, '--start', '2026-11-29T10:00'], { sim });
      expect(zoneless.code, cmd[0]).toBe(2);
      expect(zoneless.stderr).toBe(
        'atlascli: invalid --start "2026-11-29T10:00": a time needs a time zone (hint: add Z for UTC (2026-11-29T10:00Z) or an offset (2026-11-29T10:00+02:00))\n',
      );
    }
    expect(apiRequests(sim, before)).toHaveLength(0);
  });

  it('the name Atlas gives, already there: exit 2 and one line every time, the file kept, the unread answer let go', async () => {
    const dir = tempDir();
    // a big log, so that the answer is still streaming when the CLI refuses it
    sim.state.logSettings.hosts.set(HOST, { bytes: 50_000_000, level: 1 });
    const window = ['--start', '2026-11-01T10:00:00Z', '--end', '2026-11-01T12:00:00Z'];
    const first = await inDir(dir, ['logs', 'download', HOST, ...window]);
    expect(first.code).toBe(0);
    const [name] = readdirSync(dir);
    const kept = sha(readFileSync(join(dir, name!)));
    for (let i = 0; i < 12; i++) {
      const r = await inDir(dir, ['logs', 'download', HOST, ...window]);
      expect(r.code, `run ${i}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toBe(`atlascli: ${name} exists (hint: pass --force to overwrite it, or --out to pick another name)\n`);
    }
    expect(readdirSync(dir)).toEqual([name]);
    expect(sha(readFileSync(join(dir, name!)))).toBe(kept);
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

  it('a host that fails does not stop the others: its failure once, then a true summary, exit 7 for a network failure', async () => {
    const dir = join(tempDir(), 'logs');
    const bad = 'atlas-x7k2pq-shard-00-01.x7k2pq.mongodb.net';
    sim.faults.add({ pathRegex: 'shard-00-01\\.x7k2pq\\.mongodb\\.net/logs/mongodb\\.gz$', cutBody: true });
    try {
      const r = await runCli(['logs', 'cluster', 'Cluster0', '--out-dir', dir, '--start', '2h'], { sim });
      expect(r.code).toBe(7);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines.filter((l) => l.includes('was cut short'))).toHaveLength(1);
      expect(lines.filter((l) => /^saved /.test(l))).toHaveLength(2);
      expect(lines.at(-1)).toBe(
        `atlascli: 2 of 3 mongodb logs saved; 1 failed: ${bad} (hint: the saved files are whole; atlascli logs download <host> fetches a failed one again)`,
      );
      expect(r.stderr).not.toMatch(/nothing was saved/);
      const files = readdirSync(dir);
      expect(files).toHaveLength(2);
      expect(files.some((f) => f.startsWith(bad))).toBe(false);
    } finally {
      sim.faults.clear();
    }
  });

  it('a re-run into the folder with the files: exit 2, one line a host and a summary, every time; --force overwrites', async () => {
    const dir = join(tempDir(), 'logs');
    sim.state.logSettings.bytes = 20_000_000;
    const args = ['logs', 'cluster', 'Cluster0', '--out-dir', dir, '--start', '2026-11-01T10:00:00Z', '--end', '2026-11-01T12:00:00Z'];
    expect((await runCli(args, { sim })).code).toBe(0);
    const files = readdirSync(dir).sort();
    for (let i = 0; i < 5; i++) {
      const r = await runCli(args, { sim });
      expect(r.code, r.stderr).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(4);
      expect(lines.slice(0, 3).sort()).toEqual(files.map((f) => `${join(dir, f)} exists`));
      expect(lines[3]).toBe(`atlascli: 0 of 3 mongodb logs saved; 3 failed: ${files.map((f) => f.split('_')[0]).join(', ')} (hint: pass --force to overwrite the files)`);
    }
    expect(readdirSync(dir).sort()).toEqual(files);
    const f = await runCli([...args, '--force'], { sim });
    expect(f.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(files);
  });

  it('an empty log of every host with --decompress: empty files, exit 0; --out-dir must be a folder', async () => {
    const dir = join(tempDir(), 'logs');
    const r = await runCli(['logs', 'cluster', 'Cluster0', '--type', 'mongodb-audit-log', '--decompress', '--out-dir', dir], { sim });
    expect(r.code).toBe(0);
    const files = readdirSync(dir);
    expect(files).toHaveLength(3);
    expect(files.every((f) => f.endsWith('_MONGODB_AUDIT_LOG.log') && readFileSync(join(dir, f)).length === 0)).toBe(true);
    expect(
      r.stderr
        .trimEnd()
        .split('\n')
        .every((l) => /^saved an empty .*: the mongodb-audit-log log of .* is empty \(no lines in this window, or database auditing is off\)$/.test(l)),
    ).toBe(true);
    const before = sim.requests.length;
    const file = join(dir, files[0]!);
    const notDir = await runCli(['logs', 'cluster', 'Cluster0', '--out-dir', file], { sim });
    expect(notDir.code).toBe(2);
    expect(notDir.stderr).toBe(`atlascli: --out-dir "${file}" is not a folder\n`);
    const empty = await runCli(['logs', 'cluster', 'Cluster0', '--out-dir', ''], { sim });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^atlascli: --out-dir is empty/);
    expect(apiRequests(sim, before)).toHaveLength(0);
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
    const docs = g.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
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

  it('prints the same lines as the log holds, however its chunks cut them', async () => {
    const dir = tempDir();
    sim.state.logSettings.hosts.set(HOST, { bytes: 30_000_000 });
    const window = ['--start', '2026-11-01T10:00:00Z', '--end', '2026-11-01T12:00:00Z'];
    const d = await run(['logs', 'download', HOST, ...window, '--out', join(dir, 'all.log'), '--decompress'], dir);
    expect(d.code).toBe(0);
    const r = await runCli(['logs', 'show', HOST, ...window], { sim });
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'all.log'), 'utf8');
    expect(text.length).toBeGreaterThan(2_000_000);
    expect(sha(Buffer.from(r.stdout))).toBe(sha(Buffer.from(text)));
  });

  it.each([
    ['a cut body (cutBody)', () => sim.faults.add({ pathRegex: 'logs/mongodb\\.gz$', cutBody: true }), []],
    ['a reset mid-body (resetAfterBytes)', () => sim.state.logSettings.hosts.set(HOST, { bytes: 2_000_000, resetAfterBytes: 20_000 }), []],
    ['a stalled body (stallBodyMs, --timeout 1)', () => sim.faults.add({ pathRegex: 'logs/mongodb\\.gz$', stallBodyMs: 3000 }), ['--timeout', '1']],
  ] as Array<[string, () => void, string[]]>)('%s: one line and exit 7, never a crash', async (_what, breakIt, extra) => {
    sim.state.logSettings.hosts.set(HOST, { bytes: 2_000_000 });
    breakIt();
    try {
      const r = await runCli(['logs', 'show', HOST, '--start', '6h', ...extra], { sim });
      expect(r.code, r.stderr).toBe(7);
      expect(r.stderr).not.toMatch(/\n\s+at |Unhandled|SocketError|internal error/);
      expect(r.stderr.trimEnd().split('\n')).toEqual([
        expect.stringMatching(
          /^atlascli: mongodb log of \S+: the answer from http:\/\/127\.0\.0\.1:\d+ (was cut short|stalled) after \d+ bytes.* \(hint: (the \d+ lines printed are only part of the log; run it again|nothing was printed; try again)\)$/,
        ),
      ]);
    } finally {
      sim.faults.clear();
    }
  });

  it('gzip cut where HTTP cannot tell (unframed, or a chunked body ended cleanly) is a cut download: asked again while nothing was printed, then exit 7', async () => {
    for (const knobs of [{ unframed: true, resetAfterBytes: 20_000 }, { endCleanlyAfterBytes: 20_000 }]) {
      sim.state.logSettings.hosts.set(HOST, { bytes: 2_000_000, ...knobs });
      const before = sim.requests.length;
      const r = await runCli(['logs', 'show', HOST, '--start', '6h', '--severity', 'F'], { sim });
      expect(r.code, JSON.stringify(knobs)).toBe(7);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /^atlascli: mongodb log of \S+: the answer from \S+ could not be read after 20000 bytes: the gzip data stops before its end \(unexpected end of file\) \(hint: nothing was printed; try again\)\n$/,
      );
      expect(apiRequests(sim, before)).toHaveLength(4);
    }
  });
});

describe.skipIf(spawnSync('script', ['--version']).status !== 0)('logs download --out - on a terminal', () => {
  /**
   * The CLI with stdout (and stderr) on a pseudo-terminal (util-linux `script`): exit code
   * and what the terminal showed. Asynchronous: the simulator runs in this process.
   */
  const onTerminal = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
      // a terminal of 80 columns (script's own has no size)
      const child = spawn('script', ['-qec', `stty cols 80 rows 24; ${command}`, '/dev/null'], {
        env: { ...process.env, ...simEnv(sim), XDG_CONFIG_HOME: tempDir(), CI: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
      child.on('close', (code) => resolve({ code, output }));
    });

  it('gzip data is refused before sending (as gzip refuses it); --decompress shows the lines', async () => {
    const before = sim.requests.length;
    const r = await onTerminal(['logs', 'download', HOST, '--out', '-']);
    expect(r.code).toBe(2);
    expect(r.output.trim()).toBe('atlascli: compressed data not written to a terminal (hint: add --decompress, or redirect stdout to a file (> log.gz))');
    expect(apiRequests(sim, before)).toHaveLength(0);
    const d = await onTerminal(['logs', 'download', HOST, '--out', '-', '--decompress', '--start', '1h']);
    expect(d.code).toBe(0);
    expect(d.output).toMatch(/^\{"t":\{"\$date":/);
  });

  it('progress is redrawn in place on a terminal, in lines shorter than its width; none under CI', async () => {
    // a body that pauses after its first chunk keeps the download going past a few redraws
    sim.faults.add({ pathRegex: 'logs/mongodb\\.gz$', stallBodyMs: 800 });
    try {
      const dir = tempDir();
      const r = await onTerminal(['logs', 'download', HOST, '--out', join(dir, 'a.gz')]);
      expect(r.code).toBe(0);
      const redraws = r.output.split('\r\u001b[K').slice(1, -1);
      expect(redraws.length).toBeGreaterThan(0);
      for (const line of redraws) {
        expect(line).toMatch(/: [\d.]+ [kMG]?i?B at [\d.]+ [kMG]?i?B\/s, \d+ s$/);
        expect([...line].length).toBeLessThan(80);
      }
      const ci = await onTerminal(['logs', 'download', HOST, '--out', join(dir, 'b.gz')], { CI: 'true' });
      expect(ci.code).toBe(0);
      expect(ci.output).not.toContain('\r\u001b[K');
    } finally {
      sim.faults.clear();
    }
  });
});

describe('logs download, interrupted', () => {
  it('SIGTERM during a download exits 143 and leaves neither the file nor the temporary one', async () => {
    const dir = tempDir();
    sim.state.logSettings.hosts.set(HOST, { bytes: 4_000_000_000, level: 0 });
    const child = spawn(process.execPath, [BIN, 'logs', 'download', HOST, '--out', join(dir, 'big.gz')], {
      env: { ...process.env, ...simEnv(sim), XDG_CONFIG_HOME: tempDir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let ended = false;
    const exited = new Promise<number | null>((r) => child.on('close', (code) => ((ended = true), r(code))));
    // until the download has begun (or the run has ended, which the next line reports), however long that takes
    await until(() => ended || readdirSync(dir).some((f) => f.includes('atlascli-tmp')));
    expect(readdirSync(dir).some((f) => f.startsWith('.big.gz.atlascli-tmp-'))).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(readdirSync(dir)).toEqual([]);
  });
});
