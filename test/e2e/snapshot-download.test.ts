// `atlascli backup snapshot download` and `backup snapshot watch` end to end against the
// simulator. The download restore job and its delivery URL are as recorded
// (recorded/backup/restores/…/Restores_Create_-_Download, Restores_Watch_-_Download: the
// job gets `deliveryUrl: ["https://restore-<jobId>.<domain>:27017/<token>/restore-<snapshotId>.tar.gz"]`
// when ready); the simulator serves that path shape on its own address
// (test/simulator/snapshot-download.test.ts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { BACKUP_SEED } from '../../src/simulator/resources/backup.js';
import { BIN, runCli, simEnv, tempDir, type RunOptions } from '../helpers/cli.js';
import { apiRequests, until } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';
import { stepPerPoll } from '../simulator/helpers.js';

const STEP = 50;
const FAST: RunOptions['env'] = { ATLASCLI_POLL_MS: '20' };
const SNAP = BACKUP_SEED.snapshots.scheduled;
const JOBS = `/api/atlas/v2/groups/${SEED.projectId}/clusters/Cluster0/backup/restoreJobs`;

const sim = sharedSimulator({ port: 0, stepMs: STEP, clock: 'manual' });

/** Runs a command that waits: the simulator's manual clock moves one step after each poll. */
async function polling(args: string[], opts: Omit<RunOptions, 'sim'> = {}) {
  const stop = stepPerPoll(sim, STEP);
  try {
    return await runCli(args, { sim, ...opts, env: { ...FAST, ...opts.env } });
  } finally {
    stop();
  }
}

/** The requests to the delivery URL (outside the API). */
const deliveries = (from: number) => sim.requests.slice(from).filter((r) => /\/restore-[0-9a-f]{24}\/[\w-]+\/restore-[0-9a-f]{24}\.tar\.gz$/.test(r.path));

describe('backup snapshot download', () => {
  it('makes a download restore job, waits for its URL, saves the .tar.gz whole; -o json says what was saved', async () => {
    const dir = tempDir();
    const out = join(dir, 'cluster0.tar.gz');
    const before = sim.requests.length;
    const r = await polling(['backup', 'snapshot', 'download', 'Cluster0', SNAP, '--out', out, '-o', 'json']);
    expect(r.stderr).not.toMatch(/atlascli: /);
    expect(r.code).toBe(0);
    const api = apiRequests(sim, before);
    expect(api[0]).toMatchObject({ method: 'POST', path: JOBS, body: { deliveryType: 'download', snapshotId: SNAP } });
    const jobId = r.json().restoreJobId as string;
    expect(api.slice(1).every((q) => q.method === 'GET' && q.path === `${JOBS}/${jobId}`)).toBe(true);
    // the archive is fetched once, without the API's credentials (the token is in the URL)
    const got = deliveries(before);
    expect(got.map((q) => [q.method, q.status, q.auth])).toEqual([['GET', 200, 'none']]);
    expect(got[0]!.path).toMatch(new RegExp(`^/restore-${jobId}/[\\w-]+/restore-${SNAP}\\.tar\\.gz$`));
    const body = readFileSync(out);
    expect(r.json()).toEqual({ cluster: 'Cluster0', snapshotId: SNAP, restoreJobId: jobId, path: out, bytes: body.length });
    expect(gunzipSync(body).length % 512).toBe(0);
    const list = spawnSync('tar', ['-tzf', out], { encoding: 'utf8' });
    expect(list.stdout.split('\n').filter(Boolean)).toEqual([
      `restore-${SNAP}/`,
      `restore-${SNAP}/WiredTiger`,
      `restore-${SNAP}/storage.bson`,
      `restore-${SNAP}/collection-0-${SNAP.slice(-6)}.wt`,
    ]);
    expect(readdirSync(dir)).toEqual(['cluster0.tar.gz']);
    expect(r.stderr).toMatch(/^waiting for restore job [0-9a-f]{24} of cluster Cluster0 to be ready$/m);
  });

  it('table output: one line saying where it went, on stderr; nothing on stdout; no progress when stderr is not a terminal', async () => {
    const dir = tempDir();
    const r = await polling(['backup', 'snapshot', 'download', 'Cluster0', SNAP, '--out', join(dir, 's.tar.gz')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^saved ${join(dir, 's.tar.gz').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(2 MiB\\) from snapshot ${SNAP} of cluster Cluster0$`, 'm'));
    expect(r.stderr).not.toContain('\r');
  });

  // util-linux script gives the run a terminal; without it the test is reported skipped, not passed
  it.skipIf(spawnSync('script', ['-qc', 'true', '/dev/null']).status !== 0)(
    'progress is redrawn in place on a real terminal (stderr), in lines shorter than its width',
    async () => {
      // a body that pauses after its first chunk keeps the download going past a few redraws
      sim.faults.add({ pathRegex: '\\.tar\\.gz$', stallBodyMs: 800, times: 1 });
      const dir = tempDir();
      const stop = stepPerPoll(sim, STEP);
      try {
        const command = [process.execPath, BIN, 'backup', 'snapshot', 'download', 'Cluster0', SNAP, '--out', join(dir, 't.tar.gz')].map((a) => `'${a}'`).join(' ');
        const r = await new Promise<{ code: number | null; output: string }>((resolve) => {
          const child = spawn('script', ['-qec', `stty cols 80 rows 24; ${command}`, '/dev/null'], {
            env: { ...process.env, ...simEnv(sim), ...FAST, XDG_CONFIG_HOME: tempDir(), CI: '' },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let output = '';
          child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
          child.on('close', (code) => resolve({ code, output }));
        });
        expect(r.code).toBe(0);
        const redraws = r.output.split('\r\u001b[K').filter((l) => / at [\d.]+ [kMG]?i?B\/s, \d+ s$/.test(l));
        expect(redraws.length).toBeGreaterThan(0);
        for (const line of redraws) {
          expect(line).toMatch(new RegExp(`snapshot ${SNAP} of cluster Cluster0: [\\d.]+ [kMG]?i?B at`));
          expect([...line].length).toBeLessThan(80);
        }
        expect(spawnSync('gzip', ['-t', join(dir, 't.tar.gz')]).status).toBe(0);
      } finally {
        stop();
      }
    },
  );

  it('an existing file without --force: exit 2 before any request, the file untouched', async () => {
    const dir = tempDir();
    const out = join(dir, 'keep.tar.gz');
    writeFileSync(out, 'mine');
    const before = sim.requests.length;
    const r = await runCli(['backup', 'snapshot', 'download', 'Cluster0', SNAP, '--out', out], { sim });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`atlascli: --out "${out}" exists (hint: pass --force to overwrite it, or pick another name)\n`);
    expect(sim.requests.length).toBe(before);
    expect(readFileSync(out, 'utf8')).toBe('mine');
  });

  it('--force overwrites an existing file with the whole archive', async () => {
    const dir = tempDir();
    const out = join(dir, 'old.tar.gz');
    writeFileSync(out, 'old');
    const before = sim.requests.length;
    const r = await polling(['backup', 'snapshot', 'download', 'Cluster0', SNAP, '--out', out, '--force']);
    expect(r.code).toBe(0);
    const got = deliveries(before);
    expect(got).toHaveLength(1);
    expect(statSync(out).size).toBeGreaterThan(2_000_000);
    expect(gunzipSync(readFileSync(out)).length % 512).toBe(0);
    expect(readdirSync(dir)).toEqual(['old.tar.gz']);
  });

  it('a download cut every time: exit 7 after the retries, no file and no temporary file left', async () => {
    const dir = tempDir();
    sim.faults.add({ method: 'GET', pathRegex: '\\.tar\\.gz$', cutBody: true });
    const before = sim.requests.length;
    const r = await polling(['backup', 'snapshot', 'download', 'Cluster0', SNAP, '--out', join(dir, 'cut.tar.gz')], { env: { ATLASCLI_RETRY_BASE_MS: '1' } });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(new RegExp(`snapshot ${SNAP} of cluster Cluster0.*\\(hint: nothing was saved; try again\\)\\n$`));
    // the restore job's secret never shows: only the origin and the file name
    expect(r.stderr).not.toMatch(/\/restore-[0-9a-f]{24}\/[\w-]{10,}\//);
    expect(deliveries(before).length).toBeGreaterThan(1);
    expect(deliveries(before).every((q) => q.dropped === 'cutBody')).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a download cut once is fetched again from scratch: the file is whole', async () => {
    const dir = tempDir();
    sim.faults.add({ method: 'GET', pathRegex: '\\.tar\\.gz$', cutBody: true, times: 1 });
    const before = sim.requests.length;
    const r = await polling(['backup', 'snapshot', 'download', 'Cluster0', SNAP, '--out', join(dir, 'a.tar.gz')]);
    expect(r.code).toBe(0);
    expect(deliveries(before).map((q) => q.status)).toEqual([200, 200]);
    expect(deliveries(before)[0]!.dropped).toBe('cutBody');
    expect(spawnSync('gzip', ['-t', join(dir, 'a.tar.gz')]).status).toBe(0);
    expect(readdirSync(dir)).toEqual(['a.tar.gz']);
  });

  it('--debug shows the request to the delivery URL with its secret masked, and no credentials go to it', async () => {
    const dir = tempDir();
    const before = sim.requests.length;
    const r = await polling(['backup', 'snapshot', 'download', 'Cluster0', SNAP, '--out', join(dir, 'd.tar.gz'), '--debug']);
    expect(r.code).toBe(0);
    const [got] = deliveries(before);
    const token = got!.path.split('/')[2]!;
    expect(token.length).toBeGreaterThan(10);
    // the request lines of the download name the URL masked (the job's document, traced as served, holds it: that is the API's answer)
    const requestLines = r.stderr.split('\n').filter((l) => /^\[debug\] [<>] (GET|POST) /.test(l));
    expect(requestLines.filter((l) => l.includes(token))).toEqual([]);
    expect(requestLines).toContain(`[debug] > GET ${sim.url}/…/restore-${SNAP}.tar.gz`);
    expect(got!.auth).toBe('none');
  });

  it('--dry-run prints the restore job it would make and sends nothing', async () => {
    const dir = tempDir();
    const before = sim.requests.length;
    const r = await runCli(['backup', 'snapshot', 'download', 'Cluster0', SNAP, '--out', join(dir, 'x.tar.gz'), '--dry-run'], { sim });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`POST ${sim.url}${JOBS}`);
    expect(r.stdout).toContain('"deliveryType": "download"');
    expect(sim.requests.length).toBe(before);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    [['Cluster0', SNAP], /--out is required/],
    [['Cluster0', 'nothex', '--out', 'x.tar.gz'], /snapshot id/],
    [['bad name!', SNAP, '--out', 'x.tar.gz'], /cluster name/],
    [['Cluster0', SNAP, '--out', '/no/such/folder/x.tar.gz'], /the folder \/no\/such\/folder does not exist/],
    [['Cluster0', SNAP, '--out', 'x.tar.gz', '--wait-timeout', 'soon'], /--wait-timeout/],
  ])('bad input %j: exit 2, nothing sent', async (args, message) => {
    const before = sim.requests.length;
    const r = await runCli(['backup', 'snapshot', 'download', ...args], { sim, env: { PWD: tempDir() } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(sim.requests.length).toBe(before);
  });

  it('an unknown snapshot: exit 4 with Atlas errorCode, nothing saved', async () => {
    const dir = tempDir();
    const r = await runCli(['backup', 'snapshot', 'download', 'Cluster0', 'ba00000000000000000000ff', '--out', join(dir, 'x.tar.gz')], { sim });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/SNAPSHOT_NOT_FOUND/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a restore job that fails: exit 1, nothing downloaded', async () => {
    const dir = tempDir();
    sim.state.backup.failNext.restore = true;
    const before = sim.requests.length;
    const r = await polling(['backup', 'snapshot', 'download', 'Cluster0', SNAP, '--out', join(dir, 'x.tar.gz')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/restore job [0-9a-f]{24} of cluster Cluster0 failed/);
    expect(deliveries(before)).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('Ctrl-C during the download exits 130 and leaves neither the file nor the temporary one', async () => {
    const dir = tempDir();
    // large enough to be still running when the signal comes
    sim.state.backup.archiveBytes = 8 * 1024 ** 3;
    const stop = stepPerPoll(sim, STEP);
    try {
      const child = spawn(process.execPath, [BIN, 'backup', 'snapshot', 'download', 'Cluster0', SNAP, '--out', join(dir, 'big.tar.gz')], {
        env: { ...process.env, ...simEnv(sim), ...FAST, XDG_CONFIG_HOME: tempDir() },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let ended = false;
      const exited = new Promise<number | null>((r) => child.on('close', (code) => ((ended = true), r(code))));
      // until the download has begun (or the run has ended, which the next line reports), however long that takes
      await until(() => ended || readdirSync(dir).some((f) => f.includes('atlascli-tmp')));
      expect(readdirSync(dir).some((f) => f.startsWith('.big.tar.gz.atlascli-tmp-'))).toBe(true);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      stop();
    }
  });
});

describe('backup snapshot watch', () => {
  const SNAPS = `/api/atlas/v2/groups/${SEED.projectId}/clusters/Cluster0/backup/snapshots`;

  it('follows a new snapshot queued → inProgress → completed, a line per change on stderr, the snapshot on stdout', async () => {
    const made = await runCli(['backup', 'snapshot', 'create', 'Cluster0', '-o', 'json', '--fields', 'id,status'], { sim });
    expect(made.code).toBe(0);
    const id = made.json().id as string;
    expect(made.json().status).toBe('queued');
    const before = sim.requests.length;
    const r = await polling(['backup', 'snapshot', 'watch', 'Cluster0', id, '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ id, status: 'completed' });
    expect(r.stderr).toMatch(new RegExp(`^waiting for snapshot ${id} of cluster Cluster0 to be completed$`, 'm'));
    expect(r.stderr).toMatch(/: inProgress/);
    expect(r.stderr).toMatch(/is completed \(total \d+s\)$/m);
    expect(apiRequests(sim, before).every((q) => q.method === 'GET' && q.path === `${SNAPS}/${id}`)).toBe(true);
  });

  it('a completed snapshot: at once, one request', async () => {
    const before = sim.requests.length;
    const r = await runCli(['backup', 'snapshot', 'watch', 'Cluster0', SNAP, '-o', 'json', '--fields', 'id,status'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ id: SNAP, status: 'completed' });
    expect(apiRequests(sim, before)).toHaveLength(1);
  });

  it('a snapshot that fails: exit 1 naming it', async () => {
    sim.state.backup.failNext.snapshot = true;
    const made = await runCli(['backup', 'snapshot', 'create', 'Cluster0', '-o', 'json', '--fields', 'id'], { sim });
    const id = made.json().id as string;
    const r = await polling(['backup', 'snapshot', 'watch', 'Cluster0', id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`snapshot ${id} of cluster Cluster0 failed`));
  });

  it('a bad snapshot id: exit 2, nothing sent', async () => {
    const before = sim.requests.length;
    const r = await runCli(['backup', 'snapshot', 'watch', 'Cluster0', '123'], { sim });
    expect(r.code).toBe(2);
    expect(sim.requests.length).toBe(before);
    expect(existsSync('123')).toBe(false);
  });
});
