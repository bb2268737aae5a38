import { beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator } from '../../src/simulator/index.js';
import { request } from 'node:http';
import { accept, client, digestHeader, parseChallenge, useSimulator } from './helpers.js';
import type { Fault } from '../../src/simulator/index.js';

/**
 * A digest-authenticated GET read at the socket level, with `fault` armed after the
 * handshake: what arrived, whether the body ended in an error, and what had arrived when the
 * simulator reported the request answered (all of it, unless the answer came in parts).
 */
async function rawGet(sim: RunningSimulator, path: string, fault: Fault) {
  const challenge = await fetch(`${sim.url}${path}`, { headers: { Accept: accept('2023-01-01') } });
  const nonce = parseChallenge(challenge.headers.get('www-authenticate')).nonce!;
  sim.faults.add(fault);
  const auth = digestHeader({ user: sim.credentials.publicKey, password: sim.credentials.privateKey, nonce, method: 'GET', uri: path });
  let receivedWhenAnswered = -1;
  let received = 0;
  const stop = sim.requests.onAnswered(() => (receivedWhenAnswered = received));
  return new Promise<{ statusCode: number; contentLength: number; received: number; error: boolean; receivedWhenAnswered: number }>((resolve) => {
    const req = request(`${sim.url}${path}`, { headers: { Accept: accept('2023-01-01'), Authorization: auth } }, (res) => {
      const done = (error: boolean) => {
        stop();
        resolve({ statusCode: res.statusCode!, contentLength: Number(res.headers['content-length']), received, error, receivedWhenAnswered });
      };
      res.on('data', (c: Buffer) => {
        received += c.length;
      });
      res.on('end', () => done(false));
      res.on('error', () => done(true));
      res.on('aborted', () => done(true));
    });
    req.end();
  });
}

describe('faults', () => {
  const fx = useSimulator({}, { reset: false });
  beforeEach(() => fx.sim.faults.clear());

  it('answers with a status fault (ApiError + Retry-After) the given number of times, after authentication', async () => {
    await fx.api('GET', '/api/atlas/v2/orgs'); // handshake done: the fault is not spent on the challenge
    fx.sim.faults.add({ path: '/api/atlas/v2/orgs', status: 503, retryAfter: 2, times: 2 });
    const a = await fx.api('GET', '/api/atlas/v2/orgs');
    expect(a.status).toBe(503);
    expect(a.headers.get('retry-after')).toBe('2');
    expect(a.json).toMatchObject({ error: 503, errorCode: 'SERVICE_UNAVAILABLE', reason: 'Service Unavailable' });
    expect((await fx.api('GET', '/api/atlas/v2/orgs')).status).toBe(503);
    expect((await fx.api('GET', '/api/atlas/v2/orgs')).status).toBe(200);
    expect(fx.sim.faults.list()).toEqual([]);
  });

  it('matches by method and regular expression', async () => {
    fx.sim.faults.add({ method: 'POST', path: /\/clusters$/, status: 500 });
    expect((await fx.api('GET', `/api/atlas/v2/groups/${fx.sim.credentials.projectId}/clusters`, { version: '2024-08-05' })).status).toBe(200);
    fx.sim.faults.add({ pathRegex: '^/api/atlas/v2/groups/[0-9a-f]{24}$', status: 429, times: 1 });
    const r = await fx.api('GET', `/api/atlas/v2/groups/${fx.sim.credentials.projectId}`);
    expect(r.status).toBe(429);
    expect(r.json.errorCode).toBe('RATE_LIMITED');
    expect((await fx.api('GET', `/api/atlas/v2/groups/${fx.sim.credentials.projectId}`)).status).toBe(200);
  });

  it('delays responses', async () => {
    fx.sim.faults.add({ latencyMs: 250, times: 1 });
    const t = Date.now();
    expect((await fx.api('GET', '/api/atlas/v2/orgs')).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(240);
  });

  it('resets the connection', async () => {
    fx.sim.faults.add({ reset: true, times: 1 });
    await expect(fx.api('GET', '/api/atlas/v2/orgs')).rejects.toThrow();
    expect(fx.sim.requests.at(-1)!.status).toBe(0);
    expect((await fx.api('GET', '/api/atlas/v2/orgs')).status).toBe(200);
  });

  it('sends a truncated JSON body with 200', async () => {
    fx.sim.faults.add({ malformed: true, times: 1 });
    const r = await fx.api('GET', '/api/atlas/v2/orgs');
    expect(r.status).toBe(200);
    expect(r.text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(r.text)).toThrow();
  });

  it('adds headers (Deprecation/Sunset)', async () => {
    fx.sim.faults.add({ headers: { Deprecation: 'Mon, 5 Aug 2024 00:00:00 GMT', Sunset: 'Thu, 1 Jul 2027 00:00:00 GMT' }, times: 1 });
    const r = await fx.api('GET', '/api/atlas/v2/orgs');
    expect(r.status).toBe(200);
    expect(r.headers.get('deprecation')).toBe('Mon, 5 Aug 2024 00:00:00 GMT');
    expect(r.headers.get('sunset')).toBe('Thu, 1 Jul 2027 00:00:00 GMT');
    expect((await fx.api('GET', '/api/atlas/v2/orgs')).headers.get('sunset')).toBeNull();
  });

  it('applies to the OAuth token endpoint too', async () => {
    fx.sim.faults.add({ path: '/api/oauth/token', status: 500, times: 1 });
    const r = await fetch(`${fx.sim.url}/api/oauth/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${fx.sim.credentials.clientId}:${fx.sim.credentials.clientSecret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(r.status).toBe(500);
  });

  it('drops the connection after acting (`after`): the change happens, no answer comes', async () => {
    fx.sim.faults.add({ method: 'POST', path: '/api/atlas/v2/groups', after: true, times: 1 });
    await expect(fx.api('POST', '/api/atlas/v2/groups', { body: { name: 'made-but-unanswered', orgId: fx.sim.credentials.orgId } })).rejects.toThrow();
    expect(fx.sim.state.projectByName('made-but-unanswered')).toBeDefined();
    expect(fx.sim.requests.at(-1)).toMatchObject({ method: 'POST', status: 0, dropped: 'after', operationId: 'createGroup' });
    // a plain reset does not act
    fx.sim.faults.add({ method: 'POST', path: '/api/atlas/v2/groups', reset: true, times: 1 });
    await expect(fx.api('POST', '/api/atlas/v2/groups', { body: { name: 'never-made', orgId: fx.sim.credentials.orgId } })).rejects.toThrow();
    expect(fx.sim.state.projectByName('never-made')).toBeUndefined();
  });

  it('cuts a body short after the headers (`cutBody`): full Content-Length, half the bytes', async () => {
    const { statusCode, contentLength, received, error } = await rawGet(fx.sim, '/api/atlas/v2/orgs', { cutBody: true, times: 1 });
    expect(statusCode).toBe(200);
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(contentLength);
    expect(error).toBe(true);
    expect(fx.sim.requests.at(-1)).toMatchObject({ status: 200, dropped: 'cutBody' });
  });

  it('cuts a body short (`cutBody`) when another matching fault paces it (`bytesPerSecond`): the cut wins', async () => {
    fx.sim.faults.add({ path: '/api/atlas/v2/orgs', bytesPerSecond: 1e9, times: 1 });
    const { statusCode, contentLength, received, error } = await rawGet(fx.sim, '/api/atlas/v2/orgs', { cutBody: true, times: 1 });
    expect(statusCode).toBe(200);
    expect(received).toBeLessThan(contentLength);
    expect(error).toBe(true);
    expect(fx.sim.requests.at(-1)).toMatchObject({ status: 200, dropped: 'cutBody' });
  });

  it('stalls a body after half of it (`stallBodyMs`), then finishes it', async () => {
    const t = Date.now();
    const { statusCode, contentLength, received, error, receivedWhenAnswered } = await rawGet(fx.sim, '/api/atlas/v2/orgs', { stallBodyMs: 1000, times: 1 });
    expect(statusCode).toBe(200);
    expect(error).toBe(false);
    expect(received).toBe(contentLength);
    // the first half reached the client while the simulator was still stalling: no timing margin, an order
    expect(receivedWhenAnswered).toBe(Math.floor(contentLength / 2));
    expect(Date.now() - t).toBeGreaterThanOrEqual(990);
  });

  it('matches on query values', async () => {
    fx.sim.faults.add({ method: 'GET', path: '/api/atlas/v2/orgs', query: { includeCount: 'true' }, status: 500, errorCode: 'TIMEOUT_WHILE_PAGING' });
    expect((await fx.api('GET', '/api/atlas/v2/orgs?includeCount=false')).status).toBe(200);
    expect((await fx.api('GET', '/api/atlas/v2/orgs')).status).toBe(200);
    const r = await fx.api('GET', '/api/atlas/v2/orgs?includeCount=true&pageNum=1');
    expect(r.status).toBe(500);
    expect(r.json.errorCode).toBe('TIMEOUT_WHILE_PAGING');
  });

  it('sends X-Error-Code with every error, as Atlas does (recorded/clusters/…/DELETE_…_1.snaphost: X-Error-Code: CANNOT_TERMINATE_…)', async () => {
    fx.sim.faults.add({ path: '/api/atlas/v2/orgs', status: 503, times: 1 });
    expect((await fx.api('GET', '/api/atlas/v2/orgs')).headers.get('x-error-code')).toBe('SERVICE_UNAVAILABLE');
    const missing = await fx.api('GET', '/api/atlas/v2/groups/0123456789abcdef01234567');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-error-code')).toBe(missing.json.errorCode);
    const unauthenticated = await fetch(`${fx.sim.url}/api/atlas/v2/orgs`, { headers: { Accept: accept('2023-01-01') } });
    expect(unauthenticated.headers.get('x-error-code')).toBe('UNAUTHORIZED');
    expect((await fx.api('GET', '/api/atlas/v2/orgs')).headers.get('x-error-code')).toBeNull();
  });

  it('rejects malformed faults', () => {
    expect(() => fx.sim.faults.add({ after: 'yes' } as never)).toThrow(/after must be true or false/);
    expect(() => fx.sim.faults.add({ cutBody: true, after: true })).toThrow(/exclude each other/);
    expect(() => fx.sim.faults.add({ status: 500, query: { includeCount: true } } as never)).toThrow(/query values must be strings/);
    expect(() => fx.sim.faults.add({ stallBodyMs: -1 })).toThrow(/stallBodyMs/);
    expect(() => fx.sim.faults.add({} as never)).toThrow(/needs status/);
    expect(() => fx.sim.faults.add({ status: 503, bogus: 1 } as never)).toThrow(/unknown fault property bogus/);
    expect(() => fx.sim.faults.add({ status: 503, times: 0 })).toThrow(/times/);
  });
});

describe('admin API (/__sim/)', () => {
  const fx = useSimulator({}, { reset: false });
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${fx.sim.url}/__sim/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

  it('reports health and credentials', async () => {
    const r = await admin('GET', 'health');
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ok: true, url: fx.sim.url, projectId: fx.sim.credentials.projectId, credentials: { publicKey: 'simpublickey' } });
  });

  it('lists and clears recorded requests (admin calls are not recorded)', async () => {
    await fetch(`${fx.sim.url}/api/atlas/v2/orgs`, { headers: { Accept: accept('2023-01-01') } });
    const list = (await (await admin('GET', 'requests')).json()) as any[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ method: 'GET', path: '/api/atlas/v2/orgs', status: 401, auth: 'none', accept: accept('2023-01-01') });
    expect((await admin('DELETE', 'requests')).status).toBe(204);
    expect(await (await admin('GET', 'requests')).json()).toEqual([]);
    expect(fx.sim.requests).toHaveLength(0);
  });

  it('adds, lists and clears faults over HTTP', async () => {
    const added = await admin('POST', 'faults', { path: '/api/atlas/v2/orgs', status: 503, times: 1 });
    expect(added.status).toBe(201);
    const { id } = (await added.json()) as { id: number };
    expect(await (await admin('GET', 'faults')).json()).toEqual([{ id, path: '/api/atlas/v2/orgs', status: 503, times: 1, remaining: 1 }]);
    const api = client(fx.sim);
    expect((await api('GET', '/api/atlas/v2/orgs')).status).toBe(503);
    await admin('POST', 'faults', { pathRegex: 'orgs', status: 500 });
    expect((await admin('DELETE', 'faults')).status).toBe(204);
    expect((await api('GET', '/api/atlas/v2/orgs')).status).toBe(200);
    const bad = await admin('POST', 'faults', { status: 'x' });
    expect(bad.status).toBe(400);
  });

  it('resets the state to the seed', async () => {
    const api = client(fx.sim);
    await api('POST', '/api/atlas/v2/groups', { body: { name: 'temp', orgId: fx.sim.credentials.orgId } });
    expect(fx.sim.state.projectByName('temp')).toBeDefined();
    expect((await admin('POST', 'reset')).status).toBe(204);
    expect(fx.sim.state.projectByName('temp')).toBeUndefined();
    expect(fx.sim.state.projects.size).toBe(5);
    expect(fx.sim.requests).toHaveLength(0);
    expect((await admin('GET', 'nope')).status).toBe(404);
  });
});
