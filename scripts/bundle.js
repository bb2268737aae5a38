#!/usr/bin/env node
// Bundles the CLI for start-up speed: `npm run build` runs tsc (dist/, which tests, the
// bench and the simulator use) and then this, which writes dist/bundle/: the entry
// module bin/atlascli.js imports (cli.js) and chunks split at every dynamic import, so a
// command loads only what it needs (`--help` loads no HTTP client, the
// simulator is a chunk of its own that only `atlascli simulator` loads). One file per
// load instead of ~60 modules and ~40 of undici's CommonJS files: less resolving,
// reading and compiling. Source maps point at src/.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = `${root}src/`;

/**
 * Modules that find files next to themselves (`new URL('../../src/spec/x.json',
 * import.meta.url)`) keep finding them: in each bundled source file `import.meta.url` is
 * the URL its tsc output has in dist/ (chunks sit in dist/bundle/, one level down).
 */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      let contents = await readFile(args.path, 'utf8');
      if (contents.includes('import.meta.url')) {
        const distRelative = `../${relative(src, args.path).replace(/\.ts$/, '.js')}`;
        contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(distRelative)}, import.meta.url).href`);
      }
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * commander loads node:child_process at start-up (~2-6 ms) for executable subcommands,
 * which atlascli has none of: it gets the module when it would spawn one.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager)) throw new Error(`${args.path}: commander no longer loads child_process as expected; update scripts/bundle.js`);
      const contents = source.replace(eager, "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };");
      return { contents, loader: 'js' };
    });
  },
};

// chunk names are content hashes: without a clean folder every build would leave the
// previous build's chunks behind (and `npm pack` would ship them)
rmSync(`${root}dist/bundle`, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/program/cli.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  chunkNames: 'chunk-[hash]',
  logLevel: 'warning',
  // CommonJS dependencies (undici, commander, cli-table3…) call require() for Node's modules
  banner: { js: "import { createRequire as __atlascliRequire } from 'node:module'; const require = __atlascliRequire(import.meta.url);" },
  plugins: [keepModuleUrls, lazyChildProcess],
  // digest-fetch only imports node-fetch when there is no fetch to give it; ours gives one.
  // jsonc-parser's `main` is a UMD build that require()s its parts at run time: loaded
  // from node_modules as it is (only by the cluster commands that read a file).
  external: ['node-fetch', 'jsonc-parser'],
  // digest-fetch's hashing libraries, as the same functions over node:crypto (tested
  // equal in test/unit/bundle-shims.test.ts): ~12 ms less to load per API command
  alias: {
    md5: './scripts/bundle-shims/md5.cjs',
    'js-sha256': './scripts/bundle-shims/js-sha256.cjs',
    'js-sha512': './scripts/bundle-shims/js-sha512.cjs',
    'base-64': './scripts/bundle-shims/base-64.cjs',
  },
});
