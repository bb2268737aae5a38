import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';

// every file the CLI reads synchronously (the spec index files are read with readFileSync)
const reads = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (importOriginal) => {
  const orig = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((...args: Parameters<typeof orig.readFileSync>) => {
    reads.push(String(args[0]));
    return orig.readFileSync(...args);
  }) as typeof orig.readFileSync;
  return { ...orig, default: { ...orig, readFileSync }, readFileSync };
});

const { main } = await import('../../src/program/cli.js');

function io() {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  return { io: { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: {} }, out: () => out };
}

const specFiles = () => reads.filter((r) => /src\/spec\/[\w-]+\.json$/.test(r));

describe('start-up', () => {
  it('atlascli --help reads no spec index file; api <operationId> --help reads operations.json and api-docs.json only', async () => {
    reads.length = 0;
    const a = io();
    expect(await main(['--help'], a.io)).toBe(0);
    expect(a.out()).toContain('api');
    expect(specFiles()).toEqual([]);

    const b = io();
    expect(await main(['api', 'getGroup', '--help'], b.io)).toBe(0);
    expect(b.out()).toContain('Return One Project');
    expect(
      specFiles()
        .map((f) => f.replace(/.*\//, ''))
        .sort(),
    ).toEqual(['api-docs.json', 'operations.json']);
  });
});
