import { Option, type Command, type CommandUnknownOpts, type OptionValues } from '@commander-js/extra-typings';
import type { GlobalOptions } from '../../program/context.js';
import { lazy, withLimit, type CheckedOptions, type Runtime } from '../../program/action.js';
import type { ApiOptions } from './define.js';

const LIST_FIELDS = ['operationId', 'method', 'path', 'summary', 'tag', 'deprecated'];

/**
 * The action of `api <operationId>`: like `lazy`, except that `--fields` is checked by
 * the handler, once the operation (known only from argv) and what it prints are known;
 * still before any request.
 */
function invokeAction(rt: Runtime) {
  return async <Given extends OptionValues>(...params: [...unknown[], CheckedOptions<Given, ApiOptions>, CommandUnknownOpts]): Promise<void> => {
    const cmd = params[params.length - 1] as CommandUnknownOpts;
    const { Context } = await import('../../program/context.js');
    const ctx = await Context.create(rt.io, cmd.optsWithGlobals() as GlobalOptions, rt.version, rt.cleanup);
    rt.ctx = ctx;
    const { invoke } = await import('./run.js');
    const { withNames } = await import('../../program/names.js');
    await withNames(ctx, () => invoke(ctx, cmd.args, cmd.opts() as ApiOptions));
  };
}

export function registerApi(program: Command, rt: Runtime): void {
  const api = program
    .command('api')
    .description('call any operation of the Atlas Administration API by its operationId, checked against the official spec before sending')
    .argument('[operationId]', 'the operation, e.g. getGroup (atlascli api list)')
    .argument('[params...]', "the operation's path and query parameters: --<param> value (spec name or kebab case)")
    .addOption(new Option('--api-version <YYYY-MM-DD>', 'API version (default: the newest the operation offers)'))
    .option('--file <path>', 'request body: a JSON file')
    .option('--body <source>', 'request body: - reads JSON from stdin')
    .option('--all', 'paginated operations: every page, as one JSON array (-o jsonl: one item a line)')
    .option('--limit <n>', 'with --all: stop after N items (api list: show N operations)')
    .option('--out <file>', 'binary answers (gzip logs): the file to save to, or - for stdout (required for them; an existing file is kept unless --force)')
    .option('--dry-run', 'print the request it would send and exit')
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText(
      'after',
      `
--version <YYYY-MM-DD> after \`api\` pins the API version (above: --api-version).
Parameters are checked before sending: path values against the spec's patterns
and enums, query values against types, enums and ranges, the body against the
request schema of the version used. groupId and orgId default to the configured
project and organization. Output is the answer's JSON (-o jsonl: one item a line
for lists).

Examples:
  $ atlascli api list --tag Clusters
  $ atlascli api getGroup
  $ atlascli api listGroupClusters --all -o json
  $ atlascli api getGroupCluster --clusterName Cluster0 --version 2024-08-05
  $ atlascli api createGroup --body - < project.json
  $ atlascli api downloadGroupClusterLog --hostName <host> --logName mongodb --out mongodb.log.gz
  $ atlascli api getGroupCluster --help`,
    )
    .action(invokeAction(rt));
  api.configureHelp({
    ...program.configureHelp(),
    optionTerm: (o) => (o.long === '--api-version' ? '--api-version, --version <YYYY-MM-DD>' : o.flags),
  });

  const list = withLimit(
    api
      .command('list')
      .description('list the operations of the API: operationId, method, path, summary')
      .option('--tag <tag>', "only the operations of a tag of the spec (Clusters, 'Cloud Backups' …)")
      .option('--grep <text>', 'only the operations whose operationId, path, summary or description contain the text'),
  );
  list.addHelpText('after', '\nExamples:\n  $ atlascli api list --tag Clusters\n  $ atlascli api list --grep snapshot -o json').action(
    lazy(
      rt,
      async () => {
        const { list: run } = await import('./run.js');
        // `--limit` after `api list` is taken by `api` itself (commander parses a parent's options first)
        return (ctx, args, opts: { limit?: string }) => run(ctx, args, { ...opts, limit: opts.limit ?? (api.opts() as { limit?: string }).limit });
      },
      { fields: LIST_FIELDS },
    ),
  );
}
