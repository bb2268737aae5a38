import type { Command } from '@commander-js/extra-typings';
import { examples, lazy, withDryRun, withIfExists, type Prints, type Runtime } from '../../program/action.js';
import { CUSTOM_ROLE_VIEW } from './views.js';

const ROLE: Prints = { operationId: 'getGroupCustomDbRoleRole', view: CUSTOM_ROLE_VIEW };

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

const collect = (v: string, prev: string[] = []) => [...prev, v];

const SYNTAX_HELP =
  '\n--privilege ACTION[,ACTION]@db[.collection] grants actions on a database (every collection) or one collection;' +
  '\n--privilege ACTION[,ACTION] without @ grants them on the cluster (LIST_SESSIONS, SERVER_STATUS…).' +
  "\nActions are the spec's: FIND, INSERT, UPDATE, REMOVE, LIST_COLLECTIONS… (TAB completes them; case and - are forgiven)." +
  '\n--inherit role@db inherits a built-in role (read@sales) or another custom role of the project.';

/** The subcommands of `custom-role`, added to the group's command when it is used (its header is in ../../program/groups.ts). */
export function registerCustomRole(g: Command, rt: Runtime): void {
  g.command('list')
    .description("the project's custom database roles")
    .addHelpText('after', examples('atlascli custom-role list', 'atlascli custom-role list -o json --query "[].roleName"'))
    .action(lazy(rt, run('list'), { operationId: 'listGroupCustomDbRoleRoles', view: CUSTOM_ROLE_VIEW }));

  g.command('get <name>')
    .description('one custom role: its privileges and inherited roles')
    .addHelpText('after', examples('atlascli custom-role get salesAuditor', 'atlascli custom-role get salesAuditor -o json'))
    .action(lazy(rt, run('get'), ROLE));

  withDryRun(g.command('create <name>').description('create a custom role from privileges and inherited roles'))
    .option('--privilege <ACTION[,ACTION]@db[.collection]>', 'actions granted on a database, a collection or (no @) the cluster (repeatable)', collect)
    .option('--inherit <role@db>', 'a role whose privileges this one inherits (repeatable)', collect)
    .addHelpText('after', SYNTAX_HELP)
    .addHelpText(
      'after',
      examples(
        'atlascli custom-role create ordersReader --privilege FIND,LIST_COLLECTIONS@sales --privilege FIND@sales.orders',
        'atlascli custom-role create sessionKiller --privilege LIST_SESSIONS,KILL_ANY_SESSION',
        'atlascli custom-role create analyst --inherit read@analytics --privilege FIND@sales.orders --dry-run',
      ),
    )
    .action(lazy(rt, run('create'), ROLE));

  withDryRun(g.command('update <name>').description('replace the privileges (--privilege) and/or the inherited roles (--inherit) of a custom role'))
    .option('--privilege <ACTION[,ACTION]@db[.collection]>', 'the new privileges, replacing the current ones (repeatable)', collect)
    .option('--inherit <role@db>', 'the new inherited roles, replacing the current ones (repeatable)', collect)
    .option('--append', 'add the --privilege and --inherit given to what the role has, instead of replacing it')
    .addHelpText('after', SYNTAX_HELP)
    .addHelpText(
      'after',
      examples('atlascli custom-role update ordersReader --privilege FIND@sales', 'atlascli custom-role update ordersReader --append --privilege INSERT@sales.orders'),
    )
    .action(lazy(rt, run('update'), ROLE));

  withIfExists(withDryRun(g.command('delete <name>').description('delete a custom role (asks first; --force in scripts)')))
    .addHelpText('after', '\nAtlas takes the role off the database users and roles that have it, and refuses when one of them would be left with no role at all.')
    .addHelpText('after', examples('atlascli custom-role delete ordersReader --force', 'atlascli custom-role rm ordersReader --force --if-exists'))
    .action(lazy(rt, run('remove'), { fields: ['roleName', 'deleted'] }));
}
