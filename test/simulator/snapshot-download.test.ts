// A snapshot's download in the simulator: the download restore job's delivery URL serves
// the snapshot as a .tar.gz (recorded: recorded/backup/restores/…/Restores_Watch_-_Download,
// the URL ends in restore-<snapshotId>.tar.gz), without API credentials (the token is in the
// URL), sized, deterministic, and refused once the link has expired (one hour, recorded).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { BACKUP_SEED } from '../../src/simulator/resources/backup.js';
import { snapshotArchive } from '../../src/simulator/resources/snapshot-archive.js';
import { tempDir } from '../helpers/cli.js';
import { useSimulator } from './helpers.js';

const STEP = 60_000;
const SNAP = BACKUP_SEED.snapshots.scheduled;
const fx = useSimulator({ stepMs: STEP, clock: 'manual' });
const jobs = `/api/atlas/v2/groups/${SEED.projectId}/clusters/Cluster0/backup/restoreJobs`;

/** A download restore job of SNAP, moved on until its URL is there. */
async function readyUrl(): Promise<string> {
  const job = await fx.api('POST', jobs, { body: { deliveryType: 'download', snapshotId: SNAP } });
  expect(job.status).toBe(200);
  expect(job.json.deliveryUrl).toEqual([]);
  fx.sim.clock.advance(2 * STEP);
  const got = await fx.api('GET', `${jobs}/${job.json.id}`);
  expect(got.json.deliveryUrl).toHaveLength(1);
  return got.json.deliveryUrl[0];
}

describe('a snapshot download at the delivery URL', () => {
  it('is a .tar.gz of the snapshot folder, with Content-Length, served without API credentials', async () => {
    const url = await readyUrl();
    const before = fx.sim.requests.length;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    expect(fx.sim.requests.slice(before).map((r) => [r.method, r.status, r.auth])).toEqual([['GET', 200, 'none']]);
    const tar = gunzipSync(body);
    expect(tar.length % 512).toBe(0);
    const dir = tempDir();
    writeFileSync(join(dir, 'a.tar.gz'), body);
    const list = spawnSync('tar', ['-tzf', join(dir, 'a.tar.gz')], { encoding: 'utf8' });
    expect(list.status).toBe(0);
    expect(list.stdout.split('\n').filter(Boolean)).toEqual([
      `restore-${SNAP}/`,
      `restore-${SNAP}/WiredTiger`,
      `restore-${SNAP}/storage.bson`,
      `restore-${SNAP}/collection-0-${SNAP.slice(-6)}.wt`,
    ]);
    // the same archive each time
    const again = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(again.equals(body)).toBe(true);
  });

  it('is as large as state.backup.archiveBytes asks (about), its length known before the first byte', () => {
    for (const bytes of [0, 100_000, 5 * 1024 * 1024 + 123]) {
      const a = snapshotArchive(SNAP, bytes, 1_800_000_000);
      const chunks: Buffer[] = [];
      const s = a.stream();
      let chunk: Buffer | null;
      // a Readable in paused mode: read() takes what it has pushed
      s.read(0);
      while ((chunk = s.read()) !== null) chunks.push(chunk);
      const all = Buffer.concat(chunks);
      expect(all.length).toBe(a.length);
      expect(Math.abs(a.length - bytes)).toBeLessThan(Math.max(4096, bytes * 0.001) + 2048);
      expect(gunzipSync(all).length % 512).toBe(0);
    }
  });

  it('expires with the job (an hour after it is ready, recorded), and a wrong token is refused: 404', async () => {
    const url = await readyUrl();
    const wrong = url.replace(/\/[\w-]+\/(restore-[0-9a-f]{24}\.tar\.gz)$/, '/AAAAAAAAAAAAAAAAAAAAAAAA/$1');
    expect((await fetch(wrong)).status).toBe(404);
    fx.sim.clock.advance(3_600_000);
    const res = await fetch(url);
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/unknown, expired or cancelled/);
  });

  it('faults apply to it as to the API (a cut body)', async () => {
    const url = await readyUrl();
    fx.sim.faults.add({ method: 'GET', pathRegex: '\\.tar\\.gz$', cutBody: true, times: 1 });
    await expect(fetch(url).then((r) => r.arrayBuffer())).rejects.toThrow();
    expect(fx.sim.requests.at(-1)).toMatchObject({ dropped: 'cutBody' });
    expect((await fetch(url)).status).toBe(200);
  });
});
