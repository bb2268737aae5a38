import type { Command } from '@commander-js/extra-typings';
import { lazy, withLimit, type Runtime } from '../../program/action.js';
import { DATABASE_VIEW, DISK_VIEW, PROCESS_VIEW } from './views.js';

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

/** The subcommands of `process`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerProcess(process: Command, rt: Runtime): void {
  withLimit(
    process
      .command('list')
      .description('list the processes: host:port, cluster, type, replica set, version, last ping')
      .option('--cluster <name>', 'only the processes of this cluster')
      .option('--type <type>', 'only primary, secondary, mongos or config processes')
      .option('--all-projects', "every project the credentials reach (with --org: that organization's), with a PROJECT column"),
  )
    .addHelpText('after', '\nExamples:\n  $ atlascli process list\n  $ atlascli process list --cluster Cluster0 --type primary\n  $ atlascli process list -o json')
    .action(lazy(rt, run('list'), { operationId: 'listGroupProcesses', view: PROCESS_VIEW }));
  process
    .command('get <host:port>')
    .description('one process')
    .addHelpText('after', '\nExamples:\n  $ atlascli process get atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017')
    .action(lazy(rt, run('get'), { operationId: 'getGroupProcess', view: PROCESS_VIEW }));
  withLimit(process.command('databases <host:port>').description('databases of a process'))
    .addHelpText('after', '\nExamples:\n  $ atlascli process databases atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017')
    .action(lazy(rt, run('databases'), { operationId: 'listGroupProcessDatabases', view: DATABASE_VIEW }));
  withLimit(process.command('disks <host:port>').description('disk partitions of a process'))
    .addHelpText('after', '\nExamples:\n  $ atlascli process disks atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017')
    .action(lazy(rt, run('disks'), { operationId: 'listGroupProcessDisks', view: DISK_VIEW }));
}
