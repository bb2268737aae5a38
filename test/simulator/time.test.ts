// Every state change follows the clock, never the number of reads (issue 21, contract: "The
// simulator as a test fixture", --clock manual): each read below is repeated, and only
// POST /__simulator/clock {"advance": …} moves anything.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { client, useSimulator } from './helpers.js';

const STEP = 60_000;
const fx = useSimulator({ clock: 'manual', stepMs: STEP }, { reset: false });

const advance = async (iso: string) => {
  const r = await fetch(`${fx.sim.url}/__simulator/clock`, { method: 'POST', body: JSON.stringify({ advance: iso }) });
  expect(r.status).toBe(200);
};

/** Reads `path` five times and returns what `pick` saw each time. */
async function readsOf(path: string, pick: (doc: any) => unknown, version = '2023-01-01'): Promise<unknown[]> {
  const api = client(fx.sim);
  const seen = [];
  for (let i = 0; i < 5; i++) seen.push(pick((await api('GET', path, { version })).json));
  return seen;
}

describe('with a manual clock, state changes wait for time', () => {
  const g = `/api/atlas/v2/groups/${SEED.projectId}`;

  it('a cluster update and delete', async () => {
    const api = client(fx.sim);
    const c = `${g}/clusters/${SEED.clusters.replicaSet}`;
    expect((await api('PATCH', c, { version: '2024-08-05', body: { paused: false, labels: [{ key: 'a', value: 'b' }] } })).status).toBe(200);
    expect(await readsOf(c, (d) => d.stateName, '2024-08-05')).toEqual(Array(5).fill('UPDATING'));
    await advance('PT1M');
    expect(await readsOf(c, (d) => d.stateName, '2024-08-05')).toEqual(Array(5).fill('IDLE'));
    const p = `${g}/clusters/${SEED.clusters.paused}`;
    expect((await api('DELETE', p, { version: '2024-08-05' })).status).toBe(202);
    expect(await readsOf(p, (d) => d.stateName, '2024-08-05')).toEqual(Array(5).fill('DELETING'));
    await advance('PT1M');
    expect(await readsOf(p, (d) => d.errorCode, '2024-08-05')).toEqual(Array(5).fill('CLUSTER_NOT_FOUND'));
  });

  it('a snapshot completes once its steps have passed; a download restore job gets its delivery URL with time', async () => {
    const api = client(fx.sim);
    const b = `${g}/clusters/${SEED.clusters.replicaSet}/backup`;
    const snap = await api('POST', `${b}/snapshots`, { body: { description: 'before', retentionInDays: 1 } });
    expect(snap.status).toBe(200);
    const s = `${b}/snapshots/${snap.json.id}`;
    expect(await readsOf(s, (d) => d.status)).toEqual(Array(5).fill('queued'));
    await advance('PT10M');
    expect(await readsOf(s, (d) => d.status)).toEqual(Array(5).fill('completed'));
    const job = await api('POST', `${b}/restoreJobs`, { body: { snapshotId: snap.json.id, deliveryType: 'download' } });
    expect(job.status).toBe(200);
    const j = `${b}/restoreJobs/${job.json.id}`;
    expect(await readsOf(j, (d) => d.deliveryUrl ?? [])).toEqual(Array(5).fill([]));
    await advance('PT10M');
    const urls = await readsOf(j, (d) => d.deliveryUrl);
    expect((urls[0] as string[])[0]).toMatch(/^https?:\/\/.+\.tar\.gz$/);
    expect(new Set(urls.map((u) => JSON.stringify(u))).size).toBe(1);
  });

  it('an access-list entry is PENDING until its step has passed', async () => {
    const api = client(fx.sim);
    expect((await api('POST', `${g}/accessList`, { body: [{ cidrBlock: '198.51.100.0/24' }] })).status).toBe(201);
    const st = `${g}/accessList/${encodeURIComponent('198.51.100.0/24')}/status`;
    expect(await readsOf(st, (d) => d.STATUS)).toEqual(Array(5).fill('PENDING'));
    await advance('PT1M');
    expect(await readsOf(st, (d) => d.STATUS)).toEqual(Array(5).fill('ACTIVE'));
  });
});
