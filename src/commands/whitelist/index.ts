import type { Command } from '@commander-js/extra-typings';
import { lazy, withDryRun, withIfExists, withLimit, type Prints, type Runtime } from '../../program/action.js';
import { ENTRY_VIEW } from './views.js';

const ENTRY: Prints = { operationId: 'getGroupAccessListEntry', view: ENTRY_VIEW };

const run =
  <N extends 'list' | 'get' | 'add' | 'remove'>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

const EXPIRY_HELP = '\nDates: ISO 8601 (2026-11-01T10:00:00Z) or a time from now (2h, 3d); durations: 30m, 2h, 7d, PT1H. At most a week ahead.';

/** The subcommands of `whitelist`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerWhitelist(wl: Command, rt: Runtime): void {
  withLimit(wl.command('list').description('list the entries of the access list'))
    .option('--all-projects', "every project the credentials reach (with --org: that organization's), with a PROJECT column")
    .addHelpText('after', '\nExamples:\n  $ atlascli whitelist list\n  $ atlascli access-list list -o json')
    .action(lazy(rt, run('list'), { operationId: 'listGroupAccessListEntries', view: ENTRY_VIEW }));

  wl.command('get <ip-or-cidr>')
    .description('one entry, by address or CIDR block')
    .addHelpText('after', '\nExamples:\n  $ atlascli whitelist get 203.0.113.10\n  $ atlascli whitelist get 10.8.0.0/16 -o json')
    .action(lazy(rt, run('get'), ENTRY));

  withDryRun(
    wl
      .command('add [ip-or-cidr...]')
      .description('add addresses or CIDR blocks (all in one request); adding an entry that exists is a success')
      .option('--current-ip', "add this machine's public address, as Atlas sees it")
      .option('--comment <text>', 'a comment on each entry (at most 80 characters)')
      .option('--delete-after <date>', 'remove the entries at this time (at most a week ahead)')
      .option('--ttl <duration>', 'remove the entries after this long, e.g. 2h (at most 7d)')
      .option('--wait', 'wait until every entry is ACTIVE (a first connection fails while one is PENDING)')
      .option('--wait-timeout <seconds>', 'give up waiting after this long (default 1800)'),
  )
    .addHelpText(
      'after',
      `${EXPIRY_HELP}\n\nExamples:\n  $ atlascli whitelist add 203.0.113.7 10.0.0.0/8 --comment office\n  $ atlascli whitelist add --current-ip --ttl 2h --wait`,
    )
    .action(lazy(rt, run('add'), { operationId: 'createGroupAccessListEntry', view: ENTRY_VIEW }));

  withIfExists(
    withDryRun(
      wl
        .command('delete [ip-or-cidr...]')
        .description('remove addresses or CIDR blocks (asks first; --force in scripts)')
        .option('--current-ip', "remove this machine's public address, as Atlas sees it"),
    ),
  )
    .addHelpText('after', '\nExamples:\n  $ atlascli whitelist delete 203.0.113.10 --force\n  $ atlascli whitelist delete --current-ip --force --if-exists')
    .action(lazy(rt, run('remove'), { fields: ['entry', 'deleted'] }));

  withDryRun(
    wl
      .command('exec <command...>')
      .description("run a command while this machine's public address is on the access list, then remove it")
      .option('--current-ip', "the address to allow: this machine's public address (the default)")
      .option('--ttl <duration>', 'the entry expires after this long even if atlascli is killed (default 1h, at most 7d)')
      .option('--comment <text>', "a note on the entry, after the runs' leases (at most 55 characters)")
      .option('--pass-credentials', 'pass the Atlas credentials (ATLAS_*, MONGODB_ATLAS_* keys and secrets) on to the command')
      .option('--wait-timeout <seconds>', 'give up waiting for the entry to be ACTIVE after this long (default 1800)'),
  )
    .addHelpText(
      'after',
      '\nThe entry is added (with the TTL as a safety net), the command runs once it is ACTIVE with stdin, stdout and stderr passed' +
        '\nthrough, and the entry is removed afterwards: also when the command fails, on Ctrl-C and on SIGTERM. atlascli exits with' +
        "\nthe command's exit code." +
        '\n\nThe command runs in a process group of its own, without the Atlas credentials in its environment (unless' +
        '\n--pass-credentials). On a signal, and once the command has exited, whatever is left of its group is stopped and waited' +
        '\nfor before the entry is removed.' +
        '\n\nRuns behind one address (parallel CI jobs behind a NAT) share the entry: each writes a lease in its comment' +
        '\n("atlascli exec k3f9ur5tq …") and the last one out removes it. An entry someone else made is left in place.' +
        '\n\nExamples:\n  $ atlascli whitelist exec --current-ip -- mongosh "$MONGODB_URI" --eval "db.runCommand({ping: 1})"' +
        '\n  $ atlascli whitelist exec --ttl 30m --comment "CI job $CI_JOB_ID" -- npm run migrate',
    )
    .action(lazy(rt, async () => (await import('./exec.js')).exec));
}
