import type { Command } from 'commander';
import { lazy, type Runtime } from '../action.js';

const run = (name: keyof typeof import('./run.js')) => async () => (await import('./run.js'))[name];

export function registerConfig(program: Command, rt: Runtime): void {
  const config = program
    .command('config')
    .description('profiles and settings in the config file (flag > environment > profile > default)');
  config
    .command('init')
    .description('create or update a profile: prompts on a terminal, takes the global flags otherwise')
    .action(lazy(rt, run('init')));
  config
    .command('set <key> <value>')
    .description('set a profile key (publicKey or public-key, projectId, orgId, baseUrl, output, …)')
    .action(lazy(rt, run('set')));
  config.command('get <key>').description('print a profile key (secrets masked)').action(lazy(rt, run('get')));
  config.command('unset <key>').description('remove a profile key').action(lazy(rt, run('unset')));
  config.command('list').description('list the profiles').action(lazy(rt, run('list')));
  config
    .command('describe')
    .description('every setting in effect, its value (secrets masked) and where it comes from')
    .action(lazy(rt, run('describe')));
  config.command('use <profile>').description('make a profile the active one').action(lazy(rt, run('use')));
  config.command('delete <profile>').description('delete a profile').action(lazy(rt, run('remove')));
  config.command('path').description('print the config file path').action(lazy(rt, run('path')));
}
