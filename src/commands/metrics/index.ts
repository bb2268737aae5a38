import type { Command, OptionValues } from '@commander-js/extra-typings';
import { lazy, type Prints, type Runtime } from '../../program/action.js';
import { SUMMARY_VIEW } from './views.js';
import type { MeasurementsOperation } from './options.js';

const run =
  <N extends 'process' | 'database' | 'disk' | 'cluster' | 'project'>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

const collect = (v: string, prev: string[] = []) => [...prev, v];

function withWindow<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(cmd: Command<Args, Opts, Globals>) {
  return cmd
    .option('--granularity <duration>', 'interval between data points: PT10S, PT1M, PT5M, PT30M, PT1H or P1D (default PT5M)')
    .option('--period <duration>', 'how far back from now: PT6H, P2D, 90m… (default: about 300 points at the granularity)')
    .option('--start <date>', 'start of the window: ISO 8601 or a time ago such as 2h')
    .option('--end <date>', 'end of the window (default now)')
    .option('--metric <name>', 'a measurement to fetch (repeatable; default: all)', collect)
    .addHelpText(
      'after',
      '\nOutput: min, max, mean and last of each measurement in its unit (a sparkline on a terminal);\n--format full lists every data point, -o json prints the documents as served,\n-o csv prints timestamp,host,metric,value,unit rows.',
    );
}

/** The subcommands of `metrics`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerMetrics(metrics: Command, rt: Runtime): void {
  const prints = (operationId: MeasurementsOperation): Prints => ({ operationId, view: SUMMARY_VIEW });
  withWindow(metrics.command('process <host:port>').description('measurements of one process'))
    .addHelpText(
      'after',
      '\nExamples:\n  $ atlascli metrics process atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017 --metric CONNECTIONS --metric PROCESS_CPU_USER\n  $ atlascli metrics process atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017 --granularity PT1H --period P7D -o csv',
    )
    .action(lazy(rt, run('process'), prints('getGroupProcessMeasurements')));
  withWindow(metrics.command('database <host:port> <db>').description('measurements of one database of a process'))
    .addHelpText('after', '\nExamples:\n  $ atlascli metrics database atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017 sample_mflix --metric DATABASE_DATA_SIZE')
    .action(lazy(rt, run('database'), prints('getGroupProcessDatabaseMeasurements')));
  withWindow(metrics.command('disk <host:port> <partition>').description('measurements of one disk partition of a process'))
    .addHelpText('after', '\nExamples:\n  $ atlascli metrics disk atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017 data --metric DISK_PARTITION_SPACE_PERCENT_USED')
    .action(lazy(rt, run('disk'), prints('getGroupProcessDiskMeasurements')));
  withWindow(metrics.command('cluster <name>').description('measurements of every process of a cluster, fetched concurrently'))
    .addHelpText('after', '\nExamples:\n  $ atlascli metrics cluster Cluster0 --metric CONNECTIONS --start 2h')
    .action(lazy(rt, run('cluster'), prints('getGroupProcessMeasurements')));
  withWindow(metrics.command('project').description('measurements of every process of every cluster of the project (-p or the configured one), fetched concurrently'))
    .addHelpText(
      'after',
      '\nExamples:\n  $ atlascli metrics project --metric CONNECTIONS --start 2h\n  $ atlascli metrics project -p atlascli-sim --metric PROCESS_CPU_USER --granularity PT1H --period P1D -o csv',
    )
    .action(lazy(rt, run('project'), prints('getGroupProcessMeasurements')));
}
