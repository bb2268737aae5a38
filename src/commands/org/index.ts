import type { Command } from 'commander';
import { lazy, withLimit, type Runtime } from '../action.js';
import { ORG_VIEW, USER_VIEW } from './views.js';
import { PROJECT_VIEW } from '../project/views.js';
import { registerApiKeys } from './api-keys.js';

const run = (name: keyof typeof import('./run.js')) => async () => (await import('./run.js'))[name];

export function registerOrg(program: Command, rt: Runtime): void {
  const org = program.command('org').description('organizations');
  withLimit(org.command('list').description('list the organizations the credentials can see'))
    .option('--name <name>', 'only organizations whose name matches')
    .action(lazy(rt, run('list'), { operationId: 'listOrgs', view: ORG_VIEW }));
  org
    .command('get [orgId]')
    .description('one organization, by id or --name (default: the configured org)')
    .option('--name <name>', 'find it by name')
    .action(lazy(rt, run('get'), { operationId: 'getOrg', view: ORG_VIEW }));
  withLimit(org.command('users [orgId]').description('users of an organization')).action(lazy(rt, run('users'), { operationId: 'listOrgUsers', view: USER_VIEW }));
  withLimit(org.command('projects [orgId]').description('projects of an organization'))
    .option('--name <name>', 'only projects whose name matches')
    .action(lazy(rt, run('projects'), { operationId: 'getOrgGroups', view: PROJECT_VIEW }));
  registerApiKeys(org, rt);
}
