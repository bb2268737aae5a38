/**
 * `atlascli stream …` (alias `streams`): Atlas Stream Processing. Workspaces (the API's
 * current name; they were called stream instances, and the API's paths still say
 * `tenantName`), their connection registries and their stream processors. The group's
 * header is in ../../program/groups.ts; the handlers are in run.ts.
 */
import type { Command } from '@commander-js/extra-typings';
import { examples, lazy, withDryRun, withIfExists, withLimit, type Runtime } from '../../program/action.js';
import { CONNECTION_VIEW, PROCESSOR_VIEW, WORKSPACE_VIEW } from './views.js';
import { STREAM_PROVIDERS, STREAM_TIERS } from './options.js';

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

const NAMES = '\nA workspace is what Atlas called a stream instance before (the API now says workspace; its paths still say tenantName).';

export function registerStream(stream: Command, rt: Runtime): void {
  const instance = stream
    .command('instance')
    .aliases(['instances', 'workspace', 'workspaces'])
    .description('stream workspaces (formerly stream instances): where stream processors run')
    .addHelpText('after', `${NAMES}\n${examples('atlascli stream instance list', 'atlascli stream instance create events --provider AWS --region VIRGINIA_USA --tier SP10')}`);

  withLimit(instance.command('list').description('list the stream workspaces of the project'))
    .addHelpText('after', examples('atlascli stream instance list', "atlascli stream instance list -o json | jq -r '.[].name'"))
    .action(lazy(rt, run('instanceList'), { operationId: 'listGroupStreamWorkspaces', view: WORKSPACE_VIEW }));

  instance
    .command('get <workspace>')
    .description('one stream workspace: its region, tier and host names')
    .addHelpText('after', examples('atlascli stream instance get sp-main -o json'))
    .action(lazy(rt, run('instanceGet'), { operationId: 'getGroupStreamWorkspace', view: WORKSPACE_VIEW }));

  withDryRun(
    instance
      .command('create <workspace>')
      .description('create a stream workspace')
      .option('--provider <provider>', `the cloud: ${STREAM_PROVIDERS.join(', ')} (default AWS)`)
      .option('--region <region>', 'the region, as Atlas Stream Processing names it: VIRGINIA_USA, FRANKFURT_DEU (AWS), eastus (AZURE), US_CENTRAL1 (GCP)…')
      .option('--tier <tier>', `the tier: ${STREAM_TIERS.join(', ')} (default: Atlas's)`),
  )
    .addHelpText(
      'after',
      `${NAMES}\n${examples(
        'atlascli stream instance create events-dev --region VIRGINIA_USA',
        'atlascli stream instance create events-eu --provider AZURE --region westeurope --tier SP30',
      )}`,
    )
    .action(lazy(rt, run('instanceCreate'), { operationId: 'createGroupStreamWorkspace', view: WORKSPACE_VIEW }));

  withIfExists(withDryRun(instance.command('delete <workspace>').description('delete a stream workspace (asks first; --force in scripts); its processors must be deleted first')))
    .addHelpText('after', examples('atlascli stream instance delete events --force'))
    .action(lazy(rt, run('instanceDelete'), { fields: ['name', 'deleted'] }));

  const connection = stream
    .command('connection')
    .alias('connections')
    .description("a stream workspace's connection registry: clusters, Kafka, HTTPS… (credentials never printed)")
    .addHelpText('after', examples('atlascli stream connection list sp-main', 'atlascli stream connection create sp-main --file kafka.json'));

  withLimit(connection.command('list <workspace>').description('list the connections of a stream workspace'))
    .addHelpText('after', examples('atlascli stream connection list sp-main'))
    .action(lazy(rt, run('connectionList'), { operationId: 'listGroupStreamConnections', view: CONNECTION_VIEW }));

  connection
    .command('get <workspace> <connection>')
    .description('one connection (credentials never printed)')
    .addHelpText('after', examples('atlascli stream connection get sp-main kafka-prod -o json'))
    .action(lazy(rt, run('connectionGet'), { operationId: 'getGroupStreamConnection', view: CONNECTION_VIEW }));

  withDryRun(
    connection
      .command('create <workspace>')
      .description("add a connection from a JSON file (the API's document, checked against the spec before sending)")
      .option('--file <file>', 'the connection as JSON (- for stdin): {"name","type":"Kafka"|"Cluster"|…, …}'),
  )
    .addHelpText(
      'after',
      `\nCredentials in the file (passwords, SSL keys, client secrets) are sent, never printed: not in the answer, --dry-run, --debug or errors.\n${examples(
        'atlascli stream connection create sp-main --file kafka.json',
        `echo '{"name":"orders","type":"Cluster","clusterName":"Cluster0","dbRoleToExecute":{"role":"atlasAdmin","type":"BUILT_IN"}}' | atlascli stream connection create sp-main --file -`,
      )}`,
    )
    .action(lazy(rt, run('connectionCreate'), { operationId: 'getGroupStreamConnection', view: CONNECTION_VIEW }));

  withIfExists(withDryRun(connection.command('delete <workspace> <connection>').description('delete a connection (asks first; --force in scripts)')))
    .addHelpText('after', examples('atlascli stream connection delete sp-main kafka-prod --force'))
    .action(lazy(rt, run('connectionDelete'), { fields: ['name', 'deleted'] }));

  const processor = stream
    .command('processor')
    .alias('processors')
    .description('stream processors: pipelines from a source connection to a sink, and their state (CREATED, STARTED, STOPPED, FAILED)')
    .addHelpText('after', examples('atlascli stream processor list sp-main', 'atlascli stream processor start sp-main solarDemo'));

  withLimit(processor.command('list <workspace>').description('list the processors of a stream workspace, with their state'))
    .addHelpText('after', examples('atlascli stream processor list sp-main', 'atlascli stream processor list sp-main -o json | jq -r \'.[] | select(.state == "FAILED") | .name\''))
    .action(lazy(rt, run('processorList'), { operationId: 'getGroupStreamProcessors', view: PROCESSOR_VIEW }));

  processor
    .command('get <workspace> <processor>')
    .description('one processor: its pipeline and state')
    .addHelpText('after', examples('atlascli stream processor get sp-main solarDemo -o json'))
    .action(lazy(rt, run('processorGet'), { operationId: 'getGroupStreamProcessor', view: PROCESSOR_VIEW }));

  withDryRun(
    processor
      .command('create <workspace>')
      .description('create a processor from a JSON file: {"name", "pipeline": [{"$source": …}, …, {"$merge": …}], "options"?} (checked against the spec before sending)')
      .option('--file <file>', 'the processor as JSON (- for stdin)'),
  )
    .addHelpText(
      'after',
      examples(
        'atlascli stream processor create sp-main --file solar.json',
        `echo '{"name":"solar","pipeline":[{"$source":{"connectionName":"sample_stream_solar"}},{"$merge":{"into":{"connectionName":"Cluster0","db":"iot","coll":"solar"}}}]}' | atlascli stream processor create sp-main --file -`,
        'atlascli stream processor start sp-main solar',
      ),
    )
    .action(lazy(rt, run('processorCreate'), { operationId: 'getGroupStreamProcessor', view: PROCESSOR_VIEW }));

  withDryRun(processor.command('start <workspace> <processor>').description('start a processor (one already started is left alone: nothing is sent)'))
    .addHelpText('after', examples('atlascli stream processor start sp-main solarDemo'))
    .action(lazy(rt, run('processorStart'), { operationId: 'getGroupStreamProcessor', view: PROCESSOR_VIEW }));

  withDryRun(processor.command('stop <workspace> <processor>').description('stop a processor (one not running is left alone: nothing is sent)'))
    .addHelpText('after', examples('atlascli stream processor stop sp-main solarDemo'))
    .action(lazy(rt, run('processorStop'), { operationId: 'getGroupStreamProcessor', view: PROCESSOR_VIEW }));

  withIfExists(withDryRun(processor.command('delete <workspace> <processor>').description('delete a processor, running or not (asks first; --force in scripts)')))
    .addHelpText('after', examples('atlascli stream processor delete sp-main solarDemo --force'))
    .action(lazy(rt, run('processorDelete'), { fields: ['name', 'deleted'] }));
}
