// The help text cache: the help a pure help invocation prints (`--help`, `-h`,
// `<group> --help`, `<group> -h`, `help <group>`) is kept beside the code cache
// (bin/compile-cache.js: the same folder of the user's own, per Node version and copy of
// the bundle) and printed from there by the bin without loading the CLI, commander
// included. Whole-process wall medians of pairs against `node -e 0` (Node 20.20, 2 shared
// cores, `npm run bench`): see the README's Benchmarks table and the figures below.
//
// A stored help is keyed by the bundle's content key (dist/bundle/build-key, written by
// scripts/bundle.js from the content key of every bundle file: any rebuild changes it),
// the words typed, the width the help is wrapped to and whether stdout is a terminal: a
// stored help is the help that run would render, byte for byte. The help does not depend
// on the environment nor the config (it names settings, never their values). The first run
// renders, as without the cache, and stores its output when it exited 0 and wrote nothing
// to stderr (an unknown group is an error, never stored); the helps of earlier builds go
// then. Every failure to read or write is silent: the help is then rendered.
'use strict';
const { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { cacheDir, fnv1a } = require('./compile-cache.js');

const WORD = /^[a-z][a-z0-9-]*$/;

/** Whether `argv` asks for help only (and nothing the help could depend on beyond the words). */
function isPureHelp(argv) {
  if (argv.length === 1) return argv[0] === '--help' || argv[0] === '-h';
  if (argv.length !== 2) return false;
  if (argv[0] === 'help') return WORD.test(argv[1]);
  // `api --help` is the api group's help; `api <operationId> --help` (3 words) is not cached
  return WORD.test(argv[0]) && argv[0] !== 'help' && argv[0] !== '__complete' && (argv[1] === '--help' || argv[1] === '-h');
}

/**
 * Where the help of this invocation is (or would be) stored, and the key it must hold;
 * undefined when `argv` is not a pure help invocation or there is no cache to trust.
 * @param bundleDir dist/bundle/ (absolute)
 * @param argv the words after `atlascli`
 * @param stdout the stream the help goes to (its `columns` and `isTTY`)
 */
function helpCacheEntry(bundleDir, argv, stdout) {
  if (!isPureHelp(argv)) return undefined;
  let buildKey;
  try {
    buildKey = readFileSync(join(bundleDir, 'build-key'), 'utf8').trim();
  } catch {
    return undefined;
  }
  if (!/^[0-9a-f]{16,}$/.test(buildKey)) return undefined;
  const dir = cacheDir(bundleDir);
  if (!dir) return undefined;
  // the width as src/program/cli.ts wraps help to it
  const key = `${buildKey} ${argv.join(' ')} ${stdout.columns || 80} ${stdout.isTTY ? 'tty' : 'pipe'}`;
  return { dir, buildKey, key, file: join(dir, `help-${buildKey}-${fnv1a(key)}.txt`) };
}

/** The stored help of `entry` (its first line the key, then the text), or undefined. */
function readHelp(entry) {
  try {
    const data = readFileSync(entry.file, 'utf8');
    const nl = data.indexOf('\n');
    return nl >= 0 && data.slice(0, nl) === entry.key ? data.slice(nl + 1) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stores `text` as the help of `entry`, written aside then renamed (a run reading meanwhile
 * sees the old file or the new one, whole), and removes the helps of other builds. Only into
 * a cache folder that exists (bin/compile-cache.js makes it, with the file that names its
 * copy of the bundle). Never throws.
 */
function storeHelp(entry, text) {
  const tmp = `${entry.file}.${process.pid}`;
  try {
    if (!existsSync(entry.dir)) return;
    writeFileSync(tmp, `${entry.key}\n${text}`, { mode: 0o600 });
    renameSync(tmp, entry.file);
    const mine = `help-${entry.buildKey}-`;
    for (const f of readdirSync(entry.dir)) if (f.startsWith('help-') && !f.startsWith(mine)) rmSync(join(entry.dir, f), { force: true });
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // left for the temporary folder's cleaning
    }
  }
}

module.exports = { helpCacheEntry, readHelp, storeHelp, isPureHelp };
