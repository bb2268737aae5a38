import type { Command } from '@commander-js/extra-typings';
import { registerProjectTeams } from '../team/index.js';
import { lazy, withDryRun, withIfExists, withLimit, type Runtime } from '../../program/action.js';
import { PROJECT_SETTINGS, PROJECT_VIEW, TEAM_VIEW } from './views.js';
import { USER_VIEW } from '../org/views.js';
import { examples } from '../../program/action.js';
import { API_KEY_VIEW } from '../org/api-keys-views.js';
import { PROJECT_ROLES } from '../../spec/project-roles.js';
import { parseRole } from '../../args/roles.js';
import type { OptionValues } from '@commander-js/extra-typings';

const SETTINGS_VIEW = { columns: PROJECT_SETTINGS.map((s) => ({ header: s.flag, value: s.key })) };

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

/** The subcommands of `project`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerProject(project: Command, rt: Runtime): void {
  withLimit(project.command('list').description("list the projects the credentials can see; with --org <id>, that organization's"))
    .addHelpText('after', '\nExamples:\n  $ atlascli project list\n  $ atlascli projects ls --org a0123456789abcdef012345a -o json')
    .action(lazy(rt, run('list'), { operationId: 'listGroups', view: PROJECT_VIEW }));
  project
    .command('get [projectId]')
    .description('one project, by id or --name (default: the configured project)')
    .option('--name <name>', 'find it by name')
    .addHelpText(
      'after',
      '\nExamples:\n  $ atlascli project get\n  $ atlascli project get b0123456789abcdef012345b -o json\n  $ atlascli project get "Proj Beta"\n  $ ID=$(atlascli project get --name atlascli-sim-staging --fields id -o value)',
    )
    .action(lazy(rt, run('get'), { operationId: 'getGroup', view: PROJECT_VIEW }));
  withDryRun(
    project
      .command('create <name>')
      .description('create a project in an organization (--org or the configured org)')
      .option('--tag <key=value...>', 'resource tags')
      .option('--no-default-alerts', 'do not create the default alert settings'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  $ atlascli project create staging --org a0123456789abcdef012345a\n  $ atlascli project create sandbox --tag env=dev --no-default-alerts -o json',
    )
    .action(lazy(rt, run('create'), { operationId: 'createGroup', view: PROJECT_VIEW }));
  withIfExists(withDryRun(project.command('delete <id-or-name>').description('delete a project, by id or name (asks first; --force in scripts)')))
    .option('--cascade', "delete the project's clusters first (waiting until they are gone), then the project")
    .option('--wait-timeout <seconds>', 'with --cascade: give up waiting for the clusters after this long (default 1800)')
    .addHelpText('after', '\nAtlas refuses to delete a project that has clusters (CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS): --cascade deletes them first.')
    .addHelpText(
      'after',
      '\nExamples:\n  $ atlascli project delete partner-app\n  $ atlascli project rm b2123456789abcdef012345b --force\n  $ atlascli project delete "ci $GITHUB_RUN_ID" --cascade --force --if-exists',
    )
    .action(lazy(rt, run('remove'), { fields: ['deleted', 'id', 'clusters'] }));
  const users = withLimit(project.command('users [projectId]').description('users of a project, by id or name (default: the configured project)'))
    .option('--flatten-teams', 'also the members of the teams that have a role in the project')
    .option('--include-org-users', 'also the users with access through their organization role (Organization Owner, Organization Read Only)')
    .addHelpText(
      'after',
      examples(
        'atlascli project users',
        'atlascli project users b0123456789abcdef012345b -o json',
        'atlascli project users "Proj Beta" --flatten-teams --include-org-users',
        'atlascli project users remove d2123456789abcdef012345d --dry-run',
      ),
    )
    .action(lazy(rt, run('users'), { operationId: 'listGroupUsers', view: USER_VIEW }));
  const teams = withLimit(project.command('teams [projectId]').description('teams of a project and their roles; add or remove one'))
    .addHelpText(
      'after',
      '\nExamples:\n  $ atlascli project teams\n  $ atlascli project teams "Proj Beta" -o json\n  $ atlascli project teams add dba-team --role GROUP_READ_ONLY -p atlascli-sim-staging',
    )
    .action(lazy(rt, run('teams'), { operationId: 'listGroupTeams', view: TEAM_VIEW }));
  // `project teams add|remove`: defined with the team group
  registerProjectTeams(teams, rt);

  const settings = project
    .command('settings')
    .description('project settings')
    .addHelpText('after', '\nExamples:\n  $ atlascli project settings get\n  $ atlascli project settings set --data-explorer false');
  settings
    .command('get [projectId]')
    .description('show the project settings')
    .addHelpText('after', '\nExamples:\n  $ atlascli project settings get\n  $ atlascli project settings get b0123456789abcdef012345b -o json')
    .action(lazy(rt, run('settingsGet'), { operationId: 'getGroupSettings', view: SETTINGS_VIEW }));
  const set = withDryRun(settings.command('set [projectId]').description('change project settings: one flag per setting, true or false')).addHelpText(
    'after',
    '\nExamples:\n  $ atlascli project settings set --data-explorer false\n  $ atlascli project settings set --performance-advisor true --dry-run',
  );
  for (const s of PROJECT_SETTINGS) set.option(`--${s.flag} <bool>`, s.key);
  set.action(lazy(rt, run('settingsSet'), { operationId: 'updateGroupSettings', view: SETTINGS_VIEW }));

  registerProjectAccess(project, users, rt);
}

/**
 * `project users remove`, `project api-keys list|assign|unassign` and `project update`
 * (issue 22): `users` is the `project users` command, which keeps its own action.
 */
function registerProjectAccess<A extends unknown[], O extends OptionValues>(project: Command, users: Command<A, O>, rt: Runtime): void {
  withIfExists(withDryRun(users.command('remove <userId>').description('remove a user from the project (-p or the configured one; asks first, --force in scripts)')))
    .addHelpText('after', examples('atlascli project users remove d1123456789abcdef012345d', 'atlascli project users remove d2123456789abcdef012345d -p atlascli-sim --force'))
    .action(lazy(rt, run('usersRemove'), { fields: ['removed', 'userId', 'projectId'] }));

  const keys = project
    .command('api-keys')
    .description("the organization's API keys assigned to a project, and their project roles")
    .addHelpText('after', examples('atlascli project api-keys list', 'atlascli project api-keys assign f1123456789abcdef012345f --role GROUP_READ_ONLY'));
  withLimit(keys.command('list [projectId]').description('API keys assigned to a project, by id or name (default: the configured project)'))
    .addHelpText('after', '\nPrivate keys are never shown.' + examples('atlascli project api-keys list', 'atlascli project api-keys ls "Proj Beta" -o json'))
    .action(lazy(rt, run('apiKeysList'), { operationId: 'listGroupApiKeys', view: API_KEY_VIEW }));
  withDryRun(
    keys
      .command('assign <keyId>')
      .description('assign an organization API key to the project (-p or the configured one) with these roles; a key already assigned gets these roles instead of its own')
      .option('--role <GROUP_ROLE>', `project role, repeatable or comma-separated: ${PROJECT_ROLES.join(', ')}`, collectProjectRoles),
  )
    .addHelpText(
      'after',
      examples(
        'atlascli project api-keys assign f1123456789abcdef012345f --role GROUP_READ_ONLY',
        'atlascli project api-keys assign f1123456789abcdef012345f --role GROUP_CLUSTER_MANAGER --role GROUP_DATA_ACCESS_READ_ONLY -p atlascli-sim-staging',
      ),
    )
    .action(lazy(rt, run('apiKeysAssign'), { operationId: 'updateGroupApiKeyRoles', view: API_KEY_VIEW }));
  withIfExists(withDryRun(keys.command('unassign <keyId>').description('take an API key off the project (-p or the configured one; asks first, --force in scripts)')))
    .addHelpText('after', examples('atlascli project api-keys unassign f0123456789abcdef012345f --force'))
    .action(lazy(rt, run('apiKeysUnassign'), { fields: ['unassigned', 'keyId', 'projectId'] }));

  withDryRun(
    project
      .command('update <id-or-name>')
      .description('rename a project or set its tags')
      .option('--name <new>', 'the new name')
      .option('--tag <key=value...>', 'the tags, replacing all of them (repeatable)'),
  )
    .addHelpText('after', '\nAtlas keeps the tags given and drops the others: give every tag the project should have.')
    .addHelpText(
      'after',
      examples(
        'atlascli project update atlascli-sim-staging --name atlascli-sim-eu',
        'atlascli project update b0123456789abcdef012345b --tag env=prod --tag team=payments -o json',
      ),
    )
    .action(lazy(rt, run('update'), { operationId: 'updateGroup', view: PROJECT_VIEW }));
}

/**
 * A commander parser for a repeatable `--role <GROUP_ROLE>` (also comma-separated), run as
 * the command line is read: upper-cased, checked against Atlas's project roles
 * (src/spec/project-roles.ts), duplicates dropped.
 * @returns the roles so far, with this value's
 * @throws UsageError (exit 2) naming the closest roles
 */
function collectProjectRoles(value: string, previous: string[] = []): string[] {
  const out = [...previous];
  for (const raw of value.split(',')) {
    if (!raw.trim()) continue;
    const role = parseRole('group', '--role', raw);
    if (!out.includes(role)) out.push(role);
  }
  return out;
}
