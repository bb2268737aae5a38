import type { Command, OptionValues } from '@commander-js/extra-typings';
import { examples, lazy, withDryRun, withIfExists, withLimit, type Runtime } from '../../program/action.js';
import { USER_VIEW } from '../org/views.js';
import { PROJECT_ROLES } from '../../spec/project-roles.js';
import { NEW_TEAM_VIEW, TEAM_VIEW } from './views.js';
import { TEAM_VIEW as PROJECT_TEAM_VIEW } from '../project/views.js';

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

/** The subcommands of `team`, added to the group's command when it is used (its header is in ../../program/groups.ts). */
export function registerTeam(team: Command, rt: Runtime): void {
  withLimit(team.command('list').description("the organization's teams (--org or the configured organization)"))
    .addHelpText('after', examples('atlascli team list', 'atlascli teams ls --org a0123456789abcdef012345a -o json'))
    .action(lazy(rt, run('list'), { operationId: 'listOrgTeams', view: TEAM_VIEW }));

  team
    .command('get <id-or-name>')
    .description('one team, by id or name')
    .addHelpText('after', examples('atlascli team get dba-team', 'atlascli team get e0123456789abcdef012345e -o json', 'ID=$(atlascli team get developers --fields id -o value)'))
    .action(lazy(rt, run('get'), { operationId: 'getOrgTeam', view: TEAM_VIEW }));

  withDryRun(
    team
      .command('create <name>')
      .description('create a team with its first users (Atlas refuses a team without users)')
      .option('--user <username...>', 'a user of the organization, by username (email address); repeat for more (at least one)'),
  )
    .addHelpText(
      'after',
      `\nThe users must be users of the organization (active, or invited and pending).${examples(
        'atlascli team create ops --user ada.owner@example.com',
        'atlascli team create app-devs --user dev.eloper@example.com --user rita.reader@example.com -o json',
      )}`,
    )
    .action(lazy(rt, run('create'), { operationId: 'createOrgTeam', view: NEW_TEAM_VIEW }));

  withDryRun(team.command('rename <id-or-name> <new-name>').description('rename a team'))
    .addHelpText('after', examples('atlascli team rename app-devs mobile-devs', 'atlascli team rename e1123456789abcdef012345e app-developers --dry-run'))
    .action(lazy(rt, run('rename'), { operationId: 'renameOrgTeam', view: TEAM_VIEW }));

  withIfExists(withDryRun(team.command('delete <id-or-name>').description('delete a team (asks first; --force in scripts)')))
    .addHelpText(
      'after',
      `\nAtlas refuses to delete a team a project still has (CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT): remove it from its projects first with \`atlascli project teams remove\`.${examples(
        'atlascli team delete ops',
        'atlascli team rm mobile-devs --force --if-exists',
      )}`,
    )
    .action(lazy(rt, run('remove'), { fields: ['deleted', 'id'] }));

  const users = team
    .command('users')
    .description('the users of a team: list, add, remove')
    .addHelpText('after', examples('atlascli team users list dba-team', 'atlascli team users add dba-team rita.reader@example.com'));
  withLimit(users.command('list <id-or-name>').description("a team's users, active and pending"))
    .addHelpText('after', examples('atlascli team users list dba-team', 'atlascli team users ls developers -o json'))
    .action(lazy(rt, run('usersList'), { operationId: 'listOrgTeamUsers', view: USER_VIEW }));
  withDryRun(users.command('add <id-or-name> <usernames...>').description('add users of the organization to a team, by username (email address)'))
    .addHelpText(
      'after',
      `\nEach username is looked up in the organization first: one it does not have stops the command before anything is added (404 USER_NOT_IN_ORG); one already in the team is left out with a note.${examples(
        'atlascli team users add dba-team rita.reader@example.com',
        'atlascli team users add developers new.hire@example.com bill.payer@example.com -o json',
      )}`,
    )
    .action(lazy(rt, run('usersAdd'), { operationId: 'addOrgTeamUser', view: USER_VIEW }));
  withIfExists(withDryRun(users.command('remove <id-or-name> <usernames...>').description('remove users from a team (asks first; --force in scripts)')))
    .addHelpText(
      'after',
      `\nA team keeps at least one user: removing all of them is refused before anything is sent (delete the team instead).${examples(
        'atlascli team users remove dba-team rita.reader@example.com --force',
        'atlascli team users remove developers old.hand@example.com --force --if-exists',
      )}`,
    )
    .action(lazy(rt, run('usersRemove'), { fields: ['removed', 'teamId'] }));
}

/**
 * `project teams add|remove`, added under `project teams [projectId]` (which keeps listing
 * the project's teams: `project teams`, `project teams <id>`, `project teams <name>`).
 */
export function registerProjectTeams<A extends unknown[], O extends OptionValues, G extends OptionValues>(teams: Command<A, O, G>, rt: Runtime): void {
  withDryRun(
    teams
      .command('add <team>')
      .description('give a team of the organization access to the project (-p or the configured one), by team id or name')
      .option('--role <GROUP_ROLE...>', `a project role: ${PROJECT_ROLES.join(', ')}; repeat for more (at least one)`),
  )
    .addHelpText(
      'after',
      examples(
        'atlascli project teams add dba-team --role GROUP_OWNER -p atlascli-sim-staging',
        'atlascli project teams add e1123456789abcdef012345e --role GROUP_READ_ONLY --role GROUP_DATA_ACCESS_READ_ONLY -p atlascli-sim-staging',
      ),
    )
    .action(lazy(rt, run('projectTeamAdd'), { operationId: 'addGroupTeams', view: PROJECT_TEAM_VIEW }));
  withIfExists(withDryRun(teams.command('remove <team>').description("remove a team's access to the project, by team id or name (asks first; --force in scripts)")))
    .addHelpText('after', examples('atlascli project teams remove dba-team --force', 'atlascli project teams remove e1123456789abcdef012345e --force --if-exists'))
    .action(lazy(rt, run('projectTeamRemove'), { fields: ['removed', 'teamId', 'groupId'] }));
}
