import type { Command } from 'commander';
import { lazy, type Runtime } from '../action.js';

export function registerSimulator(program: Command, rt: Runtime): void {
  program
    .command('simulator')
    .description('run the bundled Atlas API simulator on loopback, to try atlascli and test scripts without an Atlas account')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8080')
    .option('--host <host>', 'loopback address to bind', '127.0.0.1')
    .option('--step-ms <ms>', 'how long each cluster state change takes', '5000')
    .action(lazy(rt, async () => (await import('./run.js')).run));
}
