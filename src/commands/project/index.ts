import type { Command } from 'commander';
import { lazy, withDryRun, withLimit, type Runtime } from '../action.js';
import { PROJECT_SETTINGS } from './views.js';

const run = (name: keyof typeof import('./run.js')) => async () => (await import('./run.js'))[name];

export function registerProject(program: Command, rt: Runtime): void {
  const project = program.command('project').description('projects (Atlas groups)');
  withLimit(project.command('list').description('list the projects the credentials can see; with --org <id>, that organization\'s')).action(lazy(rt, run('list')));
  project
    .command('get [projectId]')
    .description('one project, by id or --name (default: the configured project)')
    .option('--name <name>', 'find it by name')
    .action(lazy(rt, run('get')));
  withDryRun(
    project
      .command('create <name>')
      .description('create a project in an organization (--org or the configured org)')
      .option('--tag <key=value...>', 'resource tags')
      .option('--no-default-alerts', 'do not create the default alert settings'),
  ).action(lazy(rt, run('create')));
  withDryRun(project.command('delete <projectId>').description('delete a project (asks first; --force in scripts)')).action(
    lazy(rt, run('remove')),
  );
  withLimit(project.command('users [projectId]').description('users of a project')).action(lazy(rt, run('users')));
  withLimit(project.command('teams [projectId]').description('teams of a project')).action(lazy(rt, run('teams')));

  const settings = project.command('settings').description('project settings');
  settings.command('get [projectId]').description('show the project settings').action(lazy(rt, run('settingsGet')));
  const set = withDryRun(settings.command('set [projectId]').description('change project settings: one flag per setting, true or false'));
  for (const s of PROJECT_SETTINGS) set.option(`--${s.flag} <bool>`, s.key);
  set.action(lazy(rt, run('settingsSet')));
}
