import type { Command } from 'commander';
import { lazy, type Prints, type Runtime } from '../action.js';

const run = (name: keyof typeof import('./run.js')) => async () => (await import('./run.js'))[name];

/** `config` subcommands: usage, description, handler, and the fields of what it prints. */
const COMMANDS: ReadonlyArray<[string, string, keyof typeof import('./run.js'), Prints?]> = [
  ['init', 'create or update a profile: prompts on a terminal, takes the global flags otherwise', 'init'],
  ['set <key> <value>', 'set a profile key (publicKey or public-key, projectId, orgId, baseUrl, output, …); a value of - is read from stdin (for secrets)', 'set'],
  ['get <key>', 'print a profile key (secrets masked)', 'get'],
  ['unset <key>', 'remove a profile key', 'unset'],
  ['list', 'list the profiles', 'list', { fields: ['name', 'active'] }],
  ['describe', 'every setting in effect, its value (secrets masked) and where it comes from', 'describe', { fields: ['setting', 'value', 'source', 'from'] }],
  ['use <profile>', 'make a profile the active one', 'use'],
  ['delete <profile>', 'delete a profile', 'remove'],
  ['path', 'print the config file path', 'path'],
];

export function registerConfig(program: Command, rt: Runtime): void {
  const config = program
    .command('config')
    .description('profiles and settings in the config file (flag > environment > profile > default)');
  for (const [usage, description, handler, prints] of COMMANDS) {
    config.command(usage).description(description).action(lazy(rt, run(handler), prints));
  }
}
