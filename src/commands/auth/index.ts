import type { Command } from '@commander-js/extra-typings';
import { examples, lazy, type Prints, type Runtime } from '../../program/action.js';
import { WHOAMI_VIEW } from './views.js';

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

const WHOAMI_PRINTS: Prints = { view: WHOAMI_VIEW, fields: ['kind', 'id', 'source', 'orgs', 'projects'] };
const WHOAMI_HELP = examples('atlascli auth whoami', 'atlascli whoami -o json', 'atlascli auth whoami --projects --query "projects[].name" -o value');

function whoami(cmd: Command, rt: Runtime): void {
  cmd
    .description('prove the credentials: their kind, id, where they come from and the organizations they reach (exit 3 when refused)')
    .option('--projects', 'also list the projects they reach')
    .addHelpText('after', WHOAMI_HELP)
    .action(lazy(rt, run('whoami'), WHOAMI_PRINTS));
}

/** The subcommands of `auth`, added to the group's command when it is used (its header is in src/program/groups.ts). */
export function registerAuth(auth: Command, rt: Runtime): void {
  whoami(auth.command('whoami'), rt);
  auth
    .command('token')
    .description('print a bearer access token of the service account (client id and client secret), the cached one while valid; API keys have none (exit 2)')
    .addHelpText(
      'after',
      examples(
        'atlascli auth token',
        'curl -H "Authorization: Bearer $(atlascli auth token)" -H "Accept: application/vnd.atlas.2023-01-01+json" https://cloud.mongodb.com/api/atlas/v2/groups',
      ),
    )
    .action(lazy(rt, run('token'), {}));
}

/** `atlascli whoami`: `auth whoami` at the root, as gh and wrangler have it. */
export function registerWhoami(program: Command, rt: Runtime): void {
  whoami(program.command('whoami'), rt);
}
