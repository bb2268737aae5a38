import type { Command } from '@commander-js/extra-typings';
import { lazy, withLimit, type Runtime } from '../../program/action.js';
import { ORG_VIEW, USER_VIEW } from './views.js';
import { PROJECT_VIEW } from '../project/views.js';
import { registerApiKeys } from './api-keys.js';

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

/** The subcommands of `org`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerOrg(org: Command, rt: Runtime): void {
  withLimit(org.command('list').description('list the organizations the credentials can see'))
    .option('--name <name>', 'only organizations whose name matches')
    .addHelpText('after', '\nExamples:\n  $ atlascli org list\n  $ atlascli org ls --name "Twin Org" -o json')
    .action(lazy(rt, run('list'), { operationId: 'listOrgs', view: ORG_VIEW }));
  org
    .command('get [orgId]')
    .description('one organization, by id or --name (default: the configured org)')
    .option('--name <name>', 'find it by name')
    .addHelpText('after', '\nExamples:\n  $ atlascli org get\n  $ atlascli org get a0123456789abcdef012345a -o json\n  $ atlascli org get --name "atlascli Partner Org"')
    .action(lazy(rt, run('get'), { operationId: 'getOrg', view: ORG_VIEW }));
  withLimit(org.command('users [orgId]').description('users of an organization'))
    .addHelpText('after', '\nExamples:\n  $ atlascli org users\n  $ atlascli org users a0123456789abcdef012345a -o csv')
    .action(lazy(rt, run('users'), { operationId: 'listOrgUsers', view: USER_VIEW }));
  withLimit(org.command('projects [orgId]').description('projects of an organization'))
    .option('--name <name>', 'only projects whose name matches')
    .addHelpText('after', '\nExamples:\n  $ atlascli org projects\n  $ atlascli org projects a0123456789abcdef012345a --name staging')
    .action(lazy(rt, run('projects'), { operationId: 'getOrgGroups', view: PROJECT_VIEW }));
  registerApiKeys(org, rt);
}
