import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { examples, lazy, withDryRun, withIfExists, withLimit, type Prints, type Runtime } from '../../program/action.js';
import { ADVANCED_SETTINGS, CLUSTER_GET_VIEW, CLUSTER_VIEW, REGIONS_VIEW, SAMPLE_JOB_VIEW } from './views.js';

/** Dedicated and free clusters come from the clusters API, Flex clusters from their own. */
const CLUSTER: Prints = {
  operationId: ['getGroupCluster', 'getGroupFlexCluster'],
  view: { columns: [...CLUSTER_VIEW.columns, ...CLUSTER_GET_VIEW.columns] },
};
const CLUSTER_LIST: Prints = {
  operationId: ['listGroupClusters', 'listGroupFlexClusters'],
  // --all-projects and --select: a PROJECT column (src/commands/fleet/fanout.ts)
  view: { columns: [...CLUSTER_VIEW.columns, { header: 'project', value: '__project' }] },
};
const SAMPLE: Prints = { operationId: 'getGroupSampleDatasetLoad', view: SAMPLE_JOB_VIEW };
const ADVANCED_VIEW = { columns: ADVANCED_SETTINGS.map((s) => ({ header: s.flag, value: s.key })) };

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

const extra =
  <N extends keyof typeof import('./extras.js')>(name: N) =>
  async () =>
    (await import('./extras.js'))[name];

const SELECT_HELP =
  '\n--select takes comma-separated terms that must all hold: name=<glob>, project=<glob>, tag:<key>=<value>, tier=M10, provider=AWS|GCP|AZURE, state=IDLE, paused=true|false, older-than=<duration>, newer-than=<duration> (by createDate: 30m, 12h, 7d, 2w, P1D). Globs: * ? [a-z] {a,b}.';

/** `--select`, `--all-projects`, `--apply`, `--concurrency`: the fleet form of an action (src/commands/fleet/actions.ts). */
function withFleet<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(cmd: Command<Args, Opts, Globals>, verb: string) {
  return cmd
    .option('--select <terms>', `${verb} every cluster that matches, instead of one by name (prints the plan; --apply runs it)`)
    .option('--all-projects', "with --select: the clusters of every project the credentials reach (with --org: that organization's)")
    .option('--apply', 'with --select: run the plan (without it nothing is changed)')
    .option('--concurrency <n>', 'with --apply: requests in flight at most, 1 to 16 (default 4)')
    .addHelpText('after', SELECT_HELP);
}

const WAIT_HELP = '\nWaiting polls the cluster (every 1 s, backing off to 10 s) until it is IDLE; set ATLASCLI_POLL_MS=<ms> for a fixed interval.';

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
    .option('--all-projects', "the clusters of every project the credentials reach (with --org: that organization's), with a PROJECT column")
    .option('--select <terms>', 'only the clusters that match every term (see below)')
    .addHelpText('after', SELECT_HELP)
    .addHelpText(
      'after',
      "\nExamples:\n  $ atlascli cluster list\n  $ atlascli cluster list -p 'Proj Beta' --query '[?paused].name' -o value\n  $ atlascli cluster list | cut -f1\n  $ atlascli cluster ls --all-projects -o json\n  $ atlascli cluster list --all-projects --select 'tag:env=dev,paused=false' -o jsonl",
    )
    .action(lazy(rt, run('list'), CLUSTER_LIST));
  cluster
    .command('get <name>')
    .description('one cluster')
    .addHelpText('after', '\nExamples:\n  $ atlascli cluster get Cluster0\n  $ atlascli cluster describe Cluster0 -o json')
    .action(lazy(rt, run('get'), CLUSTER));

  withDryRun(withWait(withClusterFlags(cluster.command('create <name>').description('create a cluster from flags or --file'), true)))
    .addHelpText('after', '\nWith no flags: an M10 replica set of 3 nodes on AWS US_EAST_1. Flags given with --file override the file.')
    .addHelpText(
      'after',
      '\nExamples:\n  $ atlascli cluster create demo --wait\n  $ atlascli cluster create free --tier M0 --provider AWS --region US_EAST_1\n  $ atlascli cluster create big --tier M30 --type SHARDED --shards 2 --backup --tag env=prod\n  $ atlascli cluster create copy --file cluster.json --dry-run',
    )
    .action(lazy(rt, run('create'), CLUSTER));
  withFleet(withDryRun(withWait(withClusterFlags(cluster.command('update [name]').description('change a cluster: sends only what differs'), false))), 'update')
    .addHelpText('after', '\n--file takes what `cluster get <name> -o json` prints: read-only fields are dropped, changed fields sent.')
    .addHelpText(
      'after',
      "\nExamples:\n  $ atlascli cluster update --select 'tag:env=prod' --all-projects --termination-protection --apply\n  $ atlascli cluster update Cluster0 --tier M20 --wait\n  $ atlascli cluster update Cluster0 --disk-gb 40 --termination-protection\n  $ atlascli cluster get Cluster0 -o json > c.json && atlascli cluster update Cluster0 --file c.json",
    )
    .action(lazy(rt, run('update'), CLUSTER));
  withFleet(withDryRun(withWait(cluster.command('pause [name]').description('pause a cluster, or every cluster --select matches'))), 'pause')
    .addHelpText(
      'after',
      "\nExamples:\n  $ atlascli cluster pause Cluster0\n  $ atlascli cluster pause ShardedCluster --wait\n  $ atlascli cluster pause --select 'tag:env=dev' --all-projects\n  $ atlascli cluster pause --select 'tag:env=dev' --all-projects --apply",
    )
    .action(lazy(rt, run('pause'), CLUSTER));
  withFleet(withDryRun(withWait(cluster.command('resume [name]').description('resume a paused cluster, or every cluster --select matches'))), 'resume')
    .addHelpText('after', "\nExamples:\n  $ atlascli cluster resume PausedCluster --wait\n  $ atlascli cluster resume --select 'tag:env=dev' --all-projects --apply")
    .action(lazy(rt, run('resume'), CLUSTER));
  withFleet(
    withIfExists(
      withDryRun(
        withWait(cluster.command('delete [name]').description('delete a cluster (asks first; --force in scripts), or every cluster --select matches (--apply --force)'), 'gone'),
      ),
    ),
    'delete',
  )
    .option('--retain-backups', 'keep the snapshots of the cluster')
    .addHelpText(
      'after',
      "\nExamples:\n  $ atlascli cluster delete PausedCluster\n  $ atlascli cluster rm ShardedCluster --force --wait\n  $ atlascli cluster delete --select 'name=ci-*,older-than=1d' --all-projects\n  $ atlascli cluster delete --select 'name=ci-*,older-than=1d' --all-projects --apply --force",
    )
    .action(lazy(rt, run('remove'), { fields: ['name', 'deleted', 'stateName'] }));
  withDryRun(cluster.command('failover <name>').description('test failover: restart the primaries (asks first; --force in scripts)'))
    .addHelpText('after', '\nExamples:\n  $ atlascli cluster failover Cluster0 --force')
    .action(lazy(rt, run('failover'), { fields: ['name', 'failover'] }));
  cluster
    .command('connection-string <name>')
    .description('print the connection string of a cluster (SRV by default), alone on stdout')
    .option('--type <type>', 'srv, standard, private, private-srv or private-endpoint (default srv)')
    .option('--wait', 'wait until the cluster has one (a cluster being created has none yet)')
    .option('--wait-timeout <seconds>', 'give up waiting after this long (default 1800)')
    .addHelpText('after', '\nExamples:\n  $ atlascli cluster connection-string Cluster0 --type standard\n  $ mongosh "$(atlascli cluster connection-string Cluster0)"')
    .action(lazy(rt, run('connectionString'), {}));
  withDryRun(
    cluster
      .command('connect <name> [command...]')
      .description('run a command (default mongosh) with MONGODB_URI for a temporary database user and access-list entry, removed afterwards')
      .option('--role <role@db>', 'a role of the temporary user (repeatable; default readWriteAnyDatabase@admin)', (v: string, prev: string[] = []) => [...prev, v])
      .option('--ttl <duration>', 'Atlas removes the user and the entry after this long even if atlascli is killed (default 1h, at most 7d)')
      .option('--type <type>', 'the connection string: srv or standard (default srv)')
      .option('--pass-credentials', 'pass the Atlas credentials (ATLAS_*, MONGODB_ATLAS_* keys and secrets) on to the command')
      .option('--wait-timeout <seconds>', 'give up waiting for the user and the entry after this long (default 1800)'),
  )
    .addHelpText(
      'after',
      "\nA database user with a generated password, scoped to the cluster, and an access-list entry for this machine's public" +
        '\naddress (unless one already allows it) are added with --ttl as a safety net; once both are usable the command runs with' +
        "\nMONGODB_URI (the connection string with the user's credentials) in its environment, never in its arguments, never" +
        '\nprinted. Afterwards both are removed: also when the command fails, on Ctrl-C, SIGTERM and SIGHUP. atlascli exits' +
        "\nwith the command's exit code (127 when it cannot be run; nothing is added then)." +
        '\n\nExamples:\n  $ atlascli cluster connect Cluster0' +
        '\n  $ atlascli cluster connect Cluster0 --role read@sales -- sh -c \'mongosh "$MONGODB_URI" --eval "db.runCommand({ping: 1})"\'' +
        '\n  $ atlascli cluster connect Cluster0 --ttl 30m -- npm run integration-tests',
    )
    .action(lazy(rt, async () => (await import('./connect.js')).connect));
  cluster
    .command('watch <name>')
    .description('wait until a cluster is IDLE (or gone, if it is being deleted), showing its state')
    .option('--wait-timeout <seconds>', 'give up after this long (default 1800)')
    .addHelpText('after', WAIT_HELP)
    .addHelpText('after', '\nExamples:\n  $ atlascli cluster watch Cluster0\n  $ atlascli cluster watch Cluster0 --wait-timeout 600 -o json')
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
    .addHelpText(
      'after',
      '\nExamples:\n  $ atlascli cluster advanced set Cluster0 --min-tls TLS1_2 --javascript-enabled false\n  $ atlascli cluster advanced set Cluster0 --no-table-scan true --oplog-size-mb 2048',
    )
    .action(lazy(rt, run('advancedSet'), { operationId: 'updateGroupClusterProcessArgs', view: ADVANCED_VIEW }));

  const sample = cluster
    .command('sample-data')
    .description("load MongoDB's sample datasets (sample_mflix, sample_airbnb…) into a cluster")
    .addHelpText(
      'after',
      examples(
        'atlascli cluster sample-data load Cluster0 --wait',
        'ID=$(atlascli cluster sample-data load Cluster0 --fields _id -o value) && atlascli cluster sample-data status Cluster0 "$ID"',
      ),
    );
  withDryRun(sample.command('load <cluster>').description('start loading the sample datasets into a cluster (a job: WORKING, then COMPLETED or FAILED)'))
    .option('--wait', "wait until the job is COMPLETED (exit 1 if it FAILED, with Atlas's message), then print it")
    .option('--wait-timeout <seconds>', 'give up waiting after this long (default 1800)')
    .addHelpText('after', examples('atlascli cluster sample-data load Cluster0 --wait -o json', 'atlascli cluster sample-data load Cluster0'))
    .action(lazy(rt, extra('sampleLoad'), SAMPLE));
  sample
    .command('status <cluster> <jobId>')
    .description('show a sample data load job: WORKING, COMPLETED or FAILED (with the reason)')
    .option('--wait', 'wait until the job is COMPLETED (exit 1 if it FAILED)')
    .option('--wait-timeout <seconds>', 'give up waiting after this long (default 1800)')
    .addHelpText(
      'after',
      examples(
        'ID=$(atlascli cluster sample-data load Cluster0 --fields _id -o value)',
        'atlascli cluster sample-data status Cluster0 "$ID"',
        'atlascli cluster sample-data status Cluster0 "$ID" --wait',
      ),
    )
    .action(lazy(rt, extra('sampleStatus'), SAMPLE));

  withDryRun(withWait(cluster.command('upgrade <name>').description('move a free (M0) or Flex cluster to a dedicated tier, keeping its name and data')))
    .option('--tier <tier>', 'the dedicated tier: M10, M20, M30…')
    .option('--provider <cloud>', "AWS, GCP or AZURE (default: the cluster's own)")
    .option('--region <region>', "region of the cloud (default: the cluster's own)")
    .addHelpText(
      'after',
      '\nA free cluster is upgraded with the tenant upgrade operation, a Flex cluster with the Flex upgrade; afterwards it is a dedicated cluster (`cluster update` changes it from then on).',
    )
    .addHelpText(
      'after',
      examples(
        'atlascli cluster upgrade FreeCluster --tier M10 --dry-run -p atlascli-sim-staging',
        'atlascli cluster upgrade FreeCluster --tier M10 --wait -p atlascli-sim-staging',
        'atlascli cluster upgrade FlexCluster --tier M20 --provider GCP --region CENTRAL_US -p atlascli-sim-staging',
      ),
    )
    .action(lazy(rt, extra('upgrade'), CLUSTER));

  cluster
    .command('regions')
    .description('the regions and dedicated tiers Atlas offers on each cloud, for this project')
    .option('--provider <cloud>', 'AWS, GCP or AZURE (default: all three)')
    .option('--tier <tier>', 'only the regions that offer this tier: M10, M30…')
    .addHelpText('after', examples('atlascli cluster regions --provider AWS --tier M10', 'atlascli cluster regions -o json --query "[].provider"'))
    .action(lazy(rt, extra('regions'), { operationId: 'listGroupClusterProviderRegions', view: REGIONS_VIEW }));
}
