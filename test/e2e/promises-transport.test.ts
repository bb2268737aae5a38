// Issue 6 "Promises kept", transport half: what the API core promises every command, shown
// by running the built CLI against the simulator (and small local servers: TLS fronts, a
// forward proxy). Each test asserts the exit code, the words of the stderr line and what
// the server saw.
import { beforeEach, describe, expect, it } from 'vitest';
import { createServer as createHttpServer, request as httpRequest, type Server as HttpServer } from 'node:http';
import { connect as netConnect, type Server as NetServer, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../src/simulator/index.js';
import { runCli, spawnCli, tempDir } from '../helpers/cli.js';
import { apiRequests } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const TLS = fileURLToPath(new URL('../fixtures/tls/', import.meta.url));
const pem = (name: string) => readFileSync(join(TLS, name));
const OPENSSL_INTERNALS = /routines|error:[0-9A-F]{8}|ssl3_|SSL_|openssl|at .*\.js/i;

const sim = sharedSimulator({ port: 0, stepMs: 2000, seed: { extraProjects: 1230 } }, { reset: false });
beforeEach(() => sim.faults.clear());

const serviceAccount = () => ({
  ATLAS_PUBLIC_KEY: undefined,
  ATLAS_PRIVATE_KEY: undefined,
  ATLAS_CLIENT_ID: sim.credentials.clientId,
  ATLAS_CLIENT_SECRET: sim.credentials.clientSecret,
});

/** A TLS server in front of the simulator (terminates TLS, pipes bytes); counts TCP connections. */
async function tlsFront(cert: string): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createTlsServer({ key: pem('server-key.pem'), cert: pem(cert) }, (tls) => {
    const upstream = netConnect(sim.port, '127.0.0.1');
    tls.pipe(upstream).pipe(tls);
    tls.on('error', () => upstream.destroy());
    upstream.on('error', () => tls.destroy());
  });
  server.on('connection', (s: Socket) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => undefined);
  const port = await listen(server);
  return {
    url: `https://127.0.0.1:${port}`,
    connections: () => connections,
    close: () => closeServer(server, sockets),
  };
}

function listen(server: NetServer | HttpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

function closeServer(server: NetServer | HttpServer, sockets: Set<Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('1. TLS failures: one plain line, a hint, exit 7, never retried', () => {
  const cases: Array<[string, string, RegExp, RegExp]> = [
    ['a self-signed certificate', 'self-signed.pem', /not signed by a certificate authority this machine trusts/, /NODE_EXTRA_CA_CERTS/],
    ['a certificate from a private CA this machine does not trust', 'server.pem', /not signed by a certificate authority this machine trusts/, /NODE_EXTRA_CA_CERTS/],
    ['an expired certificate', 'expired.pem', /certificate has expired/, /date and time/],
    ['a certificate for another host name', 'wrong-host.pem', /not issued for 127\.0\.0\.1/, /host name in --base-url/],
  ];
  for (const [what, cert, message, hint] of cases) {
    it(`${what}`, async () => {
      const front = await tlsFront(cert);
      const before = sim.requests.length;
      try {
        // the CA is trusted for the expired and wrong-host cases, so the failure is the one named
        // (NODE_EXTRA_CA_CERTS is read when a process starts: those run in a process of their own)
        const trustCa = cert === 'expired.pem' || cert === 'wrong-host.pem';
        const r = await (trustCa ? spawnCli : runCli)(['org', 'list'], {
          sim,
          env: { ATLAS_BASE_URL: front.url, ...(trustCa ? { NODE_EXTRA_CA_CERTS: join(TLS, 'ca.pem') } : {}) },
        });
        expect(r.code).toBe(7);
        const lines = r.stderr.trimEnd().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^atlascli: cannot reach https:\/\/127\.0\.0\.1:\d+: TLS: /);
        expect(lines[0]).toMatch(message);
        expect(lines[0]).toMatch(new RegExp(`\\(hint: .*${hint.source}`));
        expect(lines[0]).not.toMatch(OPENSSL_INTERNALS);
        expect(lines[0]).not.toMatch(/internal error/);
        expect(front.connections()).toBe(1);
        expect(sim.requests.length).toBe(before);
      } finally {
        await front.close();
      }
    });
  }

  it('a plain HTTP server behind an https:// URL', async () => {
    let connections = 0;
    const sockets = new Set<Socket>();
    const plain = createHttpServer((_req, res) => res.end('{}'));
    plain.on('connection', (s: Socket) => {
      connections++;
      sockets.add(s);
    });
    const port = await listen(plain);
    try {
      const r = await runCli(['org', 'list'], { sim, env: { ATLAS_BASE_URL: `https://127.0.0.1:${port}` } });
      expect(r.code).toBe(7);
      expect(r.stderr).toMatch(/TLS: the server does not speak TLS \(is it a plain HTTP server\?\)/);
      expect(r.stderr).toMatch(/hint: use an http:\/\/ base URL/);
      expect(r.stderr).not.toMatch(OPENSSL_INTERNALS);
      expect(connections).toBe(1);
    } finally {
      await closeServer(plain, sockets);
    }
  });

  it('NODE_EXTRA_CA_CERTS adds a private CA: the same server is then trusted', async () => {
    const front = await tlsFront('server.pem');
    const before = sim.requests.length;
    try {
      const r = await spawnCli(['org', 'list', '-o', 'json'], {
        sim,
        env: { ATLAS_BASE_URL: front.url, NODE_EXTRA_CA_CERTS: join(TLS, 'ca.pem') },
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.json().length).toBeGreaterThan(0);
      expect(apiRequests(sim, before).map((q) => q.path)).toContain('/api/atlas/v2/orgs');
    } finally {
      await front.close();
    }
  });
});

describe('2. a body cut short or stalling after the headers', () => {
  it('a GET whose body is cut short once is retried and succeeds', async () => {
    sim.faults.add({ method: 'GET', path: '/api/atlas/v2/orgs', cutBody: true, times: 1 });
    const before = sim.requests.length;
    const r = await runCli(['org', 'list', '-o', 'json'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const seen = apiRequests(sim, before).filter((q) => q.path === '/api/atlas/v2/orgs');
    expect(seen.map((q) => q.dropped ?? q.status)).toEqual(['cutBody', 200]);
  });

  it('a body cut short every time: exit 7 after the retries, never "internal error: terminated"', async () => {
    sim.faults.add({ method: 'GET', path: '/api/atlas/v2/orgs', cutBody: true });
    const before = sim.requests.length;
    const r = await runCli(['org', 'list'], { sim });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/^atlascli: GET \/api\/atlas\/v2\/orgs: the answer from http:\/\/127\.0\.0\.1:\d+ was cut short/);
    expect(r.stderr).not.toMatch(/internal error|terminated/);
    expect(apiRequests(sim, before).filter((q) => q.path === '/api/atlas/v2/orgs')).toHaveLength(4);
  });

  it('a body that stalls longer than --timeout: exit 7 naming the bound, after retries', async () => {
    sim.faults.add({ method: 'GET', path: '/api/atlas/v2/orgs', stallBodyMs: 5000 });
    const before = sim.requests.length;
    const started = Date.now();
    const r = await runCli(['org', 'list', '--timeout', '0.5'], { sim });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/the answer from http:\/\/127\.0\.0\.1:\d+ stalled: nothing for 0\.5 s in the middle of the body/);
    expect(r.stderr).toMatch(/hint: raise --timeout/);
    expect(r.stderr).not.toMatch(/internal error|terminated/);
    expect(apiRequests(sim, before).filter((q) => q.path === '/api/atlas/v2/orgs')).toHaveLength(4);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('3. a base URL that already holds /api/atlas/v2', () => {
  it('is a usage error before any request, with a hint to give only the host', async () => {
    const before = sim.requests.length;
    const r = await runCli(['org', 'list'], { sim, env: { ATLAS_BASE_URL: `${sim.url}/api/atlas/v2/` } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already holds the API path \/api\/atlas\/v2/);
    expect(r.stderr).toContain(`hint: give only the scheme and host: --base-url ${sim.url}`);
    expect(sim.requests.length).toBe(before);
  });
});

describe('4. a write whose answer was lost', () => {
  it('a POST that acted before the connection dropped: exit 7, says it may have taken effect and how to check, sent once', async () => {
    sim.faults.add({ method: 'POST', path: '/api/atlas/v2/groups', after: true, times: 1 });
    const before = sim.requests.length;
    const r = await runCli(['project', 'create', 'lost-answer-proj'], { sim });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/POST \/api\/atlas\/v2\/groups: the request was sent but its answer was lost/);
    expect(r.stderr).toMatch(/it may have taken effect, so it was not sent again/);
    expect(r.stderr).toContain('hint: check with `atlascli project get --name lost-answer-proj` before trying again');
    const posts = apiRequests(sim, before).filter((q) => q.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.dropped).toBe('after');
    // it did take effect: the check the hint names finds it
    expect(sim.state.projectByName('lost-answer-proj')).toBeDefined();
  });

  it('a cluster create whose answer was lost names `atlascli cluster get NAME`', async () => {
    sim.faults.add({ method: 'POST', pathRegex: '/clusters$', after: true, times: 1 });
    const before = sim.requests.length;
    const r = await runCli(['cluster', 'create', 'lostanswer', '--size', 'M10'], { sim });
    expect(r.code).toBe(7);
    expect(r.stderr).toContain('check with `atlascli cluster get lostanswer`');
    expect(apiRequests(sim, before).filter((q) => q.method === 'POST')).toHaveLength(1);
  });

  it('a PATCH whose answer was lost is not sent again either', async () => {
    sim.faults.add({ method: 'PATCH', pathRegex: '/clusters/Cluster0$', after: true, times: 1 });
    const before = sim.requests.length;
    const r = await runCli(['cluster', 'update', 'Cluster0', '--disk-gb', '60'], { sim });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/PATCH .*: the request was sent but its answer was lost/);
    expect(r.stderr).toContain('atlascli cluster get Cluster0');
    expect(apiRequests(sim, before).filter((q) => q.method === 'PATCH')).toHaveLength(1);
  });

  it('a POST answered 503 is not repeated (exit 6), a POST answered 429 is (Atlas did not act on it)', async () => {
    sim.faults.add({ method: 'POST', path: '/api/atlas/v2/groups', status: 503, times: 1 });
    let before = sim.requests.length;
    const failed = await runCli(['project', 'create', 'five-oh-three'], { sim });
    expect(failed.code).toBe(6);
    expect(failed.stderr).toMatch(/may have taken effect/);
    expect(apiRequests(sim, before).filter((q) => q.method === 'POST')).toHaveLength(1);

    sim.faults.add({ method: 'POST', path: '/api/atlas/v2/groups', status: 429, retryAfter: 0, times: 1 });
    before = sim.requests.length;
    const ok = await runCli(['project', 'create', 'four-two-nine'], { sim });
    expect(ok.code).toBe(0);
    expect(
      apiRequests(sim, before)
        .filter((q) => q.method === 'POST')
        .map((q) => q.status),
    ).toEqual([429, 201]);
  });

  it('a cluster DELETE retried after a lost answer that hears CLUSTER_ALREADY_REQUESTED_DELETION is a success', async () => {
    // Atlas answers a second delete with 400 CLUSTER_ALREADY_REQUESTED_DELETION (see src/simulator/errors.ts)
    sim.faults.add({ method: 'DELETE', pathRegex: '/clusters/ShardedCluster$', after: true, times: 1 });
    const before = sim.requests.length;
    const r = await runCli(['cluster', 'delete', 'ShardedCluster', '--force'], { sim });
    expect(r.stderr).not.toMatch(/atlascli: /);
    expect(r.code).toBe(0);
    const deletes = apiRequests(sim, before).filter((q) => q.method === 'DELETE');
    expect(deletes.map((q) => q.dropped ?? q.status)).toEqual(['after', 400]);
  });

  it('a project DELETE retried after a lost answer that hears 404 is a success; a plain 404 is still exit 4', async () => {
    const created = await runCli(['project', 'create', 'to-be-deleted', '-o', 'json'], { sim });
    const id = created.json().id as string;
    sim.faults.add({ method: 'DELETE', path: `/api/atlas/v2/groups/${id}`, after: true, times: 1 });
    const before = sim.requests.length;
    const r = await runCli(['project', 'delete', id, '--force'], { sim });
    expect(r.code).toBe(0);
    expect(
      apiRequests(sim, before)
        .filter((q) => q.method === 'DELETE')
        .map((q) => q.dropped ?? q.status),
    ).toEqual(['after', 404]);
    const again = await runCli(['project', 'delete', id, '--force'], { sim });
    expect(again.code).toBe(4);
  });
});

describe('5. every wait is bounded', () => {
  it('a Retry-After beyond the retry budget ends at once with exit 6 and says when to try again', async () => {
    sim.faults.add({ method: 'GET', path: '/api/atlas/v2/orgs', status: 429, retryAfter: 3600 });
    const before = sim.requests.length;
    const started = Date.now();
    const r = await runCli(['org', 'list'], { sim });
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/429 RATE_LIMITED/);
    expect(r.stderr).toMatch(/Atlas asks to wait 3600 s .*try again after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
    expect(apiRequests(sim, before)).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a long answer that keeps flowing is not cut by --timeout', async () => {
    // every page is slowed by 300 ms before its headers, under the 1 s bound; the list takes longer than 1 s in all
    sim.faults.add({ method: 'GET', path: '/api/atlas/v2/groups', latencyMs: 300 });
    const r = await runCli(['project', 'list', '-o', 'json', '--timeout', '1'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.json().length).toBeGreaterThan(1000);
  });
});

describe('6. service accounts', () => {
  it('12 runs in a row mint exactly one token, cached 0600 beside the config and never printed', async () => {
    const configHome = tempDir();
    const before = sim.requests.length;
    const outputs: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await runCli(['org', 'list', '--debug'], { sim, configHome, env: serviceAccount() });
      expect(r.code).toBe(0);
      outputs.push(r.stdout, r.stderr);
    }
    const seen = sim.requests.slice(before);
    expect(seen.filter((q) => q.path === '/api/oauth/token')).toHaveLength(1);
    expect(seen.filter((q) => q.path === '/api/atlas/v2/orgs').every((q) => q.auth === 'bearer')).toBe(true);
    const dir = join(configHome, 'atlascli');
    const file = readdirSync(dir).find((f) => f.includes('token'))!;
    expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    const cached = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, { value: string }>;
    const [key, token] = Object.entries(cached)[0]!;
    expect(key).toMatch(new RegExp(`^${sim.url.replace(/[.]/g, '\\.')} ${sim.credentials.clientId} [0-9a-f]{16}$`));
    for (const out of outputs) {
      expect(out).not.toContain(token.value);
      expect(out).not.toContain(sim.credentials.clientSecret);
    }
  }, 120_000); // twelve whole CLI runs, one after another

  it('a token Atlas no longer accepts (401 invalid_token) is dropped and renewed once', async () => {
    const configHome = tempDir();
    expect((await runCli(['org', 'list'], { sim, configHome, env: serviceAccount() })).code).toBe(0);
    sim.expireTokens();
    const before = sim.requests.length;
    const r = await runCli(['org', 'list', '-o', 'json'], { sim, configHome, env: serviceAccount() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const seen = sim.requests.slice(before);
    expect(seen.map((q) => `${q.path} ${q.status}`)).toEqual(['/api/atlas/v2/orgs 401', '/api/oauth/token 200', '/api/atlas/v2/orgs 200']);
    // the renewed token is cached for the next run
    const next = sim.requests.length;
    expect((await runCli(['org', 'list'], { sim, configHome, env: serviceAccount() })).code).toBe(0);
    expect(sim.requests.slice(next).filter((q) => q.path === '/api/oauth/token')).toHaveLength(0);
  });

  it('a cached token is used only with the secret it was minted for: a wrong secret gets exit 3', async () => {
    const configHome = tempDir();
    expect((await runCli(['org', 'list'], { sim, configHome, env: serviceAccount() })).code).toBe(0);
    const r = await runCli(['org', 'list'], { sim, configHome, env: { ...serviceAccount(), ATLAS_CLIENT_SECRET: 'mdb_sa_sk_rotated-away' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/invalid_client/);
  });

  it('the token request is retried on 503 like any other request', async () => {
    sim.faults.add({ path: '/api/oauth/token', status: 503, retryAfter: 0, times: 1 });
    const before = sim.requests.length;
    const r = await runCli(['org', 'list'], { sim, env: serviceAccount() });
    expect(r.code).toBe(0);
    expect(
      sim.requests
        .slice(before)
        .filter((q) => q.path === '/api/oauth/token')
        .map((q) => q.status),
    ).toEqual([503, 200]);
  });

  it('a wrong client secret: exit 3 saying the id or secret is wrong (invalid_client)', async () => {
    const r = await runCli(['org', 'list'], { sim, env: { ...serviceAccount(), ATLAS_CLIENT_SECRET: 'mdb_sa_sk_wrong-one' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/POST \/api\/oauth\/token failed: 401 invalid_client: wrong client id or secret for service account mdb_sa_id_aa0123456789abcdef0123aa/);
    expect(r.stderr).toMatch(/hint: check --client-id and --client-secret/);
    expect(r.stderr).not.toContain('mdb_sa_sk_wrong-one');
  });

  it('the token limit of the simulator (429) is waited out by the token request', async () => {
    const limited = await startSimulator({ tokenRateLimit: { limit: 1, windowMs: 6000 } });
    try {
      const env = {
        ATLAS_PUBLIC_KEY: undefined,
        ATLAS_PRIVATE_KEY: undefined,
        ATLAS_CLIENT_ID: limited.credentials.clientId,
        ATLAS_CLIENT_SECRET: limited.credentials.clientSecret,
      };
      expect((await runCli(['org', 'list'], { sim: limited, env })).code).toBe(0);
      const r = await runCli(['org', 'list'], { sim: limited, env }); // a fresh config: no cached token
      expect(r.code).toBe(0);
      expect(limited.requests.filter((q) => q.path === '/api/oauth/token').map((q) => q.status)).toEqual([200, 429, 200]);
    } finally {
      await limited.close();
    }
  });
});

describe('7. lists Atlas cannot count', () => {
  it('a 500 TIMEOUT_WHILE_PAGING is asked again with includeCount=false, walking pages until a short one', async () => {
    sim.faults.add({ method: 'GET', path: '/api/atlas/v2/groups', query: { includeCount: 'true' }, status: 500, errorCode: 'TIMEOUT_WHILE_PAGING' });
    const before = sim.requests.length;
    const r = await runCli(['project', 'list', '-o', 'json'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const count = r.json().length as number;
    expect(count).toBeGreaterThanOrEqual(1234);
    const pages = apiRequests(sim, before).filter((q) => q.path === '/api/atlas/v2/groups');
    // one counting request (not retried: it would time out again), then pages 1..n without a count
    expect(pages.map((q) => `${q.query.includeCount} ${q.query.pageNum} ${q.status}`)).toEqual([
      'true 1 500',
      ...Array.from({ length: Math.ceil(count / 500) }, (_, i) => `false ${i + 1} 200`),
    ]);
  });
});

describe('8. proxies', () => {
  /** A forward proxy: absolute-URI requests and CONNECT tunnels, each counted. */
  async function forwardProxy() {
    const seen: string[] = [];
    const sockets = new Set<Socket>();
    const server = createHttpServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const target = new URL(req.url!);
      const up = httpRequest({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (ur) => {
        res.writeHead(ur.statusCode!, ur.headers);
        ur.pipe(res);
      });
      up.on('error', () => res.destroy());
      req.pipe(up);
    });
    server.on('connect', (req, client: Socket, head: Buffer) => {
      seen.push(`CONNECT ${req.url}`);
      const [host, port] = req.url!.split(':');
      const up = netConnect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) up.write(head);
        up.pipe(client).pipe(up);
      });
      up.on('error', () => client.destroy());
      client.on('error', () => up.destroy());
    });
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    const port = await listen(server);
    return { url: `http://127.0.0.1:${port}`, seen, close: () => closeServer(server, sockets) };
  }

  it('HTTP_PROXY carries every request (digest and OAuth), on one tunnel for the digest handshake; NO_PROXY bypasses it', async () => {
    const proxy = await forwardProxy();
    try {
      const before = sim.requests.length;
      const digest = await runCli(['org', 'list', '-o', 'json'], { sim, env: { HTTP_PROXY: proxy.url, http_proxy: undefined, NO_PROXY: undefined, no_proxy: undefined } });
      expect(digest.stderr).toBe('');
      expect(digest.code).toBe(0);
      // challenge and answer went through the proxy over one kept-alive connection
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${sim.port}`]);
      expect(sim.requests.slice(before).map((q) => q.status)).toEqual([401, 200]);

      proxy.seen.length = 0;
      const oauth = await runCli(['org', 'list'], { sim, env: { ...serviceAccount(), https_proxy: proxy.url, HTTP_PROXY: proxy.url } });
      expect(oauth.code).toBe(0);
      expect(proxy.seen.length).toBeGreaterThanOrEqual(1);
      expect(proxy.seen.every((s) => s === `CONNECT 127.0.0.1:${sim.port}`)).toBe(true);

      proxy.seen.length = 0;
      const bypass = await runCli(['org', 'list'], { sim, env: { HTTP_PROXY: proxy.url, no_proxy: '127.0.0.1' } });
      expect(bypass.code).toBe(0);
      expect(proxy.seen).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('a proxy that refuses connections: exit 7 with a hint naming the proxy settings', async () => {
    const proxy = await forwardProxy();
    const url = proxy.url;
    await proxy.close();
    const r = await runCli(['org', 'list'], { sim, env: { HTTP_PROXY: url } });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/HTTPS_PROXY, HTTP_PROXY, NO_PROXY/);
  });
});
