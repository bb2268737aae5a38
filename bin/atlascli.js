#!/usr/bin/env node
// The only place that ends the process: run the CLI, then set the exit code. CommonJS
// (bin/package.json), as the bundle is: Node 20 starts an ES module entry ~5 ms later.
'use strict';
const argv = process.argv.slice(2);

// `atlascli --version` alone is answered here, before any module of the CLI loads.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  const { readFileSync } = require('node:fs');
  const { join } = require('node:path');
  process.stdout.write(`${JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version}\n`);
} else {
  // a pure help invocation (`--help`, `<group> --help`, `help <group>`) is printed from
  // the help text cache when an earlier run stored it (bin/help-cache.js), else rendered
  const { join } = require('node:path');
  const bundleDir = join(__dirname, '..', 'dist', 'bundle');
  const help = require('./help-cache.js').helpCacheEntry(bundleDir, argv, process.stdout);
  const text = help && require('./help-cache.js').readHelp(help);
  if (text !== undefined) {
    // a reader that stops early is not an error; another failure of stdout is, as in run()
    process.stdout.on('error', (err) => {
      if (err.code !== 'EPIPE') {
        process.stderr.write(`atlascli: cannot write the output to stdout: ${err.code ?? err.message}${err.code === 'ENOSPC' ? ' (no space left on the device)' : ''}\n`);
        process.exitCode = 1;
      }
    });
    process.stdout.write(text);
  } else void run(bundleDir, help);
}

async function run(bundleDir, help) {
  // dist/bundle/ is the bundled CLI (scripts/bundle.js): its entry and the chunks it loads on demand
  const { join } = require('node:path');
  const { loadBundle } = require('./compile-cache.js');
  const { main, Cleanup, SIGNAL_EXIT } = loadBundle(join(bundleDir, 'cli.cjs'));
  // what the run must undo if it is cut short: its interrupt hooks and temp files
  const cleanup = new Cleanup();

  // Ctrl-C (130), SIGTERM (143) and SIGHUP (129: the terminal or SSH session closed) stop
  // whatever runs (a wait leaves the cluster as it is): one line on stderr (none after a
  // hang-up: there is no terminal left to write to), then the interrupt hooks undo what
  // must not be left behind (temp files, a temporary access-list entry, a child process);
  // a hook may set the exit code. A second signal exits at once.
  let stopping = false;
  const onSignal = (signal, code, word) => {
    process.on(signal, async () => {
      if (stopping) process.exit(code);
      stopping = true;
      if (word) process.stderr.write(`\natlascli: ${word}\n`);
      process.exit((await cleanup.interrupt(signal)) ?? code);
    });
  };
  // the exit codes come from the one exit-code table (src/errors.ts)
  onSignal('SIGINT', SIGNAL_EXIT.SIGINT, 'interrupted');
  onSignal('SIGTERM', SIGNAL_EXIT.SIGTERM, 'terminated');
  onSignal('SIGHUP', SIGNAL_EXIT.SIGHUP);

  // A reader that stops early (`atlascli project list | head -1`) is not an error; any other
  // failure of stdout (a full disk) is one line on stderr and exit 1.
  process.stdout.on('error', (err) => {
    cleanup.removeTempFiles();
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`atlascli: cannot write the output to stdout: ${err.code ?? err.message}${err.code === 'ENOSPC' ? ' (no space left on the device)' : ''}\n`);
    process.exit(1);
  });

  // a help to store: what the run writes to stdout, kept as it goes by
  const printed = [];
  let stderrUsed = false;
  const stdout = help
    ? Object.create(process.stdout, { write: { value: (chunk, ...rest) => (printed.push(String(chunk)), process.stdout.write(chunk, ...rest)) } })
    : process.stdout;
  const code = await main(
    argv,
    {
      stdout,
      // process.stdin and process.stderr are built on first use (~4 and ~1 ms): only
      // commands that use them pay for them
      get stderr() {
        stderrUsed = true;
        return process.stderr;
      },
      get stdin() {
        return process.stdin;
      },
      env: process.env,
    },
    cleanup,
  );
  process.exitCode = code;
  // stored at exit, after bin/compile-cache.js has made the cache folder: only a help that
  // went as help goes (exit 0, nothing on stderr, stdout written without a failure)
  if (help && code === 0 && !stderrUsed) process.on('exit', (exitCode) => exitCode === 0 && require('./help-cache.js').storeHelp(help, printed.join('')));
}
