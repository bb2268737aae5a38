/**
 * `atlascli org api-keys …`: the organization's API keys (list, get) and each key's
 * access list (list, add, delete). Registered from org/index.ts with one call; the
 * handlers are in api-keys-run.ts.
 */
import type { Command } from '@commander-js/extra-typings';
import { examples, lazy, withDryRun, withIfExists, withLimit, type Runtime } from '../../program/action.js';
import { API_KEY_VIEW, KEY_ENTRY_VIEW, NEW_API_KEY_VIEW } from './api-keys-views.js';
import { ORG_ROLES } from '../../args/roles.js';

type Name = 'list' | 'get' | 'create' | 'update' | 'remove' | 'accessList' | 'accessAdd' | 'accessDelete';
const collect = (v: string, prev: string[] = []) => [...prev, v];
const ROLE_HELP = `\nRoles (repeatable, any case): ${ORG_ROLES.join(', ')}.`;
const run =
  <N extends Name>(name: N) =>
  async () =>
    (await import('./api-keys-run.js'))[name];

export function registerApiKeys(org: Command, rt: Runtime): void {
  const keys = org
    .command('api-keys')
    .alias('apikeys')
    .description("the organization's API keys and their access lists (--org or the configured org)")
    .addHelpText(
      'after',
      examples(
        'atlascli org api-keys list',
        'atlascli org api-keys create --description "CI deploy" --role ORG_MEMBER',
        'atlascli org api-keys access-list list f0123456789abcdef012345f',
      ),
    );

  withLimit(keys.command('list').description('list the API keys of the organization'))
    .addHelpText('after', '\nPrivate keys are never shown.\n\nExamples:\n  $ atlascli org api-keys list\n  $ atlascli org api-keys list --org a0123456789abcdef012345a -o json')
    .action(lazy(rt, run('list'), { operationId: 'listOrgApiKeys', view: API_KEY_VIEW }));
  keys
    .command('get <keyId>')
    .description('one API key')
    .addHelpText('after', '\nExamples:\n  $ atlascli org api-keys get f0123456789abcdef012345f')
    .action(lazy(rt, run('get'), { operationId: 'getOrgApiKey', view: API_KEY_VIEW }));

  withDryRun(
    keys
      .command('create')
      .description('create an API key; its private key is printed once, on stdout (Atlas never shows it again)')
      .option('--description <text>', 'what the key is for (1 to 250 characters)')
      .option('--role <ORG_ROLE>', 'an organization role (repeatable)', collect),
  )
    .addHelpText(
      'after',
      `${ROLE_HELP}\nThe private key is the field \`privateKey\`: --fields or --query that would leave it out are refused.\n` +
        examples(
          'atlascli org api-keys create --description "CI deploy" --role ORG_MEMBER',
          'atlascli org api-keys create --description ci --role ORG_READ_ONLY -o json > key.json',
          'atlascli org api-keys create --description ci --role ORG_MEMBER --fields publicKey,privateKey -o value',
        ),
    )
    .action(lazy(rt, run('create'), { operationId: 'createOrgApiKey', view: NEW_API_KEY_VIEW }));
  withDryRun(
    keys
      .command('update <keyId>')
      .description("change an API key's description or roles (--role replaces them all)")
      .option('--description <text>', 'the new description (1 to 250 characters)')
      .option('--role <ORG_ROLE>', 'an organization role (repeatable; replaces the roles)', collect),
  )
    .addHelpText(
      'after',
      `${ROLE_HELP}\n${examples('atlascli org api-keys update f0123456789abcdef012345f --role ORG_READ_ONLY', 'atlascli org api-keys update f0123456789abcdef012345f --description "CI (read only)"')}`,
    )
    .action(lazy(rt, run('update'), { operationId: 'updateOrgApiKey', view: API_KEY_VIEW }));
  withIfExists(withDryRun(keys.command('delete <keyId>').description('delete an API key (asks first; --force in scripts)')))
    .addHelpText('after', examples('atlascli org api-keys delete f1123456789abcdef012345f --force'))
    .action(lazy(rt, run('remove'), { fields: ['id', 'deleted'] }));

  const access = keys
    .command('access-list')
    .description('the addresses an API key may be used from')
    .addHelpText(
      'after',
      '\nExamples:\n  $ atlascli org api-keys access-list list f0123456789abcdef012345f\n  $ atlascli org api-keys access-list add f0123456789abcdef012345f --current-ip',
    );
  withLimit(access.command('list <keyId>').description("list an API key's access list"))
    .addHelpText('after', '\nExamples:\n  $ atlascli org api-keys access-list list f0123456789abcdef012345f')
    .action(lazy(rt, run('accessList'), { operationId: 'listOrgApiKeyAccessListEntries', view: KEY_ENTRY_VIEW }));
  withDryRun(
    access
      .command('add <keyId> [ip-or-cidr...]')
      .description('add addresses or CIDR blocks to an API key (all in one request); an entry that exists is a success')
      .option('--current-ip', "add this machine's public address, as Atlas sees it"),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  $ atlascli org api-keys access-list add f0123456789abcdef012345f 203.0.113.7 10.0.0.0/8\n  $ atlascli org api-keys access-list add f0123456789abcdef012345f --current-ip',
    )
    .action(lazy(rt, run('accessAdd'), { operationId: 'listOrgApiKeyAccessListEntries', view: KEY_ENTRY_VIEW }));
  withIfExists(
    withDryRun(
      access
        .command('delete <keyId> [ip-or-cidr...]')
        .description("remove addresses or CIDR blocks from an API key's access list (asks first; --force in scripts)")
        .option('--current-ip', "remove this machine's public address, as Atlas sees it"),
    ),
  )
    .addHelpText('after', '\nExamples:\n  $ atlascli org api-keys access-list delete f0123456789abcdef012345f 203.0.113.10 --force')
    .action(lazy(rt, run('accessDelete'), { fields: ['entry', 'deleted'] }));
}
