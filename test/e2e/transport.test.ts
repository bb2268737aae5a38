import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { startSimulator } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { apiRequests, servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

// 5 seeded projects + 1,229 extra: the 1,234 of the issue
const sim = sharedSimulator({ port: 0, stepMs: 50, nonceTtlMs: 300, seed: { extraProjects: 1229 } }, { reset: false });

describe('pagination', () => {
  it('gathers every project into one array in ceil(N/500) page requests of 500', async () => {
    const all = await servedAll(sim, '/api/atlas/v2/groups');
    expect(all).toHaveLength(1234);
    const before = sim.requests.length;
    const r = await runCli(['project', 'list', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(all);
    const pages = apiRequests(sim, before).filter((q) => q.path === '/api/atlas/v2/groups');
    expect(pages).toHaveLength(3);
    expect(pages.map((q) => Number(q.query.pageNum)).sort()).toEqual(Array.from({ length: pages.length }, (_, i) => i + 1));
    expect(pages.every((q) => q.query.itemsPerPage === '500')).toBe(true);
  });

  it('--limit stops early', async () => {
    const before = sim.requests.length;
    const r = await runCli(['project', 'list', '-o', 'json', '--limit', '3'], { sim });
    expect(r.json()).toHaveLength(3);
    expect(apiRequests(sim, before)).toHaveLength(1);
    const bad = await runCli(['project', 'list', '--limit', 'x'], { sim });
    expect(bad.code).toBe(2);
    // 0 would ask for nothing: refused like any other bad count, on every list, before sending
    const since = sim.requests.length;
    for (const args of [
      ['project', 'list'],
      ['cluster', 'list'],
      ['process', 'list'],
      ['org', 'api-keys', 'list'],
      ['user', 'list'],
      ['event', 'list'],
    ]) {
      const zero = await runCli([...args, '--limit', '0'], { sim });
      expect([zero.code, zero.stderr], args.join(' ')).toEqual([2, 'atlascli: invalid --limit "0": give at least 1\n']);
    }
    expect(apiRequests(sim, since)).toHaveLength(0);
  });

  it('-o jsonl prints one document a line', async () => {
    const r = await runCli(['project', 'list', '-o', 'jsonl', '--limit', '700'], { sim });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(700);
    expect(JSON.parse(lines[699]!).id).toMatch(/^[0-9a-f]{24}$/);
  });
});

describe('digest authentication', () => {
  it('answers one challenge per process, not one per request', async () => {
    // its own simulator: with the 300 ms nonces of this file, a slow machine would see stale nonces
    const own = await startSimulator({ port: 0, seed: { extraProjects: 1230 } });
    try {
      const r = await runCli(['project', 'list', '-o', 'json'], { sim: own });
      expect(r.code).toBe(0);
      expect(own.requests.filter((q) => q.status === 401)).toHaveLength(1);
      expect(own.requests.filter((q) => q.status === 200).length).toBeGreaterThanOrEqual(3);
    } finally {
      await own.close();
    }
  });

  it('re-authenticates transparently when the nonce goes stale', async () => {
    const before = sim.requests.length;
    // each page is slowed so the 300 ms nonce expires between requests
    sim.faults.add({ latencyMs: 400, method: 'GET', times: 3 });
    const r = await runCli(['project', 'list', '-o', 'json', '--limit', '1200'], { sim });
    sim.faults.clear();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.json()).toHaveLength(1200);
    expect(sim.requests.slice(before).filter((q) => q.status === 401).length).toBeGreaterThanOrEqual(2);
  });

  it('wrong keys exit 3 with a hint', async () => {
    const r = await runCli(['project', 'list'], { sim, env: { ATLAS_PRIVATE_KEY: 'wrong-private-key' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/401/);
    expect(r.stderr).toMatch(/config describe/);
    expect(r.stderr).not.toContain('wrong-private-key');
  });

  it('missing credentials exit 3 before any request', async () => {
    const before = sim.requests.length;
    const r = await runCli(['project', 'list'], { sim, env: { ATLAS_PUBLIC_KEY: undefined, ATLAS_PRIVATE_KEY: undefined } });
    expect(r.code).toBe(3);
    expect(sim.requests.length).toBe(before);
  });
});

describe('service account', () => {
  it('gets one OAuth token and uses it as a bearer for every request', async () => {
    const before = sim.requests.length;
    const r = await runCli(['project', 'list', '-o', 'json', '--limit', '2'], {
      sim,
      env: {
        ATLAS_PUBLIC_KEY: undefined,
        ATLAS_PRIVATE_KEY: undefined,
        ATLAS_CLIENT_ID: sim.credentials.clientId,
        ATLAS_CLIENT_SECRET: sim.credentials.clientSecret,
      },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.json()).toHaveLength(2);
    const seen = sim.requests.slice(before);
    expect(seen.filter((q) => q.path === '/api/oauth/token')).toHaveLength(1);
    expect(seen.filter((q) => q.path.startsWith('/api/atlas/v2')).every((q) => q.auth === 'bearer')).toBe(true);
  });

  it('a wrong secret exits 3 and never shows the secret', async () => {
    const r = await runCli(['project', 'list', '--client-id', sim.credentials.clientId, '--client-secret', 'not-the-secret-123'], { sim });
    expect(r.code).toBe(3);
    expect(r.stderr).not.toContain('not-the-secret-123');
  });
});

describe('--debug', () => {
  it('traces method, URL, status and time on stderr with every secret masked', async () => {
    const r = await runCli(['project', 'create', 'debug-proj', '--debug', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\[debug\] > POST http:\/\/127\.0\.0\.1:\d+\/api\/atlas\/v2\/groups/);
    expect(r.stderr).toMatch(/\[debug\] < 201 .*\(\d+ ms\)/);
    expect(r.stderr).toMatch(/Authorization: Digest \*{8}/);
    expect(r.stderr).not.toContain(sim.credentials.privateKey);
    expect(r.stdout).not.toContain(sim.credentials.privateKey);
    expect(JSON.parse(r.stdout).name).toBe('debug-proj');
  });

  it('masks a service account secret too', async () => {
    const r = await runCli(['org', 'list', '--debug'], {
      sim,
      env: { ATLAS_CLIENT_ID: sim.credentials.clientId, ATLAS_CLIENT_SECRET: sim.credentials.clientSecret },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Authorization: Basic \*{8}/);
    expect(r.stderr).toMatch(/Authorization: Bearer \*{8}/);
    expect(r.stderr).not.toContain(sim.credentials.clientSecret);
  });
});

describe('retries and failures', () => {
  it('retries a 503 honouring Retry-After and succeeds', async () => {
    sim.faults.add({ status: 503, retryAfter: 0, method: 'GET', path: '/api/atlas/v2/orgs', times: 2 });
    const before = sim.requests.length;
    const r = await runCli(['org', 'list', '-o', 'json'], { sim });
    sim.faults.clear();
    expect(r.code).toBe(0);
    expect(apiRequests(sim, before).filter((q) => q.status === 503)).toHaveLength(2);
  });

  it('exits 6 once the retries run out', async () => {
    sim.faults.add({ status: 429, retryAfter: 0, method: 'GET', path: '/api/atlas/v2/orgs' });
    const before = sim.requests.length;
    const r = await runCli(['org', 'list'], { sim });
    sim.faults.clear();
    expect(r.code).toBe(6);
    expect(apiRequests(sim, before).filter((q) => q.status === 429)).toHaveLength(4);
  });

  it('does not retry a 500 on a POST', async () => {
    sim.faults.add({ status: 500, method: 'POST', path: '/api/atlas/v2/groups', times: 1 });
    const before = sim.requests.length;
    const r = await runCli(['project', 'create', 'never-made'], { sim });
    sim.faults.clear();
    expect(r.code).toBe(6);
    expect(apiRequests(sim, before).filter((q) => q.method === 'POST')).toHaveLength(1);
  });

  it('a reset connection, after retries, exits 7', async () => {
    sim.faults.add({ reset: true, method: 'GET', path: '/api/atlas/v2/orgs' });
    const r = await runCli(['org', 'list'], { sim });
    sim.faults.clear();
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/connection to http:\/\/127\.0\.0\.1:\d+ was lost before an answer/);
  });

  it('a refused connection exits 7', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const r = await runCli(['org', 'list'], { sim, env: { ATLAS_BASE_URL: `http://127.0.0.1:${port}` } });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/connection refused/);
  });

  it('--timeout bounds each request: exit 7', async () => {
    sim.faults.add({ latencyMs: 3000, method: 'GET', path: '/api/atlas/v2/orgs' });
    const r = await runCli(['org', 'list', '--timeout', '0.5'], { sim });
    sim.faults.clear();
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/no answer from http:\/\/127\.0\.0\.1:\d+ within 0\.5 s/);
  });

  it('a GET whose 200 body is not valid JSON is asked again like a body cut short: once is invisible, every time is exit 7 after 4 requests', async () => {
    sim.faults.add({ malformed: true, method: 'GET', path: '/api/atlas/v2/orgs', times: 1 });
    let before = sim.requests.length;
    const once = await runCli(['org', 'list', '-o', 'json'], { sim });
    expect(once.stderr).toBe('');
    expect(once.code).toBe(0);
    expect(once.json()).toEqual(expect.arrayContaining([expect.objectContaining({ id: sim.credentials.orgId })]));
    expect(
      apiRequests(sim, before)
        .filter((q) => q.path === '/api/atlas/v2/orgs')
        .map((q) => q.status),
    ).toEqual([200, 200]);

    sim.faults.add({ malformed: true, method: 'GET', path: '/api/atlas/v2/orgs' });
    before = sim.requests.length;
    const always = await runCli(['org', 'list'], { sim });
    sim.faults.clear();
    expect(always.code).toBe(7);
    expect(always.stdout).toBe('');
    expect(always.stderr).toBe(
      `atlascli: GET /api/atlas/v2/orgs: the answer from ${sim.url} could not be read: Atlas answered 200 with a body that is not valid JSON (hint: try again; if it persists, run with --debug and report it)\n`,
    );
    expect(apiRequests(sim, before).filter((q) => q.path === '/api/atlas/v2/orgs')).toHaveLength(4);
  });

  it('a Deprecation or Sunset header gives one warning per run on stderr', async () => {
    sim.faults.add({ headers: { Deprecation: 'true', Sunset: 'Wed, 01 Jul 2027 00:00:00 GMT' }, method: 'GET' });
    const r = await runCli(['project', 'list', '-o', 'json'], { sim });
    sim.faults.clear();
    expect(r.code).toBe(0);
    const warnings = r.stderr
      .trimEnd()
      .split('\n')
      .filter((l) => /deprecated/.test(l));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/2027/);
    expect(JSON.parse(r.stdout).length).toBeGreaterThan(1000);
  });

  it('sends the User-Agent and versioned Accept of each operation', async () => {
    const before = sim.requests.length;
    await runCli(['org', 'users', '-o', 'json'], { sim });
    const req = apiRequests(sim, before)[0]!;
    expect(req.accept).toBe('application/vnd.atlas.2025-02-19+json');
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(req.userAgent).toBe(`atlascli/${version} (${process.platform}; ${process.arch})`);
  });
});
