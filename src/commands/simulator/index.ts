import type { Command } from '@commander-js/extra-typings';
import { lazy, type Runtime } from '../../program/action.js';

export function registerSimulator(program: Command, rt: Runtime): void {
  program
    .command('simulator')
    .description('run the bundled Atlas API simulator on loopback, to try atlascli and test scripts without an Atlas account')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8080')
    .option('--host <host>', 'loopback address to bind', '127.0.0.1')
    .option('--step-ms <ms>', "make every state change take this long (default: Atlas's duration for each kind, 120 times shorter on the real clock)")
    .option('--clock <mode>', "real (state changes take Atlas's durations / 120 of wall time) or manual (Atlas's durations; time moves only on POST /__simulator/clock)", 'real')
    .option('--scenario <file.json>', 'start from this state instead of the seed (see --print-schema): orgs, projects, clusters, database users, access lists, faults')
    .option('--record <file.jsonl>', 'write every API request, as answered, one JSON line each (secrets masked)')
    .option('--env-out <path>', 'write the export ATLAS_… lines to this file (mode 0600) once listening, instead of stdout')
    .option('--print-schema', "print the scenario file's JSON Schema and exit")
    .addHelpText('after', '\nPrints the environment that points atlascli at it on stdout (export lines); the access log goes to stderr.')
    .addHelpText(
      'after',
      '\nExamples:\n  $ atlascli simulator --port 8080\n  $ atlascli simulator --port 0 --step-ms 500 > sim.env &\n  $ atlascli simulator --port 0 --scenario ci.json --record requests.jsonl --env-out sim.env &\n  $ atlascli simulator --clock manual   # then: curl -d \'{"advance":"PT10M"}\' localhost:8080/__simulator/clock',
    )
    .action(lazy(rt, async () => (await import('./run.js')).run));
}
