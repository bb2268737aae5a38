/**
 * `atlascli service-account …` (alias `service-accounts`): the organization's service
 * accounts, the OAuth 2.0 clients scripts log in with (`--client-id` / `--client-secret`),
 * and their secrets. Handlers in run.ts.
 */
import type { Command } from '@commander-js/extra-typings';
import { examples, lazy, withDryRun, withIfExists, withLimit, type Runtime } from '../../program/action.js';
import { ORG_ROLES } from '../../args/roles.js';
import { NEW_SECRET_VIEW, NEW_SERVICE_ACCOUNT_VIEW, SERVICE_ACCOUNT_VIEW } from './views.js';

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];
const collect = (v: string, prev: string[] = []) => [...prev, v];

/** The simulator's own service account (SEED.serviceAccount): the examples that read it or add a secret to it work as written against `atlascli simulator`. */
const SIM_CLIENT = 'mdb_sa_id_aa0123456789abcdef0123aa';
/** A client id as Atlas generates it at creation (`service-account create` prints it): for the examples that delete. */
const CLIENT = 'mdb_sa_id_0123456789abcdef01234567';
const EXPIRY_HELP = '\nA secret lives 8 hours to 365 days, in whole hours (30d, 720h, P90D); default 30 days.';

/** The subcommands of `service-account`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerServiceAccount(sa: Command, rt: Runtime): void {
  withLimit(sa.command('list').description('list the service accounts of the organization (--org or the configured org)'))
    .addHelpText('after', `\nSecrets are never shown.\n${examples('atlascli service-account list', 'atlascli service-accounts ls --org "atlascli Simulated Org" -o json')}`)
    .action(lazy(rt, run('list'), { operationId: 'listOrgServiceAccounts', view: SERVICE_ACCOUNT_VIEW }));

  sa.command('get <clientId>')
    .description('one service account, with its secrets (masked) and when they expire')
    .addHelpText('after', examples(`atlascli service-account get ${SIM_CLIENT}`, `atlascli service-account get ${SIM_CLIENT} -o json`))
    .action(lazy(rt, run('get'), { operationId: 'getOrgServiceAccount', view: SERVICE_ACCOUNT_VIEW }));

  withDryRun(
    sa
      .command('create')
      .description('create a service account and its first secret; the client secret is printed once, on stdout')
      .option('--name <name>', 'its name (1 to 64 characters)')
      .option('--description <text>', 'what it is for (1 to 250 characters)')
      .option('--role <ORG_ROLE>', 'an organization role (repeatable)', collect)
      .option('--secret-expires-after <duration>', 'how long the first secret lives (8h to 365d; default 30d)'),
  )
    .addHelpText(
      'after',
      `\nRoles (repeatable, any case): ${ORG_ROLES.join(', ')}.${EXPIRY_HELP}` +
        '\nThe secret is the field `secrets.0.secret`: --fields or --query that would leave it out are refused.' +
        '\nLog in with it: atlascli --client-id <client id> --client-secret <secret> …, or ATLAS_CLIENT_ID and ATLAS_CLIENT_SECRET.\n' +
        examples(
          'atlascli service-account create --name ci-deploy --description "Deploys from CI" --role ORG_MEMBER',
          'atlascli service-account create --name audit --description "Nightly audit" --role ORG_READ_ONLY --secret-expires-after 90d -o json',
          "atlascli service-account create --name ci --description ci --role ORG_MEMBER --query 'secrets[0].secret' -o value",
        ),
    )
    .action(lazy(rt, run('create'), { operationId: 'createOrgServiceAccount', view: NEW_SERVICE_ACCOUNT_VIEW }));

  withIfExists(withDryRun(sa.command('delete <clientId>').description('delete a service account: its secrets and tokens stop working (asks first; --force in scripts)')))
    .addHelpText('after', examples(`atlascli service-account delete ${CLIENT} --force`))
    .action(lazy(rt, run('remove'), { fields: ['clientId', 'deleted'] }));

  const secret = sa
    .command('secret')
    .description("a service account's client secrets: create one (printed once), delete one")
    .addHelpText(
      'after',
      examples(`atlascli service-account secret create ${SIM_CLIENT} --expires-after 30d`, `atlascli service-account secret delete ${SIM_CLIENT} 6a0123456789abcdef012345 --force`),
    );
  withDryRun(
    secret
      .command('create <clientId>')
      .description('create a client secret; printed once, on stdout (Atlas never shows it again)')
      .option('--expires-after <duration>', 'how long it lives (8h to 365d; default 30d)'),
  )
    .addHelpText(
      'after',
      `${EXPIRY_HELP}\nThe secret is the field \`secret\`: --fields or --query that would leave it out are refused.\n` +
        examples(`atlascli service-account secret create ${SIM_CLIENT} --expires-after 90d`, `atlascli service-account secret create ${SIM_CLIENT} --fields secret -o value`),
    )
    .action(lazy(rt, run('secretCreate'), { operationId: 'createOrgServiceAccountSecret', view: NEW_SECRET_VIEW }));
  withIfExists(withDryRun(secret.command('delete <clientId> <secretId>').description('delete a client secret (asks first; --force in scripts)')))
    .addHelpText('after', examples(`atlascli service-account secret delete ${SIM_CLIENT} 6a0123456789abcdef012345 --force`))
    .action(lazy(rt, run('secretDelete'), { fields: ['clientId', 'secretId', 'deleted'] }));
}
