import type { Command, OptionValues } from '@commander-js/extra-typings';
import { examples, lazy, type Runtime } from '../../program/action.js';

const run =
  <N extends 'download' | 'cluster' | 'project' | 'show'>(name: N) =>
  async () =>
    (await import('./run.js'))[name];
const collect = (v: string, prev: string[] = []) => [...prev, v];

function withWindow<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(cmd: Command<Args, Opts, Globals>) {
  return cmd
    .option('--type <log>', 'mongodb, mongos, mongodb-audit-log or mongos-audit-log (default mongodb)')
    .option('--start <date>', 'start of the window: ISO 8601 or a time ago such as 2h (Atlas default: 24 hours before --end)')
    .option('--end <date>', 'end of the window (Atlas default: now, or 24 hours after --start)');
}

/** The subcommands of `logs`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerLogs(logs: Command, rt: Runtime): void {
  withWindow(logs.command('download <hostname>').description("download one host's log (gzip), streamed to a file"))
    .option('--out <file>', 'where to write (default: the name Atlas gives; - for stdout)')
    .option('--decompress', 'write the log decompressed')
    .addHelpText(
      'after',
      '\nThe file appears only when the download is complete; an existing file is kept\nunless --force.\n\nExamples:\n  $ atlascli logs download atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net --start 2h\n  $ atlascli logs download atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net --type mongodb-audit-log --out audit.log.gz\n  $ atlascli logs download atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net --out - --decompress | grep -i error',
    )
    .action(lazy(rt, run('download'), { fields: ['hostname', 'type', 'path', 'bytes', 'empty'] }));
  withWindow(logs.command('cluster <name>').description('download the log of every host of a cluster, a file per host'))
    .option('--out-dir <dir>', 'folder for the files (default: the current one)')
    .option('--decompress', 'write the logs decompressed')
    .addHelpText('after', '\nExamples:\n  $ atlascli logs cluster Cluster0 --out-dir ./logs --start 6h\n  $ atlascli logs cluster ShardedCluster --type mongos')
    .action(lazy(rt, run('cluster'), { fields: ['hostname', 'type', 'path', 'bytes', 'empty'] }));
  withWindow(logs.command('project').description('download the log of every host of every cluster of the project (-p or the configured one), a file per host'))
    .option('--out-dir <dir>', 'folder for the files (default: the current one)')
    .option('--decompress', 'write the logs decompressed')
    .addHelpText(
      'after',
      `\nTwelve downloads at a time; a line per file, then a summary on stderr. A host that fails\ndoes not stop the others: the command then ends with the list of failed hosts and exit 7\n(network), 2 (a file exists: --force) or 4.\n${examples('atlascli logs project --out-dir ./logs --start 6h', 'atlascli logs project --type mongos --out-dir ./mongos -p atlascli-sim', 'atlascli logs project --type mongodb-audit-log --start 2026-11-01T00:00:00Z --end 2026-11-02T00:00:00Z')}`,
    )
    .action(lazy(rt, run('project'), { fields: ['hostname', 'type', 'path', 'bytes', 'empty'] }));
  withWindow(logs.command('show <hostname>').description("print a host's log lines as they arrive, filtered"))
    .option('--severity <level>', 'F, E, W, I or D: that severity and worse')
    .option('--component <name>', 'only these components (NETWORK, ACCESS, COMMAND…; repeatable or comma-separated)', collect)
    .option('--grep <regex>', 'only lines matching this regular expression')
    .addHelpText(
      'after',
      '\nReadable columns on a terminal, the raw lines when piped, one JSON object a line with -o json.\n\nExamples:\n  $ atlascli logs show atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net --severity W\n  $ atlascli logs show atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net --component ACCESS --grep "Failed to authenticate" --start 1h',
    )
    .action(lazy(rt, run('show')));
}
