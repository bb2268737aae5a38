#!/usr/bin/env node
// Bundles the CLI: `npm run build` runs tsc (dist/, which the bench and the demo use to
// start the simulator in-process) and then this, which writes dist/bundle/: the only code
// the package ships. Its entry is cli.cjs (bin/atlascli.js loads it), and chunks split at
// every dynamic import, so a command loads only what it needs (`--help` loads no HTTP
// client; the simulator is a chunk that only `atlascli simulator` loads). Every
// dependency is inside: the installed package has no node_modules of its own.
//
// Two passes, because esbuild splits code only into ES modules while Node 20 starts
// CommonJS faster and can cache only CommonJS's compiled code (bin/compile-cache.js):
//   1. esbuild bundles src/program/cli.ts into ES module chunks (a temporary folder);
//   2. esbuild rewrites each chunk as CommonJS, `import()` of a chunk as `require()`.
// Measured (whole-process pairs against `node -e 0` on Node 20.20, 2 shared cores, load
// 4-6, wall medians of 41 pairs, two runs): `--help` 2.19-2.45x with the ES module bundle,
// 1.94-2.0x with this one, 1.67-1.71x with it and the code cache.
// Measured and dropped, each within the noise once the code cache was there: commander's
// source rewritten to load node:child_process on demand (`--help` 0.5–1 ms of CPU, wall
// no better), digest-fetch's hashing libraries swapped for node:crypto (`project get`
// 1–4% of CPU, wall no better).
//
// Source maps (not shipped) point at src/.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist', 'bundle');
const esm = mkdtempSync(join(tmpdir(), 'atlascli-bundle-'));

try {
  // 0. the spec data that only validation and `api` help read ship gzipped (src/spec/files.ts
  // reads the JSON when it is there, else its .gz): 1 MB of JSON becomes 110 KB. Written
  // first, so the bundle is newer than everything under src/ (test/helpers/build.ts)
  for (const name of ['schemas.json', 'api-docs.json']) {
    writeFileSync(join(root, 'src', 'spec', `${name}.gz`), gzipSync(readFileSync(join(root, 'src', 'spec', name)), { level: 9 }));
  }

  // 1. ES module chunks (content-hashed names, .cjs already: the imports between them name the final files)
  await build({
    absWorkingDir: root,
    entryPoints: { cli: 'src/program/cli.ts' },
    outdir: esm,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    chunkNames: 'chunk-[hash]',
    logLevel: 'warning',
    // digest-fetch imports node-fetch only when it is given no fetch; atlascli gives it one
    external: ['node-fetch'],
    // jsonc-parser's `main` is a UMD build whose parts a bundler cannot follow: its ES
    // module build (3.3.1, pinned exactly for this path), as the CommonJS default export
    // the sources import
    alias: { 'jsonc-parser': './scripts/bundle-shims/jsonc-parser.mjs' },
  });

  // 2. each chunk as CommonJS, with the source maps of pass 1 carried through to src/.
  // chunk names are content hashes: without a clean folder every build would leave the
  // previous build's chunks behind (and `npm pack` would ship them)
  rmSync(out, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: readdirSync(esm)
      .filter((f) => f.endsWith('.cjs'))
      .map((f) => join(esm, f)),
    outdir: out,
    outExtension: { '.js': '.cjs' },
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // `import('./chunk-X.cjs')` as `require()`: loaded by bin/compile-cache.js, never by the ES module loader
    supported: { 'dynamic-import': false },
    // the installed package under 3 MiB (2.3 MB of JavaScript as written, 1.3 MB minified);
    // function and class names kept as written: commander names its errors by their class
    // (`this.name = this.constructor.name`), and an error report's stack stays readable
    minify: true,
    keepNames: true,
    sourcemap: true,
    logLevel: 'warning',
    // ES modules are strict; `import.meta.url` is the URL of the file the code is in
    // (worked out when read: three modules read it)
    banner: { js: "'use strict'; const __atlascliImportMeta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
    define: { 'import.meta': '__atlascliImportMeta' },
  });

  // 3. each file names its own content, for bin/compile-cache.js: V8 checks a code cache
  // against the length of the source only, so a rebuilt file of the same length would
  // run the code of the old one. Above the source map's line: no line moves.
  const keys = [];
  for (const f of readdirSync(out).filter((n) => n.endsWith('.cjs'))) {
    const text = readFileSync(join(out, f), 'utf8');
    const at = text.lastIndexOf('//# sourceMappingURL=');
    const key = createHash('sha256').update(text).digest('hex').slice(0, 32);
    writeFileSync(join(out, f), `${text.slice(0, at)}// code-cache-key: ${key}\n${text.slice(at)}`);
    keys.push(`${f} ${key}`);
  }
  // 4. the whole bundle's name for its content, for bin/help-cache.js: a stored help is
  // valid for the build that rendered it only
  writeFileSync(join(out, 'build-key'), `${createHash('sha256').update(keys.sort().join('\n')).digest('hex').slice(0, 32)}\n`);
} finally {
  rmSync(esm, { recursive: true, force: true });
}
