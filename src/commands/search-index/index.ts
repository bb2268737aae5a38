import type { Command } from '@commander-js/extra-typings';
import { examples, lazy, withDryRun, withIfExists, withLimit, withWait, type Prints, type Runtime } from '../../program/action.js';
import { parseField } from './options.js';
import { SEARCH_INDEX_VIEW } from './views.js';

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

const INDEX: Prints = { operationId: ['getGroupClusterSearchIndex', 'createGroupClusterSearchIndex', 'updateGroupClusterSearchIndex'], view: SEARCH_INDEX_VIEW };

const INDEX_WAIT_HELP =
  "\nWaiting polls (every 1 s, backing off to 10 s; ATLASCLI_POLL_MS=<ms> for a fixed interval) with a spinner on a terminal, a line per change otherwise, on stderr. A build that FAILS ends the wait with Atlas's message and exit 1.";

const FIELD_HELP = `
--field (repeat it):
  search        path:<type>, type one of autocomplete, boolean, date,
                dateFacet, document, embeddedDocuments, geo, knnVector,
                number, numberFacet, objectId, string, stringFacet, token,
                uuid (a.b.c maps a nested field): static mappings (dynamic
                false). Without --field: dynamic mappings.
  vectorSearch  path:vector:<dims>:<similarity> (at least one): dims 1 to
                8192, similarity euclidean, cosine or dotProduct;
                path:filter: a field to pre-filter on.
The definition (from --file or flags) is checked against the spec's request
schema before anything is sent; what is wrong is named by its JSON pointer.`;

/** The subcommands of `search-index`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerSearchIndex(si: Command, rt: Runtime): void {
  withLimit(si.command('list <cluster>').description('list the Atlas Search and Vector Search indexes of a cluster, or of one collection'))
    .option('--db <database>', 'only the indexes of this database (with --collection)')
    .option('--collection <collection>', 'only the indexes of this collection (with --db)')
    .addHelpText('after', examples('atlascli search-index list Cluster0', 'atlascli search-index list Cluster0 --db sample_mflix --collection movies -o json'))
    .action(lazy(rt, run('list'), { operationId: ['listGroupClusterSearchIndexes', 'listGroupClusterSearchIndex'], view: SEARCH_INDEX_VIEW }));

  si.command('get <cluster> <indexId>')
    .description('one search index: its status, definition and the status on each host')
    .addHelpText(
      'after',
      examples(
        'atlascli search-index get Cluster0 6a7944f22c88faeba59d3572',
        "atlascli search-index get Cluster0 6a7944f22c88faeba59d3572 --query '{definition: latestDefinition}' -o json > def.json",
      ),
    )
    .action(lazy(rt, run('get'), INDEX));

  withDryRun(
    withWait(
      si
        .command('create <cluster>')
        .description('create a search or vector search index from flags or --file')
        .option('--file <path>', 'the whole request (JSON; - for stdin): name, database, collectionName, type and definition')
        .option('--name <name>', 'the index name (unique per collection)')
        .option('--db <database>', 'the database of the collection')
        .option('--collection <collection>', 'the collection to index')
        .option('--type <type>', 'search (default) or vectorSearch')
        .option('--field <spec>', 'a field to index (repeat it): path:<type>, path:vector:<dims>:<similarity> or path:filter', parseField),
      'the index is READY (PENDING → BUILDING → READY), then print it',
      INDEX_WAIT_HELP,
    ),
  )
    .addHelpText('after', FIELD_HELP)
    .addHelpText(
      'after',
      examples(
        'atlascli search-index create Cluster0 --name default --db sample_mflix --collection movies --wait',
        'atlascli search-index create Cluster0 --name titles --db sample_mflix --collection movies --field title:autocomplete --field genres:token --field year:number',
        'atlascli search-index create Cluster0 --name vectors --db sample_mflix --collection embedded_movies --type vectorSearch --field plot_embedding:vector:1536:dotProduct --field genres:filter --wait',
        'atlascli search-index create Cluster0 --file index.json --dry-run',
      ),
    )
    .action(lazy(rt, run('create'), INDEX));

  withDryRun(
    withWait(
      si
        .command('update <cluster> <indexId>')
        .description('replace the definition of a search index; Atlas rebuilds it and serves the old one meanwhile')
        .option('--file <path>', 'the new definition (required; JSON; - for stdin): {"definition": {…}}, or a create file (its definition is sent)'),
      'the index is READY again, then print it',
      INDEX_WAIT_HELP,
    ),
  )
    .addHelpText(
      'after',
      examples(
        'atlascli search-index update Cluster0 6a7944f22c88faeba59d3572 --file def.json --wait',
        'echo \'{"definition":{"mappings":{"dynamic":true}}}\' | atlascli search-index update Cluster0 6a7944f22c88faeba59d3572 --file -',
      ),
    )
    .action(lazy(rt, run('update'), INDEX));

  withIfExists(
    withDryRun(withWait(si.command('delete <cluster> <indexId>').description('delete a search index (asks first; --force in scripts)'), 'the index is gone', INDEX_WAIT_HELP)),
  )
    .addHelpText(
      'after',
      examples(
        'atlascli search-index delete Cluster0 6a7944f22c88faeba59d3572 --force',
        'atlascli search-index delete Cluster0 6a7944f22c88faeba59d3572 --force --wait --if-exists',
      ),
    )
    .action(lazy(rt, run('remove'), { fields: ['deleted', 'id', 'cluster'] }));
}
