// A 429's Retry-After holds every request of the client (src/atlas/throttle.ts): a request
// started while another waits out its 429 does not go before the wait is over, so a fleet of
// concurrent requests slows down together instead of each spending its retry budget on 429s.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { AtlasClient } from '../../src/atlas/client.js';
import { until } from '../helpers/atlas.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? (server.closeAllConnections(), server.close(() => r())) : r()));
  server = undefined;
});

describe('the shared hold after a 429', () => {
  it('a request started during the Retry-After of another waits until it is over', async () => {
    const seen: Array<{ path: string; at: number; status: number }> = [];
    let limitedAt = 0;
    server = createServer((req, res) => {
      const first = seen.length === 0;
      const status = first ? 429 : 200;
      if (first) {
        res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '1' });
        res.end(JSON.stringify({ error: 429, errorCode: 'RATE_LIMITED', detail: 'Retry later.' }));
        limitedAt = Date.now();
      } else {
        res.writeHead(200, { 'Content-Type': 'application/vnd.atlas.2023-01-01+json' });
        res.end('{}');
      }
      seen.push({ path: req.url ?? '', at: Date.now(), status });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const client = new AtlasClient({
      baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
      credentials: { kind: 'digest', publicKey: 'pub', privateKey: 'priv' },
      userAgent: 'test',
      env: {},
      warn: () => undefined,
    });
    const a = client.request({ operationId: 'getGroup', pathParams: { groupId: 'a'.repeat(24) } });
    await until(() => client.throttle.pending() > 0);
    const b = client.request({ operationId: 'getGroup', pathParams: { groupId: 'b'.repeat(24) } });
    await Promise.all([a, b]);
    await client.close();
    const bAt = seen.find((s) => s.path.includes('b'.repeat(24)))!.at;
    // the hold began when the client read the 429, after the server sent it
    expect(bAt - limitedAt).toBeGreaterThanOrEqual(1000);
    expect(seen.map((s) => s.status)).toEqual([429, 200, 200]);
  });
});
