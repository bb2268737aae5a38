/**
 * `atlascli org api-keys …`: the organization's API keys (list, get) and each key's
 * access list (list, add, delete). Registered from org/index.ts with one call; the
 * handlers are in api-keys-run.ts.
 */
import type { Command } from '@commander-js/extra-typings';
import { lazy, withDryRun, withIfExists, withLimit, type Runtime } from '../../program/action.js';
import { API_KEY_VIEW, KEY_ENTRY_VIEW } from './api-keys-views.js';

type Name = 'list' | 'get' | 'accessList' | 'accessAdd' | 'accessDelete';
const run =
  <N extends Name>(name: N) =>
  async () =>
    (await import('./api-keys-run.js'))[name];

export function registerApiKeys(org: Command, rt: Runtime): void {
  const keys = org
    .command('api-keys')
    .alias('apikeys')
    .description("the organization's API keys and their access lists (--org or the configured org)")
    .addHelpText('after', '\nExamples:\n  $ atlascli org api-keys list\n  $ atlascli org api-keys access-list list 5f0123456789abcdef012345');

  withLimit(keys.command('list').description('list the API keys of the organization'))
    .addHelpText('after', '\nPrivate keys are never shown.\n\nExamples:\n  $ atlascli org api-keys list\n  $ atlascli org api-keys list --org a0123456789abcdef012345a -o json')
    .action(lazy(rt, run('list'), { operationId: 'listOrgApiKeys', view: API_KEY_VIEW }));
  keys
    .command('get <keyId>')
    .description('one API key')
    .addHelpText('after', '\nExamples:\n  $ atlascli org api-keys get 5f0123456789abcdef012345')
    .action(lazy(rt, run('get'), { operationId: 'getOrgApiKey', view: API_KEY_VIEW }));

  const access = keys
    .command('access-list')
    .description('the addresses an API key may be used from')
    .addHelpText(
      'after',
      '\nExamples:\n  $ atlascli org api-keys access-list list 5f0123456789abcdef012345\n  $ atlascli org api-keys access-list add 5f0123456789abcdef012345 --current-ip',
    );
  withLimit(access.command('list <keyId>').description("list an API key's access list"))
    .addHelpText('after', '\nExamples:\n  $ atlascli org api-keys access-list list 5f0123456789abcdef012345')
    .action(lazy(rt, run('accessList'), { operationId: 'listOrgApiKeyAccessListEntries', view: KEY_ENTRY_VIEW }));
  withDryRun(
    access
      .command('add <keyId> [ip-or-cidr...]')
      .description('add addresses or CIDR blocks to an API key (all in one request); an entry that exists is a success')
      .option('--current-ip', "add this machine's public address, as Atlas sees it"),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  $ atlascli org api-keys access-list add 5f0123456789abcdef012345 203.0.113.7 10.0.0.0/8\n  $ atlascli org api-keys access-list add 5f0123456789abcdef012345 --current-ip',
    )
    .action(lazy(rt, run('accessAdd'), { operationId: 'listOrgApiKeyAccessListEntries', view: KEY_ENTRY_VIEW }));
  withIfExists(
    withDryRun(
      access
        .command('delete <keyId> [ip-or-cidr...]')
        .alias('rm')
        .description("remove addresses or CIDR blocks from an API key's access list (asks first; --force in scripts)")
        .option('--current-ip', "remove this machine's public address, as Atlas sees it"),
    ),
  )
    .addHelpText('after', '\nExamples:\n  $ atlascli org api-keys access-list delete 5f0123456789abcdef012345 203.0.113.7 --force')
    .action(lazy(rt, run('accessDelete'), { fields: ['entry', 'deleted'] }));
}
