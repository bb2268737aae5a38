import type { Command } from '@commander-js/extra-typings';
import { examples, lazy, withIfExists, type Handler, type Prints, type Runtime } from '../../program/action.js';

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

/** `config` subcommands: usage, description, handler, examples, and the fields of what it prints. */
const COMMANDS: ReadonlyArray<[string, string, keyof typeof import('./run.js'), string[], Prints?]> = [
  [
    'init',
    'create or update a profile: prompts on a terminal, takes the global flags otherwise; proves the credentials before saving',
    'init',
    ['atlascli config init', 'atlascli config init --profile ci --public-key "$PUB" --project b0123456789abcdef012345b', 'atlascli config init --no-verify'],
  ],
  [
    'set <key> <value>',
    'set a profile key (publicKey or public-key, projectId, orgId, baseUrl, output, …); a value of - is read from stdin (for secrets)',
    'set',
    [
      'atlascli config set project-id b0123456789abcdef012345b',
      'printf %s "$ATLAS_KEY" | atlascli config set private-key -',
      'atlascli config set client-id mdb_sa_id_0123456789abcdef01234567',
      'printf %s "$CLIENT_SECRET" | atlascli config set client-secret -',
    ],
  ],
  ['get <key>', 'print a profile key (secrets masked)', 'get', ['atlascli config get project-id']],
  ['unset <key>', 'remove a profile key', 'unset', ['atlascli config unset org-id']],
  ['list', 'list the profiles', 'list', ['atlascli config list', 'atlascli config ls -o json'], { fields: ['name', 'active'] }],
  [
    'describe',
    'every setting in effect, its value (secrets masked) and where it comes from',
    'describe',
    ['atlascli config describe', 'atlascli config describe --profile ci -o json'],
    { fields: ['setting', 'value', 'source', 'from'] },
  ],
  ['use <profile>', 'make a profile the active one', 'use', ['atlascli config use prod']],
  ['delete <profile>', 'delete a profile', 'remove', ['atlascli config delete old']],
  ['path', 'print the config file path', 'path', ['atlascli config path']],
];

/** The subcommands of `config`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerConfig(config: Command, rt: Runtime): void {
  for (const [usage, description, handler, lines, prints] of COMMANDS) {
    const cmd = config
      .command(usage)
      .description(description)
      .addHelpText('after', examples(...lines));
    // config init proves the credentials before saving them (auth whoami's request)
    if (handler === 'init') cmd.option('--no-verify', 'save the credentials without proving them with a request to Atlas');
    if (usage.startsWith('delete ')) withIfExists(cmd).action(lazy(rt, run('remove'), prints));
    // the table's handlers differ in their arguments and options (init reads --no-verify): each is
    // checked against its own definition by its test, not by tsc through this loop
    else cmd.action(lazy(rt, run(handler) as unknown as () => Promise<Handler<Record<string, unknown>>>, prints));
  }
}
