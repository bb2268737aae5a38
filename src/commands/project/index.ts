import type { Command } from 'commander';
import { lazy, withDryRun, withLimit, type Runtime } from '../action.js';
import { PROJECT_SETTINGS, PROJECT_VIEW, TEAM_VIEW } from './views.js';
import { USER_VIEW } from '../org/views.js';

const SETTINGS_VIEW = { columns: PROJECT_SETTINGS.map((s) => ({ header: s.flag, value: s.key })) };

const run = (name: keyof typeof import('./run.js')) => async () => (await import('./run.js'))[name];

export function registerProject(program: Command, rt: Runtime): void {
  const project = program.command('project').description('projects (Atlas groups)');
  withLimit(project.command('list').description('list the projects the credentials can see; with --org <id>, that organization\'s')).action(lazy(rt, run('list'), { operationId: 'listGroups', view: PROJECT_VIEW }));
  project
    .command('get [projectId]')
    .description('one project, by id or --name (default: the configured project)')
    .option('--name <name>', 'find it by name')
    .action(lazy(rt, run('get'), { operationId: 'getGroup', view: PROJECT_VIEW }));
  withDryRun(
    project
      .command('create <name>')
      .description('create a project in an organization (--org or the configured org)')
      .option('--tag <key=value...>', 'resource tags')
      .option('--no-default-alerts', 'do not create the default alert settings'),
  ).action(lazy(rt, run('create'), { operationId: 'createGroup', view: PROJECT_VIEW }));
  withDryRun(project.command('delete <projectId>').description('delete a project (asks first; --force in scripts)')).action(
    lazy(rt, run('remove'), { fields: ['deleted', 'id'] }),
  );
  withLimit(project.command('users [projectId]').description('users of a project')).action(lazy(rt, run('users'), { operationId: 'listGroupUsers', view: USER_VIEW }));
  withLimit(project.command('teams [projectId]').description('teams of a project')).action(lazy(rt, run('teams'), { operationId: 'listGroupTeams', view: TEAM_VIEW }));

  const settings = project.command('settings').description('project settings');
  settings.command('get [projectId]').description('show the project settings').action(lazy(rt, run('settingsGet'), { operationId: 'getGroupSettings', view: SETTINGS_VIEW }));
  const set = withDryRun(settings.command('set [projectId]').description('change project settings: one flag per setting, true or false'));
  for (const s of PROJECT_SETTINGS) set.option(`--${s.flag} <bool>`, s.key);
  set.action(lazy(rt, run('settingsSet'), { operationId: 'updateGroupSettings', view: SETTINGS_VIEW }));
}
