import type { Command, OptionValues } from '@commander-js/extra-typings';
import { lazy, withDryRun, withIfExists, withLimit, type Prints, type Runtime } from '../../program/action.js';
import { DATABASE_USER_VIEW, GENERATED_PASSWORD_VIEW } from './views.js';

const USER: Prints = { operationId: 'getGroupDatabaseUser', view: DATABASE_USER_VIEW };
const WITH_PASSWORD: Prints = { operationId: 'getGroupDatabaseUser', view: GENERATED_PASSWORD_VIEW, fields: ['password'] };

const run =
  <N extends 'list' | 'get' | 'create' | 'update' | 'remove'>(name: N) =>
  async () =>
    (await import('./run.js'))[name];
const collect = (v: string, prev: string[] = []) => [...prev, v];

const ROLE_HELP =
  '\nRoles: role@database[.collection], repeatable. Built in: read, readWrite, dbAdmin (any database; read and readWrite also' +
  '\nper collection), atlasAdmin, readAnyDatabase, readWriteAnyDatabase, dbAdminAnyDatabase, clusterMonitor, backup,' +
  '\nenableSharding (admin only). Any other name must be a custom role of the project (checked before sending), given' +
  '\nalone (ordersReader): Atlas grants custom roles on admin; their privileges name the databases they reach.' +
  '\nThe collection is everything after the first dot: read@sales.orders.2024 is database sales, collection orders.2024.';
const PASSWORD_HELP =
  '\nPasswords are never taken from the command line: type it at the prompt (not echoed), pipe it with --password-stdin,' +
  '\nor let --generate-password make a strong one, printed once on stdout.';
const AUTH_DB_HELP =
  "\nThe auth database is admin for password users, LDAP groups and OIDC workforce users, '$external' for AWS IAM, x.509, LDAP users and OIDC workload users; without --auth-db an ARN or a distinguished name (CN=…, C=US,ST=…,CN=…) means '$external'.";

function withExpiry<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(cmd: Command<Args, Opts, Globals>) {
  return cmd
    .option('--delete-after <date>', 'a temporary user: Atlas deletes it at this time (at most a week ahead)')
    .option('--ttl <duration>', 'a temporary user: Atlas deletes it after this long, e.g. 2h (at most 7d)')
    .option('--scope <type:name>', 'limit the user to a cluster: cluster:NAME (repeatable; also data-lake:NAME, stream:NAME)', collect);
}

/** The subcommands of `user`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerUser(user: Command, rt: Runtime): void {
  withLimit(user.command('list').description('list the database users of the project'))
    .option('--all-projects', "every project the credentials reach (with --org: that organization's), with a PROJECT column")
    .addHelpText('after', '\nExamples:\n  $ atlascli user list\n  $ atlascli user list -o json')
    .action(lazy(rt, run('list'), { operationId: 'listGroupDatabaseUsers', view: DATABASE_USER_VIEW }));

  user
    .command('get <username>')
    .description('one database user')
    .option('--auth-db <db>', "the user's auth database: admin or '$external'")
    .addHelpText('after', `${AUTH_DB_HELP}\n\nExamples:\n  $ atlascli user get app-user\n  $ atlascli user get arn:aws:iam::123456789012:role/app-role -o json`)
    .action(lazy(rt, run('get'), USER));

  withDryRun(
    withExpiry(
      user
        .command('create <username>')
        .description('create a database user')
        .option('--role <role@db[.collection]>', 'a role (repeatable)', collect)
        .option('--password-stdin', 'read the password from stdin')
        .option('--generate-password', 'generate a strong password and print it once')
        .option('--aws-iam <type>', 'authenticate with AWS IAM: USER or ROLE (the username is the ARN)')
        .option('--x509 <type>', 'authenticate with x.509 certificates: MANAGED or CUSTOMER')
        .option('--oidc <type>', 'authenticate with OIDC: IDP_GROUP (workforce) or USER (workload)')
        .option('--ldap <type>', 'authenticate with LDAP: USER or GROUP')
        .option('--description <text>', 'a description (at most 100 characters)'),
    ),
  )
    .addHelpText(
      'after',
      `${ROLE_HELP}\n${PASSWORD_HELP}\n\nExamples:\n  $ atlascli user create app --role readWrite@sales --generate-password\n` +
        '  $ printf %s "$DB_PASSWORD" | atlascli user create ci --role read@sales.orders --password-stdin --ttl 2h --scope cluster:Cluster0\n' +
        '  $ atlascli user create arn:aws:iam::123456789012:role/app --aws-iam ROLE --role readWrite@sales',
    )
    .action(lazy(rt, run('create'), WITH_PASSWORD));

  withDryRun(
    withExpiry(
      user
        .command('update <username>')
        .description('change a database user: sends only what changes')
        .option('--role <role@db[.collection]>', 'replace every role with these (repeatable)', collect)
        .option('--add-role <role@db[.collection]>', 'add a role, keep the others (repeatable)', collect)
        .option('--remove-role <role@db[.collection]>', 'remove a role, keep the others (repeatable)', collect)
        .option('--password-stdin', 'a new password, read from stdin')
        .option('--generate-password', 'a new generated password, printed once')
        .option('--auth-db <db>', "the user's auth database: admin or '$external'"),
    ),
  )
    .addHelpText(
      'after',
      `${ROLE_HELP}\n${AUTH_DB_HELP}\n\nExamples:\n  $ atlascli user update app-user --add-role read@analytics\n  $ atlascli user update app-user --remove-role readWrite@sales --add-role read@sales\n  $ printf %s "$NEW" | atlascli user update app-user --password-stdin`,
    )
    .action(lazy(rt, run('update'), WITH_PASSWORD));

  withIfExists(
    withDryRun(
      user
        .command('delete <username>')
        .description('delete a database user (asks first; --force in scripts)')
        .option('--auth-db <db>', "the user's auth database: admin or '$external'"),
    ),
  )
    .addHelpText('after', `${AUTH_DB_HELP}\n\nExamples:\n  $ atlascli user delete app-user --force`)
    .action(lazy(rt, run('remove'), { fields: ['username', 'databaseName', 'deleted'] }));
}
