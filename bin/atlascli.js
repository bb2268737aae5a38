#!/usr/bin/env node
// The only place that ends the process: run the CLI, then set the exit code.
import { main } from '../dist/cli.js';

// Ctrl-C stops whatever runs (a wait leaves the cluster as it is) and exits 130.
process.on('SIGINT', () => {
  process.stderr.write('\natlascli: interrupted\n');
  process.exit(130);
});

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
