import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { lazy, withDryRun, withLimit, type Prints, type Runtime } from '../../program/action.js';
import { ADVANCED_SETTINGS, ALL_PROJECTS_VIEW, CLUSTER_GET_VIEW, CLUSTER_VIEW } from './views.js';

/** Dedicated and free clusters come from the clusters API, Flex clusters from their own. */
const CLUSTER: Prints = {
  operationId: ['getGroupCluster', 'getGroupFlexCluster'],
  view: { columns: [...CLUSTER_VIEW.columns, ...CLUSTER_GET_VIEW.columns] },
};
const CLUSTER_LIST: Prints = {
  operationId: ['listGroupClusters', 'listGroupFlexClusters', 'listClusterDetails'],
  view: { columns: [...CLUSTER_VIEW.columns, ...ALL_PROJECTS_VIEW.columns] },
};
const ADVANCED_VIEW = { columns: ADVANCED_SETTINGS.map((s) => ({ header: s.flag, value: s.key })) };

const run = <N extends keyof typeof import('./run.js')>(name: N) => async () => (await import('./run.js'))[name];

const WAIT_HELP =
  '\nWaiting polls the cluster (every 1 s, backing off to 10 s) until it is IDLE; set ATLASCLI_POLL_MS=<ms> for a fixed interval.';

function withWait<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(cmd: Command<Args, Opts, Globals>, until = 'IDLE') {
  return cmd
    .option('--wait', `wait until the cluster is ${until}, then print it`)
    .option('--wait-timeout <seconds>', 'give up waiting after this long (default 1800)')
    .addHelpText('after', WAIT_HELP);
}

/** The flags that describe a cluster, for create and update. */
function withClusterFlags<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(cmd: Command<Args, Opts, Globals>, defaults: boolean) {
  const d = (text: string) => (defaults ? ` (default ${text})` : '');
  return cmd
    .option('--size <tier>', `instance size: M0 (free), FLEX, M10…M700, R40…R700, M40_NVME…${d('M10')}`)
    .option('--tier <tier>', 'the same as --size (the official atlas CLI calls it --tier); M2 and M5 make a Flex cluster')
    .option('--analytics-size <tier>', 'instance size of analytics nodes (default: the same as --size)')
    .option('--provider <cloud>', `AWS, GCP or AZURE${d('AWS')}`)
    .option('--region <region>', `region of the cloud: US_EAST_1 (AWS), CENTRAL_US (GCP), US_EAST_2 (AZURE)…${defaults ? ' (default: the first of these for the cloud)' : ''}`)
    .option('--mongodb-version <major>', 'MongoDB release: 7.0, 8.0 (8 means 8.0), or latest (every release as it comes)')
    .option('--disk-gb <n>', 'disk size in GB (10 to 4096; not with M0, FLEX or NVMe tiers)')
    .option('--type <type>', `REPLICASET or SHARDED${d('REPLICASET')}`)
    .option('--shards <n>', 'number of shards, 1 to 70 (SHARDED only)')
    .option('--backup', 'turn cloud backup on')
    .option('--no-backup', 'turn cloud backup off')
    .option('--tag <key=value>', 'a tag on the cluster (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--termination-protection', 'refuse to delete the cluster until this is turned off')
    .option('--no-termination-protection', 'allow the cluster to be deleted')
    .option('--file <path>', 'a cluster document (JSON; - for stdin), e.g. edited output of `cluster get <name> -o json`');
}

/** The subcommands of `cluster`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerCluster(cluster: Command, rt: Runtime): void {
  withLimit(cluster.command('list').description('list the clusters of the project: dedicated, free and Flex'))
    .option('--all-projects', 'every cluster the credentials can see, with its project (GET /clusters)')
    .addHelpText('after', '\nExamples:\n  $ atlascli cluster list\n  $ atlascli cluster list -p "Proj Beta" --query "[?paused].name" -o value\n  $ atlascli cluster list | cut -f1\n  $ atlascli cluster ls --all-projects -o json')
    .action(lazy(rt, run('list'), CLUSTER_LIST));
  cluster
    .command('get <name>')
    .description('one cluster')
    .addHelpText('after', '\nExamples:\n  $ atlascli cluster get Cluster0\n  $ atlascli cluster describe Cluster0 -o json')
    .action(lazy(rt, run('get'), CLUSTER));

  withDryRun(withWait(withClusterFlags(cluster.command('create <name>').description('create a cluster from flags or --file'), true)))
    .addHelpText('after', '\nWith no flags: an M10 replica set of 3 nodes on AWS US_EAST_1. Flags given with --file override the file.')
    .addHelpText('after', '\nExamples:\n  $ atlascli cluster create demo --wait\n  $ atlascli cluster create free --tier M0 --provider AWS --region US_EAST_1\n  $ atlascli cluster create big --tier M30 --type SHARDED --shards 2 --backup --tag env=prod\n  $ atlascli cluster create copy --file cluster.json --dry-run')
    .action(lazy(rt, run('create'), CLUSTER));
  withDryRun(withWait(withClusterFlags(cluster.command('update <name>').description('change a cluster: sends only what differs'), false)))
    .addHelpText('after', '\n--file takes what `cluster get <name> -o json` prints: read-only fields are dropped, changed fields sent.')
    .addHelpText('after', '\nExamples:\n  $ atlascli cluster update demo --tier M20 --wait\n  $ atlascli cluster update demo --disk-gb 40 --termination-protection\n  $ atlascli cluster get demo -o json > c.json && atlascli cluster update demo --file c.json')
    .action(lazy(rt, run('update'), CLUSTER));
  withDryRun(withWait(cluster.command('pause <name>').description('pause a cluster')))
    .addHelpText('after', '\nExamples:\n  $ atlascli cluster pause demo\n  $ atlascli cluster pause demo --wait')
    .action(lazy(rt, run('pause'), CLUSTER));
  withDryRun(withWait(cluster.command('resume <name>').description('resume a paused cluster')))
    .addHelpText('after', '\nExamples:\n  $ atlascli cluster resume demo --wait')
    .action(lazy(rt, run('resume'), CLUSTER));
  withDryRun(withWait(cluster.command('delete <name>').description('delete a cluster (asks first; --force in scripts)'), 'gone'))
    .option('--retain-backups', 'keep the snapshots of the cluster')
    .addHelpText('after', '\nExamples:\n  $ atlascli cluster delete demo\n  $ atlascli cluster rm demo --force --wait')
    .action(lazy(rt, run('remove'), { fields: ['name', 'deleted', 'stateName'] }));
  withDryRun(cluster.command('failover <name>').description('test failover: restart the primaries (asks first; --force in scripts)'))
    .addHelpText('after', '\nExamples:\n  $ atlascli cluster failover Cluster0 --force')
    .action(
    lazy(rt, run('failover'), { fields: ['name', 'failover'] }),
  );
  cluster
    .command('connection-string <name>')
    .description('print the connection string of a cluster (SRV by default), alone on stdout')
    .option('--type <type>', 'srv, standard, private, private-srv or private-endpoint (default srv)')
    .option('--wait', 'wait until the cluster has one (a cluster being created has none yet)')
    .option('--wait-timeout <seconds>', 'give up waiting after this long (default 1800)')
    .addHelpText('after', '\nExamples:\n  $ atlascli cluster connection-string Cluster0 --type standard\n  $ mongosh "$(atlascli cluster connection-string Cluster0)"')
    .action(lazy(rt, run('connectionString'), {}));
  cluster
    .command('watch <name>')
    .description('wait until a cluster is IDLE (or gone, if it is being deleted), showing its state')
    .option('--wait-timeout <seconds>', 'give up after this long (default 1800)')
    .addHelpText('after', WAIT_HELP)
    .addHelpText('after', '\nExamples:\n  $ atlascli cluster watch demo\n  $ atlascli cluster watch demo --wait-timeout 600 -o json')
    .action(lazy(rt, run('watch'), CLUSTER));

  const advanced = cluster
    .command('advanced')
    .description('advanced configuration (process arguments) of a cluster')
    .addHelpText('after', '\nExamples:\n  $ atlascli cluster advanced get Cluster0\n  $ atlascli cluster advanced set Cluster0 --min-tls TLS1_2');
  advanced
    .command('get <name>')
    .description('show the advanced configuration')
    .addHelpText('after', '\nExamples:\n  $ atlascli cluster advanced get Cluster0\n  $ atlascli cluster advanced get Cluster0 -o json')
    .action(lazy(rt, run('advancedGet'), { operationId: 'getGroupClusterProcessArgs', view: ADVANCED_VIEW }));
  // `--no-table-scan true|false` takes a value: not commander's negation of --table-scan
  // (so its value lands in opts.noTableScan, which the typings cannot tell from the flags)
  const noTableScan = new Option('--no-table-scan <bool>', 'refuse queries that need a collection scan: true or false') as Option as Option<'--noTableScan <bool>'>;
  noTableScan.negate = false;
  withDryRun(advanced.command('set <name>').description('change the advanced configuration'))
    .option('--min-tls <version>', 'minimum TLS version: TLS1_0, TLS1_1, TLS1_2 or TLS1_3')
    .option('--javascript-enabled <bool>', 'allow server-side JavaScript: true or false')
    .addOption(noTableScan)
    .option('--oplog-size-mb <n>', 'oplog size in MB (at least 990)')
    .option('--sample-size-bi-connector <n>', 'documents per database the BI Connector samples for the schema')
    .option('--sample-refresh-interval-bi-connector <seconds>', 'how often the BI Connector samples again')
    .addHelpText('after', '\nExamples:\n  $ atlascli cluster advanced set Cluster0 --min-tls TLS1_2 --javascript-enabled false\n  $ atlascli cluster advanced set Cluster0 --no-table-scan true --oplog-size-mb 2048')
    .action(lazy(rt, run('advancedSet'), { operationId: 'updateGroupClusterProcessArgs', view: ADVANCED_VIEW }));
}
