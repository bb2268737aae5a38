#!/usr/bin/env node
// The only place that ends the process: run the CLI, then set the exit code.
import { main } from '../dist/cli.js';

// Ctrl-C (130) and SIGTERM (143) stop whatever runs: the interrupt hooks undo what must
// not be left behind (temp files, a temporary access-list entry), then the process exits.
// A second signal exits at once.
const EXIT_ON = { SIGINT: 130, SIGTERM: 143 };
let stopping = false;
for (const [signal, code] of Object.entries(EXIT_ON)) {
  process.on(signal, async () => {
    if (stopping) process.exit(code);
    stopping = true;
    process.stderr.write(`\natlascli: interrupted${signal === 'SIGTERM' ? ' (SIGTERM)' : ''}\n`);
    const { runInterruptHooks } = await import('../dist/cleanup.js');
    process.exit((await runInterruptHooks(signal)) ?? code);
  });
}

// A reader that stops early (`atlascli project list | head -1`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
process.exitCode = code;
