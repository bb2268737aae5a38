// Loads the bundle (dist/bundle/*.cjs, CommonJS: scripts/bundle.js) with V8's code cache:
// the code V8 compiled for a file in an earlier run is handed back to it instead of
// compiling the source again (what Node 22's module.enableCompileCache does for every
// module; Node 20 has only this public vm API for it). Whole-process wall medians of 31-41
// pairs against `node -e 0`, Node 20.20, 2 shared cores, load 4-6: `--help` 1.94-2.0x
// without it, 1.67-1.71x with it; `cluster --help` 1.96x, 1.68-1.86x.
//
// The cache is one file per bundle file, named by the file's content (the key the build
// writes into it), in a folder per Node version and copy of the bundle, under a folder of
// the user's own in the temporary folder (0700, owned by them: V8 runs what a cache file
// holds, so no one else may write there). A file's caches of earlier builds, and the
// folders of copies of the bundle since removed, go when a cache is written. V8 refuses a
// cache made for another V8 version or flags (the file is then written anew); every
// failure to read or write is silent: the code then compiles as it would without one.
'use strict';
const { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { tmpdir } = require('node:os');
const { basename, dirname, join } = require('node:path');
const { Script } = require('node:vm');

/** FNV-1a of a string, 8 hex digits: a name for a copy of the bundle (node:crypto would cost ~3 ms to load). */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * The cache folder of this user, for this Node and this copy of the bundle (made when a
 * cache is first written); undefined when there is none to trust: the user's folder
 * must be a real folder of theirs that no one else may write to.
 */
function cacheDir(bundleDir) {
  try {
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    const base = join(tmpdir(), `atlascli-code-cache${uid === undefined ? '' : `-${uid}`}`);
    let st;
    try {
      st = lstatSync(base);
    } catch {
      mkdirSync(base, { mode: 0o700 });
      st = lstatSync(base);
    }
    if (!st.isDirectory() || (uid !== undefined && (st.uid !== uid || (st.mode & 0o077) !== 0))) return undefined;
    return join(base, `${process.version}-${process.arch}-${fnv1a(bundleDir)}`);
  } catch {
    return undefined;
  }
}

/**
 * Loads `entry` (a CommonJS file of the bundle) and, through it, the chunks it requires,
 * each compiled with its cached code when there is some. Returns the entry's exports.
 * When the process exits, the files that had no cache (or a refused one) get one, made
 * then so that it holds the functions this run compiled, not only the top level.
 */
function loadBundle(entry) {
  const bundleDir = dirname(entry);
  const dir = cacheDir(bundleDir);
  const modules = new Map();
  const fresh = [];

  function load(file) {
    const known = modules.get(file);
    if (known) return known.exports;
    const module = { exports: {}, filename: file, id: file, loaded: false };
    modules.set(file, module);
    const source = readFileSync(file, 'utf8');
    // the file's own name for its content (scripts/bundle.js): V8 checks only a source's length
    const key = /\/\/ code-cache-key: ([0-9a-f]+)\n/.exec(source.slice(-300))?.[1];
    const cacheFile = dir && key && join(dir, `${basename(file)}-${key}.bin`);
    let cachedData;
    try {
      cachedData = cacheFile ? readFileSync(cacheFile) : undefined;
    } catch {
      cachedData = undefined;
    }
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
    if (cacheFile && (!cachedData || script.cachedDataRejected)) fresh.push([cacheFile, script]);
    // the chunks through this loader; Node's modules and anything else through Node's require
    let outside;
    const require = (id) => (id.startsWith('./') ? load(join(bundleDir, id)) : (outside ??= createRequire(file))(id));
    require.resolve = (id, options) => (outside ??= createRequire(file)).resolve(id, options);
    script.runInThisContext()(module.exports, require, module, file, bundleDir);
    module.loaded = true;
    return module.exports;
  }

  if (dir) {
    process.on('exit', () => {
      if (fresh.length === 0) return;
      try {
        if (!existsSync(dir)) {
          mkdirSync(dir, { mode: 0o700 });
          // which copy of the bundle the folder is for; the folders of copies since removed
          // (a reinstall elsewhere, a test's temporary install) go
          writeFileSync(join(dir, 'bundle-dir'), bundleDir, { mode: 0o600 });
          const base = dirname(dir);
          for (const other of readdirSync(base)) {
            let owner;
            try {
              owner = readFileSync(join(base, other, 'bundle-dir'), 'utf8');
            } catch {
              continue;
            }
            if (!existsSync(owner)) rmSync(join(base, other), { recursive: true, force: true });
          }
        }
      } catch {
        return;
      }
      for (const [cacheFile, script] of fresh) {
        // written aside, then renamed: a run starting meanwhile reads the old file or the new one, whole
        const tmp = `${cacheFile}.${process.pid}`;
        try {
          writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
          renameSync(tmp, cacheFile);
          // the caches of earlier builds of the same file go
          const name = basename(cacheFile);
          const stem = name.slice(0, name.lastIndexOf('-') + 1);
          for (const old of readdirSync(dir)) if (old.startsWith(stem) && old !== name && old.endsWith('.bin')) rmSync(join(dir, old), { force: true });
        } catch {
          // no cache this time: the next run compiles, and tries again
          try {
            rmSync(tmp, { force: true });
          } catch {
            // left for the temporary folder's cleaning
          }
        }
      }
    });
  }
  return load(entry);
}

module.exports = { loadBundle, cacheDir, fnv1a };
