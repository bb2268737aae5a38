// AtlasClient.download: a download is a request whose body is long. Its body is read inside
// the client's own retry loop, so the one classifier and the one retry policy decide what
// is tried again (src/atlas/client.ts, src/atlas/network.ts).
import { describe, expect, it } from 'vitest';
import { alreadyDone, type RawResponse } from '../../src/atlas/client.js';
import { classifyNetworkError, UnreadableBody } from '../../src/atlas/network.js';
import { AtlasApiError, CliError, NetworkError } from '../../src/errors.js';
import { localServers, testClient } from '../helpers/http.js';

const servers = localServers();

/** A server answering every request 200 with `body`; `cut(n)` says whether the n-th answer (from 1) is cut short. */
async function serve(body: Buffer, cut: (n: number) => boolean = () => false): Promise<{ url: string; requests: () => number }> {
  let n = 0;
  const url = await servers.serve((_req, res) => {
    n++;
    res.writeHead(200, { 'Content-Type': 'application/vnd.atlas.2023-02-01+gzip', 'Content-Length': String(body.length) });
    if (cut(n)) {
      res.write(body.subarray(0, body.length / 2), () => res.destroy());
      return;
    }
    res.end(body);
  });
  return { url, requests: () => n };
}

const client = (baseUrl: string) => testClient(baseUrl, { backoffBaseMs: 1 });

const SPEC = { operationId: 'downloadGroupClusterLog', pathParams: { groupId: 'b0123456789abcdef012345b', hostName: 'h.example.net', logName: 'mongodb' } } as const;
const readAll = async (res: RawResponse): Promise<number> => {
  let n = 0;
  for await (const c of res.body) n += (c as Buffer).length;
  return n;
};

describe('AtlasClient.download', () => {
  it("reads a body cut short again from a fresh answer, under the client's retries, and returns what the reader returns", async () => {
    const s = await serve(Buffer.alloc(100_000, 1), (n) => n <= 2);
    const attempts: number[] = [];
    const got = await client(s.url).download(SPEC, async (res) => {
      attempts.push(attempts.length + 1);
      return readAll(res);
    });
    expect(got).toBe(100_000);
    expect(s.requests()).toBe(3);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it("gives up after the client's retries (4 requests) with one NetworkError named by the subject, the bytes received in it", async () => {
    const s = await serve(Buffer.alloc(100_000, 1), () => true);
    let received = 0;
    const err = await client(s.url)
      .download(
        SPEC,
        async (res) => {
          received = 0;
          for await (const c of res.body) received += (c as Buffer).length;
          return received;
        },
        { subject: 'mongodb log of h.example.net', received: () => received },
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).message).toMatch(new RegExp(`^mongodb log of h\\.example\\.net: the answer from ${s.url} was cut short after ${received} bytes: `));
    expect(received).toBeGreaterThan(0);
    expect(s.requests()).toBe(4);
  });

  it('asks again when the reader finds the content unreadable (UnreadableBody), as for a cut body', async () => {
    const s = await serve(Buffer.from('not gzip at all'));
    const err = await client(s.url)
      .download(SPEC, async (res) => {
        await readAll(res);
        throw new UnreadableBody('the gzip data stops before its end (unexpected end of file)');
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).message).toBe(
      `GET /api/atlas/v2/groups/b0123456789abcdef012345b/clusters/h.example.net/logs/mongodb.gz: the answer from ${s.url} could not be read: the gzip data stops before its end (unexpected end of file)`,
    );
    expect(s.requests()).toBe(4);
  });

  it("never asks again when the reader cannot start over (bytes went to stdout), nor for the reader's own failures", async () => {
    const cut = await serve(Buffer.alloc(100_000, 1), () => true);
    await expect(client(cut.url).download(SPEC, readAll, { restartable: () => false })).rejects.toBeInstanceOf(NetworkError);
    expect(cut.requests()).toBe(1);
    await servers.close();
    for (const failure of [
      new CliError('not gzip data'),
      new Error('a bug in the reader'),
      Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' }),
    ]) {
      const s = await serve(Buffer.alloc(1000, 1));
      const err = await client(s.url)
        .download(SPEC, async () => {
          throw failure;
        })
        .catch((e: unknown) => e);
      expect(err).toBe(failure);
      expect(s.requests()).toBe(1);
      await servers.close();
    }
  });
});

describe('the one classifier (classifyNetworkError)', () => {
  const target = { method: 'GET', path: '/api/atlas/v2/x', url: 'https://cloud.mongodb.com/api/atlas/v2/x' };
  const socket = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });

  it('says one failure in one wording, named by the subject when there is one', () => {
    const plain = classifyNetworkError(socket, target, { timeoutMs: 60_000, phase: 'body' })!;
    const named = classifyNetworkError(socket, { ...target, subject: 'download to x.gz' }, { timeoutMs: 60_000, phase: 'body', received: 4096 })!;
    expect(plain.error.message).toBe('GET /api/atlas/v2/x: the answer from https://cloud.mongodb.com was cut short: connection closed by the server (UND_ERR_SOCKET)');
    expect(named.error.message).toBe(
      'download to x.gz: the answer from https://cloud.mongodb.com was cut short after 4096 bytes: connection closed by the server (UND_ERR_SOCKET)',
    );
    expect([plain.sent, plain.retryable, named.sent, named.retryable]).toEqual([true, true, true, true]);
  });

  it("an unreadable body is an answer lost after sending; a failure of the reader itself is not the network's", () => {
    const u = classifyNetworkError(new UnreadableBody('Atlas answered 200 with a body that is not valid JSON'), target, { timeoutMs: 60_000, phase: 'body' })!;
    expect(u).toMatchObject({ sent: true, retryable: true });
    expect(u.error.message).toBe('GET /api/atlas/v2/x: the answer from https://cloud.mongodb.com could not be read: Atlas answered 200 with a body that is not valid JSON');
    expect(classifyNetworkError(new Error('a bug'), target, { timeoutMs: 60_000, phase: 'body' })).toBeUndefined();
    expect(classifyNetworkError(Object.assign(new Error('EACCES'), { code: 'EACCES', syscall: 'open' }), target, { timeoutMs: 60_000, phase: 'body' })).toBeUndefined();
    expect(classifyNetworkError(new CliError('not gzip'), target, { timeoutMs: 60_000, phase: 'body' })).toBeUndefined();
  });
});

describe('alreadyDone: the one rule for delete-like and cancel-like requests', () => {
  const refusal = (status: number, errorCode: string) => new AtlasApiError(status, { errorCode }, 'DELETE', '/x');
  it('a DELETE that hears gone, already being deleted, or a restore job that cannot be cancelled any more', () => {
    expect(alreadyDone('DELETE', refusal(404, 'RESOURCE_NOT_FOUND'))).toBe(true);
    expect(alreadyDone('DELETE', refusal(400, 'CLUSTER_ALREADY_REQUESTED_DELETION'))).toBe(true);
    expect(alreadyDone('DELETE', refusal(400, 'SERVERLESS_INSTANCE_ALREADY_REQUESTED_DELETION'))).toBe(true);
    expect(alreadyDone('DELETE', refusal(400, 'CANNOT_CANCEL_RESTORE_JOB'))).toBe(true);
    expect(alreadyDone('DELETE', refusal(400, 'CANNOT_CANCEL_AUTOMATED_RESTORE'))).toBe(false);
    expect(alreadyDone('DELETE', refusal(400, 'CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED'))).toBe(false);
    expect(alreadyDone('POST', refusal(404, 'RESOURCE_NOT_FOUND'))).toBe(false);
  });
});
