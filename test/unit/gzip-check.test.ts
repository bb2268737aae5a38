// The gzip checks of every download (src/transfer/gzip.ts) through the shared saveBody
// (src/transfer/download.ts): a stream cut or damaged fails whatever HTTP said, an empty
// answer is saved as an empty gzip member, a file that cannot be written is one line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UnreadableBody } from '../../src/atlas/network.js';
import { CliError } from '../../src/errors.js';
import { saveBody } from '../../src/transfer/download.js';
import { EMPTY_GZIP, gzipBody, gzipError } from '../../src/transfer/gzip.js';
import { tempDir } from '../helpers/cli.js';

// random text: the gzip data is about as large as the text, in many chunks
const TEXT = Buffer.from(Array.from({ length: 4000 }, (_v, i) => `{"n":${i},"r":"${Math.random().toString(36)}"}\n`).join(''));
const GZ = gzipSync(TEXT);
const body = (data: Buffer, chunk = 4096) => Readable.from(Array.from({ length: Math.ceil(data.length / chunk) }, (_v, i) => data.subarray(i * chunk, (i + 1) * chunk)));
const save = (data: Buffer, target: string, decompress = false) => saveBody(body(data), { target, ...gzipBody('test log', 'application/gzip', decompress) });

describe('a gzip download saved to a file', () => {
  it('whole gzip is saved as it came (or decompressed), nothing else left', async () => {
    const dir = tempDir();
    expect(await save(GZ, join(dir, 'a.gz'))).toEqual({ received: GZ.length, written: GZ.length });
    expect(readFileSync(join(dir, 'a.gz')).equals(GZ)).toBe(true);
    await save(GZ, join(dir, 'a.log'), true);
    expect(readFileSync(join(dir, 'a.log')).equals(TEXT)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['a.gz', 'a.log']);
  });

  it('gzip that stops short or is damaged fails with UnreadableBody (a cut answer), and leaves nothing', async () => {
    const dir = tempDir();
    const damaged = Buffer.from(GZ);
    damaged[damaged.length - 6] ^= 0xff; // the CRC
    const cases: Array<[Buffer, boolean, RegExp]> = [
      [GZ.subarray(0, GZ.length - 100), false, /^the gzip data stops before its end \(unexpected end of file\)$/],
      [GZ.subarray(0, GZ.length - 100), true, /^the gzip data stops before its end \(unexpected end of file\)$/],
      [damaged, false, /^the gzip data is damaged \(incorrect data check\)$/],
    ];
    for (const [data, decompress, why] of cases) {
      const err = await save(data, join(dir, 'x.gz'), decompress).catch((e: unknown) => gzipError(e));
      expect(err).toBeInstanceOf(UnreadableBody);
      expect((err as UnreadableBody).detail).toMatch(why);
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('a body of many steps (1 MiB each, src/transfer/steps.ts) is checked whole: cut or damaged anywhere, it fails and leaves nothing', async () => {
    const dir = tempDir();
    // incompressible: the gzip data is stored blocks, 3.5 steps long; and text, inflating to more than it is
    const big = gzipSync(Buffer.concat([randomBytes(3.5 * 1024 * 1024), TEXT]), { level: 1 });
    const text = gzipSync(Buffer.concat(Array.from({ length: 200 }, () => TEXT)));
    for (const gz of [big, text]) {
      expect(await saveBody(body(gz, 65536), { target: join(dir, 'ok.gz'), ...gzipBody('test log', 'application/gzip', false) })).toEqual({
        received: gz.length,
        written: gz.length,
      });
      expect(readFileSync(join(dir, 'ok.gz')).equals(gz)).toBe(true);
    }
    const damaged = Buffer.from(big);
    damaged[Math.floor(big.length * 0.45)] ^= 0x01; // a byte of stored data in the second step: only the CRC shows it
    const cases: Array<[Buffer, RegExp]> = [
      [big.subarray(0, Math.floor(big.length * 0.6)), /^the gzip data stops before its end/],
      [big.subarray(0, big.length - 4), /^the gzip data stops before its end/],
      [damaged, /^the gzip data is damaged \(incorrect data check\)$/],
    ];
    for (const [data, why] of cases) {
      const err = await saveBody(body(data, 65536), { target: join(dir, 'x.gz'), ...gzipBody('test log', 'application/gzip', false) }).catch((e: unknown) => gzipError(e));
      expect(err).toBeInstanceOf(UnreadableBody);
      expect((err as UnreadableBody).detail).toMatch(why);
      expect(readdirSync(dir)).toEqual(['ok.gz']);
    }
  });

  it('an empty answer is an empty gzip member (zcat takes it); decompressed, an empty file', async () => {
    const dir = tempDir();
    expect(await save(Buffer.alloc(0), join(dir, 'e.gz'))).toEqual({ received: 0, written: EMPTY_GZIP.length });
    expect(gunzipSync(readFileSync(join(dir, 'e.gz')))).toHaveLength(0);
    await save(Buffer.alloc(0), join(dir, 'e.log'), true);
    expect(readFileSync(join(dir, 'e.log'))).toHaveLength(0);
  });

  it('to stdout: the same checks, the empty member too', async () => {
    const chunks: Buffer[] = [];
    const stdout = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c), cb()) });
    await saveBody(body(Buffer.alloc(0)), { stdout, ...gzipBody('test log', '', false) });
    expect(Buffer.concat(chunks).equals(EMPTY_GZIP)).toBe(true);
    await expect(saveBody(body(GZ.subarray(0, 1000)), { stdout, ...gzipBody('test log', '', false) }).catch((e: unknown) => Promise.reject(gzipError(e)))).rejects.toBeInstanceOf(
      UnreadableBody,
    );
  });

  it('a file that cannot be written is a CliError naming it (never a network failure)', async () => {
    const dir = tempDir();
    const target = join(dir, 'gone', 'x.gz');
    const err = await save(GZ, target).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).message).toMatch(/^cannot write .*\/gone\/x\.gz: ENOENT: no such file or directory/);
    expect((err as CliError).message).not.toMatch(/atlascli-tmp/);
    expect(existsSync(target)).toBe(false);
  });
});
