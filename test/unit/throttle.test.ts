// A 429's Retry-After holds every request of the client (src/atlas/throttle.ts): a request
// started while another waits out its 429 does not go before the wait is over, so a fleet of
// concurrent requests slows down together instead of each spending its retry budget on 429s.
// An answer saying the bucket is empty (RateLimit-Remaining: 0, Atlas docs "Atlas
// Administration API Rate Limits") lets one request at a time go until one is answered with
// tokens left, so the burst Atlas would refuse is not sent.
import { describe, expect, it } from 'vitest';
import { until } from '../helpers/atlas.js';
import { localServers, testClient } from '../helpers/http.js';

const { serve } = localServers();

describe('the shared hold after a 429', () => {
  it('a request started during the Retry-After of another waits until it is over', async () => {
    const seen: Array<{ path: string; at: number; status: number }> = [];
    let limitedAt = 0;
    const url = await serve((req, res) => {
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
    const client = testClient(url);
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

describe('an empty bucket (RateLimit-Remaining: 0)', () => {
  it('lets one request probe at a time until an answer has tokens left; the probe hears the 429 for all', async () => {
    let inFlight = 0;
    let most = 0;
    let mostWhileEmpty = 0;
    let answered = 0;
    const statuses: number[] = [];
    // once tokens are back, an answer waits for a second request to come in (the proof that they
    // go together), not for a number of milliseconds a busy machine may exceed; after 2 s it is
    // sent anyway, so a client that sends one at a time ends, and fails on `most`
    const held: Array<() => void> = [];
    let fallback: NodeJS.Timeout | undefined;
    const flush = () => {
      clearTimeout(fallback);
      fallback = undefined;
      held.splice(0).forEach((answer) => answer());
    };
    const url = await serve((_req, res) => {
      inFlight++;
      // the bucket is empty from the 1st answer until the 3rd (tokens back)
      if (answered >= 1 && answered < 3) mostWhileEmpty = Math.max(mostWhileEmpty, inFlight);
      most = Math.max(most, inFlight);
      const answer = () => {
        const n = answered++;
        // 1st: OK but the bucket is now empty; 2nd: 429 (the probe); 3rd: OK with tokens again; then OK
        const status = n === 1 ? 429 : 200;
        const remaining = n <= 1 ? '0' : '50';
        statuses.push(status);
        res.writeHead(status, {
          'Content-Type': 'application/json',
          'RateLimit-Limit': '100',
          'RateLimit-Remaining': remaining,
          ...(status === 429 ? { 'Retry-After': '1' } : {}),
        });
        res.end(status === 429 ? JSON.stringify({ error: 429, errorCode: 'RATE_LIMITED_TOKEN_BUCKET', detail: 'Rate limit exceeded.' }) : '{}');
        inFlight--;
      };
      if (answered < 3) {
        // while the bucket is empty: time for a wrongly sent burst to show in mostWhileEmpty
        setTimeout(answer, 30);
        return;
      }
      held.push(answer);
      if (most > 1) flush();
      else fallback ??= setTimeout(flush, 2000);
    });
    const client = testClient(url);
    await client.request({ operationId: 'getGroup', pathParams: { groupId: 'a'.repeat(24) } });
    // the bucket is empty: five at once, but only one goes until an answer says otherwise
    const ids = ['b', 'c', 'd', 'e', 'f'].map((c) => c.repeat(24));
    await Promise.all(ids.map((groupId) => client.request({ operationId: 'getGroup', pathParams: { groupId } })));
    await client.close();
    // one 429 only (the probe's), then its retry succeeds with tokens left and the rest go together
    expect(mostWhileEmpty).toBe(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(statuses).toHaveLength(7);
    expect(most).toBeGreaterThan(1); // once tokens were back, they went concurrently again
  });
});
