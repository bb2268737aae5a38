import type { Command, OptionValues } from '@commander-js/extra-typings';
import { examples, lazy, type Prints, type Runtime } from '../../program/action.js';
import { INDEX_VIEW, NAMESPACE_VIEW, SHAPE_VIEW } from './views.js';

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

/** Repeatable options: every value given, in order. */
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const HOST = 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017';

function withWindow<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(cmd: Command<Args, Opts, Globals>) {
  return cmd
    .option('--since <date>', 'start of the window: ISO 8601 or a time ago such as 2h (default: the last 24 hours)')
    .option('--until <date>', 'end of the window (needs --since; default now)');
}

/** The subcommands of `performance`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerPerformance(perf: Command, rt: Runtime): void {
  const NAMESPACES: Prints = { operationId: 'listGroupProcessPerformanceAdvisorNamespaces', view: NAMESPACE_VIEW };
  const SLOW: Prints = { operationId: 'listGroupProcessPerformanceAdvisorSlowQueryLogs', view: SHAPE_VIEW };
  const INDEXES: Prints = { operationId: 'listGroupProcessPerformanceAdvisorSuggestedIndexes', view: INDEX_VIEW };

  withWindow(perf.command('namespaces <host:port>').description('the collections with slow queries on one process (up to 20)'))
    .addHelpText('after', examples(`atlascli performance namespaces ${HOST}`, `atlascli performance namespaces ${HOST} --since 2h -o json`))
    .action(lazy(rt, run('namespaces'), NAMESPACES));

  withWindow(perf.command('slow-queries <host:port>').description("the slowest query shapes of one process, from Atlas's slow query log"))
    .option('--namespace <db.coll>', 'only this collection (repeatable)', collect)
    .addHelpText(
      'after',
      `
The table groups the slow query log lines by namespace and shape: the command's kind and
the field names of its filter, sort and pipeline stages (values dropped), read from each
line's attr.ns, attr.command, attr.planSummary, attr.durationMillis, attr.docsExamined and
attr.nreturned. Slowest shapes (most time in all) first. -o json prints the lines as served.${examples(
        `atlascli performance slow-queries ${HOST}`,
        `atlascli performance slow-queries ${HOST} --since 2026-11-01T10:00:00Z --until 2026-11-01T12:00:00Z`,
        `atlascli performance slow-queries ${HOST} --namespace sample_mflix.movies -o json`,
      )}`,
    )
    .action(lazy(rt, run('slowQueries'), SLOW));

  withWindow(perf.command('suggested-indexes <host:port>').description('the indexes the Performance Advisor suggests for one process, with their impact'))
    .option('--namespace <db.coll>', 'only this collection (repeatable)', collect)
    .addHelpText(
      'after',
      `
IMPACT is Atlas's weight (its estimate of the improvement); QUERIES and AVG MS are those of
the query shapes the index would serve. -o json prints the suggestions and shapes as served.${examples(
        `atlascli performance suggested-indexes ${HOST}`,
        `atlascli advisor suggested-indexes ${HOST} --namespace sample_mflix.comments --since 7d`,
      )}`,
    )
    .action(lazy(rt, run('suggestedIndexes'), INDEXES));
}
