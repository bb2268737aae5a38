import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import DigestClient from 'digest-fetch';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSimulator } from './helpers.js';

const fx = useSimulator({ stepMs: 50 }, { reset: false });
let g: string;
beforeAll(() => {
  g = `/api/atlas/v2/groups/${fx.sim.credentials.projectId}`;
});

const HOST = 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net';

async function download(path: string) {
  const c = new DigestClient(fx.sim.credentials.publicKey, fx.sim.credentials.privateKey, { algorithm: 'MD5' });
  const res = await c.fetch(`${fx.sim.url}${path}`, { headers: { Accept: 'application/vnd.atlas.2023-02-01+gzip' } });
  return { status: res.status, headers: res.headers as Headers, body: Buffer.from(await res.arrayBuffer()) };
}

describe('log downloads', () => {
  it('stream gzip with the Content-Disposition and Content-Type of recorded/logs, chunked', async () => {
    const r = await download(`${g}/clusters/${HOST}/logs/mongodb.gz?startDate=1793527200&endDate=1793534400`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.atlas.2023-02-01+gzip');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="${HOST}_2026-11-01T10:00:00.000000000_2026-11-01T12:00:00.000000000_MONGODB.log.gz"`);
    expect(r.headers.get('content-length')).toBeNull();
    const lines = gunzipSync(r.body).toString().trim().split('\n');
    const times = lines.map((l) => JSON.parse(l).t.$date as string);
    expect(times[0]).toBe('2026-11-01T10:00:00.000+00:00');
    expect(times.every((t) => t >= '2026-11-01T10:00' && t < '2026-11-01T12:00')).toBe(true);
    const served = fx.sim.state.servedLogs.at(-1)!;
    expect(served.sha256).toBe(createHash('sha256').update(r.body).digest('hex'));
  });

  it('answer an empty log with 200 and Content-Length 0 where Atlas does (recorded: audit logs, mongos on a replica set host)', async () => {
    for (const name of ['mongodb-audit-log', 'mongos', 'mongos-audit-log']) {
      const r = await download(`${g}/clusters/${HOST}/logs/${name}.gz`);
      expect(r.status, name).toBe(200);
      expect(r.headers.get('content-length')).toBe('0');
      expect(r.headers.get('x-uncompressed-content-length')).toBe('0');
    }
    // a window before the cluster existed (seeded 2025-01-15)
    const old = await download(`${g}/clusters/${HOST}/logs/mongodb.gz?startDate=1700000000&endDate=1700003600`);
    expect(old.body).toHaveLength(0);
  });

  it('refuse an unknown host (404) and end before start (400)', async () => {
    expect((await download(`${g}/clusters/nohost.example.net/logs/mongodb.gz`)).status).toBe(404);
    expect((await download(`${g}/clusters/${HOST}/logs/mongodb.gz?startDate=1793534400&endDate=1793527200`)).status).toBe(400);
  });

  it('endCleanlyAfterBytes: a chunked answer that ends properly in the middle of its gzip data (HTTP whole, gzip not), recorded as served incomplete', async () => {
    fx.sim.state.logSettings.hosts.set(HOST, { bytes: 2_000_000, endCleanlyAfterBytes: 5_000 });
    try {
      // fetch reads the body to its end without error: the chunked framing is complete
      const r = await download(`${g}/clusters/${HOST}/logs/mongodb.gz?startDate=1793527200&endDate=1793534400`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-length')).toBeNull();
      expect(r.body).toHaveLength(5_000);
      expect(() => gunzipSync(r.body)).toThrow(/unexpected end of file/);
      const served = fx.sim.state.servedLogs.at(-1)!;
      expect(served).toMatchObject({ bytes: 5_000, complete: false, sha256: createHash('sha256').update(r.body).digest('hex') });
    } finally {
      fx.sim.state.logSettings.hosts.delete(HOST);
    }
  });
});
