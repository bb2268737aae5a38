// bin/compile-cache.js, across runs (each run a process of its own: the cache is what one
// run leaves to the next): the second run is handed the code the first compiled; a file
// rebuilt to the same length runs its new code, never the cached old one (V8 checks only
// the length); a cache folder others may write to is not used.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

const LOADER = fileURLToPath(new URL('../../bin/compile-cache.js', import.meta.url));
const POSIX = typeof process.getuid === 'function';

/** A bundle of two files as scripts/bundle.js writes them (CommonJS, each ending with its key): the entry returns the chunk's value. */
function writeBundle(dir: string, value: string, key: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cli.cjs'), `'use strict';\nconst chunk = require('./chunk-A.cjs');\nexports.value = () => chunk.value();\n// code-cache-key: e${key}\n`);
  writeFileSync(join(dir, 'chunk-A.cjs'), `'use strict';\nexports.value = () => '${value}';\n// code-cache-key: c${key}\n`);
  return join(dir, 'cli.cjs');
}

/** One run: loads the bundle, prints the value. */
function run(entry: string, tmp: string): { stdout: string; stderr: string; status: number | null } {
  const code = `process.stdout.write(require(${JSON.stringify(LOADER)}).loadBundle(${JSON.stringify(entry)}).value())`;
  return spawnSync(process.execPath, ['-e', code], { env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp }, encoding: 'utf8' });
}

/** The cache files under `tmp`, by name, with their modification times. */
function cacheFiles(tmp: string): Map<string, number> {
  const files = new Map<string, number>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else files.set(e.name, statSync(join(d, e.name)).mtimeMs);
    }
  };
  walk(tmp);
  return files;
}

describe('the code cache of the bundle', () => {
  it('is written by the first run, in a folder only its user may enter, and handed back to the next run unchanged', () => {
    const tmp = tempDir('atlascli-cc-');
    const entry = writeBundle(join(tempDir('atlascli-cc-bundle-'), 'bundle'), 'one', '1111');
    expect(run(entry, tmp)).toMatchObject({ stdout: 'one', stderr: '', status: 0 });
    const first = cacheFiles(tmp);
    expect([...first.keys()].sort()).toEqual(['bundle-dir', 'chunk-A.cjs-c1111.bin', 'cli.cjs-e1111.bin']);
    if (POSIX) {
      const [folder] = readdirSync(tmp);
      expect(folder).toBe(`atlascli-code-cache-${process.getuid!()}`);
      expect(statSync(join(tmp, folder!)).mode & 0o777).toBe(0o700);
    }
    expect(run(entry, tmp)).toMatchObject({ stdout: 'one', stderr: '', status: 0 });
    // accepted by V8: a refused cache would have been written anew
    expect(cacheFiles(tmp)).toEqual(first);
  });

  it('a file rebuilt to the same length runs its new code; the caches of the old build go', () => {
    const tmp = tempDir('atlascli-cc-');
    const dir = join(tempDir('atlascli-cc-bundle-'), 'bundle');
    const entry = writeBundle(dir, 'aaaa', '1111');
    expect(run(entry, tmp).stdout).toBe('aaaa');
    writeBundle(dir, 'bbbb', '2222');
    expect(run(entry, tmp)).toMatchObject({ stdout: 'bbbb', stderr: '', status: 0 });
    expect([...cacheFiles(tmp).keys()].sort()).toEqual(['bundle-dir', 'chunk-A.cjs-c2222.bin', 'cli.cjs-e2222.bin']);
  });

  it('the caches of a copy of the bundle that is gone go when another copy makes its own', () => {
    const tmp = tempDir('atlascli-cc-');
    const gone = join(tempDir('atlascli-cc-bundle-'), 'bundle');
    expect(run(writeBundle(gone, 'one', '1111'), tmp).stdout).toBe('one');
    rmSync(gone, { recursive: true });
    expect(run(writeBundle(join(tempDir('atlascli-cc-bundle-'), 'bundle'), 'two', '2222'), tmp).stdout).toBe('two');
    expect([...cacheFiles(tmp).keys()].sort()).toEqual(['bundle-dir', 'chunk-A.cjs-c2222.bin', 'cli.cjs-e2222.bin']);
  });

  it.skipIf(!POSIX)('is not used in a cache folder others may write to', () => {
    const tmp = tempDir('atlascli-cc-');
    const shared = join(tmp, `atlascli-code-cache-${process.getuid!()}`);
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    const entry = writeBundle(join(tempDir('atlascli-cc-bundle-'), 'bundle'), 'one', '1111');
    expect(run(entry, tmp)).toMatchObject({ stdout: 'one', stderr: '', status: 0 });
    expect(cacheFiles(tmp).size).toBe(0);
  });
});
